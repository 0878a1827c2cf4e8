"""Decisions: where minutes state the result of a vote, and which statements of one result belong
together. Results come as labels ("Abstimmungsergebnis: …", "Beschlussart: …"), as lines of their
own ("- mehrheitlich beschlossen -", "einstimmig beschlossen 15:0", "Ja: 12  Nein: 3"), and as
sentences ("Der Antrag wird mehrheitlich abgelehnt.", "Mit 12:3 Stimmen beschloss der
Gemeinderat …"). Narrated results of earlier meetings, proposals and announcements are not."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from . import regex as rx
from .dates import DATE, MONTHS, parse_date
from .lexicon import PARTY_GROUP
from .organizations import FACTION_PREFIXED, FACTION_SUFFIXED, GREMIUM, GROUP, nominative
from .persons import ROLE, Mention
from .resolutions import RESULT_LABEL
from .text import sentences
from .votes import LABELLED_COUNT, VoteResult, parse_vote

AUX = r"wird|werden|wurde|wurden|ist|sind|war|waren"
PARTICIPLE = (r"angenommen|beschlossen|abgelehnt|zugestimmt|genehmigt|bestätigt|gebilligt|vertagt|zurückgestellt"
              r"|verschoben|verwiesen|überwiesen|zurückverwiesen|zurückgezogen|zur\s+Kenntnis\s+genommen|gewählt"
              r"|empfohlen|abgesetzt|gefasst")
# "Der Antrag wird mehrheitlich abgelehnt.", "Die Niederschrift … wird bei 2 Enthaltungen genehmigt."
# A participle as a word: PASSIVE and PERFECT_INVERTED end in one, so a sentence without one is not scanned
_PARTICIPLE_WORD = re.compile(rf"\b(?:{PARTICIPLE})\b")
PASSIVE = re.compile(rf"\b(?P<aux>{AUX})\b(?P<middle>(?:[^;:]|(?:(?<=\d)|(?<=\d\s)):(?=\s?\d)){{0,200}}?)\b(?P<verb>{PARTICIPLE})\b")
# "Der Rat beschließt einstimmig die geänderte Tagesordnung.", "Der Kreistag nimmt den Bericht zur Kenntnis."
GREMIUM_VERB = re.compile(
    r"^(?:(?:Sodann|Daraufhin|Anschließend|Danach|Damit)\s+)?(?:Der|Die|Das)\s+(?P<g>[A-ZÄÖÜ][^.;:]{1,80}?)\s+"
    r"(?P<verb>beschließt|nimmt|genehmigt|stimmt|lehnt|vertagt|verweist|überweist|bestätigt|billigt|empfiehlt|hat"
    r"|folgt|stellt)\b")
# The members as the subject: "Die Gemeinderäte nehmen den Bericht zur Kenntnis.", "Die Ausschussmitglieder stimmen zu."
MEMBERS_VERB = re.compile(
    r"^(?:(?:Sodann|Daraufhin|Anschließend|Danach)\s+)?(?:Die\s+)?(?:anwesenden\s+)?(?:Gemeinderäte|Stadträte|Ortsräte|"
    r"Kreisräte|Ratsmitglieder|Ausschussmitglieder|Kreistagsmitglieder|Kreistagsabgeordneten|Stadtverordneten|"
    r"Gemeindevertreter(?:innen)?|Mitglieder\s+(?:des|der)\s+[A-ZÄÖÜ][\wäöüß-]+)\s+"
    r"(?:nehmen|beschließen|stimmen|lehnen|billigen|genehmigen|empfehlen|bestätigen|vertagen)\b")
# Press reports: "Mit 12:3 Stimmen beschloss der Gemeinderat …", "… lehnte der Gemeinderat … ab"
INVERTED = re.compile(
    r"\b(?P<verb>beschloss|beschlossen|lehnte|stimmte|vertagte|verwies|überwies|genehmigte|billigte|fasste|bestätigte"
    r"|empfahl|nahm)\s+(?:der|die|das)\s+(?P<g>[A-ZÄÖÜ][\wäöüß-]+(?:\s(?:für|der|des)\s[^.,;]{3,60}?)?)(?=[\s.,;])")
# A Gremium named by a generic word in press reports: "das Gremium", "das Stadtparlament"
GENERIC_BODY = ("Gremium", "Ausschuss", "Rat", "Stadtparlament", "Parlament", "Kreisparlament", "Versammlung",
                "Plenum", "Kommunalparlament", "Gemeindeparlament")
# "Nach längerer Diskussion hat der Gemeinderat … mit 14 zu 4 Stimmen … beschlossen"
PERFECT_INVERTED = rx.compile(rf"\b(?:hat|haben)\s+(?:der|die|das)\s+(?P<g>[A-ZÄÖÜ][\wäöüß-]+)\b[^;]{{0,250}}?\b(?:{PARTICIPLE})\b")
# "Der Antrag findet keine Mehrheit (4 Ja, 9 Nein).", "Der Vorschlag erhält die erforderliche Mehrheit."
MAJORITY_FOUND = re.compile(r"^(?:Der|Die|Das)\s+[^.]{0,60}?\b(?:findet|fand|erhält|erhielt|bekommt|bekam)\s+"
                            r"(?P<none>keine\s+)?(?:die\s+)?(?:erforderliche\s+|notwendige\s+)?Mehrheit")
# "… gibt bekannt, dass die Stadtverordnetenversammlung in nichtöffentlicher Sitzung … zugestimmt hat"
ANNOUNCED = rx.compile(rf"\bgibt\b[^.]{{0,80}}\bbekannt,?\s+dass\s+(?:der|die|das)\s+(?P<g>[A-ZÄÖÜ][\wäöüß-]+)\b[^.]*?"
                       rf"\b(?:{PARTICIPLE})\s+(?:hat|habe|hatte)\b")
# "Der Beschluss fiel einstimmig bei einer Enthaltung."
BESCHLUSS_FIEL = rx.compile(r"\b(?:Der\s+Beschluss\s+(?:fiel|erging|erfolgte)|Die\s+Beschlussfassung\s+erfolgte)\b")
# A withdrawal declared in the meeting: "… und zieht den Antrag zurück", "dass der Antrag … zurückgezogen wird"
WITHDRAWAL = re.compile(r"\bzieht\b[^.]{0,80}\b(?:Antrag|Anfrage|Vorlage)\b[^.]{0,40}\bzurück\b"
                        r"|\b(?:Antrag|Anfrage|Vorlage)\b[^.]{0,80}\bzurückgezogen\s+wird\b")

# What makes a sentence no result of this meeting.
PROPOSAL = re.compile(r"\b(?:beantragt|beantragte|beantragen|schlägt|schlug|regt|regte|bittet|bat|fordert|forderte"
                      r"|kündigt|kündigte|plädiert|wirbt|appelliert|empfiehlt\s+(?:er|sie)|vorgeschlagen)\b")
MODAL = rx.compile(r"\b(?:soll|solle|sollte|sollten|sollen|werde|würde|würden|könne|könnte|könnten|möge|möchte"
                   r"|müsse|müsste|will|wolle|dürfe|kann|können)\b")
NARRATED = re.compile(r"\b(?:hatte|hatten|vorberaten|vorberaten\s+hat|in\s+(?:seiner|ihrer)\s+(?:letzten|vorigen|"
                      r"vorherigen|früheren)\s+Sitzung)\b")
_MONTH_WORDS = "|".join(m for m in MONTHS if len(m) > 3)
EARLIER = rx.compile(rf"\b(?:im|seit|bereits\s+im|schon\s+im)\s+(?:{_MONTH_WORDS})\b", re.I)

# Subjects of a vote, as written: an amendment, a procedural motion.
AMENDMENT = re.compile(r"Änderungsantrag|Ergänzungsantrag|Änderungsvorschlag|Zusatzantrag|Änderungsanträge", re.I)
PROCEDURAL = re.compile(r"Geschäftsordnung|GO-Antrag|Schluss\s+der\s+(?:Rednerliste|Debatte|Aussprache)", re.I)
# Nouns that name the thing voted on ("Der Antrag wird …").
MOTION = rx.compile(r"\b(?:Antrag|Änderungsantrag|Ergänzungsantrag|GO-Antrag|Geschäftsordnungsantrag|Beschlussvorschlag"
                    r"|Beschlussempfehlung|Empfehlung|Vorlage|Drucksache|Tagesordnungspunkt|Punkt|Angelegenheit"
                    r"|Beratung|Beschlussfassung|Niederschrift|Protokoll|Tagesordnung|Bericht|Sachstandsbericht"
                    r"|Informationen?|Mitteilungen?|Antwort|Anfrage|Resolution|Entscheidung|Dringlichkeitsentscheidung"
                    r"|Wahl|Vorschlag)\b")

# A line that is a result and nothing else: "- mehrheitlich beschlossen -", "einstimmig beschlossen 15:0"
RESULT_LINE = re.compile(
    r"^[ \t\-–]*(?:(?:einstimmig|mehrheitlich|einvernehmlich|ohne\s+Gegenstimmen?)[ \t,]+)?(?:bei[ \t]+\w+[ \t]+"
    r"Enthaltung(?:en)?[ \t]+)?(?:beschlossen|angenommen|abgelehnt|empfohlen|zugestimmt|genehmigt|vertagt|"
    r"zurückgestellt|zur[ \t]+Kenntnis[ \t]+genommen)(?:[ \t]+\d{1,3}[ \t]?:[ \t]?\d{1,3}(?:[ \t]?:[ \t]?\d{1,3})?)?"
    r"[ \t.\-–]*$|^[ \t\-–]*(?:einstimmig|mehrheitlich)[ \t.\-–]*$", re.MULTILINE | re.I)


@dataclass
class Candidate:
    """One statement of a result; several may describe one decision."""

    start: int
    end: int
    vote: VoteResult
    kind: str  # "main", "amendment", "procedural"
    source: str  # "label", "line", "sentence", "block"
    subject: str | None = None
    referred_to: str | None = None
    factions: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]] = ((), (), ())
    spans: list[tuple[int, int]] = field(default_factory=list)  # the text it covers, labels included
    parts: list[tuple[int, int]] = field(default_factory=list)  # the result as written, labels excluded

    def __post_init__(self) -> None:
        if not self.parts:
            self.parts = [(self.start, self.end)]


def _kind(*texts: str | None) -> str:
    joined = " ".join(t for t in texts if t)
    if PROCEDURAL.search(joined):
        return "procedural"
    if AMENDMENT.search(joined):
        return "amendment"
    return "main"


def _subject(*texts: str | None) -> str | None:
    joined = " ".join(t for t in texts if t)
    for pattern in (PROCEDURAL, AMENDMENT):
        m = pattern.search(joined)
        if m:
            return "Antrag zur Geschäftsordnung" if pattern is PROCEDURAL else "Änderungsantrag"
    return None


def referral_target(text: str) -> str | None:
    """The Gremium a matter is referred to: "… in den Ausschuss für Finanzen und Beteiligungen überwiesen"."""
    m = re.search(r"\b(?:in\s+den|an\s+den|in\s+die|an\s+die|zur\s+Vorberatung\s+an\s+den)\s+", text)
    if not m:
        return None
    g = GREMIUM.match(text, m.end())
    if not g:
        return None
    name = nominative(g.group("name"))
    return None if name in ("Fachausschuss", "Ausschuss") else name


# --- factions named in a vote -------------------------------------------------------------------

_PARTY_LIST = rf"(?:Gruppe\s)?{PARTY_GROUP}(?:-Fraktion)?"
_FACTION_REF = (rf"(?:(?:der|des)\s)?(?:Fraktion(?:en)?\s(?:der\s)?{PARTY_GROUP}|{PARTY_GROUP}-(?:Rats|Kreistags)?Fraktion"
                rf"|Gruppe\s{PARTY_GROUP}|{PARTY_GROUP})")


def _parties_in(text: str) -> tuple[str, ...]:
    found = []
    pos = 0
    while pos < len(text):
        m = None
        for pattern in (FACTION_SUFFIXED, FACTION_PREFIXED, GROUP):
            x = pattern.search(text, pos)
            if x and (m is None or x.start() < m.start()):
                m = x
        p = re.search(rf"(?<![\w/-])(?:{PARTY_GROUP})(?![\w/-])", text[pos:])
        if p and (m is None or pos + p.start() < m.start()):
            found.append(p.group())
            pos += p.end()
            continue
        if m is None:
            break
        found.append(m.group())
        pos = m.end()
    return tuple(found)


@lru_cache(maxsize=4096)
def vote_factions(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Factions named as voting for, against, abstaining, as written.

    >>> vote_factions("Ja: 27 (SPD, GRÜNE, FDP)\\nNein: 13 (CDU, UWG)")
    (('SPD', 'GRÜNE', 'FDP'), ('CDU', 'UWG'), ())
    >>> vote_factions("mehrheitlich gegen die Stimmen der AfD-Fraktion bei Enthaltung der FDP-Fraktion")
    ((), ('AfD-Fraktion',), ('FDP-Fraktion',))
    """
    yes: list[str] = []
    no: list[str] = []
    abstain: list[str] = []
    # labelled lists: "Ja: CDU, FWG, FDP", "Ja: 27 (SPD, …)", "40 Ja-Stimmen (CDU, SPD)"
    for m in re.finditer(r"(?P<label>\bJa(?:-Stimmen)?|\bNein(?:-Stimmen)?|\bEnthaltung(?:en)?|\bGegenstimmen?)"
                         r"[ \t]*:?[ \t]*(?:\d{1,3}[ \t]*)?\((?P<list>[^)]*)\)"
                         r"|(?P<label2>\bJa|\bNein|\bEnthaltung(?:en)?)[ \t]*:[ \t]*(?P<list2>(?:Gruppe\s)?[A-ZÄÖÜ][^\n\d]*)",
                         text):
        label = (m.group("label") or m.group("label2")).lower()
        parties = _parties_in(m.group("list") or m.group("list2"))
        target = yes if label.startswith("ja") else abstain if label.startswith("enth") else no
        target.extend(parties)
    # prose: "gegen die Stimmen der X", "bei Enthaltung der Y", "4 Enthaltungen der AfD-Fraktion"
    for m in re.finditer(r"gegen\s+(?:die\s+)?Stimmen?\s+(?P<list>[^.;\n]*?)(?=\s+bei\s+|[.;\n]|$)", text):
        no.extend(_parties_in(m.group("list")))
    for m in re.finditer(r"Enthaltung(?:en)?\s+(?P<list>(?:der|des|von)\s[^.;\n]*?)(?=\s+gegen\s+|[.;\n]|$)", text):
        abstain.extend(_parties_in(m.group("list")))
    return tuple(dict.fromkeys(yes)), tuple(dict.fromkeys(no)), tuple(dict.fromkeys(abstain))


