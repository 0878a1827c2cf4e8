"""`ratsgraph oparl …`: crawl an OParl server, export a graph as OParl 1.1 JSON.

Thin click commands over `ratsgraph.oparl.crawl` and `ratsgraph.oparl.export`; registered in
`ratsgraph/cli.py`. Errors become one line on standard error, as everywhere in the CLI."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from ..errors import RatsgraphError
from ..graph.iris import DEFAULT_BASE

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"ratsgraph: error: {message}", err=True)


def _warn(message: str) -> None:
    click.echo(f"ratsgraph: warning: {message}", err=True)


@click.group("oparl", context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
def oparl() -> None:
    """OParl: crawl a server's whole system, export a graph as OParl 1.1 JSON.

    OParl JSON files themselves are converted with `ratsgraph convert FILE.json`, together with
    minutes that then link to the OParl objects they describe (docs/oparl.md).

    \b
    Examples:
      ratsgraph oparl crawl https://oparl.example.org/ -o system.json
      ratsgraph convert system.json protokolle/*.txt -o rat.ttl
      ratsgraph oparl export rat.ttl -o rat-oparl.json
    """


def _date_time(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    from .reader import parse_date, with_local_offset

    parsed = parse_date(value)
    if parsed is None:
        raise click.BadParameter(f"{value!r} is not an ISO date or date-time (2024-01-31 or "
                                 "2024-01-31T08:00:00+01:00)")
    if not isinstance(parsed, dt.datetime):
        parsed = dt.datetime.combine(parsed, dt.time())
    return parsed if parsed.tzinfo else with_local_offset(parsed)


_RDF_SUFFIXES = (".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".xml")


@oparl.command(epilog="""
\b
Exit codes:
  0  the whole system was fetched and written
  1  the URL holds no OParl object, or pages failed for good after their retries (nothing is
     written; the cache keeps what was fetched, so the same command resumes the crawl)
  2  usage error
""")
@click.argument("url")
@click.option("-o", "--output", metavar="OUT",
              help="Write here instead of standard output: OParl JSON (one list page with every object), "
                   "or RDF when OUT ends in .ttl, .nt, .nq, .trig, .jsonld or .rdf.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False), default=None,
              help="Cache folder (default: ~/.cache/ratsgraph/oparl/HOST-HASH).")
@click.option("--no-cache", is_flag=True, help="Keep nothing on disk (an interrupted crawl starts again).")
@click.option("--refresh", is_flag=True, help="Fetch again what the cache holds.")
@click.option("--modified-since", metavar="DATE", help="Only objects changed since then (ISO date or "
              "date-time), merged over the cached full crawl.")
@click.option("--update", is_flag=True,
              help="Like --modified-since, from the start of the last finished crawl.")
@click.option("--delay", type=click.FloatRange(min=0), default=0.5, show_default=True,
              help="Seconds between two requests (be polite to council servers).")
@click.option("--retries", type=click.IntRange(min=0), default=4, show_default=True,
              help="Further tries of a request that failed with 5xx, 429 or a network error.")
@click.option("--backoff", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds before the first retry; doubled for each further one (Retry-After wins).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Seconds to wait for a response.")
@click.option("--max-pages", type=click.IntRange(min=1), default=None,
              help="Stop after this many list pages (a sample of a large system).")
@click.option("--progress/--no-progress", default=True, show_default=True,
              help="A progress bar on standard error.")
def crawl(url: str, output: str | None, cache_dir: str | None, no_cache: bool, refresh: bool,
          modified_since: str | None, update: bool, delay: float, retries: int, backoff: float,
          timeout: float, max_pages: int | None, progress: bool) -> None:
    """Fetch a whole OParl system (System → bodies → every object list, all pages).

    Vendor quirks (a single object where a list is required, embedded objects without id,
    date-times without offset, control characters in JSON, …) are repaired and reported as
    warnings. The output is OParl 1.1 JSON that `ratsgraph convert` reads.

    \b
    Examples:
      ratsgraph oparl crawl https://oparl.example.org/ -o system.json
      ratsgraph oparl crawl https://oparl.example.org/ --update -o system.json
      ratsgraph oparl crawl https://oparl.example.org/ --delay 2 -o system.ttl
    """
    from ..cli import write_output
    from .crawl import CrawlOptions, Progress, default_cache_dir
    from .crawl import crawl as run_crawl

    if no_cache and (update or cache_dir):
        raise click.UsageError("--no-cache cannot go with --update or --cache")
    since = _date_time(modified_since)
    if output and not output.endswith(".json") and not output.endswith(_RDF_SUFFIXES) and output != "-":
        raise click.UsageError(f"-o {output}: give a .json file for OParl JSON or an RDF file name "
                               f"({', '.join(_RDF_SUFFIXES)})")
    options = CrawlOptions(
        cache_dir=None if no_cache else Path(cache_dir) if cache_dir else default_cache_dir(url),
        modified_since=since, update=update, refresh=refresh, delay=delay, retries=retries,
        backoff=backoff, timeout=timeout, max_pages=max_pages)
    try:
        result = run_crawl(url, options, Progress(enabled=progress))
    except RatsgraphError as err:
        _fail(str(err))
        sys.exit(EXIT_FAILED)
    for message in result.warnings:
        _warn(f"{url}: {message}")
    click.echo(f"ratsgraph: {len(result.objects)} objects from {result.pages} pages "
               f"({result.requests} requests, {result.from_cache} pages from the cache)", err=True)
    if not result.complete:
        _fail(f"{url}: crawl incomplete, {len(result.failed)} page(s) failed (first: {result.failed[0]}); "
              "nothing written: run the same command again to resume from the cache")
        sys.exit(EXIT_FAILED)
    data = (json.dumps(result.page(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if output and output.endswith(_RDF_SUFFIXES):
        data = _as_rdf(data, url, output)
    write_output(data, output)


def _as_rdf(data: bytes, url: str, output: str) -> bytes:
    from ..graph.formats import find_format, write
    from ..pipeline import convert_bytes

    conversion = convert_bytes(data, "crawl.json", input_format="oparl")
    return write(find_format(Path(output).suffix), [(conversion.triples, conversion.graph)])


@oparl.command(epilog="""
\b
Exit codes:
  0  the OParl JSON was written
  1  an input failed, the graph holds no OParl object, or (with --schema) the output is not valid
  2  usage error
""")
@click.argument("inputs", nargs=-1, required=True, metavar="FILE...")
@click.option("-o", "--output", metavar="OUT", help="Write here (atomically) instead of standard output.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
              help="Base IRI for minutes converted on the fly.")
@click.option("--body", metavar="NAME", help="The Körperschaft, for minutes that do not name it.")
@click.option("--schema", "schema_dir", type=click.Path(exists=True, file_okay=False), default=None,
              help="Check the output against the OParl 1.1 schema files in this folder "
                   "(e.g. ../shared/oparl/schema; needs the jsonschema package).")
def export(inputs: tuple[str, ...], output: str | None, base: str, body: str | None,
           schema_dir: str | None) -> None:
    """Write the OParl objects of a graph as OParl 1.1 JSON (one list page).

    Inputs are RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD), or minutes and OParl JSON,
    converted (and linked) on the fly. Agenda items are written inside their meetings,
    consultations inside their papers, memberships inside their persons.

    \b
    Examples:
      ratsgraph convert samples/kreis-mettmann-vorlage-50-034-2021.txt -o out.ttl
      ratsgraph oparl export out.ttl -o out-oparl.json
      ratsgraph oparl export samples/kreis-mettmann-vorlage-50-034-2021.txt --schema ../shared/oparl/schema
    """
    from ..cli import write_output
    from .export import export_graph

    triples = []
    failed = False
    try:
        for _name, result in _load(inputs, base, body):
            if isinstance(result, RatsgraphError):
                failed = True
                _fail(str(result))
            else:
                triples.extend(result)
    except RatsgraphError as err:
        _fail(str(err))
        sys.exit(EXIT_FAILED)
    exported = export_graph(triples)
    for message in exported.warnings:
        _warn(message)
    if not exported.objects:
        _fail("no OParl object in the input (nothing typed oparl:Body, oparl:Meeting, …)")
        sys.exit(EXIT_FAILED)
    if schema_dir:
        from .schema import schema_errors

        try:
            errors = schema_errors(exported.objects, schema_dir)
        except ImportError:
            raise click.UsageError("--schema needs the jsonschema package: pip install jsonschema") from None
        for error in errors[:50]:
            _fail(f"schema: {error}")
        if errors:
            sys.exit(EXIT_FAILED)
    write_output(exported.to_json(), output)
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


def _load(inputs: tuple[str, ...], base: str, body: str | None):
    """(name, triples or error) per input: RDF files parsed, everything else converted together."""
    from pyoxigraph import RdfFormat, parse

    from ..errors import GraphError, InputError
    from ..pipeline import convert_paths

    formats = {".ttl": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS,
               ".trig": RdfFormat.TRIG, ".jsonld": RdfFormat.JSON_LD, ".rdf": RdfFormat.RDF_XML,
               ".xml": RdfFormat.RDF_XML}
    others = []
    for name in inputs:
        fmt = formats.get(Path(name).suffix.lower())
        if fmt is None:
            others.append(name)
            continue
        path = Path(name)
        if not path.is_file():
            yield name, InputError("is a directory, not a file" if path.is_dir() else "no such file", name)
            continue
        try:
            from pyoxigraph import Triple

            quads = parse(path=str(path), format=fmt)
            yield name, [Triple(q.subject, q.predicate, q.object) for q in quads]
        except (SyntaxError, ValueError, OSError) as err:
            yield name, GraphError(f"not valid {fmt.name}: {' '.join(str(err).split())[:200]}", name)
    if others:
        for name, conversion in zip(others, convert_paths(others, base=base, body=body), strict=True):
            yield name, conversion if isinstance(conversion, RatsgraphError) else conversion.triples
