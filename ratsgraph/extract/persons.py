"""Persons as minutes name them: a form of address ("Herr", "Frau", inflected "Herrn"), an
academic title, a function before the name ("Landrat", "des Ersten Beigeordneten"), given and
family name with particles ("van der Linden"), in running text and in lists ("Harms, Jens-Uwe",
"Dr. Peter Kessler"), and the nominative of the function in the person's gender."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import regex as rx
from .lexicon import is_feminine_name, is_given_name

# The endings of German function nouns; a function word is a capitalised word ending in one of
# them ("Landrat", "Bürgermeisterin", "Fachbereichsleiter", "Kreistagsabgeordneter").
_ROLE_NOUN_STEMS = (
    r"rat|rät|bürgermeister|meister|leiter|führer|vorsteher|vertreter|mitglied|direktor|präsident"
    r"|kämmerer|kämmer|referent|dezernent|sprecher|pfleger|ratsherr|ratsfrau|sachbearbeiter|förster"
    r"|amtmann|manager|koordinator|berater|inspektor|sekretär|justiziar|ingenieur|architekt|planer|herr|frau"
    r"|verwalter|prüfer|bürger|senator|schöffe|beisitzer|kassierer|wart"
)
# Adjectival nouns take -e/-er/-en/-em ("der Vorsitzende", "ein Vorsitzender", "dem Vorsitzenden").
_ROLE_ADJ_STEMS = r"vorsitzend|verordnet|beigeordnet|abgeordnet|beauftragt|angestellt|bedienstet"
# Prefixes written before a function: "stellv.", "Erste", "Technische Beigeordnete".
_ROLE_PREFIX = (r"(?:(?:stellv\.|stv\.|Stv\.|Stellv\.|stellvertretende[rnms]?|Stellvertretende[rnms]?)\s)?"
                r"(?:(?:Erste|Zweite|Dritte|Vierte|Technische|Allgemeine|Ehrenamtliche|Hauptamtliche|Sachkundige"
                r"|Beratende|Leitende|Kommissarische)[rnms]?\s)?")


def _ends_with(endings: set[str]) -> str:
    """A regex that holds right after a word ending in one of `endings`: fixed-width lookbehinds,
    one per length. After a possessive word (`[a-zäöüß]++`) this checks each ending once, where
    `[a-zäöüß]*(?:stem|stem|…)` would try every stem at every letter of every word."""
    by_length: dict[int, list[str]] = {}
    for ending in sorted(endings):
        by_length.setdefault(len(ending), []).append(re.escape(ending))
    return "(?:" + "|".join(f"(?<={'|'.join(group)})" for _, group in sorted(by_length.items(), reverse=True)) + ")"


def _endings(stems: str, suffixes: tuple[str, ...]) -> set[str]:
    return {stem + suffix for stem in stems.split("|") for suffix in suffixes}


_NOUN_ROLE_ENDINGS = _endings(_ROLE_NOUN_STEMS, ("", "in", "innen", "es", "s", "en", "n"))
_ADJ_ROLE_ENDINGS = _endings(_ROLE_ADJ_STEMS, ("e", "er", "en", "em", "es"))
# A capitalised word ending in a function noun, case-insensitively ("Landrat", "BÜRGERMEISTERIN")
_ROLE_WORD = rf"(?=[A-ZÄÖÜ])(?i:[a-zäöüß]++{_ends_with(_NOUN_ROLE_ENDINGS | _ADJ_ROLE_ENDINGS)})"
# Abbreviated functions ("BM Kleinschmidt", "OB Weidner") and "Vorsitzende der Stadtverordnetenversammlung"
_ROLE_ABBREVIATION = r"(?:BM|OB|BGM|Bgm\.|OBM|LR|StR|KTA|GR|StV)(?=[ \t]+[A-ZÄÖÜ])"
_CHAIR_OF = r"(?:[Vv]orsitzende[rnm]?|Vorsteher(?:in)?)\s(?:des|der)\s[A-ZÄÖÜ][\wäöüß-]+"
_ROLE = rf"(?:{_CHAIR_OF}|{_ROLE_PREFIX}(?:{_ROLE_WORD})|{_ROLE_ABBREVIATION})"

# Words that end like a function but are none (or are bodies, not persons).
NOT_ROLES = frozenset("""
    Rat Rates Rats Beirat Beirates Referat Apparat Vorrat Senat Magistrat Heirat Zierrat Unrat Automat Format
    Mandat Verbraucherrat Bürger Ortsbürger Mitbürger Wart Meister Räte Pfleger Gemeinderäte
    Stadträte Ratsmitglieder Mitglieder Kreisräte Ortsbeirat Bezirksbeirat Jugendrat
    Seniorenrat Integrationsrat Ältestenrat Behindertenbeirat Seniorenbeirat Jugendbeirat Ausländerbeirat
    Verwaltungsrat Aufsichtsrat Stiftungsrat Kirchenrat Landesrat Bundesrat Personalrat Betriebsrat Elternrat
