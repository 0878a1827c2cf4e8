"""The shapes reject what the contract forbids: each test breaks the reference graph in one way
and expects exactly that violation (focus node and path)."""

from __future__ import annotations

import pytest
import rdflib
from rdflib import RDF, Literal, Namespace, URIRef

from ratsgraph.pipeline import convert_path
from ratsgraph.validate import to_rdflib, validate_graph

from .conftest import REFERENCE

RG = Namespace("https://w3id.org/ratsgraph/vocab#")
OPARL = Namespace("https://schema.oparl.org/1.1/")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


@pytest.fixture(scope="module")
def reference_graph() -> rdflib.Graph:
    return to_rdflib(convert_path(REFERENCE).triples)


@pytest.fixture
def graph(reference_graph) -> rdflib.Graph:
    g = rdflib.Graph()
    for triple in reference_graph:
        g.add(triple)
    return g


def first(g: rdflib.Graph, rdf_type: URIRef) -> URIRef:
    return sorted(g.subjects(RDF.type, rdf_type))[0]


def violations(g: rdflib.Graph) -> set[tuple[str, str]]:
    report = validate_graph(g)
    return {(v.focus, v.path) for v in report.violations if v.severity == "Violation"}


def test_reference_graph_conforms(graph):
    assert violations(graph) == set()


def test_meeting_without_date(graph):
    meeting = first(graph, OPARL.Meeting)
    graph.remove((meeting, OPARL.start, None))
    assert violations(graph) == {(str(meeting), str(OPARL.start))}


def test_meeting_with_a_string_for_a_date(graph):
    meeting = first(graph, OPARL.Meeting)
    graph.set((meeting, OPARL.start, Literal("25.11.2021")))
    assert violations(graph) == {(str(meeting), str(OPARL.start))}


def test_negative_vote_count(graph):
    decision = first(graph, RG.Decision)
    graph.add((decision, RG.votesAgainst, Literal("-1", datatype=XSD.integer)))
    found = violations(graph)
    assert found and all(focus == str(decision) for focus, _ in found)
    assert any(str(RG.votesAgainst) in path for _, path in found)


def test_negative_vote_count_as_nonnegative_integer(graph):
    decision = first(graph, RG.Decision)
    graph.add((decision, RG.votesFor, Literal("-3", datatype=XSD.nonNegativeInteger)))
    assert {focus for focus, _ in violations(graph)} == {str(decision)}


def test_outcome_outside_the_scheme(graph):
    decision = first(graph, RG.Decision)
    graph.set((decision, RG.outcome, RG.approvedish))
    assert violations(graph) == {(str(decision), str(RG.outcome))}


def test_outcome_as_a_string(graph):
    decision = first(graph, RG.Decision)
    graph.set((decision, RG.outcome, Literal("adopted")))
    assert violations(graph) == {(str(decision), str(RG.outcome))}


def test_decision_without_agenda_item(graph):
    decision = first(graph, RG.Decision)
    graph.remove((decision, RG.agendaItem, None))
    assert violations(graph) == {(str(decision), str(RG.agendaItem))}


def test_decision_pointing_at_something_that_is_no_agenda_item(graph):
    decision = first(graph, RG.Decision)
    graph.set((decision, RG.agendaItem, first(graph, OPARL.Paper)))
    assert violations(graph) == {(str(decision), str(RG.agendaItem))}


def test_resource_without_provenance(graph):
    statement = first(graph, RG.Statement)
    graph.remove((statement, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    assert violations(graph) == {(str(statement), "http://www.w3.org/ns/prov#wasDerivedFrom")}


def test_evidence_selector_that_ends_before_it_starts(graph):
    oa = Namespace("http://www.w3.org/ns/oa#")
    selector = first(graph, oa.TextPositionSelector)
    graph.set((selector, oa.end, Literal("0", datatype=XSD.nonNegativeInteger)))
    assert violations(graph) == {(str(selector), str(oa.start))}


def warnings(g: rdflib.Graph, engine: str) -> set[tuple[str, str]]:
    report = validate_graph(g, engine=engine)
    assert report.conforms
    return {(v.focus, v.path) for v in report.violations if v.severity == "Warning"}


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_a_person_named_differently_by_two_documents_is_a_warning(graph, engine):
    """Person IRIs come from the family name: the union of two documents naming "Ralf Tiedemann"
    and "Herr Tiedemann" (or two Tiedemanns) holds two names. It conforms, with a warning each."""
    person = first(graph, OPARL.Person)
    for path, values in ((OPARL.name, ["Ralf Anders", "Lea Anders"]), (OPARL.givenName, ["Ralf", "Lea"]),
                         (OPARL.formOfAddress, ["Herr", "Frau"])):
        for value in values:
            graph.add((person, path, Literal(value)))
    assert violations(graph) == set()
    assert warnings(graph, engine) == {(str(person), str(OPARL.name)), (str(person), str(OPARL.givenName)),
                                       (str(person), str(OPARL.formOfAddress))}


def test_a_person_still_needs_a_family_name_and_a_name(graph):
    person = first(graph, OPARL.Person)
    graph.remove((person, OPARL.name, None))
    graph.add((person, OPARL.familyName, Literal("Zweitname")))
    assert violations(graph) == {(str(person), str(OPARL.name)), (str(person), str(OPARL.familyName))}


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_a_meeting_start_with_and_without_a_time_from_two_documents_is_a_warning(graph, engine):
    meeting = first(graph, OPARL.Meeting)
    day = graph.value(meeting, OPARL.start).toPython()
    graph.add((meeting, OPARL.start, Literal(f"{day.isoformat()}T18:00:00", datatype=XSD.dateTime)))
    assert violations(graph) == set()
    assert warnings(graph, engine) == {(str(meeting), str(OPARL.start))}
