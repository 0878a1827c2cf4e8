"""The OParl 1.1 profile (`shapes/oparl.ttl`, `ratsgraph validate --profile oparl`): required keys
are violations, recommended ones warnings, kinds of values are checked, deleted objects are
exempt, and the shapes cover every key of the schema table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratsgraph.cli import main
from ratsgraph.graph.oparl import oparl_triples
from ratsgraph.oparl.profile import check, shapes_turtle
from ratsgraph.oparl.reader import read_oparl
from ratsgraph.oparl.schema import RECOMMENDED, REQUIRED, REQUIRED_AS_WARNING, TYPES
from ratsgraph.validate import validate_triples

from .conftest import OPARL_EXAMPLES, ROOT

T = "https://schema.oparl.org/1.1/"


def results(*objects: dict) -> list[tuple[str, str, str]]:
    triples = oparl_triples(read_oparl(json.dumps({"data": list(objects)}), "test.json").objects)
    report = validate_triples(triples, profile="oparl")
    return [(v.severity, v.focus, v.message) for v in report.violations]


def violations(*objects: dict) -> list[str]:
    return [message for severity, _focus, message in results(*objects) if severity == "Violation"]


def test_every_example_conforms(oparl_examples: Path) -> None:
    for example in sorted(OPARL_EXAMPLES.glob("*.json")):
        result = CliRunner().invoke(main, ["validate", "--profile", "oparl", str(example)])
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize(("obj", "message"), [
    ({"id": "https://x.example/item", "type": T + "AgendaItem", "name": "x"}, "needs oparl:order"),
    ({"id": "https://x.example/file", "type": T + "File", "name": "x"}, "needs oparl:accessUrl"),
    ({"id": "https://x.example/body", "type": T + "Body", "organization": "https://x.example/o",
      "person": "https://x.example/p", "meeting": "https://x.example/m", "paper": "https://x.example/pa"},
     "a Body needs oparl:name"),
    ({"id": "https://x.example/system", "type": T + "System", "oparlVersion": "https://schema.oparl.org/1.1/"},
     "a System needs oparl:body"),
    ({"id": "https://x.example/system", "type": T + "System", "oparlVersion": "https://schema.oparl.org/2.0/",
      "body": "https://x.example/bodies"}, "oparl:oparlVersion is https://schema.oparl.org/1.0/"),
])
def test_a_missing_required_key_is_a_violation(obj: dict, message: str) -> None:
    assert any(message in v for v in violations(obj))


def test_wrong_kinds_of_values_are_violations() -> None:
    ttl = f"""
        <https://x.example/m> a <{T}Meeting> ; <{T}start> "morgen" ; <{T}organization> "Rat" ;
            <{T}cancelled> "nein" .
    """
    import rdflib

    from ratsgraph.validate import profile_shapes, validate_graph

    report = validate_graph(rdflib.Graph().parse(data=ttl, format="turtle"), profile_shapes("oparl"))
    paths = {v.path.rsplit("/", 1)[1] for v in report.violations if v.severity == "Violation"}
    assert paths == {"start", "organization", "cancelled"}


def test_deleted_objects_need_no_required_key() -> None:
    assert violations({"id": "https://x.example/item", "type": T + "AgendaItem", "deleted": True}) == []


def test_a_missing_recommended_key_is_a_warning_only(tmp_path: Path) -> None:
    obj = {"id": "https://x.example/paper", "type": T + "Paper"}
    found = results(obj)
    assert found and {severity for severity, _f, _m in found} == {"Warning"}
    assert any("should have oparl:reference (recommended)" in m for _s, _f, m in found)
    path = tmp_path / "paper.json"
    path.write_text(json.dumps(obj), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--profile", "oparl", str(path)])
    assert result.exit_code == 0  # warnings are shown, the exit code stays 0
    assert "Warning:" in result.output


def test_a_day_where_oparl_wants_a_date_time_is_a_warning() -> None:
    found = results({"id": "https://x.example/m", "type": T + "Meeting", "start": "2021-11-25", "name": "x",
                     "organization": ["https://x.example/o"], "created": "2021-11-01T10:00:00+01:00",
                     "modified": "2021-11-01T10:00:00+01:00"})
    assert [(s, m) for s, _f, m in found] == [
        ("Warning", "oparl:start: OParl gives a date-time; a day alone is exported as 00:00 local time")]


def test_validate_picks_the_oparl_profile_for_oparl_json_and_exits_1_on_violations(tmp_path: Path) -> None:
    path = tmp_path / "item.json"
    path.write_text(json.dumps({"id": "https://x.example/item", "type": T + "AgendaItem"}), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert "Violation: https://x.example/item" in result.output and "needs oparl:order" in result.output


def test_converted_minutes_lack_what_oparl_requires_and_their_export_adds_it(tmp_path: Path) -> None:
    from .conftest import REFERENCE

    ttl, exported = tmp_path / "minutes.ttl", tmp_path / "minutes.json"
    converted = CliRunner().invoke(main, ["convert", str(REFERENCE), "-o", str(ttl), "--no-validate"])
    assert converted.exit_code == 0
    result = CliRunner().invoke(main, ["validate", "--profile", "oparl", str(ttl)])
    assert result.exit_code == 1 and "a Body needs oparl:organization" in result.output  # no object lists
    assert CliRunner().invoke(main, ["oparl", "export", str(ttl), "-o", str(exported)]).exit_code == 0
    result = CliRunner().invoke(main, ["validate", str(exported)])
    assert result.exit_code == 0, result.output  # the export is OParl 1.1 (warnings at most)


def test_shapes_cover_every_key_and_every_required_and_recommended_one() -> None:
    text = (ROOT / "shapes" / "oparl.ttl").read_text(encoding="utf-8")
    for type_name, keys in TYPES.items():
        for key in keys:
            assert f"opsh:value-{key}" in text
        for key in REQUIRED.get(type_name, ()) + RECOMMENDED.get(type_name, ()):
            assert f"opsh:{type_name}-{key}\n" in text
    for type_name, key in REQUIRED_AS_WARNING:
        block = text.split(f"opsh:{type_name}-{key}\n", 1)[1].split(" .\n", 1)[0]
        assert "sh:severity sh:Warning" in block


def test_shapes_are_what_the_generator_writes() -> None:
    generated = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_oparl_profile.py")],
                               capture_output=True, text=True, check=True).stdout
    assert generated == shapes_turtle() == (ROOT / "shapes" / "oparl.ttl").read_text(encoding="utf-8"), \
        "shapes/oparl.ttl is out of date: python tools/gen_oparl_profile.py > shapes/oparl.ttl"


# --- the fast check that `convert` runs gives what pyshacl gives with the shapes ------------------

BROKEN = f"""
    @prefix oparl: <{T}> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    <https://x.example/m> a oparl:Meeting ; oparl:start "morgen" ; oparl:organization "Rat" ;
        oparl:cancelled "nein" ; oparl:name "a"@de , "b" ; oparl:end "2020-01-01"^^xsd:date ;
        oparl:created "2020-13-01T00:00:00"^^xsd:dateTime .
    <https://x.example/o> a oparl:Organization ; oparl:organizationType "Club" ; oparl:website "kein" .
    <https://x.example/s> a oparl:System ; oparl:oparlVersion <https://schema.oparl.org/1.1/> ;
        oparl:body <https://x.example/b> .
    <https://x.example/f> a oparl:File ; oparl:size "x"^^xsd:integer ; oparl:deleted true .
    <https://x.example/l> a oparl:Location ; oparl:geojson "{{}}" .
    <https://x.example/i> a oparl:AgendaItem , oparl:Paper ; oparl:order 1.5 .