# --- finding candidates ----------------------------------------------------------------------

def _candidate(text: str, start: int, end: int, source: str, *context: str | None) -> Candidate | None:
    result = text[start:end]
    vote = parse_vote(result)
    if vote.outcome is None and not vote.has_counts and vote.unanimous is None:
        return None
    return Candidate(start, end, vote, _kind(result, *context), source, _subject(result, *context),
                     referral_target(result) if vote.outcome == "referred" else None,
                     vote_factions(result), [(start, end)])


# "Beschluss: einstimmig", "Beschluss: einstimmig empfohlen (5:0:0)": a result under the Beschluss label
BESCHLUSS_RESULT = re.compile(r"^[ \t]*Beschluss(?:fassung)?[ \t]*:[ \t]*(?P<rest>[^\n]{2,80})$", re.MULTILINE)


def is_result_phrase(text: str) -> bool:
    """A short text that states a result and nothing else ("einstimmig empfohlen (5:0:0)")."""
    stripped = re.sub(r"\([^)]*\)", "", text).strip(" .-–")
    if not stripped or len(stripped.split()) > 6:
        return False
    return bool(RESULT_LINE.fullmatch(stripped) or re.fullmatch(
        r"(?:einstimmig|mehrheitlich|einvernehmlich)(?:\s+\w+){0,3}|(?:\w+\s+){0,2}(?:beschlossen|angenommen|"
        r"abgelehnt|empfohlen|zugestimmt|vertagt|zurückgestellt|zur\s+Kenntnis\s+genommen|zurückgezogen)", stripped))


