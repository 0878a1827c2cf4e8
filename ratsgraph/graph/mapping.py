"""Model → RDF: the one place that knows how a `Minutes` becomes triples (VOCABULARY.md).

The mapper writes each triple as three N-Triples terms (plain strings), so a document's
N-Triples are a join away and duplicates drop out of a dict of string tuples; building a
`pyoxigraph.Triple` costs more than all of that together (PERFORMANCE.md, benchmarks/).
`minutes_triples` parses the N-Triples back where pyoxigraph terms are wanted (validation,
the store, Turtle and JSON-LD). The order is deterministic: subjects in mapping order."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator

from pyoxigraph import NamedNode, Quad, RdfFormat, Triple, parse

from ..errors import GraphError
from ..model import (
    AgendaItem,
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
from ..vocab import ELI, OA, OPARL, PROV, RDF_TYPE, RG, SCHEMA, XSD, Vocabulary
from .iris import DEFAULT_BASE, Minter, date_literal_type, slug


class _Terms:
    """The N-Triples form ("<iri>") of a vocabulary's terms, as attributes."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._vocabulary = vocabulary

    def __getattr__(self, term: str) -> str:
        token = str(getattr(self._vocabulary, term))
        setattr(self, term, token)
        return token

    def __getitem__(self, term: str) -> str:
        return self.__getattr__(term)


O, R, E, S, A, P = (_Terms(v) for v in (OPARL, RG, ELI, SCHEMA, OA, PROV))
TYPE = str(RDF_TYPE)
_XSD = {name: f"<{XSD}{name}>" for name in
        ("string", "boolean", "integer", "nonNegativeInteger", "decimal", "date", "dateTime")}
_TRUE = f'"true"^^{_XSD["boolean"]}'
_FALSE = f'"false"^^{_XSD["boolean"]}'

# N-Triples string escapes as pyoxigraph writes them: ECHARs where there is one, \uXXXX for the
# other control characters.
_ESCAPES = {i: f"\\u{i:04X}" for i in [*range(0x20), 0x7F]}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"})
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')


def _str(value: str) -> str:
    if _NEEDS_ESCAPE.search(value):
        value = value.translate(_ESCAPES)
    return f'"{value}"'


def _int(value: int, kind: str = "integer") -> str:
    return f'"{int(value)}"^^{_XSD[kind]}'


def _bool(value: bool) -> str:
    return _TRUE if value else _FALSE


def _date(value: dt.date | dt.datetime) -> str:
    return f'"{value.isoformat()}"^^{_XSD[date_literal_type(value)]}'


def _decimal(value: str) -> str:
    if not re.fullmatch(r"-?\d+(?:\.\d+)?", value):
        raise GraphError(f"not a decimal: {value!r}")
    return f'"{value}"^^{_XSD["decimal"]}'


def _iri(iri: str) -> str:
    """An IRI that comes from outside (an OParl id): checked by pyoxigraph once, then written."""
    token = _CHECKED.get(iri)
    if token is None:
        try:
            token = str(NamedNode(iri))
        except ValueError as err:
            raise GraphError(f"not an IRI: {iri!r} ({err})") from None
        if len(_CHECKED) > 100_000:
            _CHECKED.clear()
        _CHECKED[iri] = token
    return token


_CHECKED: dict[str, str] = {}


