"""The benchmark generator writes documents that ratsgraph understands, and the runner works.

Every layout family of the generator yields the facts its family carries (decisions, meetings,
agenda items, persons) and a graph that conforms to the shapes; the OParl generator yields a
system that ratsgraph reads and maps; `benchmarks/run.py --quick --only oparl` runs end to end."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402

from ratsgraph.extract import extract  # noqa: E402
from ratsgraph.pipeline import convert_paths  # noqa: E402
from ratsgraph.sources import read_bytes  # noqa: E402
from ratsgraph.validate import validate_triples  # noqa: E402

PER_FAMILY = 20

#: What each family must yield in every document (F07 fragments name no meeting, F14
#: invitations record no decision, as in the development corpus).
NO_MEETING = {"F07"}
NO_DECISION = {"F14"}


def test_same_seed_same_bytes_and_document_i_independent_of_size(tmp_path):
    small = generate.write_minutes(14, tmp_path / "a", seed=7)
    large = generate.write_minutes(28, tmp_path / "b", seed=7)
    assert [p.read_bytes() for p in small] == [p.read_bytes() for p in large[:14]]
    assert generate.document(8, 3).data != generate.document(7, 3).data


@pytest.mark.parametrize("family", generate.FAMILIES)
def test_every_family_yields_its_facts(family):
    counts = Counter()
    for i in range(PER_FAMILY):
        doc = generate.document(1, i, family)
        minutes = extract(read_bytes(doc.data, doc.name))
        decisions = sum(len(item.decisions) for item in minutes.agenda_items)
        counts["with decisions"] += decisions > 0
        counts["with meetings"] += len(minutes.meetings) > 0
        counts["with items"] += len(minutes.agenda_items) > 0
        counts["with persons"] += len(minutes.persons) > 0
    assert counts["with items"] == PER_FAMILY
    assert counts["with persons"] == PER_FAMILY
    assert counts["with meetings"] == (0 if family in NO_MEETING else PER_FAMILY)
    assert counts["with decisions"] == (0 if family in NO_DECISION else PER_FAMILY)


def test_sizes_like_the_dev_corpus():
    sizes = [len(generate.document(1, i).data) for i in range(140)]
    assert 2_500 <= sum(sizes) / len(sizes) <= 4_500


def test_generated_documents_conform_to_the_shapes(tmp_path):
    paths = generate.write_minutes(PER_FAMILY * len(generate.FAMILIES), tmp_path)
    results = convert_paths(paths, validate=True)
    failures = [(p.name, r) for p, r in zip(paths, results, strict=True) if not hasattr(r, "report")]
    assert not failures
    violations = [(p.name, v) for p, r in zip(paths, results, strict=True) for v in r.report.violations
                  if v.severity == "Violation"]
    assert not violations[:5]


def test_oparl_system_reads_maps_and_conforms(tmp_path):
    paths = generate.write_oparl(20, tmp_path)
    results = convert_paths(paths, validate=True)
    triples = [t for r in results for t in r.triples]
    assert {p.name for p in paths} >= {"meetings.json", "papers.json", "persons.json", "organizations.json"}
    types = Counter(re.split(r"[/#]", t.object.value)[-1] for t in triples if t.predicate.value.endswith("#type"))
    assert types["Meeting"] == 20
    assert types["AgendaItem"] >= 20 * 6
    assert types["Paper"] > 0 and types["Person"] > 0 and types["File"] > 0 and types["Consultation"] > 0
    assert types["Decision"] > 0  # agenda items' results read as decisions
    report = validate_triples(triples, profile="oparl")
    assert not [v for v in report.violations if v.severity == "Violation"][:5]


def test_oparl_context_maps_every_key_to_the_vocabulary():
    from baselines import oparl_context

    from ratsgraph.oparl.schema import TYPES

    context = oparl_context()
    keys = {k for spec in TYPES.values() for k in spec}
    assert keys <= set(context)
    assert context["id"] == "@id" and context["type"] == "@type"
    assert context["organization"] == {"@id": "oparl:organization", "@type": "@id"}
    assert context["start"]["@type"] == "xsd:dateTime"


def test_rdflib_baseline_writes_the_same_triples(tmp_path):
    import baselines
    from pyoxigraph import RdfFormat, parse

    paths = generate.write_minutes(14, tmp_path / "docs")
    out = tmp_path / "rdflib.nt"
    baselines.convert(paths, str(out))
    ours = {t for r in convert_paths(paths) for t in r.triples}
    theirs = {q.triple for q in parse(out.read_bytes(), format=RdfFormat.N_TRIPLES)}
    assert theirs == ours


def test_quick_run_of_one_stage(tmp_path):
    """The one command, on its cheapest stage at a tenth of the quick size: it prints the table,
    writes the results, and puts its rows into the docs in place of the stage's old rows."""
    docs = tmp_path / "performance.md"
    docs.write_text("# P\n\n<!-- benchmark-table -->\n| stage | x |\n|---|---|\n| 3 oparl | old |\n"
                    "| 4 shacl | kept |\n<!-- /benchmark-table -->\n\n<!-- benchmark-machine -->\n"
                    "<!-- /benchmark-machine -->\nend\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", "oparl",
                           "--scale", "0.1", "--results", str(tmp_path), "--docs", str(docs)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "3 oparl" in proc.stdout and "≥ 5× JSON-LD" in proc.stdout
    table = (tmp_path / "latest-quick-x0.1.md").read_text(encoding="utf-8")
    assert "| 3 oparl | OParl JSON → N-Triples" in table
    text = docs.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| 3 ") or line.startswith("| 4 ")]
    assert [r.split(" | ")[0] for r in rows] == ["| 3 oparl", "| 3 oparl", "| 4 shacl"]  # JSON-LD parser, pyld; kept
    assert "| 3 oparl | old |" not in text and "| 4 shacl | kept |" in text
    assert "- stage 3 (oparl): quick-x0.1 run" in text and text.endswith("end\n")


@pytest.mark.parametrize("fmt", ["nt", "turtle", "jsonld"])
def test_rdf_stage_task_writes_what_convert_writes(tmp_path, fmt):
    """Stage 2 times the calls `convert` makes after extraction; its output has convert's triples."""
    import json

    paths = generate.write_minutes(14, tmp_path / "docs")
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "tasks.py"), "rdf-stage", str(tmp_path / "docs"),
                           "--format", fmt, "--runs", "1"], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    run = json.loads(proc.stdout.splitlines()[-1])
    ours = {t for r in convert_paths(paths) for t in r.triples}
    assert run["triples"] >= len(ours) > 0 and run["bytes"] > 0


def test_peak_memory_is_the_commands_own_not_the_runners(tmp_path):
    """Started from a runner that holds 300 MB, a small command's recorded peak is its own; the
    launcher passes the command's exit status on."""
    script = f"""
import subprocess, sys
held = bytearray(300 * 1024 * 1024)
held[::4096] = b"x" * len(held[::4096])
code = subprocess.call([sys.executable, "-I", "-S", {str(ROOT / "benchmarks" / "peak.py")!r}, {str(tmp_path / "peak")!r},
                        sys.executable, "-c", "import sys; sys.exit(3)"])
sys.exit(code)
"""
    proc = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert proc.returncode == 3
    peak_mb = int((tmp_path / "peak").read_text()) / 1024
    assert 1 < peak_mb < 100
