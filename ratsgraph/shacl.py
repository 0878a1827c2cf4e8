"""A fast SHACL Core engine for the shapes ratsgraph ships (`shapes/ratsgraph.ttl`,
`shapes/oparl.ttl`) and shapes like them.

pyshacl on a whole graph is the slowest step of the toolchain (PERFORMANCE.md: 62 s for 1 k
documents, > 10 min for 10 k). This module compiles a shapes graph (rdflib) once into plain
Python checks and runs them over pyoxigraph triples, which it indexes once (subject → predicate →
values, and object → subjects for the predicates that targets and inverse paths need). The work is
linear in the number of triples.

The results are pyshacl's (`pyshacl.validate(..., inference="none", advanced=True,
allow_warnings=True)`, the call in `ratsgraph.validate`): the same focus nodes, paths, severities
and values, and the same `conforms`. Only the wording of messages differs where a shape has no
`sh:message`. Where pyshacl's behaviour depends on rdflib's reading of a literal (ill-typed
literals such as ``"-1"^^xsd:nonNegativeInteger`` or ``"2020-13-45"^^xsd:date``, the normalised
lexical form it reports, comparisons of literals), the engine asks rdflib once per distinct
literal; the common canonical forms of integers, booleans, dates and decimals are read directly.
pyshacl quirks that are mirrored on purpose:

- with warnings allowed, a shape of severity sh:Warning or sh:Info always *conforms* when it is
  nested in sh:or, sh:and, sh:not, sh:xone or sh:node;
- sh:node reports the nested results too (pyshacl links them with sh:detail, and
  `ratsgraph.validate` lists every sh:ValidationResult of the report graph);
- sh:pattern honours only the flags "i" and "m";
- a node shape typed rdfs:Class targets its instances (implicit class target);
- sh:class and class targets follow rdfs:subClassOf in the *data* graph only (no inference).

One deliberate difference: pyshacl aborts when sh:lessThan / sh:lessThanOrEquals meet a blank node
or an incomparable pair; this engine reports a result for the value instead.

Supported: targets (sh:targetClass, sh:targetNode, sh:targetObjectsOf, sh:targetSubjectsOf,
implicit class targets); paths (IRI, sh:inversePath, sh:alternativePath, sequences,
sh:zeroOrMorePath, sh:oneOrMorePath, sh:zeroOrOnePath); sh:class, sh:datatype, sh:nodeKind,
sh:minCount, sh:maxCount, sh:minInclusive, sh:maxInclusive, sh:minExclusive, sh:maxExclusive,
sh:minLength, sh:maxLength, sh:pattern (+ sh:flags), sh:in, sh:hasValue, sh:equals, sh:disjoint,
sh:lessThan, sh:lessThanOrEquals, sh:property, sh:node, sh:and, sh:or, sh:not, sh:xone,
sh:severity, sh:message, sh:deactivated. Anything else in the SHACL namespace (sh:closed,
sh:qualifiedValueShape, sh:languageIn, sh:uniqueLang, SHACL-SPARQL, rules, custom targets, …) and
recursive shapes raise `NotImplementedError` naming the construct, so that a caller can fall back
to pyshacl (`ratsgraph.validate.validate_triples` does).

    >>> from ratsgraph.shacl import compile_shapes                 # doctest: +SKIP
    >>> from ratsgraph.validate import shapes_graph                # doctest: +SKIP
    >>> report = compile_shapes(shapes_graph()).validate(triples)  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import re
import warnings
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from rdflib.collection import Collection

from .validate import Report, Violation, result_order

__all__ = ["ShapesProgram", "compile_shapes", "triples_from_rdflib", "validate"]

SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = RDF + "type"
RDFS_SUBCLASS_OF = RDFS + "subClassOf"

_XSD_STRING = NamedNode(XSD + "string")
_RDF_LANGSTRING = NamedNode(RDF + "langString")

_S = rdflib.Namespace(SH)

#: Predicates of the SHACL namespace this engine evaluates or may ignore.
_CONSTRAINTS = {
    "class", "datatype", "nodeKind", "minCount", "maxCount", "minInclusive", "maxInclusive",
    "minExclusive", "maxExclusive", "minLength", "maxLength", "pattern", "in", "hasValue",
    "equals", "disjoint", "lessThan", "lessThanOrEquals", "property", "node", "and", "or", "not", "xone",
}
_OTHER_KNOWN = {
    "flags", "path", "inversePath", "alternativePath", "zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath",
    "targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf",
    "severity", "message", "deactivated",
    # non-validating, or only meaningful with SHACL-SPARQL (which is rejected by its own predicates)
    "name", "description", "order", "group", "defaultValue", "declare", "prefix", "namespace",
    "shapesGraph", "suggestedShapesGraph",
}
_KNOWN_TYPES = {SH + "NodeShape", SH + "PropertyShape", SH + "Shape", SH + "PrefixDeclaration",
                SH + "PropertyGroup"}
_ALLOWED_SEVERITIES = {SH + "Warning", SH + "Info"}  # allow_warnings=True
_NODE_KINDS = {
    SH + "IRI": (NamedNode,), SH + "BlankNode": (BlankNode,), SH + "Literal": (Literal,),
    SH + "BlankNodeOrIRI": (BlankNode, NamedNode), SH + "BlankNodeOrLiteral": (BlankNode, Literal),
    SH + "IRIOrLiteral": (NamedNode, Literal),
}
_EMPTY: dict = {}


# --- literals as rdflib (and so pyshacl) reads them -------------------------------------------

class _Info:
    """How rdflib reads a (non-string) literal: its datatype, Python value, whether it is
    ill-typed, and the rdflib literal itself (made on demand for comparisons)."""

    __slots__ = ("_rdflib", "datatype", "ill_typed", "lexical", "value")

    def __init__(self, datatype: str, lexical: str, value, ill_typed, rdflib_literal=None):
        self.datatype, self.lexical, self.value, self.ill_typed = datatype, lexical, value, ill_typed
        self._rdflib = rdflib_literal

    def rdflib(self) -> rdflib.Literal:
        if self._rdflib is None:
            self._rdflib = _quiet(lambda: rdflib.Literal(self.lexical, datatype=rdflib.URIRef(self.datatype)))
        return self._rdflib


_CANONICAL_INTEGER = re.compile(r"(?:0|-?[1-9][0-9]*)\Z")
_CANONICAL_NON_NEGATIVE = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_CANONICAL_DATE = re.compile(r"[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}\Z")
_CANONICAL_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+\Z")
_RDFLIB_LOGGER = logging.getLogger("rdflib.term")


def _quiet(make):
    """Call `make` without rdflib's log lines and warnings about unparseable literals."""
    disabled = _RDFLIB_LOGGER.disabled
    _RDFLIB_LOGGER.disabled = True
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return make()
    finally:
        _RDFLIB_LOGGER.disabled = disabled


