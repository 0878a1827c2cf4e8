"""The store commands: `load`, `dump`, `serve`, `push` (and `query --store`, see `query_store`).

Thin click commands over `ratsgraph.store`, `ratsgraph.serve` and `ratsgraph.push`; errors of the
library become one line on standard error here. Exit codes: 0 success, 1 an input, the store or
the endpoint failed, 2 usage error."""

from __future__ import annotations

import sys

import click

from ..errors import RatsgraphError
from ..graph.iris import DEFAULT_BASE
from ..serve.settings import SETTINGS, SETTINGS_BY_NAME, Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"ratsgraph: error: {message}", err=True)


def _note(message: str, quiet: bool = False) -> None:
    if not quiet:
        click.echo(f"ratsgraph: {message}", err=True)


def _exit_codes(success: str, failure: str) -> str:
    return f"""
\b
Exit codes:
  0  {success}
  1  {failure}
  2  usage error (unknown option, missing argument)
"""


# -- load ------------------------------------------------------------------------------------------

@click.command(epilog=_exit_codes("every input loaded", "an input failed (the others are still loaded), a\n"
                                  "     --replace graph is not in the store, or the store cannot be written"))
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option("--store", "store_dir", required=True, metavar="DIR", help="Store folder (created if missing).")
@click.option("--replace", "replace", multiple=True, metavar="OLD_FILE_IRI",
              help="Drop this document graph in the same transaction (the older version of a corrected "
                   "document); a full IRI, file/SHA1 or the bare SHA1. Repeatable.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
              help="Base IRI under which resources are minted.")
@click.option("--body", metavar="NAME", help="The Körperschaft, when the documents do not name it.")
@click.option("--input-format", type=click.Choice(["text", "html", "pdf", "oparl"]), default=None,
              help="Force a reader instead of choosing it by name and content (RDF files are then "
                   "read as minutes too).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Convert minutes with N processes (0: one per core) when loading into an empty store.")
@click.option("--files-from", type=click.File("r", encoding="utf-8"), metavar="LIST",
              help="Read the input paths from LIST, one per line ('-': standard input).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def load(inputs: tuple[str, ...], store_dir: str, replace: tuple[str, ...], base: str, body: str | None,
         input_format: str | None, jobs: int, files_from, quiet: bool) -> None:
    """Load minutes (text, HTML, PDF), OParl JSON or RDF files into a persistent store.

    Into an empty store, documents are bulk-loaded (several times faster; a load stopped before it
    completes leaves the store empty). Each source document is kept in its own named graph
    `file/{sha1}`; loading the same document
    again replaces its graph in one transaction (no duplicates, nothing lost; a graph that already
    holds exactly the document is left as it is). A load that is stopped or killed leaves each
    graph whole, old or new: run it again to finish it. RDF files load as
    they are: N-Quads/TriG keep their graphs, Turtle/N-Triples/JSON-LD/RDF/XML go to the graph of
    the file. A bad input gets a one-line error and the others are still loaded.

    \b
    Examples:
      ratsgraph load --store store samples/kreis-mettmann-vorlage-50-034-2021.txt
      ratsgraph load --store store minutes/*.txt all.nq
      ratsgraph load --store store corrected.txt --replace file/921ab45229cbc05cffd3a8e393469acfc8d0a24a
    """
    import os

    from ..store import GraphStore

    if files_from is not None:
        inputs = (*inputs, *(line.strip() for line in files_from if line.strip()))
    if not inputs and not replace:
        raise click.UsageError("give at least one INPUT (or --replace to drop graphs)")
    try:
        store = GraphStore.open(store_dir, write=True)
    except RatsgraphError as err:
        _fail(str(err))
        sys.exit(EXIT_FAILED)

    def loaded(doc, action: str) -> None:
        size = doc.size if hasattr(doc, "size") else len(doc.triples)
        _note(f"{doc.source}: {action} <{doc.graph.value}> ({size} triples)", quiet)

    with store:
        try:
            report = store.load(inputs, replace=replace, base=base, body=body, input_format=input_format,
                                on_document=loaded, jobs=jobs or os.cpu_count() or 1)
        except RatsgraphError as err:
            _fail(str(err))
            sys.exit(EXIT_FAILED)
        for err in report.errors:
            _fail(str(err))
        for g in report.dropped:
            _note(f"dropped <{g.value}>", quiet)
        _note(f"{store_dir}: {len(store.graphs())} document graph(s), {store.triple_count()} triples", quiet)
    sys.exit(EXIT_FAILED if report.errors else EXIT_OK)


