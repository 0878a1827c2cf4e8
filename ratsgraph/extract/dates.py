"""Dates and times as German minutes write them: 13.12.2021, 13. Dezember 2021, 13.12.21,
"Montag, 20.06.2022, 15:00 Uhr"."""

from __future__ import annotations

import datetime as dt
import re
from . import regex as rx


MONTHS = {
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feb": 2, "märz": 3, "maerz": 3, "mär": 3,
    "april": 4, "apr": 4, "mai": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "dezember": 12, "dez": 12,
}
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

# "13.12.2021", "13.12.21", "13. 12. 2021", "13. Dezember 2021", "13. Dez. 2021"
DATE = rx.compile(
    rf"""(?<![\d.])
    (?P<day>[0-3]?\d)\.\s?
    (?:(?P<month>[01]?\d)\.\s?(?P<year>(?:19|20)\d\d|\d\d)(?![\d])
      |\s?(?P<month_name>{_MONTH_NAMES})\.?\s+(?P<year2>(?:19|20)\d\d)(?!\d))
    """,
    re.VERBOSE | re.IGNORECASE,
)

# "15:00 Uhr", "15.00 Uhr", "15 Uhr", "17:00"
TIME = rx.compile(r"(?<![\d:.])(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?:Uhr\b|(?=\s*-|\s*$))")


def parse_date(match: re.Match[str]) -> dt.date | None:
    """The date a DATE match names, or None when it is no calendar date (31.02.2021).

    >>> parse_date(DATE.search("am 13. Dezember 2021"))
    datetime.date(2021, 12, 13)
    >>> parse_date(DATE.search("vom 27.01.22"))
    datetime.date(2022, 1, 27)
    """
    day = int(match.group("day"))
    if match.group("month_name"):
        month = MONTHS[match.group("month_name").lower()]
        year = int(match.group("year2"))
    else:
        month = int(match.group("month"))
        year = int(match.group("year"))
        if year < 100:
            year += 2000 if year < 70 else 1900
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, dt.date]]:
    """All calendar dates in text[start:end] as (start, end, date)."""
    out = []
    for m in DATE.finditer(text, start, len(text) if end is None else end):
        d = parse_date(m)
        if d is not None:
            out.append((m.start(), m.end(), d))
    return out


def parse_time(text: str) -> dt.time | None:
    """The first clock time in text ("15:00 Uhr" → 15:00)."""
    m = TIME.search(text)
    if not m:
        return None
    return dt.time(int(m.group("hour")), int(m.group("minute") or 0))
