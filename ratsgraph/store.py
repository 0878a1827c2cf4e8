"""The persistent store: a pyoxigraph (RocksDB) database on disk, one named graph per source document.

Documents come from `ratsgraph.pipeline` (minutes) or from RDF files. Loading a document again
replaces its graph `file/{sha1}` in one SPARQL Update transaction (drop + insert), so a reader or a
crash sees the previous graph or the new one, never a mixture; `replace=` drops old graphs (the
earlier version of a corrected document) in that same transaction. The default graph is kept as
the union of the document graphs (each triple once), and queries run over it.

A `load` killed at any moment (SIGKILL, power cut aside) leaves every document graph as it was or
as the load writes it, and the union graph the union of the document graphs: documents are
committed in transactions of whole documents (RocksDB's write-ahead log replays committed ones
and drops a torn one), the marker file is written atomically, and a new database is created
under a temporary name and renamed into place. Running the same `load` again completes it
(tests/test_reliability_store.py kills real loads and checks this).

A store folder holds:

    ratsgraph-store.json   marks the folder as a ratsgraph store (never written into another folder)
    lock                   flock: `load` holds it exclusively; `query` and `serve` hold it shared
    oxigraph/              the pyoxigraph database

    >>> with GraphStore.open(tmp, write=True) as store:              # doctest: +SKIP
    ...     report = store.load(["samples/kreis-mettmann-vorlage-50-034-2021.txt"])
    ...     store.dump("nquads")[:40]
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Store,
    Triple,
    parse,
    serialize,
)

from .errors import GraphError, InputError, RatsgraphError, StoreError
from .graph.iris import DEFAULT_BASE

MARKER = "ratsgraph-store.json"
LOCK = "lock"
DATA = "oxigraph"
STORE_FORMAT = {"format": "ratsgraph-store", "version": 1, "layout": {"data": DATA, "lock": LOCK}}

#: RDF files are loaded as they are; every other input is converted as minutes (or OParl JSON).
RDF_EXTENSIONS: dict[str, RdfFormat] = {
    ".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS, ".trig": RdfFormat.TRIG,
    ".jsonld": RdfFormat.JSON_LD, ".rdf": RdfFormat.RDF_XML, ".owl": RdfFormat.RDF_XML, ".n3": RdfFormat.N3,
}

#: Documents are written in transactions of about this many triples (each document whole in one).
#: Larger batches are not faster (one `extend` of 60 documents or 60 of one document each take
#: the same time); smaller ones keep more of a long load when it is killed and need less memory.
LOAD_BATCH_TRIPLES = 20_000

GraphName = NamedNode | BlankNode


@dataclass(frozen=True)
class GraphDocument:
    """The triples of one named graph and the input they came from."""

    source: str
    graph: GraphName
    triples: list[Triple]


@dataclass(frozen=True)
class LoadedDocument:
    """A document written by the bulk path: its source, graph and number of triples."""

    source: str
    graph: GraphName
    size: int


#: The bulk path hands RocksDB's bulk loader about this much N-Quads at a time.
BULK_BATCH_BYTES = 64 * 1024 * 1024


def _union_nquads(graph: GraphName, ntriples: bytes) -> bytes:
    """A document's N-Triples as N-Quads in its graph and in the default (union) graph."""
    tail = b" <" + graph.value.encode() + b"> .\n"
    return b"".join(line + b"\n" + line[:-2] + tail for line in ntriples.split(b"\n") if line)


#: Line-based RDF formats: loaded into an empty store straight from the file (`_stream_file`),
#: never held in memory.
STREAMED_FORMATS = (RdfFormat.N_QUADS, RdfFormat.N_TRIPLES, RdfFormat.TRIG)


def streamed_format(name: str, input_format: str | None) -> RdfFormat | None:
    fmt = RDF_EXTENSIONS.get(Path(name).suffix.lower()) if input_format is None else None
    return fmt if fmt in STREAMED_FORMATS else None


@dataclass(frozen=True)
class ScannedFile:
    """What `scan_rdf_file` found in an RDF file: the graph of its default-graph triples
    (`file/{sha1}`, None when it has none), quads per graph, and whether blank nodes occur."""

    default: NamedNode | None
    counts: dict[GraphName, int]
    blank_nodes: bool


