"""Layout families: each development document is read by the family FORMATS.md assigns it, and the
family modules cut it into the right sections."""

from __future__ import annotations

import json

import pytest

from ratsgraph.extract.layouts import choose_layout
from ratsgraph.extract.text import normalise
from ratsgraph.sources import read_path

from .conftest import CORPUS

# FORMATS.md family → the layout module that reads it
READ_BY = {"F01": "beratungsergebnis", "F02": "item-page", "F03": "paper-page", "F04": None, "F05": "item-page",
           "F06": None, "F07": "generic", "F08": "minutes", "F09": "minutes", "F10": "minutes", "F11": "minutes",
           "F12": "minutes", "F13": "press", "F14": "invitation"}


def _index():
    path = CORPUS / "index.json"
    return json.loads(path.read_text()) if path.exists() else []


@pytest.mark.parametrize("entry", _index(), ids=lambda e: e["id"])
def test_family_is_recognised(corpus, entry):
    layout = choose_layout(normalise(read_path(corpus / entry["file"]).text))
    expected = READ_BY[entry["family"]]
    if expected is None:  # ALLRIS and saved HTML pages are agenda-item, paper or meeting pages
        assert layout.name in ("item-page", "paper-page", "minutes")
    elif entry["id"] == "d028":  # a fragment of full minutes: read as minutes
        assert layout.name in ("minutes", "generic")
    else:
        assert layout.name == expected


def test_beratungsergebnis_sections(corpus):
    from ratsgraph.extract.layouts import beratungsergebnis

    text = normalise(read_path(corpus / "d000.txt").text)
    sections = beratungsergebnis.segment(text).sections
    assert [(s.organization, s.date.isoformat(), s.number) for s in sections] == [
        ("Sozialausschuss", "2021-11-25", "7"), ("Kreisausschuss", "2021-11-29", "24"),
        ("Kreistag", "2021-12-13", "25")]


def test_minutes_agenda_and_sections(corpus):
    from ratsgraph.extract.layouts import minutes

    seg = minutes.segment(normalise(read_path(corpus / "d019.txt").text))
    assert [h.number for h in seg.agenda][:3] == ["Ö 1", "Ö 2", "Ö 3"]
    assert len(seg.agenda) == 17
    assert [s.number for s in seg.sections][-2:] == ["Ö 11", "Ö 12"]
    assert seg.meeting.organization == "Kreistag" and seg.meeting.date.isoformat() == "2022-06-20"
    assert seg.attendance is not None


def test_a_new_family_is_one_module(tmp_path):
    """The registry lists modules; every one has detect and segment (docs/layouts.md)."""
    from ratsgraph.extract.layouts import layouts

    for layout in layouts():
        assert callable(layout.detect) and callable(layout.segment) and layout.family.startswith("F")
