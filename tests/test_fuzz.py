"""Property-based fuzzing of the readers, the extractor, the OParl reader and the mapping to RDF:
arbitrary input never raises anything but the documented errors (`ratsgraph.errors`), and what
converts always maps to triples.

The default run tries a few hundred examples per target; the dedicated fuzz run tries ten
thousand or more:  python -m pytest tests/test_fuzz.py --hypothesis-profile=fuzz
(`fuzz/` has atheris harnesses for longer coverage-guided runs)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ratsgraph.errors import RatsgraphError
from ratsgraph.extract import extract
from ratsgraph.graph.mapping import minutes_triples
from ratsgraph.pipeline import convert_bytes
from ratsgraph.sources import read_bytes

from .test_extract_properties import FRAGMENTS

OPARL = "https://schema.oparl.org/1.1/"
TYPES = ["System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper",
         "Consultation", "File", "Location", "LegislativeTerm"]
KEYS = ["id", "type", "name", "start", "end", "agendaItem", "meeting", "organization", "person", "paper",
        "consultation", "location", "result", "number", "order", "public", "deleted", "data", "links", "next",
        "reference", "familyName", "keyword", "modified", "created", "auxiliaryFile", "body", "web"]

minutes_text = st.one_of(
    st.text(max_size=600),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=60).map("".join),
)
prefixes = st.sampled_from([b"", b"%PDF-1.4\n", b"<!DOCTYPE html><html><body>", b"\xef\xbb\xbf", b"\xff\xfe",
                            b"{\"type\": \"https://schema.oparl.org/1.1/Meeting\"", b"<html><body><table><tr><td>"])
raw_bytes = st.builds(lambda p, b: p + b, prefixes, st.binary(max_size=2000))
json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
              st.sampled_from([OPARL + t for t in TYPES] + ["https://x.example/o/1", "2024-03-01",
                                                           "2024-03-01T17:00:00", "einstimmig beschlossen"])),
    lambda children: st.one_of(st.lists(children, max_size=6),
                               st.dictionaries(st.sampled_from(KEYS), children, max_size=8)),
    max_leaves=60,
)
oparl_objects = st.builds(
    lambda t, rest: {"type": OPARL + t, **rest}, st.sampled_from(TYPES),
    st.dictionaries(st.sampled_from(KEYS), json_values, max_size=10))

FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(minutes_text)
def test_extractor_never_crashes(text):
    data = text.encode("utf-8")
    try:
        document = read_bytes(data, "fuzz.txt")
        minutes = extract(document)
    except RatsgraphError:
        return
    assert isinstance(minutes_triples(minutes), list)


@FAST
@given(raw_bytes, st.sampled_from(["fuzz.txt", "fuzz.html", "fuzz.pdf", "fuzz.json", "fuzz"]))
def test_readers_never_crash(data, name):
    try:
        document = read_bytes(data, name)
    except RatsgraphError as err:
        assert err.source == name and str(err).startswith(name)
        return
    assert isinstance(document.text, str) and document.text.strip()


@FAST
@given(st.one_of(oparl_objects, st.lists(oparl_objects, max_size=5).map(lambda d: {"data": d, "links": {}})))
def test_oparl_reader_never_crashes(value):
    data = json.dumps(value).encode("utf-8")
    try:
        conversion = convert_bytes(data, "fuzz.json", input_format="oparl")
    except RatsgraphError:
        return
    assert isinstance(conversion.triples, list)


@FAST
@given(raw_bytes)
def test_conversion_of_arbitrary_bytes_never_crashes(data):
    try:
        convert_bytes(data, "fuzz.bin")
    except RatsgraphError:
        pass
