"""Query workers: processes that hold the store open read-only and run one job at a time.

pyoxigraph has no query timeout, so the server never queries in its own process: a job that
runs past its time limit is stopped by killing its worker (SIGKILL), and a fresh worker takes its
place. Jobs and answers travel over a `multiprocessing` pipe as plain values; RDF travels as
N-Triples bytes.

A worker takes itself off the network before it opens the store (a network namespace of its own,
where Linux allows it): pyoxigraph would run a federated SERVICE call, and the server's query
check (`ratsgraph.query.uses_service`) is then not the only thing between a query and the
network. Jobs run on a thread with a large stack, so that a deeply nested query that passed the
server's limits fails with an error instead of overflowing the stack and killing the worker."""

from __future__ import annotations

import ctypes
import errno
import itertools
import multiprocessing
import os
import queue
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from pyoxigraph import DefaultGraph, Literal, NamedNode, RdfFormat, serialize

#: Predicates whose value names a resource on a page, in order of preference.
LABELS = (
    "https://schema.oparl.org/1.1/name",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://purl.org/dc/terms/title",
    "https://schema.oparl.org/1.1/reference",
    "https://schema.oparl.org/1.1/fileName",
    "http://www.w3.org/ns/oa#exact",
)
_EVIDENCE = NamedNode("https://w3id.org/ratsgraph/vocab#evidence")
_HAS_SELECTOR = NamedNode("http://www.w3.org/ns/oa#hasSelector")
_HAS_SOURCE = NamedNode("http://www.w3.org/ns/oa#hasSource")
_OA = "http://www.w3.org/ns/oa#"
_DEFAULT = DefaultGraph()
_STARTUP_TIMEOUT = 60.0
#: Stack of the thread that runs jobs (address space only; pages are used as the stack grows).
JOB_STACK_BYTES = 512 << 20
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


