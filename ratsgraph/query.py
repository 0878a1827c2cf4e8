"""SPARQL over RDF files, converted minutes or a store, with pyoxigraph as the engine.

The prefixes of the vocabulary contract are predeclared; the default graph is the union of all
named graphs (each triple once, see `ratsgraph.store`), so a query sees every loaded document.
Results are written here (not by pyoxigraph) so that a row cap can cut them and say so;
`tests/test_query_results.py` reads them back with pyoxigraph's and rdflib's parsers."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

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
    Triple,
)

from .errors import GraphError, InputError
from .vocab import PREFIXES

_RDF_FORMATS = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS,
                ".trig": RdfFormat.TRIG, ".jsonld": RdfFormat.JSON_LD, ".rdf": RdfFormat.RDF_XML,
                ".owl": RdfFormat.RDF_XML, ".n3": RdfFormat.N3}

#: Result formats of SELECT and ASK, with their media types.
SOLUTION_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "table": "text/plain; charset=utf-8",
}
#: Result formats of CONSTRUCT and DESCRIBE (names of `ratsgraph.graph.formats`).
GRAPH_FORMATS = ("turtle", "nt", "jsonld")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class QueryError(Exception):
    """The query does not parse or cannot be evaluated."""


def prologue() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


# -- reading the query without evaluating it ---------------------------------------------------
#
# The server must refuse federated SERVICE before Oxigraph sees a query (pyoxigraph would fetch
# the URL), so this reader follows SPARQL's lexical rules where they decide what is code and what
# is a comment, a string or an IRI: `\#` and `\'` are part of a prefixed name (PN_LOCAL_ESC), a
# short string ends at a line break (CR or LF), and `<` after an operand inside an expression is
# the less-than operator, not the start of an IRI (`FILTER(?a<?b)SERVICE ...#>`). Oxigraph's
# parser needs no space after a keyword (`trueSERVICE`, `SERVICEex:` are SERVICE calls), so a
# bare word or the prefix of a prefixed name that merely contains SERVICE counts as a call too.
# tests/test_reliability_server.py checks this reader against Oxigraph itself; the query workers
# also run without network where the system allows it (ratsgraph/serve/worker.py).

_SPACE = re.compile(r"\s+")
_COMMENT = re.compile(r"#[^\n\r]*")
_STRING = re.compile(r"""
    \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\" | '''(?:[^'\\]|\\.|'(?!''))*'''
  | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'
