"""The library entry points: convert inputs to RDF, as the command line does.

    >>> from ratsgraph.pipeline import convert_path          # doctest: +SKIP
    >>> result = convert_path("samples/kreis-mettmann-vorlage-50-034-2021.txt")
    >>> len(result.triples) > 0
    True

`convert_paths` returns every conversion of a run; `iter_outputs` streams what the command line
writes of each (its N-Triples and messages), one input at a time and, with `jobs` > 1, converted
by several processes, so that memory stays flat however many documents a run has.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Triple, serialize

from .errors import RatsgraphError
from .extract import extract
from .graph.iris import DEFAULT_BASE
from .graph.mapping import graph_name, minutes_statements, ntriples, parse_ntriples
from .model import Minutes
from .sources import Document, read_bytes, read_path
from .validate import Report, validate_triples


@dataclass(frozen=True)
class Conversion:
    """One converted input: its decoded document, the model, its triples and their graph name.

    Minutes carry their triples as N-Triples terms (`statements`); `triples` (pyoxigraph terms)
    and `ntriples` (bytes) are made from them when first asked for."""

    document: Document
    minutes: Minutes
    graph: NamedNode
    report: Report | None = None
    notes: tuple[str, ...] = ()  # what linking to OParl objects did ("linked to OParl: 1 meeting, …")
    statements: tuple[tuple[str, str, str], ...] | None = None
    _triples: list[Triple] | None = field(default=None, repr=False, compare=False)

    @property
    def triples(self) -> list[Triple]:
        if self._triples is None:
            object.__setattr__(self, "_triples", parse_ntriples(self.ntriples))
        return self._triples  # type: ignore[return-value]

    @property
    def ntriples(self) -> bytes:
        if self.statements is not None:
            return ntriples(self.statements)
        return serialize(self.triples, format=RdfFormat.N_TRIPLES) or b""


@dataclass(frozen=True)
class Output:
    """What the command line writes of one converted input: its N-Triples, its graph, and the
    messages about it. Small and picklable, so that worker processes can hand it back."""

    name: str
    graph: str  # the graph IRI
    ntriples: bytes
    warnings: tuple[str, ...] = ()  # reader, extraction and OParl warnings, each naming the input
    notes: tuple[str, ...] = ()
    violations: tuple[str, ...] | None = None  # shape violations (None: not validated)
    own: int = 0  # ntriples[:own] are the triples about resources only this document describes

    @classmethod
    def of(cls, name: str, conversion: Conversion) -> Output:
        warnings = tuple(conversion.document.warnings) + tuple(f"{name}: {m}" for m in conversion.minutes.warnings)
        violations = None
        if conversion.report is not None:
            violations = tuple(str(v) for v in conversion.report.violations if v.severity == "Violation")
        graph = conversion.graph.value
        if conversion.statements is None:
            return cls(name, graph, conversion.ntriples, warnings, conversion.notes, violations)
        data, own = own_first(graph, conversion.statements)
        return cls(name, graph, data, warnings, conversion.notes, violations, own)


def own_first(graph: str, statements: list[tuple[str, str, str]]) -> tuple[bytes, int]:
    """A document's N-Triples with the triples about its own resources first, and their length in
    bytes. Its own resources (its file, evidence, selectors) lie under its file IRI `graph`: no
    other document describes them, so a writer streams them without checking for duplicates."""
    file, under = f"<{graph}>", (f"<{graph}/", f"<{graph}#")
    own: list[str] = []
    shared: list[str] = []
    for s, p, o in statements:
        (own if s == file or s.startswith(under) else shared).append(f"{s} {p} {o} .\n")
    own_bytes = "".join(own).encode("utf-8")
    return own_bytes + "".join(shared).encode("utf-8"), len(own_bytes)


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
        from .graph.oparl import oparl_statements

        statements, check = oparl_statements(minutes.oparl), validate_oparl
    else:
        statements, check = minutes_statements(minutes, base), validate_triples
    conversion = Conversion(document, minutes, graph_name(minutes, base), statements=tuple(statements))
    if validate:
        conversion = replace(conversion, report=check(conversion.triples), _triples=conversion.triples)
    return conversion


def validate_oparl(triples: list[Triple]) -> Report:
    """The OParl profile: the results pyshacl gives with `shapes/oparl.ttl`, computed directly
    (`ratsgraph.oparl.profile.check`), so that a crawl of a whole council is checked in seconds
    rather than hours (PERFORMANCE.md)."""
    from .oparl.profile import check

    return check(triples)


def convert_document(document: Document, *, base: str = DEFAULT_BASE, body: str | None = None,
                     validate: bool = False) -> Conversion:
    return map_model(document, read_model(document, body=body), base=base, validate=validate)


def _is_oparl(path: str | os.PathLike[str], input_format: str | None) -> bool:
    """Whether an input is OParl JSON (read first: the minutes of the run link to its objects)."""
    if input_format is not None:
        return input_format == "oparl"
    if not str(path).lower().endswith(".json"):
        return False
    from .oparl.reader import sniff_oparl

    try:
        with open(path, "rb") as f:
            return sniff_oparl(f.read(65536))
    except OSError:
        return False


def _converted(path, index, *, base: str, body: str | None, input_format: str | None,
               validate: bool) -> Conversion | RatsgraphError:
    """Read, extract, link to the OParl objects of the run and map one input of minutes."""
    from .oparl.link import link_minutes

    try:
        document = read_path(path, input_format)
        minutes = read_model(document, body=body)
        notes: list[str] = []
        if index and not minutes.oparl:
            minutes, notes = link_minutes(minutes, index)
        return replace(map_model(document, minutes, base=base, validate=validate), notes=tuple(notes))
    except RatsgraphError as err:
        return err


def _oparl_first(paths: list, *, base: str, body: str | None, input_format: str | None, validate: bool):
    """The OParl inputs of a run, converted, and the index of their objects for linking."""
    from .oparl.link import build_index

    done: dict[int, Conversion | RatsgraphError] = {}
    for i, path in enumerate(paths):
        if _is_oparl(path, input_format):
            try:
                document = read_path(path, input_format)
                done[i] = map_model(document, read_model(document, body=body), base=base, validate=validate)
            except RatsgraphError as err:
                done[i] = err
    index = build_index(o for c in done.values() if isinstance(c, Conversion) for o in c.minutes.oparl)
    return done, index


def iter_conversions(paths: Iterable[str | os.PathLike[str]], *, base: str = DEFAULT_BASE,
                     body: str | None = None, input_format: str | None = None,
                     validate: bool = False) -> Iterator[Conversion | RatsgraphError]:
    """Convert several inputs as one run, in their order, one at a time: a `Conversion` or the
    error of each.

    OParl inputs are read first. Minutes among them are linked to the OParl objects: a meeting,
    agenda item, paper, Gremium or person that OParl describes keeps its OParl id instead of a
    minted IRI, so the merged graph holds it once (`ratsgraph.oparl.link`)."""
    paths = list(paths)
    done, index = _oparl_first(paths, base=base, body=body, input_format=input_format, validate=validate)
    for i, path in enumerate(paths):
        yield done[i] if i in done else _converted(path, index, base=base, body=body, input_format=input_format,
                                                   validate=validate)


def convert_paths(paths: Iterable[str | os.PathLike[str]], *, base: str = DEFAULT_BASE,
                  body: str | None = None, input_format: str | None = None,
                  validate: bool = False) -> list[Conversion | RatsgraphError]:
    """`iter_conversions` as a list."""
    return list(iter_conversions(paths, base=base, body=body, input_format=input_format, validate=validate))


# --- the command line's stream: one Output per input, from one or several processes -----------

_WORKER: dict = {}


def _init_worker(index, options: dict) -> None:
    _WORKER["index"], _WORKER["options"] = index, options


def _work(task: tuple[str, str]) -> Output | RatsgraphError:
    name, path = task
    result = _converted(path, _WORKER["index"], **_WORKER["options"])
    return result if isinstance(result, RatsgraphError) else Output.of(name, result)


def iter_outputs(paths: Iterable[str], *, base: str = DEFAULT_BASE, body: str | None = None,
                 input_format: str | None = None, validate: bool = False,
                 jobs: int = 1) -> Iterator[Output | RatsgraphError]:
    """What the command line writes of each input, in input order, holding one document at a
    time (OParl inputs excepted: they are read first, for linking). With `jobs` > 1 the minutes
    are converted by that many worker processes."""
    paths = [str(p) for p in paths]
    options = {"base": base, "body": body, "input_format": input_format, "validate": validate}
    done, index = _oparl_first(paths, **options)
    if jobs <= 1 or len(paths) - len(done) < 2:
        for i, path in enumerate(paths):
            result = done[i] if i in done else _converted(path, index, **options)
            yield result if isinstance(result, RatsgraphError) else Output.of(path, result)
        return
    import multiprocessing

    todo = [(path, path) for i, path in enumerate(paths) if i not in done]
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(index, options)) as pool:
        results = pool.imap(_work, todo, chunksize=max(1, min(16, len(todo) // (jobs * 8))))
        for i, path in enumerate(paths):
            if i in done:
                result = done[i]
                yield result if isinstance(result, RatsgraphError) else Output.of(path, result)
            else:
                yield next(results)


def convert_path(path: str | os.PathLike[str], *, base: str = DEFAULT_BASE, body: str | None = None,
                 input_format: str | None = None, validate: bool = False) -> Conversion:
    """Read, extract and map one input file. Raises the typed errors of `ratsgraph.errors`."""
    return convert_document(read_path(path, input_format), base=base, body=body, validate=validate)


def convert_bytes(data: bytes, name: str, *, base: str = DEFAULT_BASE, body: str | None = None,
                  input_format: str | None = None, validate: bool = False) -> Conversion:
    return convert_document(read_bytes(data, name, input_format), base=base, body=body, validate=validate)


def input_files(inputs: Iterable[str]) -> list[str]:
    """Inputs as given, with each directory replaced by the files in it (recursively, sorted)."""
    out: list[str] = []
    for name in inputs:
        path = Path(name)
        if path.is_dir():
            out += sorted(str(p) for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        else:
            out.append(name)
    return out