def analyse_literal(lexical: str, datatype: str) -> tuple[str, _Info]:
    """The lexical form rdflib normalises a typed literal to, and how it reads it. Canonical
    integers, booleans, dates and decimals are read here; everything else by rdflib itself."""
    if datatype == XSD + "integer" and _CANONICAL_INTEGER.match(lexical):
        return lexical, _Info(datatype, lexical, int(lexical), False)
    if datatype == XSD + "nonNegativeInteger" and _CANONICAL_NON_NEGATIVE.match(lexical):
        return lexical, _Info(datatype, lexical, int(lexical), False)
    if datatype == XSD + "boolean" and lexical in ("true", "false"):
        return lexical, _Info(datatype, lexical, lexical == "true", False)
    if datatype == XSD + "date" and _CANONICAL_DATE.match(lexical):
        try:
            return lexical, _Info(datatype, lexical, dt.date.fromisoformat(lexical), False)
        except ValueError:
            pass
    if datatype == XSD + "decimal" and _CANONICAL_DECIMAL.match(lexical):
        return lexical, _Info(datatype, lexical, Decimal(lexical), False)
    r = _quiet(lambda: rdflib.Literal(lexical, datatype=rdflib.URIRef(datatype)))
    normal = str(r)
    return normal, _Info(datatype, normal, r.value, r.ill_typed, r)


def _rdflib_literal(v: Literal, info: dict) -> rdflib.Literal:
    """The rdflib literal pyshacl sees for a data literal (as `ratsgraph.validate.to_rdflib` makes it)."""
    i = info.get(v)
    if i is not None:
        return i.rdflib()
    if v.language:
        return rdflib.Literal(v.value, lang=v.language)
    return rdflib.Literal(v.value)


def _python_value(v: Literal, info: dict):
    i = info.get(v)
    return v.value if i is None else i.value  # string literals read as themselves


# --- the data index ---------------------------------------------------------------------------

class _Index:
    """The data graph, indexed once: subject → predicate IRI → values (a list), and object →
    subjects (a list) for the predicates that targets and inverse paths need.

    rdflib, and so pyshacl, takes typed literals in a normalised lexical form ("05"^^xsd:integer
    is "5"), so two of them can be one term. Their *key* (`key()`) is that normal form; a subject
    keeps one value per key, the first, as an rdflib graph does. Any other term is its own key.
    `info` says how rdflib reads each typed literal of the data, as the data spells it
    ("yes"^^xsd:boolean is an ill-typed "false")."""

    __slots__ = ("_supers", "canonical", "first", "info", "inv", "out", "subjects_of")

    def __init__(self, triples: Iterable, wanted: frozenset[str], inverse: frozenset[str],
                 subjects_of: frozenset[str]):
        out: dict = {}
        inv: dict[str, dict] = {p: {} for p in inverse}
        subj: dict[str, dict] = {p: {} for p in subjects_of}
        canonical: dict = {}  # typed literal → its key, when that is another term
        first: dict = {}      # such a key → the first typed literal with that key
        info: dict = {}
        xsd_string, lang_string = _XSD_STRING, _RDF_LANGSTRING
        literal = Literal
        last_subject, props = None, None
        for t in triples:
            p = t.predicate.value
            if p not in wanted:
                continue
            s, o = t.subject, t.object
            k = o
            if type(o) is literal:
                d = o.datatype
                if d != xsd_string and d != lang_string:
                    i = info.get(o)
                    if i is None:
                        lexical = o.value
                        normal, i = analyse_literal(lexical, d.value)
                        info[o] = i
                        if normal != lexical:
                            k = Literal(normal, datatype=d)
                            canonical[o] = k
                            if k not in first:
                                first[k] = o
                    else:
                        k = canonical.get(o, o)
            if s != last_subject:  # triples come grouped by subject, mostly
                props = out.get(s)
                if props is None:
                    props = out[s] = {}
                last_subject = s
            values = props.get(p)
            if values is None:
                props[p] = [o]
            elif k is o and not canonical:
                if o in values:
                    continue
                values.append(o)
            else:
                if any(canonical.get(v, v) == k for v in values):
                    continue
                values.append(o)
            if p in inv:
                subjects = inv[p].get(k)
                if subjects is None:
                    inv[p][k] = [s]
                else:
                    subjects.append(s)
            if p in subj:
                subj[p][s] = s
        for k, o in first.items():  # a key that is no term of the data reads as its first term
            if k not in info:
                info[k] = info[o]
        self.out, self.inv, self.subjects_of, self.info = out, inv, subj, info
        self.canonical, self.first = canonical, first
        self._supers: dict = {}

    def key(self, term):
        return self.canonical.get(term, term)

    def text(self, term) -> str:
        """The term as pyshacl reports it (str() of the rdflib term: normalised literals)."""
        i = self.info.get(term)
        return term.value if i is None else i.lexical

    def objects(self, s, p: str):
        return self.out.get(s, _EMPTY).get(p, ())

    def supers(self, c) -> set:
        """c and its superclasses by rdfs:subClassOf in the data (rdflib's transitive_objects)."""
        found = self._supers.get(c)
        if found is None:
            found, todo = {c}, [c]
            while todo:
                for sup in self.objects(todo.pop(), RDFS_SUBCLASS_OF):
                    if sup not in found:
                        found.add(sup)
                        todo.append(sup)
            self._supers[c] = found
        return found

    def is_instance(self, v, cls) -> bool:
        if type(v) is Literal:
            return False
        for t in self.objects(v, RDF_TYPE):
            if t == cls or cls in self.supers(t):
                return True
        return False

    def instances(self, cls) -> dict:
        """Instances of cls and of its subclasses in the data (a dict term → term)."""
        by_type = self.inv[RDF_TYPE]
        found: dict = {s: s for s in by_type.get(cls, ())}
        for c, subjects in by_type.items():
            if c != cls and cls in self.supers(self.first.get(c, c)):
                found.update((s, s) for s in subjects)
        return found