class JobError(Exception):
    """A job failed. `kind`: "query" (the query is wrong), "timeout", "busy", "internal"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


# -- inside the worker process -------------------------------------------------------------------

def isolate_network() -> str:
    """Move this process into a network namespace of its own (no interfaces up: every connection
    fails). Must run before the process starts threads. Returns "isolated" or why it is not."""
    if not sys.platform.startswith("linux"):
        return "not isolated: not Linux"
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError as err:
        return f"not isolated: {err}"
    reason = "unknown"
    # as root a network namespace alone (file permissions unchanged); else inside a user namespace
    for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET):
        if libc.unshare(flags) == 0:
            return "isolated"
        reason = os.strerror(ctypes.get_errno() or errno.EPERM)
    return f"not isolated: unshare: {reason}"


def _worker_main(store_path: str, conn) -> None:  # pragma: no cover - runs in the child process
    from ..errors import RatsgraphError
    from ..store import GraphStore

    network = isolate_network()
    try:
        graph_store = GraphStore.open(store_path)
    except RatsgraphError as err:
        conn.send(("fatal", str(err)))
        return
    conn.send(("ready", os.getpid(), network))
    threading.stack_size(JOB_STACK_BYTES)
    runner = threading.Thread(target=_serve_jobs, args=(graph_store.store, conn), name="ratsgraph-jobs")
    runner.start()
    runner.join()


def _serve_jobs(store, conn) -> None:  # pragma: no cover - runs in the child process
    from ..query import QueryError

    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if job[0] == "stream":
                _stream(store, conn, *job[1:])
            else:
                conn.send(("ok", JOBS[job[0]](store, *job[1:])))
        except QueryError as err:
            conn.send(("error", "query", str(err)))
        except Exception as err:
            conn.send(("error", "internal", f"{type(err).__name__}: {' '.join(str(err).split())[:300]}"))


def _query(store, text: str, fmt: str, max_rows: int | None) -> dict:
    from ..query import execute

    answer = execute(store, text, fmt, max_rows)
    return {"data": answer.data, "media_type": answer.media_type, "kind": answer.kind,
            "rows": answer.rows, "truncated": answer.truncated}


def _stream(store, conn, text: str, fmt: str) -> None:
    from ..query import stream

    media_type, chunks = stream(store, text, fmt)
    conn.send(("head", media_type))
    for chunk in chunks:
        conn.send(("chunk", chunk))
    conn.send(("end",))


def _describe(store, iri: str, limit: int) -> dict:
    """What a resource page shows: outgoing and incoming triples (each up to `limit`), the triples
    of `{iri}#…` subjects in the graph named `iri` (text selectors of a file), labels of the
    resources linked, the evidence quotes, and the documents (graphs) that state facts about it."""
    node = NamedNode(iri)
    outgoing = list(itertools.islice(store.quads_for_pattern(node, None, None, _DEFAULT), limit + 1))
    incoming = list(itertools.islice(store.quads_for_pattern(None, None, node, _DEFAULT), limit + 1))
    fragments = []
    if store.contains_named_graph(node):
        prefix = iri + "#"
        fragments = [q for q in itertools.islice(store.quads_for_pattern(None, None, None, node), 100_000)
                     if isinstance(q.subject, NamedNode) and q.subject.value.startswith(prefix)][:limit]
    linked = {q.object for q in outgoing[:limit] if isinstance(q.object, NamedNode)}
    linked |= {q.subject for q in incoming[:limit] if isinstance(q.subject, NamedNode)}
    linked.add(node)
    labels = {n.value: label for n in linked if (label := _label(store, n)) is not None}
    evidence = []
    for q in outgoing[:limit]:
        if q.predicate == _EVIDENCE and isinstance(q.object, NamedNode):
            evidence.append(_evidence(store, q.object))
    graphs = sorted({q.graph_name.value for q in itertools.islice(store.quads_for_pattern(node, None, None), 1000)
                     if not isinstance(q.graph_name, DefaultGraph)})
    sources = [{"graph": g, "label": _label(store, NamedNode(g))} for g in graphs[:limit]]
    return {
        "outgoing": _ntriples(outgoing[:limit]), "outgoing_cut": len(outgoing) > limit,
        "incoming": _ntriples(incoming[:limit]), "incoming_cut": len(incoming) > limit,
        "fragments": _ntriples(fragments), "labels": labels, "evidence": evidence, "sources": sources,
    }


def _ntriples(quads: list) -> bytes:
    from ..store import restore_datatypes

    return serialize(restore_datatypes(q.triple for q in quads), format=RdfFormat.N_TRIPLES) or b""


def _label(store, node: NamedNode) -> str | None:
    for predicate in LABELS:
        for q in store.quads_for_pattern(node, NamedNode(predicate), None, _DEFAULT):
            if isinstance(q.object, Literal):
                return q.object.value
    return None


def _evidence(store, resource: NamedNode) -> dict:
    out: dict[str, Any] = {"iri": resource.value}
    for q in store.quads_for_pattern(resource, _HAS_SOURCE, None, _DEFAULT):
        out["source"] = q.object.value
        out["source_label"] = _label(store, q.object) if isinstance(q.object, NamedNode) else None
    for q in store.quads_for_pattern(resource, _HAS_SELECTOR, None, _DEFAULT):
        out["selector"] = q.object.value
        for p in store.quads_for_pattern(q.object, None, None, _DEFAULT):
            if p.predicate.value.startswith(_OA) and isinstance(p.object, Literal):
                out[p.predicate.value[len(_OA):]] = p.object.value
    return out


def _stats(store) -> dict:
    """Counts for the dataset description (VoID)."""
    def rows(query: str) -> list:
        return list(store.query(query))

    classes = [(r["c"].value, int(r["n"].value)) for r in
               rows("SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY ?c")]
    properties = [(r["p"].value, int(r["n"].value)) for r in
                  rows("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p")]
    subjects = int(rows("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }")[0]["n"].value)
    objects = int(rows("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }")[0]["n"].value)
    examples = []
    for cls in ("https://schema.oparl.org/1.1/Meeting", "https://w3id.org/ratsgraph/vocab#Decision",
                "https://schema.oparl.org/1.1/Paper"):
        for q in itertools.islice(store.quads_for_pattern(
                None, NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NamedNode(cls), _DEFAULT), 1):
            examples.append(q.subject.value)
    return {"triples": sum(n for _, n in properties), "graphs": sum(1 for _ in store.named_graphs()),
            "classes": classes, "properties": properties, "subjects": subjects, "objects": objects,
            "examples": examples}


def _dump(store, fmt: str, path: str) -> dict:
    """Write the N-Quads (document graphs) or N-Triples (their union) dump to `path`."""
    tmp = path + ".part"
    if fmt == "nquads":
        quads = (q for q in store.quads_for_pattern(None, None, None) if not isinstance(q.graph_name, DefaultGraph))
        serialize(quads, output=tmp, format=RdfFormat.N_QUADS)
    else:
        store.dump(output=tmp, format=RdfFormat.N_TRIPLES, from_graph=_DEFAULT)
    os.replace(tmp, path)
    return {"size": os.path.getsize(path)}


def _sleep(store, seconds: float) -> dict:
    """A job that only takes time (for tests of the timeout)."""
    time.sleep(seconds)
    return {}


JOBS = {"query": _query, "describe": _describe, "stats": _stats, "dump": _dump, "sleep": _sleep}


# -- in the server process --------------------------------------------------------------------

class Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context, store_path: str) -> None:
        self._context = context
        self._store_path = store_path
        self.process = None
        self.conn = None
        self.network = "unknown"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def start(self) -> None:
        """Start the process and wait until it has opened the store. Raises `JobError`."""
        parent, child = self._context.Pipe()
        self.process = self._context.Process(target=_worker_main, args=(self._store_path, child),
                                             name="ratsgraph-query-worker", daemon=True)
        self.process.start()
        child.close()
        self.conn = parent
        if not parent.poll(_STARTUP_TIMEOUT):
            self.kill()
            raise JobError("internal", "a query worker did not start in time")
        try:
            message = parent.recv()
        except (EOFError, OSError):
            self.kill()
            raise JobError("internal", "a query worker died while starting") from None
        if message[0] != "ready":
            self.kill()
            raise JobError("internal", message[1])
        self.network = message[2]

    def kill(self) -> None:
        """Stop the process at once, whatever it is doing."""
        if self.process is not None and self.process.is_alive():
            self.process.kill()
        if self.process is not None:
            self.process.join(5)
        if self.conn is not None:
            self.conn.close()


class WorkerPool:
    """A fixed number of workers; a job waits for a free one, runs with a time limit, and a worker
    whose job overran (or that died) is killed and replaced in the background."""

    def __init__(self, store_path: str, size: int = 2, start_method: str = "spawn") -> None:
        self.store_path = store_path
        self.size = size
        self._context = multiprocessing.get_context(start_method)
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._workers: list[Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start all workers and wait until they have opened the store. Raises `JobError`."""
        for _ in range(self.size):
            worker = Worker(self._context, self.store_path)
            try:
                worker.start()
            except JobError:
                self.close()
                raise
            self._workers.append(worker)
            self._idle.put(worker)

    def pids(self) -> list[int]:
        with self._lock:
            return [w.pid for w in self._workers if w.pid is not None and w.process.is_alive()]

    def network(self) -> str:
        """"isolated" when every worker runs without network, else the first reason why not."""
        with self._lock:
            states = [w.network for w in self._workers]
        return next((s for s in states if s != "isolated"), "isolated") if states else "unknown"

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers, self._workers = self._workers, []
        for worker in workers:
            worker.kill()

    def _acquire(self, wait: float) -> Worker:
        try:
            return self._idle.get(timeout=wait)
        except queue.Empty:
            raise JobError("busy", f"all {self.size} query workers stayed busy for {wait:g} s; "
                                   "try again later") from None

    def _replace(self, worker: Worker) -> None:
        """Kill a worker now and start its successor in the background."""
        worker.kill()

        def restart() -> None:
            successor = Worker(self._context, self.store_path)
            while not self._closed:
                try:
                    successor.start()
                    break
                except JobError:
                    time.sleep(1.0)
            with self._lock:
                if worker in self._workers:
                    self._workers.remove(worker)
                if self._closed:
                    successor.kill()
                    return
                self._workers.append(successor)
            self._idle.put(successor)

        threading.Thread(target=restart, name="ratsgraph-worker-restart", daemon=True).start()

    def run(self, job: tuple, timeout: float) -> Any:
        """Run a job and return its answer. Raises `JobError` ("query", "timeout", "busy", "internal")."""
        worker = self._acquire(timeout)
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                self._replace(worker)
                worker = None
                raise JobError("timeout", f"the query ran longer than {timeout:g} s and was stopped")
            message = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            if worker is not None:
                self._replace(worker)
                worker = None
            raise JobError("internal", "the query worker died (out of memory?)") from None
        finally:
            if worker is not None:
                self._idle.put(worker)
        if message[0] == "error":
            raise JobError(message[1], message[2])
        return message[1]

    def stream(self, job: tuple, timeout: float) -> tuple[str, Iterator[bytes]]:
        """Run a streaming job: (media type, chunks). The whole stream must end within `timeout`;
        if it does not, or the reader stops early, the worker is killed. Raises `JobError` before
        the first chunk; a failure later ends the chunks early."""
        deadline = time.monotonic() + timeout
        worker = self._acquire(timeout)
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                raise JobError("timeout", f"the query ran longer than {timeout:g} s and was stopped")
            message = worker.conn.recv()
        except JobError:
            self._replace(worker)
            raise
        except (EOFError, OSError):
            self._replace(worker)
            raise JobError("internal", "the query worker died") from None
        if message[0] == "error":
            self._idle.put(worker)
            raise JobError(message[1], message[2])

        def chunks() -> Iterator[bytes]:
            """Raises `JobError` when the stream cannot be finished (the response is then cut off)."""
            done = False
            try:
                while True:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or not worker.conn.poll(remaining):
                        raise JobError("timeout", f"the download ran longer than {timeout:g} s and was stopped")
                    item = worker.conn.recv()
                    if item[0] == "end":
                        done = True
                        return
                    if item[0] == "error":
                        raise JobError(item[1], item[2])
                    yield item[1]
            except (EOFError, OSError):
                raise JobError("internal", "the query worker died") from None
            finally:
                if done:
                    self._idle.put(worker)
                else:
                    self._replace(worker)

        return message[1], chunks()
