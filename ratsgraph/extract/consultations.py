"""The Beratungsfolge table of a paper page: one row per consultation (date, Gremium, role,
status), in the layouts SessionNet and ALLRIS print (one row per entry, or two rows per entry with
the result on a third)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import regex as rx
from .dates import DATE, parse_date
from .organizations import GREMIUM, nominative

# The table's title: "Beratungsfolge", SD.NET's "Beratungsreihenfolge", "Beratungsweg", "Beratungsgang"
TITLE = r"Beratungs(?:folge|reihenfolge|weg|gang|ablauf)"
START = re.compile(rf"^[ \t]*{TITLE}[ \t]*:?[ \t]*$", re.MULTILINE)
# A line that starts with the title (a paper's page, whatever follows the title on its line).
TITLE_LINE = re.compile(rf"^[ \t]*{TITLE}", re.MULTILINE)
# Headings that follow the table and end it.
STOP = re.compile(r"^[ \t]*(?:Beschlussvorschlag|Beschlussempfehlung|Sachverhalt|Begründung|Ursprungstext|"
                  r"Finanzielle|Anlage|Beschluss|Antragstext|Problembeschreibung|Inhalt|Wortprotokoll|Auszug)\b",
                  re.MULTILINE)
ROLES = re.compile(r"^(?:Vorberatung|Entscheidung|Anhörung|Beratung|Kenntnisnahme|Zuständigkeit|Beschlussfassung|"
                   r"Vorberatung und Beschlussfassung|Information|Beteiligung|Empfehlung)$", re.I)
HEADER = rx.compile(r"\bGremium\b")


def has_title_line(text: str) -> bool:
    """Whether a line of the text starts with the Beratungsfolge title. Every title starts with
    "Beratungs": a text without that word is not scanned line by line."""
    return "Beratungs" in text and TITLE_LINE.search(text) is not None


@dataclass(frozen=True)
class Row:
    organization: str
    date: object | None
    role: str | None
    status: str | None
    start: int
    end: int
    status_start: int | None = None
    status_end: int | None = None


def find_rows(text: str, start: int = 0, end: int | None = None) -> tuple[list[Row], tuple[int, int] | None]:
    """The rows of the Beratungsfolge table in text[start:end], and the table's (start, end)."""
    end = len(text) if end is None else end
    m = START.search(text, start, end) if text.find("Beratungs", start, end) >= 0 else None
    if not m:
        return [], None
    stop = STOP.search(text, m.end(), end)
    table_end = stop.start() if stop else end
    rows: list[dict] = []
    for line in re.finditer(r"[^\n]+", text[m.end():table_end]):
        line_start = m.end() + line.start()
        cells = [(line_start + c.start(), c.group()) for c in re.finditer(r"[^\t]+", line.group())
                 if c.group().strip()]
        if not cells:
            continue
        if HEADER.search(line.group()) and not DATE.search(line.group()):
            continue
        date = organization = role = status = None
        status_span = None
        for pos, cell in cells:
            value = cell.strip()
            if date is None and DATE.fullmatch(value):
                date = parse_date(DATE.fullmatch(value))  # type: ignore[arg-type]
                continue
            g = GREMIUM.fullmatch(value)
            if organization is None and g and not value.startswith("Sitzung"):
                organization = nominative(value)
                continue
            if value.startswith("Sitzung ") and GREMIUM.search(value):
                continue  # "Sitzung des Hauptausschusses": the meeting, named again
            if role is None and ROLES.match(value):
                role = value
                continue
            if status is None:
                status = value
                offset = cell.find(value)
                status_span = (pos + offset, pos + offset + len(value))
        if organization is None and date is None and status and rows:
            # a result line under an entry ("Abstimmungsergebnis: …", "mehrheitlich gegen die Stimmen …")
            prev = rows[-1]
            prev["status"] = f"{prev['status']}\n{status}" if prev["status"] else status
            prev["status_start"] = prev["status_start"] or status_span[0]
            prev["status_end"] = status_span[1]
            prev["end"] = line_start + len(line.group())
            continue
        if organization is None and date is not None and rows and rows[-1]["date"] is None:
            # ALLRIS prints the Gremium on one row and the date and result on the next
            prev = rows[-1]
            prev["date"], prev["status"] = date, status
            prev["status_start"], prev["status_end"] = status_span or (None, None)
            prev["end"] = line_start + len(line.group())
            continue
        if organization is None:
            continue
        rows.append({"organization": organization, "date": date, "role": role, "status": status,
                     "start": line_start, "end": line_start + len(line.group()),
                     "status_start": status_span[0] if status_span else None,
                     "status_end": status_span[1] if status_span else None})
    return [Row(**r) for r in rows], (m.start(), table_end)
