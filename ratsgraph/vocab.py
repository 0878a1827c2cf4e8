"""The IRIs ratsgraph writes: namespaces of the vocabulary contract and closed term sets.

`RG` and `OPARL` are closed: asking for a term they do not declare raises `AttributeError`
at import time of the module that uses it, so a misspelt term never becomes a silent new IRI.
`tests/test_ontology.py` checks that `RG` and `ontology/ratsgraph.ttl` declare the same terms.
"""

from __future__ import annotations

from pyoxigraph import NamedNode


class Vocabulary:
    """A namespace whose terms are a fixed list; `vocab.Term` is a `pyoxigraph.NamedNode`."""

    def __init__(self, base: str, terms: str, *, closed: bool = True) -> None:
        self.base = base
        self.terms: tuple[str, ...] = tuple(terms.split())
        self._closed = closed
        self._nodes = {term: NamedNode(base + term) for term in self.terms}

    def __getattr__(self, term: str) -> NamedNode:
        try:
            return self.__dict__["_nodes"][term]
        except KeyError:
            if term.startswith("_") or self.__dict__.get("_closed", True):
                raise AttributeError(f"{term!r} is not a term of <{self.__dict__.get('base')}>") from None
            node = NamedNode(self.base + term)
            self._nodes[term] = node
            return node

    def __getitem__(self, term: str) -> NamedNode:
        return self.__getattr__(term)

    def __contains__(self, iri: object) -> bool:
        return str(iri).startswith(self.base) and str(iri)[len(self.base):] in self._nodes

    def __repr__(self) -> str:
        return f"Vocabulary({self.base!r}, {len(self.terms)} terms)"


RG = Vocabulary(
    "https://w3id.org/ratsgraph/vocab#",
    """
    Decision Resolution Clause Statement OutcomeScheme
    agendaItem decidedBy outcome outcomeDetail unanimous votesFor votesAgainst abstentions recusals
    resultText resolution factionFor factionAgainst factionAbstaining voteSubject referredTo
    resolutionKind text resolvingBody ordinal speaker onBehalfOf mentionedIn evidence position
    adopted rejected deferred referred noted withdrawn other
    adoptedUnchanged adoptedWithChanges recommended elected settled
    """,
)

OPARL = Vocabulary(
    "https://schema.oparl.org/1.1/",
    """
    System Body Organization Person Membership Meeting AgendaItem Paper Consultation File Location
    LegislativeTerm
    name shortName body organization organizationType classification person role votingRight
    familyName givenName formOfAddress title status affix gender
    start end location description agendaItem participant meeting number order public result resolutionText
    reference paperType consultation paper authoritative date
    fileName mimeType sha1Checksum size accessUrl
    oparlVersion otherOparlVersions license contactEmail contactName website vendor product created
    modified web deleted system licenseValidSince oparlSince ags rgs equivalent legislativeTerm file
    locationList legislativeTermList membership keyword startDate endDate post subOrganizationOf
    externalBody phone email locationObject life lifeSource onBehalfOf meetingState cancelled
    invitation resultsProtocol verbatimProtocol auxiliaryFile resolutionFile relatedPaper
    superordinatedPaper subordinatedPaper mainFile originatorPerson underDirectionOf
    originatorOrganization sha512Checksum text downloadUrl externalServiceUrl masterFile derivativeFile
    fileLicense geojson streetAddress room postalCode subLocality locality bodies organizations persons
    meetings papers
    """,
    closed=False,  # keys outside OParl 1.1 that a server sends are kept too (ratsgraph.oparl.reader)
)

ELI = Vocabulary(
    "http://data.europa.eu/eli/ontology#",
    "LegalResource LegalResourceSubdivision has_part is_part_of passed_by date_document",
)
SCHEMA = Vocabulary("https://schema.org/", "MonetaryAmount value currency")
OA = Vocabulary(
    "http://www.w3.org/ns/oa#",
    "SpecificResource TextPositionSelector hasSource hasSelector start end exact",
)
PROV = Vocabulary("http://www.w3.org/ns/prov#", "wasDerivedFrom Entity")
SKOS = Vocabulary(
    "http://www.w3.org/2004/02/skos/core#",
    "Concept ConceptScheme prefLabel inScheme hasTopConcept topConceptOf broader narrower",
)
DCTERMS = Vocabulary(
    "http://purl.org/dc/terms/",
    "title description created modified source license publisher issued format identifier",
)
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

XSD = "http://www.w3.org/2001/XMLSchema#"

#: Prefixes written into Turtle/TriG output and the JSON-LD context, in this order.
PREFIXES: dict[str, str] = {
    "oparl": OPARL.base,
    "rg": RG.base,
    "eli": ELI.base,
    "schema": SCHEMA.base,
    "oa": OA.base,
    "prov": PROV.base,
    "skos": SKOS.base,
    "dcterms": DCTERMS.base,
    "xsd": XSD,
}

#: The seven top concepts of `rg:OutcomeScheme`; `rg:outcome` always names one of them.
OUTCOMES = ("adopted", "rejected", "deferred", "referred", "noted", "withdrawn", "other")

#: Finer outcome readings (`rg:outcomeDetail`) and the top concept each is narrower than.
OUTCOME_DETAILS = {
    "adoptedUnchanged": "adopted",
    "adoptedWithChanges": "adopted",
    "recommended": "adopted",
    "elected": "other",
    "settled": "other",
}
