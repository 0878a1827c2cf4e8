"""Extraction: minutes text → `Minutes` model.

The layout family (`layouts/`) cuts the text into sections, one per agenda item treated at a
meeting; the rules for the language of minutes (persons, Gremien, votes, amounts, …) then run on
the section they belong to. Entry point: `extract(document)`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from ..errors import ExtractionError
from ..model import (
    FRAKTION,
    GREMIUM,
    AgendaItem,
    Body,
    Clause,
    Consultation,
    Decision,
    Meeting,
    MeetingKey,
    Minutes,
    MonetaryAmount,
    Organization,
    Paper,
    Person,
    Resolution,
    Span,
    Statement,
)
from ..sources import Document
from . import statements as st
from .amounts import find_amounts
from .bodies import find_body
from .dates import find_dates
from .layouts import Section, Segmentation, choose_layout
from .organizations import (
    FACTION_PREFIXED,
    FACTION_SUFFIXED,
    GREMIUM as GREMIUM_RE,
    GROUP,
    MEETING_COMPOUND,
    faction_name,
    nominative,
    place_of,
)
from .papers import find_papers
from .persons import Mention, find_mentions
from .resolutions import CLAUSE_START, KINDS, RESOLUTION_LABEL, RESOLVING_VERB, RESULT_LABEL
from .text import collapse, normalise, sentences
from .text import span as make_span
from .votes import parse_vote

__all__ = ["extract"]

# Gremium words too generic to name a body on their own ("an den Fachausschuss verwiesen").
_GENERIC_GREMIEN = frozenset({"Ausschuss", "Fachausschuss", "Beirat", "Gremium"})


@dataclass
class _Item:
    """An agenda item while it is being built."""

    meeting: MeetingKey | None
    number: str | None
    name: str | None
    span: Span | None
    decisions: list[Decision] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    resolutions: list[Resolution] = field(default_factory=list)
    amounts: list[MonetaryAmount] = field(default_factory=list)
    result: str | None = None


class _Builder:
    """Collects what the rules find in one document and assembles the `Minutes`."""

    def __init__(self, document: Document, view: str) -> None:
        self.document = document
        self.text = document.text
        self.view = view
        self.gremien: dict[str, None] = {}
        self.factions: dict[str, None] = {}
        self.meetings: dict[MeetingKey, dict] = {}
        self.items: list[_Item] = []
        self.mentions: list[Mention] = []
        self.person_of_mention: dict[int, str] = {}
        self.persons: dict[str, dict] = {}
        self.participants: dict[MeetingKey, dict[str, None]] = defaultdict(dict)

    # --- helpers ---------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        s = make_span(self.view, start, end)
        return Span(s.start, s.end, self.text[s.start:s.end])

    def gremium(self, name: str | None) -> str | None:
        """Register a Gremium by its nominative name; generic words map to a known full name."""
        if not name:
            return None
        name = nominative(name)
        if name in _GENERIC_GREMIEN:
            return None
        for known in self.gremien:
            if known != name and known.startswith(name + " "):
                return known
        self.gremien.setdefault(name, None)
        return name

    def meeting(self, organization: str, date, start=None, span: Span | None = None) -> MeetingKey:
        key = MeetingKey(organization, date)
        entry = self.meetings.setdefault(key, {"start": date, "span": span})
        if start is not None:
            entry["start"] = start
        return key


def extract(document: Document, body: str | None = None) -> Minutes:
    """Extract the model of one decoded document.

    `body` names the Körperschaft when the text does not (`--body`). Raises ExtractionError when
    the text holds nothing that minutes are made of."""
    text = document.text
    view = normalise(text)
    if not re.search(r"[A-Za-zÄÖÜäöüß]{3}", view):
        raise ExtractionError("no words found: this does not look like council minutes", document.source.name)
    b = _Builder(document, view)
    layout = choose_layout(view)
    seg = layout.segment(view)

    _collect_persons(b)
    _collect_factions(b)
    body_name = body
    if body_name is None:
        found = find_body(view)
        body_name = found[0] if found else None
    for section in seg.sections:
        if section.organization:
            b.gremium(section.organization)
    for section in seg.sections:
        _extract_section(b, section, seg)
    _collect_narrated_meetings(b, seg)
    if body_name is None:
        for g in b.gremien:
            body_name = place_of(g) or body_name
    papers = _collect_papers(b, seg)
    return _assemble(b, body_name, papers)


# --- persons and factions ---------------------------------------------------------------

def _collect_persons(b: _Builder) -> None:
    """Merge the mentions of the whole text into persons, one per family name (and given name
    where one document names two persons of one family name)."""
    b.mentions = find_mentions(b.view)
    givens: dict[str, set[str]] = defaultdict(set)
    for m in b.mentions:
        if m.given:
            givens[m.family].add(m.given)
    for m in b.mentions:
        names = givens.get(m.family, set())
        if len(names) > 1 and m.given:
            key = f"{m.family} {m.given}"
        else:
            key = m.family
        b.person_of_mention[m.start] = key
        p = b.persons.setdefault(key, {"family": m.family, "given": None, "address": None, "title": None,
                                       "statuses": {}, "spans": []})
        if m.given and (len(names) == 1 or key.endswith(m.given)):
            p["given"] = m.given
        p["address"] = p["address"] or m.address
        p["title"] = p["title"] or m.title
        if m.role:
            p["statuses"].setdefault(m.role, None)
        p["spans"].append(b.span(m.start, m.end))


def _collect_factions(b: _Builder) -> None:
    """Fraktionen named as such ("SPD-Fraktion", "Fraktion BÜNDNIS 90/DIE GRÜNEN") and Gruppen."""
    for pattern in (FACTION_SUFFIXED, FACTION_PREFIXED):
        for m in pattern.finditer(b.view):
            b.factions.setdefault(faction_name(m.group("party")), None)
    for m in GROUP.finditer(b.view):
        b.factions.setdefault("Gruppe " + " ".join(m.group("group").split()), None)


def _faction_in(b: _Builder, start: int, end: int) -> str | None:
    """The first Fraktion or Gruppe named in view[start:end], by its normalised name."""
    found = []
    for pattern in (FACTION_SUFFIXED, FACTION_PREFIXED):
        m = pattern.search(b.view, start, end)
        if m:
            found.append((m.start(), faction_name(m.group("party"))))
    m = GROUP.search(b.view, start, end)
    if m:
        found.append((m.start(), "Gruppe " + " ".join(m.group("group").split())))
    return min(found)[1] if found else None


# --- sections -------------------------------------------------------------------------

def _extract_section(b: _Builder, section: Section, seg: Segmentation) -> None:
    organization = b.gremium(section.organization)
    meeting = None
    if organization and section.date:
        span = b.span(section.header_start, section.start) if section.header_start is not None else None
        meeting = b.meeting(organization, section.date, span=span)
    title_span = None
    if section.title_start is not None and section.title_end is not None:
        title_span = b.span(section.title_start, section.title_end)
    item = _Item(meeting=meeting, number=section.number, name=section.title, span=title_span)

    resolutions = _find_resolutions(b, section)
    results = _find_results(b, section, resolutions)
    blocks = [(r.span.start, r.span.end) for r in resolutions if r.span] + [(s, e) for s, e, _ in results]
    statements = _find_statements(b, section, blocks)

    for resolution in resolutions:
        item.resolutions.append(resolution)
    for start, _end, decision in results:
        position = sum(1 for r in resolutions if r.span and r.span.start < start)
        decision = replace(decision, decided_by=organization,
                           resolution=position if position else None)
        item.decisions.append(decision)
        if item.result is None:
            item.result = decision.result_text
    # a resolution adopted by the body that decided on it is passed by that body
    for decision in item.decisions:
        if decision.resolution and decision.outcome == "adopted" and organization:
            r = item.resolutions[decision.resolution - 1]
            item.resolutions[decision.resolution - 1] = replace(r, passed_by=organization)
    item.statements.extend(statements)
    if meeting:
        for s in statements:
            b.participants[meeting].setdefault(s.speaker, None)
        for m in b.mentions:
            if section.start <= m.start < section.end and _acts(b, m):
                b.participants[meeting].setdefault(b.person_of_mention[m.start], None)
    _attach_amounts(b, item, section)
    b.items.append(item)


def _acts(b: _Builder, m: Mention) -> bool:
    """Whether a mention is the subject of its sentence (the person took part in the meeting)."""
    before = b.view[max(0, m.start - 40):m.start]
    return not st.OBJECT_BEFORE.search(before)


def _find_resolutions(b: _Builder, section: Section) -> list[Resolution]:
    out = []
    labels = list(RESOLUTION_LABEL.finditer(b.view, section.start, section.end))
    for i, m in enumerate(labels):
        stop = labels[i + 1].start() if i + 1 < len(labels) else section.end
        result = RESULT_LABEL.search(b.view, m.end(), stop)
        if result:
            stop = result.start()
        body_start = m.start("rest") if m.group("rest").strip() else m.end()
        block = b.span(body_start, stop)
        if not block.text:
            continue
        clauses = []
        starts = list(CLAUSE_START.finditer(b.view, block.start, block.end))
        for j, c in enumerate(starts):
            c_end = starts[j + 1].start() if j + 1 < len(starts) else block.end
            c_span = b.span(c.end(), c_end)
            ordinal = int(c.group("ordinal")) if c.group("ordinal").isdigit() else ord(c.group("ordinal")) - 96
            amounts = tuple(MonetaryAmount(v, b.span(s, e)) for s, e, v in find_amounts(b.view, c_span.start,
                                                                                          c_span.end))
            clauses.append(Clause(ordinal, collapse(c_span.text), c_span, amounts))
        lead_end = starts[0].start() if starts else block.end
        amounts = tuple(MonetaryAmount(v, b.span(s, e)) for s, e, v in find_amounts(b.view, block.start, lead_end))
        out.append(Resolution(kind=KINDS.get(" ".join(m.group("kind").split()), m.group("kind")),
                              text=collapse(block.text), clauses=tuple(clauses),
                              resolving_body=_resolving_body(b, block.start, block.end),
                              span=block, amounts=amounts))
    return out


def _resolving_body(b: _Builder, start: int, end: int) -> str | None:
    """The Gremium that a resolution text names as its subject ("Der Kreistag beschließt …")."""
    first = next(sentences(b.view, start, end), None)
    if first is None:
        return None
    sentence = b.view[first[0]:first[1]]
    verb = RESOLVING_VERB.search(sentence)
    if not verb:
        return None
    g = GREMIUM_RE.search(sentence, 0, verb.start())
    if not g or sentence[:g.start()].strip() not in ("Der", "Die", "Das", ""):
        return None
    return b.gremium(g.group("name"))


def _find_results(b: _Builder, section: Section, resolutions: list[Resolution]):
    """Decisions stated by result labels ("Abstimmungsergebnis: …") and their following lines."""
    out = []
    for m in RESULT_LABEL.finditer(b.view, section.start, section.end):
        end = m.end()
        # the result continues on the following non-blank lines (counts, a result sentence)
        while end < section.end:
            nl = b.view.find("\n", end + 1)
            nl = section.end if nl < 0 or nl > section.end else nl
            line = b.view[end + 1:nl]
            if not line.strip() or RESULT_LABEL.match(line) or RESOLUTION_LABEL.match(line):
                break
            end = nl
        result = b.span(m.start("rest") if m.group("rest").strip() else m.end(), end)
        if not result.text:
            continue
        vote = parse_vote(result.text)
        if vote.outcome is None and not vote.has_counts and vote.unanimous is None:
            continue
        outcome = vote.outcome or ("adopted" if vote.unanimous or _majority_for(vote) else "other")
        subject = m.group("subject") or m.group("subject2")
        out.append((m.start(), end, Decision(
            outcome=outcome, result_text=collapse(result.text), span=result, unanimous=vote.unanimous,
            votes_for=vote.votes_for, votes_against=vote.votes_against, abstentions=vote.abstentions,
            recusals=vote.recusals, outcome_detail=vote.outcome_detail,
            vote_subject=subject.strip() if subject else None)))
    return out


def _majority_for(vote) -> bool:
    return vote.votes_for is not None and vote.votes_against is not None and vote.votes_for > vote.votes_against


def _find_statements(b: _Builder, section: Section, blocks: list[tuple[int, int]]) -> list[Statement]:
    """Statements of the discussion: the text of the section outside resolution and result blocks."""
    out: list[Statement] = []
    mentions = [m for m in b.mentions if section.start <= m.start < section.end]
    last_person: str | None = None
    for para_start, para_end in _paragraphs(b.view, section.start, section.end):
        if any(s <= para_start < e for s, e in blocks):
            continue
        current: str | None = None
        run: list[tuple[int, int]] = []

        def flush() -> None:
            if current and run:
                span = b.span(run[0][0], run[-1][1])
                out.append(Statement(speaker=current, text=collapse(span.text), span=span,
                                     on_behalf_of=_faction_in(b, run[0][0], run[0][1]),
                                     amounts=tuple(MonetaryAmount(v, b.span(s, e))
                                                   for s, e, v in find_amounts(b.view, span.start, span.end))))

        for s_start, s_end in sentences(b.view, para_start, para_end):
            sentence = b.view[s_start:s_end]
            in_sentence = [m for m in mentions if s_start <= m.start < s_end]
            subject = next((m for m in in_sentence if _acts(b, m)), None)
            speaker = b.person_of_mention[subject.start] if subject else None
            if speaker is None and st.PRONOUN_SUBJECT.search(sentence) and st.is_speech(sentence):
                speaker = last_person
            if in_sentence:
                last_person = b.person_of_mention[in_sentence[-1].start]
            procedural = st.is_procedural(sentence) or not st.is_speech(sentence)
            if speaker and not procedural:
                if speaker != current:
                    flush()
                    current, run = speaker, []
                run.append((s_start, s_end))
            elif speaker is None and current and not in_sentence:
                run.append((s_start, s_end))  # reported speech goes on
            else:
                flush()
                current, run = None, []
        flush()
    return out


def _paragraphs(text: str, start: int, end: int):
    """(start, end) of the blank-line separated paragraphs in text[start:end]."""
    pos = start
    for m in re.finditer(r"\n[ \t]*\n", text[start:end]):
        stop = start + m.start()
        if text[pos:stop].strip():
            yield pos, stop
        pos = start + m.end()
    if text[pos:end].strip():
        yield pos, end


def _attach_amounts(b: _Builder, item: _Item, section: Section) -> None:
    """Amounts named in the section that no statement or resolution names are the item's own."""
    covered = [(a.span.start, a.span.end) for s in item.statements for a in s.amounts]
    for r in item.resolutions:
        covered += [(a.span.start, a.span.end) for a in r.amounts]
        covered += [(a.span.start, a.span.end) for c in r.clauses for a in c.amounts]
    for start, end, value in find_amounts(b.view, section.start, section.end):
        if not any(s <= start < e for s, e in covered):
            item.amounts.append(MonetaryAmount(value, b.span(start, end)))


