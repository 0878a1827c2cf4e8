"""A paper's page (SessionNet vo0050, ALLRIS vo020; F03): header fields, the Beratungsfolge table,
then the text of the paper. Its only results are the statuses in the Beratungsfolge."""

from __future__ import annotations

import re

from ..consultations import START, find_rows
from ..fields import find_fields
from . import Layout, Section, Segmentation
from .common import footer_start

TITLE = re.compile(r"^[ \t]*(?:Vorlage|Drucksache|Beschlussvorlage|Antrag|Mitteilungsvorlage)(?:[ \t]*-[ \t]*|[ \t]+(?=[A-Z]{1,5}/\d))\S",
                   re.MULTILINE)


def detect(text: str) -> float:
    score = 0.0
    if "Beratungs" in text and START.search(text):
        score += 0.5
    if TITLE.search(text[:800]):
        score += 0.3
    if re.search(r"^[ \t]*Betreff[ \t]*:", text[:1500], re.MULTILINE):
        score += 0.15
    return min(score, 0.95)


def segment(text: str) -> Segmentation:
    fields = find_fields(text)
    _rows, table = find_rows(text)
    start = table[1] if table else (max(f.end for f in fields) if fields else 0)
    end = len(text)
    section = Section(start, end)
    skip = [table] if table else []
    return Segmentation(sections=[section], fields=fields, consultations=table, skip=skip, paper_page=True)


LAYOUT = Layout("paper-page", "F03", detect, segment)
