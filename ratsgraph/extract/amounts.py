"""Money amounts in euros as minutes write them: "385.000 €", "10.000€", "1,5 Mio. €",
"EUR 3.250,50", "55.000 Euro", "rund 1,15 Millionen Euro", "18.900 Tsd. €"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from . import regex as rx


# A German number: "385.000", "3.250,50", "1,5", "12500", "95,00"
_NUMBER = r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = r"Mio\.?|Millionen|Million|Mrd\.?|Milliarden|Milliarde|Tsd\.?|Tausend|T"
_CURRENCY = r"T€|TEUR\b|€|EUR\b|Euro\b"

# "385.000 €", "1,5 Mio. €", "55.000 Euro", "EUR 3.250,50", "€ 12,50", "10.000,- €"
AMOUNT = rx.compile(
    rf"""(?<![\w.,])
    (?:
      (?P<number>{_NUMBER})(?:,-{{1,2}}|,–)?[ \t]{{0,3}}(?:(?P<scale>{_SCALE})[ \t]{{0,3}})?(?P<currency>{_CURRENCY})
    | (?P<currency_first>T€|TEUR\b|€|EUR\b|Euro\b)[ \t]{{0,3}}(?P<number2>{_NUMBER})(?:[ \t]{{0,3}}(?P<scale2>{_SCALE}))?(?![\d])
    )""",
    re.VERBOSE,
)

_SCALES = {"mio": 10**6, "million": 10**6, "millionen": 10**6, "mrd": 10**9, "milliarde": 10**9,
           "milliarden": 10**9, "tsd": 10**3, "tausend": 10**3, "t": 10**3}


def parse_number(text: str) -> Decimal | None:
    """A German-formatted number ("3.250,50" → 3250.50); None if it is none.

    >>> parse_number("1.400")
    Decimal('1400')
    >>> parse_number("1,5")
    Decimal('1.5')
    """
    cleaned = "".join(text.replace(".", "").split()).replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def scale_factor(word: str | None) -> int:
    if not word:
        return 1
    return _SCALES.get(word.rstrip(".").lower(), 1)


def canonical(value: Decimal) -> str:
    """The xsd:decimal form of a value without superfluous zeros: 385000, 3250.5."""
    value = value.normalize()
    sign, digits, exponent = value.as_tuple()
    if isinstance(exponent, int) and exponent > 0:
        value = value.quantize(Decimal(1))
    text = format(value, "f")
    return text


def amount_value(match: re.Match[str], extra_scale: int = 1) -> str | None:
    """The canonical euro value of an AMOUNT match (times extra_scale, e.g. 1000 in a Tsd. table).

    >>> amount_value(AMOUNT.search("rund 1,5 Mio. € für"))
    '1500000'
    >>> amount_value(AMOUNT.search("EUR 3.250,50"))
    '3250.5'
    """
    return _value(match.group("number") or match.group("number2"), match.group("scale") or match.group("scale2"),
                  match.group("currency") or match.group("currency_first") or "", extra_scale)


@lru_cache(maxsize=4096)
def _value(number: str, scale: str | None, currency: str, extra_scale: int) -> str | None:
    """`amount_value` of a match's parts (memoised: a document names its amounts several times)."""
    value = parse_number(number)
    if value is None:
        return None
    value *= scale_factor(scale) * extra_scale
    if currency.startswith("T"):
        value *= 1000  # "T€ 450", "450 TEUR": thousands of euros
    return canonical(value)


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """All euro amounts in text[start:end] as (start, end, canonical value)."""
    end = len(text) if end is None else end
    if text.find("€", start, end) < 0 and text.find("EUR", start, end) < 0 and text.find("Euro", start, end) < 0:
        return []  # every amount names its currency: no currency sign, no amount (a cheap test first)
    out = []
    for m in AMOUNT.finditer(text, start, end):
        value = amount_value(m)
        if value is not None:
            out.append((m.start(), m.end(), value))
    return out


# A table column in thousands of euros: "Tsd. €", "Tsd. EUR", "in Tsd. €", "T€", "TEUR"
_THOUSANDS_HEADER = re.compile(r"\bTsd\.?\s?(?:€|EUR|Euro)|\bT€|\bTEUR\b|\bin\s+Tausend\s+(?:€|Euro)")
_CELL_NUMBER = re.compile(r"^-?\d{1,3}(?:\.\d{3})*(?:,\d+)?$")


def table_amounts(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str]]:
    """Amounts in the cells of tables whose header says they are in thousands of euros
    ("Baukosten<TAB>1.150<TAB>1.700" under "Tsd. €" → 1 150 000 €). The first cell of a row is
    its label ("300 Baukonstruktionen") unless the row starts with a gap; the table ends at a
    blank line."""
    end = len(text) if end is None else end
    out: list[tuple[int, int, str]] = []
    if all(text.find(word, start, end) < 0 for word in ("Tsd", "T€", "TEUR", "Tausend")):
        return out  # no header in thousands of euros
    done_until = start
    for header in _THOUSANDS_HEADER.finditer(text, start, end):
        if header.start() < done_until:
            continue  # a second "Tsd. €" on a header line already read
        line_end = text.find("\n", header.end(), end)
        if line_end < 0:
            break
        pos = line_end + 1
        while pos < end:
            nl = text.find("\n", pos, end)
            stop = end if nl < 0 else nl
            line = text[pos:stop]
            if not line.strip():
                break
            if not _THOUSANDS_HEADER.search(line):
                cells = [(m.start(), m.group()) for m in re.finditer(r"[^\t ](?:[^\t]*?[^\t ])?(?=\t|   |[ \t]*$)",
                                                                      line)]
                labelled = not line[:1].isspace()
                for i, (offset, cell) in enumerate(cells):
                    if i == 0 and labelled:
                        continue
                    if _CELL_NUMBER.match(cell):
                        number = parse_number(cell)
                        if number is not None:
                            out.append((pos + offset, pos + offset + len(cell), canonical(number * 1000)))
            pos = stop + 1
        done_until = pos
    return out