# --- meetings named in prose ----------------------------------------------------------------

# Words between a Gremium and a date that make the date the Gremium's meeting:
# "in seiner Sitzung am", "am", "vom", "in ihrer 3. Sitzung vom"
_MEETING_LINK = re.compile(r"^[ \t\n]*(?:,[ \t\n]*)?(?:(?:hat\s+)?in\s+(?:seiner|ihrer|der)\s+(?:\d+\.\s+)?"
                           r"(?:öffentlichen\s+)?Sitzung\s+)?(?:am|vom)[ \t\n]+(?:\w+,\s+(?:dem\s+)?)?$")


def _collect_narrated_meetings(b: _Builder, seg: Segmentation) -> None:
    """Meetings that the text refers to: "im Sozialausschuss am 03.09.2020", "Kreistagssitzung
    vom 07.09.2020", "der Rat der Stadt X in seiner Sitzung am 14.12.2021"."""
    for start, _end, date in find_dates(b.view):
        window_start = max(0, start - 160)
        window = b.view[window_start:start]
        best = None
        for g in GREMIUM_RE.finditer(window):
            if _MEETING_LINK.match(window[g.end():]):
                best = g.group("name")
        if best is None:
            for c in MEETING_COMPOUND.finditer(window):
                if _MEETING_LINK.match(window[c.end():]):
                    best = c.group("stem")
        if best is None:
            continue
        name = b.gremium(best)
        if name:
            b.meeting(name, date)


