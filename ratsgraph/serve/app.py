"""The server's behaviour, without sockets: `App.handle(Request) -> Response`.

Routes: `/` and `/sparql` (SPARQL 1.1 Protocol, read-only), resource pages for every IRI under
the base, `/.well-known/void` (VoID and DCAT-AP.de), `/context.jsonld`, `/queries`, `/dumps/…`,
`/health`, `/static/…`. `ratsgraph.serve.http` puts it behind a ThreadingHTTPServer; tests call
`handle` directly."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, quote

from pyoxigraph import NamedNode, RdfFormat, parse

from .. import __version__
from ..examples import ExampleQuery, example_queries
from ..query import analyse
from ..resources import CONTEXT, ONTOLOGY, resource_path
from . import describe, pages
from .negotiation import GRAPHS, HTML, SOLUTIONS, Representation, by_name, negotiate
from .settings import Settings
from .worker import JobError, WorkerPool

log = logging.getLogger("ratsgraph.serve")

STATIC = Path(__file__).resolve().parent / "static"
_STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
                 ".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
_READ_METHODS = ("GET", "HEAD")


@dataclass
class Request:
    method: str
    path: str  # without the query string
    params: dict[str, list[str]] = field(default_factory=dict)  # of the query string
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case
    body: bytes = b""

    def header(self, name: str, default: str | None = None) -> str | None:
        return self.headers.get(name.lower(), default)

    @property
    def origin(self) -> str:
        """http(s)://host:port as the client reached us."""
        scheme = self.header("x-forwarded-proto", "http")
        return f"{scheme}://{self.header('host', 'localhost')}"


@dataclass
class Response:
    status: int = 200
    body: bytes | Iterator[bytes] = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def error(status: int, kind: str, message: str, headers: list[tuple[str, str]] | None = None) -> Response:
    """A one-line error; `X-Ratsgraph-Error` names its kind for programs."""
    return Response(status, f"ratsgraph: {kind}: {message}\n".encode(),
                    headers=[("X-Ratsgraph-Error", kind), *(headers or [])])


