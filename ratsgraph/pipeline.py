"""The library entry points: convert inputs to RDF, as the command line does.

    >>> from ratsgraph.pipeline import convert_path          # doctest: +SKIP
    >>> result = convert_path("samples/kreis-mettmann-vorlage-50-034-2021.txt")
    >>> len(result.triples) > 0
    True
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pyoxigraph import NamedNode, Triple

from .errors import RatsgraphError
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
    notes: tuple[str, ...] = ()  # what linking to OParl objects did ("linked to OParl: 1 meeting, …")


def read_model(document: Document, *, body: str | None = None) -> Minutes:
    """The model of a decoded document: OParl JSON read as it is, minutes extracted."""
    if document.format == "oparl":
        from .oparl.reader import read_document

        return read_document(document)
    return extract(document, body=body)


def map_model(document: Document, minutes: Minutes, *, base: str = DEFAULT_BASE,
              validate: bool = False) -> Conversion:
    """The triples of a model, validated with the shapes that fit its source: the OParl profile
    for OParl JSON (its objects carry no extraction provenance), the default shapes for minutes."""
    if minutes.oparl:
        from .graph.oparl import oparl_triples

        triples = oparl_triples(minutes.oparl)
        report = validate_oparl(triples) if validate else None
    else:
        triples = minutes_triples(minutes, base)
        report = validate_triples(triples) if validate else None
    return Conversion(document, minutes, triples, graph_name(minutes, base), report)


def validate_oparl(triples: list[Triple]) -> Report:
    """The OParl profile: the results pyshacl gives with `shapes/oparl.ttl`, computed directly
    (`ratsgraph.oparl.profile.check`), so that a crawl of a whole council is checked in seconds
    rather than hours (PERFORMANCE.md)."""
    from .oparl.profile import check

    return check(triples)


def convert_document(document: Document, *, base: str = DEFAULT_BASE, body: str | None = None,
                     validate: bool = False) -> Conversion:
    return map_model(document, read_model(document, body=body), base=base, validate=validate)


def convert_paths(paths: Iterable[str | os.PathLike[str]], *, base: str = DEFAULT_BASE,
                  body: str | None = None, input_format: str | None = None,
                  validate: bool = False) -> list[Conversion | RatsgraphError]:
    """Convert several inputs as one run, in their order: one `Conversion` or the error of each.

    Minutes among them are linked to the OParl objects among them (`ratsgraph.oparl.link`):
    a meeting, agenda item, paper, Gremium or person that OParl describes keeps its OParl id
    instead of a minted IRI, so the merged graph holds it once."""
    from .oparl.link import build_index, link_minutes

    models: list[tuple[Document, Minutes] | RatsgraphError] = []
    for path in paths:
        try:
            document = read_path(path, input_format)
            models.append((document, read_model(document, body=body)))
        except RatsgraphError as err:
            models.append(err)
    index = build_index(o for m in models if not isinstance(m, RatsgraphError) for o in m[1].oparl)
    results: list[Conversion | RatsgraphError] = []
    for m in models:
        if isinstance(m, RatsgraphError):
            results.append(m)
            continue
        document, minutes = m
        notes: list[str] = []
        if index and not minutes.oparl:
            minutes, notes = link_minutes(minutes, index)
        try:
            conversion = map_model(document, minutes, base=base, validate=validate)
            results.append(replace(conversion, notes=tuple(notes)))
        except RatsgraphError as err:
            results.append(err)
    return results


def convert_path(path: str | os.PathLike[str], *, base: str = DEFAULT_BASE, body: str | None = None,
                 input_format: str | None = None, validate: bool = False) -> Conversion:
    """Read, extract and map one input file. Raises the typed errors of `ratsgraph.errors`."""
    return convert_document(read_path(path, input_format), base=base, body=body, validate=validate)


def convert_bytes(data: bytes, name: str, *, base: str = DEFAULT_BASE, body: str | None = None,
                  input_format: str | None = None, validate: bool = False) -> Conversion:
    return convert_document(read_bytes(data, name, input_format), base=base, body=body, validate=validate)
