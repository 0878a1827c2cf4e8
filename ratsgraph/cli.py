"""The command line: thin click commands that map options onto library calls.

Errors of the library (`ratsgraph.errors`) become one line on standard error here and nowhere
else; exit codes: 0 success, 1 an input failed or the graph violates the shapes, 2 usage error.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import click

from . import __version__
from .errors import GraphError, RatsgraphError
from .graph.formats import FORMATS, find_format, write
from .graph.iris import DEFAULT_BASE

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_EXIT_CODES_HELP = """
\b
Exit codes:
  0  every input converted (and conforms to the shapes)
  1  an input failed, or the graph violates the shapes (the graph is still written)
  2  usage error (unknown option, no input given)
"""


def _fail(message: str) -> None:
    click.echo(f"ratsgraph: error: {message}", err=True)


def _warn(message: str) -> None:
    click.echo(f"ratsgraph: warning: {message}", err=True)


class AtomicOutput:
    """An output file written atomically: a temporary file in the target folder, renamed over the
    target when complete, removed when the run writes nothing or fails; or standard output."""

    def __init__(self, output: str | None) -> None:
        self.target = None if output in (None, "-") else Path(output)  # type: ignore[arg-type]
        self.tmp: str | None = None
        self.stream = None

    def __enter__(self):
        if self.target is None:
            self.stream = sys.stdout.buffer
            return self.stream
        self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.target.name}.", suffix=".part", dir=self.target.parent)
        self.stream = os.fdopen(fd, "wb", buffering=1 << 20)
        return self.stream

    def discard(self) -> None:
        """Leave no file behind (nothing was converted)."""
        if self.tmp is not None:
            self.stream.close()  # type: ignore[union-attr]
            Path(self.tmp).unlink(missing_ok=True)
            self.tmp = None

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.tmp is None:
            if self.stream is not None and self.target is None:
                self.stream.flush()
            return
        if exc_type is not None:  # the run failed: no partial file (the exception goes on)
            self.discard()
            return
        try:
            self.stream.flush()  # type: ignore[union-attr]
            os.fsync(self.stream.fileno())  # type: ignore[union-attr]
            self.stream.close()  # type: ignore[union-attr]
            os.chmod(self.tmp, 0o666 & ~_umask())  # mkstemp creates 0600; give the file the usual mode
            os.replace(self.tmp, self.target)  # type: ignore[arg-type]
        except BaseException:
            if not self.stream.closed:  # type: ignore[union-attr]
                self.stream.close()  # type: ignore[union-attr]
            Path(self.tmp).unlink(missing_ok=True)
            raise
        finally:
            self.tmp = None


def write_output(data: bytes, output: str | None) -> None:
    """Write to standard output, or atomically to a file (`AtomicOutput`)."""
    with AtomicOutput(output) as out:
        out.write(data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="ratsgraph")
def main() -> None:
    """ratsgraph: German council minutes and OParl data → a linked-data knowledge graph.

    \b
    Example:
      ratsgraph convert samples/kreis-mettmann-vorlage-50-034-2021.txt -o out.ttl
      ratsgraph query 'SELECT ?name WHERE { ?o a oparl:Organization ; oparl:name ?name }' --data out.ttl
    """


_FORMAT_NAMES = sorted(FORMATS)


@main.command(epilog=_EXIT_CODES_HELP)
@click.argument("inputs", nargs=-1, required=False, metavar="FILE...")
@click.option("-f", "--format", "fmt", default="turtle", show_default=True,
              type=click.Choice(_FORMAT_NAMES + ["ttl", "ntriples", "nq", "json-ld", "rdfxml"],
                                case_sensitive=False),
              help="Output format; nquads and trig keep each document in its own named graph.")
@click.option("-o", "--output", metavar="OUT", help="Write here (atomically) instead of standard output.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
              help="Base IRI under which resources are minted.")
@click.option("--body", metavar="NAME", help="The Körperschaft, when the documents do not name it.")
@click.option("--input-format", type=click.Choice(["text", "html", "pdf", "oparl"]), default=None,
              help="Force a reader instead of choosing it by name and content.")
@click.option("--validate/--no-validate", default=True, show_default=True,
              help="Check each document against the SHACL shapes (--no-validate: fastest).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Convert with N processes (0: one per core).")
@click.option("--files-from", type=click.File("r", encoding="utf-8"), metavar="LIST",
              help="Read the input paths from LIST, one per line ('-': standard input).")
def convert(inputs: tuple[str, ...], fmt: str, output: str | None, base: str, body: str | None,
            input_format: str | None, validate: bool, jobs: int, files_from) -> None:
    """Convert minutes (text, HTML, PDF) and OParl JSON into RDF.

    Several inputs merge into one graph. A bad input gets a one-line error and the others are
    still converted; if none converts, no output file is written. Minutes given together with
    OParl JSON link to the OParl objects they describe (docs/oparl.md); OParl JSON is checked
    with the OParl profile instead of the default shapes.

    N-Triples and N-Quads are written document by document (flat memory for any number of
    inputs); the other formats group the whole graph by subject and are written at the end.

    \b
    Examples:
      ratsgraph convert samples/kreis-mettmann-vorlage-50-034-2021.txt -o out.ttl
      ratsgraph convert minutes/*.txt --format nquads -o all.nq
      ratsgraph convert --files-from list.txt --no-validate --jobs 0 -f nt -o all.nt
      ratsgraph convert protokoll.txt --format jsonld --body "Stadt Wendenbach"
      ratsgraph convert ../shared/oparl/examples/Meeting-01.json protokoll.txt -o merged.ttl
    """
    from .graph.stream import DocumentWriter
    from .pipeline import iter_outputs

    names = list(inputs)
    if files_from is not None:
        names += [line.strip() for line in files_from if line.strip()]
    if not names:
        raise click.UsageError("give the inputs: FILE... or --files-from LIST")
    out_format = find_format(fmt)
    failed = violations = 0
    sink = AtomicOutput(output)
    with sink as out:
        writer = DocumentWriter(out_format, out)
        results = iter_outputs(names, base=base, body=body, input_format=input_format, validate=validate,
                               jobs=jobs or os.cpu_count() or 1)
        for name, result in zip(names, results, strict=True):
            if isinstance(result, RatsgraphError):
                failed += 1
                _fail(str(result))
                continue
            # what the reader tolerated, OParl quirks, contradictions in the text: reported, never silent
            for message in result.warnings:
                _warn(message)
            for note in result.notes:
                click.echo(f"ratsgraph: {name}: {note}", err=True)
            writer.add(result.graph, result.ntriples, result.own)
            if result.violations:
                violations += len(result.violations)
                _warn(f"{name}: {len(result.violations)} shape violation(s):")
                for v in result.violations[:20]:
                    click.echo(f"  {v}", err=True)
        if writer.documents:
            writer.close()
        else:
            sink.discard()  # nothing converted: no output file
    if not writer.documents:
        sys.exit(EXIT_FAILED)
    sys.exit(EXIT_FAILED if failed or violations else EXIT_OK)


@main.command(epilog="""
\b
Exit codes:
  0  every input conforms to the shapes
  1  a shape is violated, or an input cannot be read
  2  usage error
""")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Validate against these shapes instead of ratsgraph's own.")
@click.option("--profile", type=click.Choice(["default", "oparl"]), default=None,
              help="default: the shapes of converted minutes; oparl: OParl 1.1 conformance (required "
                   "keys are violations, recommended ones warnings). Without it, OParl JSON inputs get "
                   "the oparl profile and everything else the default one.")
@click.option("--engine", type=click.Choice(["fast", "pyshacl"]), default="fast", show_default=True,
              help="SHACL engine: fast (ratsgraph.shacl, the same results as pyshacl) or pyshacl.")
def validate(inputs: tuple[str, ...], shapes: str | None, profile: str | None, engine: str) -> None:
    """Validate RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) against the shapes.

    Minutes (.txt, .html, .pdf) and OParl JSON are converted first. Prints one line per result:
    severity, focus node, property path, message. Warnings do not change the exit code.

    \b
    Examples:
      ratsgraph convert samples/kreis-mettmann-vorlage-50-034-2021.txt -o out.ttl
      ratsgraph validate out.ttl
      ratsgraph validate --profile oparl ../shared/oparl/examples/Meeting-01.json
    """
    from .validate import profile_shapes, shapes_graph, validate_graph, validate_triples_with

    status = EXIT_OK
    for name in inputs:
        oparl_json = name.lower().endswith(".json") and _is_oparl(Path(name))
        chosen = profile or ("oparl" if oparl_json else "default")
        shapes_g = shapes_graph(shapes) if shapes else profile_shapes(chosen) if chosen != "default" else None
        try:
            if engine == "fast":  # pyoxigraph reads the file (rdflib would take longer than the check)
                triples = load_triples(name)
                size = len(triples)
                report = validate_triples_with(triples, shapes_g if shapes_g is not None else shapes_graph())
            else:
                graph = load_rdflib(name)
                size = len(graph)
                report = validate_graph(graph, shapes_g, engine=engine)
        except RatsgraphError as err:
            _fail(str(err))
            status = EXIT_FAILED
            continue
        if report.conforms and not report.violations:
            click.echo(f"{name}: conforms ({size} triples)")
        else:
            errors = sum(v.severity == "Violation" for v in report.violations)
            click.echo(f"{name}: {errors} violation(s), {len(report.violations) - errors} warning(s)"
                       if errors else f"{name}: conforms ({size} triples), {len(report.violations)} warning(s)")
            for v in report.violations:
                click.echo(f"  {v}")
            if errors:
                status = EXIT_FAILED
    sys.exit(status)


_RDF_EXTENSIONS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".trig": "trig", ".jsonld": "json-ld",
                   ".json": "json-ld", ".rdf": "xml", ".owl": "xml", ".xml": "xml", ".n3": "n3"}


def _is_oparl(path: Path) -> bool:
    from .oparl.reader import sniff_oparl

    try:
        with path.open("rb") as f:
            return sniff_oparl(f.read(65536))
    except OSError:
        return False


_OXIGRAPH_FORMATS = {".ttl": "TURTLE", ".nt": "N_TRIPLES", ".nq": "N_QUADS", ".trig": "TRIG",
                     ".jsonld": "JSON_LD", ".json": "JSON_LD", ".rdf": "RDF_XML", ".owl": "RDF_XML",
                     ".xml": "RDF_XML", ".n3": "N3"}


def load_triples(name: str) -> list:
    """The triples of an RDF file as pyoxigraph reads them (the union of its graphs, each triple
    once), or of minutes and OParl JSON converted on the fly."""
    import pyoxigraph

    from .errors import InputError

    path = Path(name)
    fmt = _OXIGRAPH_FORMATS.get(path.suffix.lower())
    if fmt == "JSON_LD" and path.suffix.lower() == ".json" and _is_oparl(path):
        fmt = None
    if fmt is None:
        from .pipeline import convert_path

        return convert_path(name).triples
    if not path.is_file():
        raise InputError("is a directory, not a file" if path.is_dir() else "no such file", name)
    try:
        quads = pyoxigraph.parse(path=str(path), format=getattr(pyoxigraph.RdfFormat, fmt))
        return list(dict.fromkeys(q.triple for q in quads))
    except (SyntaxError, ValueError, OSError) as err:
        raise GraphError(f"not valid {fmt.replace('_', '-').lower()}: {' '.join(str(err).split())[:200]}",
                         name) from None


def load_rdflib(name: str):
    """An rdflib graph of an RDF file, or of minutes converted on the fly."""
    import rdflib

    from .errors import InputError

    path = Path(name)
    fmt = _RDF_EXTENSIONS.get(path.suffix.lower())
    if fmt == "json-ld" and path.suffix.lower() == ".json" and _is_oparl(path):
        fmt = None  # OParl JSON, not JSON-LD: convert it
    if fmt is None:
        from .pipeline import convert_path
        from .validate import to_rdflib

        return to_rdflib(convert_path(name).triples)
    if not path.is_file():
        raise InputError("is a directory, not a file" if path.is_dir() else "no such file", name)
    graph = rdflib.Dataset() if fmt in ("nquads", "trig") else rdflib.Graph()
    try:
        graph.parse(path, format=fmt)
    except Exception as err:  # noqa: BLE001 - any parser failure is the input's fault
        raise GraphError(f"not valid {fmt}: {' '.join(str(err).split())[:200]}", name) from None
    if isinstance(graph, rdflib.Dataset):
        union = rdflib.Graph()
        for s, p, o, _g in graph.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return graph


@main.command(epilog="""
\b
Exit codes:
  0  the query ran
  1  the query or a data file is invalid
  2  usage error
""")
@click.argument("query", required=False)
@click.option("-q", "--query-file", type=click.Path(exists=True, dir_okay=False), help="Read the query from a file.")
@click.option("--data", "data", multiple=True, metavar="FILE",
              help="RDF file or minutes to query (repeatable).")
@click.option("--store", "store_dir", metavar="DIR", help="Query a store made by `ratsgraph load` instead.")
@click.option("--format", "fmt", default="table", show_default=True,
              type=click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt", "jsonld"]),
              help="Result format (turtle/nt/jsonld for CONSTRUCT and DESCRIBE).")
def query(query: str | None, query_file: str | None, data: tuple[str, ...], store_dir: str | None,
          fmt: str) -> None:
    """Run a SPARQL query over RDF files, converted minutes or a store.

    The prefixes oparl:, rg:, eli:, schema:, oa:, prov:, skos:, dcterms: and xsd: are predeclared;
    the default graph is the union of all documents (each triple once).

    \b
    Examples:
      ratsgraph query 'SELECT ?outcome (COUNT(*) AS ?n) WHERE { ?d rg:outcome ?outcome }
                       GROUP BY ?outcome' --data samples/kreis-mettmann-vorlage-50-034-2021.txt
      ratsgraph query -q samples/queries/non-unanimous-votes.rq --store store --format csv
    """
    from .commands.store import query_store
    from .query import QueryError, load_store, run_query

    if (query is None) == (query_file is None):
        raise click.UsageError("give a QUERY or -q FILE (one of them)")
    if bool(data) == bool(store_dir):
        raise click.UsageError("give --data FILE... or --store DIR (one of them)")
    text = query if query is not None else Path(query_file).read_text(encoding="utf-8")  # type: ignore[arg-type]
    try:
        if store_dir:
            output = query_store(store_dir, text, fmt)
        else:
            output = run_query(load_store(data), text, fmt)
    except RatsgraphError as err:
        _fail(str(err))
        sys.exit(EXIT_FAILED)
    except QueryError as err:
        _fail(f"query: {err}")
        sys.exit(EXIT_FAILED)
    sys.stdout.buffer.write(output)


from .oparl.commands import oparl as _oparl  # noqa: E402 - `ratsgraph oparl crawl|export`

main.add_command(_oparl)

from .commands.store import register as _register_store_commands  # noqa: E402 - load, dump, serve, push

_register_store_commands(main)


if __name__ == "__main__":  # pragma: no cover
    main()