def label_results(text: str, start: int, end: int) -> list[Candidate]:
    """Results given under a label, with the lines that continue them."""
    out = []
    for m in BESCHLUSS_RESULT.finditer(text, start, end):
        if is_result_phrase(m.group("rest")):
            c = _candidate(text, m.start("rest"), m.end("rest"), "label")
            if c is not None:
                c.spans = [(m.start(), m.end())]
                out.append(c)
    for m in RESULT_LABEL.finditer(text, start, end):
        stop = m.end()
        if not m.group("rest").strip():
            gap = re.match(r"\n(?:[ \t]*\n){1,4}(?=[^\n]*\S)", text[stop:end])
            if gap and not re.match(r"[ \t]*(?:Beschluss|Anlagen?|Dokumente)\b", text[stop + gap.end():end]):
                stop = stop + gap.end() - 1
        while stop < end:
            nl = text.find("\n", stop + 1, end)
            nl = end if nl < 0 else nl
            line = text[stop + 1:nl]
            if not line.strip() or RESULT_LABEL.match(line) or re.match(r"^[ \t]*Beschluss", line):
                break
            if len(line.split()) > 25:
                break
            stop = nl
        # a result line after one blank line belongs to it ("- mehrheitlich beschlossen -")
        after = re.match(r"\n[ \t]*\n([^\n]*)", text[stop:end])
        if after and RESULT_LINE.fullmatch(after.group(1)):
            stop = stop + after.end()
        body_start = m.start("rest") if m.group("rest").strip() else m.end()
        subject = m.group("subject") or m.group("subject2")
        source = "header" if m.group("label") == "Beschlussart" else "label"
        c = _candidate(text, body_start, stop, source, subject, m.group("label"))
        if c is None and subject:
            continue
        if c is not None:
            lines = [(body_start + x.start(), body_start + x.end(), x.group())
                     for x in re.finditer(r"^[^\n]*$", text[body_start:stop], re.MULTILINE)]
            for table in _table_votes(text, lines, []):
                if not _compatible(c, table):
                    # the counts of a vote table under the label, not a reading of its cells as prose
                    tv = table.vote
                    c.vote = replace(c.vote, votes_for=tv.votes_for, votes_against=tv.votes_against,
                                     abstentions=tv.abstentions, recusals=tv.recusals,
                                     unanimous=c.vote.unanimous if c.vote.unanimous is not None else tv.unanimous)
                if _compatible(c, table):
                    c = _merge_two(c, table)
            c.spans = [(m.start(), stop)]
            out.append(c)
    return out