class _Triples:
    """An insertion-ordered set of triples, each three N-Triples terms."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, str, str], None] = {}

    def add(self, s: str, p: str, o: str) -> None:
        self._seen[(s, p, o)] = None

    def __iter__(self) -> Iterator[tuple[str, str, str]]:
        return iter(self._seen)

    def __len__(self) -> int:
        return len(self._seen)


class _Mapper:
    """Subjects are written as "<iri>" tokens; `iri[1:-1]` is the IRI itself where a child's
    IRI is minted under its parent's."""

    def __init__(self, minutes: Minutes, base: str) -> None:
        self.m = minutes
        self.iri = Minter(base, minutes.source.sha1, minutes.body.name if minutes.body else None)
        self.out = _Triples()
        self.file = _iri(minutes.source.iri) if minutes.source.iri else _iri(self.iri.file)
        _iri(self.iri.base)  # the base a user gave is checked once; what is minted under it is safe
        self._organizations: dict[str, Organization] = {}
        for org in minutes.organizations:
            self._organizations.setdefault(org.name, org)
        self._persons: dict[str, Person] = {}
        for person in minutes.persons:
            self._persons.setdefault(person.key, person)

    def derived(self, s: str, rdf_type: str) -> None:
        self.out.add(s, TYPE, rdf_type)
        self.out.add(s, P.wasDerivedFrom, self.file)

    def evidence(self, s: str, span: Span | None) -> None:
        if span is None:
            return
        resource_iri, selector_iri = self.iri.evidence(span.start, span.end)
        resource, selector = f"<{resource_iri}>", f"<{selector_iri}>"
        add = self.out.add
        add(s, R.evidence, resource)
        add(resource, TYPE, A.SpecificResource)
        add(resource, A.hasSource, self.file)
        add(resource, A.hasSelector, selector)
        add(selector, TYPE, A.TextPositionSelector)
        add(selector, A.start, _int(span.start, "nonNegativeInteger"))
        add(selector, A.end, _int(span.end, "nonNegativeInteger"))
        add(selector, A.exact, _str(span.text))

    # --- resources ---------------------------------------------------------------------
    def run(self) -> _Triples:
        m = self.m
        self.source()
        body = None
        if m.body:
            body = _iri(m.body.iri) if m.body.iri else f"<{self.iri.body}>"
            self.derived(body, O.Body)
            self.out.add(body, O.name, _str(m.body.name))
        for org in m.organizations:
            s = self.organization(org.name)
            self.derived(s, O.Organization)
            self.out.add(s, O.name, _str(org.name))
            self.out.add(s, O.organizationType, _str(org.kind))
            if body is not None:
                self.out.add(s, O.body, body)
        for person in m.persons:
            self.person(person)
        for membership in m.memberships:
            s = f"<{self.iri.person(membership.person)}/membership/{slug(membership.organization)}>"
            self.derived(s, O.Membership)
            self.out.add(s, O.person, self.person_node(membership.person))
            self.out.add(s, O.organization, self.organization(membership.organization))
            if membership.role:
                self.out.add(s, O.role, _str(membership.role))
        for meeting in m.meetings:
            self.meeting(meeting)
        for item in m.agenda_items:
            self.agenda_item(item)
        for paper in m.papers:
            self.paper(paper)
        self.amounts(self.file, m.amounts)
        return self.out

    def source(self) -> None:
        src, f = self.m.source, self.file
        self.out.add(f, TYPE, O.File)
        self.out.add(f, O.fileName, _str(src.name))
        self.out.add(f, O.mimeType, _str(src.mime_type))
        self.out.add(f, O.sha1Checksum, _str(src.sha1))
        self.out.add(f, O.size, _int(src.size))

    def organization(self, name: str) -> str:
        org = self._organizations.get(name)
        return _iri(org.iri) if org and org.iri else f"<{self.iri.organization(name)}>"

    def person_node(self, key: str) -> str:
        person = self._persons.get(key)
        return _iri(person.iri) if person and person.iri else f"<{self.iri.person(key)}>"

    def person(self, p: Person) -> None:
        s = self.person_node(p.key)
        self.derived(s, O.Person)
        self.out.add(s, O.name, _str(p.name))
        self.out.add(s, O.familyName, _str(p.family_name))
        if p.given_name:
            self.out.add(s, O.givenName, _str(p.given_name))
        if p.form_of_address:
            self.out.add(s, O.formOfAddress, _str(p.form_of_address))
        if p.title:
            self.out.add(s, O.title, _str(p.title))
        for status in p.statuses:
            self.out.add(s, O.status, _str(status))
        for span in p.spans:
            self.evidence(s, span)

    def meeting_node(self, meeting: Meeting) -> str:
        return _iri(meeting.iri) if meeting.iri else f"<{self.iri.meeting(meeting.key)}>"

    def meeting_key_node(self, key: MeetingKey) -> str:
        """A meeting named by its key: its OParl id when it was linked, else a minted IRI."""
        meeting = next((mt for mt in self.m.meetings if mt.key == key and mt.iri), None)
        return _iri(meeting.iri) if meeting else f"<{self.iri.meeting(key)}>"  # type: ignore[arg-type]

    def item_key_node(self, meeting: MeetingKey, number: str) -> str:
        """An agenda item named by its meeting and number: its OParl id when it was linked."""
        item = next((i for i in self.m.agenda_items if i.meeting == meeting and i.number == number and i.iri),
                    None)
        return _iri(item.iri) if item else f"<{self.iri.agenda_item(meeting, number, None)}>"  # type: ignore[arg-type]

    def meeting(self, meeting: Meeting) -> None:
        s = self.meeting_node(meeting)
        self.derived(s, O.Meeting)
        self.out.add(s, O.organization, self.organization(meeting.key.organization))
        self.out.add(s, O.start, _date(meeting.start))
        if meeting.end:
            self.out.add(s, O.end, _date(meeting.end))
        if meeting.name:
            self.out.add(s, O.name, _str(meeting.name))
        if meeting.location:
            location = f"<{s[1:-1]}/location>"
            self.derived(location, O.Location)
            self.out.add(location, O.description, _str(meeting.location))
            self.out.add(s, O.location, location)
        for key in meeting.participants:
            self.out.add(s, O.participant, self.person_node(key))

    def item_node(self, item: AgendaItem) -> str:
        return _iri(item.iri) if item.iri else f"<{self.iri.agenda_item(item.meeting, item.number, item.position)}>"

    def agenda_item(self, item: AgendaItem) -> None:
        s = self.item_node(item)
        self.derived(s, O.AgendaItem)
        if item.meeting:
            meeting = self.meeting_key_node(item.meeting)
            self.out.add(s, O.meeting, meeting)
            self.out.add(meeting, O.agendaItem, s)
        if item.number:
            self.out.add(s, O.number, _str(item.number))
        if item.order is not None:
            self.out.add(s, O.order, _int(item.order))
        if item.name:
            self.out.add(s, O.name, _str(item.name))
        if item.public is not None:
            self.out.add(s, O.public, _bool(item.public))
        if item.result:
            self.out.add(s, O.result, _str(item.result))
        if item.resolution_text:
            self.out.add(s, O.resolutionText, _str(item.resolution_text))
        self.evidence(s, item.span)
        resolutions = [self.resolution(s, position, r) for position, r in enumerate(item.resolutions, start=1)]
        for position, decision in enumerate(item.decisions, start=1):
            self.decision(s, position, decision, resolutions)
        for position, statement in enumerate(item.statements, start=1):
            self.statement(s, position, statement)
        self.amounts(s, item.amounts)

    def decision(self, item: str, position: int, d: Decision, resolutions: list[str]) -> None:
        s = f"<{item[1:-1]}/decision/{position}>"
        add = self.out.add
        self.derived(s, R.Decision)
        add(s, R.agendaItem, item)
        if d.decided_by:
            add(s, R.decidedBy, self.organization(d.decided_by))
        add(s, R.outcome, R[d.outcome])
        if d.outcome_detail:
            add(s, R.outcomeDetail, R[d.outcome_detail])
        if d.unanimous is not None:
            add(s, R.unanimous, _bool(d.unanimous))
        for prop, value in ((R.votesFor, d.votes_for), (R.votesAgainst, d.votes_against),
                            (R.abstentions, d.abstentions), (R.recusals, d.recusals)):
            if value is not None:
                add(s, prop, _int(value, "nonNegativeInteger"))
        add(s, R.resultText, _str(d.result_text))
        if d.vote_subject:
            add(s, R.voteSubject, _str(d.vote_subject))
        if d.resolution:
            add(s, R.resolution, resolutions[d.resolution - 1])
        for prop, factions in ((R.factionFor, d.factions_for), (R.factionAgainst, d.factions_against),
                               (R.factionAbstaining, d.factions_abstaining)):
            for name in factions:
                add(s, prop, self.organization(name))
        if d.referred_to:
            add(s, R.referredTo, self.organization(d.referred_to))
        self.evidence(s, d.span)

    def resolution(self, item: str, position: int, r: Resolution) -> str:
        s = f"<{item[1:-1]}/resolution/{position}>"
        self.derived(s, R.Resolution)
        self.out.add(s, R.resolutionKind, _str(r.kind))
        self.out.add(s, R.text, _str(r.text))
        if r.resolving_body:
            self.out.add(s, R.resolvingBody, self.organization(r.resolving_body))
        if r.passed_by:
            self.out.add(s, E.passed_by, self.organization(r.passed_by))
        if r.date:
            self.out.add(s, E.date_document, _date(r.date))
        for clause in r.clauses:
            c = f"<{s[1:-1]}/clause/{clause.ordinal}>"
            self.derived(c, R.Clause)
            self.out.add(s, E.has_part, c)
            self.out.add(c, E.is_part_of, s)
            self.out.add(c, R.ordinal, _int(clause.ordinal))
            self.out.add(c, R.text, _str(clause.text))
            self.amounts(c, clause.amounts)
        self.amounts(s, r.amounts)
        return s

    def statement(self, item: str, position: int, st: Statement) -> None:
        s = f"<{item[1:-1]}/statement/{position}>"
        self.derived(s, R.Statement)
        self.out.add(s, R.speaker, self.person_node(st.speaker))
        self.out.add(s, R.agendaItem, item)
        self.out.add(s, R.text, _str(st.text))
        if st.on_behalf_of:
            self.out.add(s, R.onBehalfOf, self.organization(st.on_behalf_of))
        self.evidence(s, st.span)
        self.amounts(s, st.amounts)

    def amounts(self, mentioner: str, amounts: Iterable[MonetaryAmount]) -> None:
        for amount in amounts:
            s = f"<{mentioner[1:-1]}/amount/{amount.value}>"
            self.derived(s, S.MonetaryAmount)
            self.out.add(s, S.value, _decimal(amount.value))
            self.out.add(s, S.currency, _str(amount.currency))
            self.out.add(s, R.mentionedIn, mentioner)
            self.evidence(s, amount.span)

    def paper(self, paper: Paper) -> None:
        s = _iri(paper.iri) if paper.iri else f"<{self.iri.paper(paper.reference)}>"
        self.derived(s, O.Paper)
        self.out.add(s, O.reference, _str(paper.reference))
        if paper.name:
            self.out.add(s, O.name, _str(paper.name))
        if paper.paper_type:
            self.out.add(s, O.paperType, _str(paper.paper_type))
        for c in paper.consultations:
            cs = _iri(c.iri) if c.iri else f"<{s[1:-1]}/consultation/{c.position}>"
            self.derived(cs, O.Consultation)
            self.out.add(s, O.consultation, cs)
            self.out.add(cs, O.paper, s)
            self.out.add(cs, O.organization, self.organization(c.organization))
            self.out.add(cs, R.position, _int(c.position))
            if c.meeting:
                self.out.add(cs, O.meeting, self.meeting_key_node(c.meeting))
                if c.agenda_item:
                    item = self.item_key_node(c.meeting, c.agenda_item)
                    self.out.add(cs, O.agendaItem, item)
                    self.out.add(item, O.consultation, cs)
            if c.authoritative is not None:
                self.out.add(cs, O.authoritative, _bool(c.authoritative))
            if c.role:
                self.out.add(cs, O.role, _str(c.role))


