"""The extracted model: plain frozen dataclasses, no RDF.

Extractors (`ratsgraph.extract`, `ratsgraph.oparl`) produce a `Minutes` per source document;
`ratsgraph.graph` maps it to RDF. Resources refer to each other by natural keys (a Gremium by
its name, a person by `Person.key`, a meeting by `MeetingKey`), never by IRIs: minting IRIs is
the graph layer's job. Glossary of the German domain words: `docs/glossary.md`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """Where a fact stands in the document's text: code-point offsets and the text as written."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class SourceFile:
    """The source document (`oparl:File`): identified by the SHA-1 of its bytes."""

    name: str
    sha1: str
    size: int
    mime_type: str
    encoding: str | None = None
    iri: str | None = None


@dataclass(frozen=True, slots=True)
class Body:
    """A Körperschaft: the municipality or district ("Kreis Mettmann", "Stadt Wendenbach")."""

    name: str
    iri: str | None = None


GREMIUM = "Gremium"
FRAKTION = "Fraktion"


@dataclass(frozen=True, slots=True)
class Organization:
    """A Gremium (council body) or a Fraktion (political group); `kind` is GREMIUM or FRAKTION."""

    name: str
    kind: str = GREMIUM
    iri: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A natural person named in the text; `key` is unique per document (family name, or
    "family given" when two persons of one family name occur) and is what others refer to."""

    key: str
    family_name: str
    given_name: str | None = None
    form_of_address: str | None = None
    title: str | None = None
    statuses: tuple[str, ...] = ()
    spans: tuple[Span, ...] = ()
    iri: str | None = None

    @property
    def name(self) -> str:
        parts = [self.title, self.given_name, self.family_name]
        return " ".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class Membership:
    """A person's membership in a Gremium or Fraktion, with the role held there."""

    person: str
    organization: str
    role: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class MeetingKey:
    """A meeting is the sitting of one Gremium on one day."""

    organization: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class Meeting:
    key: MeetingKey
    start: dt.date | dt.datetime
    end: dt.datetime | None = None
    location: str | None = None
    name: str | None = None
    participants: tuple[str, ...] = ()
    span: Span | None = None
    iri: str | None = None


@dataclass(frozen=True, slots=True)
class MonetaryAmount:
    """A money amount in euros as it is named in a text ("385.000 €" → 385000)."""

    value: str  # a decimal in canonical form: "385000", "3250.5"
    span: Span
    currency: str = "EUR"


@dataclass(frozen=True, slots=True)
class Clause:
    """One numbered part of a resolution text ("1. sich der Kreis … beteiligt")."""

    ordinal: int
    text: str
    span: Span | None = None
    amounts: tuple[MonetaryAmount, ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """A resolution text (Beschluss, Beschlussvorschlag, Beschlussempfehlung) with its clauses."""

    kind: str
    text: str
    clauses: tuple[Clause, ...] = ()
    resolving_body: str | None = None
    passed_by: str | None = None
    date: dt.date | None = None
    span: Span | None = None
    amounts: tuple[MonetaryAmount, ...] = ()


@dataclass(frozen=True, slots=True)
class Decision:
    """A vote or result on an agenda item. Counts are None unless the text states them."""

    outcome: str
    result_text: str
    span: Span
    unanimous: bool | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    recusals: int | None = None
    outcome_detail: str | None = None
    decided_by: str | None = None
    resolution: int | None = None  # 1-based position of the resolution in its agenda item
    vote_subject: str | None = None
    factions_for: tuple[str, ...] = ()
    factions_against: tuple[str, ...] = ()
    factions_abstaining: tuple[str, ...] = ()
    referred_to: str | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """Who said what on an agenda item."""

    speaker: str
    text: str
    span: Span
    on_behalf_of: str | None = None
    amounts: tuple[MonetaryAmount, ...] = ()


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """A TOP of a meeting, or the unnumbered treatment a decision belongs to.

    `meeting` is None when the meeting (its date) is not known. Without a number the item
    is addressed by its position among the unnumbered items of its meeting or document."""

    meeting: MeetingKey | None
    number: str | None
    name: str | None = None
    order: int | None = None
    public: bool | None = None
    result: str | None = None
    resolution_text: str | None = None
    span: Span | None = None
    decisions: tuple[Decision, ...] = ()
    statements: tuple[Statement, ...] = ()
    resolutions: tuple[Resolution, ...] = ()
    amounts: tuple[MonetaryAmount, ...] = ()
    position: int | None = None  # among unnumbered items of the same meeting or document
    iri: str | None = None


@dataclass(frozen=True, slots=True)
class Consultation:
    """One step of a paper's Beratungsfolge."""

    position: int
    organization: str
    meeting: MeetingKey | None = None
    agenda_item: str | None = None  # the item's number in that meeting
    authoritative: bool | None = None
    role: str | None = None  # as written: "Vorberatung", "Entscheidung"
    iri: str | None = None


@dataclass(frozen=True, slots=True)
class Paper:
    """A Vorlage, Drucksache or Antrag, identified by its reference as written."""

    reference: str
    name: str | None = None
    paper_type: str | None = None
    consultations: tuple[Consultation, ...] = ()
    spans: tuple[Span, ...] = ()
    iri: str | None = None


@dataclass(frozen=True)
class Minutes:
    """Everything extracted from one source document."""

    source: SourceFile
    body: Body | None = None
    organizations: tuple[Organization, ...] = ()
    persons: tuple[Person, ...] = ()
    memberships: tuple[Membership, ...] = ()
    papers: tuple[Paper, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    agenda_items: tuple[AgendaItem, ...] = ()
    amounts: tuple[MonetaryAmount, ...] = ()  # named outside any agenda item
    warnings: tuple[str, ...] = field(default=(), compare=False)
    oparl: tuple[OParlObject, ...] = ()  # objects read from OParl JSON (`ratsgraph.oparl.reader`)

    def organization(self, name: str) -> Organization | None:
        return next((o for o in self.organizations if o.name == name), None)

    def person(self, key: str) -> Person | None:
        return next((p for p in self.persons if p.key == key), None)


# --- OParl objects ---------------------------------------------------------------------------
# OParl JSON is already linked data: each object has its URL (`id`) as its identity. The reader
# (`ratsgraph.oparl.reader`) keeps every key of every object; embedded objects become objects
# of their own, referred to by their id like any other reference.


@dataclass(frozen=True, slots=True)
class OParlLink:
    """A reference to another OParl object or object list, by its URL."""

    iri: str


@dataclass(frozen=True, slots=True)
class OParlJson:
    """A JSON value kept whole (a GeoJSON feature), as canonical JSON text."""

    text: str


#: One value of an OParl key; arrays are tuples of these.
OParlScalar = str | bool | int | float | dt.date | dt.datetime | OParlLink | OParlJson


@dataclass(frozen=True, slots=True)
class OParlObject:
    """One OParl object: its id, its type name ("Meeting", whatever the version of its type
    IRI), and its keys in the order the JSON gave them. A soft-deleted object (`deleted: true`)
    keeps the few keys the server sent."""

    iri: str
    type: str
    properties: tuple[tuple[str, OParlScalar | tuple[OParlScalar, ...]], ...] = ()

    def get(self, key: str, default=None):
        return next((value for k, value in self.properties if k == key), default)

    def values(self, key: str) -> tuple[OParlScalar, ...]:
        """The values of a key as a tuple, whether the JSON gave one value or an array."""
        value = self.get(key)
        if value is None:
            return ()
        return value if isinstance(value, tuple) else (value,)

    @property
    def deleted(self) -> bool:
        return self.get("deleted") is True
