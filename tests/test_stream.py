"""Streamed output: N-Triples and N-Quads written document by document, by one process or several,
hold the graph that the whole-graph path builds; repeats of shared triples are dropped."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Quad, RdfFormat, parse

from ratsgraph.cli import main
from ratsgraph.graph.stream import _Recent
from ratsgraph.pipeline import convert_path

ROOT = Path(__file__).resolve().parent
DOCS = sorted(p for p in (ROOT / "corpus" / "heldout").glob("*.txt"))[:8] + sorted(
    (ROOT.parent / "samples").glob("*.txt"))


def _run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, ["convert", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


def _triples(data: bytes, fmt: RdfFormat = RdfFormat.N_TRIPLES) -> set:
    return {(q.subject, q.predicate, q.object) for q in parse(data, format=fmt)}


@pytest.fixture(scope="module")
def expected() -> dict[str, set]:
    return {str(p): {(t.subject, t.predicate, t.object) for t in convert_path(p).triples} for p in DOCS}


def test_streamed_ntriples_hold_the_union_once(expected):
    code, out, err = _run(*map(str, DOCS), "--no-validate", "-f", "nt")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == len(set(lines))  # shared resources (the Körperschaft, Gremien) written once
    assert _triples(out) == set().union(*expected.values())


def test_streamed_nquads_keep_each_document_in_its_graph(expected):
    code, out, err = _run(*map(str, DOCS), "--no-validate", "-f", "nquads")
    assert code == 0, err
    graphs: dict[str, set] = {}
    for q in parse(out, format=RdfFormat.N_QUADS):
        assert isinstance(q, Quad)
        graphs.setdefault(q.graph_name.value, set()).add((q.subject, q.predicate, q.object))
    assert sorted(map(frozenset, graphs.values()), key=len) == sorted(map(frozenset, expected.values()), key=len)


@pytest.mark.parametrize("fmt", ["nt", "nquads", "turtle"])
def test_two_processes_write_what_one_writes(fmt):
    one = _run(*map(str, DOCS), "--no-validate", "-f", fmt, "--jobs", "1")
    two = _run(*map(str, DOCS), "--no-validate", "-f", fmt, "--jobs", "2")
    assert one[0] == two[0] == 0
    assert one[1] == two[1]


def test_a_failing_input_in_a_worker_is_reported_by_name(tmp_path):
    bad = tmp_path / "kaputt.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = _run(str(DOCS[0]), str(bad), str(DOCS[1]), "--no-validate", "-f", "nt", "--jobs", "2")
    assert code == 1
    assert f"ratsgraph: error: {bad}:0: binary data" in err and err.count("error:") == 1
    assert _triples(out) >= {(t.subject, t.predicate, t.object) for t in convert_path(DOCS[1]).triples}


def test_inputs_from_a_list(tmp_path):
    listing = tmp_path / "inputs.txt"
    listing.write_text("\n".join(map(str, DOCS[:3])) + "\n\n", encoding="utf-8")
    from_list = _run("--files-from", str(listing), "--no-validate", "-f", "nt")
    given = _run(*map(str, DOCS[:3]), "--no-validate", "-f", "nt")
    assert from_list[0] == 0 and from_list[1] == given[1]
    stdin = CliRunner().invoke(main, ["convert", "--files-from", "-", "--no-validate", "-f", "nt"],
                               input="\n".join(map(str, DOCS[:3])))
    assert stdin.exit_code == 0 and stdin.stdout_bytes == given[1]


def test_no_input_at_all_is_a_usage_error():
    code, _, err = _run("-f", "nt")
    assert code == 2 and "FILE... or --files-from" in err


def test_the_same_document_twice_is_written_once():
    code, out, _ = _run(str(DOCS[0]), str(DOCS[0]), "--no-validate", "-f", "nquads")
    assert code == 0
    single = _run(str(DOCS[0]), "--no-validate", "-f", "nquads")[1]
    assert out == single


def test_recent_lines_remember_two_generations():
    recent = _Recent(limit=4)  # two generations of two lines
    assert [recent.fresh(x) for x in (b"a", b"b", b"a")] == [True, True, False]
    assert recent.fresh(b"c") and recent.fresh(b"d")  # "a" now only in the older generation
    assert not recent.fresh(b"c")
    assert recent.fresh(b"e") and recent.fresh(b"f") and recent.fresh(b"a")  # "a" forgotten: written again


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from([b"", b"a", b"b", b"c", b"d", b"e", b"f", b"g"]), max_size=12),
                max_size=8), st.integers(min_value=1, max_value=40))
def test_fresh_lines_is_fresh_line_by_line(documents, limit):
    one, many = _Recent(limit), _Recent(limit)
    for lines in documents:
        assert many.fresh_lines(lines) == [line for line in lines if line and one.fresh(line)]
        assert (many.new, many.old) == (one.new, one.old)


def test_jobs_in_a_real_subprocess_writes_a_file(tmp_path):
    exe = shutil.which("ratsgraph") or f"{sys.executable} -m ratsgraph"
    out = tmp_path / "all.nt"
    run = subprocess.run([*exe.split(), "convert", *map(str, DOCS), "--no-validate", "-f", "nt", "-j", "2",
                          "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert _triples(out.read_bytes()) == _triples(_run(*map(str, DOCS), "--no-validate", "-f", "nt")[1])
    assert not list(tmp_path.glob(".*.part"))
