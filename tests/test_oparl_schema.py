"""The schema table in `ratsgraph/oparl/schema.py` agrees with the OParl 1.1 schema files, and
every key of every type reaches the graph as `oparl:<key>` with the right kind of value."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pyoxigraph import Literal, NamedNode

from ratsgraph.graph.oparl import oparl_triples
from ratsgraph.model import OParlJson, OParlLink, OParlObject
from ratsgraph.oparl.export import export_graph
from ratsgraph.oparl.schema import REQUIRED, TYPES, type_iri

from .conftest import SHARED

SCHEMA = SHARED / "oparl" / "schema"
XSD = "http://www.w3.org/2001/XMLSchema#"


def schema_file(type_name: str) -> dict:
    if not SCHEMA.exists():
        pytest.skip(f"the OParl 1.1 schema is not at {SCHEMA} (../shared/ sits next to the project)")
    return json.loads((SCHEMA / f"{type_name}.json").read_text(encoding="utf-8"))


def test_the_table_has_the_twelve_types() -> None:
    assert sorted(TYPES) == sorted(["System", "Body", "LegislativeTerm", "Organization", "Person",
                                    "Membership", "Meeting", "AgendaItem", "Paper", "Consultation", "File",
                                    "Location"])


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_table_agrees_with_the_schema_file(type_name: str) -> None:
    schema = schema_file(type_name)
    keys = {k: v for k, v in schema["properties"].items() if k not in ("id", "type")}
    assert set(TYPES[type_name]) == set(keys)
    assert set(REQUIRED.get(type_name, ())) == set(schema["required"]) - {"id", "type"}
    for name, spec in keys.items():
        key = TYPES[type_name][name]
        assert key.many == (spec.get("type") == "array"), name
        if spec.get("type") == "object" or spec.get("items", {}).get("type") == "object":
            expected = (spec.get("schema") or spec.get("items", {}).get("schema") or "").removesuffix(".json")
            if spec.get("references") == "externalList":
                assert key.kind == "list", name
            elif expected:
                assert (key.kind, key.target) == ("object", expected), name
            else:
                assert key.kind == "json", name
        elif spec.get("references") == "externalList":
            assert key.kind == "list", name
        elif spec.get("references") or spec.get("items", {}).get("references"):
            assert key.kind == "ref", name
        elif "url" in (spec.get("format"), spec.get("items", {}).get("format")):
            assert key.kind == "url", name
        elif spec.get("format") in ("date", "date-time"):
            assert key.kind == {"date": "date", "date-time": "datetime"}[spec["format"]], name
        elif name == "license":
            assert key.kind == "url"  # a URL in Body and System, text elsewhere: read as a URL everywhere
        else:
            assert key.kind == {"string": "text", "integer": "integer", "boolean": "boolean"}.get(
                spec.get("items", {}).get("type", spec.get("type")), "?"), name


def sample_value(type_name: str, key: str):
    spec = TYPES[type_name][key]
    value = {
        "text": "Text", "url": OParlLink("https://ris.example/url"), "ref": OParlLink("https://ris.example/ref"),
        "list": OParlLink("https://ris.example/list"), "object": OParlLink(f"https://ris.example/{key}"),
        "date": dt.date(2020, 1, 31), "datetime": dt.datetime(2020, 1, 31, 8, tzinfo=dt.UTC),
        "integer": 3, "boolean": True, "json": OParlJson('{"type":"Point"}'),
    }[spec.kind]
    if key == "oparlVersion":
        value = "https://schema.oparl.org/1.1/"
    return (value,) if spec.many else value


@pytest.mark.parametrize("type_name", sorted(TYPES))
def test_every_key_reaches_the_graph_with_its_kind_of_value(type_name: str) -> None:
    keys = [k for k in TYPES[type_name] if k != "deleted"]
    obj = OParlObject(f"https://ris.example/{type_name}", type_name,
                      tuple((k, sample_value(type_name, k)) for k in keys))
    children = [OParlObject(f"https://ris.example/{k}", TYPES[type_name][k].target or "File", ())
                for k in keys if TYPES[type_name][k].kind == "object"]
    triples = oparl_triples([obj, *children])
    values = {t.predicate.value.rsplit("/", 1)[1]: t.object for t in triples if t.subject.value == obj.iri}
    assert set(keys) <= set(values)
    for key in keys:
        kind, term = TYPES[type_name][key].kind, values[key]
        if kind in ("url", "ref", "list", "object"):
            assert isinstance(term, NamedNode), key
        else:
            assert isinstance(term, Literal), key
            expected = {"text": XSD + "string", "date": XSD + "date", "datetime": XSD + "dateTime",
                        "integer": XSD + "integer", "boolean": XSD + "boolean",
                        "json": "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"}[kind]
            assert term.datatype.value == expected, key
    # and every key comes back out of the graph
    exported = next(o for o in export_graph(triples).objects if o["id"] == obj.iri)
    assert exported["type"] == type_iri(type_name)
    assert set(keys) <= set(exported)
