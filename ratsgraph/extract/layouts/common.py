"""Pieces that several layout families share: the meeting named in a document's header, item
sections cut at their headings, footers that end the content."""

from __future__ import annotations

import datetime as dt
import re

from .. import regex as rx
from ..agenda import AGENDA_START, PART, Heading, find_headings, is_public, iter_headings
from ..dates import DATE, TIME, parse_date, parse_time
from ..fields import Field, field
from ..memo import per_text
from ..organizations import GREMIUM, nominative
from . import MeetingHeader, Section

# "über die 7. Sitzung des Kreistages", "Sitzung des Marktgemeinderates vom 13.03.2023",
# "über die öffentliche Sitzung des Gemeinderats am Donnerstag, 26. Januar 2023"
SITZUNG_OF = rx.compile(r"\bSitzung\s+(?:des|der)\s+(?=[A-ZÄÖÜ])")
# "Sitzung: Stadtrat, 27.07.2022 (öffentlich)"
SITZUNG_FIELD = re.compile(rf"^[ \t]*Sitzung[ \t]*:[ \t]*(?P<g>[^,\n]+),[ \t]*(?P<date>{DATE.pattern})",
                           re.MULTILINE | re.VERBOSE | re.IGNORECASE)
# "AUS DEM GEMEINDERAT", "Berichte aus dem Kreistag"
FROM_THE = re.compile(r"\b(?:AUS|Aus|aus)\s+(?:DEM|dem)\s+(?P<g>[A-ZÄÖÜ][\wÄÖÜäöüß]+)")
# Footers that end the content of an item page.
FOOTER = re.compile(r"^[ \t]*(?:Dokumente|Anlagen?\s*(?:\(|:|$)|Anlage\(n\)|Für die Richtigkeit|Zurück(?:\s+zur\s+"
                    r"Tagesordnung)?|Impressum|Sitzungsdienst:|Druckansicht|Rückfragen:)", re.MULTILINE)

_DATE_LABELS = ("Datum", "Sitzungstermin", "Sitzungstag", "Sitzungsdatum")
_START_LABELS = ("Zeit", "Sitzungsbeginn", "Beginn", "Uhrzeit")
_END_LABELS = ("Sitzungsende", "Ende", "Ende der Sitzung")


