"""Graph: the model mapped to RDF (`mapping`), IRI minting (`iris`), output formats (`formats`,
`jsonld`)."""