_COUNT_WORD = r"(?:Ja(?:-Stimmen)?|Nein(?:-Stimmen)?|Enthaltung(?:en)?|Stimmenthaltung(?:en)?|Enth\.|Befangen|Gegenstimmen|" \
              r"[Dd]afür|[Dd]agegen|Zustimmung(?:en)?|Ablehnung(?:en)?|Für|Gegen)"
_DIGIT = re.compile(r"\d")
_COUNT_LINE = re.compile(rf"^[ \t]*{_COUNT_WORD}[ \t]*:?[ \t]*\d{{1,3}}[ \t]*$")


def _announcement(text: str, line_start: int) -> str | None:
    """The line right above counts that announces what is voted on ("Sodann wird über den
    Änderungsantrag der Fraktion X abgestimmt:"), or None."""
    end = line_start - 1
    if end <= 0:
        return None
    start = text.rfind("\n", 0, end) + 1
    line = text[start:end].strip()
    return line if line.endswith(":") and len(line) < 200 else None


def line_results(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Results standing on lines of their own, outside labelled results: result phrases, runs of
    count lines ("Ja:<TAB>9" / "Nein:<TAB>0" / …), lines with several counts, and vote tables."""
    out = []
    for m in RESULT_LINE.finditer(text, start, end):
        if _inside(m.start(), taken):
            continue
        c = _candidate(text, m.start(), m.end(), "line")
        if c:
            out.append(c)
    run: list[tuple[int, int]] = []
    lines = [(start + m.start(), start + m.end(), m.group()) for m in re.finditer(r"^[^\n]*$", text[start:end],
                                                                                 re.MULTILINE)]
    for s, e, line in lines + [(end, end, "")]:
        single = bool(_COUNT_LINE.match(line)) and not _inside(s, taken)
        if single:
            run.append((s, e))
            continue
        if run:
            if len(run) >= 2:
                c = _candidate(text, run[0][0], run[-1][1], "line", _announcement(text, run[0][0]))
                if c:
                    out.append(c)
            run = []
        several = len(line.split()) <= 14 and _DIGIT.search(line) is not None and len(
            LABELLED_COUNT.findall(line)) >= 2 and not _inside(s, taken)  # every count has a digit
        if several and not any(c.start <= s < c.end for c in out):
            c = _candidate(text, s, e, "line", _announcement(text, s))
            if c:
                out.append(c)
    out.extend(_table_votes(text, lines, taken))
    return out


_COUNT_CELL = re.compile(rf"^{_COUNT_WORD}$")
# The longest text _COUNT_CELL can match ("Stimmenthaltungen", and the line break `$` allows after it):
# a longer cell is no count label, without trying the pattern (most lines are prose).
_COUNT_CELL_WIDTH = rx.longest_match(_COUNT_CELL) + 1
_CELL_GAP = re.compile(r"\t|\s{3,}")


def _is_count_label(cell: str) -> bool:
    return len(cell) <= _COUNT_CELL_WIDTH and _COUNT_CELL.match(cell) is not None


def _table_votes(text: str, lines: list[tuple[int, int, str]], taken: list[tuple[int, int]]) -> list[Candidate]:
    """Vote tables: a header row of count labels over a row of numbers ("Gremium<TAB>Ja<TAB>Nein…" /
    "Rat der Stadt<TAB>4<TAB>35…"), or labels one per line followed by the numbers one per line."""
    out = []
    label = _is_count_label
    read_until = 0  # lines before this index belong to a table already read
    for i, (s, e, line) in enumerate(lines):
        if i < read_until or _inside(s, taken):
            continue
        if "\t" in line or "   " in line:  # a row of cells
            cells = [c.strip() for c in _CELL_GAP.split(line.strip())]
            labelled = [j for j, c in enumerate(cells) if label(c)]
        else:
            cells, labelled = [line.strip()], []
        if len(labelled) >= 2 and i + 1 < len(lines):
            rows = []
            for ns, ne, nl in lines[i + 1:]:
                if not nl.strip():
                    if rows:
                        break
                    continue
                values = [c.strip() for c in _CELL_GAP.split(nl.strip())]
                if len(values) != len(cells) or not all(values[j].isdigit() for j in labelled):
                    break
                rows.append((ns, ne, values))
            if not rows:
                continue
            total = next((r for r in rows if re.match(r"(?i)(?:gesamt|summe|insgesamt|zusammen|total)", r[2][0])),
                         None)
            if total is None and len(rows) > 1:  # one row per faction: add them up
                sums = {j: sum(int(r[2][j]) for r in rows) for j in labelled}
                counts = " ".join(f"{cells[j]}: {sums[j]}" for j in labelled)
            else:
                row = total or rows[0]
                counts = " ".join(f"{cells[j]}: {row[2][j]}" for j in labelled)
            c = _counts_candidate(counts, s, rows[-1][1])
            if c is not None and len(rows) > 1:
                c.factions = _table_factions(cells, labelled, rows)
            out.append(c)
            continue
        # vertical, alternating: "Ja-Stimmen" / "5" / "Nein-Stimmen" / "10" / "Enthaltungen" / "0"
        if label(line.strip()) and (i == 0 or not label(lines[i - 1][2].strip())) and \
                i + 3 < len(lines) and lines[i + 1][2].strip().isdigit():
            pairs = []
            j = i
            while j + 1 < len(lines) and label(lines[j][2].strip()) and lines[j + 1][2].strip().isdigit():
                pairs.append((lines[j][2].strip(), lines[j + 1][2].strip()))
                j += 2
            if len(pairs) >= 2:
                counts = " ".join(f"{n}: {v}" for n, v in pairs)
                out.append(_counts_candidate(counts, s, lines[j - 1][1]))
                read_until = j
                continue
        # vertical: "Ja" / "Nein" / "Enthaltung" / "11" / "2" / "1"
        if label(line.strip()):
            names = []
            j = i
            while j < len(lines) and label(lines[j][2].strip()):
                names.append(lines[j][2].strip())
                j += 1
            numbers = [lines[k][2].strip() for k in range(j, min(len(lines), j + len(names)))]
            if len(names) >= 2 and len(numbers) == len(names) and all(n.isdigit() for n in numbers):
                if i == 0 or not label(lines[i - 1][2].strip()):
                    counts = " ".join(f"{n}: {v}" for n, v in zip(names, numbers))
                    out.append(_counts_candidate(counts, s, lines[j + len(names) - 1][1]))
    return [c for c in out if c is not None]


def _table_factions(cells, labelled, rows) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Factions by how most of their members voted, from the rows of a vote table."""
    kinds = {j: ("yes" if re.match(r"(?i)ja|dafür|zustimmung|für", cells[j]) else
                 "no" if re.match(r"(?i)nein|dagegen|ablehnung|gegen", cells[j]) else "abstain")
             for j in labelled}
    out: dict[str, list[str]] = {"yes": [], "no": [], "abstain": []}
    for _, _, values in rows:
        name = values[0]
        if re.match(r"(?i)(?:gesamt|summe|insgesamt|zusammen|total)", name) or not re.search(PARTY_GROUP, name):
            continue
        best = max(labelled, key=lambda j: int(values[j]))
        if int(values[best]) > 0:
            out[kinds[best]].append(name)
    return tuple(out["yes"]), tuple(out["no"]), tuple(out["abstain"])


def _counts_candidate(counts: str, start: int, end: int) -> Candidate | None:
    vote = parse_vote(counts)
    if not vote.has_counts:
        return None
    return Candidate(start, end, vote, "main", "line", None, None, ((), (), ()), [(start, end)])


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in ranges)