# -- dump ------------------------------------------------------------------------------------------

def _format_names() -> list[str]:
    from ..graph.formats import FORMATS

    return sorted(FORMATS)


@click.command(epilog=_exit_codes("the store was written",
                                  "the store cannot be read, or a --graph is not in it"))
@click.option("--store", "store_dir", required=True, metavar="DIR", help="Store folder.")
@click.option("-f", "--format", "fmt", default="nquads", show_default=True,
              type=click.Choice([*_format_names(), "ttl", "ntriples", "nq", "json-ld", "rdfxml"],
                                case_sensitive=False),
              help="nquads and trig keep each document in its own graph; the others write the union.")
@click.option("-o", "--output", metavar="OUT", help="Write here (atomically) instead of standard output.")
@click.option("--graph", "graphs", multiple=True, metavar="IRI",
              help="Only this document graph (full IRI, file/SHA1 or SHA1). Repeatable.")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
              help="Base for resolving a short --graph.")
def dump(store_dir: str, fmt: str, output: str | None, graphs: tuple[str, ...], base: str) -> None:
    """Write the store (or some of its graphs) back out as RDF.

    \b
    Examples:
      ratsgraph dump --store store -o all.nq
      ratsgraph dump --store store --format turtle -o all.ttl
      ratsgraph dump --store store --format jsonld --graph file/921ab45229cbc05cffd3a8e393469acfc8d0a24a
    """
    from ..cli import write_output
    from ..store import GraphStore, graph_iri

    try:
        with GraphStore.open(store_dir) as store:
            selected = None
            if graphs:
                selected = [graph_iri(g, base) for g in graphs]
                missing = [g.value for g in selected if not store.has_graph(g)]
                if missing:
                    _fail(f"{store_dir}: no such graph in the store: {', '.join(missing)}")
                    sys.exit(EXIT_FAILED)
            data = store.dump(fmt, selected)
    except RatsgraphError as err:
        _fail(str(err))
        sys.exit(EXIT_FAILED)
    except ValueError as err:
        _fail(f"--graph: {err}")
        sys.exit(EXIT_FAILED)
    write_output(data, output)


# -- query --store (called by the `query` command in cli.py) ---------------------------------------

def query_store(store_dir: str, text: str, fmt: str) -> bytes:
    """Run a query over a store. Raises `RatsgraphError` (store) or `QueryError` (query)."""
    from ..store import GraphStore

    with GraphStore.open(store_dir) as store:
        return store.query(text, fmt)


# -- serve -----------------------------------------------------------------------------------------

def _setting_options(command):
    """One option per server setting of `SETTINGS` (`query_timeout` → `--query-timeout`)."""
    for setting in reversed(SETTINGS):
        if setting.name == "push_timeout":
            continue
        flag = "--" + setting.name.replace("_", "-")
        unit = f" [{setting.unit}]" if setting.unit else ""
        if isinstance(setting.default, bool):
            decorator = click.option(f"{flag}/--no-{flag[2:]}", setting.name, default=setting.default,
                                     show_default=True, help=setting.help)
        else:
            decorator = click.option(flag, setting.name, default=setting.default, show_default=True,
                                     type=type(setting.default), help=setting.help + unit)
        command = decorator(command)
    return command


@click.command(epilog=_exit_codes("stopped by Ctrl-C or SIGTERM", "the store cannot be opened or the address "
                                  "cannot be bound"))
@click.option("--store", "store_dir", required=True, metavar="DIR",
              help="Store folder (from `ratsgraph load`).")
@_setting_options
def serve(store_dir: str, **options) -> None:
    """Serve a store: SPARQL 1.1 endpoint, resource pages, query page, dataset description.

    Read-only: SPARQL Update and federated SERVICE are refused. Queries run in worker processes
    that are killed when they pass the timeout. The server holds the store: stop it before
    `ratsgraph load` into the same folder. Endpoints: / (query page), /sparql, /health,
    /.well-known/void (VoID and DCAT-AP.de), /context.jsonld, /dumps/ratsgraph.nq, and every
    resource IRI under the base (e.g. /body/kreis-mettmann).

    \b
    Example:
      ratsgraph load --store store samples/kreis-mettmann-vorlage-50-034-2021.txt
      ratsgraph serve --store store --port 8000
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql?query=SELECT%20*%20WHERE%20%7B?s%20?p%20?o%7D%20LIMIT%205'
    """
    from ..serve import serve as run_server
    from ..serve.worker import JobError

    try:
        settings = Settings(**options)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    try:
        run_server(store_dir, settings,
                   announce=lambda url: click.echo(f"ratsgraph: serving {store_dir} at {url} "
                                                   f"(base {settings.base}); Ctrl-C stops", err=True))
    except (RatsgraphError, JobError) as err:
        _fail(str(err))
        sys.exit(EXIT_FAILED)
    except OSError as err:
        _fail(f"cannot listen on {settings.host}:{settings.port}: {err.strerror or err}")
        sys.exit(EXIT_FAILED)