def scan_rdf_file(name: str, fmt: RdfFormat, base: str) -> ScannedFile:
    """Check an RDF file by parsing it once without keeping its quads, as `read_documents` would
    read it. Raises the same typed errors as `read_documents`."""
    path = _rdf_file(name)
    sha1 = hashlib.sha1()
    blank = True
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            sha1.update(chunk)
            blank = blank and not chunk.strip()
    if blank:
        raise InputError("is empty", name)
    default = NamedNode(f"{base}file/{sha1.hexdigest()}")
    counts: dict[GraphName, int] = {}
    blank_nodes = False
    try:
        with open(path, "rb") as f:
            for quad in parse(f, format=fmt, base_iri=base):
                g = quad.graph_name
                counts[g] = counts.get(g, 0) + 1
                if isinstance(quad.subject, BlankNode) or isinstance(quad.object, BlankNode):
                    blank_nodes = True
    except (SyntaxError, ValueError) as err:
        raise _not_valid(fmt, err, name) from None
    if not counts:
        raise GraphError(f"holds no triples ({fmt.name})", name)
    if any(isinstance(g, BlankNode) for g in counts):
        raise GraphError("a graph named by a blank node cannot be stored; name it with an IRI", name)
    if DefaultGraph() not in counts:
        return ScannedFile(None, counts, blank_nodes)
    counts[default] = counts.get(default, 0) + counts.pop(DefaultGraph())
    return ScannedFile(default, counts, blank_nodes)


def _stream_file(store: Store, name: str, fmt: RdfFormat, base: str, scanned: ScannedFile) -> None:
    """Bulk-load a checked RDF file (`scan_rdf_file`) into its graphs, its default-graph triples
    into `scanned.default`, and everything into the union (default) graph: the file is read again
    from disk for each, never held in memory. Only the union copy of quads goes through Python.

    `bulk_load` gives the blank nodes of each call new names, so a file with blank nodes is read
    once and each quad written twice in one `bulk_extend` (slower, but the copies stay one node)."""
    default = scanned.default
    if scanned.blank_nodes:
        def both() -> Iterator[Quad]:
            for q in _quads(name, fmt, base):
                triple = (q.subject, q.predicate, q.object)
                yield Quad(*triple, default) if isinstance(q.graph_name, DefaultGraph) else q
                yield Quad(*triple)

        store.bulk_extend(both())
        return
    if fmt == RdfFormat.N_TRIPLES:
        store.bulk_load(path=name, format=fmt, base_iri=base, to_graph=default, lenient=True)
        store.bulk_load(path=name, format=fmt, base_iri=base, lenient=True)
        return
    if default is None:
        store.bulk_load(path=name, format=fmt, base_iri=base, lenient=True)
    else:
        store.bulk_extend(Quad(q.subject, q.predicate, q.object, default)
                          if isinstance(q.graph_name, DefaultGraph) else q for q in _quads(name, fmt, base))
    store.bulk_extend(Quad(q.subject, q.predicate, q.object) for q in _quads(name, fmt, base))


def _quads(name: str, fmt: RdfFormat, base: str) -> Iterator[Quad]:
    with open(name, "rb") as f:
        yield from parse(f, format=fmt, base_iri=base, lenient=True)


def _nquads_documents(inputs: list[str], *, base: str, body: str | None, input_format: str | None, jobs: int):
    """(input, [(LoadedDocument, its N-Quads with the union copy)] or the input's error), per input
    in order; minutes are converted by `pipeline.iter_outputs` (in `jobs` processes)."""
    from .pipeline import iter_outputs

    rdf = {name for name in inputs if input_format is None and Path(name).suffix.lower() in RDF_EXTENSIONS}
    minutes = iter_outputs([n for n in inputs if n not in rdf], base=base, body=body, input_format=input_format,
                           jobs=jobs)
    for name in inputs:
        if name in rdf:
            try:
                documents = read_documents(name, base=base, body=body, input_format=input_format)
                for doc in documents:
                    _term(doc.graph)  # a graph named by a blank node cannot be stored
            except RatsgraphError as err:
                yield name, err
                continue
            yield name, [(LoadedDocument(doc.source, doc.graph, len(doc.triples)),
                          _union_nquads(doc.graph, serialize(doc.triples, format=RdfFormat.N_TRIPLES) or b""))
                         for doc in documents]
            continue
        result = next(minutes)
        if isinstance(result, RatsgraphError):
            yield name, result
            continue
        graph = NamedNode(result.graph)
        yield name, [(LoadedDocument(name, graph, result.ntriples.count(b"\n")),
                      _union_nquads(graph, result.ntriples))]


