"""Agenda items: the Tagesordnung list and the headings of the item sections in minutes
("TOP Ö 5: title", "TOP 6\\ntitle", "zu Ö 1", "zu 4.1\\ttitle", "Ö 7.1\\ttitle", "1.\\ttitle",
"Zu 2.: Einwohnerfragestunde", "TOP 1 – title")."""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from .memo import per_text

from .papers import PAPER

#: An item number as written: "7", "3.1", "Ö 5", "N 13", "Ö 7.1", "12a".
NUMBER = r"(?:[ÖN][ \t]?)?\d{1,2}(?:\.\d{1,2})*[a-z]?"

# "TOP Ö 5: title", "TOP 6", "TOP 1 – title", "Tagesordnungspunkt 4:", "TOP:\tÖ 10", "Punkt 3:"
KEYWORD_HEADING = re.compile(
    rf"^[ \t]*(?:TOP|Top|TO|Tagesordnungspunkt|TO-Punkt|Punkt)(?:[ \t]*:)?[ \t]*(?P<number>{NUMBER})\.?"
    rf"(?:[ \t]*[:\-][ \t]*|[ \t]+|(?=\n)|$)(?P<title>[^\n]*)$", re.MULTILINE)
# "zu Ö 1", "zu 1.\ttitle", "Zu 2.: title", "Zu TOP 10: …", "Zu Punkt 7:\ttitle", "Auszug zu TOP 4 - title"
ZU_HEADING = re.compile(
    rf"^[ \t]*(?:(?:Protokoll)?[Aa]uszug[ \t]+)?[Zz]u[ \t]+(?:TOP[ \t]*|Punkt[ \t]+|Tagesordnungspunkt[ \t]+)?"
    rf"(?P<number>{NUMBER})\.?"
    rf"(?:[ \t]*:[ \t]*|[ \t]+|(?=\n)|$)(?P<title>[^\n]*)$", re.MULTILINE)
# "Ö 1\ttitle", "N 13   title" (public / non-public numbering without keyword)
PUBLIC_HEADING = re.compile(
    r"^(?P<number>[ÖN][ \t]?\d{1,2}(?:\.\d{1,2})*)\.?(?:\t+|[ \t]{2,})(?P<title>\S[^\n]*)$", re.MULTILINE)
