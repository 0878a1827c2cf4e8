"""Server hardening (issue 7), against a real `ratsgraph serve` subprocess on 127.0.0.1.

Path traversal on resource pages and static assets, updates and file or network access through
SPARQL (LOAD, SERVICE, FROM), body, header and URL size limits, malformed requests, deeply
nested and oversized queries, idle connections, the connection cap and CORS: each answer is a
4xx (or the documented 503 for a busy server), never a file's content or a connection out, and the
server keeps answering its health check afterwards. Also: the SERVICE reader agrees with Oxigraph
(a query the reader lets through never makes Oxigraph connect anywhere), and a short bounded load
test (benchmarks/load_test.py) ends without errors.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ratsgraph.query import analyse, prologue, uses_service

from .conftest import ROOT

STATIC = ROOT / "ratsgraph" / "serve" / "static"
SECRET = "ratsgraph-secret-7f3a9c"  # written to a file the server must never show
PASSWD = "root:x:0:0"


# -- a real server -----------------------------------------------------------------------------------


class Served:
    """`ratsgraph serve` as a user starts it; stopped by its process id."""

    def __init__(self, store: Path, *options: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ratsgraph", "serve", "--store", str(store), "--port", "0", *options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self.process.stderr.readline()
        match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            self.stop()
            raise AssertionError(f"no address announced: {line!r}")
        self.port = int(match.group(1))
        self.log: list[str] = []
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self) -> None:
        for line in self.process.stderr:
            self.log.append(line)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
        finally:
            connection.close()

    def get(self, path: str, **headers: str):
        return self.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})

    def raw(self, data: bytes, read_first: bool = False, timeout: float = 30) -> tuple[int, bytes]:
        """Send bytes as they are; (status, whole answer). `read_first`: read the answer before
        sending anything after the first blank line (for Expect: 100-continue)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as sock:
            if read_first:
                head, _, _ = data.partition(b"\r\n\r\n")
                sock.sendall(head + b"\r\n\r\n")
            else:
                sock.sendall(data)
            chunks = []
            try:
                while True:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    chunks.append(chunk)
                    answer = b"".join(chunks)
                    if b"\r\n\r\n" in answer:
                        head, _, rest = answer.partition(b"\r\n\r\n")
                        length = re.search(rb"content-length: *(\d+)", head, re.I)
                        if length and len(rest) >= int(length.group(1)):
                            break
            except (ConnectionResetError, TimeoutError):
                pass
        answer = b"".join(chunks)
        match = re.match(rb"HTTP/1\.[01] (\d{3})", answer)
        assert match, f"no HTTP answer: {answer[:200]!r}"
        return int(match.group(1)), answer

    def healthy(self) -> None:
        status, _, body = self.get("/health")
        assert status == 200 and json.loads(body)["status"] == "ok", body
        status, _, body = self.get(
            "/sparql?query=" + quote("ASK { ?s a oparl:Body }"), Accept="application/sparql-results+json"
        )
        assert status == 200 and json.loads(body)["boolean"] is True


@pytest.fixture(scope="module")
def server(golden_store):
    served = Served(golden_store, "--workers", "2", "--query-timeout", "5", "--connection-timeout", "3")
    yield served
    served.stop()
    assert served.process.returncode == 0, "".join(served.log[-20:])
    assert not any("Traceback" in line for line in served.log), "".join(served.log)


@pytest.fixture
def secret_file(tmp_path) -> Path:
    path = tmp_path / "secret.ttl"
    path.write_text(f'<https://example.org/s> <https://example.org/p> "{SECRET}" .\n', encoding="utf-8")
    return path


