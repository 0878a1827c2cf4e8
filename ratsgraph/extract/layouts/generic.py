"""F07 and fallback: fragments and texts without a recognised layout. Agenda items are cut at
keyword headings ("TOP 9"); no meeting is assumed."""

from __future__ import annotations

from ..agenda import find_headings
from ..fields import find_fields
from . import Layout, Section, Segmentation


def detect(text: str) -> float:
    return 0.01


def segment(text: str) -> Segmentation:
    headings = [h for h in find_headings(text, bare=False) if h.kind == "keyword"]
    sections = [Section(0, headings[0].start if headings else len(text))]
    for i, h in enumerate(headings):
        stop = headings[i + 1].start if i + 1 < len(headings) else len(text)
        sections.append(Section(h.end, stop, number=h.number, title=h.title, title_start=h.title_start,
                                title_end=h.title_end, header_start=h.start, papers=h.papers))
    return Segmentation(sections=sections, fields=find_fields(text))


LAYOUT = Layout("generic", "F07", detect, segment)
