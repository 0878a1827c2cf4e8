"""A `ratsgraph load` killed with SIGKILL leaves the store consistent (issue 7, data safety).

The load runs as a real subprocess, as a user starts it, on a workload large enough to be in the
middle of converting and writing (36 minutes documents — copies of the test documents, each with
a line of its own so that their sha1 and graphs differ — and an N-Quads file that replaces three
graphs already in the store with other contents: about 45,000 triples, three transactions). It
is killed early, in the middle and late (seeded random moments, stratified over the time a full
load takes). After every kill:

- the store opens (read-only, as `query` and `serve` open it);
- every graph holds exactly what it held before the load or exactly what the complete load
  writes — for the minutes, the full conversion of the document — or is absent as before;
- the union (default) graph is exactly the union of the document graphs.

Then `load` run again completes and gives exactly the state of an uninterrupted load, and a second
identical load changes nothing (idempotent). RATSGRAPH_KILL_SEED=N draws other moments.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph

from ratsgraph.store import GraphStore, read_documents

from .conftest import REFERENCE, ROOT

KILLS = 10
SEED = int(os.environ.get("RATSGRAPH_KILL_SEED", "20260707"))
DOCUMENTS = [REFERENCE, *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))]
EX = "https://example.org/reliability/"

State = dict[str, frozenset[str]]


def _minutes(folder: Path, count: int, start: int = 0) -> list[Path]:
    """`count` minutes documents: the test documents in turn, each with a distinguishing line."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        source = DOCUMENTS[i % len(DOCUMENTS)]
        path = folder / f"{source.stem}-copy{i:03d}.txt"
        path.write_text(
            source.read_text(encoding="utf-8") + f"\n\nAbschrift Nr. {i} für die Prüfung\n", encoding="utf-8"
        )
        paths.append(path)
    return paths


def _nquads(path: Path, version: str, graphs: int, triples: int) -> Path:
    """Graphs named in the file (so a new version replaces them); each shares one triple with the
    others and, in version "old", one with the other version."""
    lines = []
    for g in range(graphs):
        graph = f"<{EX}graph/{g}>"
        lines.append(f'<{EX}common> <{EX}p> "in every graph" {graph} .')
        if version == "old" or g:
            lines.append(f'<{EX}kept> <{EX}p> "in both versions" {graph} .')
        for t in range(triples):
            lines.append(f'<{EX}{version}/{g}/{t}> <{EX}p> "{version} {g} {t}" {graph} .')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _state(folder: Path) -> tuple[State, frozenset[str]]:
    """(triples of each named graph, triples of the default graph), as N-Triples lines."""
    graphs: dict[str, set[str]] = {}
    default: set[str] = set()
    with GraphStore.open(folder) as store:
        for quad in store.store:
            if isinstance(quad.graph_name, DefaultGraph):
                default.add(str(quad.triple))
            else:
                graphs.setdefault(quad.graph_name.value, set()).add(str(quad.triple))
    return {g: frozenset(t) for g, t in graphs.items()}, frozenset(default)