class Listener:
    """A TCP port on 127.0.0.1 that counts the connections made to it (nothing may connect)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(16)
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def listener():
    listening = Listener()
    yield listening
    listening.close()


def _no_leak(body: bytes) -> None:
    assert SECRET.encode() not in body and PASSWD.encode() not in body, body[:300]


# -- path traversal ----------------------------------------------------------------------------------

TRAVERSALS = [
    "/../../etc/passwd",
    "/../../../../../../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
    "/..%2f..%2f..%2fetc%2fpasswd",
    "/..%252f..%252fetc%252fpasswd",
    "//etc/passwd",
    "///etc/passwd",
    "/file:///etc/passwd",
    "/file:/etc/passwd",
    "/http://127.0.0.1:1/",
    "/https://example.com/etc/passwd",
    "/body/../../../../etc/passwd",
    "/ratsgraph/../../../etc/passwd",
    "/body/kreis-mettmann/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/../../../../../../etc/passwd",
    "/static/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/....//....//....//etc/passwd",
    "/static/..%5c..%5c..%5cetc%5cpasswd",
    "/static/./../app.py",
    "/static/../app.py",
    "/static/..%2fapp.py",
    "/static/%2e%2e%2fapp.py",
    "/static/",
    "/static/.",
    "/queries/../../../etc/passwd",
    "/queries/..%2f..%2fpyproject.toml",
    "/dumps/../../etc/passwd",
    "/dumps/..%2f..%2fetc%2fpasswd",
    "/context.jsonld/../../etc/passwd",
    "/.well-known/../../etc/passwd",
]


def test_path_traversal_never_reaches_a_file(server, secret_file):
    """Resource pages look IRIs up in the store and the static route serves its own folder only:
    `..`, encoded dots and slashes, absolute paths and IRIs outside the base give 400 or 404."""
    relative = os.path.relpath(secret_file, STATIC)
    paths = [
        *TRAVERSALS,
        "/static/" + relative,
        "/static/" + quote(relative, safe=""),
        "/static/" + str(secret_file),
        "/static/" + quote(str(secret_file), safe=""),
        str(secret_file),
        "/" + relative,
        "/file://" + str(secret_file),
    ]
    answers = {}
    for path in paths:
        status, answer = server.raw(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        answers[path] = status
        assert status in (400, 404), f"{path}: {status}"
        _no_leak(answer)
        assert b"import " not in answer and b"[project]" not in answer, f"{path} served a source file"
    for target in (
        f"file://{secret_file}",
        "file:///etc/passwd",
        f"http://127.0.0.1:{server.port}/../../etc/passwd",
        f"http://x/static/{relative}",
        "etc/passwd",
        "../etc/passwd",
        "*",
    ):
        status, answer = server.raw(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        assert 400 <= status < 500, f"{target}: {status}"
        _no_leak(answer)
    status, _, body = server.get("/static/style.css")  # the real assets still load
    assert status == 200 and b"{" in body
    server.healthy()
    print(f"\n{len(answers) + 7} traversal targets: statuses {sorted(set(answers.values()))}")


# -- SPARQL: read-only, no files, no network -----------------------------------------------------------

UPDATES = [
    "LOAD <file:///etc/passwd>",
    "LOAD <file:///etc/passwd> INTO GRAPH <https://example.org/g>",
    "LOAD SILENT <http://127.0.0.1:{port}/data.ttl>",
    "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "DROP DEFAULT",
    "CLEAR ALL",
    "CLEAR DEFAULT",
    "CREATE GRAPH <urn:x>",
    "COPY DEFAULT TO <urn:x>",
    "MOVE DEFAULT TO <urn:x>",
    "ADD DEFAULT TO <urn:x>",
    "WITH <urn:g> INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "PREFIX ex: <https://example.org/> INSERT { ex:a ex:b ?o } WHERE { ?s ?p ?o }",
    "  # a comment first\nDROP SILENT GRAPH <urn:x>",
]

SERVICES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:{port}/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <file:{secret}> { ?s ?p ?o } }",
    "select * where { service silent <http://127.0.0.1:{port}/> { ?s ?p ?o } }",
    "SELECT * WHERE { VALUES ?e {{ <http://127.0.0.1:{port}/> }} SERVICE ?e { ?s ?p ?o } }",
    # forms that slipped past a word-by-word check: escapes in prefixed names, no space after keywords
    "SELECT * WHERE { { ?s oparl:a\\#b ?o } UNION { SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } } }",
    "SELECT * WHERE { { ?s oparl:a\\' ?o } UNION { SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } "
    'FILTER(?o != "\'") } }',
    "SELECT * WHERE { { BIND(1 AS ?z) } UNION { SERVICESILENT <http://127.0.0.1:{port}/> { ?s ?p ?o } } }",
    "SELECT * WHERE { { BIND(1 AS ?z) } UNION { ?s ?p trueSERVICE <http://127.0.0.1:{port}/> "
    "{ ?s ?p ?o } } }",
    "PREFIX x: <http://127.0.0.1:{port}/>\n"
    "SELECT * WHERE { { BIND(1 AS ?z) } UNION { SERVICEx: { ?s ?p ?o } } }",
    "PREFIX x: <http://127.0.0.1:{port}/>\nSELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) "
    "FILTER(?a<?b)SERVICEx:#>\n{ ?s ?p ?o } }",
    "SELECT * WHERE { { BIND(1 AS ?z) } UNION { ?s ?p 1e5SERVICE <http://127.0.0.1:{port}/> { ?s ?p ?o } } }",
]

READS = [  # allowed queries that name files or URLs: they only select graphs of the store
    "SELECT * FROM <file://{secret}> WHERE { ?s ?p ?o }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <file://{secret}> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * WHERE { GRAPH <file://{secret}> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "DESCRIBE <file://{secret}>",
    'SELECT (IRI("file://{secret}") AS ?x) (STR(<file:///etc/passwd>) AS ?y) WHERE {}',
]


def _sparql_ways(server: Served, text: str) -> list[tuple[str, int, bytes]]:
    """The query sent as GET ?query=, POST form and POST body; updates also as POST update=."""
    answers = []
    status, _, body = server.get(
        "/sparql?query=" + quote(text), Accept="application/sparql-results+json, text/turtle;q=0.9"
    )
    answers.append(("GET", status, body))
    status, _, body = server.request(
        "POST",
        "/sparql",
        urlencode({"query": text}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    answers.append(("POST form", status, body))
    status, _, body = server.request(
        "POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-query"}
    )
    answers.append(("POST query", status, body))
    return answers


def _count(server: Served) -> str:
    status, _, body = server.get(
        "/sparql?query=" + quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"), Accept="text/csv"
    )
    assert status == 200
    return body.decode()


def test_updates_are_refused_and_change_nothing(server, listener):
    before = _count(server)
    for template in UPDATES:
        text = template.replace("{port}", str(listener.port))
        for way, status, body in _sparql_ways(server, text):
            assert status == 403, f"{way} {text!r}: {status} {body[:200]!r}"
            _no_leak(body)
        for content_type, data in (
            ("application/sparql-update", text.encode()),
            ("application/x-www-form-urlencoded", urlencode({"update": text}).encode()),
        ):
            status, _, body = server.request("POST", "/sparql", data, {"Content-Type": content_type})
            assert status == 403, f"{content_type} {text!r}: {status}"
    assert _count(server) == before
    assert listener.connections == 0
    server.healthy()


def test_service_is_refused_in_every_spelling(server, listener, secret_file):
    for template in SERVICES:
        text = template.replace("{port}", str(listener.port)).replace("{secret}", str(secret_file))
        text = text.replace("{{", "{").replace("}}", "}") if "VALUES" in text else text
        for way, status, body in _sparql_ways(server, text):
            assert status == 403, f"{way} {text!r}: {status} {body[:200]!r}"
            assert b"service" in body.lower()
            _no_leak(body)
    time.sleep(0.2)
    assert listener.connections == 0
    server.healthy()


def test_from_and_graph_name_only_graphs_of_the_store(server, listener, secret_file):
    """FROM, FROM NAMED, GRAPH and DESCRIBE with file: and http: IRIs read nothing from outside:
    the answers hold no file content and nothing connects to the listener."""
    for template in READS:
        text = template.replace("{port}", str(listener.port)).replace("{secret}", str(secret_file))
        for way, status, body in _sparql_ways(server, text):
            assert status in (200, 400), f"{way} {text!r}: {status} {body[:200]!r}"
            _no_leak(body)
            if status == 200 and body.startswith(b"{") and "IRI(" not in text:
                assert json.loads(body)["results"]["bindings"] == [], f"{way} {text!r} found something"
    time.sleep(0.2)
    assert listener.connections == 0
    server.healthy()


def test_query_workers_have_no_network(server):
    """Defence in depth: the workers run in a network namespace of their own (where Linux lets a
    process make one), so even a SERVICE call the reader missed could not connect anywhere."""
    _, _, body = server.get("/health")
    network = json.loads(body)["network"]
    if network != "isolated":
        pytest.skip(f"this system does not let the workers leave the network: {network}")
    assert network == "isolated"


# the reader's verdict against Oxigraph's own behaviour -----------------------------------------------

_FRAGMENTS = [
    "SERVICE",
    "service",
    "SILENT",
    " ",
    "\n",
    "\r",
    "<URL>",
    "x:",
    "?e",
    "{ ?s ?p ?o }",
    "{",
    "}",
    "(",
    ")",
    "<",
    ">",
    "<=",
    "?a",
    "?b",
    "1",
    "1e5",
    "true",
    "a",
    ".",
    ";",
    ",",
    "#",
    "'",
    '"',
    '"""',
    "'''",
    "\\",
    "\\#",
    "\\'",
    "oparl:a",
    "oparl:a\\#b",
    "oparl:a\\'",
    "FILTER(",
    "FILTER",
    "BIND(1 AS ?a)",
    "UNION",
    "OPTIONAL",
    "VALUES ?e { <URL> }",
    "GRAPH",
    "_:b",
    "@en",
    "^^",
    "|",
    "/",
    "&&",
    "||",
    "!",
    "=",
    "%41",
    "\u00b7",
    "SELECT",
    "WHERE",
    "ASK",
]