# "1.\ttitle", "4.1\ttitle", "10.  title" (a tab or a run of spaces after the number)
BARE_HEADING = re.compile(
    r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?(?:\t+|[ \t]{2,})(?P<title>[A-ZÄÖÜ„\"0-9][^\n]*)$", re.MULTILINE)

# "4.) title", "4) title" (Word numbering)
PAREN_HEADING = re.compile(r"^(?P<number>\d{1,2}(?:\.\d{1,2})*)\.?\)[ \t]+(?P<title>[A-ZÄÖÜ„\"][^\n]{2,200})$", re.MULTILINE)
# "öffentlich<TAB>4<TAB>title" (ALLRIS agenda tables with the public status in the first column)
STATUS_HEADING = re.compile(r"^[ \t]*(?P<status>öffentlich|nichtöffentlich|nicht öffentlich|Ö|N)\t+(?P<number>\d{1,2}"
                            r"(?:\.\d{1,2})*)\.?\t+(?P<title>\S[^\n]*)$", re.MULTILINE)
# "1. Einwohnerfragestunde" (one space; PDF text) — a heading only between blank lines, see find_headings
SPACED_HEADING = re.compile(r"^(?P<number>\d{1,2})\.[ ](?P<title>(?:[A-ZÄÖÜ„\"]|\d{1,2}\.\s[A-ZÄÖÜ])[^\n]{2,100})$",
                            re.MULTILINE)

# Lines that start the Tagesordnung list.
AGENDA_START = re.compile(r"^[ \t]*(?:Tagesordnung|T a g e s o r d n u n g|TAGESORDNUNG)\b[^\n]*$", re.MULTILINE)
# Part separators inside and after the list: "Öffentlicher Teil", "A) Öffentliche Sitzung", "Nichtöffentlicher Teil"
PART = re.compile(r"^[ \t]*(?:[A-D]\)[ \t]*)?(?P<non>Nicht[ -]?öffentliche?r?|nicht[ -]?öffentliche?r?|"
                  r"Öffentliche?r?)[ \t]+(?:Teil|Sitzung)\b[^\n]*$|^[ \t]*[-=_]{3,}[ \t]*$", re.MULTILINE)

_RULE = re.compile(r"^[ \t]*[-=_]{3,}[ \t]*$")

# The lines where an item heading can stand: every heading pattern above starts at a line start
# with one of these characters, after blanks at most ("TOP", "Punkt", "Zu", "Auszug", "Protokoll-
# auszug", "öffentlich", "nicht öffentlich", "Ö", "N", a digit).
_HEADING_LINE = re.compile(r"^[ \t]*[TPAaZzöÖnN\d]", re.MULTILINE)


@lru_cache(maxsize=64)
def _heading_lines(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in _HEADING_LINE.finditer(text))


def heading_matches(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, start, end)` for one of the heading patterns, tried only at the
    lines where a heading can stand instead of at every character: their `^` matches at line
    starts only, and a match never is empty (tests/test_regex_speedups.py compares the two)."""
    end = len(text) if end is None else end
    last_end = start
    for line_start in _heading_lines(text):
        if line_start < last_end:
            continue
        if line_start > end:
            break
        m = pattern.match(text, line_start, end)
        if m is not None:
            yield m
            last_end = m.end()


@dataclass(frozen=True)
class Heading:
    number: str
    title: str | None
    start: int  # the heading line
    end: int  # end of the heading (after the title line when the title stands on its own line)
    title_start: int | None
    title_end: int | None
    kind: str  # "keyword", "zu", "public", "bare"
    papers: tuple[tuple[int, int, str], ...] = ()
    status: tuple[int, int, str] | None = None  # a result column of an agenda table
    public: bool | None = None  # when a column or prefix says so


@lru_cache(maxsize=4096)
def clean_number(number: str) -> str:
    """ "Ö  5" → "Ö 5", "Ö5" → "Ö 5", "4.1." → "4.1"."""
    number = number.strip().rstrip(".")
    m = re.match(r"([ÖN])[ \t]*(\d.*)$", number)
    return f"{m.group(1)} {m.group(2)}" if m else number


def _title_cell(text: str, start: int, end: int) -> tuple[int, int]:
    """The title part of a heading line: up to a tab column holding a paper reference."""
    line = text[start:end]
    for m in re.finditer(r"\t+|[ \t]{3,}", line):
        rest = line[m.end():]
        if PAPER.match(rest) or re.match(r"[A-Z]{0,4}[-/]?\d{2,4}/\d{2,4}", rest):
            end = start + m.start()
            break
    while end > start and text[end - 1] in " \t-":
        end -= 1
    return start, end


def _next_line(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """(start, end) of the next non-blank line after pos."""
    while pos < limit:
        nl = text.find("\n", pos, limit)
        stop = limit if nl < 0 else nl
        if text[pos:stop].strip():
            return pos, stop
        if nl < 0:
            return None
        pos = nl + 1
    return None


def _patterns(bare: bool) -> list[tuple[re.Pattern[str], str]]:
    patterns = [(KEYWORD_HEADING, "keyword"), (ZU_HEADING, "zu"), (PUBLIC_HEADING, "public"),
                (STATUS_HEADING, "public")]
    if bare:
        patterns.append((BARE_HEADING, "bare"))
        patterns.append((PAREN_HEADING, "bare"))
        patterns.append((SPACED_HEADING, "spaced"))
    return patterns


@per_text
def find_headings(text: str, start: int = 0, end: int | None = None, *, bare: bool = True,
                  loose: bool = False) -> list[Heading]:
    """Item headings in text[start:end], in text order; a heading without a title on its line takes
    the next line as its title (unless that line is a rule, a label or another heading)."""
    return list(iter_headings(text, start, end, bare=bare, loose=loose))


def iter_headings(text: str, start: int = 0, end: int | None = None, *, bare: bool = True,
                  loose: bool = False) -> Iterator[Heading]:
    """`find_headings` one heading at a time, for a reader that stops early (the Tagesordnung list):
    the patterns' matches merged in text order, at one start the earlier pattern's."""
    end = len(text) if end is None else end
    patterns = _patterns(bare)
    streams = [_numbered(i, heading_matches(pattern, text, start, end)) for i, (pattern, _) in enumerate(patterns)]
    last = -1
    read = _headings_read(text)
    for at, i, m in heapq.merge(*streams, key=lambda x: (x[0], x[1])):
        pattern, kind = patterns[i]
        if at == last:
            continue  # an earlier pattern read a heading here
        if pattern is SPACED_HEADING and not loose and not _stands_apart(text, m.start(), m.end()):
            continue
        last = at
        # the match is pattern.match(text, at, end): the heading read from it depends on these alone
        key = (bare, i, at, end)
        heading = read.get(key)
        if heading is None:
            heading = read[key] = _heading(text, m, pattern, kind, end, patterns)
        yield heading


@lru_cache(maxsize=64)
def _headings_read(text: str) -> dict[tuple[bool, int, int, int], Heading]:
    """The headings read so far in a text, by (bare, pattern, start, end): layout detection,
    segmentation and the agenda list read the same headings from different starts."""
    return {}


def _numbered(i: int, matches: Iterator[re.Match[str]]) -> Iterator[tuple[int, int, re.Match[str]]]:
    for m in matches:
        yield m.start(), i, m


def _heading(text: str, m: re.Match[str], pattern: re.Pattern[str], kind: str, end: int,
             patterns: list[tuple[re.Pattern[str], str]]) -> Heading:
    number = clean_number(m.group("number"))
    if pattern is STATUS_HEADING:
        number_public = not m.group("status").lower().startswith(("n", "nicht"))
    else:
        number_public = None
    t_start, t_end = m.start("title"), m.end("title")
    # "Punkt 5 der Tagesordnung" / "TOP 5 der Tagesordnung:": the title follows
    filler = re.match(r"der\s+Tagesordnung\s*:?\s*", text[t_start:t_end])
    if filler:
        t_start += filler.end()
    heading_end = m.end()
    if not text[t_start:t_end].strip():
        following = _next_line(text, m.end() + 1, end)
        if following is None:
            t_start = t_end = None
        else:
            line = text[following[0]:following[1]]
            if (_RULE.match(line) or re.match(r"^[ \t]*[\wÄÖÜäöüß/\- ]{2,30}:[ \t]", line)
                    or any(p.match(line) for p, _ in patterns[:3])):
                t_start = t_end = None
            else:
                t_start, t_end = following
                heading_end = following[1]
    if t_start is not None:
        t_start, t_end = _title_cell(text, t_start, t_end)
        while t_start < t_end and text[t_start] in " \t":
            t_start += 1
        # a wrapped title continues on indented lines ("      Beschlussfähigkeit")
        while True:
            following = _next_line(text, heading_end + 1, end)
            if following is None or following[0] != heading_end + 1:
                break
            line = text[following[0]:following[1]]
            if not re.match(r"^[ \t]{3,}\S", line) or PAPER.match(line.strip()):
                break
            if any(p.match(line) for p, _ in patterns):
                break
            heading_end = following[1]
            t_end = following[1]
        title = " ".join(text[t_start:t_end].split()) or None
    else:
        title = None
    papers_end = min(end, _paper_lines_end(text, heading_end, end))
    papers = tuple((p.start("reference"), p.end("reference"), " ".join(p.group("reference").split()))
                   for p in PAPER.finditer(text, m.start(), papers_end))
    heading_end = max(heading_end, papers_end)
    return Heading(number, title, m.start(), heading_end, t_start, t_end, kind, papers,
                   _status_cell(text, m.start(), m.end()), number_public)


def _stands_apart(text: str, start: int, end: int) -> bool:
    """A "1. Title" line is a heading when a blank line precedes it and a blank line, an indented
    line or a paper line follows (numbered clauses of a resolution follow each other directly)."""
    before = text[max(0, start - 2):start]
    if start > 0 and not before.endswith("\n\n") and not re.search(r"\n[ \t]*\n$", text[max(0, start - 10):start]):
        return False
    after = text[end:end + 3]
    if after.startswith("\n\n") or after.startswith("\n ") or after.startswith("\n\t") or end >= len(text) - 1:
        return True
    following = text[end + 1:text.find("\n", end + 1) if text.find("\n", end + 1) >= 0 else len(text)]
    return bool(PAPER.match(following.strip()))


def _status_cell(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The last tab cell of an agenda table row when it states a result ("ungeändert beschlossen")."""
    from .votes import parse_outcome

    line = text[start:end]
    if "\t" not in line:
        return None
    cells = [(m.start(), m.group()) for m in re.finditer(r"[^\t]+", line)]
    if len(cells) < 3:
        return None
    offset, cell = cells[-1]
    value = cell.strip()
    if len(value.split()) > 6 or parse_outcome(value)[0] is None:
        return None
    cell_start = start + offset + cell.find(value)
    return cell_start, cell_start + len(value), value


def _paper_lines_end(text: str, pos: int, end: int) -> int:
    """Include the lines right after a heading that give its paper ("Vorlage: 2022/061")."""
    while True:
        following = _next_line(text, pos + 1, end)
        if following is None or following[0] > pos + 2:
            return pos
        line = text[following[0]:following[1]].strip()
        if not PAPER.match(line) and not re.match(r"^(?:Vorlage|Drucksache|Antrag)\b", line):
            return pos
        pos = following[1]


def is_public(number: str) -> bool | None:
    if number.startswith("Ö"):
        return True
    if number.startswith("N"):
        return False
    return None
