"""Gazette columns and press releases about a meeting (F13): "AUS DEM GEMEINDERAT / Bericht über
die öffentliche Sitzung vom 5. Mai 2023", "Der Kreistag hat in seiner Sitzung am … beschlossen".
Results stand in sentences; there are no agenda numbers."""

from __future__ import annotations

import re

from .. import regex as rx
from ..dates import DATE, parse_date
from ..fields import find_fields
from ..organizations import GREMIUM, nominative
from . import Layout, MeetingHeader, Section, Segmentation
from .common import meeting_header

MARKERS = re.compile(r"Pressemitteilung|Mitteilungsblatt|Amtsblatt|AUS DEM|Aus dem Gemeinderat|Berichte aus|"
                     r"Pressestelle|Bericht über die (?:öffentliche )?Sitzung")
# "Der Kreistag hat in seiner Sitzung am Montag, 20. Juni 2022, …"
HELD = rx.compile(r"\b(?:Der|Die|Das)\s+(?P<g>[A-ZÄÖÜ][^,.;]{1,60}?)\s+hat\s+in\s+(?:seiner|ihrer)\s+"
                  r"(?:\w+\s+)?Sitzung\s+(?:am|vom)\s+")


def detect(text: str) -> float:
    score = 0.0
    if MARKERS.search(text[:500]):
        score += 0.6
    if score and re.search(r"^[ \t]*(?:TOP|Tagesordnung)\b", text, re.MULTILINE):
        score -= 0.5  # (without a marker the score is 0 either way)
    return max(0.0, score)


def segment(text: str) -> Segmentation:
    fields = find_fields(text, 0, 600)
    meeting = None
    m = HELD.search(text)
    if m and GREMIUM.fullmatch(m.group("g").strip()):
        d = DATE.search(text, m.end(), m.end() + 40)
        if d:
            meeting = MeetingHeader(nominative(m.group("g").strip()), parse_date(d), span=(m.start(), d.end()))
    header = meeting_header(text, fields, min(len(text), 600))
    if meeting is None or (header and header.organization and header.date):
        meeting = header or meeting
    elif header and meeting.date is None:
        meeting = header
    return Segmentation(sections=[Section(0, len(text))], meeting=meeting, fields=fields)


LAYOUT = Layout("press", "F13", detect, segment)
