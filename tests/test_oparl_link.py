"""Minutes converted together with OParl JSON attach to the OParl objects they describe: the
merged graph holds one paper, one meeting and one agenda item, under their OParl ids."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import RdfFormat, Store

from ratsgraph.cli import main
from ratsgraph.model import (
    AgendaItem,
    Meeting,
    MeetingKey,
    Minutes,
    OParlLink,
    OParlObject,
    Organization,
    Paper,
    Person,
    SourceFile,
)
from ratsgraph.oparl.link import build_index, link_minutes

from .conftest import OPARL_EXAMPLES

MINUTES = """Beratungsergebnis zu Vorlage Nr. 1234/2014

Ausschuss für Haushalt und Finanzen am 04.01.2013

Zu Punkt 10.1: Satzungsänderung für Ausschreibungen
--

Herr Mustermann erläutert die Vorlage.

Abstimmungsergebnis: einstimmig beschlossen
"""


@pytest.fixture
def ris(oparl_examples: Path, tmp_path: Path) -> Path:
    """One OParl list page: the Finanzausschuss, its meeting 281 with agenda item 10.1, and paper
    1234/2014 consulted there (the examples, with the paper's consultation pointed at that item)."""
    meeting = json.loads((OPARL_EXAMPLES / "Meeting-01.json").read_text(encoding="utf-8"))
    organization = json.loads((OPARL_EXAMPLES / "Organization-01.json").read_text(encoding="utf-8"))
    paper = json.loads((OPARL_EXAMPLES / "Paper-01.json").read_text(encoding="utf-8"))
    paper["consultation"][0].update(meeting=meeting["id"], agendaItem=meeting["agendaItem"][0]["id"],
                                    organization=[organization["id"]])
    path = tmp_path / "ris.json"
    path.write_text(json.dumps({"data": [organization, meeting, paper], "links": {}}), encoding="utf-8")
    return path


def count(store: Store, type_name: str) -> list[str]:
    query = f"SELECT DISTINCT ?s WHERE {{ ?s a <https://schema.oparl.org/1.1/{type_name}> }}"
    return sorted(row["s"].value for row in store.query(query, use_default_graph_as_union=True))


def convert(*paths: Path) -> Store:
    result = CliRunner().invoke(main, ["convert", *map(str, paths), "--format", "nq"])
    assert result.exit_code == 0, result.stderr
    store = Store()
    store.load(result.stdout_bytes, format=RdfFormat.N_QUADS)
    return store


def test_minutes_of_an_agenda_item_attach_to_the_oparl_meeting(ris: Path, tmp_path: Path) -> None:
    minutes = tmp_path / "protokoll.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    alone = convert(minutes)
    assert len(count(alone, "Meeting")) == 1 and len(count(alone, "Paper")) == 1  # the minutes name them

    merged = convert(ris, minutes)
    assert count(merged, "Paper") == ["https://oparl.example.org/paper/749"]
    assert count(merged, "Meeting") == ["https://oparl.example.org/meeting/281"]
    assert count(merged, "AgendaItem") == ["https://oparl.example.org/agendaitem/3271"]
    assert "https://oparl.example.org/organization/34" in count(merged, "Organization")
    assert len(count(merged, "Organization")) == 1
    # the minutes' own facts hang on the OParl resources, in the minutes' named graph
    decided = merged.query("""SELECT ?d ?g WHERE { GRAPH ?g { ?d <https://w3id.org/ratsgraph/vocab#agendaItem>
                              <https://oparl.example.org/agendaitem/3271> } }""")
    graphs = {row["g"].value for row in decided}
    assert len(graphs) == 2  # the decision read from OParl's result, and the one in the minutes


def test_conversion_reports_what_was_linked(ris: Path, tmp_path: Path) -> None:
    minutes = tmp_path / "protokoll.txt"
    minutes.write_text(MINUTES, encoding="utf-8")
    result = CliRunner().invoke(main, ["convert", str(ris), str(minutes), "--format", "nt"])
    assert result.exit_code == 0, result.stderr
    assert "linked to OParl:" in result.stderr and "1 meeting" in result.stderr


def _objects() -> list[OParlObject]:
    org = OParlObject("https://ris.example/org/1", "Organization",
                      (("name", "Ausschuss für Haushalt und Finanzen"), ("shortName", "Finanzausschuss"),
                       ("body", OParlLink("https://ris.example/body/1"))))
    other = OParlObject("https://ris.example/org/2", "Organization", (("name", "Rat der Stadt"),))
    meeting = OParlObject("https://ris.example/meeting/1", "Meeting",
                          (("start", dt.datetime(2013, 1, 3, 23, 30, tzinfo=dt.UTC)),
                           ("organization", (OParlLink(org.iri),)),
                           ("participant", (OParlLink("https://ris.example/person/1"),))))
    item = OParlObject("https://ris.example/item/1", "AgendaItem",
                       (("meeting", OParlLink(meeting.iri)), ("number", "TOP 10.1."), ("order", 0)))
    paper = OParlObject("https://ris.example/paper/1", "Paper", (("reference", "1234 / 2014"),))
    person = OParlObject("https://ris.example/person/1", "Person", (("familyName", "Mustermann"),))
    namesake = OParlObject("https://ris.example/person/2", "Person", (("familyName", "Schmidt"),))
    gone = OParlObject("https://ris.example/paper/2", "Paper", (("reference", "9/2014"), ("deleted", True)))
    return [org, other, meeting, item, paper, person, namesake, gone]


def _minutes(**changes) -> Minutes:
    key = MeetingKey("Finanzausschuss", dt.date(2013, 1, 4))
    base = dict(
        source=SourceFile("p.txt", "0" * 40, 1, "text/plain"),
        organizations=(Organization("Finanzausschuss"),),
        meetings=(Meeting(key, dt.date(2013, 1, 4)),),
        agenda_items=(AgendaItem(key, "10.1"),),
        papers=(Paper("1234/2014"), Paper("9/2014")),
        persons=(Person("mustermann", "Mustermann"), Person("schmidt", "Schmidt")),
    )
    base.update(changes)
    return Minutes(**base)


def test_linking_rules_on_the_model() -> None:
    linked, notes = link_minutes(_minutes(), build_index(_objects()))
    assert linked.organizations[0].iri == "https://ris.example/org/1"  # by short name
    assert linked.meetings[0].iri == "https://ris.example/meeting/1"  # 23:30 UTC is the 4th in Germany
    assert linked.agenda_items[0].iri == "https://ris.example/item/1"  # "TOP 10.1." is "10.1"
    assert linked.papers[0].iri == "https://ris.example/paper/1"  # "1234 / 2014" is "1234/2014"
    assert linked.papers[1].iri is None  # a deleted paper is not linked to
    assert linked.persons[0].iri == "https://ris.example/person/1"  # sat in the meeting
    assert linked.persons[1].iri is None  # a family name alone, of someone not there
    assert linked.body is not None and linked.body.iri == "https://ris.example/body/1"  # the Gremium's body
    assert notes and "1 meeting" in notes[0]


def test_nothing_is_linked_on_another_day_or_when_ambiguous() -> None:
    key = MeetingKey("Finanzausschuss", dt.date(2013, 1, 5))
    other_day = _minutes(meetings=(Meeting(key, key.date),), agenda_items=(AgendaItem(key, "10.1"),))
    linked, _ = link_minutes(other_day, build_index(_objects()))
    assert linked.meetings[0].iri is None and linked.agenda_items[0].iri is None
    twins = [*_objects(), OParlObject("https://ris.example/paper/3", "Paper", (("reference", "1234/2014"),))]
    linked, _ = link_minutes(_minutes(), build_index(twins))
    assert linked.papers[0].iri is None
