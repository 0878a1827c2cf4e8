"""Gremien and Fraktionen: names in any case, nominative forms, faction keys."""

from __future__ import annotations

import pytest

from ratsgraph.extract.organizations import GREMIUM, faction_key, nominative


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("des Haupt- und Finanzausschusses", "Haupt- und Finanzausschuss"),
        ("Rates der Stadt Wendenbach", "Rat der Stadt Wendenbach"),
        ("Technischen Ausschusses", "Technischer Ausschuss"),
        ("Kreistages", "Kreistag"),
        ("des Ausschusses für Schule, Sport und Kultur", "Ausschuss für Schule, Sport und Kultur"),
        ("Gemeinderats", "Gemeinderat"),
        ("Jugendhilfeausschusses", "Jugendhilfeausschuss"),
    ],
)
def test_nominative(written, name):
    assert nominative(written) == name


@pytest.mark.parametrize(
    "name",
    ["Sozialausschuss", "Kreistag", "Rat der Stadt Wendenbach", "Ausschuss für Stadtentwicklung und Umwelt",
     "Haupt- und Finanzausschuss", "Haupt-, Finanz- und Wirtschaftsausschuss", "Ortsbeirat Lauterbrück-Süd",
     "Bezirksvertretung Mitte", "Gemeindevertretung", "Stadtverordnetenversammlung", "Samtgemeinderat",
     "Marktgemeinderat", "Technischer Ausschuss", "Verwaltungsausschuss", "Bezirksverordnetenversammlung Kastanienhain",
     "Ausschuss für Feuerwehr, Ordnung und Sicherheit"],
)
def test_gremium_names(name):
    assert GREMIUM.fullmatch(name)


@pytest.mark.parametrize("text", ["Kreisverwaltung", "Fachbereich", "Ratsinformationssystem", "FDP-Ratsfraktion"])
def test_not_gremien(text):
    assert not GREMIUM.fullmatch(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [("SPD-Fraktion", "Fraktion der SPD"), ("Fraktion BÜNDNIS 90/DIE GRÜNEN", "GRÜNE"),
     ("FDP-Ratsfraktion", "FDP"), ("Fraktion Freie Wähler/FDP", "FW/FDP"), ("DIE LINKE", "Fraktion Die Linke")],
)
def test_faction_keys_unite_variants(a, b):
    assert faction_key(a) == faction_key(b)


def test_groups_stay_apart_from_their_parties():
    assert faction_key("Gruppe SPD/GRÜNE") != faction_key("SPD/GRÜNE-Fraktion")
