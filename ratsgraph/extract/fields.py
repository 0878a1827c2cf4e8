"""Label/value fields of RIS pages and minutes headers ("Gremium:\tRat der Stadt Wendenbach",
"Datum:\tDi, 09.05.2023\tStatus:\töffentlich"), several to a line where the RIS puts them so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from .memo import per_text

# Labels that RIS pages and minutes headers use; matched case-sensitively at a line start or after
# a tab / a run of spaces.
LABELS = (
    "Sitzung", "Gremium", "Datum", "Zeit", "Raum", "Ort, Raum", "Ort", "Sitzungsort", "Sitzungsraum", "Vorlage",
    "Vorlage-Art", "Vorlagenart", "Vorlagen-Nr.", "Drucksache", "Drucksache-Art", "Drucksachenart", "Status",
    "Beschlussart", "Verfasser", "Verfasser/-in", "Bearbeiter/-in", "Bearbeiter", "Bearbeiterin", "Federführend",
    "Federführendes Amt", "Beteiligt", "TOP", "Anlass", "Betreff", "Sitzungstermin", "Sitzungstag",
    "Sitzungsdatum", "Sitzungsbeginn", "Sitzungsende", "Beginn", "Ende", "Ende der Sitzung", "Vorsitz",
    "Vorsitzender", "Vorsitzende", "Schriftführer", "Schriftführerin", "Schriftführung", "Protokollführer",
    "Protokollführerin", "Protokoll", "Initiator", "Initiatoren", "Antragsteller", "Einreicher", "Wahlperiode",
    "Aktenzeichen", "Sitzungsnummer", "Tagesordnungspunkt", "Art", "Uhrzeit", "Ort/Raum",
)
_LABEL_ALT = "|".join(re.escape(label) for label in sorted(LABELS, key=len, reverse=True))
FIELD = re.compile(rf"(?:^|(?<=\t)|(?<=\s\s))[ \t]*(?P<label>{_LABEL_ALT})[ \t]*:(?!\d)[ \t]*", re.MULTILINE)


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    start: int  # offsets of the value in the text
    end: int
    line_start: int


@per_text
def find_fields(text: str, start: int = 0, end: int | None = None) -> list[Field]:
    """All label/value fields in text[start:end]; a value runs to the next label or the line end."""
    end = len(text) if end is None else end
    out: list[Field] = []
    matches = []
    # a field is a label and a colon on one line: only lines with a colon are scanned
    colon = text.find(":", start, end)
    while colon >= 0:
        line_start = max(start, text.rfind("\n", start, colon) + 1)
        line_end = text.find("\n", colon, end)
        line_end = end if line_end < 0 else line_end
        matches += FIELD.finditer(text, line_start, line_end)
        colon = text.find(":", line_end, end)
    for i, m in enumerate(matches):
        line_end = text.find("\n", m.end(), end)
        line_end = end if line_end < 0 else line_end
        stop = line_end
        if i + 1 < len(matches) and matches[i + 1].start() < line_end:
            stop = matches[i + 1].start()
        value = text[m.end():stop]
        stripped = value.strip()
        if not stripped:
            continue
        value_start = m.end() + (len(value) - len(value.lstrip()))
        line_start = text.rfind("\n", 0, m.start()) + 1
        out.append(Field(m.group("label"), stripped, value_start, value_start + len(stripped), line_start))
    return out


def field(fields: list[Field], *labels: str) -> Field | None:
    """The first field with one of these labels, in the order the labels are given."""
    for label in labels:
        for f in fields:
            if f.label == label:
                return f
    return None
