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

from ..oparl.reader import paused_gc
from ..resources import jsonld_context
from ..vocab import PREFIXES, RDF_TYPE, XSD

_STRING = XSD + "string"
_BOOLEAN = XSD + "boolean"
_INTEGER = XSD + "integer"
_TYPE = f"<{RDF_TYPE.value}>".encode()

# The JSON string of a str, as json.dumps(..., ensure_ascii=False) writes it (C where available).
_json_str = json.encoder.encode_basestring  # type: ignore[attr-defined]

# Namespace → prefix, the first prefix of PREFIXES where two share a namespace.
_PREFIX_OF: dict[str, str] = {}
for _prefix, _namespace in PREFIXES.items():
    assert _namespace.endswith(("/", "#")), _namespace  # _compact_iri relies on it
    _PREFIX_OF.setdefault(_namespace, _prefix)


_PREFIX_BYTES = {namespace.encode(): f"{prefix}:".encode() for namespace, prefix in _PREFIX_OF.items()}
_NAMESPACES = tuple(_PREFIX_BYTES)


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

    __slots__ = ("coerce", "curie", "key", "lead", "tail")

    def __init__(self, predicate: str) -> None:
        key = _compact_iri(_node_id(predicate))
        self.key = _json_str(key).encode()
        self.lead = b",\n   " + self.key + b": "  # the key of a single value, after the previous one
        self.coerce = _coercions().get(key)
        self.curie = ":" in key  # object IRIs of a compact key are compacted too (with "@id")
        # The end of a literal of the datatype the key coerces to (written without "@type").
        self.tail = f'"^^<{self.coerce}>'.encode() if self.coerce and self.coerce[0] != "@" else b"\0"

    def render(self, obj: str) -> _Rendered:
        """The value of an N-Triples object under this key."""
        coerce = self.coerce
        if obj[0] == "<" or obj[0] == "_":
            node = _node_id(obj)
            if coerce == "@id":
                text = _json_str(_compact_iri(node) if self.curie and obj[0] == "<" else node)
                return text, text
            return _pairs((("@id", _json_str(node)),))
        end = obj.rfind('"')
        value = _unescape(obj[1:end])
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


# One (predicate, object) as it is written, in UTF-8: the key, the key with its value when it is
# the only one, the value as an array item.
_Entry = tuple[bytes, bytes, bytes]
# A subject's keys: the entry of each, or where a key has more than one value, a dict of them.
_Node = dict[bytes, _Entry | dict[_Entry, None]]

# Control characters that N-Triples may hold raw (TAB) and JSON may not; ratsgraph and pyoxigraph
# escape them all, so a term without a backslash is the same text in JSON.
_RAW_CONTROLS = [bytes([c]) for c in (*range(0x0A), *range(0x0B, 0x20))]


def _type_entry(obj: bytes) -> _Entry:
    text = _json_str(_compact_iri(_node_id(obj.decode()))).encode()
    return b'"type"', b',\n   "type": ' + text, text


def _entry(predicate: _Predicate, obj: bytes, plain: bool) -> _Entry:
    """The entry of a predicate and object; the common cases first, read from the bytes."""
    if plain and b"\\" not in obj:
        if obj[-1] == 34 and predicate.coerce is None:  # a string: '"'
            return predicate.key, predicate.lead + obj, obj
        if obj.endswith(predicate.tail):  # of the datatype the key coerces to
            text = obj[:1 - len(predicate.tail)]
            return predicate.key, predicate.lead + text, text
        if obj[0] == 60 and predicate.coerce == "@id":  # an IRI: '<'
            iri = obj[1:-1]
            if predicate.curie and iri.startswith(_NAMESPACES):
                cut = iri.rfind(b"/")
                cut = max(cut, iri.rfind(b"#")) + 1
                prefix = _PREFIX_BYTES.get(iri[:cut])
                if prefix is not None and cut < len(iri):
                    iri = prefix + iri[cut:]
            text = b'"' + iri + b'"'
            return predicate.key, predicate.lead + text, text
    single, item = predicate.render(obj.decode())
    return predicate.key, predicate.lead + single.encode(), item.encode()


def ntriples_to_jsonld(documents: Iterable[bytes], *, context_url: str | None = None) -> bytes:
    """Compact JSON-LD of the union of N-Triples documents: one node object per subject in a flat
    "@graph", subjects and their keys in order of first appearance, duplicate lines dropped.

    The N-Triples are as ratsgraph and pyoxigraph write them: one triple per line, one space
    between the terms, no comments. With `context_url`, the context is referenced instead of
    written inline. The lines stay bytes: UTF-8 in, UTF-8 out."""
    with paused_gc():  # many small objects, no cycles
        return _ntriples_to_jsonld(b"".join(documents), context_url)


def _ntriples_to_jsonld(data: bytes, context_url: str | None) -> bytes:
    plain = not any(c in data for c in _RAW_CONTROLS)  # memchr: faster than one pass in Python
    predicates: dict[bytes, _Predicate] = {}
    entries: dict[bytes, _Entry] = {}  # by "predicate object"; most objects recur
    nodes: dict[bytes, _Node] = {}
    lines = data.split(b" .\n")
    if lines[-1] == b"":
        lines.pop()
    last = node = None
    for line in lines:
        s, _, rest = line.partition(b" ")
        entry = entries.get(rest)
        if entry is None:
            p, _, o = rest.partition(b" ")
            if p == _TYPE and o[0] == 60:  # an IRI: '<'
                entry = _type_entry(o)
            else:
                pred = predicates.get(p)
                if pred is None:
                    pred = predicates[p] = _Predicate(p.decode())
                entry = _entry(pred, o, plain)
            entries[rest] = entry
        if s != last:  # a document's lines come grouped by subject
            last = s
            node = nodes.get(s)
            if node is None:
                node = nodes[s] = {entry[0]: entry}
                continue
        # A line seen before finds the same entry (one per "predicate object"): dropped here.
        values = node.get(entry[0])
        if values is None:
            node[entry[0]] = entry
        elif type(values) is dict:
            values[entry] = None
        elif values is not entry:
            node[entry[0]] = {values: None, entry: None}
    return _layout(nodes, plain, context_url)


def _values(values: dict[_Entry, None]) -> bytes:
    key = next(iter(values))[0]
    return b",\n   " + key + b": [\n    " + b",\n    ".join([v[2] for v in values]) + b"\n   ]"


def _layout(nodes: dict[bytes, _Node], plain: bool, context_url: str | None) -> bytes:
    """The document, as json.dumps(document, ensure_ascii=False, indent=1) writes it, in UTF-8."""
    context = _json_str(context_url) if context_url else _context_text()
    out = [b'{\n "@context": ' + context.encode() + b',\n "@graph": [']
    add, extend = out.append, out.extend
    opening = b'\n  {\n   "id": '
    for s, node in nodes.items():
        add(opening)
        opening = b'\n  },\n  {\n   "id": '
        if plain and s[0] == 60 and b"\\" not in s:
            add(b'"' + s[1:-1] + b'"')
        else:
            add(_json_str(_node_id(s.decode())).encode())
        extend([v[1] if type(v) is tuple else _values(v) for v in node.values()])  # type: ignore[misc]
    add(b"\n  }\n ]\n}\n" if nodes else b"]\n}\n")
    return b"".join(out)


def to_jsonld(triples: Iterable[Triple], *, context_url: str | None = None) -> str:
    """Compact JSON-LD of pyoxigraph triples (see `ntriples_to_jsonld`)."""
    data = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples).encode("utf-8")
    return ntriples_to_jsonld([data], context_url=context_url).decode("utf-8")
