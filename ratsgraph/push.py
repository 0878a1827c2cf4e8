"""Send graphs to another triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

Each document graph goes in one `PUT {endpoint}?graph=IRI` (replacing that graph there, as
`load` replaces it here) as N-Triples: every store reads N-Triples, and it avoids Turtle quirks
of some servers (PERFORMANCE.md: Virtuoso and escaped local names). `--method post` adds instead."""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from pyoxigraph import DefaultGraph, RdfFormat, Triple, serialize

from .errors import PushError


@dataclass(frozen=True)
class Pushed:
    graph: str  # the graph IRI, or "default"
    triples: int
    status: int


def graph_url(endpoint: str, graph: object) -> str:
    """The Graph Store URL of a graph: `?graph=IRI` (indirect identification) or `?default`."""
    joiner = "&" if urlsplit(endpoint).query else "?"
    if graph is None or isinstance(graph, DefaultGraph):
        return f"{endpoint}{joiner}default"
    return f"{endpoint}{joiner}graph={quote(graph.value, safe='')}"


def push_graph(endpoint: str, graph: object, triples: list[Triple], *, method: str = "PUT",
               user: str | None = None, timeout: float = 120.0) -> Pushed:
    """Send one graph. Raises `PushError` naming the graph and the endpoint's answer."""
    name = "default" if graph is None or isinstance(graph, DefaultGraph) else graph.value  # type: ignore[attr-defined]
    body = serialize(triples, format=RdfFormat.N_TRIPLES) or b""
    request = urllib.request.Request(graph_url(endpoint, graph), data=body, method=method.upper(),
                                     headers={"Content-Type": "application/n-triples",
                                              "User-Agent": "ratsgraph-push"})
    if user:
        token = base64.b64encode(user.encode("utf-8")).decode("ascii")
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as err:
        detail = " ".join(err.read(300).decode("utf-8", "replace").split())
        raise PushError(f"{endpoint} answered {err.code} {err.reason}" + (f": {detail}" if detail else ""),
                        name) from None
    except (urllib.error.URLError, OSError) as err:
        reason = getattr(err, "reason", err)
        raise PushError(f"cannot reach {endpoint}: {reason}", name) from None
    return Pushed(name, len(triples), status)


def push_documents(endpoint: str, documents: Iterable[tuple[list[Triple], object]], *, method: str = "PUT",
                   user: str | None = None, timeout: float = 120.0,
                   on_result=None) -> tuple[list[Pushed], list[PushError]]:
    """Send each (triples, graph) in turn; a refused graph is reported and the others still sent."""
    done, failed = [], []
    for triples, graph in documents:
        try:
            result = push_graph(endpoint, graph, triples, method=method, user=user, timeout=timeout)
        except PushError as err:
            failed.append(err)
            if on_result is not None:
                on_result(err)
            continue
        done.append(result)
        if on_result is not None:
            on_result(result)
    return done, failed
