"""Vote lines as minutes write them → outcome, unanimity and counts."""

from __future__ import annotations

import pytest

from ratsgraph.extract.results import vote_factions
from ratsgraph.extract.votes import parse_vote

N = None


@pytest.mark.parametrize(
    ("line", "outcome", "unanimous", "yes", "no", "abstain"),
    [
        ("einstimmig angenommen", "adopted", True, N, N, N),
        ("einstimmig", N, True, N, N, N),
        ("einstimmig bei 2 Enthaltungen", N, True, N, N, 2),
        ("einstimmig empfohlen bei 2 Enthaltungen", "adopted", True, N, N, 2),
        ("Ja: 12, Nein: 0, Enthaltungen: 0, Befangen: 0", N, N, 12, 0, 0),
        ("Ja: 34\tNein: 5\tEnthaltungen: 1\tBefangen: 1", N, False, 34, 5, 1),
        ("4 Ja / 14 Nein / 0 Enthaltungen", N, False, 4, 14, 0),
        ("mehrheitlich beschlossen", "adopted", False, N, N, N),
        ("mehrheitlich gegen die Stimmen der CDU-Fraktion bei Enthaltung der FDP-Fraktion beschlossen",
         "adopted", False, N, N, N),
        ("Der Antrag wird mehrheitlich bei 4 Gegenstimmen in den Ausschuss für Finanzen überwiesen.",
         "referred", False, N, 4, N),
        ("Der Änderungsantrag wird mit 6 Ja-Stimmen gegen 11 Nein-Stimmen abgelehnt.", "rejected", False, 6, 11, N),
        ("mit 24 Ja-Stimmen bei 12 Gegenstimmen und 2 Enthaltungen beschlossen", "adopted", False, 24, 12, 2),
        ("Der Beschlussvorschlag wird sodann mit 12 Ja-Stimmen, einer Gegenstimme und drei Enthaltungen angenommen.",
         "adopted", False, 12, 1, 3),
        ("Der Änderungsantrag wird mit 12 : 10 Stimmen bei 1 Enthaltung angenommen.", "adopted", False, 12, 10, 1),
        ("Abstimmungsergebnis: 14 : 2", N, False, 14, 2, N),
        ("einstimmig beschlossen 15:0", "adopted", True, 15, 0, N),
        ("4 : 12 - abgelehnt", "rejected", False, 4, 12, N),
        ("Anwesend: 16\tFür: 14\tGegen: 2", N, False, 14, 2, N),
        ("Ja 15 Nein 1", N, False, 15, 1, N),
        ("Zustimmung: 15 Ablehnung: 2 Enthaltung: 0", N, False, 15, 2, 0),
        ("gesetzliche Anzahl der Gemeindevertreter: 13; davon anwesend: 11; Ja-Stimmen: 10; Nein-Stimmen: 0; "
         "Stimmenthaltungen: 1", N, N, 10, 0, 1),
        ("einstimmig (21 Ja-Stimmen)", N, True, 21, N, N),
        ("war zuvor mit 11 zu 34 Stimmen bei 2 Enthaltungen abgelehnt worden", "rejected", False, 11, 34, 2),
        ("lehnte der Gemeinderat mit 5 Ja- gegen 10 Nein-Stimmen ab", "rejected", False, 5, 10, N),
        ("Der Beschluss fiel einstimmig bei einer Enthaltung.", "adopted", True, N, N, 1),
        ("zur Kenntnis genommen", "noted", N, N, N, N),
        ("Der Kreistag nimmt den Sachstandsbericht zur Kenntnis.", "noted", N, N, N, N),
        ("Der Tagesordnungspunkt wird einstimmig vertagt.", "deferred", True, N, N, N),
        ("Die Beratung wird einstimmig bis zur nächsten Sitzung zurückgestellt.", "deferred", True, N, N, N),
        ("Der Antrag ist zurückgezogen.", "withdrawn", N, N, N, N),
        ("Stadtrat Bauer wird einstimmig zum Jugendbeauftragten gewählt.", "other", True, N, N, N),
        ("erledigt", "other", N, N, N, N),
        ("Die Tagesordnung wird ohne Gegenstimme bestätigt.", "adopted", True, N, N, N),
        ("mehrheitliche Annahme (Ja: CDU, FWG, FDP; Nein: SPD, GRÜNE)", "adopted", False, N, N, N),
        ("ungeändert beschlossen", "adopted", N, N, N, N),
        ("geändert beschlossen", "adopted", N, N, N, N),
    ],
)
def test_vote_lines(line, outcome, unanimous, yes, no, abstain):
    vote = parse_vote(line)
    assert (vote.outcome, vote.unanimous, vote.votes_for, vote.votes_against, vote.abstentions) == (
        outcome, unanimous, yes, no, abstain)


@pytest.mark.parametrize(
    ("line", "detail"),
    [("ungeändert beschlossen", "adoptedUnchanged"), ("geändert beschlossen", "adoptedWithChanges"),
     ("mehrheitlich empfohlen", "recommended"), ("gewählt", "elected"), ("erledigt", "settled"),
     ("einstimmig angenommen", None)],
)
def test_finer_readings(line, detail):
    assert parse_vote(line).outcome_detail == detail


def test_recusals_are_counted_apart():
    assert parse_vote("Ja: 21 Nein: 0 Enthaltung: 2 Befangen: 1").recusals == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ja: 27 (SPD, GRÜNE, FDP, Gruppe Die PARTEI/Piraten, Bürgermeisterin)\nNein: 13 (CDU, UWG)",
         (("SPD", "GRÜNE", "FDP", "Gruppe Die PARTEI/Piraten"), ("CDU", "UWG"), ())),
        ("mit 40 Ja-Stimmen (CDU, SPD) gegen 6 Nein-Stimmen (AfD) bei 3 Enthaltungen (FDP) beschlossen",
         (("CDU", "SPD"), ("AfD",), ("FDP",))),
        ("mehrheitlich gegen die Stimmen der AfD-Fraktion bei Enthaltung der FDP-Fraktion",
         ((), ("AfD-Fraktion",), ("FDP-Fraktion",))),
        ("19:1 bei 4 Enthaltungen der AfD-Fraktion", ((), (), ("AfD-Fraktion",))),
        ("Ja: CDU, FWG, FDP\nNein: SPD, GRÜNE, Gruppe Die PARTEI/Piraten",
         (("CDU", "FWG", "FDP"), ("SPD", "GRÜNE", "Gruppe Die PARTEI/Piraten"), ())),
        ("einstimmig angenommen", ((), (), ())),
    ],
)
def test_factions_named_in_a_vote(text, expected):
    assert vote_factions(text) == expected