# --- papers -------------------------------------------------------------------------------

def _collect_papers(b: _Builder, seg: Segmentation) -> list[Paper]:
    found: dict[str, list[Span]] = {}
    for start, end, reference in find_papers(b.view):
        found.setdefault(reference, []).append(b.span(start, end))
    papers = []
    for i, (reference, spans) in enumerate(found.items()):
        consultations: tuple[Consultation, ...] = ()
        name = None
        if i == 0 and _is_subject_paper(b, spans[0]):
            consultations, name = _beratungsfolge(b, seg)
        papers.append(Paper(reference=reference, name=name, consultations=consultations, spans=tuple(spans)))
    return papers


def _is_subject_paper(b: _Builder, first: Span) -> bool:
    """The paper the document is about is named in its first lines."""
    return first.start < 400


def _beratungsfolge(b: _Builder, seg: Segmentation) -> tuple[tuple[Consultation, ...], str | None]:
    """In a document that follows one paper through several meetings, each section is one step of
    its Beratungsfolge; the step whose Gremium its resolution text names as subject decides."""
    steps = [s for s in seg.sections if s.organization and s.date]
    if len(steps) < 1:
        return (), None
    resolving = {r.resolving_body for item in b.items for r in item.resolutions if r.resolving_body}
    consultations = []
    for position, s in enumerate(steps, start=1):
        organization = b.gremium(s.organization)
        assert organization is not None
        consultations.append(Consultation(
            position=position, organization=organization, meeting=MeetingKey(organization, s.date),
            agenda_item=s.number, authoritative=organization in resolving if resolving else None))
    titles = [s.title for s in steps if s.title]
    return tuple(consultations), titles[0] if titles else None


