"""Model → RDF: the one place that knows how a `Minutes` becomes triples (VOCABULARY.md).

Triples are built directly as pyoxigraph terms, grouped by subject, in a deterministic order,
without an intermediate rdflib graph (see PERFORMANCE.md for why)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from pyoxigraph import Literal, NamedNode, Quad, Triple

from ..model import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingKey,
    Minutes,
    MonetaryAmount,
    Paper,
    Person,
    Resolution,
    Span,
    Statement,
)
from ..vocab import ELI, OA, OPARL, PROV, RDF_TYPE, RG, SCHEMA, XSD
from .iris import DEFAULT_BASE, Minter, date_literal_type, slug

_XSD = {name: NamedNode(XSD + name) for name in
        ("string", "boolean", "integer", "nonNegativeInteger", "decimal", "date", "dateTime")}
_TRUE = Literal("true", datatype=_XSD["boolean"])
_FALSE = Literal("false", datatype=_XSD["boolean"])


def _str(value: str) -> Literal:
    return Literal(value)


def _int(value: int, kind: str = "integer") -> Literal:
    return Literal(str(value), datatype=_XSD[kind])


def _bool(value: bool) -> Literal:
    return _TRUE if value else _FALSE


def _date(value: dt.date | dt.datetime) -> Literal:
    return Literal(value.isoformat(), datatype=_XSD[date_literal_type(value)])


class _Triples:
    """An insertion-ordered set of triples."""

    def __init__(self) -> None:
        self._seen: dict[Triple, None] = {}

    def add(self, s: NamedNode, p: NamedNode, o) -> None:
        self._seen.setdefault(Triple(s, p, o), None)

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._seen)

    def __len__(self) -> int:
        return len(self._seen)


class _Mapper:
    def __init__(self, minutes: Minutes, base: str) -> None:
        self.m = minutes
        self.iri = Minter(base, minutes.source.sha1, minutes.body.name if minutes.body else None)
        self.out = _Triples()
        self.file = NamedNode(minutes.source.iri or self.iri.file)

    def node(self, iri: str) -> NamedNode:
        return NamedNode(iri)

    def derived(self, s: NamedNode, rdf_type: NamedNode) -> None:
        self.out.add(s, RDF_TYPE, rdf_type)
        self.out.add(s, PROV.wasDerivedFrom, self.file)

    def evidence(self, s: NamedNode, span: Span | None) -> None:
        if span is None:
            return
        resource_iri, selector_iri = self.iri.evidence(span.start, span.end)
        resource, selector = NamedNode(resource_iri), NamedNode(selector_iri)
        self.out.add(s, RG.evidence, resource)
        self.out.add(resource, RDF_TYPE, OA.SpecificResource)
        self.out.add(resource, OA.hasSource, self.file)
        self.out.add(resource, OA.hasSelector, selector)
        self.out.add(selector, RDF_TYPE, OA.TextPositionSelector)
        self.out.add(selector, OA.start, _int(span.start, "nonNegativeInteger"))
        self.out.add(selector, OA.end, _int(span.end, "nonNegativeInteger"))
        self.out.add(selector, OA.exact, _str(span.text))

    # --- resources ---------------------------------------------------------------------
    def run(self) -> _Triples:
        m = self.m
        self.source()
        body = None
        if m.body:
            body = NamedNode(m.body.iri or self.iri.body)
            self.derived(body, OPARL.Body)
            self.out.add(body, OPARL.name, _str(m.body.name))
        for org in m.organizations:
            s = self.organization(org.name)
            self.derived(s, OPARL.Organization)
            self.out.add(s, OPARL.name, _str(org.name))
            self.out.add(s, OPARL.organizationType, _str(org.kind))
            if body is not None:
                self.out.add(s, OPARL.body, body)
        for person in m.persons:
            self.person(person)
        for membership in m.memberships:
            s = NamedNode(f"{self.iri.person(membership.person)}/membership/{slug(membership.organization)}")
            self.derived(s, OPARL.Membership)
            self.out.add(s, OPARL.person, self.person_node(membership.person))
            self.out.add(s, OPARL.organization, self.organization(membership.organization))
            if membership.role:
                self.out.add(s, OPARL.role, _str(membership.role))
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
        self.out.add(f, RDF_TYPE, OPARL.File)
        self.out.add(f, OPARL.fileName, _str(src.name))
        self.out.add(f, OPARL.mimeType, _str(src.mime_type))
        self.out.add(f, OPARL.sha1Checksum, _str(src.sha1))
        self.out.add(f, OPARL.size, _int(src.size))

    def organization(self, name: str) -> NamedNode:
        org = self.m.organization(name)
        return NamedNode(org.iri if org and org.iri else self.iri.organization(name))

    def person_node(self, key: str) -> NamedNode:
        person = self.m.person(key)
        return NamedNode(person.iri if person and person.iri else self.iri.person(key))

    def person(self, p: Person) -> None:
        s = self.person_node(p.key)
        self.derived(s, OPARL.Person)
        self.out.add(s, OPARL.name, _str(p.name))
        self.out.add(s, OPARL.familyName, _str(p.family_name))
        if p.given_name:
            self.out.add(s, OPARL.givenName, _str(p.given_name))
        if p.form_of_address:
            self.out.add(s, OPARL.formOfAddress, _str(p.form_of_address))
        if p.title:
            self.out.add(s, OPARL.title, _str(p.title))
        for status in p.statuses:
            self.out.add(s, OPARL.status, _str(status))
        for span in p.spans:
            self.evidence(s, span)

    def meeting_node(self, meeting: Meeting) -> NamedNode:
        return NamedNode(meeting.iri or self.iri.meeting(meeting.key))

    def meeting_key_node(self, key: MeetingKey) -> NamedNode:
        """A meeting named by its key: its OParl id when it was linked, else a minted IRI."""
        meeting = next((mt for mt in self.m.meetings if mt.key == key and mt.iri), None)
        return NamedNode(meeting.iri if meeting else self.iri.meeting(key))

    def item_key_node(self, meeting: MeetingKey, number: str) -> NamedNode:
        """An agenda item named by its meeting and number: its OParl id when it was linked."""
        item = next((i for i in self.m.agenda_items if i.meeting == meeting and i.number == number and i.iri),
                    None)
        return NamedNode(item.iri if item else self.iri.agenda_item(meeting, number, None))

    def meeting(self, meeting: Meeting) -> None:
        s = self.meeting_node(meeting)
        self.derived(s, OPARL.Meeting)
        self.out.add(s, OPARL.organization, self.organization(meeting.key.organization))
        self.out.add(s, OPARL.start, _date(meeting.start))
        if meeting.end:
            self.out.add(s, OPARL.end, _date(meeting.end))
        if meeting.name:
            self.out.add(s, OPARL.name, _str(meeting.name))
        if meeting.location:
            location = NamedNode(f"{s.value}/location")
            self.derived(location, OPARL.Location)
            self.out.add(location, OPARL.description, _str(meeting.location))
            self.out.add(s, OPARL.location, location)
        for key in meeting.participants:
            self.out.add(s, OPARL.participant, self.person_node(key))

    def item_node(self, item: AgendaItem) -> NamedNode:
        return NamedNode(item.iri or self.iri.agenda_item(item.meeting, item.number, item.position))

    def agenda_item(self, item: AgendaItem) -> None:
        s = self.item_node(item)
        self.derived(s, OPARL.AgendaItem)
        if item.meeting:
            meeting = self.meeting_key_node(item.meeting)
            self.out.add(s, OPARL.meeting, meeting)
            self.out.add(meeting, OPARL.agendaItem, s)
        if item.number:
            self.out.add(s, OPARL.number, _str(item.number))
        if item.order is not None:
            self.out.add(s, OPARL.order, _int(item.order))
        if item.name:
            self.out.add(s, OPARL.name, _str(item.name))
        if item.public is not None:
            self.out.add(s, OPARL.public, _bool(item.public))
        if item.result:
            self.out.add(s, OPARL.result, _str(item.result))
        if item.resolution_text:
            self.out.add(s, OPARL.resolutionText, _str(item.resolution_text))
        self.evidence(s, item.span)
        resolutions = [self.resolution(s, position, r) for position, r in enumerate(item.resolutions, start=1)]
        for position, decision in enumerate(item.decisions, start=1):
            self.decision(s, position, decision, resolutions)
        for position, statement in enumerate(item.statements, start=1):
            self.statement(s, position, statement)
        self.amounts(s, item.amounts)

    def decision(self, item: NamedNode, position: int, d: Decision, resolutions: list[NamedNode]) -> None:
        s = NamedNode(f"{item.value}/decision/{position}")
        self.derived(s, RG.Decision)
        self.out.add(s, RG.agendaItem, item)
        if d.decided_by:
            self.out.add(s, RG.decidedBy, self.organization(d.decided_by))
        self.out.add(s, RG.outcome, RG[d.outcome])
        if d.outcome_detail:
            self.out.add(s, RG.outcomeDetail, RG[d.outcome_detail])
        if d.unanimous is not None:
            self.out.add(s, RG.unanimous, _bool(d.unanimous))
        for prop, value in ((RG.votesFor, d.votes_for), (RG.votesAgainst, d.votes_against),
                            (RG.abstentions, d.abstentions), (RG.recusals, d.recusals)):
            if value is not None:
                self.out.add(s, prop, _int(value, "nonNegativeInteger"))
        self.out.add(s, RG.resultText, _str(d.result_text))
        if d.vote_subject:
            self.out.add(s, RG.voteSubject, _str(d.vote_subject))
        if d.resolution:
            self.out.add(s, RG.resolution, resolutions[d.resolution - 1])
        for prop, factions in ((RG.factionFor, d.factions_for), (RG.factionAgainst, d.factions_against),
                               (RG.factionAbstaining, d.factions_abstaining)):
            for name in factions:
                self.out.add(s, prop, self.organization(name))
        if d.referred_to:
            self.out.add(s, RG.referredTo, self.organization(d.referred_to))
        self.evidence(s, d.span)

    def resolution(self, item: NamedNode, position: int, r: Resolution) -> NamedNode:
        s = NamedNode(f"{item.value}/resolution/{position}")
        self.derived(s, RG.Resolution)
        self.out.add(s, RG.resolutionKind, _str(r.kind))
        self.out.add(s, RG.text, _str(r.text))
        if r.resolving_body:
            self.out.add(s, RG.resolvingBody, self.organization(r.resolving_body))
        if r.passed_by:
            self.out.add(s, ELI.passed_by, self.organization(r.passed_by))
        if r.date:
            self.out.add(s, ELI.date_document, _date(r.date))
        for clause in r.clauses:
            c = NamedNode(f"{s.value}/clause/{clause.ordinal}")
            self.derived(c, RG.Clause)
            self.out.add(s, ELI.has_part, c)
            self.out.add(c, ELI.is_part_of, s)
            self.out.add(c, RG.ordinal, _int(clause.ordinal))
            self.out.add(c, RG.text, _str(clause.text))
            self.amounts(c, clause.amounts)
        self.amounts(s, r.amounts)
        return s

    def statement(self, item: NamedNode, position: int, st: Statement) -> None:
        s = NamedNode(f"{item.value}/statement/{position}")
        self.derived(s, RG.Statement)
        self.out.add(s, RG.speaker, self.person_node(st.speaker))
        self.out.add(s, RG.agendaItem, item)
        self.out.add(s, RG.text, _str(st.text))
        if st.on_behalf_of:
            self.out.add(s, RG.onBehalfOf, self.organization(st.on_behalf_of))
        self.evidence(s, st.span)
        self.amounts(s, st.amounts)

    def amounts(self, mentioner: NamedNode, amounts: Iterable[MonetaryAmount]) -> None:
        for amount in amounts:
            s = NamedNode(f"{mentioner.value}/amount/{amount.value}")
            self.derived(s, SCHEMA.MonetaryAmount)
            self.out.add(s, SCHEMA.value, Literal(amount.value, datatype=_XSD["decimal"]))
            self.out.add(s, SCHEMA.currency, _str(amount.currency))
            self.out.add(s, RG.mentionedIn, mentioner)
            self.evidence(s, amount.span)

    def paper(self, paper: Paper) -> None:
        s = NamedNode(paper.iri or self.iri.paper(paper.reference))
        self.derived(s, OPARL.Paper)
        self.out.add(s, OPARL.reference, _str(paper.reference))
        if paper.name:
            self.out.add(s, OPARL.name, _str(paper.name))
        if paper.paper_type:
            self.out.add(s, OPARL.paperType, _str(paper.paper_type))
        for c in paper.consultations:
            cs = NamedNode(c.iri or f"{s.value}/consultation/{c.position}")
            self.derived(cs, OPARL.Consultation)
            self.out.add(s, OPARL.consultation, cs)
            self.out.add(cs, OPARL.paper, s)
            self.out.add(cs, OPARL.organization, self.organization(c.organization))
            self.out.add(cs, RG.position, _int(c.position))
            if c.meeting:
                self.out.add(cs, OPARL.meeting, self.meeting_key_node(c.meeting))
                if c.agenda_item:
                    item = self.item_key_node(c.meeting, c.agenda_item)
                    self.out.add(cs, OPARL.agendaItem, item)
                    self.out.add(item, OPARL.consultation, cs)
            if c.authoritative is not None:
                self.out.add(cs, OPARL.authoritative, _bool(c.authoritative))
            if c.role:
                self.out.add(cs, OPARL.role, _str(c.role))


def minutes_triples(minutes: Minutes, base: str = DEFAULT_BASE) -> list[Triple]:
    """The triples of one document, without duplicates, in a deterministic order."""
    return list(_Mapper(minutes, base).run())


def graph_name(minutes: Minutes, base: str = DEFAULT_BASE) -> NamedNode:
    """The named graph of a document: its `oparl:File` IRI."""
    return NamedNode(minutes.source.iri or Minter(base, minutes.source.sha1, None).file)


def minutes_quads(minutes: Minutes, base: str = DEFAULT_BASE) -> list[Quad]:
    """The document's triples in its own named graph `file/{sha1}`."""
    g = graph_name(minutes, base)
    return [Quad(t.subject, t.predicate, t.object, g) for t in minutes_triples(minutes, base)]
