"""The library entry points: convert inputs to RDF, as the command line does.

    >>> from ratsgraph.pipeline import convert_path          # doctest: +SKIP
    >>> result = convert_path("samples/kreis-mettmann-vorlage-50-034-2021.txt")
    >>> len(result.triples) > 0
    True
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from pyoxigraph import NamedNode, Triple

from .extract import extract
from .graph.iris import DEFAULT_BASE
from .graph.mapping import graph_name, minutes_triples
from .model import Minutes
from .sources import Document, read_bytes, read_path
from .validate import Report, validate_triples


@dataclass(frozen=True)
class Conversion:
    """One converted input: its decoded document, the model, the triples and their graph name."""

    document: Document
    minutes: Minutes
    triples: list[Triple]
    graph: NamedNode
    report: Report | None = None


def convert_document(document: Document, *, base: str = DEFAULT_BASE, body: str | None = None,
                     validate: bool = False) -> Conversion:
    minutes = extract(document, body=body)
    triples = minutes_triples(minutes, base)
    report = validate_triples(triples) if validate else None
    return Conversion(document, minutes, triples, graph_name(minutes, base), report)


def convert_path(path: str | os.PathLike[str], *, base: str = DEFAULT_BASE, body: str | None = None,
                 input_format: str | None = None, validate: bool = False) -> Conversion:
    """Read, extract and map one input file. Raises the typed errors of `ratsgraph.errors`."""
    return convert_document(read_path(path, input_format), base=base, body=body, validate=validate)


def convert_bytes(data: bytes, name: str, *, base: str = DEFAULT_BASE, body: str | None = None,
                  input_format: str | None = None, validate: bool = False) -> Conversion:
    return convert_document(read_bytes(data, name, input_format), base=base, body=body, validate=validate)
