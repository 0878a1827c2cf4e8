"""Every OParl 1.1 example converts, and graph → OParl JSON → graph is isomorphic for each; the
exported JSON is valid against the OParl 1.1 schema files (embedded objects and formats too),
and so is the export of converted minutes. The examples are read from ../shared/oparl/examples
(CC BY-SA 4.0, the OParl authors) at test time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from ratsgraph.cli import main
from ratsgraph.graph.oparl import oparl_triples
from ratsgraph.oparl.export import export_graph
from ratsgraph.oparl.reader import read_oparl
from ratsgraph.oparl.schema import schema_errors
from ratsgraph.pipeline import convert_path
from ratsgraph.validate import to_rdflib

from .conftest import OPARL_EXAMPLES, REFERENCE, SHARED

EXAMPLES = sorted(OPARL_EXAMPLES.glob("*.json")) if OPARL_EXAMPLES.exists() else []
SCHEMA = SHARED / "oparl" / "schema"


def assert_isomorphic(first: rdflib.Graph, second: rdflib.Graph) -> None:
    if isomorphic(first, second):
        return
    _both, only_first, only_second = graph_diff(to_isomorphic(first), to_isomorphic(second))
    lines = [f"- {t}" for t in sorted(only_first)] + [f"+ {t}" for t in sorted(only_second)]
    pytest.fail("graphs differ:\n" + "\n".join(lines[:60]))


def test_all_eight_examples_are_there(oparl_examples: Path) -> None:
    assert len(EXAMPLES) == 8


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_example_converts_on_the_command_line(example: Path) -> None:
    result = CliRunner().invoke(main, ["convert", str(example), "--format", "nt"])
    assert result.exit_code == 0, result.stderr  # and conforms to the OParl profile
    subjects = {line.split(" ", 1)[0] for line in result.stdout.splitlines()}
    assert f"<{json.loads(example.read_text())['id']}>" in subjects  # the OParl id is the IRI


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_graph_to_oparl_json_to_graph_is_isomorphic(example: Path) -> None:
    first = convert_path(example)
    exported = export_graph(first.triples)
    again = read_oparl(exported.to_json(), "export.json")
    assert_isomorphic(to_rdflib(first.triples), to_rdflib(oparl_triples(again.objects)))
    assert exported.warnings == []
    assert again.warnings == []  # the export repaired the quirks of the example (a missing `order`)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_export_of_example_is_valid_against_the_schema(example: Path) -> None:
    exported = export_graph(convert_path(example).triples)
    assert schema_errors(exported.objects, SCHEMA) == []


def test_export_of_all_examples_together_is_valid(oparl_examples: Path) -> None:
    triples = [t for example in EXAMPLES for t in convert_path(example).triples]
    exported = export_graph(triples)
    assert schema_errors(exported.objects, SCHEMA) == []
    # the examples disagree about the same file and location (created, name): one value is chosen
    assert exported.warnings and all("where OParl allows one" in w for w in exported.warnings)


def test_schema_check_catches_what_the_examples_lack(oparl_examples: Path) -> None:
    meeting = json.loads((OPARL_EXAMPLES / "Meeting-01.json").read_text())
    assert any("'order' is a required property" in e for e in schema_errors([meeting], SCHEMA))


def test_export_of_converted_minutes_is_valid_oparl(oparl_examples: Path, tmp_path: Path) -> None:
    out = tmp_path / "minutes.json"
    result = CliRunner().invoke(main, ["oparl", "export", str(REFERENCE), "-o", str(out),
                                       "--schema", str(SCHEMA)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))["data"]
    types = {o["type"].rsplit("/", 1)[1] for o in data}
    assert {"Body", "Organization", "Person", "Meeting", "Paper"} <= types
    meeting = next(o for o in data if o["type"].endswith("Meeting") and o.get("agendaItem"))
    assert meeting["agendaItem"][0]["order"] == 0  # required by OParl, made up from the place
    assert meeting["start"].endswith(("+01:00", "+02:00"))  # a day from minutes, as local midnight


def test_export_reads_rdf_files(oparl_examples: Path, tmp_path: Path) -> None:
    ttl = tmp_path / "meeting.ttl"
    converted = CliRunner().invoke(main, ["convert", str(OPARL_EXAMPLES / "Meeting-01.json"), "-o", str(ttl)])
    assert converted.exit_code == 0
    result = CliRunner().invoke(main, ["oparl", "export", str(ttl)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["data"][0]["id"] == "https://oparl.example.org/meeting/281"


def test_export_without_oparl_objects_fails(tmp_path: Path) -> None:
    ttl = tmp_path / "empty.ttl"
    ttl.write_text("<https://x.example/a> <https://x.example/b> <https://x.example/c> .\n")
    result = CliRunner().invoke(main, ["oparl", "export", str(ttl), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 1
    assert "no OParl object" in result.stderr
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "xml"])
def test_oparl_conversion_reads_back_in_every_output_format(oparl_examples: Path, fmt: str) -> None:
    example = OPARL_EXAMPLES / "Body-01.json"  # GeoJSON (rdf:JSON), dates, lists, embedded objects
    result = CliRunner().invoke(main, ["convert", str(example), "--format", fmt])
    assert result.exit_code == 0, result.stderr
    parsed = rdflib.Graph().parse(data=result.stdout_bytes, format={"jsonld": "json-ld"}.get(fmt, fmt))
    assert_isomorphic(to_rdflib(convert_path(example).triples), parsed)
