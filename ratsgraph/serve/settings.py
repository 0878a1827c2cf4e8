"""Every limit, timeout and default of `ratsgraph serve` and `ratsgraph push`, in one table.

The command line makes one option per setting (`query_timeout` → `--query-timeout`), the server
reads them from a `Settings` value, and `docs/store-and-server.md` lists them all:
`tests/test_serve_settings.py` fails when a setting is missing from the documentation."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from ..graph.iris import DEFAULT_BASE


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    help: str
    unit: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "127.0.0.1", "Address to bind to; loopback by default, 0.0.0.0 to serve the network."),
    Setting("port", 8000, "Port to listen on; 0 picks a free port (printed at start)."),
    Setting("base", DEFAULT_BASE, "Base IRI of the resources: `{base}PATH` is served at `/PATH`."),
    Setting("query_timeout", 10.0, "Default time a query may run; then its worker process is killed.", "s"),
    Setting("max_query_timeout", 60.0, "Cap on the `timeout` a request may ask for.", "s"),
    Setting("download_timeout", 300.0, "Time limit of a full-result download (`download=1`) and of the dumps.", "s"),
    Setting("max_rows", 10_000, "Row cap of query results (solutions or triples); a cut result says so."),
    Setting("max_request_bytes", 1_000_000, "Largest accepted request body (POST); larger gets 413.", "bytes"),
    Setting("max_query_depth", 100, "Deepest nesting of brackets ({, (, [) in a query; deeper gets 400."),
    Setting("max_query_tokens", 50_000,
            "Most tokens (words, names, terms, signs) in a query; more gets 400."),
    Setting("workers", 2, "Query worker processes (each holds the store open read-only)."),
    Setting("max_connections", 256, "Connections served at once; more get 503 with Retry-After."),
    Setting("connection_timeout", 30.0, "An idle or stalled connection is closed after this long.", "s"),
    Setting("slow_query", 2.0, "Queries slower than this are logged on standard error.", "s"),
    Setting("resource_links", 500, "Most outgoing and most incoming links shown on a resource page."),
    Setting("page_size", 50, "Rows per page of the result table on the query page."),
    Setting("cors", False,
            "Send `Access-Control-Allow-Origin` so pages on other sites may query (off by default)."),
    Setting("cors_origins", "*", "With `cors`: `*` for any site, or the allowed origins separated by spaces "
            "(`https://a.example https://b.example`; the request's Origin is echoed when listed)."),
    Setting("title", "ratsgraph", "Dataset title in the query page, VoID and DCAT."),
    Setting("publisher", "", "Publisher (name) of the dataset in the query page and DCAT; set it when publishing."),
    Setting("license", "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
            "Licence IRI of the dataset (DCAT-AP.de licence vocabulary)."),
    Setting("push_timeout", 120.0, "`ratsgraph push`: time limit of one HTTP request to the endpoint.", "s"),
)

SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}


def _default(name: str) -> Any:
    return SETTINGS_BY_NAME[name].default


@dataclass(frozen=True)
class Settings:
    """The values in force; built from `SETTINGS` defaults and the command-line options."""

    host: str = _default("host")
    port: int = _default("port")
    base: str = _default("base")
    query_timeout: float = _default("query_timeout")
    max_query_timeout: float = _default("max_query_timeout")
    download_timeout: float = _default("download_timeout")
    max_rows: int = _default("max_rows")
    max_request_bytes: int = _default("max_request_bytes")
    max_query_depth: int = _default("max_query_depth")
    max_query_tokens: int = _default("max_query_tokens")
    workers: int = _default("workers")
    max_connections: int = _default("max_connections")
    connection_timeout: float = _default("connection_timeout")
    slow_query: float = _default("slow_query")
    resource_links: int = _default("resource_links")
    page_size: int = _default("page_size")
    cors: bool = _default("cors")
    cors_origins: str = _default("cors_origins")
    title: str = _default("title")
    publisher: str = _default("publisher")
    license: str = _default("license")
    push_timeout: float = _default("push_timeout")

    def __post_init__(self) -> None:
        if not self.base.endswith(("/", "#")):
            object.__setattr__(self, "base", self.base + "/")
        for name in ("query_timeout", "max_query_timeout", "download_timeout", "slow_query",
                     "connection_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        for name in ("max_rows", "max_request_bytes", "max_query_depth", "max_query_tokens", "workers",
                     "max_connections", "resource_links", "page_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if not self.cors_origins.split():
            raise ValueError("cors_origins must be * or at least one origin")


assert {f.name for f in fields(Settings)} == set(SETTINGS_BY_NAME), "Settings and SETTINGS differ"
