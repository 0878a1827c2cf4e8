"""Compiling the extractor's regular expressions so that they fail fast.

Python's `re` tries a pattern at every position of the text. A pattern that starts with a
lookbehind or a word boundary ("(?<![\\w-])(?:Herr|Frau …)") spends most of a scan there, at
positions where its first character could never match. `compile` puts a lookahead for the
possible first characters in front, computed from the parsed pattern, so those positions fail
at once: the matches are the same, found up to twice as fast.

It helps only patterns that `re` cannot already scan for (a literal or a character class first,
a line start in MULTILINE mode): the rule modules use it where benchmarks/regex_prefix.py
measures a gain."""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

_CATEGORY = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
             C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}


class _Unknown(Exception):
    """The first character of a pattern cannot be told (it may be any, or the match empty)."""


def _char(code: int) -> str:
    return re.escape(chr(code)) if chr(code) not in "-]\\^" else "\\" + chr(code)


def _class_items(av) -> list[str]:
    items = []
    for op, value in av:
        if op is C.LITERAL:
            items.append(_char(value))
        elif op is C.RANGE:
            items.append(f"{_char(value[0])}-{_char(value[1])}")
        elif op is C.CATEGORY and value in _CATEGORY:
            items.append(_CATEGORY[value])
        else:  # NEGATE, and whatever else: too wide to help
            raise _Unknown
    return items


def _first(items, ignorecase: bool) -> tuple[list[tuple[str, bool]], bool]:
    """(class items with their case-insensitivity, whether the sequence can match empty)."""
    out: list[tuple[str, bool]] = []
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
            continue  # zero width: the next item starts the match
        if op is C.LITERAL:
            return out + [(_char(av), ignorecase)], False
        if op is C.IN:
            return out + [(item, ignorecase) for item in _class_items(av)], False
        if op is C.SUBPATTERN:
            _group, add, remove, body = av
            ci = (ignorecase or bool(add & re.I)) and not (remove & re.I)
            first, empty = _first(body.data, ci)
            out += first
            if not empty:
                return out, False
            continue
        if op is C.BRANCH:
            empty = False
            for alternative in av[1]:
                first, alt_empty = _first(alternative.data, ignorecase)
                out += first
                empty = empty or alt_empty
            if not empty:
                return out, False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
            low, _high, body = av
            first, empty = _first(body.data, ignorecase)
            out += first
            if low > 0 and not empty:
                return out, False
            continue
        if op is C.ATOMIC_GROUP:
            first, empty = _first(av.data, ignorecase)
            out += first
            if not empty:
                return out, False
            continue
        raise _Unknown  # ANY, NOT_LITERAL, GROUPREF, …
    return out, True


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A lookahead that holds wherever `pattern` can start a match, or None when none can be told.

    >>> first_chars(r"(?<![\\w-])(?:Herrn?|Frau)\\s")
    '(?=[HF])'
    """
    try:
        parsed = P.parse(pattern, flags)
        first, empty = _first(parsed.data, bool(parsed.state.flags & re.I))
    except _Unknown:
        return None
    if empty or not first:
        return None
    sensitive = "".join(dict.fromkeys(item for item, ci in first if not ci))
    insensitive = "".join(dict.fromkeys(item for item, ci in first if ci))
    parts = ([f"[{sensitive}]"] if sensitive else []) + ([f"(?i:[{insensitive}])"] if insensitive else [])
    return f"(?={'|'.join(parts)})"


def longest_match(pattern: re.Pattern[str]) -> int:
    """The length of the longest text `pattern` can match (lookarounds count nothing).

    >>> longest_match(re.compile(r"Ja|Nein(?:-Stimmen)?"))
    12
    """
    return P.parse(pattern.pattern, pattern.flags).getwidth()[1]


# Every pattern compiled here with its source, so that tests can check it against plain `re`.
COMPILED: list[tuple[re.Pattern[str], str, int]] = []


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re.compile's drop-in
    """`re.compile`, with a lookahead for the pattern's possible first characters in front."""
    head = first_chars(pattern, flags)
    if head is not None and flags & re.VERBOSE:
        head = head.replace(" ", "\\ ").replace("#", "\\#")
    compiled = re.compile((head or "") + pattern, flags)
    COMPILED.append((compiled, pattern, flags))
    return compiled

