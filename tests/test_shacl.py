"""The fast SHACL engine (`ratsgraph/shacl.py`) reports what pyshacl reports.

The decisive test breaks converted documents in many seeded random ways (dropped and duplicated
properties, ill-typed and non-canonical literals, negative counts, outcomes outside the scheme,
links to resources of the wrong class, literals where IRIs belong, blank nodes, selectors that end
before they start, bad checksums, subclasses, …) and checks that the fast engine gives exactly
pyshacl's set of (focus, path, severity, value) results and the same `conforms`, for
`shapes/ratsgraph.ttl` and `shapes/oparl.ttl`. Broken graphs are validated in batches: each graph
of a batch gets its own IRIs and blank nodes, so the batch is their disjoint union.

The default run checks 200 broken minutes against the default shapes and 200 broken graphs
(OParl examples and minutes) against the OParl profile; `pytest -m slow` runs 1,000 more per
shapes file over the whole development corpus."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from ratsgraph.shacl import analyse_literal, compile_shapes, triples_from_rdflib
from ratsgraph.validate import (
    Report,
    profile_shapes,
    shapes_graph,
    to_rdflib,
    validate_graph,
    validate_triples,
)

from .conftest import CORPUS, OPARL_EXAMPLES, REFERENCE

# rdflib warns about the odd booleans the broken graphs hold, when pyshacl's graph is built
pytestmark = pytest.mark.filterwarnings("ignore:Parsing weird boolean:UserWarning")

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OPARL = "https://schema.oparl.org/1.1/"
RG = "https://w3id.org/ratsgraph/vocab#"
OA = "http://www.w3.org/ns/oa#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
TYPE = NamedNode(RDF + "type")
SUBCLASS = NamedNode(RDFS + "subClassOf")
NEW = "https://example.org/ratsgraph/broken/"  # IRIs minted by mutations (renamed per batch member)
DATA_PREFIXES = ("https://example.org/", "https://oparl.example.org/")


def key(report: Report) -> set[tuple]:
    return {(v.focus, v.path, v.severity, v.value) for v in report.violations}


def pyshacl(triples: list[Triple], shapes: rdflib.Graph) -> Report:
    return validate_graph(to_rdflib(triples), shapes)


def fast(triples: list[Triple], shapes: rdflib.Graph) -> Report:
    return compile_shapes(shapes).validate(triples)


def assert_same(triples: list[Triple], shapes: rdflib.Graph, what: str = "") -> Report:
    expected, found = pyshacl(triples, shapes), fast(triples, shapes)
    missing, extra = key(expected) - key(found), key(found) - key(expected)
    assert not missing and not extra, (
        f"{what}\nonly pyshacl: {sorted(missing)[:10]}\nonly fast: {sorted(extra)[:10]}")
    assert found.conforms == expected.conforms, what
    # where a shape gives sh:message, both engines give it
    messages = {str(m) for m in shapes.objects(None, rdflib.URIRef("http://www.w3.org/ns/shacl#message"))}
    assert {v for v in expected.violations if v.message in messages} <= set(found.violations), what
    return expected


# --- the graphs -------------------------------------------------------------------------------

@cache
def _convert(path: Path) -> tuple[Triple, ...]:
    from ratsgraph.pipeline import convert_path

    return tuple(convert_path(path).triples)


#: Small documents of the development corpus (three readers: text, HTML, PDF) for the default run.
FEW = ("d003.txt", "d005.txt", "d015.html", "d018.txt", "d033.pdf")


def minutes_bases(names: tuple[str, ...] | None = FEW) -> list[tuple[Triple, ...]]:
    """The sample and, when the corpus is there, converted development documents (all of them
    for names=None)."""
    bases = [_convert(REFERENCE)]
    if CORPUS.exists():
        paths = sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix in (".txt", ".html", ".pdf")
                       and (names is None or p.name in names))
        for p in paths:
            try:
                base = _convert(p)
            except Exception:  # a document the converter rejects is no base
                continue
            if set(base) != set(bases[0]):  # the corpus holds the sample too
                bases.append(base)
    return bases


def oparl_base() -> tuple[Triple, ...]:
    if not OPARL_EXAMPLES.exists():
        pytest.skip(f"the OParl 1.1 examples are not at {OPARL_EXAMPLES} "
                    "(../shared/ sits next to the project)")
    return tuple(t for p in sorted(OPARL_EXAMPLES.glob("*.json")) for t in _convert(p))


# --- breaking graphs --------------------------------------------------------------------------

class View:
    """What mutations pick from: subjects, their types, triples by kind."""

    def __init__(self, triples: list[Triple]):
        self.triples = triples
        self.subjects = sorted({t.subject for t in triples if isinstance(t.subject, NamedNode)},
                               key=lambda n: n.value)
        self.types: dict = {}
        for t in triples:
            if t.predicate == TYPE:
                self.types.setdefault(t.subject, set()).add(t.object)

    def pick(self, rng: random.Random, test: Callable[[Triple], bool]) -> int | None:
        found = [i for i, t in enumerate(self.triples) if test(t)]
        return rng.choice(found) if found else None


def _lit(lexical: str, datatype: str | None = None, language: str | None = None) -> Literal:
    if language:
        return Literal(lexical, language=language)
    return Literal(lexical, datatype=NamedNode(datatype)) if datatype else Literal(lexical)


def _is_typed(t: Triple) -> bool:
    o = t.object
    return isinstance(o, Literal) and not o.language and o.datatype.value != XSD + "string"


def _is_string(t: Triple) -> bool:
    o = t.object
    return isinstance(o, Literal) and not o.language and o.datatype.value == XSD + "string"


def _is_link(t: Triple) -> bool:
    return isinstance(t.object, NamedNode) and t.predicate != TYPE


BAD_LEXICAL = {
    "integer": ["abc", "1.5", "", " 7", "+5", "05", "1e3", "-0", "٣", "12 "],
    "nonNegativeInteger": ["-1", "-0", "abc", "1.5", "+3", "007", "", "-12"],
    "boolean": ["yes", "TRUE", "1", "0", "ja", "", "False"],
    "date": ["2020-13-45", "2020-1-5", "29.11.2021", "2021-02-29", "2021-11-29Z", "2021-11-29T10:00:00",
             "2024-02-29", "0001-01-01", "21-11-29"],
    "dateTime": ["2020-13-01T00:00:00", "2021-11-25", "2021-11-25T25:00:00", "2021-11-25T10:00:00Z",
                 "2021-11-25T10:00:00.5+01:00", "2021-11-25 10:00"],
    "decimal": ["1,5", "abc", "1e3", ".5", "+1.50", "12", "012.50", "-0.0", "1.", "NaN"],
}
DATATYPES = ["integer", "nonNegativeInteger", "boolean", "date", "dateTime", "decimal", "string", "double"]
COUNTS = {RG + p for p in ("votesFor", "votesAgainst", "abstentions", "recusals", "position", "ordinal")} | \
    {OPARL + "size", OPARL + "order", OA + "start", OA + "end"}
CLASSES = [
    *(OPARL + c for c in ("Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper",
                          "Consultation", "File", "Location", "System", "LegislativeTerm")),
    *(RG + c for c in ("Decision", "Resolution", "Clause", "Statement")),
    SCHEMA + "MonetaryAmount", OA + "SpecificResource", OA + "TextPositionSelector",
]
ALL_BAD_LEXICAL = [lexical for forms in BAD_LEXICAL.values() for lexical in forms]


def _replace(ts: list[Triple], i: int, t: Triple) -> list[Triple]:
    return [*ts[:i], t, *ts[i + 1:]]


def m_drop(rng, ts, v):
    i = v.pick(rng, lambda t: t.predicate != TYPE)
    return None if i is None else (ts[:i] + ts[i + 1:], f"drop {ts[i]}")


def m_drop_type(rng, ts, v):
    i = v.pick(rng, lambda t: t.predicate == TYPE)
    return None if i is None else (ts[:i] + ts[i + 1:], f"drop {ts[i]}")


def m_drop_subject(rng, ts, v):
    s = rng.choice(v.subjects)
    return [t for t in ts if t.subject != s], f"drop every triple of {s}"


def m_duplicate(rng, ts, v):
    i = v.pick(rng, lambda t: t.predicate != TYPE)
    if i is None:
        return None
    t = ts[i]
    o = t.object
    if isinstance(o, Literal):
        if _is_typed(t):
            lexical = rng.choice([o.value + "0", "0" + o.value, "1", "true", "2021-01-01"])
            other = _lit(lexical, o.datatype.value)
        else:
            language = o.language or rng.choice([None, "de"])
            other = _lit(o.value + rng.choice([" (2)", "x", ""]), language=language)
    else:
        other = rng.choice(v.subjects)
    return [*ts, Triple(t.subject, t.predicate, other)], f"second value {other} for {t}"


def m_non_canonical_twin(rng, ts, v):
    """A second, non-canonical spelling of the same value (rdflib merges the two)."""
    i = v.pick(rng, lambda t: _is_typed(t) and t.object.value.isdigit())
    if i is None:
        return None
    t = ts[i]
    twin = _lit(rng.choice(["0", "+", "00"]) + t.object.value, t.object.datatype.value)
    return [*ts, Triple(t.subject, t.predicate, twin)], f"twin {twin} of {t}"


def m_ill_typed(rng, ts, v):
    i = v.pick(rng, _is_typed)
    if i is None:
        return None
    t = ts[i]
    name = t.object.datatype.value.rsplit("#", 1)[-1]
    lexical = rng.choice(BAD_LEXICAL.get(name) or ALL_BAD_LEXICAL)
    new = _lit(lexical, t.object.datatype.value)
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"ill-typed {new} in {t}"


def m_retype(rng, ts, v):
    i = v.pick(rng, lambda t: isinstance(t.object, Literal))
    if i is None:
        return None
    t = ts[i]
    name = rng.choice([*DATATYPES, "lang"])
    new = _lit(t.object.value, None, "de") if name == "lang" else _lit(t.object.value, XSD + name)
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"retyped {new} in {t}"


def m_negative(rng, ts, v):
    i = v.pick(rng, lambda t: t.predicate.value in COUNTS)
    if i is None:
        return None
    t = ts[i]
    datatype = t.object.datatype.value if isinstance(t.object, Literal) else XSD + "integer"
    new = _lit(rng.choice(["-1", "-7", "0", "-0", "-100"]), rng.choice([datatype, XSD + "integer"]))
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"count {new} in {t}"


def m_outcome(rng, ts, v):
    i = v.pick(rng, lambda t: t.predicate.value in (RG + "outcome", RG + "outcomeDetail"))
    if i is None:
        return None
    t = ts[i]
    new = rng.choice([NamedNode(RG + "approved"), NamedNode(RG + "adoptedUnchanged"),
                      NamedNode(RG + "adopted"), Literal("adopted"), NamedNode(OPARL + "Meeting"),
                      NamedNode(RG + "elected"), BlankNode(), _lit("rg:adopted", XSD + "anyURI")])
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"outcome {new} in {t}"


def m_wrong_link(rng, ts, v):
    i = v.pick(rng, lambda t: _is_link(t) and t.object in v.types)
    if i is None:
        return None
    t = ts[i]
    other = rng.choice(v.subjects)
    return _replace(ts, i, Triple(t.subject, t.predicate, other)), f"link to {other} in {t}"


def m_literal_for_iri(rng, ts, v):
    i = v.pick(rng, lambda t: isinstance(t.object, NamedNode))
    if i is None:
        return None
    t = ts[i]
    new = rng.choice([Literal(t.object.value), _lit(t.object.value, XSD + "anyURI")])
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"literal {new} in {t}"


def m_iri_for_literal(rng, ts, v):
    i = v.pick(rng, lambda t: isinstance(t.object, Literal))
    if i is None:
        return None
    t = ts[i]
    new = rng.choice([NamedNode(NEW + f"iri{rng.randrange(1000)}"), rng.choice(v.subjects)])
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"IRI {new} in {t}"


def m_blank_resource(rng, ts, v):
    s = rng.choice(v.subjects)
    b = BlankNode()

    def swap(n):
        return b if n == s else n
    return [Triple(swap(t.subject), t.predicate, swap(t.object)) for t in ts], f"{s} as a blank node"


def m_blank_object(rng, ts, v):
    i = v.pick(rng, lambda t: isinstance(t.object, NamedNode))
    if i is None:
        return None
    t = ts[i]
    return _replace(ts, i, Triple(t.subject, t.predicate, BlankNode())), f"blank object in {t}"


def m_selector(rng, ts, v):
    selectors = [s for s, types in v.types.items() if NamedNode(OA + "TextPositionSelector") in types]
    if not selectors:
        return None
    s = rng.choice(selectors)
    ends = [t.object for t in ts if t.subject == s and t.predicate.value == OA + "end"]
    if not ends or not isinstance(ends[0], Literal) or not ends[0].value.isdigit():
        return None
    start = _lit(str(int(ends[0].value) + rng.choice([1, 5, 300])), XSD + "nonNegativeInteger")
    out = [t for t in ts if not (t.subject == s and t.predicate.value == OA + "start")]
    return [*out, Triple(s, NamedNode(OA + "start"), start)], f"selector {s} starts at {start} > end"


def m_checksum(rng, ts, v):
    i = v.pick(rng, lambda t: t.predicate.value in (OPARL + "sha1Checksum", SCHEMA + "currency"))
    if i is None:
        return None
    t = ts[i]
    value = t.object.value if isinstance(t.object, Literal) else "x"
    new = rng.choice([_lit(value.upper()), _lit(value[:-1]), _lit(value + "0"), _lit("not-a-checksum"),
                      _lit(value, language="de"), _lit(value, XSD + "hexBinary"), _lit("eur"), _lit("EURO"),
                      _lit("€"), _lit("EUR\n")])
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"checksum/currency {new} in {t}"


def m_empty_string(rng, ts, v):
    i = v.pick(rng, _is_string)
    if i is None:
        return None
    t = ts[i]
    new = rng.choice([Literal(""), Literal(" "), Literal("", language="de")])
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"empty {new!r} in {t}"


def m_language(rng, ts, v):
    i = v.pick(rng, _is_string)
    if i is None:
        return None
    t = ts[i]
    new = Literal(t.object.value, language=rng.choice(["de", "en", "de-DE"]))
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"language tag in {t}"


def m_add_type(rng, ts, v):
    s = rng.choice(v.subjects)
    c = NamedNode(rng.choice(CLASSES))
    return [*ts, Triple(s, TYPE, c)], f"{s} is also a {c}"


def m_subclass(rng, ts, v):
    i = v.pick(rng, lambda t: t.predicate == TYPE)
    if i is None:
        return None
    t = ts[i]
    sub, mid = NamedNode(NEW + f"Special{rng.randrange(100)}"), NamedNode(NEW + f"Middle{rng.randrange(100)}")
    extra = rng.choice([[Triple(sub, SUBCLASS, t.object)],
                        [Triple(sub, SUBCLASS, mid), Triple(mid, SUBCLASS, t.object)],
                        [Triple(sub, SUBCLASS, NamedNode(rng.choice(CLASSES)))],
                        []])
    triples = [*_replace(ts, i, Triple(t.subject, TYPE, sub)), *extra]
    return triples, f"{t.subject} typed by subclass {sub} ({len(extra)} subClassOf)"


def m_derived_from(rng, ts, v):
    i = v.pick(rng, lambda t: t.predicate.value == PROV + "wasDerivedFrom")
    if i is None:
        return None
    t = ts[i]
    new = rng.choice([Literal("source.txt"), NamedNode(NEW + "unknown-file"), rng.choice(v.subjects),
                      BlankNode()])
    return _replace(ts, i, Triple(t.subject, t.predicate, new)), f"derived from {new} in {t}"


def m_move(rng, ts, v):
    i = v.pick(rng, lambda t: t.predicate != TYPE)
    if i is None:
        return None
    t = ts[i]
    s = rng.choice(v.subjects)
    return _replace(ts, i, Triple(s, t.predicate, t.object)), f"moved {t} to {s}"


def m_oparl(rng, ts, v):
    s = rng.choice(v.subjects)
    p, o = rng.choice([
        (OPARL + "deleted", _lit("true", XSD + "boolean")),
        (OPARL + "deleted", _lit("false", XSD + "boolean")),
        (OPARL + "deleted", _lit("yes", XSD + "boolean")), (OPARL + "deleted", _lit("1", XSD + "boolean")),
        (OPARL + "oparlVersion", Literal("https://schema.oparl.org/1.1/")),
        (OPARL + "oparlVersion", NamedNode("https://schema.oparl.org/1.1/")),
        (OPARL + "oparlVersion", Literal("https://schema.oparl.org/2.0/")),
        (OPARL + "organizationType", Literal("Club")),
        (OPARL + "organizationType", Literal("Gremium", language="de")),
        (OPARL + "organizationType", Literal("Fraktion")),
        (OPARL + "geojson", Literal("{}")), (OPARL + "geojson", _lit("{}", RDF + "JSON")),
        (OPARL + "created", _lit("2021-11-01", XSD + "date")), (OPARL + "modified", Literal("gestern")),
        (OPARL + "web", Literal("https://example.org/web")), (OPARL + "name", Literal("x", language="de")),
    ])
    return [*ts, Triple(s, NamedNode(p), o)], f"{s} {p} {o}"


MUTATIONS = [m_drop, m_drop, m_drop_type, m_drop_subject, m_duplicate, m_duplicate, m_non_canonical_twin,
             m_ill_typed, m_ill_typed, m_retype, m_negative, m_outcome, m_wrong_link, m_wrong_link,
             m_literal_for_iri, m_iri_for_literal, m_blank_resource, m_blank_object, m_selector, m_checksum,
             m_empty_string, m_language, m_add_type, m_subclass, m_derived_from, m_move, m_oparl]


def _pyshacl_crashes(ts: list[Triple]) -> bool:
    """Whether pyshacl would abort on these triples: its sh:lessThanOrEquals (oa:start, oa:end)
    raises for blank nodes and for pairs of literals rdflib cannot order (an ill-typed start, a
    valid end). The fast engine reports a result there (test_incomparable_selector_values_are_results)."""
    starts: dict = {}
    ends: dict = {}
    for t in ts:
        if t.predicate.value == OA + "start":
            starts.setdefault(t.subject, []).append(t.object)
        elif t.predicate.value == OA + "end":
            ends.setdefault(t.subject, []).append(t.object)
    return any(_pair_crashes(a, b) for s, values in starts.items() for a in values for b in ends.get(s, ()))


@cache
def _pair_crashes(a, b) -> bool:
    if isinstance(a, BlankNode) or isinstance(b, BlankNode):
        return True
    x, y = _as_rdflib(a), _as_rdflib(b)
    if not isinstance(x, rdflib.Literal) or isinstance(x.value, str) \
            or not isinstance(y, rdflib.Literal) or isinstance(y.value, str):
        return False  # compared as text, or not at all
    try:
        bool(x <= y)
    except TypeError:
        return True
    return False


def _as_rdflib(term):
    """The rdflib term pyshacl sees (`ratsgraph.validate.to_rdflib`)."""
    graph = to_rdflib([Triple(NamedNode("urn:x:s"), NamedNode("urn:x:p"), term)])
    return next(graph.objects(None, None))


def break_graph(rng: random.Random, base: tuple[Triple, ...]) -> tuple[list[Triple], list[str]]:
    while True:
        triples, done = list(base), []
        for _ in range(rng.choice([1, 1, 2, 3])):
            for _attempt in range(20):
                result = rng.choice(MUTATIONS)(rng, triples, View(triples))
                if result is not None:
                    triples, description = result
                    done.append(description)
                    break
        if not _pyshacl_crashes(triples):
            return triples, done


def renamed(triples: list[Triple], k: int) -> list[Triple]:
    """The triples with their own IRIs and blank nodes (member k of a batch)."""
    subjects = {t.subject for t in triples}

    def rename(n):
        if isinstance(n, NamedNode) and (n in subjects or n.value.startswith(DATA_PREFIXES)):
            return NamedNode(f"{n.value}~{k}")
        if isinstance(n, BlankNode):
            return BlankNode(f"{n.value}k{k}")
        return n
    return [Triple(rename(t.subject), t.predicate, rename(t.object)) for t in triples]


def check_broken(seed: int, bases: list[tuple[Triple, ...]], shapes: rdflib.Graph, graphs: int,
                 batch: int) -> int:
    """Break `graphs` graphs, validate them in batches, compare; returns how many results pyshacl gave."""
    rng = random.Random(seed)
    results = 0
    for first in range(0, graphs, batch):
        merged: list[Triple] = []
        log: list[str] = []
        for k in range(first, min(first + batch, graphs)):
            triples, done = break_graph(rng, rng.choice(bases))
            merged += renamed(triples, k)
            log.append(f"graph {k}: " + "; ".join(done))
        what = f"seed {seed}, batch at {first}:\n" + "\n".join(log)
        results += len(assert_same(merged, shapes, what).violations)
    return results


# --- the decisive tests ---------------------------------------------------------------------------

def test_broken_minutes_give_pyshacls_results_with_the_default_shapes() -> None:
    results = check_broken(20240601, minutes_bases(), shapes_graph(), graphs=200, batch=20)
    assert results > 200  # the broken graphs do break the shapes


def test_broken_oparl_objects_give_pyshacls_results_with_the_oparl_profile() -> None:
    results = check_broken(20240602, [oparl_base()], profile_shapes("oparl"), graphs=160, batch=10)
    assert results > 160


def test_broken_minutes_give_pyshacls_results_with_the_oparl_profile() -> None:
    check_broken(20240603, minutes_bases(), profile_shapes("oparl"), graphs=40, batch=10)


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["default", "oparl"])
def test_many_broken_graphs_of_the_whole_corpus(profile: str) -> None:
    if not CORPUS.exists():
        pytest.skip(f"the development corpus is not at {CORPUS} (../shared/ sits next to the project)")
    bases = minutes_bases(None)
    if OPARL_EXAMPLES.exists():
        bases.append(oparl_base())
    shapes = profile_shapes(profile)
    for seed in range(5):
        check_broken(1000 + seed, bases, shapes, graphs=200, batch=25)


@pytest.mark.slow
def test_the_whole_corpus_broken_in_many_places_at_once() -> None:
    if not CORPUS.exists():
        pytest.skip(f"the development corpus is not at {CORPUS} (../shared/ sits next to the project)")
    bases = minutes_bases(None)
    whole = tuple(t for k, base in enumerate(bases) for t in renamed(list(base), k))
    rng = random.Random(7)
    for profile in ("default", "oparl"):
        triples = list(whole)
        for _ in range(300):
            for _attempt in range(20):
                result = rng.choice(MUTATIONS)(rng, triples, View(triples))
                if result is not None and not _pyshacl_crashes(result[0]):
                    triples = result[0]
                    break
        assert_same(triples, profile_shapes(profile), f"whole corpus, {profile}")


# --- conforming graphs, messages, the integration ---------------------------------------------

def test_conforming_minutes_give_no_results() -> None:
    triples = list(_convert(REFERENCE))
    report = fast(triples, shapes_graph())
    assert report.conforms and report.violations == ()
    assert_same(triples, shapes_graph())


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["default", "oparl"])
def test_the_corpus_gives_pyshacls_results(corpus: Path, profile: str) -> None:
    bases = minutes_bases(None)
    whole = [t for k, base in enumerate(bases) for t in renamed(list(base), k)]
    assert_same(whole, profile_shapes(profile), profile)


def test_the_oparl_examples_conform_to_the_oparl_profile() -> None:
    triples = list(oparl_base())
    report = assert_same(triples, profile_shapes("oparl"))
    assert report.conforms and all(v.severity == "Warning" for v in report.violations)
    assert fast(triples, profile_shapes("oparl")).conforms


def test_sh_message_is_the_message_and_other_results_read_well() -> None:
    triples = [t for t in _convert(REFERENCE)
               if t.predicate.value not in (OPARL + "start", OPARL + "name")]
    found = fast(triples, shapes_graph())
    messages = {v.message for v in found.violations}
    assert "a meeting has a start date (xsd:date or xsd:dateTime)" in messages
    assert any("sh:minCount 1" in m for m in messages)
    assert not found.conforms


def test_validate_triples_uses_the_fast_engine_and_can_use_pyshacl() -> None:
    triples = [t for t in _convert(REFERENCE) if t.predicate.value != OPARL + "start"]
    by_fast = validate_triples(triples)
    by_pyshacl = validate_triples(triples, engine="pyshacl")
    assert key(by_fast) == key(by_pyshacl) and not by_fast.conforms
    with pytest.raises(ValueError, match="unknown SHACL engine"):
        validate_triples(triples, engine="jena")
    graph = to_rdflib(triples)
    assert key(validate_graph(graph, engine="fast")) == key(validate_graph(graph))


def test_the_cli_validates_with_either_engine(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ratsgraph.cli import main

    for engine in ("fast", "pyshacl"):
        result = CliRunner().invoke(main, ["validate", "--engine", engine, str(REFERENCE)])
        assert result.exit_code == 0, result.output


# --- every supported construct, on a small hand-written graph --------------------------------------

CONSTRUCTS = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:Thing a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:code ; sh:pattern "^ab" ; sh:flags "i" ; sh:maxLength 4 ] ;
    sh:property [ sh:path ex:n ; sh:minExclusive 0 ; sh:maxExclusive 10 ; sh:maxInclusive 9 ;
                  sh:datatype xsd:integer ] ;
    sh:property [ sh:path ex:low ; sh:lessThan ex:high ; sh:equals ex:lowCopy ; sh:disjoint ex:high ] ;
    sh:property [ sh:path ex:label ; sh:datatype rdf:langString ; sh:in ( "a"@de "b"@de ) ] ;
    sh:property [ sh:path ex:any ; sh:datatype rdfs:Literal ; sh:nodeKind sh:Literal ] ;
    sh:property [ sh:path ex:part ; sh:node ex:Part ; sh:nodeKind sh:BlankNodeOrIRI ] ;
    sh:property [ sh:path [ sh:inversePath ex:owns ] ; sh:maxCount 1 ; sh:class ex:Owner ] ;
    sh:property [ sh:path ( ex:part ex:n ) ; sh:maxCount 1 ; sh:hasValue 1 ] ;
    sh:property [ sh:path [ sh:zeroOrMorePath ex:next ] ; sh:maxCount 2 ; sh:severity sh:Info ] ;
    sh:property [ sh:path [ sh:oneOrMorePath ex:next ] ; sh:nodeKind sh:IRI ] ;
    sh:property [ sh:path [ sh:zeroOrOnePath ex:next ] ; sh:minCount 2 ; sh:severity sh:Warning ] ;
    sh:property [ sh:path ex:kind ; sh:xone ( [ sh:in ( ex:a ex:b ) ] [ sh:in ( ex:b ex:c ) ] ) ] ;
    sh:property [ sh:path ex:flag ; sh:not [ sh:hasValue false ] ;
                  sh:and ( [ sh:datatype xsd:boolean ] [ sh:nodeKind sh:Literal ] ) ] ;
    sh:property [ sh:path ex:date ;
                  sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:dateTime ; sh:severity sh:Warning ] ) ;
                  sh:minInclusive "2000-01-01"^^xsd:date ] ;
    sh:property [ sh:path ex:off ; sh:minCount 5 ; sh:deactivated true ] .

ex:Part a sh:NodeShape ; sh:property [ sh:path ex:n ; sh:minCount 1 ; sh:datatype xsd:integer ] ;
    sh:property [ sh:path ex:note ; sh:minLength 2 ; sh:severity sh:Warning ] .

ex:Owner a sh:NodeShape , rdfs:Class ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
ex:Root a sh:NodeShape ; sh:targetNode ex:root , "root" , 5 , "x"^^xsd:string ; sh:nodeKind sh:IRI .
ex:Subjects a sh:NodeShape ; sh:targetSubjectsOf ex:owns ; sh:class ex:Owner .
ex:Objects a sh:NodeShape ; sh:targetObjectsOf ex:part ; sh:not [ sh:class ex:Thing ] ;
    sh:severity sh:Warning .
ex:Off a sh:NodeShape ; sh:targetClass ex:Thing ; sh:deactivated true ; sh:nodeKind sh:Literal .
"""

