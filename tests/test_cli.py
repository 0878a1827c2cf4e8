"""The command line as users run it: outputs, exit codes, one-line errors, no partial files."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

from ratsgraph.cli import main

from .conftest import REFERENCE


@pytest.fixture
def run():
    def invoke(*args: str):
        return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return invoke


@pytest.fixture
def bad_inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "folder").mkdir()
    return {
        "missing": tmp_path / "missing.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.txt",
        "directory": tmp_path / "folder",
    }


def test_convert_prints_turtle(run):
    result = run("convert", REFERENCE)
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout, format="turtle")
    assert len(graph) > 400


def test_convert_writes_each_format(run, tmp_path):
    readers = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld",
               "xml": "xml"}
    sizes = {}
    for fmt, reader in readers.items():
        out = tmp_path / f"out.{fmt}"
        result = run("convert", REFERENCE, "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        graph = rdflib.Dataset() if fmt in ("nquads", "trig") else rdflib.Graph()
        graph.parse(out, format=reader)
        sizes[fmt] = len(list(graph.quads((None, None, None, None)))) if fmt in ("nquads", "trig") else len(graph)
    assert len(set(sizes.values())) == 1, sizes


@pytest.mark.parametrize("bad", ["missing", "empty", "binary", "directory"])
def test_a_bad_input_gets_one_line_and_the_good_one_is_still_converted(run, tmp_path, bad_inputs, bad):
    out = tmp_path / "out.nt"
    result = run("convert", bad_inputs[bad], REFERENCE, "--format", "nt", "-o", out)
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith(f"ratsgraph: error: {bad_inputs[bad]}")
    assert len(rdflib.Graph().parse(out, format="nt")) > 400


def test_no_output_file_when_nothing_converts(run, tmp_path, bad_inputs):
    out = tmp_path / "out.ttl"
    result = run("convert", *bad_inputs.values(), "-o", out)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 4
    assert not out.exists()
    assert list(tmp_path.glob(".out.ttl.*")) == []


def test_an_existing_output_is_left_alone_when_nothing_converts(run, tmp_path, bad_inputs):
    out = tmp_path / "out.ttl"
    out.write_text("previous")
    run("convert", bad_inputs["empty"], "-o", out)
    assert out.read_text() == "previous"


@pytest.mark.parametrize("args", [["convert"], ["convert", "x.txt", "--format", "docx"], ["frobnicate"]])
def test_usage_errors_exit_2(run, args):
    assert run(*args).exit_code == 2


@pytest.mark.parametrize("command", ["convert", "validate", "query"])
def test_help_shows_a_runnable_example_and_exit_codes(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output and f"ratsgraph {command}" in result.output
    assert "Exit codes" in result.output


def test_help_examples_run(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(REFERENCE.parent, tmp_path / "samples")
    assert run("convert", "samples/kreis-mettmann-vorlage-50-034-2021.txt", "-o", "out.ttl").exit_code == 0
    assert run("validate", "out.ttl").exit_code == 0
    result = run("query", "SELECT ?name WHERE { ?o a oparl:Organization ; oparl:name ?name }", "--data", "out.ttl")
    assert "Sozialausschuss" in result.output


def test_validate_reports_focus_path_and_message(run, tmp_path):
    good = tmp_path / "good.ttl"
    run("convert", REFERENCE, "-o", good)
    graph = rdflib.Graph().parse(good, format="turtle")
    meeting = next(graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.oparl.org/1.1/Meeting")))
    graph.remove((meeting, rdflib.URIRef("https://schema.oparl.org/1.1/start"), None))
    broken = tmp_path / "broken.ttl"
    graph.serialize(broken, format="turtle")

    assert run("validate", good).exit_code == 0
    result = run("validate", broken)
    assert result.exit_code == 1
    assert f"Violation: {meeting} https://schema.oparl.org/1.1/start: a meeting has a start date" \
        in result.output


def test_validate_passes_a_merged_graph_that_names_a_person_twice_and_says_so(run, tmp_path):
    """Two documents may name one person ("Herr Altvater", "Hans Altvater"): the union conforms,
    and the report lists the warning with the person and the property."""
    good = tmp_path / "good.ttl"
    run("convert", REFERENCE, "-o", good)
    graph = rdflib.Graph().parse(good, format="turtle")
    name = rdflib.URIRef("https://schema.oparl.org/1.1/name")
    person = next(graph.subjects(rdflib.RDF.type, rdflib.URIRef("https://schema.oparl.org/1.1/Person")))
    graph.add((person, name, rdflib.Literal("Ein Anderer Name")))
    merged = tmp_path / "merged.ttl"
    graph.serialize(merged, format="turtle")

    result = run("validate", merged)
    assert result.exit_code == 0
    assert f"{merged}: conforms ({len(graph)} triples), 1 warning(s)" in result.output
    assert f"Warning: {person} {name}: the documents name this person differently" in result.output


def test_validate_names_a_file_that_does_not_parse(run, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .")
    result = run("validate", bad)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"ratsgraph: error: {bad}: not valid turtle")


def test_query_formats(run, tmp_path):
    data = tmp_path / "out.nt"
    run("convert", REFERENCE, "--format", "nt", "-o", data)
    q = "SELECT ?n WHERE { ?d a rg:Decision ; rg:decidedBy/oparl:name ?n } ORDER BY ?n"
    table = run("query", q, "--data", data)
    assert table.output.splitlines()[2:5] == ["Kreisausschuss", "Kreistag", "Sozialausschuss"]
    csv = run("query", q, "--data", data, "--format", "csv")
    assert csv.output.split() == ["n", "Kreisausschuss", "Kreistag", "Sozialausschuss"]
    results = json.loads(run("query", q, "--data", data, "--format", "json").output)
    assert [b["n"]["value"] for b in results["results"]["bindings"]] == ["Kreisausschuss", "Kreistag",
                                                                          "Sozialausschuss"]


def test_query_converts_minutes_given_as_data(run, tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text("ASK { ?p a oparl:Paper ; oparl:reference \"50/034/2021\" }")
    result = run("query", "-q", query_file, "--data", REFERENCE)
    assert result.output.strip() == "true"


def test_query_syntax_error_is_one_line(run):
    result = run("query", "SELECT WHERE {", "--data", REFERENCE)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1


def test_end_to_end_as_a_user_runs_it(tmp_path):
    """The installed console script, in a real subprocess."""
    exe = Path(sys.executable).with_name("ratsgraph")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "ratsgraph"]
    out = tmp_path / "out.ttl"
    done = subprocess.run([*command, "convert", str(REFERENCE), "-o", str(out)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    assert len(rdflib.Graph().parse(out, format="turtle")) > 400


def test_output_file_gets_the_usual_permissions(run, tmp_path):
    out = tmp_path / "out.ttl"
    run("convert", REFERENCE, "-o", out)
    mask = os.umask(0)
    os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask
