"""Attach minutes to the OParl objects they describe, so that converting both mints no duplicates.

The rules (docs/oparl.md, "Linking"): a paper is the OParl paper with the same reference; a
Gremium the OParl organization with the same name or short name; a meeting the OParl meeting of
that organization on the same day (local time); an agenda item the item of that meeting with the
same number (or the one the paper's consultation names); a consultation the paper's OParl
consultation in that meeting or organization; a person the OParl person with the same family and
given name (family name alone only when that person sat in the meeting or belongs to the Gremium).
A match must be unique, else nothing is linked. Linking sets the `iri` fields of the minutes model;
the graph layer then uses the OParl ids instead of minting IRIs."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..model import AgendaItem, Body, Consultation, MeetingKey, Minutes, OParlLink, OParlObject
from .reader import _local_zone


def norm(text: str) -> str:
    """Case-, width- and white-space-insensitive form of a name.

    >>> norm("Ausschuss  für Haushalt und Finanzen ")
    'ausschuss für haushalt und finanzen'
    """
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


#: "TOP 10.", "Punkt 7", "Ö 5" → a comparable agenda item number.
_NUMBER_PREFIX = re.compile(r"^(?:top|punkt|tagesordnungspunkt|top-nr\.?|nr\.?)\s*", re.I)


def norm_number(number: str) -> str:
    """An agenda item number without "TOP", white space and closing dots or brackets.

    >>> [norm_number(n) for n in ("10.1", "TOP 10.1.", "Ö 5", "c)")]
    ['10.1', '10.1', 'ö5', 'c']
    """
    text = _NUMBER_PREFIX.sub("", norm(number))
    return re.sub(r"\s+", "", text).rstrip(".)")


def norm_reference(reference: str) -> str:
    """A paper reference without white space: "50 / 034 / 2021" is "50/034/2021"."""
    return re.sub(r"\s+", "", norm(reference))


def local_day(value: object) -> dt.date | None:
    """The day of a date or date-time, in local time where the date-time has an offset."""
    if isinstance(value, dt.datetime):
        return (value.astimezone(_local_zone()) if value.tzinfo else value).date()
    if isinstance(value, dt.date):
        return value
    return None


def _links(obj: OParlObject, key: str) -> list[str]:
    return [v.iri for v in obj.values(key) if isinstance(v, OParlLink)]


@dataclass
class OParlIndex:
    """OParl objects looked up by the natural keys that minutes use."""

    bodies: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    body_names: dict[str, str] = field(default_factory=dict)
    organizations: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    organization_body: dict[str, str] = field(default_factory=dict)
    meetings: dict[tuple[str, dt.date], list[str]] = field(default_factory=lambda: defaultdict(list))
    items: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    item_meeting: dict[str, str] = field(default_factory=dict)
    papers: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    paper_body: dict[str, str] = field(default_factory=dict)
    consultations: dict[str, list[OParlObject]] = field(default_factory=lambda: defaultdict(list))
    persons: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    family: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    participants: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    members: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def __bool__(self) -> bool:
        return bool(self.organizations or self.papers or self.meetings or self.persons)


def build_index(objects: Iterable[OParlObject]) -> OParlIndex:
    """Index OParl objects (from one or several documents) for linking; deleted ones are left out."""
    index = OParlIndex()
    for o in objects:
        if o.deleted:
            continue
        if o.type == "Body":
            for key in ("name", "shortName"):
                if isinstance(o.get(key), str):
                    index.bodies[norm(o.get(key))].append(o.iri)
            if isinstance(o.get("name"), str):
                index.body_names[o.iri] = o.get("name")
        elif o.type == "Organization":
            for name in {norm(o.get(k)) for k in ("name", "shortName") if isinstance(o.get(k), str)}:
                index.organizations[name].append(o.iri)
            if _links(o, "body"):
                index.organization_body[o.iri] = _links(o, "body")[0]
        elif o.type == "Meeting":
            day = local_day(o.get("start"))
            if day is not None:
                for org in _links(o, "organization"):
                    index.meetings[(org, day)].append(o.iri)
            index.participants[o.iri].update(_links(o, "participant"))
        elif o.type == "AgendaItem":
            for meeting in _links(o, "meeting"):
                index.item_meeting[o.iri] = meeting
                if isinstance(o.get("number"), str):
                    index.items[(meeting, norm_number(o.get("number")))].append(o.iri)
        elif o.type == "Paper":
            if isinstance(o.get("reference"), str):
                index.papers[norm_reference(o.get("reference"))].append(o.iri)
            if _links(o, "body"):
                index.paper_body[o.iri] = _links(o, "body")[0]
        elif o.type == "Consultation":
            for paper in _links(o, "paper"):
                index.consultations[paper].append(o)
        elif o.type == "Person":
            family, given = o.get("familyName"), o.get("givenName")
            if isinstance(family, str):
                index.family[norm(family)].append(o.iri)
                if isinstance(given, str):
                    index.persons[(norm(family), norm(given))].append(o.iri)
        elif o.type == "Membership":
            for person in _links(o, "person"):
                for org in _links(o, "organization"):
                    index.members[org].add(person)
    return index


def _unique(candidates: list[str], allowed: set[str] | None = None) -> str | None:
    found = list(dict.fromkeys(candidates))
    if allowed is not None and len(found) > 1:
        found = [c for c in found if c in allowed] or found
    return found[0] if len(found) == 1 else None


def link_minutes(minutes: Minutes, index: OParlIndex) -> tuple[Minutes, list[str]]:
    """The minutes with the `iri` of every resource that matches an OParl object set to its id,
    and one note per linked resource kind ("linked 1 meeting, 1 agenda item, 1 paper")."""
    if not index:
        return minutes, []
    counts: dict[str, int] = defaultdict(int)

    # Gremien and Fraktionen, then the Körperschaft they belong to
    organizations, org_iri = [], {}
    for org in minutes.organizations:
        iri = org.iri or _unique(index.organizations.get(norm(org.name), []))
        if iri and not org.iri:
            counts["organization"] += 1
            org = replace(org, iri=iri)
        if org.iri:
            org_iri[org.name] = org.iri
        organizations.append(org)
    body = minutes.body
    body_iri = _unique(index.bodies.get(norm(body.name), [])) if body and not body.iri else None
    if body_iri is None:
        bodies = {index.organization_body[i] for i in org_iri.values() if i in index.organization_body}
        body_iri = bodies.pop() if len(bodies) == 1 else None
    if body_iri and not (body and body.iri):
        counts["body"] += 1
        body = replace(body, iri=body_iri) if body else Body(index.body_names.get(body_iri, body_iri),
                                                             body_iri)

    # meetings: same Gremium, same day
    meetings, meeting_iri = [], {}
    for meeting in minutes.meetings:
        org = org_iri.get(meeting.key.organization)
        iri = meeting.iri or (_unique(index.meetings.get((org, meeting.key.date), [])) if org else None)
        if iri and not meeting.iri:
            counts["meeting"] += 1
            meeting = replace(meeting, iri=iri)
        if meeting.iri:
            meeting_iri[meeting.key] = meeting.iri
        meetings.append(meeting)

    # papers: same reference; remember which agenda item their OParl consultations name
    papers, consulted_items = [], defaultdict(set)
    for paper in minutes.papers:
        same_body = {p for p, b in index.paper_body.items() if b == (body.iri if body else None)}
        iri = paper.iri or _unique(index.papers.get(norm_reference(paper.reference), []), same_body)
        if iri and not paper.iri:
            counts["paper"] += 1
        if iri:
            for c in index.consultations.get(iri, []):
                for meeting in _links(c, "meeting"):
                    consulted_items[meeting].update(_links(c, "agendaItem"))
            paper = replace(paper, iri=iri, consultations=tuple(
                _link_consultation(c, index.consultations.get(iri, []), org_iri, meeting_iri, counts)
                for c in paper.consultations))
        papers.append(paper)

    # agenda items: same number in the linked meeting, else the one the paper's consultation names
    items: list[AgendaItem] = []
    per_meeting = defaultdict(list)
    for item in minutes.agenda_items:
        per_meeting[item.meeting].append(item)
    for item in minutes.agenda_items:
        meeting = meeting_iri.get(item.meeting) if item.meeting else None
        iri = item.iri
        if not iri and meeting and item.number:
            iri = _unique(index.items.get((meeting, norm_number(item.number)), []))
        if not iri and meeting and len(per_meeting[item.meeting]) == 1:
            iri = _unique(sorted(consulted_items.get(meeting, ())))
        if iri and not item.iri:
            counts["agenda item"] += 1
            item = replace(item, iri=iri)
        items.append(item)

    # persons: same family and given name, or the family name of someone who was there
    present = set()
    for iri in meeting_iri.values():
        present |= index.participants.get(iri, set())
    for iri in org_iri.values():
        present |= index.members.get(iri, set())
    persons = []
    for person in minutes.persons:
        iri = person.iri
        if not iri and person.given_name:
            iri = _unique(index.persons.get((norm(person.family_name), norm(person.given_name)), []))
        if not iri and not person.given_name:
            candidates = [p for p in index.family.get(norm(person.family_name), []) if p in present]
            iri = _unique(candidates)
        if iri and not person.iri:
            counts["person"] += 1
            person = replace(person, iri=iri)
        persons.append(person)

    if not counts:
        return minutes, []
    linked = replace(minutes, body=body, organizations=tuple(organizations), meetings=tuple(meetings),
                     papers=tuple(papers), agenda_items=tuple(items), persons=tuple(persons))
    notes = ["linked to OParl: " + ", ".join(f"{n} {kind}{'' if n == 1 else 's'}"
                                              for kind, n in counts.items())]
    return linked, notes


def _link_consultation(c: Consultation, candidates: list[OParlObject], org_iri: dict[str, str],
                       meeting_iri: dict[MeetingKey, str], counts: dict[str, int]) -> Consultation:
    if c.iri:
        return c
    meeting = meeting_iri.get(c.meeting) if c.meeting else None
    org = org_iri.get(c.organization)
    found = []
    if meeting:
        found = [o.iri for o in candidates if meeting in _links(o, "meeting")]
    if not found and org and not c.meeting:
        found = [o.iri for o in candidates if org in _links(o, "organization")]
    iri = _unique(found)
    if iri:
        counts["consultation"] += 1
        return replace(c, iri=iri)
    return c
