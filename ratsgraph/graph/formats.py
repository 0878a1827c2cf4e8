"""Output formats, looked up by name, file extension or MIME type in one registry.

Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) write the union of the documents' graphs;
quad formats (N-Quads, TriG) keep each document in its own named graph `file/{sha1}`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, parse, serialize

from ..vocab import PREFIXES
from .jsonld import ntriples_to_jsonld, to_jsonld


@dataclass(frozen=True)
class OutputFormat:
    name: str
    media_type: str
    extensions: tuple[str, ...]
    quads: bool  # keeps named graphs
    write: Callable[[list], bytes]
    aliases: tuple[str, ...] = ()
    # Writes the union of documents given as N-Triples without building terms (the grouped
    # formats that have such a path; `write_ntriples` below falls back to `write`).
    from_ntriples: Callable[[list[bytes]], bytes] | None = None


def _grouped(triples: Iterable[Triple]) -> list[Triple]:
    """Triples grouped by subject in order of first appearance (readable Turtle), duplicates dropped."""
    by_subject: dict = {}
    for t in triples:
        by_subject.setdefault(t.subject, {}).setdefault(t, None)
    return [t for group in by_subject.values() for t in group]


# The end of a subject's block in Turtle/TriG as pyoxigraph writes it (literals never hold a raw
# line break there: it escapes them), followed by the next subject.
_BLOCK_END = re.compile(rb" \.\n(?=[<_\[])")


def _oxigraph(fmt: RdfFormat, prefixes: bool = False) -> Callable[[list], bytes]:
    def write(statements: list) -> bytes:
        if statements and isinstance(statements[0], Triple):
            statements = _grouped(statements)
        out = serialize(statements, format=fmt, prefixes=PREFIXES if prefixes else None) or b""
        if prefixes:  # a blank line between subjects, as people write Turtle
            out = _BLOCK_END.sub(b" .\n\n", out.lstrip(b"\n"))
        return out

    return write


def _jsonld(statements: list) -> bytes:
    return to_jsonld(statements).encode("utf-8")  # groups by subject and drops duplicates itself


FORMATS: dict[str, OutputFormat] = {}


def register(fmt: OutputFormat) -> None:
    FORMATS[fmt.name] = fmt


register(OutputFormat("turtle", "text/turtle", (".ttl",), False, _oxigraph(RdfFormat.TURTLE, True), ("ttl",)))
register(OutputFormat("nt", "application/n-triples", (".nt",), False, _oxigraph(RdfFormat.N_TRIPLES),
                      ("ntriples", "n-triples")))
register(OutputFormat("nquads", "application/n-quads", (".nq",), True, _oxigraph(RdfFormat.N_QUADS),
                      ("nq", "n-quads")))
register(OutputFormat("trig", "application/trig", (".trig",), True, _oxigraph(RdfFormat.TRIG, True)))
register(OutputFormat("jsonld", "application/ld+json", (".jsonld", ".json"), False, _jsonld,
                      ("json-ld",), ntriples_to_jsonld))
register(OutputFormat("xml", "application/rdf+xml", (".rdf", ".xml", ".owl"), False,
                      _oxigraph(RdfFormat.RDF_XML, True), ("rdfxml", "rdf/xml")))


def find_format(name: str) -> OutputFormat:
    """A format by name, alias, file extension (".ttl") or MIME type."""
    key = name.lower()
    for fmt in FORMATS.values():
        if key == fmt.name or key in fmt.aliases or key in fmt.extensions or key == fmt.media_type:
            return fmt
    raise KeyError(name)


def write(fmt: OutputFormat, documents: list[tuple[list[Triple], Quad | None]]) -> bytes:
    """Serialise documents, each given as (triples, graph name)."""
    if fmt.quads:
        quads = [Quad(t.subject, t.predicate, t.object, graph) for triples, graph in documents for t in triples]
        return fmt.write(quads)
    return fmt.write([t for triples, _ in documents for t in triples])


def write_ntriples(fmt: OutputFormat, documents: list[tuple[bytes, str]]) -> bytes:
    """Serialise documents, each given as (N-Triples, graph IRI)."""
    if fmt.from_ntriples is not None and not fmt.quads:
        return fmt.from_ntriples([data for data, _ in documents])
    return write(fmt, [([q.triple for q in parse(data, format=RdfFormat.N_TRIPLES)], NamedNode(graph))
                       for data, graph in documents])