@dataclass
class LoadReport:
    """What one `load` did: graphs written (and whether they replaced an older version), graphs
    that already held exactly the document (not written again), graphs dropped through
    `replace=`, and one error per input (or replace IRI) that failed."""

    loaded: list[tuple[str, GraphName, int, bool]] = field(default_factory=list)
    unchanged: list[GraphName] = field(default_factory=list)
    dropped: list[GraphName] = field(default_factory=list)
    errors: list[RatsgraphError] = field(default_factory=list)


_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = NamedNode(_XSD + "integer")
_DERIVED_INTEGERS = {_XSD + name for name in (
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger", "long", "int", "short",
    "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


@cache
def integer_datatypes() -> dict[NamedNode, NamedNode]:
    """Predicate → derived integer datatype (xsd:nonNegativeInteger, …) as the ontology's ranges
    and the shapes' sh:datatype declare them.

    Oxigraph's store keeps every integer-derived literal as xsd:integer ("5"^^xsd:nonNegativeInteger
    comes back as "5"^^xsd:integer); `restore_datatypes` types them back on the way out, so dumps,
    pushes and resource pages conform to the shapes again."""
    from pyoxigraph import Store as MemoryStore

    from .resources import ONTOLOGY, SHAPES, resource_path

    store = MemoryStore()
    paths = [resource_path(ONTOLOGY), *sorted(resource_path(SHAPES).parent.glob("*.ttl"))]
    for path in paths:
        try:
            store.load(path=str(path), format=RdfFormat.TURTLE)
        except (SyntaxError, OSError):
            continue
    found: dict[NamedNode, NamedNode] = {}
    for row in store.query("""
            PREFIX sh: <http://www.w3.org/ns/shacl#>
            PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            SELECT DISTINCT ?p ?datatype WHERE {
              { ?p rdfs:range ?datatype }
              UNION { ?shape sh:datatype ?datatype ; sh:path ?p . FILTER (isIRI(?p)) }
              UNION { ?shape sh:datatype ?datatype ; sh:path/sh:alternativePath/rdf:rest*/rdf:first ?p }
            }"""):
        if row["datatype"].value in _DERIVED_INTEGERS:
            found[row["p"]] = row["datatype"]
    return found


def restore_datatypes(triples: Iterable[Triple]) -> list[Triple]:
    """Triples with the integer datatypes the vocabulary declares, where the store made them xsd:integer."""
    table = integer_datatypes()
    out = []
    for t in triples:
        o = t.object
        if isinstance(o, Literal) and o.datatype == _INTEGER and t.predicate in table:
            t = Triple(t.subject, t.predicate, Literal(o.value, datatype=table[t.predicate]))
        out.append(t)
    return out


def file_iri(data: bytes, base: str = DEFAULT_BASE) -> NamedNode:
    """The graph of an RDF file that carries no graph names of its own: `{base}file/{sha1}`."""
    return NamedNode(f"{base}file/{hashlib.sha1(data).hexdigest()}")


def graph_iri(text: str, base: str = DEFAULT_BASE) -> NamedNode:
    """A graph IRI as given on the command line: absolute, `file/{sha1}` under the base, or a bare sha1."""
    text = text.strip().removeprefix("<").removesuffix(">")
    if ":" in text:
        return NamedNode(text)
    if len(text) == 40 and all(c in "0123456789abcdef" for c in text):
        text = f"file/{text}"
    return NamedNode(base + text.lstrip("/"))


def _rdf_file(name: str) -> Path:
    """The path of an RDF input, or the input's error when it is no file."""
    path = Path(name)
    if not path.is_file():
        raise InputError("is a directory, not a file" if path.is_dir() else "no such file", name)
    return path


def _not_valid(fmt: RdfFormat, err: Exception, name: str) -> GraphError:
    return GraphError(f"not valid {fmt.name}: {' '.join(str(err).split())[:200]}", name)


def read_documents(name: str, *, base: str = DEFAULT_BASE, body: str | None = None,
                   input_format: str | None = None) -> list[GraphDocument]:
    """The named graphs one input contributes. RDF files (by extension) are parsed as they are:
    quads keep their graph, triples go to `file/{sha1 of the file}`; anything else is converted
    with the pipeline into its document graph. Raises the typed errors of `ratsgraph.errors`."""
    fmt = RDF_EXTENSIONS.get(Path(name).suffix.lower()) if input_format is None else None
    if fmt is None:
        from .pipeline import convert_path

        conversion = convert_path(name, base=base, body=body, input_format=input_format)
        return [GraphDocument(name, conversion.graph, list(conversion.triples))]
    data = _rdf_file(name).read_bytes()
    if not data.strip():
        raise InputError("is empty", name)
    default = file_iri(data, base)
    graphs: dict[GraphName, dict[Triple, None]] = {}
    try:
        for quad in parse(data, format=fmt, base_iri=base):
            g = default if isinstance(quad.graph_name, DefaultGraph) else quad.graph_name
            graphs.setdefault(g, {})[quad.triple] = None
    except (SyntaxError, ValueError) as err:
        raise _not_valid(fmt, err, name) from None
    if not graphs:
        raise GraphError(f"holds no triples ({fmt.name})", name)
    return [GraphDocument(name, g, list(triples)) for g, triples in graphs.items()]


def replace_update(documents: Sequence[GraphDocument], remove_graphs: Sequence[GraphName] = (),
                   union_removals: Sequence[Triple] = (), union_additions: Sequence[Triple] | None = None,
                   blank_graphs: Sequence[GraphName] = ()) -> str:
    """One SPARQL Update request (Oxigraph runs a request as one transaction) that takes the
    triples `union_removals` out of the union (default) graph, drops `remove_graphs`, and inserts
    the documents into their graphs and `union_additions` (default: all their triples) into the union.

    `blank_graphs` are removed graphs whose blank-node triples may have to leave the union too;
    DELETE DATA cannot name blank nodes, so a pattern finds those no other graph holds."""
    operations = []
    names = ", ".join(_term(g) for g in remove_graphs)
    for g in blank_graphs:
        operations.append(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {_term(g)} {{ ?s ?p ?o }} "
                          f"FILTER (isBlank(?s) || isBlank(?o)) "
                          f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other NOT IN ({names})) }} }}")
    if union_removals:
        operations.append("DELETE DATA {\n" + _ntriples(union_removals) + "}")
    operations += [f"DROP SILENT GRAPH {_term(g)}" for g in remove_graphs]
    if union_additions is None:
        union_additions = list(dict.fromkeys(t for doc in documents for t in doc.triples))
    blocks = [_ntriples(union_additions)] if union_additions else []
    blocks += [f"GRAPH {_term(doc.graph)} {{\n{_ntriples(doc.triples)}}}" for doc in documents if doc.triples]
    if blocks:
        operations.append("INSERT DATA {\n" + "\n".join(blocks) + "\n}")
    return " ;\n".join(operations)


