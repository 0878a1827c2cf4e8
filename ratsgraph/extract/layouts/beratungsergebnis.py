"""F01 Beratungsergebnis: the results of one paper across the bodies of its Beratungsfolge.

    Beratungsergebnis zu Vorlage Nr. 50/034/2021
    Sozialausschuss am 25.11.2021
    Zu Punkt 7:<TAB>Landesprogramm Kommunales Integrationsmanagement NRW; …
    --------------------<TAB>---
"""

from __future__ import annotations

import re

from ..dates import DATE, parse_date
from ..fields import find_fields
from ..organizations import GREMIUM, nominative
from . import Layout, Section, Segmentation

# "Sozialausschuss am 25.11.2021", "Stadtrat am 8. November 2022", "Rat der Stadt X am 09.05.2023"
# (the lookahead finds lines without " am " before the lazy body tries every split of them)
SECTION_HEADER = re.compile(rf"^(?=[^\n]*?[ \t]am[ \t])[ \t]*(?P<body>[^\n]{{3,120}}?)[ \t]+am[ \t]+(?P<date>{DATE.pattern})[ \t]*$",
                            re.MULTILINE | re.VERBOSE | re.IGNORECASE)
# "Zu Punkt 7:<TAB>title", "Zu Punkt 24: title", "Zu TOP Ö 5: title"
ITEM_HEADER = re.compile(r"^[ \t]*(?:Zu[ \t]+)?(?:Punkt|TOP|Tagesordnungspunkt)[ \t]+(?P<number>[ÖN]?[ \t]?\d+(?:\.\d+)*[a-z]?)"
                         r"\.?[ \t]*:?[ \t]*(?P<title>[^\n]*)$", re.MULTILINE)
RULE = re.compile(r"^[ \t]*[-=_]{2,}[-=_ \t]*$", re.MULTILINE)


def _headers(text: str):
    for m in SECTION_HEADER.finditer(text):
        body = m.group("body").strip()
        if GREMIUM.fullmatch(body):
            yield m, nominative(body), parse_date(DATE.search(m.group("date")))  # type: ignore[arg-type]


def detect(text: str) -> float:
    score = 0.0
    if re.search(r"Beratungsergebnis(?:se)?\s+zu", text[:600]):
        score += 0.6
    # the item header first: it needs one of three words, the section headers a scan of every line
    if any(w in text for w in ("Punkt", "TOP", "Tagesordnungspunkt")) and ITEM_HEADER.search(text) \
            and next(_headers(text), None):
        score += 0.35
    return min(score, 1.0)


def segment(text: str) -> Segmentation:
    heads = list(_headers(text))
    sections = []
    for i, (m, body, date) in enumerate(heads):
        end = heads[i + 1][0].start() if i + 1 < len(heads) else len(text)
        start = m.end()
        number = title = None
        title_start = title_end = None
        item = ITEM_HEADER.search(text, start, end)
        if item and not text[start:item.start()].strip():
            number = " ".join(item.group("number").split())
            title = item.group("title").strip() or None
            title_start, title_end = item.start("title"), item.end("title")
            start = item.end()
            rule = RULE.match(text, start + 1) if start + 1 < end else None
            if rule and not text[start:rule.start()].strip():
                start = rule.end()
        sections.append(Section(start, end, organization=body, date=date, number=number, title=title,
                                title_start=title_start, title_end=title_end, header_start=m.start()))
    header_end = heads[0][0].start() if heads else len(text)
    return Segmentation(sections=sections, fields=find_fields(text, 0, header_end))


LAYOUT = Layout("beratungsergebnis", "F01", detect, segment)
