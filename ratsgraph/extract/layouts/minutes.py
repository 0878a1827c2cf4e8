"""Full minutes of a meeting (Niederschrift, Protokoll, Sitzungsniederschrift; F08–F12): a
header with the Gremium, date, times and place, an attendance list, the Tagesordnung, then one
section per agenda item."""

from __future__ import annotations

import re

from .. import attendance
from ..agenda import find_headings
from ..fields import find_fields
from ..consultations import has_title_line
from . import Layout, Section, Segmentation
from .common import agenda_list, item_sections, meeting_header

# The title of minutes: "Niederschrift", "NIEDERSCHRIFT", "N i e d e r s c h r i f t", "Sitzungsniederschrift",
# "Protokoll", "Sitzung des …", "Sitzung:". Case-insensitive, the first alternative reads every form of
# "Niederschrift" (the pattern is only asked whether it occurs).
TITLE = re.compile(r"N\s?i\s?e\s?d\s?e\s?r\s?s\s?c\s?h\s?r\s?i\s?f\s?t|Protokoll|Sitzung(?:\s+des|:)", re.I)


def detect(text: str) -> float:
    score = 0.0
    if TITLE.search(text[:1200]):
        score += 0.35
    headings = find_headings(text, bare=False)
    if len({h.number for h in headings}) >= 2:
        score += 0.3
    elif len(agenda_list(text, 0, len(text))[0]) >= 3:
        score += 0.3  # a meeting page whose agenda table holds the results
    if attendance.find_block(text):
        score += 0.2
    if has_title_line(text):
        score -= 0.4
    return max(0.0, min(score, 0.85))


def segment(text: str) -> Segmentation:
    block = attendance.find_block(text)
    entries, listed = agenda_list(text, block[1] if block else 0, len(text))
    body_start = listed[1] if listed else (block[1] if block else 0)
    first = next(iter(find_headings(text, body_start, len(text), bare=bool(entries))), None)
    header_end = min(x for x in (block[0] if block else None, listed[0] if listed else None,
                                 first.start if first else None, len(text)) if x is not None)
    fields = find_fields(text)  # "Verfasser:" and "Vorsitz:" name persons anywhere
    first_section = next((h.start for h in find_headings(text, body_start, len(text), bare=bool(entries))), len(text))
    meeting = meeting_header(text, fields, header_end) or meeting_header(text, fields, min(first_section, len(text)))
    if meeting is not None and meeting.organization is None:
        meeting = meeting_header(text, fields, min(first_section, len(text))) or meeting
    sections = item_sections(text, body_start, len(text), entries)
    # what stands before the first item (a fragment's first results, an opening) is read too
    lead_start = max([body_start] + [f.end for f in fields])
    first_start = sections[0].header_start if sections and sections[0].header_start is not None else len(text)
    if sections and text[lead_start:first_start].strip():
        sections.insert(0, Section(lead_start, first_start))
    skip = [r for r in (block, listed) if r]
    return Segmentation(sections=sections, meeting=meeting, agenda=entries, attendance=block,
                        fields=fields, skip=skip)


LAYOUT = Layout("minutes", "F08", detect, segment)