# --- compiling the shapes ---------------------------------------------------------------------

def _data_term(node, what: str):
    """A shapes-graph term as the data index holds it (literals normalised as rdflib does)."""
    if isinstance(node, rdflib.URIRef):
        return NamedNode(str(node))
    if isinstance(node, rdflib.BNode):
        try:
            return BlankNode(str(node))
        except ValueError:
            return object()  # equal to nothing
    if isinstance(node, rdflib.Literal):
        if node.language:
            return Literal(str(node), language=node.language.lower())
        if node.datatype is None:
            return Literal(str(node))
        if str(node.datatype) == XSD + "string":
            return object()  # rdflib keeps "x"^^xsd:string apart from the data's plain "x"
        normal, _info = analyse_literal(str(node), str(node.datatype))
        return Literal(normal, datatype=NamedNode(str(node.datatype)))
    raise ValueError(f"{what}: unexpected term {node!r}")


class _Path:
    """A compiled SHACL property path: an IRI, an inverse, an alternative, a sequence or a closure."""

    def __init__(self, kind: str, iri: str | None = None, parts: tuple[_Path, ...] = ()):
        self.kind, self.iri, self.parts = kind, iri, parts

    def predicates(self) -> set[str]:
        return {self.iri} if self.iri else set().union(*(p.predicates() for p in self.parts))

    def inverse_predicates(self) -> set[str]:
        found = set().union(*(p.inverse_predicates() for p in self.parts)) if self.parts else set()
        if self.kind == "inverse":
            found |= self.parts[0].predicates()
        return found

    def bind(self, index: _Index) -> Callable:
        """The path as a function: focus node → its values (a sequence of terms, one per key)."""
        kind = self.kind
        if kind == "iri":
            out, p = index.out, self.iri
            return lambda f: out.get(f, _EMPTY).get(p, ())
        if kind == "inverse":
            by_object, canonical = index.inv[self.parts[0].iri], index.canonical
            return lambda f: by_object.get(canonical.get(f, f), ())
        steps = [p.bind(index) for p in self.parts]
        key = index.key

        def union(found: dict, more) -> None:
            for v in more:
                k = key(v)
                if k not in found:
                    found[k] = v

        if kind == "alternative":
            def alternative(f):
                found: dict = {}
                for step in steps:
                    union(found, step(f))
                return list(found.values())
            return alternative
        if kind == "sequence":
            def sequence(f):
                current = [f]
                for step in steps:
                    following: dict = {}
                    for node in current:
                        union(following, step(node))
                    current = list(following.values())
                return current
            return sequence
        step = steps[0]
        if kind == "zeroOrOne":
            def zero_or_one(f):
                found = {key(f): f}
                union(found, step(f))
                return list(found.values())
            return zero_or_one

        def closure(f):
            found: dict = {key(f): f} if kind == "zeroOrMore" else {}
            todo = [f]
            while todo:
                for node in step(todo.pop()):
                    k = key(node)
                    if k not in found:
                        found[k] = node
                        todo.append(node)
            return list(found.values())
        return closure


class _Shape:
    """A compiled shape: its path (property shapes), severity, message and constraints."""

    def __init__(self, node):
        self.node = node
        self.path: _Path | None = None
        self.path_text = ""
        self.severity = SH + "Violation"
        self.allowed = False      # severity Warning/Info: conforms whatever it finds (allow_warnings)
        self.deactivated = False
        self.message: str | None = None
        self.constraints: list[_Constraint] = []
        self.targets: list[tuple[str, object]] = []

    def label(self) -> str:
        return str(self.node) if isinstance(self.node, rdflib.URIRef) else "a blank-node shape"


class _Constraint:
    """One constraint of a shape; `bind` makes the check for one data index. A check is called
    with (focus, value nodes, results) and returns whether it conforms (pyshacl's _is_conform)."""

    def __init__(self, shape: _Shape, kind: str, param, **extra):
        self.shape, self.kind, self.param, self.extra = shape, kind, param, extra


