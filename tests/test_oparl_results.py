"""OParl `result` strings of agenda items → `rg:outcome` and `rg:unanimous` of an `rg:Decision`."""

from __future__ import annotations

import json

import pytest
from pyoxigraph import Literal, NamedNode

from ratsgraph.graph.oparl import decision_iri, oparl_triples
from ratsgraph.oparl.reader import read_oparl
from ratsgraph.vocab import RG

# (result as a RIS writes it, outcome, finer reading, unanimous)
RESULTS = [
    ("einstimmig beschlossen", "adopted", None, True),
    ("mehrheitlich abgelehnt", "rejected", None, False),
    ("Kenntnisnahme", "noted", None, None),
    ("verwiesen in Fachausschuss", "referred", None, None),
    ("vertagt", "deferred", None, None),
    ("Geändert beschlossen", "adopted", "adoptedWithChanges", None),
    ("ungeändert beschlossen", "adopted", "adoptedUnchanged", None),
    ("zur Kenntnis genommen", "noted", None, None),
    ("Kenntnis genommen", "noted", None, None),
    ("einstimmig zur Kenntnis genommen", "noted", None, True),
    ("zurückgezogen", "withdrawn", None, None),
    ("zurückgestellt", "deferred", None, None),
    # taken off the agenda: no result of the meeting (the corpus conventions: anything else -> other)
    ("abgesetzt", "other", None, None),
    ("von der Tagesordnung abgesetzt", "other", None, None),
    ("Vertagung", "deferred", None, None),
    ("Verweisung", "referred", None, None),
    ("überwiesen an den Hauptausschuss", "referred", None, None),
    ("einstimmig empfohlen", "adopted", "recommended", True),
    ("mehrheitlich beschlossen", "adopted", None, False),
    ("einstimmig abgelehnt", "rejected", None, True),
    ("abgelehnt", "rejected", None, None),
    ("beschlossen mit Änderungen", "adopted", "adoptedWithChanges", None),
    ("Zustimmung", "adopted", None, None),
    ("Ablehnung", "rejected", None, None),
    ("einstimmig", "adopted", None, True),
    ("mehrheitlich", "adopted", None, False),
    ("erledigt", "other", "settled", None),
    ("gewählt", "other", "elected", None),
    ("1. Lesung", "other", None, None),
]


def decision_of(result: str) -> dict:
    item = {"id": "https://ris.example/item/1", "type": "https://schema.oparl.org/1.1/AgendaItem",
            "order": 0, "result": result}
    triples = oparl_triples(read_oparl(json.dumps(item)).objects)
    d = NamedNode(decision_iri(item["id"]))
    values: dict = {}
    for t in triples:
        if t.subject == d:
            values.setdefault(t.predicate, []).append(t.object)
    return values


@pytest.mark.parametrize(("result", "outcome", "detail", "unanimous"), RESULTS)
def test_result_string_gives_outcome_and_unanimity(result: str, outcome: str, detail: str | None,
                                                   unanimous: bool | None) -> None:
    d = decision_of(result)
    assert d[RG.outcome] == [RG[outcome]]
    assert d.get(RG.outcomeDetail) == ([RG[detail]] if detail else None)
    expected = None if unanimous is None else [Literal("true" if unanimous else "false",
                                                       datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))]
    assert d.get(RG.unanimous) == expected
    assert d[RG.resultText] == [Literal(result)]
    assert d[RG.agendaItem] == [NamedNode("https://ris.example/item/1")]


def test_counts_in_a_result_are_read_too() -> None:
    d = decision_of("beschlossen (12 Ja, 3 Nein, 1 Enthaltung)")
    assert [int(v.value) for v in d[RG.votesFor] + d[RG.votesAgainst] + d[RG.abstentions]] == [12, 3, 1]
    assert d[RG.unanimous][0].value == "false"


def test_no_decision_without_a_result_or_for_a_deleted_item() -> None:
    assert decision_of("") == {}
    item = {"id": "https://ris.example/item/2", "type": "https://schema.oparl.org/1.1/AgendaItem",
            "deleted": True, "result": "beschlossen"}
    assert not any(t.subject.value.endswith("/decision/result")
                   for t in oparl_triples(read_oparl(json.dumps(item)).objects))
