"""SHACL validation of converted graphs with pyshacl against `shapes/ratsgraph.ttl`.

Each document is validated on its own graph (which holds the shared Gremien and persons it
names), so the cost grows linearly with the number of documents (PERFORMANCE.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from rdflib.namespace import SH

from .resources import SHAPES, resource_path


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True, order=True)
class Violation:
    """One SHACL result: the resource, the property path, and what is wrong."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str | None = None

    def __str__(self) -> str:
        value = f" (value: {self.value})" if self.value is not None else ""
        return f"{self.severity}: {self.focus} {self.path}: {self.message}{value}"


@dataclass(frozen=True)
class Report:
    conforms: bool
    violations: tuple[Violation, ...]

    def text(self) -> str:
        return "\n".join(str(v) for v in self.violations)


@cache
def shapes_graph(path: str | None = None) -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(path or resource_path(SHAPES), format="turtle")
    return g


def _term(term):
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    assert isinstance(term, Literal)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == _XSD_STRING:  # RDF 1.1: a plain literal is an xsd:string
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def to_rdflib(triples: Iterable[Triple]) -> rdflib.Graph:
    """An rdflib graph of pyoxigraph triples."""
    g = rdflib.Graph()
    for t in triples:
        g.add((_term(t.subject), _term(t.predicate), _term(t.object)))
    return g


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph | None = None) -> Report:
    """Validate an rdflib graph; the report lists every result, violations and warnings."""
    import pyshacl

    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none", advanced=True, allow_warnings=True, abort_on_first=False)
    return Report(bool(conforms), tuple(sorted(_results(results))))


def validate_triples(triples: Iterable[Triple]) -> Report:
    return validate_graph(to_rdflib(triples))


def _short(node) -> str:
    if node is None:
        return ""
    if isinstance(node, rdflib.URIRef):
        return str(node)
    if isinstance(node, rdflib.BNode):
        return "[path expression]"
    return str(node)


def _results(results: rdflib.Graph):
    for r in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        severity = results.value(r, SH.resultSeverity)
        message = results.value(r, SH.resultMessage)
        path = results.value(r, SH.resultPath)
        if isinstance(path, rdflib.BNode):
            alternatives = results.value(path, SH.alternativePath)
            path_text = " | ".join(str(p) for p in rdflib.collection.Collection(results, alternatives)) \
                if alternatives is not None else "[path expression]"
        else:
            path_text = _short(path)
        value = results.value(r, SH.value)
        yield Violation(
            focus=_short(results.value(r, SH.focusNode)),
            path=path_text,
            message=str(message) if message is not None else "constraint not met",
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
            value=None if value is None else str(value),
        )