def sentence_results(text: str, start: int, end: int, *, taken: list[tuple[int, int]],
                     blocks: list[tuple[int, int]], mentions: list[Mention],
                     meeting_date: dt.date | None) -> list[Candidate]:
    """Results stated in sentences of running text (and as the first sentence of a Beschluss)."""
    out = []
    for s_start, s_end in sentences(text, start, end):
        if _inside(s_start, taken):
            continue
        in_block = _inside(s_start, blocks)
        if in_block and not any(b[0] <= s_start <= b[0] + 2 for b in blocks):
            continue  # only the first sentence of a resolution text can state its result
        sentence = text[s_start:s_end]
        c = _sentence_result(text, s_start, s_end, sentence, mentions, meeting_date, in_block)
        if c is None:
            # a result in parentheses closing a resolution or a sentence: "… zu vergeben. (einstimmig)"
            # the pattern ends in ")" and white space: only such sentences are scanned
            trailing = _TRAILING_RESULT.search(sentence) if sentence.rstrip().endswith(")") else None
            if trailing and is_result_phrase(trailing.group("result")):
                c = _candidate(text, s_start + trailing.start("result"), s_start + trailing.end("result"), "line")
        if c is not None:
            out.append(c)
    return out


_TRAILING_RESULT = re.compile(r"[.!]\s*\(\s*(?P<result>[^()\n]{3,60}?)\s*\)\s*$")


