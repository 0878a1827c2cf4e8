"""SHACL validation of converted graphs against `shapes/ratsgraph.ttl` (or a profile's shapes):
pyoxigraph triples with the fast engine (`ratsgraph.shacl`, pyshacl's results in linear time) by
default, rdflib graphs with pyshacl.

Each document is validated on its own graph (which holds the shared Gremien and persons it
names), so the cost grows linearly with the number of documents (PERFORMANCE.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from rdflib.namespace import SH

from .resources import OPARL_SHAPES, SHAPES, resource_path

#: Shapes by profile name: converted minutes ("default"), OParl 1.1 conformance ("oparl").
PROFILES = {"default": SHAPES, "oparl": OPARL_SHAPES}


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: The SHACL engines: "fast" (`ratsgraph.shacl`: pyshacl's results, computed in linear time over
#: pyoxigraph triples) and "pyshacl".
ENGINES = ("fast", "pyshacl")


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


def result_order(v: Violation) -> tuple[str, str, str, str, str]:
    """The order of results in a report (a result without a value sorts as an empty one; sorting
    Violations themselves fails when only the value differs and one of them is None)."""
    return (v.focus, v.path, v.message, v.severity, v.value or "")


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


def validate_graph(data: rdflib.Graph, shapes: rdflib.Graph | None = None, engine: str = "pyshacl") -> Report:
    """Validate an rdflib graph; the report lists every result, violations and warnings.
    With engine="fast" the graph is copied into pyoxigraph terms and checked by `ratsgraph.shacl`
    (pyshacl if the shapes use what that does not support)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}: one of {', '.join(ENGINES)}")
    if engine == "fast":
        from .shacl import triples_from_rdflib

        report = _validate_fast(triples_from_rdflib(data), shapes if shapes is not None else shapes_graph())
        if report is not None:
            return report
    import pyshacl

    conforms, results, _text = pyshacl.validate(
        data, shacl_graph=shapes if shapes is not None else shapes_graph(),
        inference="none", advanced=True, allow_warnings=True, abort_on_first=False)
    return Report(bool(conforms), tuple(sorted(_results(results), key=result_order)))


def profile_shapes(profile: str = "default") -> rdflib.Graph:
    """The shapes of a profile (`PROFILES`). Raises KeyError for an unknown profile."""
    return shapes_graph(str(resource_path(PROFILES[profile])))


def validate_triples(triples: Iterable[Triple], profile: str = "default", engine: str = "fast") -> Report:
    """Validate pyoxigraph triples against a profile's shapes. The fast engine falls back to
    pyshacl by itself if the shapes use a construct it does not support."""
    if engine not in ENGINES:
        raise ValueError(f"unknown SHACL engine {engine!r}: one of {', '.join(ENGINES)}")
    shapes = profile_shapes(profile) if profile != "default" else shapes_graph()
    if engine == "fast":
        report = _validate_fast(triples, shapes)
        if report is not None:
            return report
    return validate_graph(to_rdflib(triples), shapes)


def validate_triples_with(triples: list[Triple], shapes: rdflib.Graph) -> Report:
    """Validate pyoxigraph triples against a shapes graph with the fast engine (pyshacl where it
    does not support the shapes)."""
    report = _validate_fast(triples, shapes)
    return report if report is not None else validate_graph(to_rdflib(triples), shapes)


def _validate_fast(triples: Iterable[Triple], shapes: rdflib.Graph) -> Report | None:
    """The fast engine's report, or None if the shapes use what it does not support."""
    from .shacl import compile_shapes

    try:
        program = compile_shapes(shapes)
    except NotImplementedError:
        return None
    return program.validate(triples)


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
