"""Extraction: minutes text → `Minutes` model.

The layout family (`layouts/`) cuts a text into its header, attendance list, agenda and one
section per agenda item; the rules for the language of minutes (persons, Gremien, factions,
votes, amounts, …) then run on the part they belong to. Entry point: `extract(document)`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from . import regex as rx
from ..errors import ExtractionError
from ..model import (
    FRAKTION,
    GREMIUM,
    AgendaItem,
    Body,
    Clause,
    Consultation,
    Decision,
    Meeting,
    MeetingKey,
    Membership,
    Minutes,
    MonetaryAmount,
    Organization,
    Paper,
    Person,
    Resolution,
    Span,
    Statement,
)
from ..sources import Document
from . import attendance as att
from . import results as res
from . import statements as st
from .amounts import find_amounts, table_amounts
from .bodies import find_body
from .consultations import find_rows
from .dates import DATE, find_dates, parse_date
from .fields import field as get_field
from .layouts import MeetingHeader, Section, Segmentation, choose_layout
from .layouts.common import datetime_of
from .lexicon import PARTY_GROUP, is_feminine_name
from .organizations import (
    FACTION_PREFIXED,
    FACTION_SUFFIXED,
    GREMIUM as GREMIUM_RE,
    GROUP,
    MEETING_COMPOUND,
    PARTY_NAME,
    faction_key,
    faction_name,
    nominative,
    place_of,
    suffixed_factions,
)
from .papers import find_papers, reference_cells
from .persons import ROLE, Mention, find_free_names, find_mentions, parse_listed_name, role_nominative
from .resolutions import CLAUSE_START, KINDS, RESOLUTION_LABEL, RESOLVING_VERB, RESULT_LABEL
from .text import collapse, first_sentence, normalise, sentences
from .text import span as make_span
from .votes import VoteResult, parse_vote

__all__ = ["extract"]

# Gremium words too generic to name a body on their own ("an den Fachausschuss verwiesen").
_GENERIC_GREMIEN = frozenset({"Ausschuss", "Fachausschuss", "Beirat", "Gremium", "Ausschüsse"})
# Labels whose value names a person with that function ("Vorsitzende:\tAylin Demir").
_PERSON_FIELDS = {"Vorsitz": "Vorsitz", "Vorsitzender": "Vorsitzender", "Vorsitzende": "Vorsitzende",
                  "Schriftführer": "Schriftführer", "Schriftführerin": "Schriftführerin",
                  "Protokollführer": "Protokollführer", "Protokollführerin": "Protokollführerin",
                  "Verfasser": None, "Verfasser/-in": None, "Bearbeiter/-in": None, "Bearbeiter": None,
                  "Bearbeiterin": None, "Schriftführung": None, "Protokoll": None}
# "Beschlussempfehlung des Haupt- und Finanzausschusses vom 07.03.2023: Annahme"
RECOMMENDATION = re.compile(
    rf"^[ \t]*(?:Beschlussempfehlung|Empfehlung|Votum)[ \t]+(?:des|der)[ \t]+(?P<g>[^\n:]+?)[ \t]+vom[ \t]+"
    rf"(?P<date>{DATE.pattern})[ \t]*:[ \t]*(?P<result>[^\n]+)$", re.MULTILINE | re.VERBOSE)
# A signature: "gez. Kölsch" or a name on a line of its own, with the function on the next line.
SIGNATURE = re.compile(r"^[ \t]*(?:gez\.[ \t]*)?(?P<cells>[^\n]{2,120})\n[ \t]*(?P<roles>[^\n]{2,120})[ \t]*$",
                       re.MULTILINE)


def _recommendation_lines(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """RECOMMENDATION's matches in text[start:end]; each names "[Ee]mpfehlung" or "Votum"."""
    end = len(text) if end is None else end
    if text.find("mpfehlung", start, end) < 0 and text.find("Votum", start, end) < 0:
        return []
    return list(RECOMMENDATION.finditer(text, start, end))


@dataclass
class _Item:
    """An agenda item while it is being built."""

    meeting: MeetingKey | None
    number: str | None
    name: str | None
    span: Span | None
    public: bool | None = None
    order: int | None = None
    decisions: list[Decision] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    amounts: list[MonetaryAmount] = field(default_factory=list)
    status_decision: bool = False  # its first decision is the result column of the agenda table


@dataclass
class _Person:
    family: str
    given: str | None = None
    address: str | None = None
    title: str | None = None
    roles: dict[str, None] = field(default_factory=dict)  # as written
    feminine: bool | None = None
    spans: list[Span] = field(default_factory=list)


class _Builder:
    """Collects what the rules find in one document and assembles the `Minutes`."""

    def __init__(self, document: Document, view: str) -> None:
        self.document = document
        self.text = document.text
        self.view = view
        self.gremien: dict[str, None] = {}
        self.factions: dict[str, str] = {}  # key → name
        self.fraktion_forms: dict[str, str] = {}  # key → "X-Fraktion" when ever called so
        self.meetings: dict[MeetingKey, dict] = {}
        self.items: list[_Item] = []
        self.persons: dict[str, _Person] = {}
        self.person_at: dict[int, str] = {}  # mention start → person key
        self.mentions: list[Mention] = []
        self.participants: dict[MeetingKey, dict[str, None]] = defaultdict(dict)
        self.memberships: dict[tuple[str, str], str | None] = {}
        self.consultations: list[Consultation] = []
        self.skip: list[tuple[int, int]] = []
        self.doc_amounts: list[MonetaryAmount] = []
        self.warnings: list[str] = []

    # --- helpers ---------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        s = make_span(self.view, start, end)
        return Span(s.start, s.end, self.text[s.start:s.end])

    def gremium(self, name: str | None) -> str | None:
        """Register a Gremium by its nominative name; generic words map to a known full name."""
        if not name:
            return None
        name = nominative(name)
        if name in _GENERIC_GREMIEN:
            return None
        for known in self.gremien:
            if known != name and known.startswith(name + " "):
                return known
        self.gremien.setdefault(name, None)
        return name

    def meeting(self, organization: str, date: dt.date, start=None, span: Span | None = None,
                end=None, location: str | None = None) -> MeetingKey:
        key = MeetingKey(organization, date)
        entry = self.meetings.setdefault(key, {"start": date, "span": span, "end": None, "location": None})
        if start is not None:
            entry["start"] = start
        if end is not None:
            entry["end"] = end
        if location:
            entry["location"] = location
        if span is not None and entry["span"] is None:
            entry["span"] = span
        return key

    def person(self, family: str, given: str | None = None, *, address: str | None = None,
               title: str | None = None, role: str | None = None, feminine: bool | None = None,
               span: Span | None = None) -> str:
        """Register a person by family name (merging inflected and repeated mentions)."""
        family = " ".join(family.split())
        key = family
        p = self.persons.get(key)
        if p is None:
            p = self.persons[key] = _Person(family)
        if given and not p.given:
            p.given = given
        p.address = p.address or address
        p.title = p.title or title
        if role:
            p.roles.setdefault(role, None)
        if feminine is not None and p.feminine is None:
            p.feminine = feminine
        if address and p.feminine is None:
            p.feminine = address == "Frau"
        if given and p.feminine is None:
            p.feminine = is_feminine_name(given)
        if span is not None and span not in p.spans:
            p.spans.append(span)
        return key

    def faction(self, written: str) -> str:
        """Register a Fraktion or Gruppe as written; returns its normalised name."""
        key = faction_key(written)
        name = self.factions.get(key)
        if name is None:
            name = self.factions[key] = written
        return name

    def in_skip(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.skip)