CONSTRUCT_DATA = """
@prefix ex: <http://example.org/ns#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:SubThing rdfs:subClassOf ex:Thing .
ex:SubOwner rdfs:subClassOf ex:Owner .
ex:t1 a ex:Thing ; ex:code "ABcd" , "abcde" , "xab" , ex:ab ; ex:n 5 , 0 , 10 , "7" , 9.5 ;
    ex:low 3 ; ex:high 2 , 4 ; ex:lowCopy 3 , 5 ; ex:label "a"@de , "c"@de , "a" ;
    ex:any "x" , ex:notALiteral ; ex:part ex:p1 , [ ex:n "x"^^xsd:integer ] , "lit" ;
    ex:next ex:t2 ; ex:kind ex:a , ex:b , ex:d ;
    ex:flag false , true , "1"^^xsd:boolean , "yes"^^xsd:boolean ;
    ex:date "2020-01-01"^^xsd:date , "1999-12-31"^^xsd:date , "2020-01-01T10:00:00"^^xsd:dateTime ,
            "2020-13-01"^^xsd:date , "heute" .
ex:t2 a ex:SubThing ; ex:next ex:t3 ; ex:n 1 ; ex:low "b" ; ex:high "a" ; ex:lowCopy "b" ; ex:part ex:t1 .
ex:t3 a ex:Thing ; ex:next ex:t1 , [ ex:next ex:t1 ] ; ex:n "01"^^xsd:integer , "1"^^xsd:integer .
ex:p1 ex:n 1 ; ex:note "x" .
ex:o1 a ex:SubOwner ; ex:owns ex:t1 ; ex:name "o" .
ex:o2 ex:owns ex:t1 .
ex:o3 a ex:Owner .
"""


