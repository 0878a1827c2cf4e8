"""Compact JSON-LD written directly from N-Triples with ratsgraph's fixed context.

No JSON-LD library is involved on the write path (PERFORMANCE.md: 10x faster than rdflib's
serializer, 40x faster than pyld.compact), nor RDF terms: the lines are split as strings, each
predicate and object is compacted once, and the text is laid out as `json.dumps(..., indent=1)`
would lay it out. Tests read the output back with rdflib and compare it by isomorphism."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache

from pyoxigraph import Triple

from ..resources import jsonld_context
from ..vocab import PREFIXES, RDF_TYPE, XSD

_STRING = XSD + "string"
_BOOLEAN = XSD + "boolean"
_INTEGER = XSD + "integer"
_TYPE = f"<{RDF_TYPE.value}>"

# The JSON string of a str, as json.dumps(..., ensure_ascii=False) writes it (C where available).
_json_str = json.encoder.encode_basestring  # type: ignore[attr-defined]

# Namespace → prefix, the first prefix of PREFIXES where two share a namespace.
_PREFIX_OF: dict[str, str] = {}
for _prefix, _namespace in PREFIXES.items():
    assert _namespace.endswith(("/", "#")), _namespace  # _compact_iri relies on it
    _PREFIX_OF.setdefault(_namespace, _prefix)


def _compact_iri(iri: str) -> str:
    """`prefix:local` where the IRI is a namespace of PREFIXES followed by a local name without
    '/' or '#', else the IRI."""
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    prefix = _PREFIX_OF.get(iri[:cut])
    if prefix is None or cut == len(iri):
        return iri
    return f"{prefix}:{iri[cut:]}"


# N-Triples escapes (ECHAR and UCHAR), met only in literals that need them.
_NT_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        code = m.group(1) or m.group(2)
        return chr(int(code, 16)) if code else _ECHARS[m.group(3)]

    return _NT_ESCAPE.sub(one, text) if "\\" in text else text


def _node_id(term: str) -> str:
    """The "id" of an N-Triples subject or object: the IRI, or the blank node `_:label`."""
    return _unescape(term[1:-1]) if term[0] == "<" else term


@cache
def _coercions() -> dict[str, str]:
    """The type coercion of each key of the context: "@id" or an expanded datatype IRI."""
    context = jsonld_context()

    def expand(curie: str) -> str:
        prefix, _, local = curie.partition(":")
        ns = context.get(prefix)
        return ns + local if isinstance(ns, str) and not ns.startswith("@") else curie

    coercion: dict[str, str] = {}
    for key, value in context.items():
        if isinstance(value, dict) and "@type" in value:
            coerce = value["@type"]
            coercion[key] = coerce if coerce.startswith("@") else expand(coerce)
    return coercion


@cache
def _context_text() -> str:
    """The inline context as it stands in the document, one level in."""
    return json.dumps(jsonld_context(), ensure_ascii=False, indent=1).replace("\n", "\n ")


# A value's rendering at the indentation of a node's keys (3) and of an array's items (4).
_Rendered = tuple[str, str]


def _pairs(pairs: tuple[tuple[str, str], ...]) -> _Rendered:
    """A JSON object of (key, JSON text) pairs rendered at both depths."""
    def at(depth: int) -> str:
        inner = ",".join(f"\n{' ' * (depth + 1)}\"{k}\": {v}" for k, v in pairs)
        return f"{{{inner}\n{' ' * depth}}}"

    return at(3), at(4)


class _Predicate:
    """A predicate's key in the document and how it renders its objects."""

    __slots__ = ("coerce", "curie", "key", "lead")

    def __init__(self, predicate: str) -> None:
        key = _compact_iri(_node_id(predicate))
        self.key = _json_str(key)
        self.lead = f",\n   {self.key}: "  # the key of a single value, after the previous one
        self.coerce = _coercions().get(key)
        self.curie = ":" in key  # object IRIs of a compact key are compacted too (with "@id")

    def render(self, obj: str) -> _Rendered:
        coerce = self.coerce
        # Terms without escapes or raw control characters are the same text in JSON.
        plain = "\\" not in obj and obj.isprintable()
        if obj[0] == "<" or obj[0] == "_":
            node = obj[1:-1] if obj[0] == "<" else obj
            if not plain:
                node = _node_id(obj)
            if coerce == "@id":
                if self.curie and obj[0] == "<":
                    node = _compact_iri(node)
                text = f'"{node}"' if plain else _json_str(node)
                return text, text
            return _pairs((("@id", f'"{node}"' if plain else _json_str(node)),))
        end = obj.rfind('"')
        value = obj[1:end]
        if plain:
            text = obj[:end + 1]
        else:
            value = _unescape(value)
            text = _json_str(value)
        suffix = obj[end + 1:]
        if suffix[:1] == "@":
            return _pairs((("@value", text), ("@language", _json_str(suffix[1:]))))
        datatype = _node_id(suffix[2:]) if suffix else _STRING
        if coerce is None:
            if datatype == _STRING:
                return text, text
            if datatype == _BOOLEAN and value in ("true", "false"):
                return value, value
            if datatype == _INTEGER and value.lstrip("-").isdigit() and value == str(int(value)):
                return value, value
        elif coerce == datatype:
            return text, text
        return _pairs((("@value", text), ("@type", _json_str(_compact_iri(datatype)))))


