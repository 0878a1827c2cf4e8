"""One agenda item of one meeting: SessionNet agenda-item pages (F02), ALLRIS to020 pages (F04),
Beschlussauszüge (F05) and such pages saved as HTML (F06).

    TOP Ö 5: Bebauungsplan Nr. 112 …
    Sitzung:<TAB>12. Sitzung des Rates der Stadt Wendenbach
    Gremium:<TAB>Rat der Stadt Wendenbach
    Datum:<TAB>Di, 09.05.2023<TAB>Status:<TAB>öffentlich
"""

from __future__ import annotations

import re

from ..agenda import KEYWORD_HEADING, NUMBER, clean_number, find_headings, heading_matches, is_public
from ..fields import field, find_fields
from ..consultations import has_title_line
from . import Layout, Section, Segmentation
from .common import agenda_list, footer_start, meeting_header

AUSZUG = re.compile(r"^[ \t]*Auszug\b[^\n]*(?:Niederschrift|Protokoll|Sitzungsniederschrift)|^[ \t]*Auszug[ \t]*-[ \t]*(?P<title>[^\n]+)$",
                    re.MULTILINE)


def detect(text: str) -> float:
    head = text[:2500]
    labels = {f.label for f in find_fields(head)}
    keyword_headings = list(heading_matches(KEYWORD_HEADING, text))
    score = 0.0
    if {"Gremium", "Sitzung"} & labels and ({"Datum", "Beschlussart", "TOP", "Zeit"} & labels):
        score += 0.5
    if "Auszug" in head and AUSZUG.search(head):
        score += 0.45
    numbers = {" ".join(m.group("number").split()) for m in keyword_headings}
    if score and (len(numbers) == 1 or "TOP" in labels):
        score += 0.2
    if len(numbers) > 1:
        score -= 0.6
    if has_title_line(text):
        score -= 0.5
    if len(agenda_list(text, 0, len(text))[0]) >= 3:
        score -= 0.4  # a meeting's whole agenda: read as minutes
    return max(0.0, min(score, 0.9))


def segment(text: str) -> Segmentation:
    fields = find_fields(text)
    headings = [h for h in find_headings(text, bare=False) if h.kind in ("keyword", "zu", "public")]
    if not headings:  # Word minutes number their items "4.) title"
        headings = [h for h in find_headings(text) if h.kind == "bare" and re.match(r"^\d{1,2}\.?\)", text[h.start:h.end])]
    top_field = field(fields, "TOP")
    number = title = None
    t_start = t_end = None
    content_start = 0
    papers = ()
    if headings:
        h = next((x for x in headings if x.title and x.number == headings[0].number), headings[0])
        number, title, t_start, t_end, papers = h.number, h.title, h.title_start, h.title_end, h.papers
        content_start = h.end
    if top_field is not None and re.fullmatch(NUMBER, top_field.value):
        number = clean_number(top_field.value)
        if title is None:
            m = AUSZUG.search(text)
            if m and m.group("title"):
                title, t_start, t_end = m.group("title").strip(), m.start("title"), m.end("title")
    # the content starts after the last header field
    header_fields = [f for f in fields if f.label not in ("Vorsitz", "Vorsitzender", "Vorsitzende")]
    if header_fields:
        last = max(f.end for f in header_fields if f.start < len(text) // 2 or f.label in ("Beschlussart",))
        content_start = max(content_start, text.find("\n", last) + 1 if text.find("\n", last) >= 0 else last)
    end = footer_start(text, content_start, len(text))
    header = meeting_header(text, fields, max(content_start, 1))
    # the header fields belong to the item: "Beschlussart:" states its result
    first_field = min((f.line_start for f in header_fields), default=content_start)
    content_start = min(content_start, first_field) if header_fields else content_start
    section = Section(content_start, end, number=number, title=title, title_start=t_start, title_end=t_end,
                      public=is_public(number) if number else None, header_start=headings[0].start if headings
                      else None, papers=papers)
    return Segmentation(sections=[section], meeting=header, fields=fields, item_page=True,
                        skip=[(end, len(text))])


LAYOUT = Layout("item-page", "F02", detect, segment)