def extract(document: Document, body: str | None = None) -> Minutes:
    """Extract the model of one decoded document.

    `body` names the Körperschaft when the text does not (`--body`). Raises ExtractionError when
    the text holds nothing that minutes are made of."""
    text = document.text
    view = normalise(text)
    if not re.search(r"[A-Za-zÄÖÜäöüß]{3}", view):
        raise ExtractionError("no words found: this does not look like council minutes", document.source.name)
    b = _Builder(document, view)
    seg = choose_layout(view).segment(view)
    b.skip = list(seg.skip)

    _collect_factions(b, seg)
    _collect_persons(b, seg)
    meeting = _header_meeting(b, seg)
    for section in seg.sections:
        if section.organization:
            b.gremium(section.organization)
    _agenda_items(b, seg, meeting)
    for section in seg.sections:
        _extract_section(b, section, seg, meeting)
    _consultation_table(b, seg)
    _recommendations(b, seg)
    _collect_narrated_meetings(b, seg)
    _attendance(b, seg, meeting)
    body_name = body
    if body_name is None:
        found = find_body(view)
        body_name = found[0] if found else None
    if body_name is None:
        for g in b.gremien:
            body_name = place_of(g) or body_name
    papers = _collect_papers(b, seg)
    _document_amounts(b, seg)
    _contradictions(b, meeting)
    return _assemble(b, body_name, papers)


# "gesetzliche Anzahl der Gemeindevertreter: 13", "mit 47 von 51 Mitgliedern", "Gesetzliche Mitgliederzahl: 26"
_MEMBERS = rx.compile(r"(?:gesetzliche\s+(?:Anzahl|Mitgliederzahl)[^:\n]{0,40}:\s*(?P<legal>\d{1,3})"
                      r"|\b(?P<present>\d{1,3})\s+von\s+(?P<of>\d{1,3})\s+(?:stimmberechtigten\s+)?Mitglieder)", re.I)
# A document's own date: "Hohenwalde, 27.06.2022" on a line of its own
_DOCUMENT_DATE = re.compile(rf"^[ \t]*[A-ZÄÖÜ][\wäöüß .-]{{1,40}},[ \t]*(?:den[ \t]+)?(?P<date>{DATE.pattern})[ \t]*$",
                            re.MULTILINE | re.VERBOSE)


def _may_count_members(text: str) -> bool:
    """Whether _MEMBERS can match: "gesetzliche" holds "etzl", "von … Mitglieder" "von" and "tgl", in any
    case (letters that re.IGNORECASE matches only with their own upper or lower case)."""
    lower = text.lower()
    return "etzl" in lower or ("von" in lower and "tgl" in lower)


def _contradictions(b: _Builder, meeting: MeetingKey | None) -> None:
    """Facts that contradict each other are warnings, never errors: more votes than members, a
    meeting dated in the future or after the document that records it."""
    members = [int(m.group("legal") or m.group("of")) for m in _MEMBERS.finditer(b.view)] if any(
        item.decisions for item in b.items) and _may_count_members(b.view) else []
    limit = max(members) if members else None
    if limit:
        for item in b.items:
            for d in item.decisions:
                total = sum(c for c in (d.votes_for, d.votes_against, d.abstentions) if c is not None)
                if total > limit:
                    b.warnings.append(f"{d.span.start}: {total} votes counted, but the body has {limit} members")
    if meeting is not None:
        if meeting.date > dt.date.today():
            entry = b.meetings.get(meeting, {})
            where = f"{entry['span'].start}: " if entry.get("span") is not None else ""
            b.warnings.append(f"{where}the meeting of {meeting.organization} is dated {meeting.date.isoformat()}, "
                              "in the future")
        for m in _DOCUMENT_DATE.finditer(b.view, 0, min(len(b.view), 800)):
            written = parse_date(DATE.search(m.group("date")))  # type: ignore[arg-type]
            if written and written < meeting.date and (meeting.date - written).days < 3650:
                b.warnings.append(f"{m.start('date')}: the document is dated {written.isoformat()}, before "
                                  f"the meeting it records ({meeting.date.isoformat()})")
            break


def _document_amounts(b: _Builder, seg: Segmentation) -> None:
    """Amounts named outside every agenda item (a header, a fragment's first lines) are the file's."""
    ranges = [(s.start, s.end) for s in seg.sections]
    for start, end, value in find_amounts(b.view) + table_amounts(b.view):
        if not any(s <= start < e for s, e in ranges):
            b.doc_amounts.append(MonetaryAmount(value, b.span(start, end)))


# --- factions -------------------------------------------------------------------------------

def _collect_factions(b: _Builder, seg: Segmentation) -> None:
    """Fraktionen named as such, Gruppen, and parties acting as groups in running text. A party
    is named "X-Fraktion" when the text ever calls it a Fraktion, else as first written."""
    # every Fraktion is named with "[Ff]raktion", every Gruppe with "Gruppe": without them no scan finds one
    named = suffixed_factions(b.view) + list(FACTION_PREFIXED.finditer(b.view)) if "raktion" in b.view else []
    groups = list(GROUP.finditer(b.view)) if "Gruppe" in b.view else []
    for m in named:
        b.fraktion_forms.setdefault(faction_key(m.group("party")), faction_name(m.group("party")))
    found: list[tuple[int, str]] = []
    for m in named:
        if not _after_person(b.view, m.start()):
            found.append((m.start(), faction_name(m.group("party"))))
    for m in groups:
        if not _after_person(b.view, m.start()):
            found.append((m.start(), "Gruppe " + " ".join(m.group("group").split())))
    covered = [(m.start(), m.end()) for m in named + groups]
    for m in PARTY_NAME.finditer(b.view):
        in_list = seg.attendance is not None and seg.attendance[0] <= m.start() < seg.attendance[1]
        if any(s <= m.start() < e for s, e in covered) or in_list or _after_person(b.view, m.start()):
            continue
        if _in_table_row(b.view, m.start()) or not _acts_as_group(b.view, m.start(), m.end()):
            continue
        found.append((m.start(), " ".join(m.group("party").split())))
    for _, written in sorted(found):
        key = faction_key(written)
        if key in b.factions:
            continue
        if written.startswith("Gruppe "):
            b.factions[key] = written
        else:
            b.factions[key] = b.fraktion_forms.get(key, written)


# "Stadträtin Voigt (": a name, then an opening parenthesis and blanks at most up to the party
_NAME_THEN_PAREN = re.compile(r"(\w[\w'-]*)\s*\(\s*$")
# "Nein-Stimmen: 3 (": a count, then the parenthesis
_COUNT_THEN_PAREN = re.compile(r"(?:Stimmen?|Ja|Nein|Enthaltungen?|Gegenstimmen?)\s*:?\s*\d*\s*\(\s*$")


