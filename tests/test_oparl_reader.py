"""Reading OParl JSON: single objects, list pages, embedded objects, OParl 1.0 and 1.1 type IRIs,
soft-deleted objects, and the vendor quirks, each tolerated and reported; bad input refused with
a one-line error while the other inputs of the run are still converted."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratsgraph.cli import main
from ratsgraph.errors import DecodeError, InputError
from ratsgraph.graph.oparl import oparl_triples
from ratsgraph.model import OParlJson, OParlLink
from ratsgraph.oparl.reader import read_oparl
from ratsgraph.sources import read_bytes

T = "https://schema.oparl.org/1.1/"


def meeting(**keys) -> dict:
    return {"id": "https://ris.example/meeting/1", "type": T + "Meeting", **keys}


def read(value) -> tuple[dict, list[str]]:
    result = read_oparl(value if isinstance(value, (bytes, str)) else json.dumps(value), "in.json")
    return {o.iri: o for o in result.objects}, result.warnings


def test_a_list_page_and_its_embedded_objects_become_objects_of_their_own() -> None:
    page = {"data": [meeting(agendaItem=[{"id": "https://ris.example/item/1", "type": T + "AgendaItem",
                                          "order": 0, "number": "1"}])],
            "links": {"next": "https://ris.example/meetings?page=2"}}
    objects, warnings = read(page)
    item = objects["https://ris.example/item/1"]
    assert objects["https://ris.example/meeting/1"].get("agendaItem") == (OParlLink(item.iri),)
    assert item.get("meeting") == OParlLink("https://ris.example/meeting/1")  # the implied back reference
    assert any("next page" in w for w in warnings)  # one page of a list: said, not hidden


def test_oparl_1_0_types_are_read_as_the_same_types() -> None:
    objects, warnings = read({"id": "https://ris.example/body/1", "type": "https://schema.oparl.org/1.0/Body",
                              "name": "Stadt Beispiel"})
    assert objects["https://ris.example/body/1"].type == "Body"
    assert warnings == []


def test_a_deleted_object_keeps_what_the_server_sent() -> None:
    objects, warnings = read({"id": "https://ris.example/paper/9", "type": T + "Paper", "deleted": True,
                              "modified": "2020-01-01T10:00:00+01:00"})
    paper = objects["https://ris.example/paper/9"]
    assert paper.deleted and warnings == []
    assert len(oparl_triples([paper])) == 3  # type, deleted, modified


def test_values_are_typed_by_the_schema() -> None:
    objects, _ = read({"id": "https://ris.example/location/1", "type": T + "Location",
                       "geojson": {"type": "Point", "coordinates": [7.0, 50.9]},
                       "meetings": ["https://ris.example/meeting/1"], "created": "2020-01-01T10:00:00Z"})
    location = objects["https://ris.example/location/1"]
    assert location.get("geojson") == OParlJson('{"coordinates":[7.0,50.9],"type":"Point"}')
    assert location.get("meetings") == (OParlLink("https://ris.example/meeting/1"),)
    assert location.get("created") == dt.datetime(2020, 1, 1, 10, tzinfo=dt.UTC)


# (what the server sent, the quirk reported, check of the repaired object)
QUIRKS = [
    pytest.param(meeting(organization="https://ris.example/org/1"),
                 "single value where OParl requires an array",
                 lambda m: m.get("organization") == (OParlLink("https://ris.example/org/1"),),
                 id="single-for-list"),
    pytest.param({"data": meeting(name="x")}, "`data` is a single object",
                 lambda m: m.get("name") == "x", id="single-object-page"),
    pytest.param(meeting(agendaItem=[{"type": T + "AgendaItem", "order": 0, "name": "ohne id"}]),
                 "embedded objects without `id`",
                 lambda m: m.get("agendaItem") == (OParlLink("https://ris.example/meeting/1#agendaItem-1"),),
                 id="no-id"),
    pytest.param(meeting(start="2013-01-04T08:00:00"), "without UTC offset",
                 lambda m: m.get("start").isoformat() == "2013-01-04T08:00:00+01:00", id="no-offset"),
    pytest.param('{"id": "https://ris.example/meeting/1", "type": "' + T + 'Meeting", '
                 '"name": "Rat\tund\nTat"}',
                 "raw control characters", lambda m: m.get("name") == "Rat\tund\nTat",
                 id="control-characters"),
    pytest.param(meeting(cancelled="false"), "wrong JSON type", lambda m: m.get("cancelled") is False,
                 id="wrong-type"),
    pytest.param(meeting(start="2013-01-04"), "a date where OParl requires a date-time",
                 lambda m: m.get("start") == dt.date(2013, 1, 4), id="date-for-datetime"),
    pytest.param(meeting(name=None), "value is null", lambda m: m.get("name") is None, id="null"),
    pytest.param(meeting(agendaItem=[{"id": "https://ris.example/item/1", "type": T + "AgendaItem"}]),
                 "without `order`", lambda m: True, id="no-order"),
    pytest.param({"id": "https://ris.example/meeting/1", "type": "http://schema.oparl.org/1.1/Meeting"},
                 "http:// instead of https://", lambda m: m.type == "Meeting", id="http-type"),
    pytest.param(meeting(vendorKey="x"),
                 "does not define for the type (kept as oparl:<key>): Meeting.vendorKey",
                 lambda m: m.get("vendorKey") == "x", id="unknown-key"),
    pytest.param(meeting(location=[{"id": "https://ris.example/loc/1", "type": T + "Location"}]),
                 "an array where OParl requires a single value",
                 lambda m: m.get("location") == OParlLink("https://ris.example/loc/1"), id="list-for-single"),
]


@pytest.mark.parametrize(("sent", "warning", "check"), QUIRKS)
def test_quirk_is_tolerated_and_reported(sent, warning: str, check) -> None:
    objects, warnings = read(sent)
    assert check(objects["https://ris.example/meeting/1"])
    assert any(warning in w for w in warnings), warnings


def test_the_same_quirk_is_one_warning_with_a_count() -> None:
    sent = {"data": [meeting(start="2013-01-04T08:00:00", end="2013-01-04T12:00:00")]}
    _, warnings = read(sent)
    assert len(warnings) == 1 and warnings[0].startswith("2 × date-times without UTC offset")


def test_sources_choose_the_oparl_reader_by_content() -> None:
    data = json.dumps(meeting()).encode()
    assert read_bytes(data, "meeting.json").format == "oparl"
    assert read_bytes(data, "download.dat").format == "oparl"  # an unknown extension: the content decides
    assert read_bytes(b'{"a": 1}', "other.json").format == "text"


@pytest.mark.parametrize(("data", "error", "message"), [
    (b'{"id": "x", "type": ', DecodeError, "not valid JSON"),
    (b'{"name": "no type"}', InputError, "not OParl JSON"),
    (b'{"data": [{"name": "untyped"}]}', InputError, "no OParl object"),
])
def test_bad_oparl_is_refused_with_a_typed_error(data: bytes, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        read_oparl(data, "bad.json")


def test_a_bad_input_fails_alone_and_leaves_no_partial_output(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(meeting(name="Sitzung")), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "https://ris.example/x", "type": "' + T + 'Paper", ', encoding="utf-8")
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["convert", str(bad), str(good), "-o", str(out),
                                       "--input-format", "oparl"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and "bad.json" in errors[0] and "not valid JSON" in errors[0]
    assert "https://ris.example/meeting/1" in out.read_text(encoding="utf-8")
    only_bad = CliRunner().invoke(main, ["convert", str(bad), "-o", str(tmp_path / "none.ttl")])
    assert only_bad.exit_code == 1 and not (tmp_path / "none.ttl").exists()


def test_every_quirk_is_documented() -> None:
    from ratsgraph.oparl.reader import QUIRKS

    from .conftest import ROOT

    text = (ROOT / "docs" / "oparl.md").read_text(encoding="utf-8")
    missing = [quirk for quirk, what in QUIRKS.items() if f"| `{quirk}` | {what} |" not in text]
    assert missing == [], "docs/oparl.md, 'Quirks tolerated', lacks these (or says them differently)"
