"""oparl_triples drops duplicate triples wherever they can arise (it skips the pass that drops
them when none can), and keeps the order of objects and keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode

from ratsgraph.errors import RatsgraphError
from ratsgraph.graph.oparl import oparl_triples
from ratsgraph.model import OParlLink, OParlObject
from ratsgraph.oparl.reader import read_oparl

M = "https://oparl.example.org/meeting/1"
BERLIN = dt.timezone(dt.timedelta(hours=1))

CASES = {
    "a subject given twice": [OParlObject(M, "Meeting", (("name", "Rat"),)),
                              OParlObject(M, "Meeting", (("name", "Rat"), ("cancelled", False)))],
    "a key given twice": [OParlObject(M, "Meeting", (("name", "Rat"), ("name", "Rat")))],
    "one value twice in an array": [OParlObject(M, "Meeting", (("keyword", ("a", "b", "a")),))],
    "an invalid link and the same text": [OParlObject(M, "Meeting", (("keyword", (OParlLink("not an iri"),
                                                                                   "not an iri")),))],
}


@pytest.mark.parametrize("objects", CASES.values(), ids=CASES.keys())
def test_duplicates_are_dropped(objects):
    triples = oparl_triples(objects)
    assert len(triples) == len(set(triples))


def test_order_and_terms_without_duplicates():
    modified = dt.datetime(2024, 5, 1, 10, 0, tzinfo=BERLIN)
    objects = [OParlObject(M, "Meeting", (("name", "Rat"), ("cancelled", True), ("modified", modified),
                                          ("organization", (OParlLink("https://oparl.example.org/org/1"),
                                                            OParlLink("https://oparl.example.org/org/2"))))),
               OParlObject(M + "/item/1", "AgendaItem", (("order", 3), ("modified", modified)))]
    s, item = NamedNode(M), NamedNode(M + "/item/1")
    o = "https://schema.oparl.org/1.1/"
    stamp = Literal("2024-05-01T10:00:00+01:00", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#dateTime"))
    assert [(t.subject, t.predicate.value.removeprefix(o), t.object) for t in oparl_triples(objects)] == [
        (s, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", NamedNode(o + "Meeting")),
        (s, "name", Literal("Rat")),
        (s, "cancelled", Literal("true", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))),
        (s, "modified", stamp),
        (s, "organization", NamedNode("https://oparl.example.org/org/1")),
        (s, "organization", NamedNode("https://oparl.example.org/org/2")),
        (item, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", NamedNode(o + "AgendaItem")),
        (item, "order", Literal("3", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        (item, "modified", stamp),
    ]


def test_statements_are_the_triples_as_n_triples_terms():
    """`oparl_statements` (what `convert` writes) parses back to `oparl_triples` (what validation
    and the store take), triple for triple and in order, on a quirky system and on the examples."""
    from ratsgraph.graph.mapping import ntriples, parse_ntriples
    from ratsgraph.graph.oparl import oparl_statements

    folders = [Path(__file__).parent / "data" / "oparl-quirks"]
    examples = Path(__file__).parent.parent.parent / "shared" / "oparl" / "examples"
    if examples.is_dir():
        folders.append(examples)
    for folder in folders:
        objects = []
        for path in sorted(folder.rglob("*.json")):
            try:
                objects += read_oparl(path.read_bytes(), path.name).objects
            except RatsgraphError:
                continue
        assert objects, folder
        assert parse_ntriples(ntriples(oparl_statements(objects))) == oparl_triples(objects)
    for objects in CASES.values():
        assert parse_ntriples(ntriples(oparl_statements(objects))) == oparl_triples(objects)
