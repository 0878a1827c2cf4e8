"""Persons as minutes name them: a form of address ("Herr", "Frau", inflected "Herrn"), an
academic title, a function before the name ("Landrat", "des Ersten Beigeordneten"), given and
family name with particles ("van der Linden"), and the nominative of the function."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Function words written before a name, as stems; the endings of case and gender are added below.
_ROLE_STEMS = r"""
    (?:Ober|Ersten?|Zweiten?|Dritten?|Erster|Zweiter|Dritter|Orts|Bezirks|Samtgemeinde|Stadt|Verbandsgemeinde)?[bB]ürgermeister
  | Landr[aä]t | Kreisr[aä]t | Stadtr[aä]t | Gemeinder[aä]t | Marktgemeinder[aä]t | Ortsr[aä]t | Ratsherr | Ratsfrau
  | Stadtbaur[aä]t | Kreisbaur[aä]t | Kreisdirektor | Oberkreisdirektor | Stadtdirektor | Gemeindedirektor
  | (?:Stadt|Kreis|Gemeinde)?[kK]ämmerer | Dezernent | Beigeordnet | Bürgervorsteher | Ratsvorsitzend
  | (?:Ausschuss|Kreistags|Fraktions|Ortsrats|Ausschuß|Stadtverordneten|Gemeinderats)?[vV]orsitzend
  | Fachbereichsleiter | Amtsleiter | Abteilungsleiter | Fachdienstleiter | Sachgebietsleiter | Referatsleiter
  | Fachbereichsleitung | Amtsleitung | Teamleiter | Betriebsleiter | Werkleiter | Geschäftsführer | Leiter
  | Kreistagsabgeordnet | Abgeordnet | Kreistagsmitglied | Ratsmitglied | Stadtverordnet | Gemeindevertreter | Stadtvertreter
  | Ausschussmitglied | Ortsvorsteher | Stadtpräsident | Kreispräsident | Schriftführer | Protokollführer
  | Gleichstellungsbeauftragt | Klimaschutzmanager | Sachbearbeiter | Kreisbrandmeister | Stadtbrandmeister
  | Gemeindebrandmeister | Wehrführer | Kreisjugendpfleger | Jugendpfleger | Stadtjugendpfleger | Kreisoberamtsrat
  | Verwaltungsdirektor | Kreisverwaltungsdirektor | Revierförster | Schulleiter | Polizeidirektor
  | Kreiskämmerer | Sozialdezernent | Baudezernent | Bauamtsleiter | Kreisschulrat | Hauptamtsleiter
"""
# Feminine -in/-innen, adjectival nouns (stems ending in -t/-d) -e/-er/-en/-em, masculine -en/-n/-s.
_ROLE = rf"(?:(?:stellv\.|stv\.|Stv\.|Stellv\.|stellvertretende[rnm]?|Stellvertretende[rnm]?)\s)?" \
        rf"(?:(?:Erste|Technische|Allgemeine|Zweite|Dritte)[rnm]?\s)?(?:{_ROLE_STEMS})(?:in(?:nen)?|e[rnms]?|n|s)?"
ROLE = re.compile(rf"(?<![\w-])(?:{_ROLE})(?![\w-])", re.VERBOSE)

_NAME = r"[A-ZÄÖÜ][a-zäöüßéèáàëïç']+(?:-[A-ZÄÖÜ][a-zäöüßéèáàëïç']+)*"
PARTICLE = r"(?:von\sund\szu|von\sder|von\sdem|van\sder|van\sden|van\sde|von|vom|van|zu|zur|de|del|di|ten|ter|op\sde)"
_TITLE = r"(?:Prof\.\s?)?Dr\.(?:\s?(?:med|phil|jur|rer\.\s?nat|rer\.\s?pol|h\.\s?c|Ing)\.)?(?:\s?Dr\.)?|Prof\.|Dipl\.-Ing\.|Dipl\.-Kfm\."
ADDRESS = r"Herrn?|Frau"

# A mention: "Herrn Kowalczyk", "Landrat Hendele", "Frau Dr. Feldhaus", "die Technische
# Beigeordnete van der Linden", "Erste Kreisrätin Dr. Katharina vom Brocke", "Herr Hans Krüger".
PERSON = re.compile(
    rf"""(?<![\w-])
    (?:(?P<address>{ADDRESS})[ \t]+(?:(?P<role>{_ROLE})[ \t]+)?
     | (?P<role2>{_ROLE})[ \t]+(?:(?P<address2>{ADDRESS})[ \t]+)?)
    (?:(?P<title>{_TITLE})[ \t]*)?
    (?:(?P<given>{_NAME})[ \t]+(?!{PARTICLE}[ \t]+(?:und|oder)\b))?
    (?P<family>(?:{PARTICLE}[ \t]+)?{_NAME})
    (?![\w-])""",
    re.VERBOSE,
)

# Capitalised words that follow a role or address but are not names.
NOT_NAMES = frozenset("""
    Der Die Das Dem Den Des Ein Eine Einer Er Sie Es Wir Ihr Ihnen Zu Im In Am An Auf Aus Bei Mit Nach Von Vor
    Für Und Oder Als Wie Auch Dr Prof Herr Herrn Frau Kollege Kollegin Kollegen Damen Herren Fraktion Fraktionen
    Vorsitzende Vorsitzender Vorsitzenden Verwaltung Stadt Gemeinde Kreis Landkreis Rat Ausschuss Kreistag
    Sitzung Vorlage Antrag Beschluss Bürgermeister Bürgermeisterin Landrat Landrätin Januar Februar März April
    Mai Juni Juli August September Oktober November Dezember Montag Dienstag Mittwoch Donnerstag Freitag
    Samstag Sonntag Stellvertreter Stellvertreterin Mitglied Mitglieder Abstimmung Ergebnis Ja Nein Tagesordnung
    Protokoll Niederschrift Beratung Anlage Hinweis Fragen Frage Bericht Vertreter Vertreterin Amt Fachbereich
    Gemeinderat Stadtrat Marktgemeinderat Ortsrat Kreisrat Herzlich Dank Gast Gäste Wort Namen Auftrag
    CDU SPD FDP AfD CSU GRÜNE Grüne Linke UWG FWG
