"""Result writers and the query reader of `ratsgraph.query`: what the row cap, the server and the
CLI rely on. Our JSON/XML/TSV are read back with pyoxigraph's parsers and rdflib's."""

from __future__ import annotations

import json

import pytest
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, QueryResultsFormat, Store, parse_query_results

from ratsgraph.query import execute, keywords, operation, uses_service

XSD = "http://www.w3.org/2001/XMLSchema#"
QUERY = "SELECT ?s ?o ?missing WHERE { ?s <https://example.org/p> ?o OPTIONAL { ?s <https://example.org/q> ?missing } } ORDER BY STR(?o)"


@pytest.fixture(scope="module")
def store():
    store = Store()
    s, p = NamedNode("https://example.org/s"), NamedNode("https://example.org/p")
    values = [Literal("Beschluss <&> \"zitiert\"\tmit Tab\nund Zeile", language="de"),
              Literal("42", datatype=NamedNode(XSD + "integer")), Literal("2021-12-13", datatype=NamedNode(XSD + "date")),
              NamedNode("https://example.org/o?a=1&b=2"), BlankNode("b1"), Literal("plain")]
    for value in values:
        store.add(Quad(s, p, value))
    return store


@pytest.mark.parametrize("fmt,reader", [("json", QueryResultsFormat.JSON), ("xml", QueryResultsFormat.XML),
                                        ("tsv", QueryResultsFormat.TSV)])
def test_writers_read_back_to_the_same_solutions(store, fmt, reader):
    answer = execute(store, QUERY, fmt)
    ours = list(parse_query_results(answer.data, format=reader))
    theirs = list(parse_query_results(store.query(QUERY).serialize(format=reader), format=reader))
    assert [[(row[v], ) for v in ("s", "o", "missing")] for row in ours] == \
        [[(row[v], ) for v in ("s", "o", "missing")] for row in theirs]
    assert answer.rows == 6 and not answer.truncated


@pytest.mark.parametrize("fmt,rdflib_format", [("json", "json"), ("xml", "xml")])
def test_rdflib_reads_our_results(store, fmt, rdflib_format):
    from rdflib.query import Result

    result = Result.parse(source=__import__("io").BytesIO(execute(store, QUERY, fmt, max_rows=2).data),
                          format=rdflib_format)
    assert len(list(result)) == 2


def test_row_cap_cuts_and_says_so(store):
    answer = execute(store, QUERY, "json", max_rows=2)
    data = json.loads(answer.data)
    assert answer.truncated and answer.rows == 2 and len(data["results"]["bindings"]) == 2
    assert data["ratsgraph"] == {"truncated": True, "maxRows": 2}
    assert b"cut at 2 rows" in execute(store, QUERY, "xml", max_rows=2).data
    assert "cut at the row cap" in execute(store, QUERY, "table", max_rows=2).data.decode()
    exact = execute(store, QUERY, "json", max_rows=6)
    assert not exact.truncated and "ratsgraph" not in json.loads(exact.data)


def test_csv_quotes_and_graph_results(store):
    csv = execute(store, QUERY, "csv").data.decode()
    assert csv.startswith("s,o,missing\r\n") and '"Beschluss <&> ""zitiert""' in csv
    graph = execute(store, "CONSTRUCT WHERE { ?s ?p ?o }", "turtle")
    assert graph.kind == "graph" and len(rdflib.Graph().parse(data=graph.data, format="turtle")) == 6


@pytest.mark.parametrize("text,form,service", [
    ("SELECT * WHERE { ?s ?p ?o }", "select", False),
    ("PREFIX ex: <https://example.org/> # SELECT in a comment\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }",
     "construct", False),
    ("BASE <https://example.org/> DESCRIBE <x>", "describe", False),
    ("ASK { ?s ?p ?o }", "ask", False),
    ("INSERT DATA { <a:b> <a:c> 'SELECT' }", "update", False),
    ("PREFIX ex: <https://example.org/> DELETE WHERE { ?s ?p ?o }", "update", False),
    ("WITH <g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "update", False),
    ("LOAD <http://example.org/x>", "update", False),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "select", True),
    ("select * where { service silent ?e { ?s ?p ?o } }", "select", True),
    ('SELECT * WHERE { ?s ?p "SERVICE" . ?s ex:SERVICE ?service } # SERVICE', "select", False),
    ('SELECT * WHERE { ?s ?p """a\n SERVICE <x> { }""" }', "select", False),
    ("SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }", "select", False),
    ("nonsense", "unknown", False),
])
def test_operation_and_service(text, form, service):
    assert operation(text) == form
    assert uses_service(text) is service


def test_keywords_skip_prefixed_names_and_variables():
    assert keywords("SELECT ?select WHERE { ?s a ex:WHERE }") == ["SELECT", "WHERE", "A"]