# --- assembly -----------------------------------------------------------------------------

def _assemble(b: _Builder, body_name: str | None, papers: list[Paper]) -> Minutes:
    persons = tuple(
        Person(key=key, family_name=p["family"], given_name=p["given"], form_of_address=p["address"],
               title=p["title"], statuses=tuple(p["statuses"]), spans=tuple(p["spans"]))
        for key, p in b.persons.items()
    )
    meetings = tuple(
        Meeting(key=key, start=entry["start"], span=entry["span"], participants=tuple(b.participants.get(key, ())))
        for key, entry in b.meetings.items()
    )
    organizations = tuple(Organization(name, GREMIUM) for name in b.gremien) + tuple(
        Organization(name, FRAKTION) for name in b.factions)
    unnumbered: dict[MeetingKey | None, int] = defaultdict(int)
    items = []
    for it in b.items:
        if not (it.number or it.decisions or it.statements or it.resolutions or it.name):
            continue
        position = None
        if it.number is None:
            unnumbered[it.meeting] += 1
            position = unnumbered[it.meeting]
        items.append(AgendaItem(
            meeting=it.meeting, number=it.number, name=it.name,
            result=it.result, span=it.span, decisions=tuple(it.decisions), statements=tuple(it.statements),
            resolutions=tuple(it.resolutions), amounts=tuple(it.amounts), position=position,
            resolution_text=it.resolutions[-1].text if it.resolutions else None))
    return Minutes(
        source=b.document.source,
        body=Body(body_name) if body_name else None,
        organizations=organizations,
        persons=persons,
        papers=tuple(papers),
        meetings=meetings,
        agenda_items=tuple(items),
    )
