"""Results as minutes state them, read in context (a section of minutes, not a lone line): vote
tables one label per line, counts announced by the line above, the members as the subject, a
result in parentheses closing a resolution, statistics that are no vote; and a Beratungsfolge
under SD.NET's title, papers named in parentheses, a meeting named after its date."""

from __future__ import annotations

import datetime as dt

import pytest

from ratsgraph.extract import extract
from ratsgraph.sources import read_bytes

N = None
HEAD = "Niederschrift\nüber die 5. Sitzung des Gemeinderates am 14.05.2024\n\nTOP 1   Haushalt\n\n"


def decisions(body: str) -> list[tuple]:
    minutes = extract(read_bytes((HEAD + body).encode("utf-8"), "rule.txt"))
    return [(d.outcome, d.unanimous, d.votes_for, d.votes_against, d.abstentions)
            for item in minutes.agenda_items for d in item.decisions]


@pytest.mark.parametrize(("body", "expected"), [
    # a vote table with one label per line and its number on the next
    ("Abstimmung über den Änderungsantrag der CDU-Fraktion:\nJa-Stimmen\n5\nNein-Stimmen\n10\nEnthaltungen\n0\n"
     "Der Änderungsantrag ist abgelehnt.\n", [("rejected", False, 5, 10, 0)]),
    # counts on a line of their own, announced as an amendment by the line above: no merging with the main vote
    ("Beschlussart:\tgeändert beschlossen\n\nSodann wird über den Änderungsantrag der Fraktion X abgestimmt:\n"
     "Zustimmung 11 | Ablehnung 14 | Enthaltung 2\n\nAbstimmungsergebnis:\nZustimmung 19 | Ablehnung 6 | Enthaltung 2\n",
     [("adopted", False, 19, 6, 2), ("rejected", False, 11, 14, 2)]),
    # the members as the subject
    ("Die Gemeinderäte nehmen den Bericht zur Kenntnis.\n", [("noted", N, N, N, N)]),
    # a result in parentheses closing the resolution text
    ("Beschluss:\nDer Gemeinderat beschließt, die Arbeiten an die Firma Kautz GmbH zu vergeben. (einstimmig)\n",
     [("adopted", True, N, N, N)]),
    # a "Beschlussart" header and the counts under the resolution are one vote, a counter-motion in between
    ("Beschlussart:\tmehrheitlich beschlossen\n\nDer Bürgermeister lässt über den Antrag der FW-Fraktion abstimmen. "
     "Der Antrag findet keine Mehrheit (4 Ja, 9 Nein).\n\nBeschluss:\nDer Gemeinderat beschließt den Plan.\n\n"
     "Abstimmungsergebnis:\nJa:\t10\nNein:\t3\nEnthaltungen:\t1\n",
     [("adopted", False, 10, 3, 1), ("rejected", False, 4, 9, N)]),
    # statistics of a past year are no vote
    ("Im Jahr 2023 wurden 214 Fällanträge gestellt, davon 171 genehmigt.\n", []),
])
def test_results_in_context(body, expected):
    assert sorted(decisions(body), key=str) == sorted(expected, key=str)


def test_beratungsreihenfolge_is_a_beratungsfolge():
    text = ("Vorlage BV/0123/2024\n\nBetreff:\nSanierung der Grundschule\n\nBeratungsreihenfolge:\n"
            "Gremium\tSitzungstermin\tZuständigkeit\tErgebnis\n"
            "Ortschaftsrat Wenzdorf\t27.02.2024\tAnhörung\tzur Kenntnis genommen\n"
            "Bau- und Vergabeausschuss\t05.03.2024\tVorberatung\tBeschlussfassung: mehrheitlich (2 Gegenstimmen)\n"
            "Stadtrat\t11.04.2024\tEntscheidung\n\n\nBeschlussvorschlag:\nDer Stadtrat beschließt die Sanierung.\n\n"
            "Sachverhalt:\nMit Beschluss vom 14.09.2023 hat der Stadtrat die Verwaltung beauftragt, eine Planung "
            "erarbeiten zu lassen (BV/0301/2023).\n")
    minutes = extract(read_bytes(text.encode("utf-8"), "vorlage.txt"))
    paper = next(p for p in minutes.papers if p.reference == "BV/0123/2024")
    assert [(c.organization, c.meeting.date if c.meeting else None) for c in paper.consultations] == [
        ("Ortschaftsrat Wenzdorf", dt.date(2024, 2, 27)), ("Bau- und Vergabeausschuss", dt.date(2024, 3, 5)),
        ("Stadtrat", dt.date(2024, 4, 11))]
    outcomes = sorted((d.decided_by, d.outcome, d.votes_against) for i in minutes.agenda_items for d in i.decisions)
    assert outcomes == [("Bau- und Vergabeausschuss", "adopted", 2), ("Ortschaftsrat Wenzdorf", "noted", None)]
    assert "BV/0301/2023" in {p.reference for p in minutes.papers}
    assert ("Stadtrat", dt.date(2023, 9, 14)) in {(m.key.organization, m.key.date) for m in minutes.meetings}


def test_a_place_hyphenated_at_a_line_end_is_one_name():
    text = (HEAD + "Herr Dr. Stöcker erläutert, dass der Rat der Stadt Sterken-\nrath die Satzung am "
            "14.03.2019 beschlossen hat.\n")
    minutes = extract(read_bytes(text.encode("utf-8"), "rule.txt"))
    assert "Rat der Stadt Sterkenrath" in {o.name for o in minutes.organizations}


def test_the_result_column_of_the_agenda_and_the_vote_table_are_one_decision():
    text = ("Niederschrift\nüber die 5. Sitzung des Gemeinderates am 14.05.2024\n\nTagesordnung\n"
            "Ö 1\tHaushaltssatzung 2024\tgeändert beschlossen\nÖ 2\tBauhof\tvertagt\nÖ 3\tVerschiedenes\t\n\n"
            "Ö 1\tHaushaltssatzung 2024\n\nFraktion\tJa\tNein\tEnthaltung\nCDU\t12\t0\t0\nSPD\t9\t0\t0\n"
            "GRÜNE\t0\t5\t0\ngesamt\t21\t5\t0\n\nÖ 2\tBauhof\n\nDer Punkt wird vertagt.\n")
    minutes = extract(read_bytes(text.encode("utf-8"), "agenda.txt"))
    first = next(i for i in minutes.agenda_items if i.number == "Ö 1")
    assert [(d.outcome, d.votes_for, d.votes_against) for d in first.decisions] == [("adopted", 21, 5)]