def test_every_supported_construct_gives_pyshacls_results() -> None:
    shapes = rdflib.Graph().parse(data=CONSTRUCTS, format="turtle")
    triples = triples_from_rdflib(rdflib.Graph().parse(data=CONSTRUCT_DATA, format="turtle"))
    report = assert_same(triples, shapes)
    severities = {v.severity for v in report.violations}
    assert severities == {"Violation", "Warning", "Info"}
    assert len(report.violations) > 30


@pytest.mark.parametrize(("construct", "shape"), [
    ("sh:closed", "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ."),
    ("sh:qualified", "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; "
                     "sh:qualifiedValueShape [ sh:class ex:D ] ; sh:qualifiedMinCount 1 ] ."),
    ("sh:sparql", "ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
                  "sh:sparql [ sh:select \"SELECT $this {}\" ] ."),
    ("sh:languageIn", "ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
                      "sh:property [ sh:path ex:p ; sh:languageIn ( \"de\" ) ] ."),
    ("sh:rule", "ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:rule [ a sh:TripleRule ] ."),
    ("recursive", "ex:S a sh:NodeShape ; sh:targetClass ex:C ; "
                  "sh:property [ sh:path ex:p ; sh:node ex:S ] ."),
])
def test_an_unsupported_construct_raises_not_implemented(construct: str, shape: str) -> None:
    shapes = rdflib.Graph().parse(data="@prefix sh: <http://www.w3.org/ns/shacl#> . "
                                       "@prefix ex: <http://example.org/ns#> . " + shape, format="turtle")
    with pytest.raises(NotImplementedError, match=construct.replace("sh:", "")):
        compile_shapes(shapes)
    data = rdflib.Graph().parse(data="<http://example.org/ns#x> a <http://example.org/ns#C> ; "
                                     "<http://example.org/ns#p> <http://example.org/ns#x> .", format="turtle")
    if construct not in ("sh:rule", "recursive"):  # validate_graph falls back to pyshacl
        assert key(validate_graph(data, shapes, engine="fast")) == key(validate_graph(data, shapes))