""".split())

_GIVEN_NOT = re.compile(r"(?:ung|heit|keit|schaft|ion|tät|ismus|ment|nis|tum|ei|ag|rat)$")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    family: str
    given: str | None
    address: str | None  # "Herr" / "Frau"
    title: str | None
    role: str | None  # nominative


def _is_feminine(address: str | None, role_text: str | None) -> bool | None:
    if address:
        return address == "Frau"
    if role_text:
        last = role_text.split()[-1]
        if last.endswith(("in", "innen", "frau")) and not last.endswith(("Ratsherrin",)):
            return True
    return None


def role_nominative(role: str, feminine: bool | None = None) -> str:
    """The nominative of a function phrase as written in any case.

    >>> role_nominative("des Ersten Beigeordneten")
    'Erster Beigeordneter'
    >>> role_nominative("Technische Beigeordnete")
    'Technische Beigeordnete'
    >>> role_nominative("Stadtverordnetem")
    'Stadtverordneter'
    >>> role_nominative("Landrätin")
    'Landrätin'
    """
    role = re.sub(r"^(?:der|des|dem|den|die|vom|von|zum|zur)\s+", "", " ".join(role.split()))
    words = role.split(" ")
    head = words[-1]
    adjectival = re.search(r"(?:[Bb]eigeordnet|[Vv]orsitzend|[Aa]bgeordnet|[Vv]erordnet|[Bb]eauftragt|"
                           r"[Ss]tellvertretend)(e[rnm]?)$", head)
    if adjectival:
        stem = head[: -len(adjectival.group(1))]
        if feminine is None:
            feminine = adjectival.group(1) == "e"
        head = stem + ("e" if feminine else "er")
        words[-1] = head
        for i in range(len(words) - 1):
            adj = re.fullmatch(r"(Erst|Technisch|Allgemein|Zweit|Dritt|[Ss]tellvertretend)(e[rnm]?)", words[i])
            if adj:
                words[i] = adj.group(1) + ("e" if feminine else "er")
        return " ".join(words)
    if not head.endswith(("in", "innen")):
        # masculine nouns in genitive/dative: "des Landrats", "dem Bürgermeister", "Beigeordneten"
        head = re.sub(r"(?<=[^e])s$", "", head) if re.search(r"(?:rat|herr|direktor|tag)s$", head) else head
        head = re.sub(r"(?<=herr)n$", "", head)
    words[-1] = head
    for i in range(len(words) - 1):
        adj = re.fullmatch(r"(Erst|Technisch|Allgemein|Zweit|Dritt)(e[rnm]?)", words[i])
        if adj:
            fem = feminine if feminine is not None else head.endswith("in")
            words[i] = adj.group(1) + ("e" if fem else "er")
    return " ".join(words)


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """All person mentions in text[start:end] that have a form of address or a function."""
    out = []
    for m in PERSON.finditer(text, start, len(text) if end is None else end):
        address = m.group("address") or m.group("address2")
        role_text = m.group("role") or m.group("role2")
        given, family = m.group("given"), m.group("family")
        if given and (given in NOT_NAMES or _GIVEN_NOT.search(given)):
            # "Herr Meier Stellung …": the second word is no family name; re-read with one name
            family, given = given, None
            fam_end = m.start("given") + len(family)
        else:
            fam_end = m.end("family")
        bare = re.sub(rf"^{PARTICLE}[ \t]+", "", family)
        if family in NOT_NAMES or bare in NOT_NAMES or len(bare) < 2:
            continue
        feminine = _is_feminine(address, role_text)
        role = role_nominative(role_text, feminine) if role_text else None
        address_norm = "Herr" if address and address.startswith("Herr") else address
        mention_start = m.start()
        out.append(Mention(mention_start, fam_end, family, given, address_norm,
                           m.group("title"), role))
    return out