def _ntriples(triples: Iterable[Triple]) -> str:
    return (serialize(list(triples), format=RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def _with_union(documents: Sequence[GraphDocument]) -> Iterator[Quad]:
    """The quads of new documents: each triple in its document graph and in the union graph."""
    default = DefaultGraph()
    for doc in documents:
        _term(doc.graph)
        for t in doc.triples:
            yield Quad(t.subject, t.predicate, t.object, doc.graph)
            yield Quad(t.subject, t.predicate, t.object, default)


def _term(node: GraphName) -> str:
    if isinstance(node, BlankNode):  # a blank graph name cannot be addressed in SPARQL Update
        raise GraphError("a graph named by a blank node cannot be stored; name it with an IRI")
    return f"<{node.value}>"


def _fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable (it already is against a killed process)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class GraphStore:
    """A ratsgraph store folder, opened for writing (`load`) or for reading (`query`, `serve`)."""

    def __init__(self, path: Path, store: Store, lock_fd: int, write: bool) -> None:
        self.path = path
        self.store = store
        self.write = write
        self._lock_fd: int | None = lock_fd

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, write: bool = False) -> GraphStore:
        """Open a store. With `write`, a missing or empty folder becomes a new store; a folder
        holding anything else is refused. Raises `StoreError` (with the folder's name)."""
        folder = Path(path)
        name = str(path)
        if write:
            cls._prepare(folder, name)
        elif not (folder / MARKER).is_file():
            what = "no such folder" if not folder.exists() else "not a ratsgraph store (no ratsgraph-store.json)"
            raise StoreError(f"{what}; create one with `ratsgraph load --store {name} FILE...`", name)
        lock_fd = cls._lock(folder, name, write)
        try:
            if write:
                cls._create_database(folder)
                store = Store(str(folder / DATA))
            elif not (folder / DATA).exists():  # marked, but the first load stopped before creating it
                store = Store()
            else:
                store = Store.read_only(str(folder / DATA))
        except OSError as err:
            os.close(lock_fd)
            message = " ".join(str(err).split())
            if "lock" in message.lower():
                message = "in use by another process that writes to it"
            raise StoreError(f"cannot open the store: {message[:200]}", name) from None
        return cls(folder, store, lock_fd, write)

    @staticmethod
    def _prepare(folder: Path, name: str) -> None:
        """Make a missing or empty folder a store: the marker is written to a temporary file and
        renamed, so a killed `load` leaves the folder empty (a leftover temporary marker counts
        as empty) or marked, never with a half-written marker."""
        if folder.exists() and not folder.is_dir():
            raise StoreError("is a file, not a store folder", name)
        if (folder / MARKER).is_file():
            return
        part = folder / (MARKER + ".part")
        if folder.exists() and any(p.name != part.name for p in folder.iterdir()):
            raise StoreError("is not empty and not a ratsgraph store; refusing to write into it", name)
        folder.mkdir(parents=True, exist_ok=True)
        with open(part, "w", encoding="utf-8") as f:
            f.write(json.dumps(STORE_FORMAT, indent=1) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(part, folder / MARKER)
        _fsync_folder(folder)

    @staticmethod
    def _create_database(folder: Path) -> None:
        """Create the database of a new store under a temporary name and rename it into place
        (called with the exclusive lock held), so `oxigraph/` is either absent or a complete
        database. A temporary folder left by a killed `load` is removed."""
        import shutil

        data, fresh = folder / DATA, folder / (DATA + ".new")
        if fresh.exists():
            shutil.rmtree(fresh)
        if data.exists():
            return
        Store(str(fresh)).flush()  # the Store object is dropped (and the database closed) here
        os.rename(fresh, data)
        _fsync_folder(folder)

    @classmethod
    def read_lock(cls, path: str | os.PathLike[str]) -> int:
        """Hold the store shared (as `serve` does while its workers come and go): a `load` is
        refused until the returned descriptor is closed. Raises `StoreError`."""
        folder = Path(path)
        if not (folder / MARKER).is_file():
            raise StoreError("not a ratsgraph store (no ratsgraph-store.json); "
                             f"create one with `ratsgraph load --store {path} FILE...`", str(path))
        return cls._lock(folder, str(path), False)

    @staticmethod
    def _lock(folder: Path, name: str, write: bool) -> int:
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT, 0o644) if write or os.access(folder, os.W_OK) \
            else os.open(folder / MARKER, os.O_RDONLY)
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if write else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if write:
                raise StoreError("the store is open in another process (a running `ratsgraph serve`, "
                                 "`query` or `load`); stop it first", name) from None
            raise StoreError("a `ratsgraph load` is writing to the store; try again when it has finished",
                             name) from None
        return fd

    def close(self) -> None:
        if self._lock_fd is None:
            return
        if self.write:
            self.store.flush()
        del self.store  # closes the database before the lock is released
        os.close(self._lock_fd)
        self._lock_fd = None

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------

    def graphs(self) -> list[GraphName]:
        """The named graphs, sorted by IRI."""
        return sorted(self.store.named_graphs(), key=lambda g: g.value)

    def has_graph(self, graph: GraphName) -> bool:
        return self.store.contains_named_graph(graph)

    def quad_count(self, graph: GraphName | None = None) -> int:
        """Triples in the document graphs (a triple that two documents state counts twice)."""
        if graph is not None:
            return sum(1 for _ in self.store.quads_for_pattern(None, None, None, graph))
        return len(self.store) - self.triple_count()

    def triple_count(self) -> int:
        """Distinct triples of all documents together: the size of the union (default) graph."""
        solutions = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")  # counted in Rust
        return int(next(iter(solutions))["n"].value)  # type: ignore[index]

    def graph_triples(self, graph: GraphName | DefaultGraph) -> list[Triple]:
        """The triples of one graph, with the vocabulary's datatypes (see `restore_datatypes`)."""
        return restore_datatypes(q.triple for q in self.store.quads_for_pattern(None, None, None, graph))

    def documents(self, graphs: Iterable[GraphName] | None = None) -> Iterator[tuple[list[Triple], object]]:
        """(triples, graph name) per document graph, as `ratsgraph.graph.formats.write` takes them
        (the default graph is their union, derived from them, and not written separately)."""
        for g in self.graphs() if graphs is None else graphs:
            yield self.graph_triples(g), g

    def dump(self, fmt: str = "nquads", graphs: Iterable[GraphName] | None = None) -> bytes:
        """The store (or some graphs) in any format of the registry; quad formats keep the graphs."""
        from .graph.formats import find_format, write

        return write(find_format(fmt), list(self.documents(graphs)))  # type: ignore[arg-type]

    def query(self, text: str, fmt: str = "table") -> bytes:
        from .query import run_query

        return run_query(self.store, text, fmt)

    # -- writing ---------------------------------------------------------------------------

    def replace(self, documents: Sequence[GraphDocument], drop: Iterable[GraphName] = ()) -> set[GraphName]:
        """Write documents, each replacing its graph, and drop other graphs: one transaction.
        Returns the graphs that already held exactly their document and were not written.

        The union graph changes only where it must: a triple leaves it when a replaced or dropped
        graph held it and neither another graph nor a new document does; triples the new
        documents add are inserted. Reloading an unchanged document writes nothing at all."""
        if not self.write:
            raise StoreError("opened read-only", str(self.path))
        drop = list(drop)
        for doc in documents:
            _term(doc.graph)
        unchanged = {d.graph for d in documents if d.graph not in drop and self._holds(d)}
        documents = [d for d in documents if d.graph not in unchanged]
        if not documents and not drop:
            return unchanged
        existing = [d.graph for d in documents if self.has_graph(d.graph)]
        try:
            if not drop and not existing:  # only new graphs: one `extend`, also one transaction
                self.store.extend(_with_union(documents))
                return unchanged
            removed = list(dict.fromkeys([*drop, *existing]))
            update = replace_update(documents, removed, *self._union_changes(documents, removed))
            self.store.update(update)
        except (SyntaxError, OSError, ValueError) as err:
            raise StoreError(f"write failed: {' '.join(str(err).split())[:200]}", str(self.path)) from None
        return unchanged

    def _holds(self, doc: GraphDocument) -> bool:
        """Whether the document's graph holds exactly its triples already (compared as the store
        keeps them: canonical literals, integer types as xsd:integer). Blank nodes never match."""
        stored = {q.triple for q in self.store.quads_for_pattern(None, None, None, doc.graph)}
        if not stored or len(stored) != len(set(doc.triples)):
            return False
        canonical = Store()
        try:
            canonical.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in doc.triples)
        except (OSError, ValueError):
            return False
        return stored == {q.triple for q in canonical}

    def _union_changes(self, documents: Sequence[GraphDocument], removed: Sequence[GraphName]):
        """(union removals, union additions, graphs with blank-node triples to check) for `replace`."""
        gone = set(removed)
        incoming = dict.fromkeys(t for doc in documents for t in doc.triples)
        outgoing: set[Triple] = set()  # what the removed graphs held, in the vocabulary's datatypes
        removals: dict[Triple, None] = {}
        blank_graphs = []
        for g in removed:
            stored = [q.triple for q in self.store.quads_for_pattern(None, None, None, g)]
            has_blank = False
            for kept, t in zip(stored, restore_datatypes(stored), strict=True):
                outgoing.add(t)
                if t in incoming:
                    continue
                if isinstance(kept.subject, BlankNode) or isinstance(kept.object, BlankNode):
                    has_blank = True
                    continue
                holders = self.store.quads_for_pattern(kept.subject, kept.predicate, kept.object, None)
                if not any(not isinstance(q.graph_name, DefaultGraph) and q.graph_name not in gone for q in holders):
                    removals[kept] = None
            if has_blank:
                blank_graphs.append(g)
        additions = [t for t in incoming if t not in outgoing]
        return list(removals), additions, blank_graphs

    def load(self, inputs: Iterable[str], *, replace: Iterable[str] = (), base: str = DEFAULT_BASE,
             body: str | None = None, input_format: str | None = None,
             on_document: Callable[[GraphDocument, str], None] | None = None, jobs: int = 1) -> LoadReport:
        """Load inputs, each document replacing its graph; `replace` names old graphs to drop in
        the transaction of the first loaded document. A failing input is reported in the result
        and the others are still loaded; when inputs were given and none loaded, nothing is dropped
        either (with no inputs at all, the graphs are just dropped). `on_document(doc, action)`
        is called once a document is committed; action is "loaded", "replaced" or "unchanged".

        Documents are committed in batches of about `LOAD_BATCH_TRIPLES` triples, each batch one
        transaction: a load that is killed keeps the batches committed before, and running it
        again writes the rest (documents already there are found unchanged and not rewritten).

        Into an empty store, the documents are bulk-loaded into a new database that replaces the
        empty one when it is complete (`_load_fresh`): several times faster, and as safe, since
        a load killed before the switch leaves the store as it was, empty. `jobs` > 1 converts
        minutes in that many processes on this path."""
        report = LoadReport()
        drops: list[GraphName] = []
        for text in replace:
            try:
                g = graph_iri(text, base)
            except ValueError:
                report.errors.append(StoreError("--replace: not an IRI", text))
                continue
            if not self.has_graph(g):
                report.errors.append(StoreError("--replace: no such graph in the store", g.value))
            else:
                drops.append(g)
        inputs = list(inputs)
        if not inputs and drops:  # only dropping old graphs
            self._commit({}, drops, report, on_document)
            return report
        if not drops and inputs and self._is_empty():
            return self._load_fresh(inputs, report, base=base, body=body, input_format=input_format,
                                    on_document=on_document, jobs=jobs)
        batch: dict[GraphName, GraphDocument] = {}
        size = 0
        for name in inputs:
            try:
                documents = read_documents(name, base=base, body=body, input_format=input_format)
            except RatsgraphError as err:
                report.errors.append(err)
                continue
            except Exception as err:  # a bug met on this input: report it, load the others
                detail = " ".join(f"{type(err).__name__}: {err}".split())[:200]
                report.errors.append(InputError(f"could not be converted ({detail}); this is a bug in "
                                                "ratsgraph, please report it with the input", name))
                continue
            for doc in documents:
                if doc.graph in batch:  # the same document twice in one run: one graph, the union
                    earlier = batch[doc.graph]
                    doc = GraphDocument(doc.source, doc.graph, list(dict.fromkeys(earlier.triples + doc.triples)))
                batch[doc.graph] = doc
                size += len(doc.triples)
            if size >= LOAD_BATCH_TRIPLES:
                self._commit(batch, drops, report, on_document)
                batch, drops, size = {}, [], 0
        if batch:
            self._commit(batch, drops, report, on_document)
        return report

    def _is_empty(self) -> bool:
        return next(iter(self.store.quads_for_pattern(None, None, None, None)), None) is None

    def _load_fresh(self, inputs: list[str], report: LoadReport, *, base: str, body: str | None,
                    input_format: str | None, on_document: Callable | None, jobs: int) -> LoadReport:
        """Bulk-load into `oxigraph.bulk/` (RocksDB's bulk loader: no transactions, several times
        faster than them), then put it in the place of the empty database: removed, renamed. A kill
        before the rename leaves the empty store (the temporary folder is removed by the next load);
        a kill between removal and rename leaves no database, and the store opens empty.

        N-Quads, N-Triples and TriG files are checked by one parse (`scan_rdf_file`) and then
        bulk-loaded from the file (`_stream_file`), so memory does not grow with their size; other
        inputs are read or converted into N-Quads and bulk-loaded in batches of `BULK_BATCH_BYTES`."""
        import shutil

        bulk = self.path / (DATA + ".bulk")
        if bulk.exists():
            shutil.rmtree(bulk)
        fresh = Store(str(bulk))
        pending: list[bytes] = []
        size = 0
        done: list[LoadedDocument] = []
        seen: set[GraphName] = set()
        streamed = {name: fmt for name in inputs if (fmt := streamed_format(name, input_format)) is not None}
        others = _nquads_documents([n for n in inputs if n not in streamed], base=base, body=body,
                                   input_format=input_format, jobs=jobs)
        try:
            for name in inputs:
                if name in streamed:  # checked, then bulk-loaded from the file
                    try:
                        scanned = scan_rdf_file(name, streamed[name], base)
                    except RatsgraphError as err:
                        report.errors.append(err)
                        continue
                    _stream_file(fresh, name, streamed[name], base, scanned)
                    for g, n in scanned.counts.items():
                        report.loaded.append((name, g, n, False))
                        if g not in seen:
                            seen.add(g)
                            done.append(LoadedDocument(name, g, n))
                    continue
                _, result = next(others)
                if isinstance(result, RatsgraphError):
                    report.errors.append(result)
                    continue
                for doc, quads in result:
                    pending.append(quads)
                    size += len(quads)
                    report.loaded.append((doc.source, doc.graph, doc.size, False))
                    if doc.graph not in seen:
                        seen.add(doc.graph)
                        done.append(doc)
                if size >= BULK_BATCH_BYTES:
                    fresh.bulk_load(b"".join(pending), format=RdfFormat.N_QUADS)
                    pending, size = [], 0
            if pending:
                fresh.bulk_load(b"".join(pending), format=RdfFormat.N_QUADS)
            fresh.flush()
            # the bulk loader leaves many overlapping files; compacting them once (~3 s per 1 M
            # triples) makes the sample queries ~1.5x faster on the new store
            fresh.optimize()
        except (SyntaxError, OSError, ValueError) as err:
            del fresh
            shutil.rmtree(bulk, ignore_errors=True)
            raise StoreError(f"write failed: {' '.join(str(err).split())[:200]}", str(self.path)) from None
        del fresh  # closes the new database
        if not done:
            shutil.rmtree(bulk, ignore_errors=True)
            return report
        self.store.flush()
        del self.store  # closes the empty database before it is removed
        shutil.rmtree(self.path / DATA)
        os.rename(bulk, self.path / DATA)
        _fsync_folder(self.path)
        self.store = Store(str(self.path / DATA))
        if on_document is not None:
            for doc in done:
                on_document(doc, "loaded")
        return report

    def _commit(self, batch: dict[GraphName, GraphDocument], drops: list[GraphName], report: LoadReport,
                on_document: Callable[[GraphDocument, str], None] | None) -> None:
        existed = {g: self.has_graph(g) for g in batch}
        unchanged = self.replace(list(batch.values()), drops)
        report.dropped.extend(drops)
        for g, doc in batch.items():
            report.loaded.append((doc.source, g, len(doc.triples), existed[g]))
            if g in unchanged:
                report.unchanged.append(g)
            if on_document is not None:
                on_document(doc, "unchanged" if g in unchanged else "replaced" if existed[g] else "loaded")
