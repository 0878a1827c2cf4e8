"""OParl objects → RDF: every key becomes `oparl:<key>` (VOCABULARY.md), as a JSON-LD @vocab
would read it, with the OParl `id` as the subject IRI.

Arrays become repeated values, references and URLs IRIs, embedded objects resources of their
own, dates `xsd:date` and date-times `xsd:dateTime`, GeoJSON an `rdf:JSON` literal. The
`result` of an agenda item is also read as an `rg:Decision` (outcome, unanimity, counts).
Triples are written as N-Triples terms (plain strings), as `mapping.minutes_statements` writes
those of minutes, in a deterministic order; `oparl_triples` parses them where pyoxigraph terms
are wanted (PERFORMANCE.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote

from pyoxigraph import NamedNode, Triple

from ..model import OParlJson, OParlLink, OParlObject, OParlScalar
from ..oparl.reader import paused_gc
from ..vocab import OPARL, RG, XSD
from .mapping import TYPE as _TYPE
from .mapping import _bool, _date, _int, _str, ntriples, parse_ntriples

RDF_JSON = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>"
_DOUBLE = f"<{XSD}double>"

#: Characters a JSON key may keep in its `oparl:` IRI; others are percent-encoded.
KEY_SAFE = "-._~:@!$&'()*+,;="


def key_iri(key: str) -> NamedNode:
    """The property IRI of an OParl JSON key.

    >>> key_iri("familyName").value
    'https://schema.oparl.org/1.1/familyName'
    >>> key_iri("vendor key").value
    'https://schema.oparl.org/1.1/vendor%20key'
    """
    if key in OPARL.terms:
        return OPARL[key]
    return NamedNode(OPARL.base + quote(key, safe=KEY_SAFE))


def decision_iri(agenda_item: str) -> str:
    """The decision an agenda item's `result` records: `{agenda item}/decision/result`, apart
    from the decisions that minutes of the item number by position (`…/decision/1`)."""
    return f"{agenda_item}/decision/result"


def term(value: OParlScalar) -> str:
    """The N-Triples term of one value."""
    if type(value) is str:  # the most common value, decided first
        return _str(value)
    if isinstance(value, OParlLink):
        try:
            return str(NamedNode(value.iri))
        except ValueError:
            return _str(value.iri)
    if isinstance(value, bool):
        return _bool(value)
    if isinstance(value, int):
        return _int(value)
    if isinstance(value, float):
        return f"{_str(repr(value))}^^{_DOUBLE}"
    if isinstance(value, dt.date):  # and dt.datetime
        return _date(value)
    if isinstance(value, OParlJson):
        return f"{_str(value.text)}^^{RDF_JSON}"
    return _str(str(value))


def oparl_triples(objects: Iterable[OParlObject]) -> list[Triple]:
    """The triples of OParl objects as pyoxigraph terms: `oparl_statements`, parsed."""
    return parse_ntriples(ntriples(oparl_statements(objects)))


def oparl_statements(objects: Iterable[OParlObject]) -> list[tuple[str, str, str]]:
    """The triples of OParl objects as N-Triples terms, without duplicates, in the order of the
    objects and keys: the fast path to a file or a store (no pyoxigraph term is built)."""
    with paused_gc():
        return _oparl_statements(list(objects))


def _oparl_statements(objects: list[OParlObject]) -> list[tuple[str, str, str]]:
    # The common values are decided by their exact type, and the terms that recur (subjects,
    # links, types, dates) are made once: building terms is most of the time (PERFORMANCE.md).
    out: list[tuple[str, str, str]] = []
    add = out.append
    nodes: dict[str, str] = {}
    predicates: dict[str, str] = {}
    types: dict[str, str] = {}
    links: dict[str, str] = {}
    # Dates by identity: the reader makes one object per date text (`parse_date` is memoised), and
    # `objects` keeps them all alive meanwhile. (Equal aware date-times may differ in offset.)
    stamps: dict[int, str] = {}

    def term_of(v: OParlScalar) -> str:
        cls = type(v)
        if cls is str:
            return _str(v)  # type: ignore[arg-type]
        if cls is OParlLink:
            o = links.get(v.iri)  # type: ignore[union-attr]
            if o is None:
                o = links[v.iri] = term(v)  # type: ignore[union-attr]
            return o
        if cls is dt.datetime or cls is dt.date:
            o = stamps.get(id(v))
            if o is None:
                o = stamps[id(v)] = term(v)
            return o
        if cls is bool:
            return _bool(v)  # type: ignore[arg-type]
        return term(v)

    # Duplicates can only come from a subject met twice, a key given twice, or one term twice in
    # an array (`key_iri` maps distinct keys to distinct IRIs, and a decision's triples use `rg:`
    # terms that no OParl key maps to): where none of these happens (the rule), no pass over all
    # triples to drop them is needed.
    subjects: set[str] = set()
    distinct = True
    meetings = {o.iri: o.values("organization") for o in objects if o.type == "Meeting"}
    for obj in objects:
        keys = dict(obj.properties)
        if obj.iri in subjects or len(keys) != len(obj.properties):
            distinct = False
        subjects.add(obj.iri)
        s = nodes.get(obj.iri)
        if s is None:  # checked by pyoxigraph once: an invalid IRI raises ValueError
            s = nodes[obj.iri] = str(NamedNode(obj.iri))
        t = types.get(obj.type)
        if t is None:
            t = types[obj.type] = str(NamedNode(OPARL.base + obj.type))
        add((s, _TYPE, t))
        for key, value in obj.properties:
            p = predicates.get(key)
            if p is None:
                p = predicates[key] = str(key_iri(key))
            cls = type(value)
            if cls is str:  # the most common value
                add((s, p, _str(value)))
            elif cls is tuple:
                terms = [term_of(v) for v in value]
                if len(terms) > 1 and len(set(terms)) != len(terms):
                    distinct = False
                for o in terms:
                    add((s, p, o))
            else:
                add((s, p, term_of(value)))
        if obj.type == "AgendaItem":
            if keys.get("deleted") is not True:
                _result_decision(obj.iri, keys, meetings, add)
    return out if distinct else list(dict.fromkeys(out))


@lru_cache(maxsize=4096)
def _read_result(result: str):
    """The reading of a result string; a RIS uses a handful of them, so each is read once."""
    from ..extract.votes import parse_result

    return parse_result(result)


# The terms of a decision, written once.
_DECISION, _AGENDA_ITEM, _OUTCOME, _OUTCOME_DETAIL, _UNANIMOUS, _RESULT_TEXT, _DECIDED_BY = (
    str(RG[name]) for name in ("Decision", "agendaItem", "outcome", "outcomeDetail", "unanimous", "resultText",
                               "decidedBy"))
_COUNTS = tuple(str(RG[name]) for name in ("votesFor", "votesAgainst", "abstentions", "recusals"))


def _result_decision(item: str, keys: dict, meetings: dict[str, tuple[OParlScalar, ...]], add) -> None:
    """An `rg:Decision` read from the `result` of the agenda item `item` ("einstimmig
    beschlossen"); `keys` are the item's keys, `meetings` the organizations of each meeting,
    `add` takes each triple (N-Triples terms)."""
    result = keys.get("result")
    if not isinstance(result, str) or not result.strip():
        return
    vote = _read_result(result)
    s = str(NamedNode(decision_iri(item)))
    add((s, _TYPE, _DECISION))
    add((s, _AGENDA_ITEM, str(NamedNode(item))))
    add((s, _OUTCOME, str(RG[vote.outcome or "other"])))
    if vote.outcome_detail:
        add((s, _OUTCOME_DETAIL, str(RG[vote.outcome_detail])))
    if vote.unanimous is not None:
        add((s, _UNANIMOUS, _bool(vote.unanimous)))
    for prop, count in zip(_COUNTS, (vote.votes_for, vote.votes_against, vote.abstentions, vote.recusals),
                           strict=True):
        if count is not None:
            add((s, prop, _int(count, "nonNegativeInteger")))
    add((s, _RESULT_TEXT, _str(result)))
    meeting = keys.get("meeting")
    organizations = meetings.get(meeting.iri, ()) if isinstance(meeting, OParlLink) else ()
    if len(organizations) == 1 and isinstance(organizations[0], OParlLink):
        add((s, _DECIDED_BY, str(NamedNode(organizations[0].iri))))