def _after_person(text: str, pos: int) -> bool:
    """A party in parentheses right after a name ("Stadträtin Voigt (DIE LINKE)") adds no faction."""
    before = text[max(0, pos - 60):pos]
    # both patterns end in "(" and white space (`\s` is what str.strip strips): without it neither matches
    if not before.rstrip().endswith("("):
        return False
    name = _NAME_THEN_PAREN.search(before)
    return bool(name and name.group(1)[0].isupper()) and not _COUNT_THEN_PAREN.search(before)


def _in_table_row(text: str, pos: int) -> bool:
    """Party columns of attendance lists and roll calls ("Bachmann, Steffen<TAB>CDU<TAB><TAB>X"); a
    vote table's rows by faction ("CDU<TAB>11<TAB>0<TAB>0") are no such column."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    if "\t" not in line:
        return False  # both readings need a tab in the line
    return bool(re.match(r"^[ \t]*[A-ZÄÖÜ][\wäöüß'-]+,\s", line)) or bool(
        re.match(r"^[ \t]*(?:[A-ZÄÖÜ][\wäöüß'.-]+[ \t]){0,4}[A-ZÄÖÜ][\wäöüß'-]+,\s[A-ZÄÖÜ]", line))


def _acts_as_group(text: str, start: int, end: int) -> bool:
    """A party acts as a group: in a vote breakdown, as the subject or author of something."""
    before = text[max(0, start - 40):start]
    after = text[end:end + 30]
    # each pattern on `before` ends in a character the text must hold: "(", ":" or "," before the
    # last blanks, a blank at the very end; the pattern is tried only where the text has it
    tail = before.rstrip()
    if "(" in before and _OPEN_PAREN_BEFORE.search(before) and _CLOSE_PAREN_AFTER.match(after):
        return True  # "(CDU, UWG)", "Nein-Stimmen: 3 (AfD)"
    if tail.endswith((":", ",")) and _VOTE_LABEL_BEFORE.search(before):
        return True  # "Ja: CDU, FWG, FDP"
    if _LINE_START_BEFORE.search(before) and _COUNTS_AFTER.match(after):
        return True  # a row of a vote table by faction: "CDU<TAB>11<TAB>0<TAB>0"
    if before[-1:].isspace() and _ACTOR_WORD_BEFORE.search(before):
        return True
    return False


_OPEN_PAREN_BEFORE = re.compile(r"\(\s*(?:[^()]*,\s*)?$")
_CLOSE_PAREN_AFTER = re.compile(r"\s*(?:,[^()]*)?\)")
_VOTE_LABEL_BEFORE = re.compile(r"(?:\b(?:Ja|Nein|Enthaltung(?:en)?|dafür|dagegen)\s*:|,)\s*$")
_LINE_START_BEFORE = re.compile(r"(?:^|\n)[ \t]*$")
_COUNTS_AFTER = re.compile(r"[ \t]*\t\d{1,3}\t\d{1,3}")
_ACTOR_WORD_BEFORE = re.compile(r"\b(?:die|der|Die|Der|für\s+die|Antrag\s+der|Anfrage\s+der|Stimmen\s+der|namens\s+der|"
                                r"gegen|und|sowie|Auch\s+die|auch\s+die)\s+$")


# --- persons ----------------------------------------------------------------------------------

def _collect_persons(b: _Builder, seg: Segmentation) -> None:
    """Persons from mentions in running text, from labelled fields, attendance lists and signatures."""
    b.mentions = find_mentions(b.view)
    taken = [(m.start, m.end) for m in b.mentions]
    free = [m for m in find_free_names(b.view) if not any(s <= m.start < e or m.start <= s < m.end for s, e in taken)]
    for m in sorted(b.mentions + free, key=lambda m: m.start):
        key = b.person(m.family, m.given, address=m.address, title=m.title, role=m.role, feminine=m.feminine,
                       span=b.span(m.start, m.end))
        b.person_at[m.start] = key
    b.mentions = sorted(b.mentions + free, key=lambda m: m.start)
    for f in seg.fields:
        if f.label not in _PERSON_FIELDS:
            continue
        for piece_start, piece in _pieces(f.value):
            name = parse_listed_name(re.sub(r",\s*(?:VG|Amt|FD|Fachdienst|Fachbereich)\b.*$", "", piece))
            if name is None:
                continue
            role = name.role or _PERSON_FIELDS[f.label]
            start = f.start + piece_start + name.start
            key = b.person(name.family, name.given, address=name.address, title=name.title, role=role,
                           span=b.span(start, f.start + piece_start + name.end))
            if f.label.startswith(("Vorsitz", "Schriftf", "Protokollf")):
                b.memberships_pending = getattr(b, "memberships_pending", [])
                b.memberships_pending.append((key, "Vorsitz" if f.label.startswith("Vorsitz") else "Schriftführung"))
    _signatures(b)
    _signed_lines(b)
    _name_rows(b, seg)


# A row of a name table ("Bachmann, Steffen<TAB>CDU<TAB><TAB>X"): family, given, then a tab.
_NAME_ROW = re.compile(r"^[ \t]*(?P<cell>(?:Dr\.\s)?[A-ZÄÖÜ][\wäöüß'-]+(?:\s[a-z]{2,3}\s[A-ZÄÖÜ][\wäöüß'-]+)?,"
                       r"\s(?:Dr\.\s)?[A-ZÄÖÜ][\wäöüß'-]+(?:[ -][A-ZÄÖÜ][\wäöüß'-]+)?)[ \t]*\t", re.MULTILINE)


# "gez. Melcher, Protokollführerin", "gez. Dr. Anke Brandau, Bürgermeisterin"
_SIGNED = re.compile(r"^[ \t]*gez\.[ \t]*(?P<name>(?:Dr\.\s)?[A-ZÄÖÜ][\wäöüß-]+(?:\s[A-ZÄÖÜ][\wäöüß-]+)?)"
                     r"(?:,[ \t]*(?P<role>[^\n,]{3,40}))?[ \t]*$", re.MULTILINE)


def _signed_lines(b: _Builder) -> None:
    from .persons import ListedName, plausible_family

    for m in (_SIGNED.finditer(b.view) if "gez." in b.view else ()):
        words = m.group("name").replace("Dr. ", "").split()
        if not plausible_family(words[-1]):
            continue
        name = ListedName(words[-1], words[0] if len(words) > 1 else None, "Dr." if "Dr." in m.group("name") else None)
        b.person(name.family, name.given, title=name.title, span=b.span(m.start("name"), m.end("name")))


def _name_rows(b: _Builder, seg: Segmentation) -> None:
    """Persons listed in tables outside the attendance list (a roll call): two or more rows in a row."""
    rows = [m for m in _NAME_ROW.finditer(b.view)
            if not (seg.attendance and seg.attendance[0] <= m.start() < seg.attendance[1])]
    for m in rows:
        neighbours = [r for r in rows if r is not m and abs(r.start() - m.start()) < 120]
        if not neighbours:
            continue
        name = parse_listed_name(m.group("cell"))
        if name is None:
            continue
        b.person(name.family, name.given, title=name.title, span=b.span(m.start("cell"), m.end("cell")))


def _pieces(value: str) -> list[tuple[int, str]]:
    if ";" in value:
        out, pos = [], 0
        for piece in value.split(";"):
            out.append((pos, piece))
            pos += len(piece) + 1
        return out
    return [(0, value)]


# The function under a signature: "Schriftführerin", "Erster Bürgermeister", "Urkundsperson".
_SIGNATURE_ROLE = re.compile(rf"(?:{ROLE.pattern})|Urkundsperson|Vorsitzende[r]?|Protokoll|In Vertretung")


_LINE = re.compile(r"[^\n]+")
_GAP = re.compile(r"\t+|\s{3,}")


def _signatures(b: _Builder) -> None:
    """Names at the foot of a document with the function on the line below ("gez. Kölsch /
    Schriftführerin", "Karl-Heinz Albers<TAB><TAB>Norbert Becker / Bürgermeister<TAB>Schriftführer")."""
    from .persons import ListedName, plausible_family

    tail_start = max(0, len(b.view) - 1500)
    lines = [(m.start(), m.group()) for m in _LINE.finditer(b.view[tail_start:])]
    for (name_at, name_line), (_, role_line) in zip(lines, lines[1:]):
        roles = [r.strip() for r in _GAP.split(role_line) if r.strip()]
        if not roles or not all(_SIGNATURE_ROLE.fullmatch(r) for r in roles):
            continue
        for cell in re.finditer(r"[^\t]+?(?=\t|\s{3,}|$)", name_line):
            raw = re.sub(r"^gez\.\s*", "", cell.group().strip())
            if raw.count(",") == 1 and not re.search(r",\s*[A-ZÄÖÜ][a-zäöüß-]+$", raw):
                raw = raw.split(",")[0].strip()  # "Dr. Sabine Kirchner, Erste Bürgermeisterin"
            name = parse_listed_name(raw)
            if name is None and re.fullmatch(r"(?:Dr\.\s)?[A-ZÄÖÜ][\wäöüß-]+", raw):
                bare = raw.replace("Dr. ", "")
                if bare in b.persons or not plausible_family(bare) or bare in roles:
                    continue
                name = ListedName(bare, None, "Dr." if raw.startswith("Dr.") else None)
            if name is None:
                continue
            start = tail_start + name_at + name_line.find(raw, cell.start())
            b.person(name.family, name.given, address=name.address, title=name.title, role=name.role,
                     span=b.span(start, start + len(raw)))


def _attendance(b: _Builder, seg: Segmentation, meeting: MeetingKey | None) -> None:
    if not seg.attendance:
        return
    for a in att.parse_attendance(b.view, *seg.attendance):
        n = a.name
        key = b.person(n.family, n.given, address=n.address, title=n.title, role=a.role_label,
                       span=b.span(a.start, a.end))
        if meeting and a.present:
            b.participants[meeting].setdefault(key, None)
        if a.faction:
            fkey = faction_key(re.sub(r"-Fraktion$|^Fraktion\s+", "", a.faction))
            name = b.factions.get(fkey)
            if name is not None:
                role = a.function if a.function and "vorsitz" in a.function.lower() and "Fraktion" in a.function \
                    else None
                b.memberships[(key, name)] = role
            if meeting:
                role = _membership_role(a.role_label) or _membership_role(a.function)
                b.memberships[(key, meeting.organization)] = role
        elif meeting and (a.role_label or "").lower().endswith(("vorsitzende", "vorsitzender", "vorsitz")):
            b.memberships[(key, meeting.organization)] = "Vorsitz"
    for key, role in getattr(b, "memberships_pending", []):
        if meeting:
            b.memberships[(key, meeting.organization)] = role


def _membership_role(text: str | None) -> str | None:
    if not text:
        return None
    lower = text.lower()
    if "vorsitz" in lower and "fraktion" not in lower:
        return "stellvertretender Vorsitz" if lower.startswith(("stellv", "stv")) else "Vorsitz"
    if "schriftf" in lower or "protokollf" in lower:
        return "Schriftführung"
    return None


# --- the meeting a document records ---------------------------------------------------------------

def _header_meeting(b: _Builder, seg: Segmentation) -> MeetingKey | None:
    h: MeetingHeader | None = seg.meeting
    if h is None or not h.organization or not h.date:
        return None
    organization = b.gremium(h.organization)
    if organization is None:
        return None
    span = b.span(*h.span) if h.span else None
    end = datetime_of(h.date, h.end_time) if h.end_time else None
    return b.meeting(organization, h.date, start=datetime_of(h.date, h.start_time), span=span, end=end,
                     location=h.location)


def _agenda_items(b: _Builder, seg: Segmentation, meeting: MeetingKey | None) -> None:
    """Items of the Tagesordnung list; their sections below add what was said and decided."""
    for order, h in enumerate(seg.agenda, start=1):
        span = b.span(h.title_start, h.title_end) if h.title_start is not None else None
        from .agenda import is_public

        item = _Item(meeting, h.number, h.title, span, public=is_public(h.number), order=order)
        b.items.append(item)
        if h.status is not None:
            item.status_decision = True
            # a result column in the agenda table ("Ö 4 … VL-004/2023 ungeändert beschlossen")
            s_start, s_end, status = h.status
            vote = parse_vote(status)
            item.decisions.append(Decision(
                outcome=vote.outcome or "other", result_text=collapse(b.text[s_start:s_end]),
                span=b.span(s_start, s_end), unanimous=vote.unanimous, votes_for=vote.votes_for,
                votes_against=vote.votes_against, abstentions=vote.abstentions,
                outcome_detail=vote.outcome_detail, decided_by=meeting.organization if meeting else None))


def _item_for(b: _Builder, meeting: MeetingKey | None, number: str | None) -> _Item | None:
    if number is None:
        return None
    return next((it for it in b.items if it.meeting == meeting and it.number == number), None)


# --- sections ---------------------------------------------------------------------------------

def _extract_section(b: _Builder, section: Section, seg: Segmentation, header: MeetingKey | None) -> None:
    organization = b.gremium(section.organization) if section.organization else None
    meeting = header
    if organization and section.date:
        span = b.span(section.header_start, section.start) if section.header_start is not None else None
        meeting = b.meeting(organization, section.date, span=span)
    if seg.paper_page:
        meeting = None
    organization = meeting.organization if meeting else organization
    item = _item_for(b, meeting, section.number)
    if item is None:
        title_span = b.span(section.title_start, section.title_end) if section.title_start is not None else None
        item = _Item(meeting, section.number, section.title, title_span, public=section.public)
        b.items.append(item)
    elif section.title and not item.name:
        item.name = section.title

    resolutions = _find_resolutions(b, section)
    blocks = [(r.span.start, r.span.end) for r in resolutions if r.span]
    meeting_date = meeting.date if meeting else None
    candidates = res.label_results(b.view, section.start, section.end)
    taken = [s for c in candidates for s in c.spans]
    if seg.paper_page:
        candidates = []
    else:
        candidates += res.line_results(b.view, section.start, section.end, taken + blocks[:0])
        taken = [s for c in candidates for s in c.spans] + [
            (m.start(), m.end()) for m in _recommendation_lines(b.view, section.start, section.end)]
        candidates += res.sentence_results(b.view, section.start, section.end, taken=taken + _skips(b),
                                           blocks=blocks, mentions=b.mentions, meeting_date=meeting_date)
    decisions = res.merge(candidates, barriers=[r.span.start for r in resolutions if r.span])
    status = item.decisions[0] if len(item.decisions) == 1 and item.status_decision else None
    for c in decisions:
        decision = _decision(b, c, organization, resolutions)
        if status is not None and c.kind == "main" and _completes(status, decision):
            # the agenda table's result column and the counts in the item's text are one vote
            item.decisions[0] = status = _joined(status, decision)
            continue
        item.decisions.append(decision)
    item.resolutions.extend(resolutions)
    for i, decision in enumerate(item.decisions):
        if decision.resolution and decision.outcome == "adopted" and organization:
            r = item.resolutions[decision.resolution - 1]
            item.resolutions[decision.resolution - 1] = replace(r, passed_by=organization)
    result_ranges = [s for c in decisions for s in c.spans]
    statements = _find_statements(b, section, blocks + result_ranges + _skips(b))
    item.statements.extend(statements)
    if meeting:
        for s in statements:
            b.participants[meeting].setdefault(s.speaker, None)
        for m in b.mentions:
            if section.start <= m.start < section.end and m.start in b.person_at and _acts(b, m):
                b.participants[meeting].setdefault(b.person_at[m.start], None)
    _attach_amounts(b, item, section)


def _completes(status: Decision, d: Decision) -> bool:
    """Whether a decision read in an item's text adds counts to the result its agenda row states."""
    if d.outcome != status.outcome:
        return False
    counts = (status.votes_for, status.votes_against, status.abstentions)
    return all(c is None for c in counts) and any(x is not None for x in (d.votes_for, d.votes_against, d.abstentions))


def _joined(status: Decision, d: Decision) -> Decision:
    unanimous = status.unanimous if status.unanimous is not None else d.unanimous
    return replace(status, unanimous=unanimous, votes_for=d.votes_for, votes_against=d.votes_against,
                   abstentions=d.abstentions, recusals=d.recusals,
                   factions_for=status.factions_for or d.factions_for,
                   factions_against=status.factions_against or d.factions_against,
                   factions_abstaining=status.factions_abstaining or d.factions_abstaining)


def _skips(b: _Builder) -> list[tuple[int, int]]:
    return list(b.skip)


def _decision(b: _Builder, c: res.Candidate, organization: str | None, resolutions: list[Resolution]) -> Decision:
    vote = c.vote
    outcome = vote.outcome
    if outcome is None:
        if vote.votes_for is not None and vote.votes_against is not None and vote.votes_for < vote.votes_against:
            outcome = "rejected"
        elif vote.unanimous is not None or (vote.votes_for is not None and vote.votes_against is not None
                                            and vote.votes_for > vote.votes_against):
            outcome = "adopted"  # "einstimmig", "mehrheitlich (2 Gegenstimmen)", "14 : 2": the motion passed
        elif vote.votes_for is not None and vote.votes_against is not None and vote.votes_for < vote.votes_against:
            outcome = "rejected"
        else:
            outcome = "other"
    position = None
    for i, r in enumerate(resolutions, start=1):
        if r.span and r.span.start < c.start and (r.kind == "Änderungsantrag") == (c.kind == "amendment"):
            position = i
    referred = b.gremium(c.referred_to) if c.referred_to else None
    if referred is not None and referred not in [s for s in b.gremien]:
        referred = None
    factions = tuple(tuple(_faction_names(b, names)) for names in c.factions)
    parts = sorted(c.parts)
    span = b.span(parts[0][0], parts[-1][1]) if len(parts) == 1 or parts[-1][0] - parts[0][1] < 400 \
        else b.span(*parts[0])
    return Decision(
        outcome=outcome, result_text=" / ".join(collapse(b.text[s:e]) for s, e in parts),
        span=span, unanimous=vote.unanimous, votes_for=vote.votes_for,
        votes_against=vote.votes_against, abstentions=vote.abstentions, recusals=vote.recusals,
        outcome_detail=vote.outcome_detail, decided_by=organization, resolution=position,
        vote_subject=c.subject, factions_for=factions[0], factions_against=factions[1],
        factions_abstaining=factions[2], referred_to=referred)


def _faction_names(b: _Builder, written: tuple[str, ...]) -> list[str]:
    out = []
    for w in written:
        if re.fullmatch(r"Bürgermeister(?:in)?|Landr(?:at|ätin)|Oberbürgermeister(?:in)?", w):
            continue
        key = faction_key(w)
        name = b.factions.get(key)
        if name is not None:
            out.append(name)
    return list(dict.fromkeys(out))


def _acts(b: _Builder, m: Mention) -> bool:
    """Whether a mention is the subject of its sentence (the person took part in the meeting)."""
    before = b.view[max(0, m.start - 40):m.start]
    return not st.object_before(before)


# A resolution label that introduces an amendment's text: "Änderungsantrag der Fraktion X:"
_AMENDMENT_LABEL = re.compile(r"^[ \t]*(?P<kind>Änderungsantrag|Ergänzungsantrag)\b[^\n:]{0,80}:[ \t]*(?P<rest>[^\n]*)$",
                              re.MULTILINE)


def _find_resolutions(b: _Builder, section: Section) -> list[Resolution]:
    out = []
    # both kinds of amendment end in "santrag": a section without it holds no such label
    amendments = _AMENDMENT_LABEL.finditer(b.view, section.start, section.end) \
        if b.view.find("santrag", section.start, section.end) >= 0 else ()
    labels = sorted(list(RESOLUTION_LABEL.finditer(b.view, section.start, section.end))
                    + list(amendments), key=lambda m: m.start())
    for i, m in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else section.end
        result = RESULT_LABEL.search(b.view, m.end(), stop)
        if result:
            stop = result.start()
        line = res.RESULT_LINE.search(b.view, m.end(), stop)
        if line:
            stop = line.start()
        # a resolution text ends at a paragraph that is no part of it (a new speaker, a procedure)
        for para in re.finditer(r"\n[ \t]*\n(?=[^\n])", b.view[m.end():stop]):
            nxt = b.view[m.end() + para.end():stop].lstrip()
            para_at = m.end() + para.end() + (len(b.view[m.end() + para.end():stop]) - len(nxt))
            if re.match(r"(?:Sodann|Anschließend|Danach|Damit|Die\s+(?:Bürgermeisterin|Vorsitzende)|Der\s+Vorsitzende|"
                        r"Abstimmung|Nach\s|Auf\s+Antrag|(?:Der|Die|Das)\s+(?:Antrag|Tagesordnungspunkt|Beratung|"
                        r"Angelegenheit|Beschlussvorschlag|Vorlage)\s+(?:wird|ist|wurde))", nxt) or any(
                    x.start == para_at for x in b.mentions):
                stop = m.end() + para.start()
                break
        body_start = m.start("rest") if m.group("rest").strip() else m.end()
        block = b.span(body_start, stop)
        if not block.text or res.is_result_phrase(block.text):
            continue
        clauses = []
        starts = list(CLAUSE_START.finditer(b.view, block.start, block.end))
        for j, c in enumerate(starts):
            c_end = starts[j + 1].start() if j + 1 < len(starts) else block.end
            c_span = b.span(c.end(), c_end)
            ordinal = int(c.group("ordinal")) if c.group("ordinal").isdigit() else ord(c.group("ordinal")) - 96
            amounts = tuple(MonetaryAmount(v, b.span(s, e)) for s, e, v in find_amounts(b.view, c_span.start,
                                                                                          c_span.end))
            clauses.append(Clause(ordinal, collapse(c_span.text), c_span, amounts))
        lead_end = starts[0].start() if starts else block.end
        amounts = tuple(MonetaryAmount(v, b.span(s, e)) for s, e, v in find_amounts(b.view, block.start, lead_end))
        kind = m.group("kind")
        kind = KINDS.get(" ".join(kind.split()), kind)
        out.append(Resolution(kind=kind, text=collapse(block.text), clauses=tuple(clauses),
                              resolving_body=_resolving_body(b, block.start, block.end),
                              span=block, amounts=amounts))
    return out


def _resolving_body(b: _Builder, start: int, end: int) -> str | None:
    """The Gremium that a resolution text names as its subject ("Der Kreistag beschließt …")."""
    first = first_sentence(b.view, start, end)
    if first is None:
        return None
    sentence = b.view[first[0]:first[1]]
    sentence = re.sub(r"^\d{1,2}\.\s+", "", sentence)
    verb = RESOLVING_VERB.search(sentence)
    if not verb:
        return None
    g = GREMIUM_RE.search(sentence, 0, verb.start())
    if not g or sentence[:g.start()].strip() not in ("Der", "Die", "Das", ""):
        return None
    if sentence[g.end():verb.start()].strip():
        return None
    return b.gremium(g.group("name"))


def _find_statements(b: _Builder, section: Section, blocks: list[tuple[int, int]]) -> list[Statement]:
    """Statements of the discussion: the text of the section outside resolution and result blocks."""
    out: list[Statement] = []
    mentions = [m for m in b.mentions if section.start <= m.start < section.end and m.start in b.person_at]
    last_person: str | None = None
    for para_start, para_end in _paragraphs(b.view, section.start, section.end):
        if any(s <= para_start < e for s, e in blocks):
            continue
        current: str | None = None
        run: list[tuple[int, int]] = []

        def flush() -> None:
            if current and run:
                span = b.span(run[0][0], run[-1][1])
                out.append(Statement(speaker=current, text=collapse(span.text), span=span,
                                     on_behalf_of=_faction_in(b, run[0][0], run[0][1]),
                                     amounts=tuple(MonetaryAmount(v, b.span(s, e))
                                                   for s, e, v in find_amounts(b.view, span.start, span.end))))

        for s_start, s_end in sentences(b.view, para_start, para_end):
            if any(s <= s_start < e for s, e in blocks):
                flush()
                current, run = None, []
                continue
            sentence = b.view[s_start:s_end]
            in_sentence = [m for m in mentions if s_start <= m.start < s_end] if mentions else []
            subject = next((m for m in in_sentence if _acts(b, m)), None)
            speaker = b.person_at[subject.start] if subject else None
            if speaker is None and last_person and st.PRONOUN_SUBJECT.search(sentence) and st.is_speech(sentence):
                speaker = last_person
            if in_sentence:
                last_person = b.person_at[in_sentence[-1].start]
            if speaker and not (st.is_procedural(sentence) or not st.is_speech(sentence)):
                if speaker != current:
                    flush()
                    current, run = speaker, []
                run.append((s_start, s_end))
            elif speaker is None and current and not in_sentence:
                run.append((s_start, s_end))  # reported speech goes on
            else:
                flush()
                current, run = None, []
        flush()
    return out


def _faction_in(b: _Builder, start: int, end: int) -> str | None:
    """The Fraktion or Gruppe a speaker speaks for: the first one named in the sentence."""
    found = []
    for pattern, word in ((FACTION_SUFFIXED, "raktion"), (FACTION_PREFIXED, "raktion"), (GROUP, "Gruppe")):
        m = pattern.search(b.view, start, end) if b.view.find(word, start, end) >= 0 else None
        if m:
            found.append((m.start(), m.group()))
    m = PARTY_NAME.search(b.view, start, end)
    if m and re.search(r"\b(?:für|namens|die|der)\s+$", b.view[max(start, m.start() - 12):m.start()]):
        found.append((m.start(), m.group()))
    for _, written in sorted(found):
        name = b.factions.get(faction_key(re.sub(r"^Gruppe\s", "Gruppe ", written)))
        if name is None:
            name = b.factions.get(faction_key(written))
        if name is not None:
            return name
    return None


def _paragraphs(text: str, start: int, end: int):
    """(start, end) of the blank-line separated paragraphs in text[start:end]."""
    pos = start
    for m in re.finditer(r"\n[ \t]*\n", text[start:end]):
        stop = start + m.start()
        if text[pos:stop].strip():
            yield pos, stop
        pos = start + m.end()
    if text[pos:end].strip():
        yield pos, end


def _attach_amounts(b: _Builder, item: _Item, section: Section) -> None:
    """Amounts named in the section that no statement or resolution names are the item's own."""
    covered = [(a.span.start, a.span.end) for s in item.statements for a in s.amounts]
    for r in item.resolutions:
        covered += [(a.span.start, a.span.end) for a in r.amounts]
        covered += [(a.span.start, a.span.end) for c in r.clauses for a in c.amounts]
    for start, end, value in find_amounts(b.view, section.start, section.end) + table_amounts(
            b.view, section.start, section.end):
        if not any(s <= start < e for s, e in covered):
            item.amounts.append(MonetaryAmount(value, b.span(start, end)))


# --- Beratungsfolge, recommendations, narrated meetings --------------------------------------

def _consultation_table(b: _Builder, seg: Segmentation) -> None:
    """Each row of a Beratungsfolge table is a consultation at a meeting; its status, a decision."""
    if seg.consultations is None:
        return
    rows, _ = find_rows(b.view, *seg.consultations)
    for position, row in enumerate(rows, start=1):
        organization = b.gremium(row.organization)
        if organization is None:
            continue
        meeting = b.meeting(organization, row.date) if row.date else None
        authoritative = bool(row.role and re.search(r"Entscheidung|Beschlussfassung", row.role))
        number = None
        if row.status:
            vote = parse_vote(row.status)
            item = _Item(meeting, None, None, None)
            b.items.append(item)
            # "einstimmig", "mehrheitlich (2 Gegenstimmen)": a vote without an outcome word passed the motion
            outcome = vote.outcome or ("adopted" if vote.unanimous is not None else "other")
            s, e = row.status_start or row.start, row.status_end or row.end
            factions = res.vote_factions(row.status)
            item.decisions.append(Decision(
                outcome=outcome, result_text=collapse(b.text[s:e]), span=b.span(s, e), unanimous=vote.unanimous,
                votes_for=vote.votes_for, votes_against=vote.votes_against, abstentions=vote.abstentions,
                recusals=vote.recusals, outcome_detail=vote.outcome_detail, decided_by=organization,
                factions_for=tuple(_faction_names(b, factions[0])),
                factions_against=tuple(_faction_names(b, factions[1])),
                factions_abstaining=tuple(_faction_names(b, factions[2])),
                referred_to=b.gremium(res.referral_target(row.status)) if vote.outcome == "referred" else None))
        b.consultations.append(Consultation(position, organization, meeting, number, authoritative or None,
                                            row.role))


def _recommendations(b: _Builder, seg: Segmentation) -> None:
    """"Beschlussempfehlung des Haupt- und Finanzausschusses vom 07.03.2023: Annahme" states the
    result of another meeting (a step of the Beratungsfolge)."""
    for m in _recommendation_lines(b.view):
        g = GREMIUM_RE.fullmatch(m.group("g").strip())
        date = parse_date(DATE.search(m.group("date")))  # type: ignore[arg-type]
        vote = parse_vote(m.group("result"))
        if not g or date is None or vote.outcome is None:
            continue
        organization = b.gremium(g.group("name"))
        if organization is None:
            continue
        meeting = b.meeting(organization, date)
        item = _Item(meeting, None, None, None)
        b.items.append(item)
        factions = res.vote_factions(m.group("result"))
        item.decisions.append(Decision(
            outcome=vote.outcome, result_text=collapse(b.text[m.start("result"):m.end("result")]),
            span=b.span(m.start("result"), m.end("result")), unanimous=vote.unanimous,
            votes_for=vote.votes_for, votes_against=vote.votes_against, abstentions=vote.abstentions,
            outcome_detail=vote.outcome_detail, decided_by=organization,
            factions_for=tuple(_faction_names(b, factions[0])),
            factions_against=tuple(_faction_names(b, factions[1]))))


# Words between a Gremium and a date that make the date the Gremium's meeting:
# "in seiner Sitzung am", "am", "vom", "hat die Abwägung in seiner Sitzung am", "hat am"
_MEETING_LINK = re.compile(
    r"^[ \t\n]*(?:,[ \t\n]*)?(?:"
    r"(?:(?:hat|hatte|habe|haben)\s+)?(?:[\wäöüß-]+\s+){0,6}?in\s+(?:seiner|ihrer|der)\s+(?:\d+\.\s+)?"
    r"(?:öffentlichen\s+|nichtöffentlichen\s+)?Sitzung\s+"
    r"|(?:hat|hatte|habe|haben)\s+(?:[\wäöüß-]+\s+){0,6}?"
    r")?(?:am|vom)[ \t\n]+(?:\w+,\s+(?:dem\s+)?)?$")


# A subordinate clause: "dass der Rat der Stadt X die Satzung am 14.03.2019 beschlossen hat"
_OBJECT_THEN_DATE = re.compile(r"\s+(?:die|den|das|dem|der)\s+(?:[\wäöüß-]+\s+){1,5}?(?:am|vom)\s+$")
_PARTICIPLE_HAT = re.compile(r"\s+(?:beschlossen|verabschiedet|gefasst|genehmigt|abgelehnt|erlassen|geändert)\s+"
                             r"(?:hat|hatte|haben|hatten)\b")
# "Mit Beschluss vom 14.09.2023 hat der Stadtrat …", "In seiner Sitzung am 3.5.2023 hat der Rat …"
_DATE_FIRST_BEFORE = re.compile(r"(?:\bBeschluss|\b[Ss]itzung)\s+(?:vom|am)\s+$")
_DATE_FIRST_AFTER = re.compile(r",?\s+(?:hat|hatte|haben|hatten)\s+(?:der|die|das)\s+(?P<g>[A-ZÄÖÜ][^,.;:]{2,80})")


def _collect_narrated_meetings(b: _Builder, seg: Segmentation) -> None:
    """Meetings that the text refers to: "im Sozialausschuss am 03.09.2020", "Kreistagssitzung
    vom 07.09.2020", "der Rat der Stadt X in seiner Sitzung am 14.12.2021"."""
    for start, _end, date in find_dates(b.view):
        if b.in_skip(start) and not (seg.attendance is None):
            pass
        window_start = max(0, start - 160)
        window = b.view[window_start:start]
        sentence_start = max(window.rfind(". "), window.rfind("\n\n"))
        if sentence_start > 0:
            window = window[sentence_start:]
        best = None
        for g in GREMIUM_RE.finditer(window):
            before = window[max(0, g.start() - 12):g.start()]
            if re.search(r"\b(?:an|dem)\s+$", before) and not re.search(r"\bim\s+$", before):
                continue  # an addressee ("Beschlussempfehlung an den Rat")
            if _MEETING_LINK.match(window[g.end():]):
                best = g.group("name")
        if best is None:
            for c in MEETING_COMPOUND.finditer(window):
                if _MEETING_LINK.match(window[c.end():]):
                    best = c.group("stem")
        if best is None and _PARTICIPLE_HAT.match(b.view, _end, min(len(b.view), _end + 60)):
            # "…, dass der Rat der Stadt X die Satzung am 14.03.2019 beschlossen hat"
            for g in GREMIUM_RE.finditer(window):
                if _OBJECT_THEN_DATE.match(window, g.end()):
                    best = g.group("name")
        if best is None and _DATE_FIRST_BEFORE.search(window):
            # "Mit Beschluss vom 14.09.2023 hat der Stadtrat …": the Gremium follows the date
            after = _DATE_FIRST_AFTER.match(b.view, _end, min(len(b.view), _end + 120))
            if after:
                g = GREMIUM_RE.match(after.group("g"))
                best = g.group("name") if g else None
        if best is None:
            continue
        name = b.gremium(best)
        if name:
            b.meeting(name, date)


# --- papers -------------------------------------------------------------------------------

# A paper's reference with its letter prefix in parentheses: "(BV/0301/2023)", "(VO/2022/0815)"
_PARENTHESISED_REFERENCE = re.compile(r"\((?P<reference>[A-ZÄÖÜ]{1,5}/\d{2,5}/\d{2,5})\)")


def _collect_papers(b: _Builder, seg: Segmentation) -> list[Paper]:
    found: dict[str, list[Span]] = {}
    for start, end, reference in find_papers(b.view):
        found.setdefault(reference, []).append(b.span(start, end))
    for m in reference_cells(b.view):
        line_start = b.view.rfind("\n", 0, m.start()) + 1
        if m.start() == line_start or re.match(r"^[ \t]*(?:(?:nicht)?öffentlich\t+)?(?:TOP[ \t]*)?(?:[ÖN][ \t]?)?\d",
                                                b.view[line_start:m.start()]):
            found.setdefault(m.group("reference"), []).append(b.span(m.start("reference"), m.end("reference")))
    for m in re.finditer(r"^(?P<reference>[A-ZÄÖÜ]{1,5}[-/]\d{2,4}/\d{2,4}(?:/\d{1,4})?)[ \t]+[A-ZÄÖÜ]", b.view, re.MULTILINE):
        found.setdefault(m.group("reference"), []).append(b.span(m.start("reference"), m.end("reference")))
    for m in _PARENTHESISED_REFERENCE.finditer(b.view):  # "… erarbeiten zu lassen (BV/0301/2023)."
        found.setdefault(m.group("reference"), []).append(b.span(m.start("reference"), m.end("reference")))
    papers = []
    subject = _subject_paper(b, seg, found)
    for reference, spans in found.items():
        consultations: tuple[Consultation, ...] = ()
        name = paper_type = None
        if reference == subject:
            consultations, name = _beratungsfolge(b, seg)
            f = get_field(seg.fields, "Betreff")
            name = f.value if f else name
            f = get_field(seg.fields, "Vorlage-Art", "Vorlagenart", "Drucksache-Art", "Drucksachenart")
            paper_type = f.value if f else None
            if name is None and seg.item_page:
                f = get_field(seg.fields, "Vorlage")
                if f:
                    rest = f.value.split(reference, 1)[-1].strip(" \t-")
                    name = rest or None
        papers.append(Paper(reference=reference, name=name, paper_type=paper_type, consultations=consultations,
                            spans=tuple(spans)))
    return papers


def _subject_paper(b: _Builder, seg: Segmentation, found: dict[str, list[Span]]) -> str | None:
    """The paper a document is about: named in its first lines (or its "Vorlage:" field)."""
    if not found:
        return None
    f = get_field(seg.fields, "Vorlage", "Drucksache")
    if f:
        for reference in found:
            if f.value.startswith(reference):
                return reference
    first = min(found, key=lambda r: found[r][0].start)
    return first if found[first][0].start < 600 and (seg.paper_page or len(
        {s.organization for s in seg.sections if s.organization}) > 1 or seg.item_page) else None


def _beratungsfolge(b: _Builder, seg: Segmentation) -> tuple[tuple[Consultation, ...], str | None]:
    """The Beratungsfolge of the subject paper: the rows of its table, or — in a document that follows
    one paper through several meetings — its sections; the step whose Gremium the resolution text
    names as its subject decides."""
    if b.consultations:
        return tuple(b.consultations), None
    steps = [s for s in seg.sections if s.organization and s.date]
    if not steps:
        return (), None
    resolving = {r.resolving_body for item in b.items for r in item.resolutions if r.resolving_body}
    consultations = []
    for position, s in enumerate(steps, start=1):
        organization = b.gremium(s.organization)
        assert organization is not None
        consultations.append(Consultation(
            position=position, organization=organization, meeting=MeetingKey(organization, s.date),
            agenda_item=s.number, authoritative=organization in resolving if resolving else None))
    titles = [s.title for s in steps if s.title]
    return tuple(consultations), titles[0] if titles else None


# --- assembly -----------------------------------------------------------------------------

# Functions that are also the names of local Gremien ("Ortschaftsrat Oberlorch" is a body; "Ortschaftsrat
# Timo Grözinger" a person): without a given name or form of address the name is taken for a place.
_BODY_LIKE_ROLE = re.compile(r"^(?:Orts|Ortschafts|Ortsbei|Bezirksbei|Stadtbezirksbei)rat")

# Gremien named after a place ("Ortschaftsrat Oberlorch", "Ortsrat Quellinghausen-Ost"): the place is no person
_PLACE_GREMIUM = re.compile(r"\b(?:Orts|Ortschafts|Ortsbei|Bezirksbei|Stadtbezirksbei|Gemeinde|Stadt|Markt)rat(?:e?s)?[ \t]+"
                            r"(?P<place>[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*)|\b(?:Ortsteil|Ortschaft|Gemarkung|"
                            r"Bezirksvertretung|Ortsbezirk)[ \t]+(?P<place2>[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*)")


# The capitalised word (or hyphenated run of them) after a word that names a place ("im Ortsteil
# Oberlorch", "des Ortschaftsrates Oberlorch"); the word is looked at, not consumed, so "der Stadt
# Oberlorch" yields "Stadt" and "Oberlorch"
_NAMED_AS_PLACE = re.compile(r"(?:Ortsteil|Ortschaft|Gemarkung|Gemeinde|Stadt|rates|rats|beirates|der|des|im)\s+"
                             r"(?=([A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*))")


def _places(b: _Builder, body_name: str | None) -> set[str]:
    places = {body_name.split(" ", 1)[-1]} if body_name else set()
    places |= {g.split(" ")[-1] for g in b.gremien}
    named: set[str] | None = None
    for m in _PLACE_GREMIUM.finditer(b.view):
        place = m.group("place") or m.group("place2")
        if place in (body_name or ""):
            places.add(place)
            continue
        # a place when the text also names it as one: the word after such a word is the place or
        # starts with it ("im Ortsteil Oberlorch-Süd" names Oberlorch)
        if named is None:
            named = set(_NAMED_AS_PLACE.findall(b.view))
        if place in named or any(w.startswith(place + "-") for w in named):
            places.add(place)
    return places


def _assemble(b: _Builder, body_name: str | None, papers: list[Paper]) -> Minutes:
    places: set[str] | None = None  # asked for only when a person is named by the family name alone
    keys: dict[str, str] = {}
    persons = []
    for raw_key, p in b.persons.items():
        bare = not p.address and not p.given and not p.title
        if bare:
            places = _places(b, body_name) if places is None else places
            if p.family in places:
                continue
        if bare and p.roles and all(_BODY_LIKE_ROLE.match(r) or re.search(r"rate?s$", r) for r in p.roles):
            continue  # "Ortsrat Quellinghausen-Ost": a Gremium named after its place, not a person
        statuses = tuple(dict.fromkeys(role_nominative(r, p.feminine) for r in p.roles))
        persons.append(Person(key=raw_key, family_name=p.family, given_name=p.given, form_of_address=p.address,
                              title=p.title, statuses=statuses, spans=tuple(p.spans)))
        keys[raw_key] = raw_key
    meetings = []
    for key, entry in b.meetings.items():
        participants = tuple(k for k in b.participants.get(key, ()) if k in keys)
        meetings.append(Meeting(key=key, start=entry["start"], end=entry["end"], location=entry["location"],
                                span=entry["span"], participants=participants))
    organizations = tuple(Organization(name, GREMIUM) for name in b.gremien) + tuple(
        Organization(name, FRAKTION) for name in dict.fromkeys(b.factions.values()))
    unnumbered: dict[MeetingKey | None, int] = defaultdict(int)
    items = []
    for it in b.items:
        if not (it.number or it.decisions or it.statements or it.resolutions or it.name):
            b.doc_amounts.extend(it.amounts)  # an unnamed stretch of text: its amounts are the file's
            continue
        position = None
        if it.number is None:
            unnumbered[it.meeting] += 1
            position = unnumbered[it.meeting]
        statements = tuple(s for s in it.statements if s.speaker in keys)
        items.append(AgendaItem(
            meeting=it.meeting, number=it.number, name=it.name, order=it.order, public=it.public,
            result=it.decisions[-1].result_text if it.decisions else None, span=it.span,
            decisions=tuple(it.decisions), statements=statements, resolutions=tuple(it.resolutions),
            amounts=tuple(it.amounts), position=position,
            resolution_text=it.resolutions[-1].text if it.resolutions else None))
    memberships = tuple(Membership(person, organization, role) for (person, organization), role in
                        b.memberships.items() if person in keys)
    return Minutes(
        source=b.document.source,
        body=Body(body_name) if body_name else None,
        organizations=organizations,
        persons=tuple(persons),
        memberships=memberships,
        papers=tuple(papers),
        meetings=tuple(meetings),
        agenda_items=tuple(items),
        amounts=tuple(b.doc_amounts),
        warnings=tuple(b.warnings),
    )