def _person_subject(sentence: str, offset: int, upto: int, mentions: list[Mention]) -> bool:
    head = sentence[:upto]
    g = re.match(r"^(?:(?:Sodann|Daraufhin|Anschließend|Danach|Damit)\s+)?(?:Der|Die|Das)\s+(?P<g>[A-ZÄÖÜ][^.;:,]{1,80}?)\s*$",
                 head)
    if g and GREMIUM.fullmatch(g.group("g")):
        return False  # "Der Stadtrat nimmt …": the Gremium, not a Stadtrat
    for m in mentions:
        if offset <= m.start < offset + upto:
            before = sentence[max(0, m.start - offset - 25):m.start - offset]
            if not re.search(r"(?:\bvon|\bdurch|\bAntrag\s+(?:von|des|der)|\bNachfrage\s+(?:von|des|der)|\bmit)\s*$",
                             before):
                return True
    if re.match(r"^(?:Er|Sie|Dieser|Diese)\s+[a-zäöüß]", head):
        return True
    m = ROLE.match(re.sub(r"^(?:Der|Die|Auch\s+der|Auch\s+die)\s+", "", head))
    if m and re.match(r"^(?:Der|Die|Auch)", head):
        return True
    return False


def _faction_subject(head: str) -> bool:
    head = re.sub(r"^(?:Auch|Nur|Lediglich)\s+", "", head)
    return bool(re.match(rf"^(?:die|Die|der|Der)\s+(?:Fraktion|{PARTY_GROUP}(?:-\w*[Ff]raktion)?\b|Gruppe\b)", head))