""", re.VERBOSE | re.DOTALL)
_IRI = re.compile(r"<[^<>\"{}|^`\\\x00-\x20]*>")
_VAR = re.compile(r"[?$]\w+")
_NUMBER = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?\#@%])"
_NAME = re.compile(rf"(?:[^\W\d][\w.\-]*)?:(?:[\w.:%\-]|{_PLX})* | [^\W\d][\w.\-]*", re.VERBOSE)
_OPERANDS = {"var", "string", "number", "iri", "name"}
_OPENING = {"(", "{", "["}
_CLOSING = {")", "}", "]"}

_UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_QUERY_FORMS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}


@dataclass(frozen=True)
class Token:
    kind: str  # comment, string, iri, var, number, name, other
    text: str


def tokens(text: str) -> Iterator[Token]:
    """The tokens of a query or update, comments included (see the note above)."""
    contexts: list[str] = []  # per open bracket: "expr", "pattern" or "terms"
    previous: Token | None = None
    select_clause = values = False
    pos, end = 0, len(text)
    while pos < end:
        space = _SPACE.match(text, pos)
        if space:
            pos = space.end()
            continue
        char = text[pos]
        match = None
        kind = "other"
        if char == "#":
            match, kind = _COMMENT.match(text, pos), "comment"
        elif char in "\"'":
            match, kind = _STRING.match(text, pos), "string"
        elif char == "<":
            operator = bool(contexts) and contexts[-1] == "expr" and previous is not None and \
                (previous.kind in _OPERANDS or previous.text in (")", "]"))
            if not operator:
                match, kind = _IRI.match(text, pos), "iri"
        elif char in "?$":
            match, kind = _VAR.match(text, pos), "var"
        elif char.isdigit() or (char == "." and text[pos + 1:pos + 2].isdigit()):
            match, kind = _NUMBER.match(text, pos), "number"
        else:
            match, kind = _NAME.match(text, pos), "name"
        if match is None or not match.group():
            match, kind = None, "other"
        value = match.group() if match is not None else char
        pos += len(value)
        token = Token(kind, value)
        if kind == "comment":
            yield token
            continue
        word = value.upper() if kind == "name" and ":" not in value else ""
        if word == "SELECT":
            select_clause = True
        elif word == "VALUES":
            values = True
        elif word == "WHERE":
            select_clause = False
        if value == "(":
            if not contexts or contexts[-1] == "expr" or select_clause:
                contexts.append("expr")  # SELECT (… AS ?x), GROUP BY (…), nested expressions
            elif values or contexts[-1] == "terms":
                contexts.append("terms")
            elif previous is not None and (previous.kind in ("iri", "name") or previous.text.upper() == "BY"):
                contexts.append("expr")  # FILTER(, BIND(, STR(, ex:function(, <function>(, ORDER BY (
            else:
                contexts.append("terms")  # a collection or a property path
        elif value == "{":
            contexts.append("terms" if values else "pattern")
            select_clause = values = False
        elif value == "[":
            contexts.append("terms" if contexts and contexts[-1] in ("terms", "expr") else "pattern")
        elif value in _CLOSING:
            if contexts:
                contexts.pop()
            if value == "}":
                values = False
        previous = token
        yield token


def keywords(text: str) -> list[str]:
    """The bare words of a query or update, upper-cased, in order (no prefixed names, variables,
    strings, IRIs or comments): `keywords('SELECT ?s { ?s a ex:SERVICE }')` → SELECT, A."""
    return [t.text.upper() for t in tokens(text) if t.kind == "name" and ":" not in t.text]


def operation(text: str) -> str:
    """"select", "construct", "describe", "ask", "update" or "unknown": the form of a request."""
    for word in keywords(text):
        if word in ("PREFIX", "BASE"):
            continue
        if word in _QUERY_FORMS:
            return word.lower()
        if word in _UPDATE_KEYWORDS:
            return "update"
        return "unknown"
    return "unknown"


def uses_service(text: str) -> bool:
    """Whether a query calls out to another endpoint (federated `SERVICE`). A bare word or the
    prefix of a prefixed name containing SERVICE counts (Oxigraph reads `trueSERVICE <x> {}` and
    `SERVICEex: {}` as calls); comments, strings, IRIs, variables and local names do not."""
    return analyse(text).service


@dataclass(frozen=True)
class Analysis:
    """What the server checks before a query runs, from one pass over its tokens: its form
    (see `operation`), whether it calls SERVICE (see `uses_service`), its tokens (comments
    aside; counting stops past `max_tokens`) and its deepest nesting of brackets."""

    form: str
    service: bool
    tokens: int
    depth: int


def analyse(text: str, max_tokens: int | None = None) -> Analysis:
    form = None
    service = False
    count = depth = deepest = 0
    for t in tokens(text):
        if t.kind == "comment":
            continue
        count += 1
        if max_tokens is not None and count > max_tokens:
            break
        if t.kind == "name":
            head = t.text.partition(":")[0].upper()
            service = service or "SERVICE" in head
            if form is None and ":" not in t.text and head not in ("PREFIX", "BASE"):
                form = head.lower() if head in _QUERY_FORMS else "update" if head in _UPDATE_KEYWORDS \
                    else "unknown"
        if t.text in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
        elif t.text in _CLOSING:
            depth = max(0, depth - 1)
    return Analysis(form or "unknown", service, count, deepest)


# -- loading files for `query --data` -----------------------------------------------------------

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
    store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")  # the union, as a set
    return store


def _quads(conversion):
    from pyoxigraph import Quad

    for t in conversion.triples:
        yield Quad(t.subject, t.predicate, t.object, conversion.graph)


# -- evaluating ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """A serialised query result: `rows` solutions or triples were written; `truncated` when the
    row cap cut the result."""

    data: bytes
    media_type: str
    kind: str  # "solutions", "boolean" or "graph"
    rows: int
    truncated: bool


def evaluate(store: Store, query: str):
    """The raw pyoxigraph result of a query; its default graph is the union of the documents."""
    try:
        return store.query(prologue() + query)
    except SyntaxError as err:
        raise QueryError(" ".join(str(err).split())) from None
    except OSError as err:
        raise QueryError(str(err)) from None


def execute(store: Store, query: str, fmt: str = "table", max_rows: int | None = None) -> Answer:
    """Evaluate a query and serialise at most `max_rows` solutions (or triples).

    Formats: table, csv, tsv, json, xml for SELECT and ASK; turtle, nt, jsonld for CONSTRUCT and
    DESCRIBE (a solution format asked of a graph result gives Turtle)."""
    result = evaluate(store, query)
    try:
        if isinstance(result, QueryTriples):
            return _graph_answer(result, fmt, max_rows)
        if isinstance(result, QueryBoolean):
            return _boolean_answer(result, fmt)
        return _solutions_answer(result, fmt, max_rows)
    except OSError as err:  # raised lazily while iterating
        raise QueryError(str(err)) from None


def run_query(store: Store, query: str, fmt: str = "table") -> bytes:
    """Evaluate a query and serialise its whole result (see `execute`)."""
    return execute(store, query, fmt).data


def stream(store: Store, query: str, fmt: str) -> tuple[str, Iterator[bytes]]:
    """The whole result as chunks of bytes, for downloads beyond the row cap: (media type, chunks)."""
    result = evaluate(store, query)
    if isinstance(result, QuerySolutions) and fmt in ("json", "xml", "csv", "tsv"):
        variables = [v.value for v in result.variables]
        writer = {"json": _json_chunks, "xml": _xml_chunks, "csv": _csv_chunks, "tsv": _tsv_chunks}[fmt]
        return SOLUTION_FORMATS[fmt], _batched(writer(variables, result, None))
    if isinstance(result, QueryTriples) and fmt == "nt":
        from pyoxigraph import serialize

        from .store import restore_datatypes

        def chunks() -> Iterator[bytes]:
            batch: list[Triple] = []
            for t in result:
                batch.append(t)
                if len(batch) >= 5000:
                    yield serialize(restore_datatypes(batch), format=RdfFormat.N_TRIPLES)
                    batch = []
            if batch:
                yield serialize(restore_datatypes(batch), format=RdfFormat.N_TRIPLES)

        return "application/n-triples", chunks()
    if isinstance(result, QueryTriples):
        answer = _graph_answer(result, fmt, None)
    elif isinstance(result, QueryBoolean):
        answer = _boolean_answer(result, fmt)
    else:
        answer = _solutions_answer(result, fmt, None)
    return answer.media_type, iter([answer.data])


def _batched(parts: Iterable[str], size: int = 1 << 16) -> Iterator[bytes]:
    buffer: list[str] = []
    length = 0
    for part in parts:
        buffer.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffer).encode("utf-8")
            buffer, length = [], 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


def _graph_answer(result: QueryTriples, fmt: str, max_rows: int | None) -> Answer:
    from .graph.formats import find_format
    from .store import restore_datatypes

    triples: list[Triple] = []
    truncated = False
    for t in result:
        if max_rows is not None and len(triples) >= max_rows:
            truncated = True
            break
        triples.append(t)
    triples = restore_datatypes(triples)
    out_format = find_format(fmt if fmt in GRAPH_FORMATS else "turtle")
    media_type = out_format.media_type + ("; charset=utf-8" if out_format.name in ("turtle", "nt") else "")
    return Answer(out_format.write(triples), media_type, "graph", len(triples), truncated)


def _boolean_answer(result: QueryBoolean, fmt: str) -> Answer:
    value = bool(result)
    if fmt == "table":
        data = (b"true" if value else b"false") + b"\n"
    elif fmt == "json":
        data = json.dumps({"head": {}, "boolean": value}).encode("utf-8") + b"\n"
    else:
        data = result.serialize(format=_results_format(fmt))
    return Answer(data, SOLUTION_FORMATS.get(fmt, SOLUTION_FORMATS["json"]), "boolean", 1, False)


def _solutions_answer(result: QuerySolutions, fmt: str, max_rows: int | None) -> Answer:
    variables = [v.value for v in result.variables]
    rows = []
    truncated = False
    for row in result:
        if max_rows is not None and len(rows) >= max_rows:
            truncated = True
            break
        rows.append(row)
    fmt = fmt if fmt in SOLUTION_FORMATS else "json"
    if fmt == "table":
        data = _table(variables, rows, truncated).encode("utf-8")
    else:
        writer = {"json": _json_chunks, "xml": _xml_chunks, "csv": _csv_chunks, "tsv": _tsv_chunks}[fmt]
        data = "".join(writer(variables, rows, max_rows if truncated else None)).encode("utf-8")
    return Answer(data, SOLUTION_FORMATS[fmt], "solutions", len(rows), truncated)


def _results_format(fmt: str) -> QueryResultsFormat:
    return {"json": QueryResultsFormat.JSON, "xml": QueryResultsFormat.XML, "csv": QueryResultsFormat.CSV,
            "tsv": QueryResultsFormat.TSV}.get(fmt, QueryResultsFormat.JSON)


# -- result writers (W3C SPARQL 1.1 Query Results JSON, XML, CSV, TSV) -------------------------
#
# A solution is read by position (its values come in the order of `variables`): `row[name]` costs
# ~2 µs per lookup, as much as the rest of the CSV writer (speakers-per-agenda-item: 0.15 → 0.07 s).

def _json_term(term) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {"subject": _json_term(term.subject),
                                        "predicate": _json_term(term.predicate),
                                        "object": _json_term(term.object)}}


def _json_chunks(variables: list[str], rows: Iterable, cut_at: int | None) -> Iterator[str]:
    """`cut_at`: the row cap that cut these rows; said in a "ratsgraph" member before "results"
    (pyoxigraph's parser accepts members there, not after the bindings)."""
    yield '{"head":{"vars":' + json.dumps(variables) + "},\n"
    if cut_at is not None:
        yield '"ratsgraph":{"truncated":true,"maxRows":' + str(cut_at) + "},\n"
    yield '"results":{"bindings":['
    first = True
    for row in rows:
        binding = {v: _json_term(term) for v, term in zip(variables, row, strict=True) if term is not None}
        yield ("\n" if first else ",\n") + json.dumps(binding, ensure_ascii=False)
        first = False
    yield "\n]}}\n"


def _xml_term(term) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value not in (_XSD_STRING, _LANG_STRING):
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
            f"</predicate><object>{_xml_term(term.object)}</object></triple>")