# One (predicate, object) as it is written: the key, the key with its value when it is the only
# one, the value as an array item.
_Entry = tuple[str, str, str]


def _type_entry(obj: str) -> _Entry:
    text = _json_str(_compact_iri(_node_id(obj)))
    return '"type"', f',\n   "type": {text}', text


def ntriples_to_jsonld(documents: Iterable[bytes], *, context_url: str | None = None) -> bytes:
    """Compact JSON-LD of the union of N-Triples documents: one node object per subject in a flat
    "@graph", subjects and their keys in order of first appearance, duplicate lines dropped.

    The N-Triples are as ratsgraph and pyoxigraph write them: one triple per line, one space
    between the terms, no comments. With `context_url`, the context is referenced instead of
    written inline."""
    predicates: dict[str, _Predicate] = {}
    entries: dict[str, _Entry] = {}  # by "predicate object"; most objects recur
    nodes: dict[str, dict[str, list[_Entry]]] = {}
    lines = dict.fromkeys(line for data in documents for line in data.decode("utf-8").split(" .\n"))
    lines.pop("", None)
    for line in lines:
        s, _, rest = line.partition(" ")
        entry = entries.get(rest)
        if entry is None:
            p, _, o = rest.partition(" ")
            if p == _TYPE and o[0] == "<":
                entry = _type_entry(o)
            else:
                pred = predicates.get(p)
                if pred is None:
                    pred = predicates[p] = _Predicate(p)
                single, item = pred.render(o)
                entry = pred.key, pred.lead + single, item
            entries[rest] = entry
        node = nodes.get(s)
        if node is None:
            nodes[s] = {entry[0]: [entry]}
            continue
        values = node.get(entry[0])
        if values is None:
            node[entry[0]] = [entry]
        else:
            values.append(entry)
    return _layout(nodes, context_url)


def _layout(nodes: dict[str, dict[str, list[_Entry]]], context_url: str | None) -> bytes:
    """The document text, as json.dumps(document, ensure_ascii=False, indent=1) writes it."""
    context = _json_str(context_url) if context_url else _context_text()
    out = ["{\n \"@context\": ", context, ",\n \"@graph\": ["]
    add = out.append
    separator = "\n  {\n   \"id\": "
    for s, node in nodes.items():
        add(separator)
        separator = ",\n  {\n   \"id\": "
        add(_json_str(_node_id(s)))
        for values in node.values():
            if len(values) == 1:
                add(values[0][1])
            else:
                add(f",\n   {values[0][0]}: [\n    ")
                add(",\n    ".join([v[2] for v in values]))
                add("\n   ]")
        add("\n  }")
    add("\n ]\n}\n" if nodes else "]\n}\n")
    return "".join(out).encode("utf-8")


def to_jsonld(triples: Iterable[Triple], *, context_url: str | None = None) -> str:
    """Compact JSON-LD of pyoxigraph triples (see `ntriples_to_jsonld`)."""
    data = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode("utf-8")
    return ntriples_to_jsonld([data], context_url=context_url).decode("utf-8")