# Statistics of a past year: "Im Jahr 2023 wurden 214 Fällanträge gestellt, davon 171 genehmigt."
_PAST_YEAR = re.compile(r"\b[Ii]m\s+Jahre?\s+(?:19|20)\d\d\b[^.]*\b(?:wurden?|waren|war)\b")
_COUNTED_PARTICIPLE = re.compile(rf"\bdavon\s+\d+\s+(?:{PARTICIPLE})\b")


def _narrated(sentence: str, meeting_date: dt.date | None) -> bool:
    if NARRATED.search(sentence) or EARLIER.search(sentence) or _PAST_YEAR.search(sentence):
        return True
    if _COUNTED_PARTICIPLE.search(sentence):
        return True  # "davon 171 genehmigt": a statistic, not a vote
    for m in DATE.finditer(sentence):
        before = sentence[max(0, m.start() - 30):m.start()]
        if re.search(r"\bam\s+(?:\w+,\s+(?:dem\s+)?)?$|\bSitzung\s+vom\s+$", before):
            d = parse_date(m)
            if d is not None and d != meeting_date:
                if re.search(r"\b(?:Niederschrift|Protokoll)\b[^.]{0,40}$", sentence[:m.start()]):
                    continue  # "Die Niederschrift über die Sitzung vom … wird genehmigt"
                return True
    return False


def _sentence_result(text: str, s_start: int, s_end: int, sentence: str, mentions: list[Mention],
                     meeting_date: dt.date | None, in_block: bool) -> Candidate | None:
    verb_at = None
    # each of these rules needs a word that it names literally: without the word it cannot match
    withdrawal = WITHDRAWAL.search(sentence) if "zurück" in sentence else None
    if withdrawal and not in_block:
        if _narrated(sentence, meeting_date) or re.search(r"\bzurückgezogen\s+(?:hat|hatte|habe)\b", sentence):
            return None
        c = _candidate(text, s_start, s_end, "sentence")
        if c is not None:
            c.vote = replace(c.vote, outcome="withdrawn", outcome_detail=None)
        return c
    found = MAJORITY_FOUND.match(sentence)
    if found and MOTION.search(sentence[:found.end()]) and not in_block:
        c = _candidate(text, s_start, s_end, "sentence")
        outcome = "rejected" if found.group("none") else "adopted"
        if c is None:
            c = Candidate(s_start, s_end, VoteResult(outcome, None), "main", "sentence")
        c.vote = replace(c.vote, outcome=outcome)
        return c if not _narrated(sentence, meeting_date) else None
    announced = ANNOUNCED.search(sentence) if "bekannt" in sentence else None
    if announced and not in_block and (GREMIUM.fullmatch(announced.group("g")) or announced.group("g") in GENERIC_BODY):
        # a decision of this meeting's non-public part, made public (an earlier one carries its date)
        if not _narrated(sentence, meeting_date) and not DATE.search(sentence):
            return _candidate(text, s_start, s_end, "sentence")
        return None
    members = MEMBERS_VERB.match(sentence)
    if members and not in_block:
        # "Die Gemeinderäte nehmen den Bericht zur Kenntnis.": the members act as the body
        return _candidate(text, s_start, s_end, "sentence") if not _narrated(sentence, meeting_date) else None
    g = GREMIUM_VERB.match(sentence)
    participle = _PARTICIPLE_WORD.search(sentence) is not None
    p = PASSIVE.search(sentence) if participle else None
    i = INVERTED.search(sentence)
    f = BESCHLUSS_FIEL.search(sentence) if "Beschluss" in sentence else None
    if g and g.group("verb") == "stellt" and not re.search(r"\bzurück\b", sentence):
        g = None  # "Der Rat stellt fest": no result
    if g and (GREMIUM.fullmatch(g.group("g").strip()) or g.group("g").strip() in GENERIC_BODY):
        verb = g.group("verb")
        if verb == "hat" and not _PARTICIPLE_WORD.search(sentence[g.end():]):
            return None
        if in_block and verb in ("beschließt", "empfiehlt", "hat"):
            return None
        verb_at = g.start("verb")
    elif i and not in_block and (GREMIUM.fullmatch(i.group("g")) or i.group("g").split()[0] in GENERIC_BODY
                                 or GREMIUM.fullmatch(i.group("g").split()[0])):
        verb_at = i.start()
    elif participle and (pi := PERFECT_INVERTED.search(sentence)) and not in_block and (
            GREMIUM.fullmatch(pi.group("g")) or pi.group("g") in GENERIC_BODY):
        verb_at = pi.start()
    elif f and not in_block:
        verb_at = f.start()
    elif p:
        subject = sentence[:p.start()]
        if in_block and not MOTION.search(subject):
            return None
        if not subject.strip() or re.search(r"\b(?:dass|ob|wenn|weil|nachdem|sobald|bis)\b", subject):
            return None
        verb_at = p.start()
    else:
        return None
    head = sentence[:verb_at]
    if _person_subject(sentence, s_start, verb_at, mentions) or _faction_subject(head):
        return None
    main_clause = re.sub(r",[^,]*,", ",", head) + sentence[verb_at:]
    if PROPOSAL.search(main_clause) or MODAL.search(main_clause[:len(main_clause)]):
        return None
    if _narrated(sentence, meeting_date):
        return None
    return _candidate(text, s_start, s_end, "block" if in_block else "sentence")