def _xml_chunks(variables: list[str], rows: Iterable, cut_at: int | None) -> Iterator[str]:
    yield '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
    yield "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    yield "</head>"
    if cut_at is not None:
        yield f"<!-- results cut at {cut_at} rows (ratsgraph max_rows) -->"
    yield "<results>\n"
    for row in rows:
        cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(term)}</binding>"
                        for v, term in zip(variables, row, strict=True) if term is not None)
        yield f"<result>{cells}</result>\n"
    yield "</results></sparql>\n"


def _csv_chunks(variables: list[str], rows: Iterable, cut_at: int | None = None) -> Iterator[str]:
    """SPARQL CSV: plain values, quoted by the csv module."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if term is None else _plain(term) for term in row])
        if out.tell() > 1 << 16:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _plain(term) -> str:
    return term.value if not isinstance(term, Triple) else str(term)


def _tsv_chunks(variables: list[str], rows: Iterable, cut_at: int | None = None) -> Iterator[str]:
    """SPARQL TSV: terms in Turtle/N-Triples syntax."""
    yield "\t".join(f"?{v}" for v in variables) + "\n"
    for row in rows:
        yield "\t".join("" if term is None else str(term) for term in row) + "\n"


# -- the table for people ----------------------------------------------------------------------

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
    return _table([v.value for v in result.variables], list(result), False)


def _table(variables: list[str], solutions: list, truncated: bool) -> str:
    rows = [[short(term) for term in row] for row in solutions]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(variables)]
    widths = [min(w, 80) for w in widths]

    def line(cells: list[str]) -> str:
        return " | ".join((c if len(c) <= 80 else c[:77] + "...").ljust(w)
                          for c, w in zip(cells, widths, strict=True)).rstrip()

    out = [line(variables), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in rows]
    more = ", cut at the row cap" if truncated else ""
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''}{more})")
    return "\n".join(out) + "\n"