def _oxigraph_connects(text: str, port: int, listener: Listener) -> bool:
    from pyoxigraph import Store

    store = Store()
    store.update("INSERT DATA { <https://example.org/s> <https://example.org/p> 1 }")
    before = listener.connections
    try:
        list(store.query(prologue() + text))
    except Exception:
        pass
    time.sleep(0.01)
    return listener.connections > before


@pytest.fixture(scope="module")
def oxigraph_listener():
    listening = Listener()
    yield listening
    listening.close()


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=14))
@example(["oparl:a\\#b", " ", "}", " ", "UNION", " ", "{", " ", "SERVICE", " ", "<URL>", " ", "{ ?s ?p ?o }"])
@example(["?a", "<", "?b", ")", "SERVICE", "x:", "#", ">", "\n", "{ ?s ?p ?o }"])
@example(["true", "SERVICE", " ", "<URL>", " ", "{ ?s ?p ?o }"])
def test_a_query_the_reader_lets_through_never_connects(oxigraph_listener, fragments):
    """Differential: random queries around a SERVICE call; whatever `uses_service` lets through,
    Oxigraph itself (in this process, with network) must not connect to the listener."""
    port = oxigraph_listener.port
    body = "".join(fragments).replace("<URL>", f"<http://127.0.0.1:{port}/>")
    for text in (
        f"PREFIX x: <http://127.0.0.1:{port}/>\nSELECT * WHERE {{ {{ BIND(1 AS ?z) }} UNION {{ "
        f"BIND(1 AS ?a) BIND(2 AS ?b) FILTER(?a < ?b) {body}\n}} }}",
        f"SELECT * WHERE {{ {body}\n}}",
        body,
    ):
        if not uses_service(text):
            assert not _oxigraph_connects(text, port, oxigraph_listener), f"SERVICE slipped through: {text!r}"


