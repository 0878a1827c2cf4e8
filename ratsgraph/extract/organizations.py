"""Gremien (council bodies) and Fraktionen (political groups) as minutes name them, and their
nominative forms ("des Haupt- und Finanzausschusses" → "Haupt- und Finanzausschuss")."""

from __future__ import annotations

import re
from functools import lru_cache

from . import regex as rx
from .bodies import PLACE

_CAP = r"[A-ZÄÖÜ][a-zäöüß]+"
_PLACE = PLACE
_SETTLEMENT = r"(?:Stadt|Gemeinde|Kreisstadt|Großen\sKreisstadt|Hansestadt|Samtgemeinde|Verbandsgemeinde|" \
              r"Ortsgemeinde|Marktgemeinde|Markt(?:es)?|Landeshauptstadt|Universitätsstadt)"
# The words in "Ausschuss für Schule, Kultur und Sport": capitalised words joined by "," / "und" / "-".
_TOPIC_WORD = rf"(?:{_CAP}(?:-{_CAP})*|[A-ZÄÖÜ]{{2,}})"
_TOPICS = rf"{_TOPIC_WORD}(?:(?:,\s|\s(?:und|sowie)\s|-\s(?:und|sowie)\s|\s)(?:{_TOPIC_WORD}|(?:öffentliche|ländliche|kommunale|soziale)n?\s{_CAP}))*"
_ADJECTIVE = r"(?:Technische|Beratende|Gemeinsame|Städtebauliche|Ständige|Besondere|Nichtständige)[nrs]?"

# A Gremium as written, in any case form. Matches "Sozialausschuss", "des Kreistages",
# "Rat der Stadt Wendenbach", "Ausschuss für Stadtentwicklung und Umwelt", "Haupt- und
# Finanzausschusses", "Technischen Ausschusses", "Ortsbeirat Nord", "Bezirksvertretung Mitte".
# White space inside a name: spaces, tabs or one line break (PDF text wraps and justifies lines).
_WS = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"

GREMIUM = rx.compile(
    rf"""(?<![\w-])(?P<name>
      (?:(?:{_CAP}-,\s)*{_CAP}-\s(?:und|sowie)\s)?{_CAP}?(?:ausschuss|ausschuß)(?:es|e)?(?:\s(?:für)\s{_TOPICS})?
    | (?:{_ADJECTIVE}\s)?(?:Haupt|Werks|Betriebs|Kreis|Jugendhilfe|Finanz|Rechnungsprüfungs|Bau|Sozial|Umwelt|Schul|Sport|Kultur|Planungs|Wahlprüfungs|Feuerwehr|Verkehrs|Vergabe|Personal|Wirtschafts)?Ausschuss(?:es)?(?:\s(?:für)\s{_TOPICS})?
    | Rat(?:e?s)?\s(?:der|des)\s{_SETTLEMENT}\s{_PLACE}
    | (?:Stadt|Gemeinde|Markt)?(?:gemeinde)?rat(?:e?s)?\s(?:der|des)\s{_SETTLEMENT}\s{_PLACE}
    | (?:Orts|Ortsbei|Bezirksbei|Beirat|Stadtbezirks|Ältesten|Integrations|Senioren|Jugend)rat(?:e?s)?(?:\s{_PLACE})?
    | (?:Bezirksvertretung|Ortschaftsrat(?:e?s)?|Ortsbeirat(?:e?s)?|Stadtbezirksbeirat(?:e?s)?|Bezirksverordnetenversammlung
       |Ortsgemeinderat(?:e?s)?|Bezirksversammlung|Stadtbezirksrat(?:e?s)?|Stadtteilbeirat(?:e?s)?)(?:\s{_PLACE})?
    | (?:Samtgemeinde|Ortsgemeinde|Verbandsgemeinde|Markt|Stadt|Gemeinde)?(?:gemeinde)?rat(?:e?s)?
    | Marktgemeinderat(?:e?s)? | Gemeinderat(?:e?s)? | Stadtrat(?:e?s)? | Samtgemeinderat(?:e?s)?
    | Kreistag(?:e?s)?
    | Gemeindevertretung | Stadtvertretung | Stadtverordnetenversammlung | Verbandsversammlung
    | Rat(?:e?s)?
    )(?![\w-])""".replace(r"\s", _WS),
    re.VERBOSE,
)

