"""`ratsgraph serve`: the SPARQL 1.1 Protocol, read-only, timeouts, the row cap, resource pages
with content negotiation, the dataset description (acceptance 3 of issue 5).

Most tests call `App.handle` in this process (no socket); `live_server` adds a real port; one
test starts `ratsgraph serve` as a subprocess, as a user would."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import QueryResultsFormat, parse_query_results

from ratsgraph.serve import App, Request, Settings

BASE = "https://example.org/ratsgraph/"
KREISTAG = "/body/kreis-mettmann/organization/kreistag"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
OUTCOMES = ("SELECT ?outcome (COUNT(*) AS ?n) WHERE { ?d rg:outcome ?outcome } "
            "GROUP BY ?outcome ORDER BY ?outcome")
CAP = 10  # the row cap of the test app: above the 7 outcomes, below the decisions


@pytest.fixture(scope="module")
def outcomes(golden_store) -> int:
    """How many outcome rows the golden graphs give (they change when extraction does)."""
    from ratsgraph.store import GraphStore

    with GraphStore.open(golden_store) as store:
        return len(store.query(OUTCOMES, "csv").splitlines()) - 1


@pytest.fixture(scope="module")
def app(golden_store):
    app = App(golden_store, Settings(workers=1, max_rows=CAP, query_timeout=20.0, cors=True))
    app.start()
    yield app
    app.close()


def get(app, path, accept=None, **params):
    headers = {"host": "test.local"}
    if accept:
        headers["accept"] = accept
    return app.handle(Request("GET", path, {k: [v] for k, v in params.items()}, headers))


def post(app, path, body: bytes, content_type: str, accept=None):
    headers = {"host": "test.local", "content-type": content_type}
    if accept:
        headers["accept"] = accept
    return app.handle(Request("POST", path, {}, headers, body))


def body(response) -> bytes:
    return response.body if isinstance(response.body, bytes) else b"".join(response.body)


# -- SPARQL protocol ---------------------------------------------------------------------------------

@pytest.mark.parametrize("accept,fmt", [
    ("application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/csv", QueryResultsFormat.CSV),
    ("text/tab-separated-values", QueryResultsFormat.TSV),
])
def test_select_by_accept(app, outcomes, accept, fmt):
    response = get(app, "/sparql", accept, query=OUTCOMES)
    assert response.status == 200
    assert response.content_type.startswith(accept)
    assert response.header("Vary") == "Accept"
    if fmt == QueryResultsFormat.CSV:  # lossy: pyoxigraph does not read it
        assert len(body(response).decode().splitlines()) == outcomes + 1
    else:
        assert len(list(parse_query_results(body(response), format=fmt))) == outcomes


def test_select_by_format_parameter_and_post_forms(app):
    for name in ("json", "xml", "csv", "tsv"):
        assert get(app, "/sparql", "text/html", query=OUTCOMES, format=name).status == 200
    form = urllib.parse.urlencode({"query": OUTCOMES}).encode()
    assert post(app, "/sparql", form, "application/x-www-form-urlencoded").content_type.startswith(
        "application/sparql-results+json")
    direct = post(app, "/sparql", OUTCOMES.encode(), "application/sparql-query", "text/csv")
    assert direct.status == 200 and body(direct).startswith(b"outcome,n")


@pytest.mark.parametrize("accept,reader", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                           ("application/ld+json", "json-ld")])
def test_construct_and_describe_formats(app, accept, reader):
    response = get(app, "/sparql", accept, query="CONSTRUCT WHERE { ?d rg:outcome ?o }")
    assert response.status == 200 and response.content_type.startswith(accept)
    assert len(rdflib.Graph().parse(data=body(response), format=reader)) == CAP
    assert response.header("X-Ratsgraph-Truncated").startswith("true")
    describe = get(app, "/sparql", accept, query=f"DESCRIBE <{BASE}body/kreis-mettmann>")
    assert describe.status == 200


def test_ask(app):
    response = get(app, "/sparql", "application/sparql-results+json", query="ASK { ?s a rg:Decision }")
    assert json.loads(body(response)) == {"head": {}, "boolean": True}


def test_row_cap_says_results_were_cut(app):
    response = get(app, "/sparql", "application/sparql-results+json", query="SELECT * WHERE { ?s ?p ?o }")
    data = json.loads(body(response))
    assert len(data["results"]["bindings"]) == CAP
    assert data["ratsgraph"] == {"truncated": True, "maxRows": CAP}
    assert response.header("X-Ratsgraph-Truncated") == f"true; max-rows={CAP}"
    assert "download=1" in response.header("Link")
    full = get(app, "/sparql", None, query="SELECT * WHERE { ?s ?p ?o }", format="csv", download="1")
    assert full.status == 200 and "attachment" in full.header("Content-Disposition")
    assert len(body(full).splitlines()) > 1000


def test_update_is_refused(app):
    update = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    for response in (
        post(app, "/sparql", urllib.parse.urlencode({"update": update}).encode(), "application/x-www-form-urlencoded"),
        post(app, "/sparql", update.encode(), "application/sparql-update"),
        get(app, "/sparql", None, query=update),
        get(app, "/sparql", None, query="PREFIX ex: <https://example.org/> DROP ALL"),
    ):
        assert response.status == 403 and response.header("X-Ratsgraph-Error") == "read-only"
    assert get(app, "/sparql", "text/csv", query="ASK { <https://example.org/a> ?p ?o }").body.strip() != b"true"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . { SERVICE ?endpoint { ?s ?p ?o } } }",
])
def test_service_is_refused(app, query):
    response = get(app, "/sparql", None, query=query)
    assert response.status == 403 and response.header("X-Ratsgraph-Error") == "service"


def test_the_word_service_elsewhere_is_fine(app):
    query = 'SELECT ?s WHERE { ?s oparl:name "SERVICE" } # SERVICE in a comment'
    assert get(app, "/sparql", None, query=query).status == 200


def test_timeout_stops_the_worker(app):
    pids = app.pool.pids()
    started = time.monotonic()
    response = get(app, "/sparql", None, query=SLOW, timeout="0.5")
    assert time.monotonic() - started < 5
    assert response.status == 503 and response.header("X-Ratsgraph-Error") == "timeout"
    assert b"stopped" in body(response)
    for pid in pids:  # the worker that ran it was killed, not left computing
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    deadline = time.monotonic() + 30
    while not app.pool.pids() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert get(app, "/sparql", None, query=OUTCOMES).status == 200


def test_request_errors(app):
    assert get(app, "/sparql", None, query="SELECT WHERE {").status == 400
    assert get(app, "/sparql", None, query=OUTCOMES, format="yaml").status == 400
    assert get(app, "/sparql", "image/png", query=OUTCOMES).status == 406
    assert get(app, "/sparql", None, query=OUTCOMES, timeout="soon").status == 400
    assert post(app, "/sparql", b"x" * 2_000_000, "application/sparql-query").status == 413
    assert post(app, "/sparql", b"{}", "application/json").status == 415
    assert app.handle(Request("DELETE", "/sparql", {}, {})).status == 405
    assert app.handle(Request("PUT", KREISTAG, {}, {})).status == 405


def test_query_page_and_service_description(app):
    page = get(app, "/sparql", "text/html,application/xhtml+xml,*/*;q=0.8")
    html = body(page).decode()
    assert page.status == 200 and "<textarea" in html and "/static/query.js" in html
    assert all(f'value="{q.name}"' in html for q in app.examples)
    assert "PREFIX rg: &lt;https://w3id.org/ratsgraph/vocab#&gt;" in html
    shared = get(app, "/sparql", "text/html", query=OUTCOMES)  # a shared ?query= link opens the page
    assert shared.content_type.startswith("text/html")
    description = get(app, "/sparql", "text/turtle")
    graph = rdflib.Graph().parse(data=body(description), format="turtle")
    assert (None, rdflib.URIRef("http://www.w3.org/ns/sparql-service-description#endpoint"),
            rdflib.URIRef("http://test.local/sparql")) in graph
    for asset in ("/static/query.js", "/static/style.css"):
        assert get(app, asset).status == 200
    assert get(app, "/static/../app.py").status == 404


# -- resources --------------------------------------------------------------------------------------

@pytest.mark.parametrize("accept,reader", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                           ("application/n-triples", "nt")])
def test_resource_rdf_by_accept(app, accept, reader):
    response = get(app, KREISTAG, accept)
    assert response.status == 200 and response.content_type.startswith(accept)
    assert response.header("Vary") == "Accept"
    graph = rdflib.Graph().parse(data=body(response), format=reader)
    kreistag = rdflib.URIRef(BASE + KREISTAG[1:])
    assert (kreistag, rdflib.URIRef("https://schema.oparl.org/1.1/name"), rdflib.Literal("Kreistag")) in graph
    assert any(graph.subjects(None, kreistag)), "incoming links are part of the description"


def test_resource_html_has_links_labels_and_evidence(app):
    response = get(app, KREISTAG, "text/html")
    html = body(response).decode()
    assert response.status == 200 and "<h1>Kreistag</h1>" in html
    assert "Verweise hierher" in html and "Eigenschaften" in html
    assert 'href="/body/kreis-mettmann"' in html and ">Kreis Mettmann</a>" in html
    assert '<link rel="alternate" type="text/turtle" href="?format=turtle">' in html
    decision = re.search(r'href="(/body/kreis-mettmann/organization/kreistag/meeting/[^"]+/decision/1)"', html)
    assert decision, "the decision of the Kreistag links here"
    page = body(get(app, decision.group(1), "text/html")).decode()
    assert "Textbeleg" in page and "einstimmig" in page


def test_resource_format_parameter_base_path_and_404(app):
    assert get(app, KREISTAG, "text/html", format="turtle").content_type.startswith("text/turtle")
    assert get(app, "/ratsgraph" + KREISTAG, "text/turtle").status == 200
    missing = get(app, "/body/nowhere", "text/html")
    assert missing.status == 404


def test_file_page_lists_text_positions(app, golden_store):
    from ratsgraph.store import GraphStore

    with GraphStore.open(golden_store) as store:
        graph = store.graphs()[0].value
    html = body(get(app, "/" + graph[len(BASE):], "text/html")).decode()
    assert "Textstellen in diesem Dokument" in html and 'id="char=' in html


# -- self-description -----------------------------------------------------------------------------

def test_void_and_dcat_parse(app):
    DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
    VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
    for path, accept, reader in (("/.well-known/void", "text/turtle", "turtle"),
                                 ("/.well-known/void", "application/ld+json", "json-ld"),
                                 ("/dcat", "application/n-triples", "nt")):
        response = get(app, path, accept)
        assert response.status == 200, path
        graph = rdflib.Graph().parse(data=body(response), format=reader)
        dataset = rdflib.URIRef(BASE + "dataset")
        assert (dataset, rdflib.RDF.type, VOID.Dataset) in graph and (dataset, rdflib.RDF.type, DCAT.Dataset) in graph
        assert int(graph.value(dataset, VOID.triples)) > 3000
        distributions = list(graph.objects(dataset, DCAT.distribution))
        assert len(distributions) == 2
        for distribution in distributions:
            url = str(graph.value(distribution, DCAT.downloadURL))
            size = int(graph.value(distribution, DCAT.byteSize))
            dump = get(app, urllib.parse.urlsplit(url).path)
            assert len(body(dump)) == size
    assert get(app, "/.well-known/void", "text/html").content_type.startswith("text/html")


def test_context_health_queries_cors(app):
    context = get(app, "/context.jsonld")
    assert context.content_type == "application/ld+json" and "@context" in json.loads(body(context))
    assert get(app, "/ratsgraph/context.jsonld").status == 200
    health = json.loads(body(get(app, "/health")))
    assert health["status"] == "ok" and health["workers"]
    queries = json.loads(body(get(app, "/queries")))
    assert len(queries) >= 12 and all(q["title"] for q in queries)
    assert get(app, f"/queries/{queries[0]['name']}.rq").body.startswith(b"#")
    assert get(app, "/health").header("Access-Control-Allow-Origin") == "*"
    assert app.handle(Request("OPTIONS", "/sparql", {}, {})).status == 204


def test_live_server_streams_a_download(live_server):
    _, url = live_server
    query = urllib.parse.quote("SELECT * WHERE { ?s ?p ?o }")
    with urllib.request.urlopen(f"{url}/sparql?query={query}&format=tsv&download=1", timeout=30) as response:
        assert response.headers["Transfer-Encoding"] == "chunked"
        assert len(response.read().splitlines()) > 3000


# -- as a user runs it -------------------------------------------------------------------------------

def _fetch(url: str, accept: str | None = None, data: bytes | None = None, content_type: str | None = None):
    headers = {"Accept": accept} if accept else {}
    if content_type:
        headers["Content-Type"] = content_type
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_serve_as_a_subprocess(golden_store, outcomes):
    """Acceptance 3: `ratsgraph serve` on 127.0.0.1, port 0; JSON and CSV results, UPDATE and SERVICE
    refused with 4xx, a query past the timeout stopped with a clear error, a resource page in Turtle,
    JSON-LD and HTML, the VoID/DCAT description parsed by rdflib."""
    process = subprocess.Popen(
        [sys.executable, "-m", "ratsgraph", "serve", "--store", str(golden_store), "--port", "0",
         "--query-timeout", "1", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
        assert match, f"no address announced: {line!r}"
        url = match.group(1)
        sparql = f"{url}/sparql?query={urllib.parse.quote(OUTCOMES)}"

        status, headers, data = _fetch(sparql, "application/sparql-results+json")
        assert status == 200 and len(json.loads(data)["results"]["bindings"]) == outcomes
        status, headers, data = _fetch(sparql, "text/csv")
        assert status == 200 and data.decode().splitlines()[0] == "outcome,n"

        update = urllib.parse.urlencode({"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}).encode()
        status, headers, data = _fetch(f"{url}/sparql", data=update, content_type="application/x-www-form-urlencoded")
        assert 400 <= status < 500 and headers["X-Ratsgraph-Error"] == "read-only"
        service = urllib.parse.quote("SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }")
        status, headers, data = _fetch(f"{url}/sparql?query={service}")
        assert 400 <= status < 500 and headers["X-Ratsgraph-Error"] == "service"

        started = time.monotonic()
        status, headers, data = _fetch(f"{url}/sparql?query={urllib.parse.quote(SLOW)}")
        elapsed = time.monotonic() - started
        assert status == 503 and headers["X-Ratsgraph-Error"] == "timeout", data
        assert b"ran longer than 1 s and was stopped" in data and elapsed < 10

        for accept, reader in (("text/turtle", "turtle"), ("application/ld+json", "json-ld")):
            status, headers, data = _fetch(url + KREISTAG, accept)
            assert status == 200 and headers["Content-Type"].startswith(accept)
            assert len(rdflib.Graph().parse(data=data, format=reader)) > 5
        status, headers, data = _fetch(url + KREISTAG, "text/html")
        assert status == 200 and b"Verweise hierher" in data

        status, headers, data = _fetch(f"{url}/.well-known/void", "text/turtle")
        assert status == 200
        graph = rdflib.Graph().parse(data=data, format="turtle")
        assert (None, rdflib.RDF.type, rdflib.URIRef("http://www.w3.org/ns/dcat#Dataset")) in graph
        print(f"acceptance 3: slow query stopped after {elapsed:.2f} s; VoID/DCAT {len(graph)} triples")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
        process.stdout.close()
    assert process.returncode == 0


def test_serve_refuses_a_missing_store(tmp_path: Path):
    result = subprocess.run([sys.executable, "-m", "ratsgraph", "serve", "--store", str(tmp_path / "none"),
                             "--port", "0"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert (result.stderr.count("\n") == 1 and "no ratsgraph store" in result.stderr.lower()) or \
        "not a ratsgraph store" in result.stderr