# -- push ------------------------------------------------------------------------------------------

@click.command(epilog=_exit_codes("every graph was accepted",
                                  "an input or a graph failed (the others are still\n"
                                  "     sent), or the endpoint cannot be reached"))
@click.argument("inputs", nargs=-1, metavar="[FILE...]")
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store Protocol URL of the other store (Oxigraph: http://HOST:7878/store).")
@click.option("--store", "store_dir", metavar="DIR",
              help="Send this store's document graphs (instead of FILEs).")
@click.option("--graph", "graph", metavar="IRI",
              help="With --store: send only this graph. With FILEs: send them all into this one graph.")
@click.option("--method", type=click.Choice(["put", "post"], case_sensitive=False), default="put",
              show_default=True, help="put replaces each graph at the endpoint, post adds to it.")
@click.option("--user", metavar="USER:PASSWORD", envvar="RATSGRAPH_PUSH_USER",
              help="HTTP basic authentication (or set RATSGRAPH_PUSH_USER).")
@click.option("--timeout", default=SETTINGS_BY_NAME["push_timeout"].default,
              show_default=True, type=float, help="Time limit of one request [s].")
@click.option("--base", default=DEFAULT_BASE, show_default=True, metavar="IRI",
              help="Base IRI for minting (FILEs) and for a short --graph.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def push(inputs: tuple[str, ...], endpoint: str, store_dir: str | None, graph: str | None, method: str,
         user: str | None, timeout: float, base: str, quiet: bool) -> None:
    """Send graphs to another triple store (SPARQL 1.1 Graph Store HTTP Protocol).

    Each document graph goes to the endpoint in one request (PUT ?graph=IRI, as N-Triples), so a
    document sent again replaces its graph there too. FILEs are minutes (converted first) or RDF
    files, as for `ratsgraph load`.

    \b
    Examples:
      ratsgraph push --endpoint http://127.0.0.1:7878/store --store store
      ratsgraph push --endpoint http://127.0.0.1:7878/store samples/kreis-mettmann-vorlage-50-034-2021.txt
      ratsgraph push --endpoint http://127.0.0.1:7878/store --graph https://example.org/g all.ttl
    """
    from pyoxigraph import NamedNode

    from ..push import Pushed, push_documents
    from ..store import GraphStore, graph_iri, read_documents

    if bool(store_dir) == bool(inputs):
        raise click.UsageError("give either --store DIR or FILE... (one of them)")
    failed = 0
    documents: list[tuple[list, object]] = []
    if store_dir:
        try:
            with GraphStore.open(store_dir) as store:
                selected = None
                if graph:
                    selected = [graph_iri(graph, base)]
                    if not store.has_graph(selected[0]):
                        _fail(f"{store_dir}: no such graph in the store: {selected[0].value}")
                        sys.exit(EXIT_FAILED)
                documents = list(store.documents(selected))
        except RatsgraphError as err:
            _fail(str(err))
            sys.exit(EXIT_FAILED)
    else:
        for name in inputs:
            try:
                documents += [(doc.triples, doc.graph) for doc in read_documents(name, base=base)]
            except RatsgraphError as err:
                _fail(str(err))
                failed += 1
        if graph and documents:
            try:
                target = NamedNode(graph)
            except ValueError:
                raise click.UsageError(f"--graph: not an IRI: {graph}") from None
            union = list(dict.fromkeys(t for triples, _ in documents for t in triples))
            documents = [(union, target)]

    def report(result) -> None:
        if isinstance(result, Pushed):
            _note(f"{result.graph}: sent {result.triples} triples ({result.status})", quiet)
        else:
            _fail(str(result))

    done, errors = push_documents(endpoint, documents, method=method, user=user, timeout=timeout,
                                  on_result=report)
    _note(f"{endpoint}: {len(done)} graph(s) sent, {len(errors)} failed", quiet)
    sys.exit(EXIT_FAILED if failed or errors or not documents else EXIT_OK)


def register(main: click.Group) -> None:
    for command in (load, dump, serve, push):
        main.add_command(command)
