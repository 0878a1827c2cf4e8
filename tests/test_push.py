"""`ratsgraph push` into a real Oxigraph server over the Graph Store Protocol (acceptance 4 of
issue 5). The test installs the `oxigraph` server (PyPI) into the environment when it is missing
and skips, saying why, only when that installation fails."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratsgraph.cli import main
from ratsgraph.store import GraphStore

from .conftest import ROOT


def _oxigraph_binary() -> str | None:
    candidates = [Path(sys.executable).parent / "oxigraph", shutil.which("oxigraph")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return str(candidate)
    return None


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A running Oxigraph server on 127.0.0.1: yields its base URL."""
    binary = _oxigraph_binary()
    if binary is None:
        install = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "oxigraph"],
                                 capture_output=True, text=True, timeout=600)
        binary = _oxigraph_binary()
        if binary is None:
            pytest.skip(f"the Oxigraph server (PyPI oxigraph) could not be installed: "
                        f"{' '.join((install.stderr or install.stdout).split())[-300:]}")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    location = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2):
                break
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"oxigraph serve did not start: {process.stderr.read().decode()[-500:]}")
            time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    process.stderr.close()


def _select(url: str, query: str) -> list[dict]:
    request = urllib.request.Request(f"{url}/query", data=urllib.parse.urlencode({"query": query}).encode(),
                                     headers={"Accept": "application/sparql-results+json",
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["results"]["bindings"]


def _graph_counts(url: str) -> dict[str, int]:
    rows = _select(url, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def _union_count(url: str) -> int:
    rows = _select(url, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    return int(rows[0]["n"]["value"])


def test_push_the_store_and_query_the_counts_back(oxigraph, golden_store):
    """Acceptance 4: push the samples' store, then the same counts come back from Oxigraph."""
    with GraphStore.open(golden_store) as store:
        expected = {g.value: store.quad_count(g) for g in store.graphs()}
        union = store.triple_count()
        decisions = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?d a rg:Decision }", "csv")
    endpoint = f"{oxigraph}/store"
    result = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "--store", str(golden_store)])
    assert result.exit_code == 0, result.output
    assert _graph_counts(oxigraph) == expected
    assert _union_count(oxigraph) == union
    rows = _select(oxigraph, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a "
                             "<https://w3id.org/ratsgraph/vocab#Decision> } }")
    assert rows[0]["n"]["value"] == decisions.decode().split()[1]
    print(f"acceptance 4: {len(expected)} graphs, {sum(expected.values())} quads, {union} distinct triples "
          "pushed and counted back")

    again = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "--store", str(golden_store)])
    assert again.exit_code == 0
    assert _graph_counts(oxigraph) == expected, "PUT replaces each graph: pushing twice adds nothing"


def test_push_files_into_one_graph(oxigraph):
    graph = "https://example.org/ratsgraph/test/pushed-files"
    files = [ROOT / "tests" / "data" / "graphs" / "d029.nq", ROOT / "tests" / "data" / "graphs" / "d030.nq"]
    result = CliRunner().invoke(main, ["push", "--endpoint", f"{oxigraph}/store", "--graph", graph,
                                       *map(str, files)])
    assert result.exit_code == 0, result.output
    assert _graph_counts(oxigraph)[graph] > 500


def test_push_reports_an_unreachable_endpoint(golden_store, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(main, ["push", "--endpoint", f"http://127.0.0.1:{port}/store",
                                       "--store", str(golden_store), "--graph", "file/" + "0" * 40])
    assert result.exit_code == 1 and "no such graph" in result.stderr
    missing = tmp_path / "missing.ttl"
    result = CliRunner().invoke(main, ["push", "--endpoint", f"http://127.0.0.1:{port}/store",
                                       str(ROOT / "tests" / "data" / "graphs" / "d030.nq"), str(missing)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert any("missing.ttl: no such file" in line for line in errors)
    assert any("cannot reach" in line for line in errors)
    assert CliRunner().invoke(main, ["push", "--endpoint", "http://127.0.0.1:1/store"]).exit_code == 2