"""


def _graphs() -> dict[str, list]:
    from pyoxigraph import RdfFormat, Triple, parse

    from ratsgraph.pipeline import convert_path

    from .conftest import REFERENCE

    graphs = {"broken": [Triple(q.subject, q.predicate, q.object)
                         for q in parse(BROKEN.encode(), format=RdfFormat.TURTLE)],
              "minutes": convert_path(REFERENCE).triples}
    graphs["bad objects"] = oparl_triples(read_oparl(json.dumps({"data": [
        {"id": "https://x.example/item", "type": T + "AgendaItem", "name": "x"},
        {"id": "https://x.example/gone", "type": T + "AgendaItem", "deleted": True},
        {"id": "https://x.example/file", "type": T + "File", "name": "x"},
        {"id": "https://x.example/body", "type": T + "Body"},
        {"id": "https://x.example/sys", "type": T + "System", "oparlVersion": "https://schema.oparl.org/2.0/"},
    ]})).objects)
    if OPARL_EXAMPLES.exists():
        examples = [convert_path(e).triples for e in sorted(OPARL_EXAMPLES.glob("*.json"))]
        graphs["examples, merged"] = [t for triples in examples for t in triples]
    return graphs


@pytest.mark.parametrize("name", ["broken", "minutes", "bad objects", "examples, merged"])
def test_the_fast_check_gives_what_pyshacl_gives(name: str) -> None:
    graphs = _graphs()
    if name not in graphs:
        pytest.skip("the OParl examples are not at ../shared/oparl/examples")
    fast, shacl = check(graphs[name]), validate_triples(graphs[name], profile="oparl")
    assert set(fast.violations) == set(shacl.violations)
    assert fast.conforms == shacl.conforms
    assert fast.violations  # each of these graphs has something to report