def minutes_statements(minutes: Minutes, base: str = DEFAULT_BASE) -> list[tuple[str, str, str]]:
    """The triples of one document as N-Triples terms, without duplicates, in a deterministic order."""
    return list(_Mapper(minutes, base).run())


def ntriples(statements: Iterable[tuple[str, str, str]]) -> bytes:
    """N-Triples of statements given as terms."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in statements).encode("utf-8")


def minutes_ntriples(minutes: Minutes, base: str = DEFAULT_BASE) -> bytes:
    """The N-Triples of one document: the fast path to a file or a store."""
    return ntriples(minutes_statements(minutes, base))


def minutes_triples(minutes: Minutes, base: str = DEFAULT_BASE) -> list[Triple]:
    """The triples of one document as pyoxigraph terms, without duplicates, in a deterministic order."""
    return parse_ntriples(minutes_ntriples(minutes, base))


def parse_ntriples(data: bytes) -> list[Triple]:
    """pyoxigraph triples of N-Triples (parsing in Rust is cheaper than building terms in Python)."""
    return [quad.triple for quad in parse(data, format=RdfFormat.N_TRIPLES)]


def graph_name(minutes: Minutes, base: str = DEFAULT_BASE) -> NamedNode:
    """The named graph of a document: its `oparl:File` IRI."""
    return NamedNode(minutes.source.iri or Minter(base, minutes.source.sha1, None).file)


def minutes_quads(minutes: Minutes, base: str = DEFAULT_BASE) -> list[Quad]:
    """The document's triples in its own named graph `file/{sha1}`."""
    g = graph_name(minutes, base)
    return [Quad(t.subject, t.predicate, t.object, g) for t in minutes_triples(minutes, base)]