class App:
    def __init__(self, store_path: str | os.PathLike[str], settings: Settings | None = None,
                 pool: WorkerPool | None = None) -> None:
        self.store_path = str(store_path)
        self.settings = settings or Settings()
        self.pool = pool or WorkerPool(self.store_path, self.settings.workers)
        self.base = self.settings.base
        self.base_path = "/" + self.base.split("://", 1)[-1].partition("/")[2]  # "/ratsgraph/"
        self.examples: list[ExampleQuery] = example_queries()
        self._lock_fd: int | None = None
        self._cache: dict[str, object] = {}
        self._cache_lock = threading.Lock()
        self._dump_dir: str | None = None
        self.started = time.time()

    # -- life cycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Hold the store (no `load` while serving) and start the workers. Raises `StoreError`
        or `JobError` when the store cannot be opened."""
        from ..store import GraphStore

        self._lock_fd = GraphStore.read_lock(self.store_path)
        try:
            self.pool.start()
        except JobError:
            self.close()
            raise

    def close(self) -> None:
        self.pool.close()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None
        if self._dump_dir is not None:
            shutil.rmtree(self._dump_dir, ignore_errors=True)
            self._dump_dir = None

    # -- dispatch ---------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        try:
            response = self._route(request)
        except JobError as err:
            response = self._job_error(err)
        except Exception:
            log.exception("internal error on %s %s", request.method, request.path)
            response = error(500, "internal", "the server failed on this request (see its log)")
        if self.settings.cors:
            response.headers += self._cors(request)
        if request.method == "HEAD":
            if not isinstance(response.body, bytes):
                close = getattr(response.body, "close", None)
                if close is not None:
                    close()
            response.body = b""
        return response

    def _cors(self, request: Request) -> list[tuple[str, str]]:
        """CORS headers: `*`, or the request's Origin when it is one of `cors_origins`."""
        origins = self.settings.cors_origins.split()
        expose = ("Access-Control-Expose-Headers",
                  "X-Ratsgraph-Truncated, X-Ratsgraph-Rows, X-Ratsgraph-Error")
        if "*" in origins:
            return [("Access-Control-Allow-Origin", "*"), expose]
        origin = request.header("origin")
        headers = [("Vary", "Origin")]
        if origin and origin.rstrip("/") in {o.rstrip("/") for o in origins}:
            headers += [("Access-Control-Allow-Origin", origin), expose]
        return headers

    def _route(self, request: Request) -> Response:
        path = request.path
        if request.method == "OPTIONS":
            return Response(204, headers=[("Allow", "GET, HEAD, POST, OPTIONS"),
                                          ("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS"),
                                          ("Access-Control-Allow-Headers", "Content-Type, Accept")])
        if path == "/sparql":
            return self.sparql(request)
        if request.method not in _READ_METHODS:
            return error(405, "method", f"{request.method} is not allowed here; this server is read-only",
                         [("Allow", "GET, HEAD")])
        if path in ("/", "/index.html"):
            return self.query_page(request)
        if path == "/health":
            return self.health()
        if path.startswith("/static/"):
            return self.static(path[len("/static/"):])
        if path in ("/queries", "/queries/"):
            return self.queries_index()
        if path.startswith("/queries/"):
            return self.query_file(path[len("/queries/"):])
        if path in ("/context.jsonld", self.base_path + "context.jsonld"):
            return Response(200, resource_path(CONTEXT).read_bytes(), "application/ld+json",
                            [("Cache-Control", "max-age=3600")])
        if path in ("/ontology", "/ontology.ttl"):
            return Response(200, resource_path(ONTOLOGY).read_bytes(), "text/turtle; charset=utf-8")
        if path in ("/.well-known/void", "/.well-known/dcat", "/void", "/dcat", "/catalog", "/dataset",
                    self.base_path + "dataset", self.base_path + "catalog"):
            return self.dataset(request)
        if path.startswith("/dumps/"):
            return self.dump(path[len("/dumps/"):])
        return self.resource(request)

    def _job_error(self, err: JobError) -> Response:
        if err.kind == "query":
            return error(400, "query", err.args[0])
        if err.kind == "timeout":
            return error(503, "timeout", err.args[0] + f" (default {self.settings.query_timeout:g} s, "
                         f"at most {self.settings.max_query_timeout:g} s with ?timeout=)")
        if err.kind == "busy":
            return error(503, "busy", err.args[0], [("Retry-After", "5")])
        return error(500, "internal", err.args[0])

    # -- SPARQL 1.1 Protocol -----------------------------------------------------------------

    def sparql(self, request: Request) -> Response:
        params = {k: list(v) for k, v in request.params.items()}
        if request.method == "POST":
            length = len(request.body)
            if length > self.settings.max_request_bytes:
                return error(413, "too-large", f"the request body has {length} bytes; at most "
                             f"{self.settings.max_request_bytes} are accepted")
            content_type = (request.header("content-type") or "").split(";")[0].strip().lower()
            if content_type == "application/x-www-form-urlencoded":
                try:
                    form = parse_qs(request.body.decode("utf-8"), keep_blank_values=True, errors="strict")
                except UnicodeDecodeError:
                    return error(400, "request", "the form is not UTF-8")
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
            elif content_type == "application/sparql-query":
                try:
                    params.setdefault("query", []).append(request.body.decode("utf-8"))
                except UnicodeDecodeError:
                    return error(400, "request", "the query is not UTF-8")
            elif content_type == "application/sparql-update":
                return self._read_only()
            else:
                return error(415, "media-type", "POST a form (application/x-www-form-urlencoded) or a "
                             "query (application/sparql-query)")
        elif request.method not in _READ_METHODS:
            return error(405, "method", f"{request.method} is not allowed; this endpoint is read-only",
                         [("Allow", "GET, HEAD, POST")])
        if "update" in params:
            return self._read_only()
        queries = params.get("query", [])
        if len(queries) > 1:
            return error(400, "request", "give one query parameter")
        if not queries or not queries[0].strip():
            if request.method in _READ_METHODS and not params.get("format"):
                offers = (HTML, *GRAPHS)
                chosen = negotiate(request.header("accept"), offers)
                if chosen is HTML or chosen is None:
                    return self.query_page(request)
                return self._graph_response(describe.service_description(self, request.origin), chosen,
                                            vary=True, describing=True)
            return error(400, "request", "no query given (use ?query=… or POST a query)")
        text = queries[0]
        limits = self.settings
        analysis = analyse(text, limits.max_query_tokens)
        if analysis.form == "update":
            return self._read_only()
        if analysis.service:
            return error(403, "service", "federated queries (SERVICE) are not allowed on this endpoint")
        if analysis.tokens > limits.max_query_tokens:
            return error(400, "too-complex", f"the query has more than {limits.max_query_tokens} tokens "
                         "(max_query_tokens)")
        if analysis.depth > limits.max_query_depth:
            return error(400, "too-complex", f"the query nests brackets {analysis.depth} deep; at most "
                         f"{limits.max_query_depth} are allowed (max_query_depth)")
        form = analysis.form
        offers: tuple[Representation, ...] = GRAPHS if form in ("construct", "describe") else SOLUTIONS
        if params.get("format"):
            chosen = by_name(params["format"][0], offers)
            if chosen is None:
                names = ", ".join(o.format for o in offers)
                return error(400, "format", f"unknown format {params['format'][0]!r} for a {form} query "
                             f"(one of {names})")
        else:
            if request.method == "GET" and negotiate(request.header("accept"), (*offers, HTML)) is HTML:
                return self.query_page(request)
            chosen = negotiate(request.header("accept"), offers)
            if chosen is None:
                return error(406, "not-acceptable", "none of the accepted media types can express this "
                             "result; try " + ", ".join(o.media_type for o in offers))
        try:
            timeout = self._timeout(params, download=False)
        except ValueError as err:
            return error(400, "request", str(err))
        download = (params.get("download") or [""])[0].lower() in ("1", "true", "yes")
        started = time.monotonic()
        if download:
            limit = min(self._timeout(params, download=True), self.settings.download_timeout)
            media_type, chunks = self.pool.stream(("stream", text, chosen.format), limit)
            extension = {"turtle": "ttl", "jsonld": "jsonld", "table": "txt"}.get(chosen.format, chosen.format)
            return Response(200, chunks, media_type, [
                ("Content-Disposition", f'attachment; filename="result.{extension}"'), ("Vary", "Accept")])
        answer = self.pool.run(("query", text, chosen.format, self.settings.max_rows), timeout)
        elapsed = time.monotonic() - started
        if elapsed >= self.settings.slow_query:
            log.warning("slow query (%.2f s): %s", elapsed, " ".join(text.split())[:300])
        headers = [("Vary", "Accept"), ("X-Ratsgraph-Rows", str(answer["rows"])),
                   ("X-Ratsgraph-Time", f"{elapsed:.3f}")]
        if answer["truncated"]:
            link = f"/sparql?query={quote(text)}&format={chosen.format}&download=1"
            headers += [("X-Ratsgraph-Truncated", f"true; max-rows={self.settings.max_rows}"),
                        ("Link", f'<{link}>; rel="alternate"; title="full result"')]
        return Response(200, answer["data"], answer["media_type"], headers)

    def _timeout(self, params: dict[str, list[str]], download: bool) -> float:
        default = self.settings.download_timeout if download else self.settings.query_timeout
        ceiling = self.settings.download_timeout if download else self.settings.max_query_timeout
        value = (params.get("timeout") or [""])[0]
        if not value:
            return default
        try:
            seconds = float(value)
        except ValueError:
            raise ValueError(f"timeout must be a number of seconds, not {value!r}") from None
        if not seconds > 0:
            raise ValueError("timeout must be positive")
        return min(seconds, ceiling)

    def _read_only(self) -> Response:
        return error(403, "read-only", "this endpoint is read-only: SPARQL Update is refused "
                     "(load data with `ratsgraph load`)")

    # -- pages and files ---------------------------------------------------------------------

    def query_page(self, request: Request) -> Response:
        return Response(200, pages.query_page(self).encode("utf-8"), HTML.media_type,
                        [("Vary", "Accept"), ("Cache-Control", "no-cache")])

    def static(self, name: str) -> Response:
        """A file of the static folder, and nothing else: no `..`, no encoded or absolute paths
        (the name is not percent-decoded, so `%2e%2e` is a file name that does not exist)."""
        try:
            path = (STATIC / name).resolve()
            found = STATIC.resolve() in path.parents and path.is_file()
        except (OSError, ValueError):
            found = False
        if not found:
            return error(404, "not-found", f"no static file {name[:200]!r}")
        return Response(200, path.read_bytes(), _STATIC_TYPES.get(path.suffix, "application/octet-stream"),
                        [("Cache-Control", "max-age=300")])

    def queries_index(self) -> Response:
        data = [{"name": q.name, "title": q.title, "description": q.description, "query": q.text,
                 "url": f"/queries/{q.name}.rq"} for q in self.examples]
        return Response(200, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"),
                        "application/json")

    def query_file(self, name: str) -> Response:
        for q in self.examples:
            if name in (q.name, q.name + ".rq"):
                return Response(200, q.text.encode("utf-8"), "application/sparql-query; charset=utf-8")
        return error(404, "not-found", f"no sample query {name!r}")

    def health(self) -> Response:
        pids = self.pool.pids()
        body = {"status": "ok" if pids else "starting", "workers": pids, "store": self.store_path,
                "base": self.base, "version": __version__, "uptime": round(time.time() - self.started, 1),
                "network": self.pool.network()}
        return Response(200 if pids else 503, json.dumps(body).encode("utf-8"), "application/json",
                        [("Cache-Control", "no-store")])

    # -- dataset description and dumps ---------------------------------------------------------

    def stats(self) -> dict:
        with self._cache_lock:
            if "stats" not in self._cache:
                self._cache["stats"] = self.pool.run(("stats",), self.settings.download_timeout)
            return self._cache["stats"]  # type: ignore[return-value]

    def dump_file(self, fmt: str) -> tuple[str, int, str]:
        """(path, size, sha256) of the N-Quads or N-Triples dump, written on first use; the store
        does not change while it is served."""
        key = f"dump-{fmt}"
        with self._cache_lock:
            if key not in self._cache:
                if self._dump_dir is None:
                    self._dump_dir = tempfile.mkdtemp(prefix="ratsgraph-dumps-")
                path = os.path.join(self._dump_dir, "ratsgraph." + ("nq" if fmt == "nquads" else "nt"))
                self.pool.run(("dump", fmt, path), self.settings.download_timeout)
                digest = hashlib.sha256()
                with open(path, "rb") as f:
                    for block in iter(lambda: f.read(1 << 20), b""):
                        digest.update(block)
                self._cache[key] = (path, os.path.getsize(path), digest.hexdigest())
            return self._cache[key]  # type: ignore[return-value]

    def dataset(self, request: Request) -> Response:
        offers = (*GRAPHS, HTML)
        chosen = by_name(request.params["format"][0], offers) if request.params.get("format") else \
            negotiate(request.header("accept"), offers)
        if chosen is None:
            return error(406, "not-acceptable", "ask for text/turtle, application/ld+json or application/n-triples")
        triples = describe.dataset_description(self, request.origin)
        if chosen is HTML:
            return Response(200, pages.dataset_page(self, triples).encode("utf-8"), HTML.media_type,
                            [("Vary", "Accept")])
        return self._graph_response(triples, chosen, vary=True, describing=True)

    def dump(self, name: str) -> Response:
        formats = {"ratsgraph.nq": ("nquads", "application/n-quads"), "ratsgraph.nt": ("nt", "application/n-triples")}
        if name not in formats:
            return error(404, "not-found", f"no dump {name!r}; there are {', '.join(formats)}")
        fmt, media_type = formats[name]
        path, size, sha256 = self.dump_file(fmt)

        def chunks() -> Iterator[bytes]:
            with open(path, "rb") as f:
                yield from iter(lambda: f.read(1 << 16), b"")

        return Response(200, chunks(), media_type, [("Content-Length", str(size)), ("Digest", f"sha-256={sha256}"),
                                                    ("Content-Disposition", f'attachment; filename="{name}"')])

    def _graph_response(self, triples: list, chosen: Representation, vary: bool = False,
                        describing: bool = False) -> Response:
        """Triples in a graph format of the registry; `describing` (VoID, DCAT, service description)
        adds their prefixes to Turtle."""
        from pyoxigraph import serialize

        from ..graph.formats import find_format
        from ..vocab import PREFIXES

        if chosen.format == "turtle" and describing:
            by_subject: dict = {}
            for t in triples:
                by_subject.setdefault(t.subject, []).append(t)
            data = serialize([t for group in by_subject.values() for t in group], format=RdfFormat.TURTLE,
                             prefixes={**PREFIXES, **describe.DESCRIPTION_PREFIXES}) or b""
        else:
            data = find_format(chosen.format).write(triples)
        return Response(200, data, chosen.media_type, [("Vary", "Accept")] if vary else [])

    # -- resource pages ----------------------------------------------------------------------

    def iri_of(self, path: str) -> str:
        """The IRI a request path stands for: `/body/x` and `{base path}body/x` are `{base}body/x`."""
        if self.base_path != "/" and path.startswith(self.base_path):
            path = path[len(self.base_path):]
        return self.base + path.lstrip("/")

    def local_path(self, iri: str) -> str | None:
        """Where this server shows an IRI under the base (None for other IRIs); a fragment stays a
        fragment: `file/{sha1}#char=1,5` is the row `char=1,5` on the page of `file/{sha1}`."""
        if iri.startswith(self.base):
            return "/" + iri[len(self.base):]
        return None

    def resource(self, request: Request) -> Response:
        iri = self.iri_of(request.path)
        try:
            NamedNode(iri)
        except ValueError:
            return error(400, "request", f"{request.path[:200]!r} does not make an IRI under the base")
        offers = (*GRAPHS, HTML)
        if request.params.get("format"):
            chosen = by_name(request.params["format"][0], offers)
            if chosen is None:
                return error(400, "format", "format must be one of turtle, jsonld, nt, html")
        else:
            chosen = negotiate(request.header("accept"), offers)
            if chosen is None:
                return error(406, "not-acceptable", "ask for text/html, text/turtle, application/ld+json "
                             "or application/n-triples")
        description = self.pool.run(("describe", iri, self.settings.resource_links), self.settings.query_timeout)
        if not (description["outgoing"] or description["incoming"] or description["fragments"]):
            return error(404, "not-found", f"nothing is known about <{iri}>", [("Vary", "Accept")])
        triples = [q.triple for key in ("outgoing", "fragments", "incoming")
                   for q in parse(description[key], format=RdfFormat.N_TRIPLES)]
        links = [("Vary", "Accept")] + [
            ("Link", f'<{request.path}?format={o.format}>; rel="alternate"; type="{o.media_type.split(";")[0]}"')
            for o in GRAPHS]
        if chosen is HTML:
            return Response(200, pages.resource_page(self, iri, description).encode("utf-8"), HTML.media_type, links)
        response = self._graph_response(triples, chosen)
        response.headers = links
        return response
