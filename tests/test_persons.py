"""Persons as minutes name them: address, title, function before the name, particles, lists."""

from __future__ import annotations

import pytest

from ratsgraph.extract.persons import find_free_names, find_mentions, parse_listed_name, role_nominative


@pytest.mark.parametrize(
    ("text", "family", "given", "address", "title", "role"),
    [
        ("Frau Altvater übergibt das Wort", "Altvater", None, "Frau", None, None),
        ("an Herrn Kowalczyk.", "Kowalczyk", None, "Herr", None, None),
        ("Landrat Hendele lässt abstimmen", "Hendele", None, None, None, "Landrat"),
        ("Frau Dr. Feldhaus begrüßt", "Feldhaus", None, "Frau", "Dr.", None),
        ("die Technische Beigeordnete van der Linden erläutert", "van der Linden", None, None, None,
         "Technische Beigeordnete"),
        ("Erste Kreisrätin Dr. Katharina vom Brocke", "vom Brocke", "Katharina", None, "Dr.", "Erste Kreisrätin"),
        ("Herr von der Heide fragt", "von der Heide", None, "Herr", None, None),
        ("Bürgermeisterin Dr. Terhorst verweist", "Terhorst", None, None, "Dr.", "Bürgermeisterin"),
        ("Ratsherr Kuhlmann fragt", "Kuhlmann", None, None, None, "Ratsherr"),
        ("Kämmerer Johannes Fertig erläutert", "Fertig", "Johannes", None, None, "Kämmerer"),
        ("gratuliert Stadtverordnetem Vollrath", "Vollrath", None, None, None, "Stadtverordnetem"),
        ("Bezirksverordneter Yıldız begründet", "Yıldız", None, None, None, "Bezirksverordneter"),
        ("stellv. Bürgermeisterin Kirsten Jessen", "Jessen", "Kirsten", None, None, "stellv. Bürgermeisterin"),
        ("Herr Hoffmeister erläutert", "Hoffmeister", None, "Herr", None, None),
    ],
)
def test_mentions(text, family, given, address, title, role):
    [m] = find_mentions(text)
    assert (m.family, m.given, m.address, m.title, m.role) == (family, given, address, title, role)


@pytest.mark.parametrize(
    "text",
    ["Herrn Kreuzberger vom Dezernat II", "Herr Ebner vom Zweckverband Breitband"],
)
def test_an_institution_after_a_name_is_no_particle(text):
    [m] = find_mentions(text)
    assert " " not in m.family


@pytest.mark.parametrize(
    "text",
    ["Der Ortsbeirat Lauterbrück-Süd tagt", "Ortsrat Wiekhusen\t27.01.22", "Gremium:\tGemeinderat\nDatum:\tDo",
     "Oberbürgermeister\t\t\tProtokollführerin", "Der Landrat\n      Hohenwalde, 08.06.2022",
     "Nina Wolters, Pressesprecherin\nTel. 05173"],
)
def test_no_false_persons(text):
    assert all(m.family not in ("Lauterbrück-Süd", "Wiekhusen", "Datum", "Protokollführerin", "Hohenwalde", "Tel")
               for m in find_mentions(text))


@pytest.mark.parametrize(
    ("cell", "family", "given", "title", "role"),
    [
        ("Ohlendorf, Marlies", "Ohlendorf", "Marlies", None, None),
        ("Dr. Harms, Jens-Uwe", "Harms", "Jens-Uwe", "Dr.", None),
        ("Hünninghaus, Dr. Elisabeth", "Hünninghaus", "Elisabeth", "Dr.", None),
        ("van der Meulen, Jana", "van der Meulen", "Jana", None, None),
        ("Dr. Peter Kessler", "Kessler", "Peter", "Dr.", None),
        ("Stadtverordneter Bernd Hofmann", "Hofmann", "Bernd", None, "Stadtverordneter"),
        ("Erste Kreisrätin Dr. vom Brocke, Katharina", "vom Brocke", "Katharina", "Dr.", "Erste Kreisrätin"),
    ],
)
def test_listed_names(cell, family, given, title, role):
    n = parse_listed_name(cell)
    assert (n.family, n.given, n.title, n.role) == (family, given, title, role)


@pytest.mark.parametrize("cell", ["Mitglieder", "Name, Vorname", "Verwaltung", "Kreistagsvorsitzende", "CDU"])
def test_listed_non_names(cell):
    assert parse_listed_name(cell) is None


def test_free_names_need_a_known_given_name():
    names = [(m.given, m.family) for m in find_free_names(
        "Sabine Müller-Hagedorn, Vorsitzende der SPD-Fraktion, nannte … Haushalt Mittel Kosten")]
    assert names == [("Sabine", "Müller-Hagedorn")]


@pytest.mark.parametrize(
    ("role", "feminine", "nominative"),
    [
        ("des Ersten Beigeordneten", None, "Erster Beigeordneter"),
        ("Kreistagsabgeordneter", True, "Kreistagsabgeordnete"),
        ("Stadtverordnetem", None, "Stadtverordneter"),
        ("Technische Beigeordnete", True, "Technische Beigeordnete"),
        ("dem Landrat", None, "Landrat"),
        ("des Landrates", None, "Landrat"),
        ("Ausschussvorsitzender", None, "Ausschussvorsitzender"),
        ("Bürgermeisterin", None, "Bürgermeisterin"),
        ("stellv. Bürgermeisterin", True, "stellv. Bürgermeisterin"),
    ],
)
def test_role_nominative(role, feminine, nominative):
    assert role_nominative(role, feminine) == nominative
