"""The server describes itself: a SPARQL service description, and the dataset in VoID and
DCAT-AP.de (catalog, dataset, two dump distributions with size and checksum, the SPARQL data
service, publisher and licence), built from the store's counts and the settings."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from pyoxigraph import Literal, NamedNode, Triple

from ..vocab import PREFIXES

if TYPE_CHECKING:
    from .app import App

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
DCATDE = "http://dcat-ap.de/def/dcatde/"
FOAF = "http://xmlns.com/foaf/0.1/"
VOID = "http://rdfs.org/ns/void#"
SD = "http://www.w3.org/ns/sparql-service-description#"
SPDX = "http://spdx.org/rdf/terms#"
FORMATS = "http://www.w3.org/ns/formats/"
EU = "http://publications.europa.eu/resource/authority/"

#: Extra prefixes for writing these descriptions as Turtle.
DESCRIPTION_PREFIXES = {"dcat": DCAT, "dcatde": DCATDE, "foaf": FOAF, "void": VOID, "sd": SD, "spdx": SPDX}


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


def _lit(value: object, datatype: str | None = None, lang: str | None = None) -> Literal:
    if lang:
        return Literal(str(value), language=lang)
    return Literal(str(value), datatype=_n(datatype)) if datatype else Literal(str(value))


class _Graph(list):
    def add(self, s, p: str, o) -> None:
        self.append(Triple(s, _n(p), o))


def service_description(app: App, origin: str) -> list[Triple]:
    g = _Graph()
    service = _n(f"{origin}/sparql#service")
    g.add(service, RDF + "type", _n(SD + "Service"))
    g.add(service, SD + "endpoint", _n(f"{origin}/sparql"))
    g.add(service, SD + "supportedLanguage", _n(SD + "SPARQL11Query"))
    g.add(service, SD + "feature", _n(SD + "UnionDefaultGraph"))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                 "Turtle", "N-Triples", "JSON-LD"):
        g.add(service, SD + "resultFormat", _n(FORMATS + name))
    dataset = _n(f"{origin}/sparql#dataset")
    g.add(service, SD + "defaultDataset", dataset)
    g.add(dataset, RDF + "type", _n(SD + "Dataset"))
    g.add(dataset, DCT + "source", _n(f"{app.base}dataset"))
    default_graph = _n(f"{origin}/sparql#default-graph")
    g.add(dataset, SD + "defaultGraph", default_graph)
    g.add(default_graph, RDF + "type", _n(SD + "Graph"))
    g.add(default_graph, DCT + "description",
          _lit("The union of all document graphs, each triple once", lang="en"))
    return list(g)


def dataset_description(app: App, origin: str) -> list[Triple]:
    """VoID and DCAT-AP.de in one graph: the dataset is a `void:Dataset` and a `dcat:Dataset`."""
    s = app.settings
    stats = app.stats()
    g = _Graph()
    base = app.base
    catalog, dataset, service = _n(f"{base}catalog"), _n(f"{base}dataset"), _n(f"{base}dataset/sparql")
    publisher = _n(f"{base}publisher")
    licence = _n(s.license)
    title = s.title
    description_de = ("Wissensgraph aus Sitzungsniederschriften und OParl-Daten kommunaler Gremien: "
                      "Sitzungen, Tagesordnungspunkte, Vorlagen und Beratungsfolgen, Beschlüsse, "
                      "Abstimmungen, Wortbeiträge und Geldbeträge, jeweils mit Textbeleg.")
    description_en = ("Knowledge graph of German council minutes and OParl data: meetings, agenda items, "
                      "papers and their consultation order, decisions, votes, statements and amounts, "
                      "each with its evidence in the source text.")
    modified = _lit(_modified(app.store_path), XSD + "dateTime")

    g.add(catalog, RDF + "type", _n(DCAT + "Catalog"))
    g.add(catalog, DCT + "title", _lit(title, lang="de"))
    g.add(catalog, DCT + "description", _lit(description_de, lang="de"))
    g.add(catalog, DCT + "publisher", publisher)
    g.add(catalog, DCT + "language", _n(EU + "language/DEU"))
    g.add(catalog, DCT + "modified", modified)
    g.add(catalog, FOAF + "homepage", _n(f"{origin}/"))
    g.add(catalog, DCAT + "dataset", dataset)
    g.add(catalog, DCAT + "service", service)

    g.add(publisher, RDF + "type", _n(FOAF + "Agent"))
    g.add(publisher, FOAF + "name", _lit(s.publisher or "unbekannt (ratsgraph serve --publisher)"))

    g.add(dataset, RDF + "type", _n(DCAT + "Dataset"))
    g.add(dataset, RDF + "type", _n(VOID + "Dataset"))
    g.add(dataset, DCT + "title", _lit(title, lang="de"))
    g.add(dataset, DCT + "description", _lit(description_de, lang="de"))
    g.add(dataset, DCT + "description", _lit(description_en, lang="en"))
    g.add(dataset, DCT + "publisher", publisher)
    g.add(dataset, DCT + "license", licence)
    g.add(dataset, DCT + "modified", modified)
    g.add(dataset, DCT + "accessRights", _n(EU + "access-right/PUBLIC"))
    g.add(dataset, DCT + "language", _n(EU + "language/DEU"))
    g.add(dataset, DCAT + "theme", _n(EU + "data-theme/GOVE"))
    for word in ("Ratsinformationssystem", "Sitzung", "Beschluss", "Abstimmung", "OParl"):
        g.add(dataset, DCAT + "keyword", _lit(word, lang="de"))
    g.add(dataset, FOAF + "page", _n(f"{origin}/"))

    # VoID
    g.add(dataset, VOID + "sparqlEndpoint", _n(f"{origin}/sparql"))
    g.add(dataset, VOID + "uriSpace", _lit(base))
    g.add(dataset, VOID + "triples", _lit(stats["triples"], XSD + "integer"))
    g.add(dataset, VOID + "distinctSubjects", _lit(stats["subjects"], XSD + "integer"))
    g.add(dataset, VOID + "distinctObjects", _lit(stats["objects"], XSD + "integer"))
    g.add(dataset, VOID + "classes", _lit(len(stats["classes"]), XSD + "integer"))
    g.add(dataset, VOID + "properties", _lit(len(stats["properties"]), XSD + "integer"))
    g.add(dataset, VOID + "documents", _lit(stats["graphs"], XSD + "integer"))
    for prefix in ("oparl", "rg", "eli", "schema", "oa", "prov", "skos", "dcterms"):
        g.add(dataset, VOID + "vocabulary", _n(PREFIXES[prefix]))
    for example in stats["examples"]:
        g.add(dataset, VOID + "exampleResource", _n(example))
    for index, (cls, count) in enumerate(stats["classes"], 1):
        partition = _n(f"{base}dataset#class-{index}")
        g.add(dataset, VOID + "classPartition", partition)
        g.add(partition, VOID + "class", _n(cls))
        g.add(partition, VOID + "entities", _lit(count, XSD + "integer"))
    for index, (prop, count) in enumerate(stats["properties"], 1):
        partition = _n(f"{base}dataset#property-{index}")
        g.add(dataset, VOID + "propertyPartition", partition)
        g.add(partition, VOID + "property", _n(prop))
        g.add(partition, VOID + "triples", _lit(count, XSD + "integer"))

    # distributions: the dumps, with size and checksum
    for fmt, path, media_type, file_type, label in (
            ("nquads", "ratsgraph.nq", "application/n-quads", "RDF_N_QUADS", "N-Quads (ein Graph je Dokument)"),
            ("nt", "ratsgraph.nt", "application/n-triples", "RDF_N_TRIPLES", "N-Triples (Vereinigung)")):
        _, size, sha256 = app.dump_file(fmt)
        url = _n(f"{origin}/dumps/{path}")
        distribution = _n(f"{base}dataset/distribution/{fmt}")
        g.add(dataset, DCAT + "distribution", distribution)
        g.add(dataset, VOID + "dataDump", url)
        g.add(distribution, RDF + "type", _n(DCAT + "Distribution"))
        g.add(distribution, DCT + "title", _lit(f"Gesamtabzug als {label}", lang="de"))
        g.add(distribution, DCAT + "accessURL", url)
        g.add(distribution, DCAT + "downloadURL", url)
        g.add(distribution, DCAT + "mediaType", _n(f"https://www.iana.org/assignments/media-types/{media_type}"))
        g.add(distribution, DCT + "format", _n(f"{EU}file-type/{file_type}"))
        g.add(distribution, DCT + "license", licence)
        g.add(distribution, DCT + "modified", modified)
        g.add(distribution, DCAT + "byteSize", _lit(size, XSD + "nonNegativeInteger"))
        if s.publisher:
            g.add(distribution, DCATDE + "licenseAttributionByText", _lit(s.publisher, lang="de"))
        checksum = _n(f"{base}dataset/distribution/{fmt}#checksum")
        g.add(distribution, SPDX + "checksum", checksum)
        g.add(checksum, RDF + "type", _n(SPDX + "Checksum"))
        g.add(checksum, SPDX + "algorithm", _n(SPDX + "checksumAlgorithm_sha256"))
        g.add(checksum, SPDX + "checksumValue", _lit(sha256, XSD + "hexBinary"))

    # the SPARQL endpoint as a data service
    g.add(service, RDF + "type", _n(DCAT + "DataService"))
    g.add(service, DCT + "title", _lit(f"SPARQL-Endpunkt {title}", lang="de"))
    g.add(service, DCAT + "endpointURL", _n(f"{origin}/sparql"))
    g.add(service, DCAT + "endpointDescription", _n(f"{origin}/sparql"))
    g.add(service, DCAT + "servesDataset", dataset)
    g.add(service, DCT + "license", licence)
    g.add(service, DCT + "publisher", publisher)
    return list(g)


def _modified(store_path: str) -> str:
    """When the store was last written (the newest file in its database folder)."""
    newest = 0.0
    for root, _dirs, files in os.walk(os.path.join(store_path, "oxigraph")):
        for name in files:
            try:
                newest = max(newest, os.path.getmtime(os.path.join(root, name)))
            except OSError:
                continue
    moment = datetime.fromtimestamp(newest or 0, UTC).replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")
