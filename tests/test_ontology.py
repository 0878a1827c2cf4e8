"""The ontology files declare exactly the vocabulary the code writes, and stay OWL 2 DL.

`ontology/ratsgraph.ttl` must declare every term of `ratsgraph.vocab.RG` (and nothing else in
that namespace) and every OParl term of `OPARL`; `ontology/alignments.ttl` must follow
design/ALIGNMENTS.md: close matches where a sub-class would make false claims.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection

from ratsgraph.vocab import OPARL, OUTCOME_DETAILS, OUTCOMES, RG

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
VOCAB_FILE = ONTOLOGY_DIR / "ratsgraph.ttl"
ALIGNMENTS_FILE = ONTOLOGY_DIR / "alignments.ttl"

VOCAB_IRI = URIRef("https://w3id.org/ratsgraph/vocab")
ALIGNMENTS_IRI = URIRef("https://w3id.org/ratsgraph/alignments")

RGN = Namespace(RG.base)
OP = Namespace(OPARL.base)
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ELI_DL = Namespace("http://data.europa.eu/eli/eli-draft-legislation-ontology#")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme)


@pytest.fixture(scope="module")
def vocab() -> Graph:
    return Graph().parse(VOCAB_FILE, format="turtle")


@pytest.fixture(scope="module")
def alignments() -> Graph:
    return Graph().parse(ALIGNMENTS_FILE, format="turtle")


@pytest.fixture(scope="module")
def both(vocab: Graph, alignments: Graph) -> Graph:
    return vocab + alignments


def literals(graph: Graph, subject: URIRef, predicate: URIRef) -> dict[str | None, list[str]]:
    """The literal values of `predicate` on `subject`, grouped by language tag."""
    by_language: dict[str | None, list[str]] = {}
    for value in graph.objects(subject, predicate):
        if isinstance(value, Literal):
            by_language.setdefault(value.language, []).append(str(value))
    return by_language


def is_concept(graph: Graph, term: URIRef) -> bool:
    return (term, RDF.type, SKOS.Concept) in graph or (term, RDF.type, SKOS.ConceptScheme) in graph


# --- both files ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "ontology_iri"), [(VOCAB_FILE, VOCAB_IRI), (ALIGNMENTS_FILE, ALIGNMENTS_IRI)]
)
def test_file_parses_and_names_its_ontology(path: Path, ontology_iri: URIRef) -> None:
    graph = Graph().parse(path, format="turtle")
    assert (ontology_iri, RDF.type, OWL.Ontology) in graph
    assert graph.value(ontology_iri, OWL.versionInfo) == Literal("0.1.0")


def test_vocabulary_header_has_titles_licence_and_imports_the_alignments(vocab: Graph) -> None:
    assert set(literals(vocab, VOCAB_IRI, DCTERMS.title)) >= {"de", "en"}
    assert set(literals(vocab, VOCAB_IRI, DCTERMS.description)) >= {"de", "en"}
    assert vocab.value(VOCAB_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert (VOCAB_IRI, OWL.imports, ALIGNMENTS_IRI) in vocab


def test_vocabulary_credits_the_oparl_specification(vocab: Graph) -> None:
    credits = " ".join(str(c) for c in vocab.objects(VOCAB_IRI, RDFS.comment))
    assert "OParl 1.1 specification, CC BY-SA 4.0" in credits


# --- rg: terms ----------------------------------------------------------------------------------


def test_declared_rg_terms_are_exactly_the_terms_of_the_code(vocab: Graph) -> None:
    declared = {
        str(subject)
        for kind in DECLARATION_TYPES
        for subject in vocab.subjects(RDF.type, kind)
        if isinstance(subject, URIRef) and str(subject).startswith(RG.base)
    }
    expected = {RG.base + term for term in RG.terms}
    assert declared - expected == set(), "declared in the ontology but not in ratsgraph.vocab.RG"
    assert expected - declared == set(), "in ratsgraph.vocab.RG but not declared in the ontology"


@pytest.mark.parametrize("term", RG.terms)
def test_rg_term_has_a_german_and_an_english_label(vocab: Graph, term: str) -> None:
    iri = RGN[term]
    label = SKOS.prefLabel if is_concept(vocab, iri) else RDFS.label
    labels = literals(vocab, iri, label)
    assert labels.get("de") and labels.get("en"), f"rg:{term} lacks a German or English {label}"


@pytest.mark.parametrize("term", RG.terms)
def test_rg_term_has_an_english_comment(vocab: Graph, term: str) -> None:
    iri = RGN[term]
    comments = literals(vocab, iri, RDFS.comment)
    if is_concept(vocab, iri):
        comments = comments or literals(vocab, iri, SKOS.definition)
    assert comments.get("en"), f"rg:{term} has no English comment or definition"


@pytest.mark.parametrize("term", RG.terms)
def test_rg_term_is_defined_by_the_vocabulary(vocab: Graph, term: str) -> None:
    assert (RGN[term], RDFS.isDefinedBy, VOCAB_IRI) in vocab


@pytest.mark.parametrize(
    ("term", "kind", "range_"),
    [
        ("agendaItem", OWL.ObjectProperty, OP.AgendaItem),
        ("decidedBy", OWL.ObjectProperty, OP.Organization),
        ("outcome", OWL.ObjectProperty, SKOS.Concept),
        ("outcomeDetail", OWL.ObjectProperty, SKOS.Concept),
        ("resolution", OWL.ObjectProperty, RGN.Resolution),
        ("factionFor", OWL.ObjectProperty, OP.Organization),
        ("factionAgainst", OWL.ObjectProperty, OP.Organization),
        ("factionAbstaining", OWL.ObjectProperty, OP.Organization),
        ("resolvingBody", OWL.ObjectProperty, OP.Organization),
        ("speaker", OWL.ObjectProperty, OP.Person),
        ("onBehalfOf", OWL.ObjectProperty, OP.Organization),
        ("evidence", OWL.ObjectProperty, OA.SpecificResource),
        ("unanimous", OWL.DatatypeProperty, XSD.boolean),
        ("votesFor", OWL.DatatypeProperty, XSD.nonNegativeInteger),
        ("votesAgainst", OWL.DatatypeProperty, XSD.nonNegativeInteger),
        ("abstentions", OWL.DatatypeProperty, XSD.nonNegativeInteger),
        ("recusals", OWL.DatatypeProperty, XSD.nonNegativeInteger),
        ("resultText", OWL.DatatypeProperty, XSD.string),
        ("voteSubject", OWL.DatatypeProperty, XSD.string),
        ("resolutionKind", OWL.DatatypeProperty, XSD.string),
        ("text", OWL.DatatypeProperty, XSD.string),
        ("ordinal", OWL.DatatypeProperty, XSD.integer),
        ("position", OWL.DatatypeProperty, XSD.integer),
    ],
)
def test_rg_property_has_the_kind_and_range_of_the_contract(
    vocab: Graph, term: str, kind: URIRef, range_: URIRef
) -> None:
    assert (RGN[term], RDF.type, kind) in vocab
    assert set(vocab.objects(RGN[term], RDFS.range)) == {range_}


@pytest.mark.parametrize("term", ["text", "agendaItem", "position", "evidence"])
def test_property_used_on_several_types_has_a_union_domain_or_none(vocab: Graph, term: str) -> None:
    domains = list(vocab.objects(RGN[term], RDFS.domain))
    assert len(domains) <= 1
    if domains:
        assert isinstance(domains[0], BNode), f"rg:{term} has the single domain {domains[0]}"
        assert vocab.value(domains[0], OWL.unionOf) is not None


@pytest.mark.parametrize(
    ("term", "members"),
    [
        ("text", {RGN.Resolution, RGN.Clause, RGN.Statement}),
        ("agendaItem", {RGN.Decision, RGN.Statement}),
    ],
)
def test_union_domain_names_every_subject_type(vocab: Graph, term: str, members: set[URIRef]) -> None:
    union = vocab.value(vocab.value(RGN[term], RDFS.domain), OWL.unionOf)
    assert set(Collection(vocab, union)) == members


def test_mentioned_in_is_the_inverse_of_schema_mentions(vocab: Graph) -> None:
    assert (RGN.mentionedIn, OWL.inverseOf, SCHEMA.mentions) in vocab


def test_resolutions_and_clauses_are_eli_legal_resources(vocab: Graph) -> None:
    assert (RGN.Resolution, RDFS.subClassOf, ELI.LegalResource) in vocab
    assert (RGN.Clause, RDFS.subClassOf, ELI.LegalResourceSubdivision) in vocab


# --- outcome scheme -----------------------------------------------------------------------------


def test_outcome_scheme_has_exactly_the_seven_top_concepts(vocab: Graph) -> None:
    top = {RGN[outcome] for outcome in OUTCOMES}
    assert (RGN.OutcomeScheme, RDF.type, SKOS.ConceptScheme) in vocab
    assert set(vocab.objects(RGN.OutcomeScheme, SKOS.hasTopConcept)) == top
    assert set(vocab.subjects(SKOS.topConceptOf, RGN.OutcomeScheme)) == top


@pytest.mark.parametrize(
    ("outcome", "german", "english"),
    [
        ("adopted", "angenommen", "adopted"),
        ("rejected", "abgelehnt", "rejected"),
        ("deferred", "vertagt", "deferred"),
        ("referred", "verwiesen", "referred"),
        ("noted", "zur Kenntnis genommen", "noted"),
        ("withdrawn", "zurückgezogen", "withdrawn"),
        ("other", "sonstiges", "other"),
        ("adoptedUnchanged", "ungeändert beschlossen", "adopted unchanged"),
        ("adoptedWithChanges", "geändert beschlossen", "adopted with changes"),
        ("recommended", "empfohlen", "recommended"),
        ("elected", "gewählt", "elected"),
        ("settled", "erledigt", "settled"),
    ],
)
def test_outcome_concept_has_its_preferred_labels(
    vocab: Graph, outcome: str, german: str, english: str
) -> None:
    assert literals(vocab, RGN[outcome], SKOS.prefLabel) == {"de": [german], "en": [english]}


@pytest.mark.parametrize(
    ("outcome", "alternative"),
    [
        ("adopted", "beschlossen"),
        ("adopted", "zugestimmt"),
        ("deferred", "zurückgestellt"),
        ("referred", "überwiesen"),
    ],
)
def test_outcome_concept_knows_the_other_words_for_it(vocab: Graph, outcome: str, alternative: str) -> None:
    assert Literal(alternative, lang="de") in set(vocab.objects(RGN[outcome], SKOS.altLabel))


@pytest.mark.parametrize(("detail", "top"), sorted(OUTCOME_DETAILS.items()))
def test_outcome_detail_is_narrower_than_its_top_concept(vocab: Graph, detail: str, top: str) -> None:
    assert (RGN[detail], RDF.type, SKOS.Concept) in vocab
    assert (RGN[detail], SKOS.inScheme, RGN.OutcomeScheme) in vocab
    assert set(vocab.objects(RGN[detail], SKOS.broader)) == {RGN[top]}
    assert (RGN[detail], SKOS.topConceptOf, RGN.OutcomeScheme) not in vocab


def test_every_concept_is_in_the_outcome_scheme(vocab: Graph) -> None:
    for concept in vocab.subjects(RDF.type, SKOS.Concept):
        assert (concept, SKOS.inScheme, RGN.OutcomeScheme) in vocab, concept


# --- OParl terms --------------------------------------------------------------------------------


@pytest.mark.parametrize("term", OPARL.terms)
def test_oparl_term_is_declared_with_labels_and_source(vocab: Graph, term: str) -> None:
    iri = OP[term]
    entity_kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    kinds = {kind for kind in entity_kinds if (iri, RDF.type, kind) in vocab}
    assert len(kinds) == 1, f"oparl:{term} is declared as {kinds or 'nothing'}"
    assert set(literals(vocab, iri, RDFS.label)) >= {"de", "en"}
    assert set(literals(vocab, iri, RDFS.comment)) >= {"de", "en"}
    assert (iri, RDFS.isDefinedBy, URIRef("https://oparl.org/spezifikation/")) in vocab


@pytest.mark.parametrize(
    ("term", "range_"),
    [
        ("public", XSD.boolean),
        ("authoritative", XSD.boolean),
        ("votingRight", XSD.boolean),
        ("order", XSD.integer),
        ("size", XSD.integer),
        ("participant", OP.Person),
    ],
)
def test_oparl_property_has_the_range_of_the_contract(vocab: Graph, term: str, range_: URIRef) -> None:
    assert set(vocab.objects(OP[term], RDFS.range)) == {range_}


def test_oparl_start_accepts_a_date_or_a_date_time(vocab: Graph) -> None:
    assert (OP.start, RDF.type, OWL.DatatypeProperty) in vocab
    assert set(vocab.objects(OP.start, RDFS.range)) == set()


# --- alignments ---------------------------------------------------------------------------------

#: Targets a sub-class or sub-property would make false (ALIGNMENTS.md, "Not sub-classes").
CLOSE_MATCH_ONLY_NAMESPACES = (str(PROV), str(BESLUIT), str(MANDAAT), str(ELI_DL), str(OPENGOV))


@pytest.mark.parametrize(
    "predicate",
    [RDFS.subClassOf, RDFS.subPropertyOf, OWL.equivalentClass, OWL.equivalentProperty, RDF.type],
)
def test_no_logical_link_to_activities_or_other_vote_models(both: Graph, predicate: URIRef) -> None:
    wrong = [
        (subject, target)
        for subject, target in both.subject_objects(predicate)
        if str(target).startswith(CLOSE_MATCH_ONLY_NAMESPACES)
    ]
    assert wrong == []


def test_decisions_and_statements_are_not_prov_activities(both: Graph) -> None:
    for resource in (RGN.Decision, RGN.Statement):
        assert (resource, RDFS.subClassOf, PROV.Activity) not in both
        assert (resource, OWL.equivalentClass, PROV.Activity) not in both


@pytest.mark.parametrize(
    ("subject", "predicate", "target"),
    [
        (OP.Meeting, RDFS.subClassOf, SCHEMA.Event),
        (OP.Organization, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")),
        (OP.Body, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Organization")),
        (OP.Person, RDFS.subClassOf, URIRef("http://xmlns.com/foaf/0.1/Person")),
        (OP.Membership, RDFS.subClassOf, URIRef("http://www.w3.org/ns/org#Membership")),
        (OP.participant, RDFS.subPropertyOf, SCHEMA.attendee),
        (RGN.mentionedIn, OWL.inverseOf, SCHEMA.mentions),
    ],
)
def test_alignments_state_the_safe_sub_classes(alignments: Graph, subject, predicate, target) -> None:
    assert (subject, predicate, target) in alignments


@pytest.mark.parametrize(
    "oparl_type",
    [term for term in OPARL.terms if term[0].isupper()],
)
def test_oparl_type_equals_its_1_0_and_versionless_forms(alignments: Graph, oparl_type: str) -> None:
    equivalents = set(alignments.objects(OP[oparl_type], OWL.equivalentClass))
    assert URIRef("https://schema.oparl.org/1.0/" + oparl_type) in equivalents
    assert URIRef("https://schema.oparl.org/" + oparl_type) in equivalents


@pytest.mark.parametrize(
    ("term", "match"),
    [
        (RGN.Decision, BESLUIT.Stemming),
        (RGN.Decision, ELI_DL.Vote),
        (RGN.Decision, OPENGOV.VoteEvent),
        (RGN.votesFor, BESLUIT.aantalVoorstanders),
        (RGN.votesAgainst, BESLUIT.aantalTegenstanders),
        (RGN.abstentions, BESLUIT.aantalOnthouders),
        (RGN.votesFor, ELI_DL.number_of_votes_favor),
        (RGN.votesAgainst, ELI_DL.number_of_votes_against),
        (RGN.abstentions, ELI_DL.number_of_votes_abstention),
        (RGN.resolution, PROV.generated),
        (RGN.decidedBy, PROV.wasAssociatedWith),
        (RGN.speaker, PROV.wasAssociatedWith),
        (RGN.Resolution, BESLUIT.Besluit),
        (RGN.Resolution, OPENGOV.Motion),
        (RGN.Clause, BESLUIT.Artikel),
        (OP.AgendaItem, BESLUIT.Agendapunt),
        (OP.AgendaItem, BESLUIT.BehandelingVanAgendapunt),
        (OP.AgendaItem, ELI_DL.ForeseenActivity),
        (OP.Consultation, ELI_DL.Activity),
        (OP.Organization, BESLUIT.Bestuursorgaan),
        (OP.Organization, MANDAAT.Fractie),
        (OP.Body, BESLUIT.Bestuurseenheid),
        (OP.Paper, ELI.Work),
        (OP.File, ELI.Manifestation),
        (RGN.outcome, ELI_DL.decision_outcome),
        (RGN.outcome, OPENGOV.result),
        (RGN.resultText, BESLUIT.gevolg),
        (RGN.text, PROV.value),
        (RGN.ordinal, ELI.number),
        (RGN.position, ELI_DL.activity_order),
        (OP.start, PROV.startedAtTime),
        (OP.start, SCHEMA.startDate),
        (OP.participant, BESLUIT.heeftAanwezigeBijStart),
        (OP.participant, ELI_DL.had_participant_person),
        (RGN.adopted, OPENGOV.ResultPassed),
        (RGN.rejected, OPENGOV.ResultFailed),
    ],
)
def test_alignments_list_the_close_match(alignments: Graph, term: URIRef, match: URIRef) -> None:
    assert (term, SKOS.closeMatch, match) in alignments


def test_close_match_is_an_annotation_property_and_skos_is_not_imported(both: Graph) -> None:
    assert (SKOS.closeMatch, RDF.type, OWL.AnnotationProperty) in both
    assert not any(str(imported).startswith(str(SKOS)[:-1]) for imported in both.objects(None, OWL.imports))


# --- OWL 2 DL -----------------------------------------------------------------------------------

def test_no_iri_is_both_an_object_and_a_datatype_property(both: Graph) -> None:
    object_properties = set(both.subjects(RDF.type, OWL.ObjectProperty))
    datatype_properties = set(both.subjects(RDF.type, OWL.DatatypeProperty))
    assert object_properties & datatype_properties == set()


def test_no_iri_is_declared_as_two_kinds_of_property(both: Graph) -> None:
    for first in PROPERTY_KINDS:
        for second in PROPERTY_KINDS:
            if first != second:
                assert set(both.subjects(RDF.type, first)) & set(both.subjects(RDF.type, second)) == set()


def declared(graph: Graph, kind: URIRef) -> set:
    return set(graph.subjects(RDF.type, kind))


def test_every_class_and_property_in_an_axiom_is_declared(both: Graph) -> None:
    classes = declared(both, OWL.Class)
    object_properties = declared(both, OWL.ObjectProperty)
    datatype_properties = declared(both, OWL.DatatypeProperty)
    undeclared = []

    def need(term, kinds: set) -> None:
        if isinstance(term, URIRef) and term not in kinds:
            undeclared.append(term)

    for sub, sup in [*both.subject_objects(RDFS.subClassOf), *both.subject_objects(OWL.equivalentClass)]:
        need(sub, classes)
        need(sup, classes)
    for sub, sup in [*both.subject_objects(RDFS.subPropertyOf), *both.subject_objects(OWL.inverseOf)]:
        need(sub, object_properties)
        need(sup, object_properties)
    for prop, domain in both.subject_objects(RDFS.domain):
        need(prop, object_properties | datatype_properties)
        need(domain, classes)
    for prop, range_ in both.subject_objects(RDFS.range):
        need(range_, classes if prop in object_properties else {range_})
    for union in both.objects(None, OWL.unionOf):
        for member in Collection(both, union):
            need(member, classes)
    assert undeclared == []


#: Predicates OWL 2 knows without a declaration.
BUILT_IN = {
    RDF.type, RDF.first, RDF.rest, RDFS.label, RDFS.comment, RDFS.isDefinedBy, RDFS.seeAlso,
    RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range,
    OWL.versionInfo, OWL.imports, OWL.inverseOf, OWL.equivalentClass, OWL.unionOf,
}


def test_every_predicate_used_is_built_in_or_declared(both: Graph) -> None:
    known = BUILT_IN | {p for kind in PROPERTY_KINDS for p in declared(both, kind)}
    assert set(both.predicates()) - known == set()
