"""The baselines ratsgraph is measured against: the same work done with rdflib, pyld and pyshacl.

    python benchmarks/baselines.py convert -o OUT.nt DIR        # stage 1, end to end
    python benchmarks/baselines.py rdf-stage DIR --format nt     # stage 2
    python benchmarks/baselines.py jsonld DIR --engine rdflib    # stage 3 (or --engine pyld)
    python benchmarks/baselines.py pyshacl DATA.nt               # stage 4
    python benchmarks/baselines.py sparql DATA.nt                # stage 5
    python benchmarks/baselines.py context                       # print the OParl JSON-LD context

What each baseline does, so that the ratios can be judged:

- convert (stage 1): the rdflib-only pipeline. The same reading and extraction as ratsgraph
  (`ratsgraph.sources.read_path`, `ratsgraph.extract.extract`); the model is mapped with
  `ratsgraph.graph.mapping.minutes_triples` and every pyoxigraph term is turned into an rdflib term
  (IRIs through a cache, as a hand-written rdflib mapping would reuse its namespace terms), added
  with `Graph.add` and written with rdflib's N-Triples serializer. A direct model → rdflib mapping
  would skip building the pyoxigraph terms; the share of `minutes_triples` in this baseline is
  reported by rdf-stage (`map_seconds`) and is small next to rdflib's own work.
- rdf-stage (stage 2): the same mapping and conversion, `Graph.add`, then rdflib's serializer
  (nt, turtle with the vocabulary's prefixes bound, json-ld compacted with ratsgraph's context).
- jsonld (stage 3): JSON-LD processing of the same OParl JSON with a context that maps every OParl
  key to `oparl:<key>` (`oparl_context`): rdflib's JSON-LD parser into a Graph, or pyld's
  `to_rdf` (expansion, then RDF). The result is triples in memory, as ratsgraph's side ends.
- pyshacl (stage 4): `pyshacl.validate` on the whole graph with `shapes/ratsgraph.ttl`, with the
  options `ratsgraph.validate` uses; the graph is parsed before the clock starts.
- sparql (stage 5): the union of the documents loaded into an rdflib Graph (timed as the load),
  then each sample query with rdflib's SPARQL engine, its whole result serialised.

Every task except convert speaks the protocol of `tasks.py` (a ready line, then one JSON line per run).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from tasks import emit, extract_models, input_files, is_construct, sample_queries  # noqa: E402

XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = XSD + "string"


def term_converter():
    """pyoxigraph term → rdflib term, IRIs and datatypes cached."""
    import rdflib
    from pyoxigraph import BlankNode, NamedNode

    iris: dict[str, rdflib.URIRef] = {}

    def iri(value: str) -> rdflib.URIRef:
        node = iris.get(value)
        if node is None:
            node = iris[value] = rdflib.URIRef(value)
        return node

    def convert(term):
        if isinstance(term, NamedNode):
            return iri(term.value)
        if isinstance(term, BlankNode):
            return rdflib.BNode(term.value)
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == _XSD_STRING:
            return rdflib.Literal(term.value)
        return rdflib.Literal(term.value, datatype=iri(datatype))

    return convert


def add_minutes(graph, minutes, convert) -> None:
    from ratsgraph.graph.iris import DEFAULT_BASE
    from ratsgraph.graph.mapping import minutes_triples

    add = graph.add
    for t in minutes_triples(minutes, DEFAULT_BASE):
        add((convert(t.subject), convert(t.predicate), convert(t.object)))


def bind_prefixes(graph) -> None:
    from ratsgraph.vocab import PREFIXES

    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)


# -- stage 1: the rdflib-only pipeline, end to end --------------------------------------------------

def convert(paths: list[Path], output: str) -> None:
    import rdflib

    from ratsgraph.errors import RatsgraphError
    from ratsgraph.extract import extract
    from ratsgraph.sources import read_path

    graph = rdflib.Graph()
    bind_prefixes(graph)
    to_rdflib = term_converter()
    failed = 0
    for path in paths:
        try:
            minutes = extract(read_path(path))
        except RatsgraphError:
            failed += 1
            continue
        add_minutes(graph, minutes, to_rdflib)
    graph.serialize(destination=output, format="nt", encoding="utf-8")
    print(f"{len(paths) - failed} documents, {len(graph)} triples", file=sys.stderr)


# -- stage 2: model → RDF with rdflib ------------------------------------------------------------------

def rdf_stage(folder: str, fmt: str, runs: int) -> None:
    import rdflib

    from ratsgraph.graph.iris import DEFAULT_BASE
    from ratsgraph.graph.mapping import minutes_triples
    from ratsgraph.resources import CONTEXT, resource_path

    models = extract_models(folder)
    context = json.loads(resource_path(CONTEXT).read_text(encoding="utf-8"))["@context"]
    emit(event="ready", documents=len(models))
    for run in range(runs):
        start = time.perf_counter()
        triples = [minutes_triples(m, DEFAULT_BASE) for m in models]
        mapped = time.perf_counter() - start
        graph = rdflib.Graph()
        bind_prefixes(graph)
        to_rdflib = term_converter()
        add = graph.add
        for ts in triples:
            for t in ts:
                add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
        built = time.perf_counter() - start
        if fmt == "json-ld":
            data = graph.serialize(format="json-ld", context=context, auto_compact=True, encoding="utf-8")
        else:
            data = graph.serialize(format=fmt, encoding="utf-8")
        emit(run=run, seconds=time.perf_counter() - start, map_seconds=mapped, build_seconds=built,
             triples=len(graph), bytes=len(data))


# -- stage 3: JSON-LD processing of OParl JSON ---------------------------------------------------------

def oparl_context() -> dict:
    """A JSON-LD 1.1 context for OParl 1.1 JSON: `id`/`type` as @id/@type, every key of every type
    as `oparl:<key>`, URLs and references as IRIs, dates and date-times typed as ratsgraph types
    them, `geojson` kept as a JSON literal."""
    from ratsgraph.oparl.schema import NAMESPACE, TYPES

    kinds: dict[str, set[str]] = {}
    for keys in TYPES.values():
        for key in keys.values():
            kinds.setdefault(key.name, set()).add(key.kind)
    context: dict = {"@version": 1.1, "oparl": NAMESPACE, "xsd": XSD, "id": "@id", "type": "@type"}
    for name, found in sorted(kinds.items()):
        entry: dict = {"@id": f"oparl:{name}"}
        if found <= {"url", "ref", "list", "object"}:
            entry["@type"] = "@id"
        elif found == {"date"}:
            entry["@type"] = "xsd:date"
        elif found == {"datetime"}:
            entry["@type"] = "xsd:dateTime"
        elif found == {"json"}:
            entry["@type"] = "@json"
        context[name] = entry
    return context


def jsonld_documents(folder: str) -> list[dict]:
    """The OParl JSON files of a folder as JSON-LD documents: the objects (a list page's `data`,
    or the object itself) under `@graph`, with the OParl context."""
    context = oparl_context()
    documents = []
    for path in input_files(folder, (".json",)):
        value = json.loads(path.read_bytes())
        objects = value["data"] if isinstance(value, dict) and "data" in value else [value]
        documents.append({"@context": context, "@graph": objects})
    return documents


def jsonld(folder: str, engine: str, runs: int) -> None:
    texts = [json.dumps(d) for d in jsonld_documents(folder)]
    emit(event="ready", files=len(texts), bytes=sum(len(t) for t in texts))
    for run in range(runs):
        start = time.perf_counter()
        if engine == "rdflib":
            import rdflib

            graph = rdflib.Graph()
            for text in texts:
                graph.parse(data=text, format="json-ld")
            count = len(graph)
        else:
            from pyld import jsonld as pyld

            count = 0
            for text in texts:
                dataset = pyld.to_rdf(json.loads(text), {"documentLoader": _no_loader})
                count += sum(len(triples) for triples in dataset.values())
        emit(run=run, seconds=time.perf_counter() - start, triples=count)


def _no_loader(url, options=None):
    raise RuntimeError(f"no remote contexts in a benchmark: {url}")


# -- stage 4: pyshacl on the whole graph -------------------------------------------------------------

def pyshacl_task(path: str, runs: int) -> None:
    import pyshacl
    import rdflib

    from ratsgraph.validate import shapes_graph

    data = rdflib.Graph()
    data.parse(path, format="nt")
    shapes = shapes_graph()
    emit(event="ready", triples=len(data))
    for run in range(runs):
        start = time.perf_counter()
        conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                                    allow_warnings=True, abort_on_first=False)
        emit(run=run, seconds=time.perf_counter() - start, conforms=bool(conforms))


# -- stage 5: rdflib's SPARQL engine -------------------------------------------------------------------

def sparql(paths: list[str], runs: int, skip: int, once_over: float | None = None) -> None:
    """Load N-Triples files into one rdflib Graph (a `load` line), then run the sample queries
    from number `skip` on (run.py restarts the task past a query that hit its cap)."""
    import rdflib

    from ratsgraph.vocab import PREFIXES

    start = time.perf_counter()
    graph = rdflib.Graph()
    for path in paths:
        graph.parse(path, format="nt")
    emit(event="ready", load_seconds=time.perf_counter() - start, triples=len(graph))
    for name, text in sample_queries()[skip:]:
        fmt = "nt" if is_construct(text) else "csv"
        for run in range(runs):
            start = time.perf_counter()
            result = graph.query(text, initNs=PREFIXES)
            data = result.serialize(format=fmt) if fmt == "csv" else result.graph.serialize(format="nt")
            seconds = time.perf_counter() - start
            emit(query=name, run=run, seconds=seconds, bytes=len(data or b""))
            if once_over is not None and seconds > once_over:
                break  # a slow query is timed once


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="task", required=True)
    p = sub.add_parser("convert")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("inputs", nargs="+", help="files, or folders of .txt/.html files")
    p = sub.add_parser("rdf-stage")
    p.add_argument("folder")
    p.add_argument("--format", default="nt", choices=("nt", "turtle", "json-ld"))
    p.add_argument("--runs", type=int, default=3)
    p = sub.add_parser("jsonld")
    p.add_argument("folder")
    p.add_argument("--engine", default="rdflib", choices=("rdflib", "pyld"))
    p.add_argument("--runs", type=int, default=3)
    p = sub.add_parser("pyshacl")
    p.add_argument("path")
    p.add_argument("--runs", type=int, default=3)
    p = sub.add_parser("sparql")
    p.add_argument("paths", nargs="+")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--skip", type=int, default=0)
    p.add_argument("--once-over", type=float, default=None, help="time a query once if its first run is slower")
    sub.add_parser("context")
    args = parser.parse_args(argv)
    if args.task == "convert":
        paths = [f for i in args.inputs for f in (input_files(i) if Path(i).is_dir() else [Path(i)])]
        convert(paths, args.output)
    elif args.task == "rdf-stage":
        rdf_stage(args.folder, args.format, args.runs)
    elif args.task == "jsonld":
        jsonld(args.folder, args.engine, args.runs)
    elif args.task == "pyshacl":
        pyshacl_task(args.path, args.runs)
    elif args.task == "sparql":
        sparql(args.paths, args.runs, args.skip, args.once_over)
    else:
        print(json.dumps({"@context": oparl_context()}, indent=1))


if __name__ == "__main__":
    main()
