"""The timed work on ratsgraph's side that runs inside one process (`run.py` starts each task in
a fresh process, so that peak memory is per task and a task past its cap can be killed).

    python benchmarks/tasks.py rdf-stage DIR --format nt --runs 3
    python benchmarks/tasks.py oparl DIR --runs 3
    python benchmarks/tasks.py shacl DATA.nq --mode whole --runs 3
    python benchmarks/tasks.py queries STORE_DIR --runs 3

A task reads its input first (not timed), prints `{"event": "ready", ...}`, then one JSON line
per timed run: `{"run": i, "seconds": s, ...}` (the protocol `run.py` reads; baselines.py speaks it too).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ROOT / "samples" / "queries"


def emit(**fields) -> None:
    print(json.dumps(fields), flush=True)


def input_files(folder: str | Path, suffixes: tuple[str, ...] = (".txt", ".html")) -> list[Path]:
    return sorted(p for p in Path(folder).iterdir() if p.suffix in suffixes)


def extract_models(folder: str | Path) -> list:
    """The models of every minutes document in a folder, extracted once (the input of stage 2)."""
    from ratsgraph.extract import extract
    from ratsgraph.sources import read_path

    return [extract(read_path(p)) for p in input_files(folder)]


def sample_queries() -> list[tuple[str, str]]:
    return [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(QUERIES.glob("*.rq"))]


def is_construct(query: str) -> bool:
    body = "\n".join(line for line in query.splitlines() if not line.lstrip().startswith("#"))
    return "CONSTRUCT" in body.upper().split("WHERE")[0]


# -- stage 2: model → RDF ------------------------------------------------------------------------

def rdf_stage(folder: str, fmt: str, runs: int) -> None:
    """The calls `ratsgraph convert` makes after extraction (pipeline.py, cli.py): each model's
    N-Triples (`minutes_ntriples`), handed to a `DocumentWriter`, which streams N-Triples and
    N-Quads and writes the grouped formats (Turtle, JSON-LD) at the end."""
    import io

    from ratsgraph.graph.formats import find_format
    from ratsgraph.graph.iris import DEFAULT_BASE
    from ratsgraph.graph.mapping import graph_name, minutes_statements
    from ratsgraph.graph.stream import DocumentWriter
    from ratsgraph.pipeline import own_first

    models = extract_models(folder)
    out_format = find_format(fmt)
    graphs = [graph_name(m, DEFAULT_BASE).value for m in models]
    emit(event="ready", documents=len(models))
    for run in range(runs):
        start = time.perf_counter()
        documents = [own_first(graph, minutes_statements(m, DEFAULT_BASE)) for graph, m in zip(graphs, models)]
        mapped = time.perf_counter() - start
        out = io.BytesIO()
        writer = DocumentWriter(out_format, out)
        for graph, (data, own) in zip(graphs, documents, strict=True):
            writer.add(graph, data, own)
        writer.close()
        seconds = time.perf_counter() - start
        emit(run=run, seconds=seconds, map_seconds=mapped, triples=sum(d.count(b"\n") for d, _ in documents),
             bytes=len(out.getvalue()))


# -- stage 3: OParl JSON → RDF ----------------------------------------------------------------------

def oparl(folder: str, runs: int) -> None:
    """read_oparl (parse, repair, flatten) of every JSON file of a system, then its N-Triples
    (`oparl_statements`, as `ratsgraph convert --no-validate` writes them)."""
    from ratsgraph.graph.mapping import ntriples
    from ratsgraph.graph.oparl import oparl_statements
    from ratsgraph.oparl.reader import read_oparl

    pages = [(p.name, p.read_bytes()) for p in input_files(folder, (".json",))]
    emit(event="ready", files=len(pages), bytes=sum(len(d) for _, d in pages))
    for run in range(runs):
        start = time.perf_counter()
        objects = [o for name, data in pages for o in read_oparl(data, name).objects]
        data = ntriples(oparl_statements(objects))
        emit(run=run, seconds=time.perf_counter() - start, triples=data.count(b"\n"), objects=len(objects))


# -- stage 4: SHACL ----------------------------------------------------------------------------------

def read_documents(path: str) -> dict:
    """The triples of an N-Quads file, by named graph (one graph per document)."""
    from pyoxigraph import RdfFormat, parse

    graphs: dict = {}
    with open(path, "rb") as f:
        for quad in parse(f, format=RdfFormat.N_QUADS):
            graphs.setdefault(quad.graph_name, []).append(quad.triple)
    return graphs


def shacl(path: str, mode: str, runs: int) -> None:
    """ratsgraph.validate.validate_triples (engine "fast"): on the whole graph, or per document as
    `ratsgraph convert` validates."""
    from ratsgraph.validate import validate_triples

    graphs = read_documents(path)
    union = list(dict.fromkeys(t for triples in graphs.values() for t in triples))
    emit(event="ready", documents=len(graphs), triples=len(union))
    for run in range(runs):
        start = time.perf_counter()
        if mode == "whole":
            reports = [validate_triples(union, engine="fast")]
        else:
            reports = [validate_triples(triples, engine="fast") for triples in graphs.values()]
        seconds = time.perf_counter() - start
        results = [v for r in reports for v in r.violations]
        emit(run=run, seconds=seconds, conforms=all(r.conforms for r in reports), results=len(results),
             warnings=sum(v.severity != "Violation" for v in results))


# -- stage 5: queries on the store -------------------------------------------------------------------

def queries(store_dir: str, runs: int, once_over: float | None = None) -> None:
    """Each sample query on a store made by `ratsgraph load`, its whole result serialised
    (CSV for SELECT, N-Triples for CONSTRUCT)."""
    from ratsgraph.store import GraphStore

    store = GraphStore.open(store_dir)
    emit(event="ready")
    for name, text in sample_queries():
        fmt = "nt" if is_construct(text) else "csv"
        for run in range(runs):
            start = time.perf_counter()
            data = store.query(text, fmt)
            seconds = time.perf_counter() - start
            emit(query=name, run=run, seconds=seconds, bytes=len(data))
            if once_over is not None and seconds > once_over:
                break  # a slow query is timed once (the baseline does the same)
    store.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="task", required=True)
    p = sub.add_parser("rdf-stage")
    p.add_argument("folder")
    p.add_argument("--format", default="nt")
    p = sub.add_parser("oparl")
    p.add_argument("folder")
    p = sub.add_parser("shacl")
    p.add_argument("path")
    p.add_argument("--mode", choices=("whole", "per-document"), default="whole")
    p = sub.add_parser("queries")
    p.add_argument("store")
    p.add_argument("--once-over", type=float, default=None, help="time a query once if its first run is slower")
    for p in sub.choices.values():
        p.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if args.task == "rdf-stage":
        rdf_stage(args.folder, args.format, args.runs)
    elif args.task == "oparl":
        oparl(args.folder, args.runs)
    elif args.task == "shacl":
        shacl(args.path, args.mode, args.runs)
    else:
        queries(args.store, args.runs, args.once_over)


if __name__ == "__main__":
    main()