class ShapesProgram:
    """A shapes graph compiled for this engine. `validate(triples)` returns a `Report`."""

    def __init__(self, shapes: rdflib.Graph):
        self.graph = shapes
        self._shapes: dict = {}
        self._check_vocabulary()
        self._harvest()
        self._check_recursion()
        self.top = [s for s in self._shapes.values() if s.targets]
        self.wanted, self.inverse, self.subjects_of = self._predicates()

    # -- reading the shapes graph ---------------------------------------------------------------

    def _check_vocabulary(self) -> None:
        g = self.graph
        unsupported = set()
        for p in set(g.predicates()):
            name = str(p)
            if name.startswith(SH) and name[len(SH):] not in _CONSTRAINTS | _OTHER_KNOWN:
                unsupported.add("sh:" + name[len(SH):])
        for t in set(g.objects(None, rdflib.RDF.type)):
            if str(t).startswith(SH) and str(t) not in _KNOWN_TYPES:
                unsupported.add("sh:" + str(t)[len(SH):])
        if unsupported:
            raise NotImplementedError("the fast SHACL engine does not support "
                                      + ", ".join(sorted(unsupported)))

    def _harvest(self) -> None:
        """The shapes, found as pyshacl finds them (ShapesGraph._build_node_shape_cache)."""
        g = self.graph
        node_shapes = set(g.subjects(rdflib.RDF.type, _S.NodeShape))
        prop_shapes = set(g.subjects(rdflib.RDF.type, _S.PropertyShape))
        found = set(node_shapes) | prop_shapes
        for p in (_S.targetClass, _S.targetNode, _S.targetObjectsOf, _S.targetSubjectsOf,
                  _S.property, _S.node):
            found.update(g.subjects(p, None))
        for p in (_S.property, _S.node, _S["not"]):
            found.update(g.objects(None, p))
        for p in (_S["and"], _S["or"], _S.xone):
            for lst in g.objects(None, p):
                members = list(g.items(lst))
                if not members:
                    raise ValueError(f"sh:{str(p)[len(SH):]} needs a non-empty RDF list")
                found.update(members)
        for node in found:
            if isinstance(node, rdflib.Literal):
                raise ValueError(f"a literal is used as a shape: {node!r}")
            paths = list(g.objects(node, _S.path))
            if node in node_shapes and paths:
                raise ValueError(f"the node shape {node} has sh:path")
            if len(paths) > 1:
                raise ValueError(f"the shape {node} has more than one sh:path")
            if node in prop_shapes and not paths:
                raise ValueError(f"the property shape {node} has no sh:path")
            self._shapes[node] = _Shape(node)
        for node, shape in self._shapes.items():
            self._compile(node, shape)

    def _one(self, node, p, what: str):
        values = list(self.graph.objects(node, p))
        if len(values) > 1:
            raise ValueError(f"{what}: more than one value")
        return values[0] if values else None

    def _compile(self, node, shape: _Shape) -> None:
        g = self.graph
        path = self._one(node, _S.path, "sh:path")
        if path is not None:
            shape.path = self._path(path)
            shape.path_text = self._path_text(path)
        severities = sorted(g.objects(node, _S.severity))
        if severities:
            shape.severity = str(severities[0])
        shape.allowed = shape.severity in _ALLOWED_SEVERITIES
        deactivated = self._one(node, _S.deactivated, "sh:deactivated")
        if deactivated is not None:
            if not isinstance(deactivated, rdflib.Literal):
                raise ValueError("the value of sh:deactivated must be a literal")
            shape.deactivated = bool(deactivated.value)
        messages = sorted(str(m) for m in g.objects(node, _S.message))
        shape.message = messages[0] if messages else None
        for kind in ("targetClass", "targetNode", "targetObjectsOf", "targetSubjectsOf"):
            for o in g.objects(node, _S[kind]):
                if kind != "targetNode" and not isinstance(o, rdflib.URIRef):
                    raise NotImplementedError(f"sh:{kind} with a value that is not an IRI")
                shape.targets.append((kind, o))
        if self._is_class(node):
            shape.targets.append(("targetClass", node))
        params = {str(p)[len(SH):] for p in g.predicates(node, None) if str(p).startswith(SH)}
        for kind in sorted(params & _CONSTRAINTS):
            values = list(g.objects(node, _S[kind]))
            shape.constraints.extend(self._constraints(shape, node, kind, values))

    def _is_class(self, node) -> bool:
        g = self.graph
        classes = set(g.subjects(rdflib.RDFS.subClassOf, rdflib.RDFS.Class)) | {rdflib.RDFS.Class}
        return any(t in classes for t in g.objects(node, rdflib.RDF.type))

    def _single(self, kind: str, values: list):
        if len(values) != 1:
            raise ValueError(f"sh:{kind}: exactly one value expected, found {len(values)}")
        return values[0]

    def _constraints(self, shape: _Shape, node, kind: str, values: list) -> list[_Constraint]:
        g = self.graph
        if kind in ("datatype", "nodeKind", "minCount", "maxCount"):
            value = self._single(kind, values)
            if kind == "nodeKind" and str(value) not in _NODE_KINDS:
                raise ValueError(f"unknown sh:nodeKind {value}")
            if kind in ("minCount", "maxCount"):
                return [_Constraint(shape, kind, int(value.value))]
            return [_Constraint(shape, kind, str(value))]
        if kind in ("minLength", "maxLength"):
            value = self._single(kind, values)
            if value.value < 0:
                raise ValueError(f"sh:{kind} cannot be negative")
            return [_Constraint(shape, kind, value.value)]
        if kind == "pattern":
            flags = sorted(g.objects(node, _S.flags))
            re_flags = 0
            if flags:
                text = str(flags[0].value).lower()
                re_flags |= re.I if "i" in text else 0
                re_flags |= re.M if "m" in text else 0
            out = []
            for p in values:
                source = str(p.value) if p.value is not None and len(p.value) > 1 else str(p)
                out.append(_Constraint(shape, kind, re.compile(source, re_flags), source=source))
            return out
        if kind in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
            for v in values:
                if not isinstance(v, rdflib.Literal):
                    raise ValueError(f"sh:{kind} needs a literal")
            return [_Constraint(shape, kind, v) for v in values]
        if kind == "class":
            return [_Constraint(shape, kind, _data_term(v, "sh:class"), iri=str(v)) for v in values]
        if kind == "in":
            value = self._single(kind, values)
            members = list(g.items(value))
            return [_Constraint(shape, kind, {_data_term(m, "sh:in") for m in members},
                                text=", ".join(self._short(m) for m in members))]
        if kind == "hasValue":
            return [_Constraint(shape, kind, _data_term(v, "sh:hasValue"), text=self._short(v))
                    for v in values]
        if kind in ("equals", "disjoint", "lessThan", "lessThanOrEquals"):
            for v in values:
                if not isinstance(v, rdflib.URIRef):
                    raise NotImplementedError(f"sh:{kind} with a value that is not an IRI")
            return [_Constraint(shape, kind, str(v)) for v in values]
        if kind in ("property", "node", "not"):
            out = []
            for v in values:
                if v not in self._shapes:
                    raise ValueError(f"sh:{kind} refers to {v}, which is not a shape")
                if kind == "property" and self._one(v, _S.path, "sh:path") is None:
                    raise ValueError(f"sh:property refers to {v}, which has no sh:path")
                if kind == "node" and self._one(v, _S.path, "sh:path") is not None:
                    raise ValueError(f"sh:node refers to {v}, which is a property shape")
                out.append(_Constraint(shape, kind, v))
            if kind == "property":  # one constraint for all, as pyshacl's PropertyConstraintComponent
                return [_Constraint(shape, kind, tuple(sorted((c.param for c in out), key=str)))]
            return out
        if kind in ("and", "or", "xone"):
            return [_Constraint(shape, kind, tuple(dict.fromkeys(g.items(lst)))) for lst in values]
        raise AssertionError(kind)

    def _path(self, node) -> _Path:
        g = self.graph
        if isinstance(node, rdflib.URIRef):
            return _Path("iri", str(node))
        if not isinstance(node, rdflib.BNode):
            raise ValueError(f"not a SHACL path: {node!r}")
        for kind in ("inverse", "alternative", "zeroOrMore", "oneOrMore", "zeroOrOne"):
            inner = g.value(node, _S[kind + "Path"])
            if inner is None:
                continue
            if kind == "alternative":
                return _Path(kind, parts=tuple(self._path(m) for m in g.items(inner)))
            if kind == "inverse" and not isinstance(inner, rdflib.URIRef):
                raise NotImplementedError("sh:inversePath of a path other than an IRI")
            return _Path(kind, parts=(self._path(inner),))
        if g.value(node, rdflib.RDF.first) is not None:
            return _Path("sequence", parts=tuple(self._path(m) for m in g.items(node)))
        raise NotImplementedError(f"unsupported SHACL path {node}")

    def _path_text(self, node) -> str:
        """The path as `ratsgraph.validate` shows pyshacl's sh:resultPath."""
        if isinstance(node, rdflib.URIRef):
            return str(node)
        alternatives = self.graph.value(node, _S.alternativePath)
        if alternatives is not None:
            return " | ".join(str(p) for p in Collection(self.graph, alternatives))
        return "[path expression]"

    def _short(self, node) -> str:
        if isinstance(node, rdflib.URIRef):
            try:
                return self.graph.namespace_manager.normalizeUri(node)
            except Exception:
                return f"<{node}>"
        return node.n3() if isinstance(node, rdflib.Literal) else str(node)

    def _check_recursion(self) -> None:
        edges = {node: [n for c in s.constraints
                        for n in ((c.param,) if c.kind in ("node", "not")
                                  else c.param if c.kind in ("property", "and", "or", "xone") else ())]
                 for node, s in self._shapes.items()}
        state: dict = {}

        def visit(node, trail):
            if state.get(node) == "done":
                return
            if state.get(node) == "active":
                raise NotImplementedError("recursive shapes (a shape that refers back to itself): "
                                          + " → ".join(str(n) for n in [*trail, node]))
            state[node] = "active"
            for n in edges.get(node, ()):
                visit(n, [*trail, node])
            state[node] = "done"

        for node in self._shapes:
            visit(node, [])

    def _predicates(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        wanted, inverse, subjects_of = {RDF_TYPE, RDFS_SUBCLASS_OF}, {RDF_TYPE}, set()
        for s in self._shapes.values():
            if s.path is not None:
                wanted |= s.path.predicates()
                inverse |= s.path.inverse_predicates()
            for c in s.constraints:
                if c.kind in ("equals", "disjoint", "lessThan", "lessThanOrEquals"):
                    wanted.add(c.param)
            for kind, o in s.targets:
                if kind == "targetObjectsOf":
                    wanted.add(str(o))
                    inverse.add(str(o))
                elif kind == "targetSubjectsOf":
                    wanted.add(str(o))
                    subjects_of.add(str(o))
        return frozenset(wanted), frozenset(inverse), frozenset(subjects_of)

    # -- running ------------------------------------------------------------------------------

    def validate(self, triples: Iterable[Triple]) -> Report:
        """Validate pyoxigraph triples (or quads: their graph names are ignored)."""
        # The index is some million small containers without cycles: the cyclic garbage
        # collector would scan them again and again while they are made (2-3x the run time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            index = _Index(triples, self.wanted, self.inverse, self.subjects_of)
            bound: dict = {}
            results: list = []
            conforms = True
            for s in self.top:
                if s.deactivated:
                    continue
                run = _bind_shape(s, index, self._shapes, bound).run
                for f in _focus_nodes(s, index).values():
                    if not run(f, results):
                        conforms = False
            violations = tuple(sorted((_violation(r, index) for r in results), key=result_order))
        finally:
            if collecting:
                gc.enable()
        return Report(conforms, violations)


def _violation(r, index: _Index) -> Violation:
    """A result as `ratsgraph.validate` reads pyshacl's: a blank focus node shows as
    "[path expression]" (validate._short), a value as str() of the rdflib term."""
    shape, message, focus, value, _detail = r
    return Violation(focus="[path expression]" if type(focus) is BlankNode else index.text(focus),
                     path=shape.path_text, message=shape.message or message,
                     severity=shape.severity.rsplit("#", 1)[-1],
                     value=None if value is None else index.text(value))


def _focus_nodes(s: _Shape, index: _Index) -> dict:
    """The focus nodes of a shape's targets, as a dict key → term."""
    found: dict = {}
    for kind, o in s.targets:
        if kind == "targetClass":
            found.update(index.instances(_data_term(o, "sh:targetClass")))
        elif kind == "targetNode":  # a node of the shapes graph, whether the data has it or not
            if isinstance(o, rdflib.Literal) and o.datatype is not None and str(o.datatype) == XSD + "string":
                term = Literal(str(o))
            else:
                term = _data_term(o, "sh:targetNode")
            if isinstance(o, rdflib.Literal) and o.datatype is not None and term.datatype != _XSD_STRING \
                    and term not in index.info:
                index.info[term] = _Info(str(o.datatype), str(o), o.value, o.ill_typed, o)
            found.setdefault(term, term)
        elif kind == "targetObjectsOf":
            first = index.first
            for k in index.inv[str(o)]:
                found.setdefault(k, first.get(k, k))
        else:
            found.update(index.subjects_of[str(o)])
    return found


class _Bound:
    """A shape made runnable for one data index.

    run(focus, results) -> conforms; run_values(focus, values, results) -> conforms, for values
    already found; `predicate` is the IRI of a plain IRI path (None otherwise); `on_empty` says
    whether a focus node without values can fail (sh:minCount, sh:hasValue, sh:equals)."""

    __slots__ = ("deactivated", "on_empty", "predicate", "run", "run_values")


_FAIL_WITHOUT_VALUES = {"minCount", "hasValue", "equals"}


def _bind_shape(s: _Shape, index: _Index, shapes: dict, bound: dict) -> _Bound:
    """The runnable shape for one data index (made once per validation)."""
    b = bound.get(s.node)
    if b is not None:
        return b
    b = _Bound()
    b.deactivated = s.deactivated
    b.predicate = s.path.iri if s.path is not None and s.path.kind == "iri" else None
    b.on_empty = any(c.kind in _FAIL_WITHOUT_VALUES for c in s.constraints)
    bound[s.node] = b
    if s.deactivated:
        b.run = lambda focus, results: True
        b.run_values = lambda focus, values, results: True
        b.on_empty = False
        return b
    checks = [_bind_constraint(c, index, shapes, bound) for c in s.constraints]
    empty_checks = [check for c, check in zip(s.constraints, checks, strict=True)
                    if c.kind in _FAIL_WITHOUT_VALUES]
    allowed = s.allowed

    def run_values(focus, values, results):
        ok = True
        for check in checks if values else empty_checks:
            start = len(results)
            if not check(focus, values, results) and not allowed and ok:
                ok = _all_allowed(results, start)
        return ok

    if s.path is None:
        def run(focus, results):
            return run_values(focus, (focus,), results)
    else:
        values_of = s.path.bind(index)

        def run(focus, results):
            return run_values(focus, values_of(focus), results)
    b.run, b.run_values = run, run_values
    return b


def _all_allowed(results: list, start: int) -> bool:
    """pyshacl's filter_reports: a failed constraint makes its shape non-conformant unless every
    (top-level) result it produced has an allowed severity."""
    for i in range(start, len(results)):
        r = results[i]
        if not r[4] and not r[0].allowed:
            return False
    return True


def _bind_constraint(c: _Constraint, index: _Index, shapes: dict, bound: dict) -> Callable:
    shape, kind, param = c.shape, c.kind, c.param
    info = index.info

    def simple(test: Callable, message: str) -> Callable:
        def check(focus, values, results):
            ok = True
            for v in values:
                if not test(v):
                    results.append((shape, message, focus, v, False))
                    ok = False
            return ok
        return check

    if kind == "minCount":
        message = f"fewer than {param} value(s) (sh:minCount {param})"
        if param == 0:
            return lambda focus, values, results: True

        def min_count(focus, values, results):
            if len(values) < param:
                results.append((shape, message, focus, None, False))
                return False
            return True
        return min_count
    if kind == "maxCount":
        message = f"more than {param} value(s) (sh:maxCount {param})"

        def max_count(focus, values, results):
            if len(values) > param:
                results.append((shape, message, focus, None, False))
                return False
            return True
        return max_count
    if kind == "datatype":
        return simple(_datatype_test(param, info), f"not a valid literal of datatype <{param}> (sh:datatype)")
    if kind == "nodeKind":
        kinds = _NODE_KINDS[param]
        return simple(lambda v: type(v) in kinds, f"not of node kind sh:{param[len(SH):]} (sh:nodeKind)")
    if kind == "class":
        is_instance = index.is_instance
        return simple(lambda v: is_instance(v, param), f"not an instance of <{c.extra['iri']}> (sh:class)")
    if kind == "in":
        key = index.key
        return simple(lambda v: key(v) in param, f"not one of {c.extra['text']} (sh:in)")
    if kind == "hasValue":
        message = f"does not have the value {c.extra['text']} (sh:hasValue)"
        key = index.key

        def has_value(focus, values, results):
            for v in values:
                if key(v) == param:
                    return True
            results.append((shape, message, focus, None, False))
            return False
        return has_value
    # sh:pattern and the lengths look at IRIs and at literals as rdflib writes them; blank nodes fail
    text = index.text
    if kind == "pattern":
        search = param.search
        return simple(lambda v: type(v) is not BlankNode and search(text(v)) is not None,
                      f"does not match the pattern {c.extra['source']!r} (sh:pattern)")
    if kind == "minLength":
        if param == 0:
            return lambda focus, values, results: True
        return simple(lambda v: type(v) is not BlankNode and len(text(v)) >= param,
                      f"shorter than {param} character(s) (sh:minLength)")
    if kind == "maxLength":
        return simple(lambda v: type(v) is not BlankNode and len(text(v)) <= param,
                      f"longer than {param} character(s) (sh:maxLength)")
    if kind in ("minInclusive", "maxInclusive", "minExclusive", "maxExclusive"):
        return simple(_range_test(kind, param, info), f"not {_RANGE_WORDS[kind]} {param} (sh:{kind})")
    if kind in ("equals", "disjoint"):
        out = index.out
        message = f"sh:{kind} <{param}> is not met"

        key = index.key

        def pair(focus, values, results):
            others = out.get(focus, _EMPTY).get(param, ())
            other_keys = {key(o) for o in others}
            ok = True
            if kind == "equals":
                value_keys = {key(v) for v in values}
                for v in values:
                    if key(v) not in other_keys:
                        results.append((shape, message, focus, v, False))
                        ok = False
                for o in others:
                    if key(o) not in value_keys:
                        results.append((shape, message, focus, o, False))
                        ok = False
            else:
                for v in values:
                    if key(v) in other_keys:
                        results.append((shape, message, focus, v, False))
                        ok = False
            return ok
        return pair
    if kind in ("lessThan", "lessThanOrEquals"):
        out = index.out
        strict = kind == "lessThan"
        relation = "less than" if strict else "less than or equal to"
        message = f"not {relation} the value(s) of <{param}> (sh:{kind})"

        def less(focus, values, results):
            others = out.get(focus, _EMPTY).get(param, ())
            ok = True
            for v in values:
                for o in others:
                    if not _less(v, o, strict, info):
                        results.append((shape, message, focus, v, False))
                        ok = False
            return ok
        return less
    if kind == "property":
        targets = [_bind_shape(shapes[p], index, shapes, bound) for p in param]
        by_predicate = [(t.predicate, t.run_values, t.on_empty) for t in targets
                        if t.predicate is not None and not t.deactivated]
        others = [t.run for t in targets if t.predicate is None and not t.deactivated]
        out = index.out

        def properties(focus, values, results):
            ok = True
            for v in values:
                props = out.get(v, _EMPTY)
                for p, run_values, on_empty in by_predicate:
                    found = props.get(p)
                    if found is None:
                        if on_empty and not run_values(v, (), results):
                            ok = False
                    elif not run_values(v, found, results):
                        ok = False
                for run in others:
                    if not run(v, results):
                        ok = False
            return ok
        return properties
    if kind == "node":
        target = _bind_shape(shapes[param], index, shapes, bound).run
        message = f"does not conform to the shape {shapes[param].label()} (sh:node)"

        def node(focus, values, results):
            ok = True
            for v in values:
                nested: list = []
                if not target(v, nested) or nested:
                    ok = False
                    results.append((shape, message, focus, v, False))
                    results.extend((r[0], r[1], r[2], r[3], True) for r in nested)
            return ok
        return node
    if kind in ("not", "and", "or", "xone"):
        members = [_bind_shape(shapes[m], index, shapes, bound).run
                   for m in ((param,) if kind == "not" else param)]
        if kind == "not":
            member = members[0]
            return simple(lambda v: not member(v, []), "conforms to the shape of sh:not")
        if kind == "and":
            return simple(lambda v: all([m(v, []) for m in members]),
                          "does not conform to every shape of sh:and")
        if kind == "or":
            return simple(lambda v: any([m(v, []) for m in members]),
                          "conforms to none of the shapes of sh:or")
        return simple(lambda v: sum(1 for m in members if m(v, [])) == 1,
                      "does not conform to exactly one shape of sh:xone")
    raise AssertionError(kind)


_RANGE_WORDS = {"minInclusive": "≥", "maxInclusive": "≤", "minExclusive": ">", "maxExclusive": "<"}

_SPECIAL_DATATYPES = {RDFS + "Literal", RDFS + "Datatype", XSD + "string", RDF + "langString"}


def _datatype_test(datatype: str, info: dict) -> Callable:
    """pyshacl's DatatypeConstraintComponent on rdflib's reading of each literal."""
    if datatype == XSD + "string":
        xsd_string = _XSD_STRING

        def is_string(v) -> bool:  # a plain literal (rdflib reads "x"^^xsd:string from pyoxigraph so)
            return type(v) is Literal and v.datatype == xsd_string
        return is_string
    actual = _ACTUAL.get(datatype)

    def test(v) -> bool:
        if type(v) is not Literal:
            return False
        i = info.get(v)
        if i is None:  # a plain string or a language-tagged literal
            if datatype == RDFS + "Literal":
                return True
            return datatype == RDF + "langString" and bool(v.language)
        if i.datatype == datatype:
            if i.ill_typed is True:
                return False
            return actual is None or isinstance(i.value, actual)
        return datatype in (RDFS + "Literal", RDFS + "Datatype")
    return test


#: The Python types pyshacl checks a well-typed literal's value against (_assert_actual_datatype).
_ACTUAL = {
    XSD + "integer": int, XSD + "float": float, XSD + "decimal": Decimal, XSD + "boolean": bool,
    XSD + "date": dt.date, XSD + "time": dt.time, XSD + "dateTime": dt.datetime,
    RDF + "langString": (str, bytes),
}


def _is_string_literal(v, info: dict) -> bool:
    """Whether rdflib reads the literal's value as a str (pyshacl compares those as text)."""
    return isinstance(_python_value(v, info), str)


def _compare_literal(l1: rdflib.Literal, l2: rdflib.Literal) -> int:
    """pyshacl.rdfutil.compare.compare_literal."""
    if l1.eq(l2):
        return 0
    if l1.value.__class__ in (dt.datetime, dt.time):
        if l1.value == l2.value:
            return 0
        if l1.value > l2.value:
            return 1
    elif l1 > l2:
        return 1
    return -1


def _range_test(kind: str, bound: rdflib.Literal, info: dict) -> Callable:
    bound_is_string = isinstance(bound.value, str)
    bound_type = str(bound.datatype) if bound.datatype is not None else None
    bound_int = bound.value if type(bound.value) is int else None
    accept = {"minInclusive": lambda c: c >= 0, "maxInclusive": lambda c: c <= 0,
              "minExclusive": lambda c: c > 0, "maxExclusive": lambda c: c < 0}[kind]
    memo: dict = {}

    def test(v) -> bool:
        if type(v) is not Literal:
            return False
        found = memo.get(v)
        if found is not None:
            return found
        i = info.get(v)
        if bound_int is not None and i is not None and type(i.value) is int and i.datatype == bound_type \
                and not i.ill_typed:
            found = accept((i.value > bound_int) - (i.value < bound_int))
        elif _is_string_literal(v, info) != bound_is_string:
            found = False
        else:
            try:
                found = accept(_compare_literal(_rdflib_literal(v, info), bound))
            except (TypeError, NotImplementedError):
                found = False
        memo[v] = found
        return found
    return test


def _less(v, o, strict: bool, info: dict) -> bool:
    """pyshacl's sh:lessThan / sh:lessThanOrEquals on one pair (an incomparable pair fails)."""
    if type(v) is BlankNode or type(o) is BlankNode:
        return False
    a = v.value if type(v) is NamedNode else _python_value(v, info)
    b = o.value if type(o) is NamedNode else _python_value(o, info)
    v_string, o_string = isinstance(a, str), isinstance(b, str)
    if v_string != o_string:
        return False
    if v_string:  # IRIs and text compare as Python strings
        return a < b if strict else a <= b
    vi, oi = info.get(v), info.get(o)
    if vi is not None and oi is not None and type(vi.value) is int and type(oi.value) is int \
            and vi.datatype == oi.datatype and not vi.ill_typed and not oi.ill_typed:
        return vi.value < oi.value if strict else vi.value <= oi.value
    a, b = _rdflib_literal(v, info), _rdflib_literal(o, info)
    try:
        result = a < b if strict else a <= b
    except TypeError:
        return False
    return result is True


# --- entry points ---------------------------------------------------------------------------------

_PROGRAMS: dict[int, tuple[rdflib.Graph, ShapesProgram]] = {}
_KEEP = 16  # compiled programs kept (the shipped profiles and a few custom shapes graphs)


def compile_shapes(shapes: rdflib.Graph) -> ShapesProgram:
    """The compiled program of a shapes graph, kept for the graph object (so do not change a
    shapes graph after validating with it). Raises NotImplementedError for shapes that use what
    the engine does not support, ValueError for malformed shapes."""
    key = id(shapes)
    cached = _PROGRAMS.get(key)
    if cached is not None and cached[0] is shapes:
        return cached[1]
    program = ShapesProgram(shapes)
    if len(_PROGRAMS) >= _KEEP:
        del _PROGRAMS[next(iter(_PROGRAMS))]
    _PROGRAMS[key] = (shapes, program)
    return program


def validate(triples: Iterable[Triple], shapes: rdflib.Graph) -> Report:
    """Validate pyoxigraph triples against a shapes graph; the results pyshacl gives."""
    return compile_shapes(shapes).validate(triples)


@cache
def _rdflib_datatype(iri: str) -> NamedNode:
    return NamedNode(iri)


def triples_from_rdflib(graph: rdflib.Graph) -> list[Triple]:
    """pyoxigraph triples of an rdflib graph (the inverse of `ratsgraph.validate.to_rdflib`;
    an explicit "x"^^xsd:string becomes the same term as a plain "x")."""
    def term(node):
        if isinstance(node, rdflib.URIRef):
            return NamedNode(str(node))
        if isinstance(node, rdflib.BNode):
            return BlankNode(str(node))
        if node.language:
            return Literal(str(node), language=node.language)
        if node.datatype is None:
            return Literal(str(node))
        return Literal(str(node), datatype=_rdflib_datatype(str(node.datatype)))

    return [Triple(term(s), term(p), term(o)) for s, p, o in graph]

