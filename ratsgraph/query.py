"""SPARQL over RDF files and converted minutes, with pyoxigraph as the engine.

The prefixes of the vocabulary contract are predeclared; the default graph is the union of all
named graphs, so a query sees every loaded document."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Store,
)

from .errors import GraphError, InputError
from .vocab import PREFIXES

_RDF_FORMATS = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS,
                ".trig": RdfFormat.TRIG, ".jsonld": RdfFormat.JSON_LD, ".rdf": RdfFormat.RDF_XML,
                ".owl": RdfFormat.RDF_XML, ".n3": RdfFormat.N3}


class QueryError(Exception):
    """The query does not parse or cannot be evaluated."""


def prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def load_store(inputs: Iterable[str], store: Store | None = None) -> Store:
    """An in-memory store holding RDF files as they are and minutes converted on the fly."""
    from .pipeline import convert_path

    store = store if store is not None else Store()
    for name in inputs:
        path = Path(name)
        fmt = _RDF_FORMATS.get(path.suffix.lower())
        if fmt is None:
            conversion = convert_path(name)
            store.extend(q for q in _quads(conversion))
            continue
        if not path.is_file():
            raise InputError("is a directory, not a file" if path.is_dir() else "no such file", name)
        try:
            store.load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as err:
            raise GraphError(f"not valid {fmt.name}: {' '.join(str(err).split())[:200]}", name) from None
    return store


def _quads(conversion):
    from pyoxigraph import Quad

    for t in conversion.triples:
        yield Quad(t.subject, t.predicate, t.object, conversion.graph)


def run_query(store: Store, query: str, fmt: str = "table") -> bytes:
    """Evaluate a query and serialise its result: table, csv, tsv, json, xml for solutions and
    booleans; turtle, nt, jsonld for CONSTRUCT and DESCRIBE."""
    try:
        result = store.query(prologue() + query, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(" ".join(str(err).split())) from None
    except OSError as err:
        raise QueryError(str(err)) from None
    if isinstance(result, QueryTriples):
        from .graph.formats import find_format

        triples = list(result)
        out_format = find_format("turtle" if fmt in ("table", "csv", "tsv", "json", "xml") else fmt)
        return out_format.write(triples)
    if isinstance(result, QueryBoolean):
        if fmt == "table":
            return (b"true" if bool(result) else b"false") + b"\n"
        return result.serialize(format=_results_format(fmt))
    assert isinstance(result, QuerySolutions)
    if fmt == "table":
        return table(result).encode("utf-8")
    if fmt == "csv":
        return _csv(result)
    return result.serialize(format=_results_format(fmt))


def _results_format(fmt: str) -> QueryResultsFormat:
    return {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML, "csv": QueryResultsFormat.CSV,
            "tsv": QueryResultsFormat.TSV}.get(fmt, QueryResultsFormat.JSON)


def _csv(result: QuerySolutions) -> bytes:
    """SPARQL CSV (plain values), written with the csv module for proper quoting."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    variables = [v.value for v in result.variables]
    writer.writerow(variables)
    for row in result:
        writer.writerow(["" if row[v] is None else row[v].value for v in variables])
    return out.getvalue().encode("utf-8")


def short(term) -> str:
    """A term as a reader wants it in a table: prefixed IRIs, plain literal values."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return term.value
    return str(term)


def table(result: QuerySolutions) -> str:
    variables = [v.value for v in result.variables]
    rows = [[short(row[v]) for v in variables] for row in result]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    widths = [min(w, 80) for w in widths]

    def line(cells: list[str]) -> str:
        return " | ".join((c if len(c) <= 80 else c[:77] + "...").ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(variables), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