def _load(folder: Path, inputs: list[Path]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ratsgraph", "load", "-q", "--store", str(folder), *map(str, inputs)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _run_load(folder: Path, inputs: list[Path]) -> float:
    started = time.monotonic()
    process = _load(folder, inputs)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    return time.monotonic() - started


def _check(state: State, default: frozenset[str], before: State, after: State) -> int:
    """Every graph as before or as after the load; the union consistent. Returns how many graphs
    changed from `before`."""
    changed = 0
    for g in sorted(set(before) | set(after) | set(state)):
        now, old, new = state.get(g), before.get(g), after.get(g)
        assert now in (old, new), (
            f"graph <{g}> is half-written: {len(now or ())} triples, before {len(old or ())}, "
            f"after {len(new or ())}"
        )
        changed += now != old
    union = frozenset().union(*state.values()) if state else frozenset()
    assert default == union, (
        f"the union graph differs from the document graphs: {len(default - union)} "
        f"extra, {len(union - default)} missing"
    )
    return changed


@pytest.fixture(scope="module")
def workload(tmp_path_factory):
    """A store before the load (6 minutes documents, old versions of three N-Quads graphs), the
    inputs of the load (those 6 again, 30 new ones, the new versions) and the states before and
    after an uninterrupted load, with the time it took."""
    root = tmp_path_factory.mktemp("killed-load")
    old_minutes = _minutes(root / "inputs", 6)
    new_minutes = _minutes(root / "inputs", 30, start=6)
    old_rdf = _nquads(root / "inputs" / "graphs-old.nq", "old", 3, 20)
    new_rdf = _nquads(root / "inputs" / "graphs-new.nq", "new", 3, 1500)
    inputs = [*new_minutes[:12], new_rdf, *old_minutes, *new_minutes[12:]]

    before_folder = root / "before"
    _run_load(before_folder, [*old_minutes, old_rdf])
    before, before_default = _state(before_folder)
    _check(before, before_default, before, before)

    complete = root / "complete"
    shutil.copytree(before_folder, complete)
    duration = _run_load(complete, inputs)
    after, after_default = _state(complete)
    _check(after, after_default, after, after)

    # the complete load holds the full conversion of every minutes document, and the new versions
    with GraphStore.open(complete) as store:
        for path in [*old_minutes, *new_minutes]:
            (document,) = read_documents(str(path))
            assert set(store.graph_triples(document.graph)) == set(document.triples), path.name
    assert len(after) == len(before) + len(new_minutes)
    for g in range(3):
        assert f'"new {g} 0"' in " ".join(after[f"{EX}graph/{g}"]) and len(after[f"{EX}graph/{g}"]) >= 1500
    return {
        "root": root,
        "before_folder": before_folder,
        "inputs": inputs,
        "before": before,
        "after": after,
        "duration": duration,
    }


def _kill_at(folder: Path, inputs: list[Path], delay: float) -> int | None:
    """Start a load, SIGKILL it after `delay` seconds; the exit code if it finished first."""
    process = _load(folder, inputs)
    try:
        process.wait(timeout=delay)
        return process.returncode
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return None
    finally:
        process.stderr.close()


def _moments(duration: float, kills: int) -> list[float]:
    """Seeded random moments, one in each tenth (early ... late) of a full load's time."""
    rng = random.Random(SEED)
    return [duration * (0.03 + 0.97 * (i + rng.random()) / kills) for i in range(kills)]


def test_a_load_killed_ten_times_leaves_the_old_or_the_new_state(workload, tmp_path):
    """Acceptance (issue 7): ten SIGKILLs at different moments; each leaves every graph whole."""
    before, after, inputs = workload["before"], workload["after"], workload["inputs"]
    outcomes = []
    folder = tmp_path / "store"
    for i, delay in enumerate(_moments(workload["duration"], KILLS)):
        if folder.exists():
            shutil.rmtree(folder)
        shutil.copytree(workload["before_folder"], folder)
        finished = _kill_at(folder, inputs, delay)
        state, default = _state(folder)
        changed = _check(state, default, before, after)
        outcome = (
            "finished"
            if finished is not None
            else "nothing yet"
            if changed == 0
            else "all"
            if state == after
            else f"{changed} graphs"
        )
        outcomes.append(f"kill {i + 1} at {delay:.2f} s: {outcome}")
    print(
        f"\nfull load {workload['duration']:.2f} s ({len(after) - len(before)} new graphs, 3 replaced); "
        + "; ".join(outcomes)
    )
    assert any("graphs" in o for o in outcomes), "no kill landed between two commits: " + "; ".join(outcomes)

    # the last killed store: `load` again completes it, and once more changes nothing
    _run_load(folder, inputs)
    state, default = _state(folder)
    assert state == after
    _check(state, default, after, after)
    _run_load(folder, inputs)
    assert _state(folder) == (state, default), "a second identical load changed the store"


def test_a_killed_first_load_leaves_no_broken_store(tmp_path):
    """Kills while the folder becomes a store (marker, database): afterwards the folder is still
    free for a load (missing or empty), or a store that opens; a new load completes."""
    inputs = _minutes(tmp_path / "inputs", 3)
    reference = tmp_path / "reference"
    _run_load(reference, inputs)
    complete, _ = _state(reference)
    rng = random.Random(SEED)
    seen = []
    for i in range(4):
        folder = tmp_path / f"store{i}"
        delay = 0.05 + 0.4 * (i + rng.random()) / 4  # during the start-up: imports, marker, database
        _kill_at(folder, inputs, delay)
        entries = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
        if (folder / "ratsgraph-store.json").exists():
            graphs, default = _state(folder)  # opens, and is consistent
            _check(graphs, default, {}, complete)
        else:
            assert set(entries) <= {"ratsgraph-store.json.part"}, f"a killed load left {entries}"
        seen.append(f"{delay:.2f} s: {entries}")
        _run_load(folder, inputs)
        graphs, default = _state(folder)
        assert graphs == complete
        _check(graphs, default, complete, complete)
    print("\nfolders after an early kill: " + "; ".join(seen))


def test_a_bulk_load_into_an_empty_store_is_all_or_nothing(tmp_path):
    """The bulk path (a load into an empty store builds a new database and switches to it when
    complete): killed at any moment, the store holds nothing or everything; a new load completes."""
    inputs = _minutes(tmp_path / "inputs", 40) + [_nquads(tmp_path / "inputs" / "extra.nq", "new", 4, 200)]
    reference = tmp_path / "reference"
    duration = _run_load(reference, inputs)
    complete, complete_default = _state(reference)
    seen = []
    for i, delay in enumerate(_moments(duration, 5)):
        folder = tmp_path / f"store{i}"
        _kill_at(folder, inputs, delay)
        if (folder / "ratsgraph-store.json").exists():
            graphs, default = _state(folder)
            assert graphs in ({}, complete), f"a killed bulk load left {len(graphs)} of {len(complete)} graphs"
            assert default == (frozenset() if not graphs else complete_default)
            seen.append(f"{delay:.2f} s: {'complete' if graphs else 'empty'}")
        else:
            seen.append(f"{delay:.2f} s: no store yet")
        _run_load(folder, inputs)
        assert _state(folder) == (complete, complete_default)
        assert not (folder / "oxigraph.bulk").exists()
    print(f"\nbulk load {duration:.2f} s; " + "; ".join(seen))


def test_the_bulk_path_and_the_transactional_path_give_the_same_store(tmp_path):
    inputs = _minutes(tmp_path / "inputs", 6) + [_nquads(tmp_path / "inputs" / "extra.nq", "old", 3, 20)]
    bulk, step = tmp_path / "bulk", tmp_path / "step"
    _run_load(bulk, inputs)  # empty store: the bulk path
    _run_load(step, inputs[:1])  # then the rest into a store that holds something: transactions
    _run_load(step, inputs[1:])
    assert _state(bulk) == _state(step)