def _gremium_at(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    g = GREMIUM.match(text, pos, limit)
    if not g:
        return None
    return nominative(g.group("name")), g.end()


def meeting_header(text: str, fields: list[Field], end: int) -> MeetingHeader | None:
    """The Gremium and date of the meeting a document records, from its header (text[:end])."""
    organization = date = start_time = end_time = location = None
    span = None
    f = field(fields, "Gremium")
    if f and f.start < end:
        g = GREMIUM.fullmatch(f.value)
        organization = nominative(f.value) if g else None
    m = SITZUNG_FIELD.search(text, 0, end)
    if m and GREMIUM.fullmatch(m.group("g").strip()):
        organization = organization or nominative(m.group("g").strip())
        date = parse_date(DATE.search(m.group("date")))  # type: ignore[arg-type]
        span = (m.start(), m.end())
    after_phrase = None
    if organization is None:
        for s in SITZUNG_OF.finditer(text, 0, end):
            found = _gremium_at(text, s.end(), end)
            if found and found[0] not in ("Ausschuss", "Fachausschuss"):
                organization, after_phrase = found
                span = (s.start(), found[1])
                break
    if organization is None:
        m = FROM_THE.search(text, 0, end)
        if m and GREMIUM.fullmatch(m.group("g").capitalize() if m.group("g").isupper() else m.group("g")):
            name = m.group("g").capitalize() if m.group("g").isupper() else m.group("g")
            organization = nominative(name)
            span = (m.start(), m.end())
            after_phrase = m.end()
    f = field(fields, *_DATE_LABELS)
    if date is None and f and f.start < end:
        d = DATE.search(f.value)
        date = parse_date(d) if d else None
        start_time = parse_time(f.value[d.end():]) if d else None
    if date is None:
        pos = after_phrase if after_phrase is not None else 0
        # "… des Kreistages am Mittwoch, 8. Februar 2023", "der Stadt Wendenbach vom 15.06.2023"
        window = text[pos:min(end, pos + 250)] if after_phrase is not None else ""
        d = DATE.search(window)
        if d is None:
            m = re.search(r"(?:Sitzung|Bericht)[^\n]{0,60}?\b(?:vom|am)\s", text[:end])
            if m:
                d = DATE.search(text, m.end(), min(end, m.end() + 60))
                pos, window = 0, text
        if d is not None:
            date = parse_date(d)
            start_time = start_time or parse_time(window[d.end():d.end() + 40])
    if date is None and organization is None:
        return None
    f = field(fields, *_START_LABELS)
    if f and f.start < end:
        times = [parse_time(t.group()) for t in TIME.finditer(f.value)]
        start_time = times[0] if times else start_time
        if len(times) > 1:
            end_time = times[1]
        elif f.label == "Zeit":
            m = re.search(r"(\d{1,2}[:.]\d{2})\s*-\s*(\d{1,2}[:.]\d{2})", f.value)
            if m:
                start_time, end_time = parse_time(m.group(1) + " Uhr"), parse_time(m.group(2) + " Uhr")
    f = field(fields, *_END_LABELS)
    if f and f.start < end:
        end_time = parse_time(f.value) or end_time
    if end_time is None:
        m = re.search(r"\bEnde:?\s*(\d{1,2}[:.]\d{2})\s*Uhr", text[:end])
        if m:
            end_time = parse_time(m.group(1) + " Uhr")
    places = [f.value for f in fields if f.label in ("Raum", "Ort", "Ort, Raum", "Sitzungsort", "Ort/Raum",
                                                      "Sitzungsraum") and f.start < end]
    if places:
        location = ", ".join(dict.fromkeys(places))
    return MeetingHeader(organization, date, start_time, end_time, location, span)


def datetime_of(date: dt.date, time: dt.time | None) -> dt.date | dt.datetime:
    return dt.datetime.combine(date, time) if time else date


@per_text
def agenda_list(text: str, start: int, end: int) -> tuple[list[Heading], tuple[int, int] | None]:
    """The entries of the Tagesordnung list and the list's (start, end)."""
    if all(text.find(word, start, end) < 0 for word in ("Tagesordnung", "T a g e s o r d n u n g", "TAGESORDNUNG")):
        return [], None  # AGENDA_START names one of them
    m = AGENDA_START.search(text, start, end)
    if not m:
        return [], None
    # read one heading at a time: the list ends at its first gap, long before the text does
    headings = (h for h in iter_headings(text, m.end(), end, loose=True) if h.kind != "zu")
    entries: list[Heading] = []
    last_end = m.end()
    for h in headings:
        gap = text[last_end:h.start]
        # the list ends where something other than blank lines and part separators stands
        rest = re.sub(PART, "", gap)
        if entries and rest.strip():
            break
        if not entries and len(gap.strip()) > 200:
            break
        if any(e.number == h.number for e in entries):
            break
        entries.append(h)
        last_end = h.end
    if not entries:
        return [], None
    return entries, (m.start(), last_end)


def item_sections(text: str, start: int, end: int, agenda: list[Heading]) -> list[Section]:
    """Sections cut at the item headings in text[start:end]. A heading counts when its number is in
    the agenda list, or when there is no list and it carries a keyword ("TOP", "zu", "Ö")."""
    listed = {h.number for h in agenda}
    titles = {h.number: h for h in agenda}
    headings = []
    for h in find_headings(text, start, end, loose=bool(listed)):
        if h.kind == "spaced" and listed:
            # "6. Haushaltssatzung …": a heading when the list has this number with this title
            entry = titles.get(h.number)
            if entry is None or not entry.title or not h.title or not _same_title(entry.title, h.title):
                continue
        elif listed and h.number not in listed:
            if h.kind in ("bare", "spaced") or (h.kind == "keyword" and _is_cross_reference(h)):
                continue
        if not listed and h.kind in ("bare", "spaced") and not _plausible_sequence(headings, h):
            continue
        if headings and headings[-1].number == h.number and h.start - headings[-1].end < 5:
            continue
        headings.append(h)
    sections = []
    public: bool | None = None
    for i, h in enumerate(headings):
        stop = headings[i + 1].start if i + 1 < len(headings) else end
        part = None
        for p in PART.finditer(text, start if i == 0 else headings[i - 1].end, h.start):
            if p.group("non"):
                part = not p.group("non").lower().startswith("nicht")
        public = part if part is not None else public
        listed_heading = titles.get(h.number)
        title, t_start, t_end = h.title, h.title_start, h.title_end
        content_start = h.end
        if listed_heading and listed_heading.title and (not title or _is_sentence(title)):
            if title and _is_sentence(title):
                content_start = h.title_start or h.end
            title, t_start, t_end = listed_heading.title, listed_heading.title_start, listed_heading.title_end
        flag = h.public if h.public is not None else is_public(h.number)
        sections.append(Section(content_start, stop, number=h.number, title=title, title_start=t_start,
                                title_end=t_end, public=flag if flag is not None else public,
                                header_start=h.start, papers=h.papers))
    return sections


def _same_title(a: str, b: str) -> bool:
    a, b = " ".join(a.split()).lower(), " ".join(b.split()).lower()
    return a.startswith(b[:40]) or b.startswith(a[:40])


def _is_sentence(title: str) -> bool:
    return title.endswith(".") and len(title.split()) > 6


def _is_cross_reference(h: Heading) -> bool:
    return h.title is not None and bool(re.match(r"^[-–]\s*\d|^bis\b|^und\b", h.title))


def _plausible_sequence(previous: list[Heading], h: Heading) -> bool:
    try:
        major = int(h.number.split(".")[0])
    except ValueError:
        return False
    if not previous:
        return major == 1
    try:
        last = int(previous[-1].number.split(".")[0])
    except ValueError:
        return False
    return major in (last, last + 1)


def footer_start(text: str, start: int, end: int) -> int:
    m = FOOTER.search(text, start, end)
    return m.start() if m else end
