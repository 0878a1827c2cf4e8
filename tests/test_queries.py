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
