"""The exact model, warnings and triples of an OParl system full of quirks, pinned by hash: a
change to the reader or the mapping that alters any of them (even their order) is noticed.

The input (`data/oparl-quirks/`) is a system from `benchmarks/generate.py` (2 meetings) with
seeded quirks: nulls, missing ids and types, http type IRIs, dates without offsets or that do
not parse, strings for numbers, control characters, invalid URLs, vendor keys with nested JSON,
agenda items without `order`, and conflicting duplicates. When a change is meant to alter the
output, check the difference and update the table (`python -m tests.test_oparl_pinned`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from ratsgraph.graph.oparl import oparl_triples
from ratsgraph.oparl.reader import read_oparl

DATA = Path(__file__).parent / "data" / "oparl-quirks"

# file: (objects, warnings, triples, sha256 of the dump's first 16 hex digits)
PINNED = {
    "bodies.json": (2, 3, 18, "388f61611e3953df"),
    "meetings-dup.json": (32, 10, 472, "5bb839086e34e52a"),
    "meetings.json": (13, 9, 195, "9f65fd0f522b4fb2"),
    "papers.json": (30, 13, 305, "47571fc660fa131b"),
    "system.json": (1, 0, 6, "103ec9def2057acd"),
}


def dump(path: Path) -> tuple[int, int, int, str]:
    result = read_oparl(path.read_bytes(), path.name)
    triples = oparl_triples(result.objects)
    lines = [*(f"W {w}" for w in result.warnings), *(f"O {o!r}" for o in result.objects),
             *(f"{t.subject} {t.predicate} {t.object} ." for t in triples)]
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]
    return len(result.objects), len(result.warnings), len(triples), digest


@pytest.mark.parametrize("name", sorted(PINNED))
def test_model_warnings_and_triples_are_as_pinned(name):
    assert dump(DATA / name) == PINNED[name]


def test_every_file_is_pinned():
    assert sorted(p.name for p in DATA.glob("*.json")) == sorted(PINNED)


if __name__ == "__main__":
    for path in sorted(DATA.glob("*.json")):
        print(f"    {path.name!r}: {dump(path)!r},")
