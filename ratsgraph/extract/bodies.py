"""The Körperschaft a document belongs to ("Kreis Mettmann", "Stadt Wendenbach"), from the
names minutes give it in any case ("des Kreises Mettmann", "der Großen Kreisstadt Rabenfurt")."""

from __future__ import annotations

import re
from collections import Counter
from . import regex as rx


_CAP = r"[A-ZÄÖÜ][a-zäöüß]+"
# Rivers and regions in place names: "Frankfurt am Main", "Mülheim an der Ruhr", "Rothenburg ob der Tauber".
_RIVER = (r"Main|Rhein|Ruhr|Donau|Lahn|Elbe|Oder|Havel|Saale|Mosel|Weinstraße|Isar|Lech|Inn|Neckar|Tauber|"
          r"Oberpfalz|Ilm|Werra|Fulda|Weser|Ems|Aller|Leine|Sieg|Wupper|Nahe|Glan|Jagst|Kocher|Rems|Enz|Murr|"
          r"Iller|Wertach|Amper|Vils|Rott|Alz|Salzach|Regen|Naab|Pegnitz|Regnitz|Itz|Rodach|Saar|Blies|Eifel|"
          r"Harz|Taunus|Rhön|Spree|Ilmenau|Hunte|Lippe|Erft|Nidda|Kinzig|Murg|Wiese|Dill|Eder|Diemel")
#: A place name: "Mettmann", "Bad Kettenheim", "Rhein-Sieg", "Neustadt an der Weinstraße".
PLACE = (rf"(?:Bad\s|St\.\s|Sankt\s)?{_CAP}(?:-[ \t]*\n[ \t]*[a-zäöüß]+)?(?:-{_CAP})*"
         rf"(?:\s(?:am|an\sder|im|in\sder|ob\sder|an\sdem)\s(?:{_RIVER})(?![\w-]))?")
_PLACE = PLACE

# "Kreis Mettmann", "des Landkreises Oberwald", "der Stadt Wendenbach", "Gemeinde Süderholm",
# "Samtgemeinde Heidmoor", "Markt Thalbrunn", "Große Kreisstadt Rabenfurt", "Ortsgemeinde Wallbach"
BODY = rx.compile(
    rf"""(?<![\w-])(?P<kind>
        Landkreis(?:es)? | Kreis(?:es)? | Stadt | Gemeinde | Samtgemeinde | Verbandsgemeinde | Ortsgemeinde
      | Markt(?:es)? | Marktgemeinde | Große[n]?\sKreisstadt | Kreisstadt | Hansestadt | Universitätsstadt
      | Landeshauptstadt | Städteregion | Regionsverband | Amt(?:es)? | Stadtgemeinde
    )\s(?P<place>{_PLACE})(?![\w-])""",
    re.VERBOSE,
)

# Capitalised words after "Stadt"/"Gemeinde"/"Kreis" that are not place names.
_NOT_PLACES = frozenset("""
    Der Die Das Den Dem Des Und Oder Im In Am An Auf Aus Bei Mit Nach Von Vor Für Zu Zur Zum Ist Sind Hat Haben
    Wird Werden Kann Soll Verwaltung Rat Bürgermeister Bürgermeisterin Landrat Landrätin Kämmerer Jugendamt
    Stadtwerke Sitzung Sitzungen Haushalt Entwicklung Mitte Nord Süd Ost West Gebiet Grenze Innenstadt
    Vorlage Niederschrift Finanzen Fraktion Ausschuss Gremien Gremium Kreistag Ratsinformationssystem
    Januar Februar März April Mai Juni Juli August September Oktober November Dezember Fachbereich
""".split())

_KIND_NOMINATIVE = {
    "Landkreises": "Landkreis", "Kreises": "Kreis", "Marktes": "Markt", "Großen Kreisstadt": "Große Kreisstadt",
    "Amtes": "Amt",
}


def body_name(match: re.Match[str]) -> str | None:
    """The nominative name of a BODY match, or None if the place is no place name."""
    place = match.group("place")
    if place.split()[0] in _NOT_PLACES or place.split("-")[0] in _NOT_PLACES:
        return None
    kind = " ".join(match.group("kind").split())
    kind = _KIND_NOMINATIVE.get(kind, kind)
    return f"{kind} {place}"


def find_body(text: str, header_end: int = 600) -> tuple[str, int, int] | None:
    """The Körperschaft of a document as (name, start, end) of its first naming.

    Names in the header count double; an "Amt" that administers a Gemeinde ranks below it.
    >>> find_body("Es beteiligt sich der Kreis Mettmann. Des Kreises Mettmann Vorlage.")[0]
    'Kreis Mettmann'
    """
    votes: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    for m in BODY.finditer(text):
        name = body_name(m)
        if name is None:
            continue
        weight = 2 if m.start() < header_end else 1
        if name.startswith(("Amt ", "Regionsverband ")):
            weight = weight / 4
        votes[name] += weight
        first.setdefault(name, (m.start(), m.end()))
    if not votes:
        return None
    name = max(votes, key=lambda n: (votes[n], -first[n][0]))
    return name, *first[name]
