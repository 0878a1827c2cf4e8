"""Paper references (Vorlage, Drucksache, Beschlussvorlage, Antrag) as written: "Vorlage Nr.
50/034/2021", "Drucksache 2023/0147", "Antrag-Nr. A 2023/021", "Vorlage:\t2023/0098/1"."""

from __future__ import annotations

import re

from . import regex as rx


# The reference itself: digits with "/", "-" or "." separators, optionally a letter prefix
# ("A 2023/021", "BV/2023/012", "VO/0815/2022", "50/034/2021", "2022/048", "0456/2010", "XI/123").
_PREFIX = r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,5}(?:-[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,5})?"
_REFERENCE = rf"""(?:{_PREFIX}(?:\s|/|-)?)?(?:[A-ZÄÖÜ]{{1,5}}/)*\d{{1,5}}(?:[/-](?:[A-ZÄÖÜ]{{1,6}}|\d{{1,6}}[a-z]?))*[/-]\d{{1,6}}[a-z]?
                | {_PREFIX}-?\d{{1,5}}/\d{{2,4}}
                | \d{{1,5}}/[IVX]{{1,5}}\b"""

# A paper keyword followed by its reference: "Vorlage Nr. 50/034/2021", "Vorlage - 2023/0183",
# "Drucksache Nr.: 12/345", "Antrag-Nr. A 2023/021", "(Vorlage 2021/0311)", "Vorlage:\t2023/0098/1"
PAPER = rx.compile(
    rf"""(?<![\w-])(?P<word>
        (?:Beschluss|Sitzungs|Informations|Mitteilungs|Ergänzungs|Verwaltungs|Änderungs)?[Vv]orlagen?
      | Drucksache[n]? | Drs\. | DS | Antrag(?:es)? | Anfrage | Vorlagen-Nr\. | Vorlagennummer
      | Beschlussvorlage | Berichtsvorlage | Mitteilungsvorlage
    )(?:-?Nr\.?|\snummer)?\s?(?::|-|–)?\s*(?:Nr\.?:?\s*)?
    (?P<reference>{_REFERENCE})
    (?![\w/])""",
    re.VERBOSE,
)

# A reference standing alone in a table cell ("\t2022/087" at the end of a line).
REFERENCE_CELL = rx.compile(rf"(?:^|(?<=\t)|(?<=\s\s))(?P<reference>(?:{_PREFIX}[-/])?\d{{2,4}}/\d{{2,4}}(?:/\d{{1,4}})?)"
                            rf"(?=[ \t]*$|\t)", re.MULTILINE)


# The longest text REFERENCE_CELL matches: every match holds a "/" at most this far after its start.
_REFERENCE_CELL_WIDTH = rx.longest_match(REFERENCE_CELL)


def reference_cells(text: str) -> list[re.Match[str]]:
    """`REFERENCE_CELL.finditer(text)`, scanned only on the lines around a "/": every match holds
    one within _REFERENCE_CELL_WIDTH characters of its start, stays on its line and looks no
    further than the line's end (tests/test_regex_speedups.py compares the two)."""
    out: list[re.Match[str]] = []
    slash = text.find("/")
    while slash >= 0:
        start = max(0, slash - _REFERENCE_CELL_WIDTH)
        if out and start < out[-1].end():
            start = out[-1].end()
        stop = text.find("\n", slash)
        stop = len(text) if stop < 0 else stop
        out.extend(REFERENCE_CELL.finditer(text, start, stop))
        slash = text.find("/", stop)
    return out


def find_papers(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """(start, end, reference) of each paper reference named with its keyword."""
    out = []
    for m in PAPER.finditer(text, start, len(text) if end is None else end):
        reference = " ".join(m.group("reference").split())
        if re.fullmatch(r"\d{1,2}[./]\d{1,2}", reference):  # a day and month, not a paper
            continue
        out.append((m.start("reference"), m.end("reference"), reference))
    return out
