"""Rebuild the golden files of the query tests.

    python -m tests.regenerate            # graphs from the documents, then the expected results
    python -m tests.regenerate --results  # only the expected results, from the committed graphs

The golden graphs (`tests/data/graphs/*.nq`) are the sample documents converted by the current
extractor, committed so that the query tests do not move while extraction improves; the expected
results (`tests/expected/queries/NAME.csv`, `.nt` for CONSTRUCT) are the sample queries run over
them. After a change to extraction or to a query: run this, read `git diff tests/`, commit."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = [ROOT / "samples" / "kreis-mettmann-vorlage-50-034-2021.txt",
             *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))]
GRAPHS = ROOT / "tests" / "data" / "graphs"
EXPECTED = ROOT / "tests" / "expected" / "queries"


def golden_graphs() -> list[Path]:
    return sorted(GRAPHS.glob("*.nq"))


def build_graphs() -> None:
    from ratsgraph.graph.formats import find_format, write
    from ratsgraph.pipeline import convert_path

    GRAPHS.mkdir(parents=True, exist_ok=True)
    for old in golden_graphs():
        old.unlink()
    for document in DOCUMENTS:
        conversion = convert_path(document)
        target = GRAPHS / f"{document.stem}.nq"
        target.write_bytes(write(find_format("nquads"), [(conversion.triples, conversion.graph)]))
        print(f"{target.relative_to(ROOT)}: {len(conversion.triples)} triples")


def load_golden_store(folder: Path):
    """A store in `folder` holding the golden graphs (each in its document graph)."""
    from ratsgraph.store import GraphStore

    with GraphStore.open(folder, write=True) as store:
        report = store.load([str(p) for p in golden_graphs()])
        if report.errors:
            raise SystemExit("\n".join(str(e) for e in report.errors))
    return folder


def expected_path(name: str, graph: bool) -> Path:
    return EXPECTED / f"{name}.{'nt' if graph else 'csv'}"


def canonical_ntriples(data: bytes) -> bytes:
    """N-Triples lines sorted and without duplicates: CONSTRUCT results compared as sets."""
    lines = sorted({line for line in data.decode("utf-8").splitlines() if line.strip()})
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def build_results() -> None:
    from ratsgraph.examples import example_queries
    from ratsgraph.query import operation
    from ratsgraph.store import GraphStore

    EXPECTED.mkdir(parents=True, exist_ok=True)
    for old in EXPECTED.iterdir():
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        load_golden_store(Path(tmp) / "store")
        with GraphStore.open(Path(tmp) / "store") as store:
            for query in example_queries():
                graph = operation(query.text) in ("construct", "describe")
                data = store.query(query.text, "nt" if graph else "csv")
                if graph:
                    data = canonical_ntriples(data)
                target = expected_path(query.name, graph)
                target.write_bytes(data)
                rows = max(0, len(data.splitlines()) - (0 if graph else 1))
                print(f"{target.relative_to(ROOT)}: {rows} row(s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.regenerate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", action="store_true", help="only rebuild the expected query results")
    args = parser.parse_args(argv)
    if not args.results:
        build_graphs()
    build_results()
    return 0


if __name__ == "__main__":
    sys.exit(main())
