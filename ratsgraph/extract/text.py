"""A same-length normalised view of a document's text, and line/sentence iteration with offsets.

Every offset the extractor reports refers to the document's text as the reader produced it;
the view only swaps characters one for one (no-break spaces, CR, form feeds), so offsets in the
view are offsets in the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Span
from .memo import per_text

_ONE_FOR_ONE = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\r": " ", "\f": "\n", "\v": "\n", "\u0085": "\n", "\u2028": "\n", "\u2029": "\n",
    "\u2013": "-", "\u2012": "-", "\u2212": "-", "\u2011": "-", "\u00ad": "-",
    "\u201e": '"', "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"',
    "\u201a": "'", "\u2018": "'", "\u2019": "'", "\u2039": "'", "\u203a": "'",
})


_LOOK_ALIKE = re.compile("[" + "".join(chr(c) for c in _ONE_FOR_ONE) + "]")


def normalise(text: str) -> str:
    """Replace look-alike characters one for one, so offsets stay valid.

    >>> normalise("Ja:\\u00a012 \\u2013 Nein")
    'Ja: 12 - Nein'
    """
    # str.translate looks up every character; replacing only those present is many times faster
    for char in set(_LOOK_ALIKE.findall(text)):
        text = text.replace(char, _ONE_FOR_ONE[ord(char)])  # type: ignore[arg-type]
    return text


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int  # exclusive, without the line break
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """The lines of text[start:end] with their offsets."""
    end = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append(Line(pos, stop, text[pos:stop]))
        pos = stop + 1
    return out


def span(text: str, start: int, end: int) -> Span:
    """A Span of text[start:end] with surrounding white space trimmed."""
    piece = text[start:end]
    stripped = piece.strip()
    if len(stripped) != len(piece):
        start += len(piece) - len(piece.lstrip())
    return Span(start, start + len(stripped), stripped)


_HYPHENATED = re.compile(r"(?<=[a-zäöüß])-\s*\n\s*(?=[a-zäöüß])")


def collapse(text: str) -> str:
    """Runs of white space to one space, ends trimmed; words hyphenated across a line end joined."""
    if "-" in text and "\n" in text:
        text = _HYPHENATED.sub("", text)
    return " ".join(text.split())


# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset("""
    dr prof nr abs art bzw ca dipl ggf gem inkl lt stellv stv str tel usw vgl z b d h u a o g s
    az geb evtl insb max min mio mrd tsd bzgl hr fr sog ff f jan feb mär apr jun jul aug sep sept
    okt nov dez ing mdl mdb mdl abg hrsg rd v chr
""".split())

# Where a sentence ends: a full stop (or ! ?) before a capital or a digit, at the end; a blank
# line; a line break before a bullet; a line break after a colon (as written, `SENTENCE_END_RULE`).
SENTENCE_END_RULE = r"[.!?](?=[\"')]*\s+[\"'(\-–•*]?\s*[A-ZÄÖÜ0-9])|[.!?]\s*$|\n\s*\n|\n(?=[ \t]*[-–•*][ \t])|(?<=:)[ \t]*\n"
# The same rule with the first character of every alternative taken out in front, so that `re`
# scans for [.!?\n \t] in C and tries the alternatives only there; each alternative then checks
# with a lookbehind which character it began with (tests/test_regex_speedups.py compares the two).
_SENTENCE_END = re.compile(r"[.!?\n \t](?:(?<=[.!?])(?=[\"')]*\s+[\"'(\-–•*]?\s*[A-ZÄÖÜ0-9])|(?<=[.!?])\s*$"
                           r"|(?<=\n)\s*\n|(?<=\n)(?=[ \t]*[-–•*][ \t])|(?<=:\n)|(?<=:[ \t])[ \t]*\n)")


# The same ends found from the colon on: a blank or tab starts an end only after a colon
# ("Beschluss: \n"), so the scan looks for the colon instead of every blank, and the end found
# there begins one character later. Where a range begins right after a colon, the colon lies
# outside it: such a range is scanned with _SENTENCE_END (tests/test_regex_speedups.py).
_SENTENCE_END_FROM_COLON = re.compile(r"[.!?\n:](?:(?<=[.!?])(?=[\"')]*\s+[\"'(\-–•*]?\s*[A-ZÄÖÜ0-9])|(?<=[.!?])\s*$"
                                      r"|(?<=\n)\s*\n|(?<=\n)(?=[ \t]*[-–•*][ \t])|(?<=:\n)|(?<=:)[ \t]+\n)")


_WORD_BEFORE_STOP = re.compile(r"([\wäöüÄÖÜß]+)\.$")


# Longer words before a full stop are no abbreviation: the stop ends the sentence.
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


@per_text
def _sentences(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    return tuple(_iter_sentences(text, start, end))


def _iter_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    after_colon = start > 0 and text[start - 1] == ":"
    for m in (_SENTENCE_END if after_colon else _SENTENCE_END_FROM_COLON).finditer(text, start, end):
        at = m.start()
        first = text[at]
        if first == ":":
            at += 1  # the end begins with the blank after the colon
            first = text[at]
        if first == ".":
            # letters only right before the stop, more than an abbreviation has: the word before it
            # (all of it inside the window read below) is neither one letter, nor digits, nor an abbreviation
            longer = at - _LONGEST_ABBREVIATION - 1
            if longer >= pos and text[longer:at].isalpha():
                word = None
            else:
                word = _WORD_BEFORE_STOP.search(text, max(pos, at - 20), at + 1)
            if word:
                w = word.group(1)
                if len(w) == 1 or w.isdigit() or w.lower() in _ABBREVIATIONS:
                    continue
        stop = m.end() if first in ".!?" else at
        trimmed = _trimmed(text, pos, stop)
        if trimmed is not None:
            yield trimmed
        pos = m.end()
    if pos < end:
        trimmed = _trimmed(text, pos, end)
        if trimmed is not None:
            yield trimmed


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of text[start:end] without surrounding white space (as `span`), None if blank;
    no Span is built: sentences are asked for by the hundred."""
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return None
    if len(stripped) != len(piece):
        start += len(piece) - len(piece.lstrip())
    return start, start + len(stripped)


def sentences(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Offsets (start, end) of the sentences in text[start:end] (German minutes' prose).

    A full stop after an abbreviation, an ordinal number or a single letter does not end one."""
    return iter(_sentences(text, start, len(text) if end is None else end))


def first_sentence(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """The first of `sentences(text, start, end)`, without splitting the rest."""
    return next(_iter_sentences(text, start, len(text) if end is None else end), None)
