"""The sample analyst queries (samples/queries/*.rq) give their expected results, through the
command line and over HTTP, on the committed golden graphs (acceptance 2 of issue 5).

The expected results are files; rebuild them with `python -m tests.regenerate` (see there)."""

from __future__ import annotations

import csv
import io
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from ratsgraph.cli import main
from ratsgraph.examples import example_queries
from ratsgraph.query import operation

from .regenerate import canonical_ntriples, expected_path, golden_graphs

QUERIES = example_queries()
GRAPH_FORMS = ("construct", "describe")


def _is_graph(query) -> bool:
    return operation(query.text) in GRAPH_FORMS


def _rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    """Header and rows of SPARQL CSV, rows sorted: results compare as multisets (ties in ORDER BY
    may come in any order)."""
    table = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    return (table[0] if table else []), sorted(table[1:])


def _expected(query) -> bytes:
    path = expected_path(query.name, _is_graph(query))
    if not path.exists():
        pytest.fail(f"{path} is missing: run `python -m tests.regenerate --results`")
    return path.read_bytes()


def _compare(query, actual: bytes) -> None:
    expected = _expected(query)
    if _is_graph(query):
        assert canonical_ntriples(actual) == expected, f"{query.name}: triples differ from {expected_path(query.name, True)}"
    else:
        assert _rows(actual) == _rows(expected), f"{query.name}: rows differ from {expected_path(query.name, False)}"