""".split())

ROLE = re.compile(rf"(?<![\w-])(?:{_ROLE})(?![\w-])")

_NAME_CHARS = r"a-zäöüßéèáàâêëïîçığşñøåãõ'"
NAME = rf"[A-ZÄÖÜÇŞİ][{_NAME_CHARS}]+(?:-[A-ZÄÖÜ][{_NAME_CHARS}]+)*"
PARTICLE = r"(?:von\sund\szu|von\sder|von\sdem|van\sder|van\sden|van\sde|de\sla|von|vom|van|zu|zur|de|del|di|da|ten|ter|op\sde)"
TITLE = (r"(?:Prof\.\s?)?Dr\.(?:\s?(?:med|phil|jur|rer\.\s?nat|rer\.\s?pol|h\.\s?c|Ing|dent|vet)\.)?(?:\s?Dr\.)?"
         r"|Prof\.|Dipl\.-Ing\.|Dipl\.-Kfm\.|Dipl\.-Verw\.wirt")
ADDRESS = r"Herrn?|Frau"
_SP = r"(?:[ ]{1,2}|\t|\n)"  # one or two spaces (justified PDF text), a tab, or a line break (a label line)

# A mention in running text: a form of address or a function, then the name. "Herrn Kowalczyk",
# "Landrat Hendele", "Frau Dr. Feldhaus", "die Technische Beigeordnete van der Linden",
# "Erste Kreisrätin Dr. Katharina vom Brocke", "Herr Hans Krüger".
PERSON = re.compile(
    rf"""(?<![\w-])
    (?:(?P<address>{ADDRESS}){_SP}(?:(?P<role>{_ROLE}){_SP})?
     | (?P<role2>{_ROLE}){_SP}(?:(?P<address2>{ADDRESS}){_SP})?)
    (?:(?P<title>{TITLE})[ \t]*)?
    (?:(?P<given>{NAME})(?:[ ]{{1,2}}|\n)(?!{PARTICLE}[ \t]+(?:und|oder|dem|der|den)\b))?
    (?P<family>(?:{PARTICLE}[ \t]+)?{NAME})
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
    Dezernat Zweckverband Landratsamt Jugendamt Bauamt Ordnungsamt Sozialamt Medienzentrum Verein Kreisverband
    Ortsverein Büro Ingenieurbüro Planungsbüro Fachdienst Referat Stadtwerke Eigenbetrieb Kreishaus Rathaus
    Verbandsgemeinde Samtgemeinde Bezirksamt Magistrat Kreisverwaltung Stadtverwaltung Gemeindeverwaltung
    Amtes Vorstand Geschäftsführung Jobcenter Landesamt Ministerium Bundesamt Polizei Feuerwehr Ortsfeuerwehr
    Kreissportbund Sportbund Kirche Schule Gymnasium Grundschule Realschule Kita Kindergarten Ausschusses
    Ratsmitglieder Stadträte Gemeinderäte Kreisräte Personen Zuhörer Presse Bürgerinnen Bürger Einwohner
    Sachverhalt Beschlussvorschlag Vorsitz Schriftführer Schriftführerin Verfasser Anwesend Entschuldigt
    CDU SPD FDP AfD CSU GRÜNE Grüne Linke LINKE UWG FWG Piraten Name Namen Vorname Datum Gremium Zeit Ort Raum
    Status Federführend Betreff Beschlussart Seite Tel Fax Telefon Uhr Mail Anlagen Anlass Beginn Ende Sitzungsort
    Haushalt Haushaltsplan Investitionen Kosten Mittel Förderung Zuschuss Vertreter Vertretung Herrn Frauen
    Gremien Kalender Aktuelles Startseite Recherche Vorlagen Sitzungen Mandatsträger Suche Impressum Datenschutz
    Stadtverordnete Fraktionen Sitzungskalender Übersicht Druckansicht Zurück Anlagen Dokumente Download
    Sitzung Stellung Beratung Abstimmung Ordnung Planung Prüfung Zustimmung Ablehnung Enthaltung Rechnung
    Sachgebiet Fachgebiet Sachbereich Abteilung Bereich Stabsstelle Team Zeitung Leitung Wortmeldung Meinung
    Kenntnis Kenntnisnahme Verfügung Vorberatung Abstimmung Entscheidung Tagesordnungspunkt
    Bildung Bauen Finanzen Soziales Umwelt Verkehr Kultur Sport Jugend Schule Schulen Tiefbau Hochbau Recht
    Organisation Wirtschaft Stadtentwicklung Liegenschaften Stadtplanung Bauordnung Grünflächen Gesundheit Ordnung
    Pressestelle Presseamt Hauptamt Kämmerei Bürgerdienste Feuerwehrwesen Abfallwirtschaft Klimaschutz Integration
