"""Attendance lists of minutes: who was present, who was excused, in which Fraktion, with which
role. Lists come grouped by faction or function, one "Family, Given" per line with party or
function columns, as comma or semicolon lists after a label, or in two columns side by side."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import PARTY_GROUP
from .memo import per_text
from .organizations import FACTION_PREFIXED, FACTION_SUFFIXED, GROUP
from .persons import ROLE, ListedName, parse_listed_name

# The line that opens an attendance list ("Anwesend:", "Anwesend waren:", "Anwesende Stadträte:").
START = re.compile(r"^[ \t]*(?:Anwesend(?:e[ \t]+[\wäöüÄÖÜß]+)?(?:[ \t]+waren)?|Teilnehmer(?:innen)?(?:liste)?|"
                   r"Anwesenheit)[ \t]*:?[ \t]*$", re.MULTILINE)
# What ends it: the Tagesordnung, the opening of the meeting, a paragraph of prose.
END = re.compile(r"^[ \t]*(?:Tagesordnung|T a g e s o r d n u n g|TOP\b|Öffentlicher Teil|Öffentliche Sitzung|"
                 r"A\)[ \t]*Öffentliche|Zu[ \t]+1\b|zu[ \t]+Ö[ \t]?1\b|Ö[ \t]?1\b|1\.\t)", re.MULTILINE)

ABSENT = re.compile(r"^(?:entschuldigt|es\s+fehlte|fehlte|fehlend|abwesend|nicht\s+anwesend|Abwesend|Entschuldigt"
                    r"|Es\s+fehlte|Es\s+fehlten|Fehlend|Nicht\s+anwesend)", re.I)
GROUP_HEADER = re.compile(
    r"^(?:Verwaltung|Von\s+der\s+Verwaltung|Vom\s+Magistrat|Magistrat|Mitglieder|Stimmberechtigte\s+Mitglieder|"
    r"Beratende\s+Mitglieder|Stellvertretende\s+Mitglieder|Gäste|Sachkundige\s+Bürger(?:innen)?|"
    r"Ausschussmitglieder|Kreistagsmitglieder|Ratsmitglieder|Stadträte|Gemeinderäte|Name,\s*Vorname|"
    r"[a-d]\)\s*\w[\w ]*|Anwesend(?:e)?\s*\w*|Weitere\s+Teilnehmer\w*|Zuhörer\w*|Presse|Fraktion)\s*:?\s*$")
NOT_LISTED = re.compile(r"^(?:Presse|Zuhörer|sowie|\(|insgesamt|Gesetzliche|Anwesend:\s*\d)", re.I)
_PARENS = re.compile(r"\(([^)]*)\)")
# A cell of a list line: text between tabs or runs of three or more spaces.
_CELLS = re.compile(r"[^\t ](?:[^\t]*?[^\t ])?(?=\t|   |[ \t]*$)")


@dataclass(frozen=True)
class Attendee:
    name: ListedName
    start: int  # offsets of the name in the text
    end: int
    present: bool
    faction: str | None = None  # the group header or party column as written
    role_label: str | None = None  # a function written as a label before the name
    function: str | None = None  # a function written after the name ("Fraktionsvorsitzender")


@per_text
def find_block(text: str, start: int = 0, end: int | None = None) -> tuple[int, int] | None:
    """The (start, end) of the attendance list in text[start:end], if there is one."""
    end = len(text) if end is None else end
    if text.find("Anwesen", start, end) < 0 and text.find("Teilnehmer", start, end) < 0:
        return None  # every opening line names one of them (START)
    m = START.search(text, start, end)
    if not m:
        return None
    stop = END.search(text, m.end(), end)
    block_end = stop.start() if stop else end
    # a paragraph of prose also ends it ("Die Mitglieder … waren … einberufen worden.")
    for line in re.finditer(r"^[^\n]{90,}\.[ \t]*$", text[m.end():block_end], re.MULTILINE):
        if "," not in line.group()[:30] and "\t" not in line.group():
            block_end = m.end() + line.start()
            break
    return m.start(), block_end


def _faction_header(cell: str) -> str | None:
    cell = cell.strip().rstrip(":").strip()
    for pattern in (FACTION_SUFFIXED, FACTION_PREFIXED, GROUP):
        m = pattern.fullmatch(cell)
        if m:
            return cell
    if re.fullmatch(PARTY_GROUP, cell):
        return cell
    return None


def _role_label(cell: str) -> str | None:
    """A cell that is a function label only ("Kreistagsvorsitzende", "Vorsitz:", "Schriftführerin:")."""
    stripped = cell.strip().rstrip(":").strip()
    if stripped in ("Vorsitz", "Vorsitzender", "Vorsitzende"):
        return stripped
    m = ROLE.fullmatch(stripped)
    return m.group() if m else None


def _split_names(cell: str) -> list[tuple[int, str]]:
    """A cell holding several names: "A, B, C" (given-first) or "X, Y (CDU); Z, W (SPD)"."""
    if ";" in cell:
        parts, pos = [], 0
        for piece in cell.split(";"):
            parts.append((pos, piece))
            pos += len(piece) + 1
        return parts
    pieces = cell.split(",")
    if len(pieces) >= 2:
        direct = [parse_listed_name(_PARENS.sub("", p)) for p in pieces]
        if all(d is not None and d.given for d in direct) and len(pieces) >= 2:
            out, pos = [], 0
            for piece in pieces:
                out.append((pos, piece))
                pos += len(piece) + 1
            return out
    return [(0, cell)]


def parse_attendance(text: str, start: int, end: int) -> list[Attendee]:
    """The attendees listed in text[start:end] (an attendance block)."""
    out: list[Attendee] = []
    present = True
    # per column (by the cell's start column): the current faction and a pending function label
    faction_at: dict[int, str | None] = {}
    role_at: dict[int, str | None] = {}

    def column(col: int, table: dict[int, str | None]) -> int | None:
        near = [c for c in table if abs(c - col) <= 8]
        return min(near, key=lambda c: abs(c - col)) if near else None

    for line_match in re.finditer(r"[^\n]*", text[start:end]):
        line = line_match.group()
        line_start = start + line_match.start()
        if not line.strip():
            continue
        cells = [(m.start(), m.group()) for m in _CELLS.finditer(line) if m.group().strip()]
        i = 0
        while i < len(cells):
            col, cell = cells[i]
            stripped = cell.strip()
            label, _, rest = stripped.partition(":")
            if ABSENT.match(stripped):
                present = False
                faction_at.clear()
                role_at.clear()
                if rest.strip() and ":" in stripped:
                    cells[i] = (col + cell.index(rest), rest)
                    continue
                i += 1
                continue
            if NOT_LISTED.match(stripped):
                i += 1
                continue
            if START.match(stripped) or re.fullmatch(r"Anwesend(?:e[ \w]*)?\s*:?", stripped):
                present = True
                i += 1
                continue
            if GROUP_HEADER.match(stripped) and not parse_listed_name(stripped):
                faction_at[col] = None
                role_at.pop(col, None)
                if stripped.startswith(("Name", "Fraktion")):
                    pass
                else:
                    present = present if not stripped.lower().startswith(("a)", "b)")) else True
                i += 1
                continue
            header = _faction_header(stripped)
            if header is not None:
                faction_at[col] = header
                role_at.pop(col, None)
                i += 1
                continue
            if ":" in stripped and rest.strip():
                # "CDU-Fraktion:\tA, B", "Schriftführer:\tDaniel Braun", "Vorsitz: Bürgermeister X"
                f = _faction_header(label)
                r = _role_label(label)
                if f is not None or r is not None or GROUP_HEADER.match(label + ":") or ABSENT.match(label):
                    for offset, piece in _split_names(rest):
                        piece_col = col + cell.index(rest) + offset
                        _add(out, text, line_start + piece_col, piece, present, f, r)
                    i += 1
                    continue
            if ":" in stripped and not rest.strip() and i + 1 < len(cells):
                # "Schriftführer:<TAB>Daniel Braun", "CDU-Fraktion:<TAB>A, B, C": the label names the cells after it
                f = _faction_header(label)
                r = _role_label(label)
                if f is not None or r is not None or GROUP_HEADER.match(stripped) or ABSENT.match(label):
                    for ncol, ncell in cells[i + 1:]:
                        for offset, piece in _split_names(ncell):
                            _add(out, text, line_start + ncol + offset, piece, present, f, r)
                    break
            role = _role_label(stripped)
            if role is not None and not parse_listed_name(stripped):
                role_at[col] = role
                i += 1
                continue
            if ":" in stripped and not rest.strip():
                r = _role_label(label)
                if r is not None:
                    role_at[col] = r
                elif GROUP_HEADER.match(stripped):
                    faction_at[col] = None
                i += 1
                continue
            # a name cell, possibly followed by party or function cells
            pieces = _split_names(cell)
            f_col = column(col, faction_at)
            r_col = column(col, role_at)
            faction = faction_at.get(f_col) if f_col is not None else None
            pending = role_at.get(r_col) if r_col is not None else None
            j = i + 1
            extra_party = extra_function = None
            while j < len(cells) and len(pieces) == 1:
                nxt = cells[j][1].strip()
                if _is_name_cell(nxt) and not re.fullmatch(PARTY_GROUP, nxt):
                    break
                if re.fullmatch(PARTY_GROUP, nxt):
                    extra_party = nxt
                elif nxt and extra_function is None and not re.fullmatch(r"[Xx✓]", nxt):
                    extra_function = nxt
                j += 1
            added = False
            for offset, piece in pieces:
                added |= _add(out, text, line_start + col + offset, piece, present, extra_party or faction,
                              pending, extra_function)
            if added and r_col is not None:
                role_at.pop(r_col, None)
            i = j if added else i + 1
    return out


def _is_name_cell(cell: str) -> bool:
    """A cell naming a person, possibly with a party after it ("Yilmaz-Kraft, Esra GRÜNE")."""
    bare = _PARENS.sub("", cell).strip()
    if parse_listed_name(bare):
        return True
    trailing = re.search(rf"\s(?:{PARTY_GROUP})\s*$", bare)
    return bool(trailing and parse_listed_name(bare[:trailing.start()]))


def _add(out: list[Attendee], text: str, abs_start: int, piece: str, present: bool, faction: str | None,
         role: str | None, function: str | None = None) -> bool:
    trailing = re.search(rf"\s(?P<party>{PARTY_GROUP})\s*$", piece)
    if trailing and parse_listed_name(_PARENS.sub("", piece)) is None:
        faction = faction or trailing.group("party")
        piece = piece[:trailing.start()]
    inner = _PARENS.findall(piece)
    bare = _PARENS.sub("", piece).strip().rstrip(",").strip()
    name = parse_listed_name(bare)
    if name is None:
        return False
    for note in inner:
        note = note.strip()
        if re.fullmatch(PARTY_GROUP, note):
            faction = faction or note
        elif re.match(r"entschuldigt", note, re.I):
            present = False
        elif note and function is None:
            function = note
    offset = text.find(bare, abs_start, abs_start + len(piece) + 2)
    offset = abs_start if offset < 0 else offset
    out.append(Attendee(name, offset, offset + len(bare), present, faction, name.role or role, function))
    return True
