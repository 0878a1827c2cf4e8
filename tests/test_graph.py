"""The graph of a converted document: golden samples, conformance, formats, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from ratsgraph.graph.formats import FORMATS, find_format, write
from ratsgraph.graph.iris import slug
from ratsgraph.pipeline import convert_path
from ratsgraph.validate import to_rdflib, validate_triples

from .conftest import REFERENCE, SAMPLES

SAMPLE_DOCUMENTS = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".txt", ".html", ".pdf"))


def _explain(expected: rdflib.Graph, found: rdflib.Graph) -> str:
    _, only_expected, only_found = graph_diff(to_isomorphic(expected), to_isomorphic(found))
    lines = [f"- {' '.join(t.n3() for t in triple)}" for triple in sorted(only_expected)[:25]]
    lines += [f"+ {' '.join(t.n3() for t in triple)}" for triple in sorted(only_found)[:25]]
    return "graphs differ (- expected only, + converted only):\n" + "\n".join(lines)


@pytest.mark.parametrize("document", SAMPLE_DOCUMENTS, ids=lambda p: p.name)
def test_sample_converts_to_its_golden_graph(document: Path):
    golden = document.with_suffix(".ttl")
    assert golden.exists(), f"no expected graph {golden.name}: create it with ratsgraph convert"
    expected = rdflib.Graph().parse(golden, format="turtle")
    found = to_rdflib(convert_path(document).triples)
    assert isomorphic(expected, found), _explain(expected, found)


@pytest.mark.parametrize("document", SAMPLE_DOCUMENTS, ids=lambda p: p.name)
def test_sample_conforms_to_the_shapes(document: Path):
    report = validate_triples(convert_path(document).triples)
    assert report.conforms, report.text()


@pytest.fixture(scope="module")
def reference():
    return convert_path(REFERENCE)


def test_every_format_reads_back_into_the_same_graph(reference):
    turtle = rdflib.Graph().parse(data=write(FORMATS["turtle"], [(reference.triples, reference.graph)]),
                                  format="turtle")
    readers = {"nt": "nt", "jsonld": "json-ld", "xml": "xml", "turtle": "turtle"}
    for name, rdflib_format in readers.items():
        data = write(FORMATS[name], [(reference.triples, reference.graph)])
        graph = rdflib.Graph().parse(data=data, format=rdflib_format)
        assert isomorphic(turtle, graph), f"{name}: " + _explain(turtle, graph)


def test_jsonld_is_compact_with_the_shipped_context(reference):
    data = json.loads(write(FORMATS["jsonld"], [(reference.triples, reference.graph)]))
    context = json.loads((Path(__file__).parent.parent / "ontology" / "context.jsonld").read_text())
    assert data["@context"] == context["@context"]
    decisions = [n for n in data["@graph"] if n.get("type") == "rg:Decision"]
    assert len(decisions) == 3
    assert all(d["rg:outcome"] == "rg:adopted" and d["rg:unanimous"] is True for d in decisions)


def test_nquads_put_the_document_in_the_named_graph_of_its_file(reference):
    data = write(FORMATS["nquads"], [(reference.triples, reference.graph)])
    dataset = rdflib.Dataset().parse(data=data, format="nquads")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    file_iri = f"https://example.org/ratsgraph/file/{reference.minutes.source.sha1}"
    assert graphs == {file_iri}
    assert (rdflib.URIRef(file_iri), rdflib.RDF.type, rdflib.URIRef("https://schema.oparl.org/1.1/File")) \
        in dataset.graph(rdflib.URIRef(file_iri))
    trig = rdflib.Dataset().parse(data=write(FORMATS["trig"], [(reference.triples, reference.graph)]),
                                  format="trig")
    assert {str(g.identifier) for g in trig.graphs() if len(g)} == {file_iri}


def test_converting_twice_gives_identical_ntriples():
    first = write(FORMATS["nt"], [(convert_path(REFERENCE).triples, None)])
    second = write(FORMATS["nt"], [(convert_path(REFERENCE).triples, None)])
    assert sorted(first.splitlines()) == sorted(second.splitlines())
    assert first == second


def test_base_iri_is_used_for_every_minted_resource():
    triples = convert_path(REFERENCE, base="https://data.kreis-mettmann.de/ris/").triples
    subjects = {t.subject.value for t in triples}
    assert all(s.startswith("https://data.kreis-mettmann.de/ris/") for s in subjects)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Haupt- und Finanzausschuss", "haupt-und-finanzausschuss"),
        ("Ö 5", "oe-5"),
        ("Straßenbau", "strassenbau"),
        ("50/034/2021", "50-034-2021"),
        ("BÜNDNIS 90/DIE GRÜNEN-Fraktion", "buendnis-90-die-gruenen-fraktion"),
        ("  ", "_"),
    ],
)
def test_slugs(text, expected):
    assert slug(text) == expected


def test_find_format_by_name_extension_and_media_type():
    assert find_format("ttl") is FORMATS["turtle"]
    assert find_format(".nq") is FORMATS["nquads"]
    assert find_format("application/ld+json") is FORMATS["jsonld"]
    with pytest.raises(KeyError):
        find_format("docx")