def test_incomparable_selector_values_are_results() -> None:
    """pyshacl raises TypeError on an ill-typed oa:start with a valid oa:end; the fast engine
    reports the start as not less than or equal to the end."""
    s, oa = NamedNode("https://example.org/s"), OA
    triples = [Triple(s, TYPE, NamedNode(oa + "TextPositionSelector")),
               Triple(s, NamedNode(oa + "start"), _lit("abc", XSD + "nonNegativeInteger")),
               Triple(s, NamedNode(oa + "end"), _lit("10", XSD + "nonNegativeInteger")),
               Triple(s, NamedNode(oa + "exact"), Literal("x"))]
    assert _pyshacl_crashes(triples)
    found = {(v.path, v.value) for v in fast(triples, shapes_graph()).violations}
    assert (oa + "start", "abc") in found  # sh:datatype and sh:lessThanOrEquals


# --- literals are read as rdflib reads them ----------------------------------------------------------

@pytest.mark.parametrize("datatype", ["integer", "nonNegativeInteger", "boolean", "date", "decimal",
                                      "dateTime"])
def test_literals_are_read_as_rdflib_reads_them(datatype: str) -> None:
    import logging
    import warnings

    rng = random.Random(datatype)
    lexicals = [*ALL_BAD_LEXICAL, "0", "1", "-1", "10", "0.5", "12.50", "-3.25", "true", "false",
                "2021-11-29", "1999-02-28", "2021-02-29", "9999-12-31", "1000-01-01", "0999-01-01",
                "2021-11-25T10:00:00+01:00", "100000000000000000000"]
    lexicals += [str(rng.randrange(-10**6, 10**6)) for _ in range(50)]
    start = dt.date(2000, 1, 1)
    lexicals += [(start + dt.timedelta(days=rng.randrange(20000))).isoformat() for _ in range(50)]
    lexicals += [f"{rng.randrange(-999, 999)}.{rng.randrange(1000):03d}" for _ in range(50)]
    for lexical in lexicals:
        normal, info = analyse_literal(lexical, XSD + datatype)
        logging.getLogger("rdflib.term").disabled = True
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                r = rdflib.Literal(lexical, datatype=rdflib.URIRef(XSD + datatype))
        finally:
            logging.getLogger("rdflib.term").disabled = False
        found = (normal, repr(info.value), bool(info.ill_typed))
        assert found == (str(r), repr(r.value), bool(r.ill_typed)), lexical
