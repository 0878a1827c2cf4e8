"""The JSON-LD writer: values that need care (escapes, languages, coercions, blank nodes) read
back into the same graph, the layout is json.dumps's, and the N-Triples path equals the term path."""

from __future__ import annotations

import io
import json

import pytest
import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from rdflib.compare import isomorphic

from ratsgraph.graph.formats import FORMATS
from ratsgraph.graph.jsonld import ntriples_to_jsonld, to_jsonld
from ratsgraph.graph.stream import DocumentWriter
from ratsgraph.vocab import OPARL, RDF_TYPE, RG, XSD

S = NamedNode("https://example.org/ratsgraph/meeting/1")
B = BlankNode("b1")


def _typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(datatype))


TRIPLES = [
    Triple(S, RDF_TYPE, OPARL.Meeting),
    Triple(S, RDF_TYPE, RG.Decision),
    Triple(S, RDF_TYPE, B),
    Triple(S, OPARL.name, Literal('quote " backslash \\ newline \n tab \t control \x01 \x7f ä 😀 \u00a0')),
    Triple(S, OPARL.name, Literal("Sitzung", language="de")),
    Triple(S, OPARL.name, Literal("")),
    Triple(S, OPARL.body, NamedNode("https://example.org/ratsgraph/body/rat")),
    Triple(S, OPARL.body, OPARL.Body),  # compacted where "@id" coerces
    Triple(S, OPARL.body, B),
    Triple(S, OPARL.body, Literal("not an IRI")),
    Triple(S, NamedNode("https://example.org/p"), OPARL.Body),  # not compacted
    Triple(S, RG.votesFor, _typed("5", XSD + "nonNegativeInteger")),
    Triple(S, RG.votesAgainst, _typed("5", XSD + "integer")),  # not the coerced datatype
    Triple(S, RG.text, _typed("05", XSD + "integer")),  # not a canonical integer: kept typed
    Triple(S, RG.text, _typed("-7", XSD + "integer")),
    Triple(S, RG.unanimous, _typed("true", XSD + "boolean")),
    Triple(S, RG.text, _typed("1", XSD + "boolean")),
    Triple(S, RG.text, _typed("2020-01-31", XSD + "date")),
    Triple(S, RG.text, _typed('{"a": 1}', "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON")),
    Triple(S, NamedNode("http://purl.org/dc/terms/a/b"), Literal("a local name with a slash")),
    Triple(B, OPARL.name, Literal("blank")),
    Triple(NamedNode("https://example.org/ü/ä?x=1"), OPARL.name, Literal("IRI with non-ASCII")),
]


def _plain(graph: rdflib.Graph) -> rdflib.Graph:
    """The graph with xsd:string literals written as simple literals (the same in RDF 1.1; rdflib
    tells them apart)."""
    out = rdflib.Graph()
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype == rdflib.XSD.string:
            o = rdflib.Literal(str(o))
        out.add((s, p, o))
    return out


@pytest.mark.parametrize("count", [1, 3, len(TRIPLES)])
def test_values_read_back_into_the_same_graph(count):
    triples = TRIPLES[:count]
    data = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
    expected = rdflib.Graph().parse(data=data, format="nt")
    graph = rdflib.Graph().parse(data=to_jsonld(triples), format="json-ld")
    assert isomorphic(_plain(graph), expected)


def test_layout_is_that_of_json_dumps_with_indent_1():
    text = to_jsonld(TRIPLES)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"


def test_compaction_and_coercion():
    node = next(n for n in json.loads(to_jsonld(TRIPLES))["@graph"] if n["id"] == S.value)
    assert node["type"] == ["oparl:Meeting", "rg:Decision"]
    assert node["oparl:body"] == ["https://example.org/ratsgraph/body/rat", "oparl:Body", "_:b1",
                                  {"@value": "not an IRI", "@type": "xsd:string"}]
    assert node["https://example.org/p"] == {"@id": OPARL.Body.value}
    assert node["rg:votesFor"] == "5"
    assert node["rg:votesAgainst"] == {"@value": "5", "@type": "xsd:integer"}
    assert node["rg:unanimous"] is True
    assert node["rg:text"][:3] == [{"@value": "05", "@type": "xsd:integer"}, -7,
                                   {"@value": "1", "@type": "xsd:boolean"}]
    assert node["oparl:name"][1] == {"@value": "Sitzung", "@language": "de"}


def test_duplicates_are_dropped_and_subjects_grouped_in_order_of_first_appearance():
    a, b = NamedNode("https://example.org/a"), NamedNode("https://example.org/b")
    triples = [Triple(a, OPARL.name, Literal("1")), Triple(b, OPARL.name, Literal("2")),
               Triple(a, OPARL.name, Literal("1")), Triple(a, OPARL.shortName, Literal("3"))]
    graph = json.loads(to_jsonld(triples))["@graph"]
    assert graph == [{"id": a.value, "oparl:name": "1", "oparl:shortName": "3"},
                     {"id": b.value, "oparl:name": "2"}]


def test_referenced_context_and_empty_graph():
    assert to_jsonld([], context_url="https://example.org/context.jsonld") == \
        '{\n "@context": "https://example.org/context.jsonld",\n "@graph": []\n}\n'


def test_documents_written_from_ntriples_equal_the_term_path():
    """DocumentWriter hands the documents' N-Triples to the writer as they are; the result is the
    one `formats.write` makes of the same triples as terms, duplicates across documents dropped."""
    first = TRIPLES[:12]
    second = TRIPLES[8:]
    documents = ["".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in d).encode()
                 for d in (first, second)]
    out = io.BytesIO()
    writer = DocumentWriter(FORMATS["jsonld"], out)
    for i, data in enumerate(documents):
        writer.add(f"https://example.org/file/{i}", data)
    writer.close()
    assert out.getvalue() == ntriples_to_jsonld(documents) == to_jsonld(first + second).encode()
    assert out.getvalue() == FORMATS["jsonld"].write(first + second)


def test_raw_control_characters_that_ntriples_allows_are_escaped_in_json():
    data = b'<https://example.org/a> <https://schema.oparl.org/1.1/name> "tab\there" .\n'
    node = json.loads(ntriples_to_jsonld([data]))["@graph"][0]
    assert node == {"id": "https://example.org/a", "oparl:name": "tab\there"}