""".split())

# Endings of nouns that are no family names ("Schulverwaltung", "Kämmerei"); short words with them
# can be names ("Hartung", "Jannis"), so the check applies to long words only.
_NOUN_ENDING = re.compile(r"(?:schaft|tion|sion|tät|ismus|ment|tum|erei|amt|verband|zentrum|"
                          r"person|stelle|büro|werk|verein|kasse|gesellschaft|gebiet|bereich|bau|wesen)$")
_LONG_NOUN_ENDING = re.compile(r"(?:ung|nis|rat)$")
_VERY_LONG_NOUN_ENDING = re.compile(r"(?:heit|keit)$")  # "Sicherheit", but "Domscheit" is a name


@dataclass(frozen=True)
class Mention:
    """One naming of a person in the text, with what it says about them."""

    start: int
    end: int
    family: str
    given: str | None
    address: str | None  # "Herr" / "Frau"
    title: str | None
    role: str | None  # as written, any case
    feminine: bool | None = None


@lru_cache(maxsize=4096)
def _feminine(address: str | None, role: str | None, given: str | None) -> bool | None:
    if address:
        return address == "Frau"
    if given:
        g = is_feminine_name(given)
        if g is not None:
            return g
    if role:
        last = role.split()[-1]
        if re.search(r"(?:in|innen|frau)$", last):
            return True
        if re.search(r"(?:er|herr|rat|meister|leiter|direktor|ent)$", last) and not last.endswith(("rätin",)):
            if not re.search(r"(?:vorsitzend|verordnet|beigeordnet|abgeordnet|beauftragt)er$", last):
                return False
    return None


@lru_cache(maxsize=4096)
def role_nominative(role: str, feminine: bool | None = None) -> str:
    """The nominative of a function phrase as written in any case, in the given gender.

    >>> role_nominative("des Ersten Beigeordneten")
    'Erster Beigeordneter'
    >>> role_nominative("Technische Beigeordnete")
    'Technische Beigeordnete'
    >>> role_nominative("Stadtverordnetem")
    'Stadtverordneter'
    >>> role_nominative("Kreistagsabgeordneter", feminine=True)
    'Kreistagsabgeordnete'
    >>> role_nominative("Landrates")
    'Landrat'
    """
    role = re.sub(r"^(?:der|des|dem|den|die|vom|von|zum|zur|durch|an|für)\s+", "", " ".join(role.split()))
    complement = re.search(r"\s(?:der|des)\s.+$", role)
    if complement:  # "Vorsitzende der Stadtverordnetenversammlung": the head is declined, the rest stays
        return role_nominative(role[:complement.start()], feminine) + complement.group()
    words = role.split(" ")
    head = words[-1]
    adjectival = re.search(rf"(?:{_ROLE_ADJ_STEMS}|vorsitzend|stellvertretend)(e[rnms]?)$", head.lower())
    if adjectival:
        ending = adjectival.group(1)
        if feminine is None:
            feminine = True if ending == "e" and not any(w.endswith("er") and w[0].isupper() for w in words[:-1]) \
                else None if ending in ("en", "em") else ending == "e"
        stem = head[: -len(ending)]
        words[-1] = stem + ("e" if feminine else "er")
    else:
        if not head.endswith(("in", "innen")):
            # genitive/dative of masculine nouns: "des Landrates", "dem Ratsherrn", "des Kämmerers"
            head = re.sub(r"(rat|herr|tor|ent|ster|eiter|erer|rer|her)e?s$", r"\1", head)
            head = re.sub(r"herrn$", "herr", head)
            head = re.sub(r"(ent|tor)en$", r"\1", head)
        words[-1] = head
        if feminine is None:
            feminine = head.endswith(("in", "frau"))
    for i in range(len(words) - 1):
        adj = re.fullmatch(r"(Erst|Zweit|Dritt|Viert|Technisch|Allgemein|Ehrenamtlich|Hauptamtlich|Sachkundig"
                           r"|Beratend|Leitend|Kommissarisch|[Ss]tellvertretend)(e[rnms]?)", words[i])
        if adj:
            words[i] = adj.group(1) + ("e" if feminine else "er")
    return " ".join(words)


def _bare(family: str) -> str:
    return re.sub(rf"^{PARTICLE}[ \t]+", "", family)


@lru_cache(maxsize=65536)  # the same words recur in every document
def plausible_family(word: str) -> bool:
    """Whether a capitalised word can be a family name (not a field label, a function, a noun)."""
    bare = _bare(word)
    if len(bare) < 2 or bare in NOT_NAMES or word in NOT_NAMES or _FUNCTION_WORD.fullmatch(bare):
        return False
    lower = bare.lower()
    if (" " in word or len(bare) >= 7) and _NOUN_ENDING.search(lower):
        return False
    if len(bare) >= 9 and _LONG_NOUN_ENDING.search(lower):
        return False
    if len(bare) >= 10 and _VERY_LONG_NOUN_ENDING.search(lower):
        return False
    return True


_PARTICLE_START = re.compile(rf"{PARTICLE}[ \t]")

# Function nouns that are never family names (family names like "Hoffmeister" or "Kaiser" are).
_FUNCTION_WORD = re.compile(
    rf"(?=[A-ZÄÖÜ])(?i:[a-zäöüß]*(?:{_ROLE_NOUN_STEMS})(?:in|innen))"
    rf"|(?=[A-ZÄÖÜ])(?i:[a-zäöüß]*(?:{_ROLE_ADJ_STEMS})(?:e[rnms]?))"
    r"|(?:Ober|Bürger|Protokoll|Schrift|Stadt|Kreis|Gemeinde|Ausschuss|Fraktions|Land|Orts|Bezirks|Fachbereichs|Amts"
    r"|Rats|Kreistags|Stadtverordneten|Presse|Haupt|Sach|Fach|Abteilungs|Geschäfts|Verwaltungs)[a-zäöüß]*"
    rf"(?:{_ROLE_NOUN_STEMS})(?:e[rnms]?|in(?:nen)?|s|n)?")


def _name_ends_well(text: str, end: int) -> bool:
    """A name is not followed by ":" (a label), ". " after a short word, or ", <digit>" (a place and date)."""
    after = text[end:end + 12]
    return not re.match(r"[ \t]*:|,[ \t]*\d|\.\s?\d|\t+\d{1,2}\.\d", after)


# Where a mention can start: a word that begins a form of address, a function or its prefix.
# Trying PERSON only there (`_mention_starts`) finds what `PERSON.search` finds, several times faster.
_WORD_START = re.compile(r"[A-ZÄÖÜsv](?<![\w-].)[^\W\d_]*+\.?")
_MENTION_WORDS = frozenset(
    "Herr Herrn Frau stellv. stv. Stv. Stellv. BM OB BGM Bgm. OBM LR StR KTA GR StV".split()
    + [f"{stem}{ending}" for stem in ("stellvertretende", "Stellvertretende") for ending in ("", "r", "n", "m", "s")]
    + [f"{stem}{ending}" for stem in ("Erste", "Zweite", "Dritte", "Vierte", "Technische", "Allgemeine", "Ehrenamtliche",
                                      "Hauptamtliche", "Sachkundige", "Beratende", "Leitende", "Kommissarische")
       for ending in ("", "r", "n", "m", "s")])
# the role endings by their last two letters: one dict lookup instead of 300 endswith tests
_ROLE_ENDINGS: dict[str, tuple[str, ...]] = {}
for _ending in sorted(_NOUN_ROLE_ENDINGS | _ADJ_ROLE_ENDINGS):
    _ROLE_ENDINGS[_ending[-2:]] = (*_ROLE_ENDINGS.get(_ending[-2:], ()), _ending)


def _role_word(word: str) -> bool:
    lower = word.lower()
    endings = _ROLE_ENDINGS.get(lower[-2:])
    return endings is not None and lower.endswith(endings)


@lru_cache(maxsize=8192)
def _starts_mention(word: str) -> bool:
    """Whether a word can start a mention (memoised: the words of minutes recur)."""
    if word in _MENTION_WORDS:
        return True
    bare = word.rstrip(".")
    return bare in _MENTION_WORDS or _role_word(bare)


def _mention_starts(text: str, start: int, end: int) -> list[int]:
    return [m.start() for m in _WORD_START.finditer(text, start, end) if _starts_mention(m.group())]


def find_mentions(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """All person mentions in text[start:end] that have a form of address or a function."""
    out = []
    end = len(text) if end is None else end
    pos = start
    for at in _mention_starts(text, start, end):
        if at < pos:
            continue
        m = PERSON.match(text, at, end)
        if m is None:
            continue
        pos = m.start() + 1
        address = m.group("address") or m.group("address2")
        role = m.group("role") or m.group("role2")
        if role and role.split()[-1] in NOT_ROLES and not role.startswith("Sachkundig"):
            role = None
            if not address:
                continue
        given, family = m.group("given"), m.group("family")
        family_end = m.end("family")
        prefix_end = m.start("given") if given else m.start("family")
        if "\n" in text[m.start():prefix_end]:
            # a function on the line before the name counts when it stands alone there (a label)
            line_start = text.rfind("\n", 0, m.start()) + 1
            if text[line_start:m.start()].strip() or text[m.start():prefix_end].count("\n") > 1:
                continue
        if given and "\n" in text[m.end("given"):m.start("family")] and not is_given_name(given):
            family, given = given, None  # a wrapped line joins a name with the next line's first word
            family_end = m.start("given") + len(family)
        if given and (given in NOT_NAMES or not plausible_family(given) or not plausible_family(family)
                      or (_PARTICLE_START.match(family) and not is_given_name(given))):
            # "Herr Meier Stellung …", "Herrn Kreuzberger vom Dezernat": only the first word is the name
            family, given = given, None
            family_end = m.start("given") + len(family)
        if given and is_given_name(family):
            # "Marktgemeinderat Franz Xaver Hölzl": a second given name, then the family name
            more = re.match(rf"[ ]{{1,2}}(?P<family>(?:{PARTICLE}[ \t]+)?{NAME})(?![\w-])", text[family_end:end])
            if more:
                given, family = f"{given} {family}", more.group("family")
                family_end += more.end()
        if not plausible_family(family) or not _name_ends_well(text, family_end):
            continue
        address_norm = "Herr" if address and address.startswith("Herr") else address
        feminine = _feminine(address_norm, role, given)
        if feminine is None and role:
            # the article tells the gender of "Vorsitzende": "Der Vorsitzende …", "Die Vorsitzende …"
            article = re.search(r"\b(Der|Die|dem|den|des)\s+$", text[max(0, m.start() - 6):m.start()])
            if article:
                feminine = article.group(1) == "Die"
        out.append(Mention(m.start(), family_end, family, given, address_norm, m.group("title"), role, feminine))
        pos = family_end
    return out


# --- names in lists (attendance, labels, signatures) ---------------------------------------

@dataclass(frozen=True)
class ListedName:
    family: str
    given: str | None = None
    title: str | None = None
    role: str | None = None
    address: str | None = None
    start: int = 0  # offsets relative to the parsed cell
    end: int = 0


# "Harms, Jens-Uwe", "Dr. Harms, Jens-Uwe", "Hünninghaus, Dr. Elisabeth", "vom Brocke, Katharina"
_INVERTED = re.compile(
    rf"^(?:(?P<role>{_ROLE}){_SP})?(?:(?P<title>{TITLE})[ \t]*)?(?P<family>(?:{PARTICLE}{_SP})?{NAME}),[ \t]*"
    rf"(?:(?P<title2>{TITLE})[ \t]*)?(?P<given>{NAME}(?:[ \t]{NAME})?)$")
# "Dr. Peter Kessler", "Stadtverordneter Bernd Hofmann", "Frau Heike Schubert", "Erste Kreisrätin Dr. vom Brocke"
_DIRECT = re.compile(
    rf"^(?:(?P<address>{ADDRESS}){_SP})?(?:(?P<role>{_ROLE}){_SP})?(?:(?P<title>{TITLE})[ \t]*)?"
    rf"(?:(?P<given>{NAME}){_SP})?(?P<family>(?:{PARTICLE}{_SP})?{NAME})$")


@lru_cache(maxsize=4096)
def parse_listed_name(cell: str) -> ListedName | None:
    """A person's name as lists write it; None when the cell is no name (memoised: the result is frozen).

    >>> parse_listed_name("Dr. Harms, Jens-Uwe")
    ListedName(family='Harms', given='Jens-Uwe', title='Dr.', role=None, address=None, start=0, end=19)
    >>> parse_listed_name("Stadtverordneter Bernd Hofmann").role
    'Stadtverordneter'
    >>> parse_listed_name("Mitglieder") is None
    True
    """
    stripped = cell.strip()
    offset = cell.find(stripped) if stripped else 0
    m = _INVERTED.match(stripped)
    if m:
        given = m.group("given")
        if not plausible_family(m.group("family")) or given.split()[0] in NOT_NAMES:
            return None
        return ListedName(m.group("family"), given, m.group("title") or m.group("title2"), m.group("role"),
                          None, offset, offset + len(stripped))
    m = _DIRECT.match(stripped)
    if not m:
        return None
    given, family, role = m.group("given"), m.group("family"), m.group("role")
    if role and role.split()[-1] in NOT_ROLES:
        return None
    if not plausible_family(family):
        return None
    # a bare name needs a title, address, role or a known given name to be taken for a person
    if not (m.group("address") or role or m.group("title") or (given and is_given_name(given))):
        return None
    if given and given in NOT_NAMES:
        return None
    address = m.group("address")
    address = "Herr" if address and address.startswith("Herr") else address
    return ListedName(family, given, m.group("title"), role, address, offset, offset + len(stripped))


# A given and family name in running text without address or function, when the given name is
# known: "Sabine Müller-Hagedorn, Vorsitzende der SPD-Fraktion", "Nina Wolters, Pressesprecherin"
FREE_NAME = rx.compile(rf"(?<![\w-])(?:(?P<title>{TITLE}) {{1,2}})?(?P<given>{NAME}) {{1,2}}"
                       rf"(?P<family>(?:{PARTICLE} {{1,2}})?{NAME})(?![\w-])")


def find_free_names(text: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """Names in running text that carry no address or function but start with a known given name."""
    out = []
    for m in FREE_NAME.finditer(text, start, len(text) if end is None else end):
        given, family = m.group("given"), m.group("family")
        if not is_given_name(given) or not plausible_family(family) or is_given_name(family):
            continue
        if not _name_ends_well(text, m.end()):
            continue
        out.append(Mention(m.start(), m.end(), family, given, None, m.group("title"), None,
                           is_feminine_name(given)))
    return out