# Words that look like Gremien but are not council bodies.
NOT_GREMIUM = frozenset({
    "Rat", "Rates", "Rats", "Ausschuss", "Ausschusses", "Fachausschuss", "Fachausschusses", "Beirat",
    "Gemeinderat", "Gemeinderates", "Gemeinderats",  # person roles as often as bodies: kept only in context
})

# A compound naming a Gremium's meeting: "Kreistagssitzung", "Ratssitzung", "Sozialausschusssitzung".
MEETING_COMPOUND = rx.compile(
    r"(?<![\w-])(?P<stem>Kreistag|Kreisausschuss|Rat|Stadtrat|Gemeinderat|Hauptausschuss|Samtgemeinderat|"
    r"Marktgemeinderat|Ortsrat|Ortsgemeinderat|[A-ZÄÖÜ][a-zäöüß]+ausschuss)s?sitzung\b"
)


_HYPHENATED = re.compile(r"(?<=[a-zäöüß])-[ \t]*\n[ \t]*(?=[a-zäöüß])")


@lru_cache(maxsize=4096)
def nominative(name: str) -> str:
    """The nominative singular of a Gremium name as written in any case.

    >>> nominative("des Haupt- und Finanzausschusses")
    'Haupt- und Finanzausschuss'
    >>> nominative("Rates der Stadt Wendenbach")
    'Rat der Stadt Wendenbach'
    >>> nominative("Technischen Ausschusses")
    'Technischer Ausschuss'
    >>> nominative("Kreistages")
    'Kreistag'
    """
    name = re.sub(r"^(?:der|des|dem|den|die|im|vom|zum)\s+", "", name.strip())
    name = _HYPHENATED.sub("", name)  # "Sterken-\nrath": a word hyphenated at a line end
    name = " ".join(name.split())
    # "Ortschaftsrates Oberlorch", "Bezirksbeirats Nord": the head is the first word, a place follows
    m = re.match(r"^([A-ZÄÖÜ][\wäöüß-]*(?:rat|beirat))(?:es|s)(\s[A-ZÄÖÜ].*)$", name)
    if m and not re.match(r"\s(?:der|des|für)\s", m.group(2)):
        return m.group(1) + m.group(2)
    head, sep, tail = _split_head(name)
    words = head.split(" ")
    last = words[-1]
    if re.search(r"(?:ausschuss|ausschuß)(?:es|e)$", last, re.I):
        last = re.sub(r"(es|e)$", "", last)
    elif re.search(r"(?:rat|tag)(?:es|s)$", last, re.I):
        last = re.sub(r"(es|s)$", "", last)
    words[-1] = last
    if len(words) > 1 and re.fullmatch(_ADJECTIVE, words[-2]):
        adjective = re.sub(r"[nrs]$", "", words[-2])
        words[-2] = adjective + ("r" if last.lower().endswith(("ausschuss", "rat", "tag", "beirat")) else "")
    return " ".join(words) + sep + tail


def _split_head(name: str) -> tuple[str, str, str]:
    """Split "Rates der Stadt X" into ("Rates", " ", "der Stadt X") and "Ausschuss für X" likewise."""
    m = re.search(r"\s(?=(?:der|des|für)\s)", name)
    if m:
        return name[:m.start()], " ", name[m.end():]
    return name, "", ""


def place_of(gremium: str) -> str | None:
    """The settlement named in a Gremium's name ("Rat der Stadt Wendenbach" → "Stadt Wendenbach")."""
    m = re.search(rf"\s(?:der|des)\s({_SETTLEMENT}\s{_PLACE})$", gremium)
    if not m:
        return None
    return re.sub(r"^Großen ", "Große ", re.sub(r"^Marktes ", "Markt ", m.group(1)))


