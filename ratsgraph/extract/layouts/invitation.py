"""Invitations with the agenda of a coming meeting (Einladung, F14): the meeting and its
Tagesordnung, no results."""

from __future__ import annotations

import re

from ..fields import find_fields
from . import Layout, Segmentation
from .common import agenda_list, meeting_header

TITLE = re.compile(r"E\s?i\s?n\s?l\s?a\s?d\s?u\s?n\s?g|EINLADUNG|Einladung\s+zur")


def detect(text: str) -> float:
    if TITLE.search(text[:1500]) and re.search(r"Tagesordnung", text):
        return 0.9 if not re.search(r"Abstimmungsergebnis|Beschluss:", text) else 0.3
    return 0.0


def segment(text: str) -> Segmentation:
    entries, listed = agenda_list(text, 0, len(text))
    header_end = listed[0] if listed else len(text)
    fields = find_fields(text, 0, header_end)
    meeting = meeting_header(text, fields, header_end)
    return Segmentation(sections=[], meeting=meeting, agenda=entries, fields=fields,
                        skip=[listed] if listed else [])


LAYOUT = Layout("invitation", "F14", detect, segment)