# --- merging ---------------------------------------------------------------------------------

def _compatible(a: Candidate, b: Candidate) -> bool:
    va, vb = a.vote, b.vote
    for x, y in ((va.votes_for, vb.votes_for), (va.votes_against, vb.votes_against),
                 (va.abstentions, vb.abstentions)):
        if x is not None and y is not None and x != y:
            return False
    if va.outcome and vb.outcome and va.outcome != vb.outcome:
        return False
    if va.unanimous is not None and vb.unanimous is not None and va.unanimous != vb.unanimous:
        return False
    return True


def _merge_two(a: Candidate, b: Candidate) -> Candidate:
    va, vb = a.vote, b.vote

    def pick(x, y):
        return x if x is not None else y

    vote = VoteResult(
        outcome=pick(va.outcome, vb.outcome),
        unanimous=pick(va.unanimous, vb.unanimous),
        votes_for=pick(va.votes_for, vb.votes_for),
        votes_against=pick(va.votes_against, vb.votes_against),
        abstentions=pick(va.abstentions, vb.abstentions),
        recusals=pick(va.recusals, vb.recusals),
        outcome_detail=pick(va.outcome_detail, vb.outcome_detail),
    )
    factions = tuple(tuple(dict.fromkeys(x + y)) for x, y in zip(a.factions, b.factions))
    return Candidate(a.start, a.end, vote, a.kind, a.source, a.subject or b.subject,
                     a.referred_to or b.referred_to, factions, a.spans + b.spans,  # type: ignore[arg-type]
                     a.parts + b.parts)


def merge(candidates: list[Candidate], barriers: list[int] = ()) -> list[Candidate]:
    """One decision per motion: statements of the same kind that do not contradict each other
    (a "Beschlussart" header and the counts below it) describe one result. A resolution text
    between two statements (a barrier) starts a new motion, except after a header field; two
    sentences in different paragraphs report different results, except two withdrawals."""
    out: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: c.start):
        if any(o.start <= c.start < o.end for o in out):
            continue
        target = next((i for i in range(len(out) - 1, -1, -1) if out[i].kind == c.kind), None)
        if target is not None and _compatible(out[target], c) and _may_merge(out[target], c, barriers):
            out[target] = _merge_two(out[target], c)
            continue
        # a "Beschlussart" header states the result of the item's motion: the counts given for it
        # further down belong to it, whatever other motion was voted on in between
        header = next((i for i, o in enumerate(out) if o.source == "header" and o.kind == c.kind
                       and not o.vote.has_counts and _compatible(o, c)), None)
        if header is not None and c.vote.has_counts and c.source in ("label", "line"):
            out[header] = _merge_two(out[header], c)
        else:
            out.append(c)
    return out


def _may_merge(a: Candidate, b: Candidate, barriers) -> bool:
    if a.source != "header" and any(a.end <= x < b.start for x in barriers):
        return False
    if a.source in ("sentence", "block") and b.source in ("sentence", "block"):
        both_withdrawn = a.vote.outcome == b.vote.outcome == "withdrawn"
        return both_withdrawn
    return True