# --- Fraktionen --------------------------------------------------------------------------

from .lexicon import PARTY, PARTY_ACRONYM, PARTY_GROUP, party_key  # noqa: E402

_SUFFIX_PARTY = rf"(?:{PARTY_GROUP}|{PARTY_ACRONYM}(?:/(?:{PARTY}|{PARTY_ACRONYM}))*)"
# "SPD-Fraktion", "FDP-Ratsfraktion", "AfD-Kreistagsfraktion", "CDU-Stadtratsfraktion", "WGS-Fraktion"
FACTION_SUFFIXED = rx.compile(
    rf"(?<![\w/-])(?P<party>{_SUFFIX_PARTY})-(?:Rats|Kreistags|Stadtrats|Stadtverordneten|Gemeinderats|"
    rf"Bezirks|Samtgemeinderats)?[Ff]raktion(?:en)?\b")
# Voters' associations and local lists: "Bürgerbündnis Spreewitz", "Wählergemeinschaft Hakelrode", "Bürger für Lauterbach"
_ASSOCIATION = (r"(?:Freie\s)?(?:Wählergemeinschaft|Wählervereinigung|Wählergruppe|Bürgerbündnis|Bürgerliste|Bürgerunion|"
                r"Bürgerforum|Bürgerinitiative|Unabhängige\sBürger|Unabhängige\sWähler|Bürger\sfür)"
                r"(?:\s[A-ZÄÖÜ][\wäöüß-]+){0,2}")
# "Fraktion BÜNDNIS 90/DIE GRÜNEN", "Fraktion der SPD", "Fraktion Freie Wähler/FDP", "Fraktion Grüne Liste"
FACTION_PREFIXED = rx.compile(
    rf"\b(?:Rats|Kreistags|Stadtrats)?[Ff]raktion\s(?:der\s|von\s)?(?P<party>{PARTY_GROUP}|{_ASSOCIATION}|{PARTY_ACRONYM})"
    rf"(?![\w-])")
# "Gruppe Die PARTEI/Piraten", "Gruppe SPD/GRÜNE", "Gruppe DIE LINKE/Die PARTEI"
GROUP = rx.compile(rf"\bGruppe\s(?P<group>{PARTY_GROUP})(?![\w-])")
# A party name acting on its own ("Antrag der SPD", "(CDU, UWG)").
PARTY_NAME = rx.compile(rf"(?<![\w/-])(?P<party>{PARTY_GROUP})(?![\w/-])")


def suffixed_factions(text: str) -> list[re.Match[str]]:
    """`FACTION_SUFFIXED.finditer(text)`, scanned only on the lines where a match can stand: one
    ends in "[Ff]raktion" and crosses a line break only next to a "/" ("CDU/\nSPD-Fraktion"), so
    each "raktion" line is read with the lines joined to it that way (tests/test_regex_speedups.py
    compares the two)."""
    windows: list[list[int]] = []
    at = text.find("raktion")
    while at >= 0:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        start = text.rfind("\n", 0, at) + 1
        while start > 0 and (text[start - 2:start - 1] == "/" or text[start:start + 1] == "/"):
            start = text.rfind("\n", 0, start - 1) + 1
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
        at = text.find("raktion", end)
    return [m for start, end in windows for m in FACTION_SUFFIXED.finditer(text, start, end)]


def faction_name(party: str) -> str:
    """The contract's normalised name of a Fraktion: "<PARTY>-Fraktion"."""
    return f"{' '.join(party.split())}-Fraktion"


@lru_cache(maxsize=4096)
def faction_key(name: str) -> str:
    """The party key of a faction or group name, to tell whether two names mean one group."""
    name = " ".join(name.split())
    if name.startswith("Gruppe "):
        return "gruppe:" + party_key(name[len("Gruppe "):])
    for pattern in (FACTION_SUFFIXED, FACTION_PREFIXED):
        m = pattern.fullmatch(name) or pattern.search(name)
        if m:
            return party_key(m.group("party"))
    return party_key(name)