# -- sizes, malformed requests, limits -------------------------------------------------------------


def test_request_bodies_over_the_limit_get_413(server):
    big = b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * 2_000_000
    status, headers, body = server.request(
        "POST", "/sparql", big, {"Content-Type": "application/sparql-query"}
    )
    assert status == 413 and headers["x-ratsgraph-error"] == "too-large", body[:200]
    form = urlencode({"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_100_000}).encode()
    status, _, _ = server.request(
        "POST", "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 413
    # with Expect: 100-continue the answer comes before the body is sent
    status, answer = server.raw(
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 50000000\r\nExpect: 100-continue\r\n\r\n",
        read_first=True,
    )
    assert status == 413 and b"100 Continue" not in answer
    status, answer = server.raw(
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
        b"Content-Type: application/sparql-query\r\n\r\n5\r\nASK{}\r\n0\r\n\r\n"
    )
    assert status == 411
    server.healthy()


def test_header_and_url_abuse_gets_4xx(server):
    cases = {
        "a URL of 70,000 characters": b"GET /sparql?query=" + b"A" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
        "a header line of 70,000 characters": b"GET /health HTTP/1.1\r\nHost: x\r\nX-Long: "
        + b"b" * 70_000
        + b"\r\n\r\n",
        "150 headers": b"GET /health HTTP/1.1\r\nHost: x\r\n"
        + b"".join(b"X-H%d: v\r\n" % i for i in range(150))
        + b"\r\n",
        "a Content-Length that is not a number": b"POST /sparql HTTP/1.1\r\nHost: x\r\n"
        b"Content-Length: ten\r\n\r\n",
        "a negative Content-Length": b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
        "a body shorter than its Content-Length (408 after connection_timeout)": b"POST /sparql HTTP/1.1\r\n"
        b"Host: x\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 100\r\n\r\nASK {}",
        "garbage instead of a request line": b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
        "a request line without a version": b"GET\r\n\r\n",
        "a bad HTTP version": b"GET /health HTTP/one\r\nHost: x\r\n\r\n",
    }
    for what, data in cases.items():
        status, answer = server.raw(data, timeout=10)
        assert 400 <= status < 500, f"{what}: {status} {answer[:200]!r}"
        server.healthy()


def test_malformed_encodings_get_400(server):
    paths = [
        "/sparql?query=%zz",
        "/sparql?query=SELECT%",
        "/sparql?query=%E2%82",
        "/sparql?query=%ff%fe%fd",
        "/sparql?format=%C0%AF&query=ASK%7B%7D",
        "/body/%zz",
        "/body/kreis-mettmann%",
        "/%",
        "/sparql?query=ASK%00%7B%7D",
    ]
    for path in paths:
        status, answer = server.raw(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        assert status == 400, f"{path}: {status} {answer[:200]!r}"
    for path in ("/%ff", "/static/%00", "/body/%00"):  # well-formed escapes: IRIs nothing is known about
        status, answer = server.raw(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        assert status == 404, f"{path}: {status} {answer[:200]!r}"
    for target in (b"/body/k\xc3\xb6ln", b"/static/a\x00b", b"/sparql?query=ASK\x01{}", b"/\x7f", b"/\xff"):
        status, answer = server.raw(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert status == 400, f"{target!r}: {status} {answer[:200]!r}"
    status, _, _ = server.request(
        "POST", "/sparql", b"query=%ff%fe", {"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 400
    status, _, _ = server.request(
        "POST", "/sparql", b"\xff\xfeASK {}", {"Content-Type": "application/sparql-query"}
    )
    assert status == 400
    server.healthy()


def test_huge_and_deeply_nested_queries_get_4xx(server):
    megabyte = "SELECT * WHERE { ?s ?p ?o } #" + "x" * (1 << 20)
    status, _ = server.raw(f"GET /sparql?query={quote(megabyte)} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    assert status == 414
    status, _, _ = server.request(
        "POST", "/sparql", megabyte.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 413
    nested = {
        "braces": "SELECT * WHERE " + "{ " * 5000 + "?s ?p ?o" + " }" * 5000,
        "parentheses": "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 20000 + "?o" + ")" * 20000 + ") }",
        "blank nodes": "SELECT * WHERE { ?s ?p " + "[ ?p " * 3000 + "?o" + " ]" * 3000 + " }",
        "OPTIONALs": "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 3000 + "}" * 3000 + " }",
        "a chain of 150,000 ORs": "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["?o=1"] * 150_000) + ") }",
        "200,000 triple patterns": "SELECT * WHERE { " + ".".join(["?s ?p ?o"] * 200_000) + " }",
        "a chain of 100,000 UNIONs": "SELECT * WHERE { " + "UNION".join(["{?s ?p ?o}"] * 100_000) + " }",
    }
    for what, text in nested.items():
        status, headers, body = server.request(
            "POST", "/sparql", text.encode(), {"Content-Type": "application/sparql-query"}
        )
        assert status in (400, 413), f"{what}: {status} {body[:200]!r}"
        assert headers.get("x-ratsgraph-error") in ("too-complex", "too-large"), what
        server.healthy()
    # just under the limits: the query runs (or times out), the worker does not crash
    heavy = "SELECT * WHERE { ?s ?p ?o FILTER(" + "||".join(["?o=1"] * 9000) + ") } LIMIT 1"
    pids = json.loads(server.get("/health")[2])["workers"]
    status, _, body = server.request(
        "POST", "/sparql", heavy.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status in (200, 503), body[:200]
    if status == 200:
        assert json.loads(server.get("/health")[2])["workers"] == pids, "a worker died"
    deep = "SELECT * WHERE " + "{ " * 90 + "?s ?p ?o" + " }" * 90 + " LIMIT 1"
    status, _, body = server.request(
        "POST", "/sparql", deep.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 200, body[:200]
    server.healthy()


def test_the_analysis_counts_what_the_limits_need():
    a = analyse("PREFIX ex: <x> SELECT * WHERE { { ?s ?p ?o } } # { { {")
    assert (a.form, a.service, a.depth) == ("select", False, 2)
    assert analyse("SELECT * WHERE { ?s ?p ?o }", max_tokens=3).tokens == 4


def test_idle_and_stalled_connections_are_closed(server):
    """`connection_timeout` (3 s here): a connection that sends nothing, or stops in the middle of
    its headers, is closed; the server answers others meanwhile."""
    idle = socket.create_connection(("127.0.0.1", server.port))
    stalled = socket.create_connection(("127.0.0.1", server.port))
    stalled.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
    try:
        server.healthy()
        for sock in (idle, stalled):
            sock.settimeout(15)
            started = time.monotonic()
            data = b""
            try:
                while chunk := sock.recv(4096):
                    data += chunk
            except ConnectionResetError:
                pass
            assert time.monotonic() - started < 14, "the connection was not closed"
    finally:
        idle.close()
        stalled.close()
    server.healthy()


# -- CORS and the connection cap (servers with other settings) -------------------------------------


def test_cors_is_off_by_default(server):
    for path in ("/sparql?query=" + quote("ASK {}"), "/health", "/body/kreis-mettmann"):
        _, headers, _ = server.request("GET", path, headers={"Origin": "https://other.example"})
        assert "access-control-allow-origin" not in headers, path


def test_cors_when_enabled(golden_store):
    anyone = Served(golden_store, "--workers", "1", "--cors")
    try:
        status, headers, _ = anyone.request(
            "GET", "/sparql?query=" + quote("ASK {}"), headers={"Origin": "https://other.example"}
        )
        assert status == 200 and headers["access-control-allow-origin"] == "*"
        status, headers, _ = anyone.request(
            "OPTIONS",
            "/sparql",
            headers={"Origin": "https://other.example", "Access-Control-Request-Method": "POST"},
        )
        assert status == 204 and headers["access-control-allow-origin"] == "*"
        assert "POST" in headers["access-control-allow-methods"]
    finally:
        anyone.stop()
    listed = Served(
        golden_store,
        "--workers",
        "1",
        "--cors",
        "--cors-origins",
        "https://portal.example https://other.example",
        "--max-connections",
        "4",
    )
    try:
        status, headers, _ = listed.request("GET", "/health", headers={"Origin": "https://portal.example"})
        assert (
            headers["access-control-allow-origin"] == "https://portal.example" and "Origin" in headers["vary"]
        )
        status, headers, _ = listed.request("GET", "/health", headers={"Origin": "https://evil.example"})
        assert status == 200 and "access-control-allow-origin" not in headers

        # the connection cap: four connections held open, the fifth is told to come back later
        held = [socket.create_connection(("127.0.0.1", listed.port)) for _ in range(4)]
        try:
            time.sleep(0.3)
            status, answer = listed.raw(b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n", timeout=10)
            assert status == 503 and b"Retry-After" in answer and b"busy" in answer
        finally:
            for sock in held:
                sock.close()
        time.sleep(0.5)
        listed.healthy()
    finally:
        listed.stop()


# -- a short bounded load test ---------------------------------------------------------------------


def test_bounded_load(golden_store, tmp_path):
    """benchmarks/load_test.py as a user runs it, shortened: 10 clients for 5 s, zero errors
    (the figures of the full run are in docs/reliability.md; no latency is asserted here)."""
    out = tmp_path / "load.json"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "load_test.py"),
            "--clients",
            "10",
            "--duration",
            "5",
            "--store",
            str(golden_store),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["errors"] == 0 and figures["requests"] > 0 and figures["server_tracebacks"] == 0
    print(
        f"\nbounded load: {figures['requests']} requests, {figures['errors']} errors, "
        f"p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms"
    )