def test_there_are_enough_documented_queries():
    assert len(QUERIES) >= 12
    for query in QUERIES:
        assert query.title.endswith(("?", ")")) or len(query.title) > 20, f"{query.name}: state the question"
        assert query.text.startswith("#"), f"{query.name}: begin with a comment saying what it asks"
    assert len(golden_graphs()) >= 5, "golden graphs missing: python -m tests.regenerate"


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_through_cli(query, golden_store):
    fmt = "nt" if _is_graph(query) else "csv"
    result = CliRunner().invoke(main, ["query", "--store", str(golden_store), "-q",
                                       f"samples/queries/{query.name}.rq", "--format", fmt])
    assert result.exit_code == 0, result.output
    _compare(query, result.stdout_bytes)


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_query_over_http(query, live_server):
    _, url = live_server
    fmt = "application/n-triples" if _is_graph(query) else "text/csv"
    request = urllib.request.Request(f"{url}/sparql", data=urllib.parse.urlencode({"query": query.text}).encode(),
                                     headers={"Accept": fmt, "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith(fmt)
        assert response.headers.get("X-Ratsgraph-Truncated") is None
        _compare(query, response.read())


def _non_empty_params():
    for query in QUERIES:
        marks = [pytest.mark.xfail(strict=True, reason=query.expect_empty)] if query.expect_empty else []
        yield pytest.param(query, marks=marks, id=query.name)


@pytest.mark.parametrize("query", list(_non_empty_params()))
def test_query_answers_something(query):
    """Each query returns at least one row on the samples; a query marked `# expect-empty:` says why
    not yet, and fails here (strict xfail) once it does, so the marker gets removed."""
    data = _expected(query)
    rows = len(data.splitlines()) if _is_graph(query) else len(_rows(data)[1])
    assert rows >= 1


# -- rewritten for Oxigraph's planner: same answers as the plain formulation -----------------------
#
# Some sample queries are written so that Oxigraph joins on variables its triple patterns bind
# (a join on a variable that BIND, COALESCE or OPTIONAL may leave unbound becomes a nested loop:
# quadratic), or so that fewer lookups are made per row (a filter applied before the rest of the
# row is looked up; two parts joined once on the variable they share). Each is checked here against
# its plain first formulation, on a small graph that takes every branch, including those the golden
# graphs do not take; the rows must come in the same order.

PLAIN_FORMULATIONS = {
    "decisions-per-gremium-and-year": """
SELECT ?body ?gremium ?year (COUNT(DISTINCT ?decision) AS ?decisions)
WHERE {
  { SELECT ?decision ?organization ?start WHERE {
      ?decision a rg:Decision ; rg:agendaItem ?item .
      OPTIONAL { ?decision rg:decidedBy ?decidedBy }
      OPTIONAL { ?item oparl:meeting ?meeting . ?meeting oparl:organization ?meetingOrganization .
                 OPTIONAL { ?meeting oparl:start ?start } }
      BIND (COALESCE(?decidedBy, ?meetingOrganization) AS ?organization)
      FILTER (BOUND(?organization)) } }
  ?organization oparl:name ?gremium .
  OPTIONAL { ?organization oparl:body/oparl:name ?body }
  BIND (YEAR(?start) AS ?year)
}
GROUP BY ?body ?gremium ?year ORDER BY ?body ?gremium ?year""",
    "money-per-resolution": """
SELECT ?resolution ?kind (COUNT(?amount) AS ?amounts) (SUM(?value) AS ?total)
WHERE {
  { SELECT DISTINCT ?resolution ?amount ?value WHERE {
      ?resolution a rg:Resolution .
      { ?amount rg:mentionedIn ?resolution }
      UNION { ?amount rg:mentionedIn ?clause . ?clause eli:is_part_of ?resolution }
      ?amount schema:value ?value . } }
  OPTIONAL { ?resolution rg:resolutionKind ?kind }
}
GROUP BY ?resolution ?kind ORDER BY ?resolution""",
    "amounts-per-agenda-item": """
SELECT ?item ?title (COUNT(DISTINCT ?amount) AS ?amounts) (MAX(?value) AS ?largest)
WHERE {
  ?amount a schema:MonetaryAmount ; schema:value ?value ; rg:mentionedIn ?where .
  OPTIONAL { ?where eli:is_part_of ?resolutionOfClause }
  BIND (COALESCE(?resolutionOfClause, ?where) AS ?text)
  { ?text a oparl:AgendaItem . BIND (?text AS ?item) }
  UNION { ?text rg:agendaItem ?item }
  UNION { ?decision rg:resolution ?text ; rg:agendaItem ?item }
  OPTIONAL { ?item oparl:name ?title }
}
GROUP BY ?item ?title ORDER BY ?item""",
    "non-unanimous-votes": """
SELECT ?decision ?item ?outcome ?votesFor ?votesAgainst ?abstentions ?resultText
WHERE {
  ?decision a rg:Decision ; rg:agendaItem ?item ; rg:outcome ?outcome .
  OPTIONAL { ?decision rg:unanimous ?unanimous }
  OPTIONAL { ?decision rg:votesFor ?votesFor }
  OPTIONAL { ?decision rg:votesAgainst ?votesAgainst }
  OPTIONAL { ?decision rg:abstentions ?abstentions }
  OPTIONAL { ?decision rg:resultText ?resultText }
  FILTER (COALESCE(?unanimous = false, false) || COALESCE(?votesAgainst > 0, false))
}
ORDER BY ?decision""",
}

BRANCHES_TTL = """
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:body oparl:name "Kreis" .
ex:council oparl:name "Kreistag" ; oparl:body ex:body .
ex:committee oparl:name "Finanzausschuss" .
ex:m1 oparl:organization ex:council ; oparl:start "2021-03-01"^^xsd:date .
ex:m2 oparl:organization ex:committee .
ex:m3 oparl:start "2022-01-01"^^xsd:date .
ex:i1 oparl:meeting ex:m1 .  ex:i2 oparl:meeting ex:m2 .  ex:i3 oparl:meeting ex:m3 .
ex:i4 oparl:meeting ex:m1, ex:m2 .
ex:d1 a rg:Decision ; rg:agendaItem ex:i1 ; rg:decidedBy ex:committee .
ex:d2 a rg:Decision ; rg:agendaItem ex:i1 .
ex:d3 a rg:Decision ; rg:agendaItem ex:i2 .
ex:d4 a rg:Decision ; rg:agendaItem ex:i3 .
ex:d5 a rg:Decision ; rg:agendaItem ex:i3 ; rg:decidedBy ex:council .
ex:d6 a rg:Decision ; rg:agendaItem ex:i4 .
ex:d7 a rg:Decision ; rg:agendaItem ex:i4 ; rg:decidedBy ex:council, ex:committee .
ex:r1 a rg:Resolution ; rg:resolutionKind "Beschluss" .
ex:r2 a rg:Resolution .
ex:c1 eli:is_part_of ex:r1 .  ex:c2 eli:is_part_of ex:r2, ex:r1 .
ex:a1 rg:mentionedIn ex:r1 ; schema:value 100 .
ex:a2 rg:mentionedIn ex:c1, ex:r1 ; schema:value 20 .
ex:a3 rg:mentionedIn ex:c2 ; schema:value 3, 4 .
ex:a4 rg:mentionedIn ex:i1 ; schema:value 5 .
ex:a1 a schema:MonetaryAmount .  ex:a2 a schema:MonetaryAmount .  ex:a3 a schema:MonetaryAmount .
ex:a4 a schema:MonetaryAmount .  ex:a5 a schema:MonetaryAmount .  ex:a6 a schema:MonetaryAmount .
ex:a5 rg:mentionedIn ex:s1, ex:d3 ; schema:value 7 .
ex:a6 rg:mentionedIn ex:x1 ; schema:value 8 .
ex:i1 a oparl:AgendaItem ; oparl:name "Haushalt" .
ex:i2 a oparl:AgendaItem ; oparl:name "Schulbau", "Schulbau (neu)" .
ex:s1 a rg:Statement ; rg:agendaItem ex:i2 .
ex:d1 rg:resolution ex:r1 ; rg:outcome ex:adopted ; rg:unanimous false ; rg:resultText "mehrheitlich" .
ex:d2 rg:outcome ex:adopted ; rg:votesFor 10 ; rg:votesAgainst 3 ; rg:abstentions 1 .
ex:d3 rg:outcome ex:rejected ; rg:unanimous true ; rg:votesAgainst 0 .
ex:d5 rg:resolution ex:r2 ; rg:outcome ex:adopted, ex:referred ; rg:unanimous false ; rg:votesAgainst 2 .
ex:d6 rg:outcome ex:adopted .
ex:d7 rg:outcome ex:adopted ; rg:votesAgainst 1, 4 .
"""


@pytest.mark.parametrize("name", sorted(PLAIN_FORMULATIONS))
def test_rewritten_query_answers_as_the_plain_one(name):
    from pyoxigraph import RdfFormat, Store

    from ratsgraph.query import execute, prologue

    store = Store()
    store.load(prologue() + BRANCHES_TTL, format=RdfFormat.TURTLE)  # SPARQL's PREFIX lines are Turtle too
    query = next(q for q in QUERIES if q.name == name)
    rewritten = execute(store, query.text, "csv").data
    plain = execute(store, PLAIN_FORMULATIONS[name], "csv").data
    assert rewritten.splitlines() == plain.splitlines()
    assert len(plain.splitlines()) >= 3
