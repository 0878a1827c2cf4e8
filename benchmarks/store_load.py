"""How fast `ratsgraph load` writes, reloads and dumps a store, and how fast the server's worker
answers a sample query, on N synthetic documents (copies of the golden graphs with their IRIs
moved under a per-copy base, so nothing merges).

    python benchmarks/store_load.py [COPIES [BATCH]]  # COPIES × 5 documents (default 200 → 1000);
                                                      # BATCH: triples per transaction
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ratsgraph.store as store_module  # noqa: E402
from ratsgraph.store import GraphStore  # noqa: E402


def main(copies: int) -> None:
    sources = sorted((ROOT / "tests" / "data" / "graphs").glob("*.nq"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "all.nq"
        with data.open("w", encoding="utf-8") as out:
            for i in range(copies):
                for text in texts:
                    out.write(text.replace("https://example.org/ratsgraph/", f"https://example.org/ratsgraph/c{i}/"))
        documents = copies * len(texts)
        folder = Path(tmp) / "store"
        started = time.perf_counter()
        with GraphStore.open(folder, write=True) as store:
            store.load([str(data)])
            quads = store.quad_count()
        load = time.perf_counter() - started
        started = time.perf_counter()
        with GraphStore.open(folder, write=True) as store:
            store.load([str(data)])
            assert store.quad_count() == quads
        reload = time.perf_counter() - started
        with GraphStore.open(folder) as store:
            started = time.perf_counter()
            dump = store.dump("nquads")
            dumped = time.perf_counter() - started
            started = time.perf_counter()
            store.query((ROOT / "samples" / "queries" / "non-unanimous-votes.rq").read_text(encoding="utf-8"), "csv")
            queried = time.perf_counter() - started
        print(f"{documents} documents, {quads} quads: load {load:.2f} s ({quads / load:,.0f} quads/s), "
              f"reload (replace every graph) {reload:.2f} s, dump N-Quads {dumped:.2f} s ({len(dump) >> 20} MiB), "
              f"non-unanimous-votes {queried:.3f} s")


if __name__ == "__main__":
    if len(sys.argv) > 2:
        store_module.LOAD_BATCH_TRIPLES = int(sys.argv[2])
    print(f"batches of {store_module.LOAD_BATCH_TRIPLES} triples")
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
