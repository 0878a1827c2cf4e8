"""The OParl 1.1 data model as ratsgraph reads and writes it: every key of every object type,
its kind of value and whether it holds an array.

Written from the schema files of OParl 1.1.1 (`../shared/oparl/schema/*.json`);
`tests/test_oparl_schema.py` checks that this table and those files agree key for key."""

from __future__ import annotations

import re
from dataclasses import dataclass

NAMESPACE = "https://schema.oparl.org/1.1/"

#: Kinds of values. `ref` points to another object, `list` to an external object list (both are
#: URLs and become IRIs), `object` is an embedded object, `json` a JSON value kept whole.
KINDS = ("text", "url", "ref", "list", "date", "datetime", "integer", "boolean", "json", "object")

# One line per type: "key kind[ Target][*]"; "*" marks an array. Keys in the order of the schema.
_TABLE = """
System: oparlVersion text; otherOparlVersions ref System*; license url; body list Body; name text;
 contactEmail text; contactName text; website url; vendor url; product url
Body: system ref System; shortName text; name text; website url; license url; licenseValidSince datetime;
 oparlSince datetime; ags text; rgs text; equivalent url*; contactEmail text; contactName text;
 organization list Organization; person list Person; meeting list Meeting; paper list Paper;
 legislativeTerm object LegislativeTerm*; agendaItem list AgendaItem; consultation list Consultation;
 file list File; locationList list Location; legislativeTermList list LegislativeTerm;
 membership list Membership; classification text; location object Location; keyword text*
LegislativeTerm: body ref Body; name text; startDate date; endDate date; license url; keyword text*
Organization: body ref Body; name text; membership ref Membership*; meeting list Meeting;
 consultation list Consultation; shortName text; post text*; subOrganizationOf ref Organization;
 organizationType text; classification text; startDate date; endDate date; website url;
 location object Location; externalBody ref Body; license url; keyword text*
Person: body ref Body; name text; familyName text; givenName text; formOfAddress text; affix text;
 title text*; gender text; phone text*; email text*; location ref Location; locationObject object Location;
 status text*; membership object Membership*; life text; lifeSource text; license url; keyword text*
Membership: person ref Person; organization ref Organization; role text; votingRight boolean;
 startDate date; endDate date; onBehalfOf ref Organization; license url; keyword text*
Meeting: name text; meetingState text; cancelled boolean; start datetime; end datetime;
 location object Location; organization ref Organization*; participant ref Person*;
 invitation object File; resultsProtocol object File; verbatimProtocol object File;
 auxiliaryFile object File*; agendaItem object AgendaItem*; license url; keyword text*
AgendaItem: meeting ref Meeting; number text; order integer; name text; public boolean;
 consultation ref Consultation; result text; resolutionText text; resolutionFile object File;
 auxiliaryFile object File*; start datetime; end datetime; license url; keyword text*
Paper: body ref Body; name text; reference text; date date; paperType text; relatedPaper ref Paper*;
 superordinatedPaper ref Paper*; subordinatedPaper ref Paper*; mainFile object File;
 auxiliaryFile object File*; location object Location*; originatorPerson ref Person*;
 underDirectionOf ref Organization*; originatorOrganization ref Organization*;
 consultation object Consultation*; license url; keyword text*
Consultation: paper ref Paper; agendaItem ref AgendaItem; meeting ref Meeting;
 organization ref Organization*; authoritative boolean; role text; license url; keyword text*
File: name text; fileName text; mimeType text; date date; size integer; sha1Checksum text;
 sha512Checksum text; text text; accessUrl url; downloadUrl url; externalServiceUrl url;
 masterFile ref File; derivativeFile ref File*; fileLicense url; meeting ref Meeting*;
 agendaItem ref AgendaItem*; paper ref Paper*; license url; keyword text*
Location: description text; geojson json; streetAddress text; room text; postalCode text;
 subLocality text; locality text; bodies ref Body*; organizations ref Organization*;
 persons ref Person*; meetings ref Meeting*; papers ref Paper*; license url; keyword text*
"""

#: Keys every type has, after its own (System has no `keyword`, but `license` of its own).
_COMMON = "created datetime; modified datetime; web url; deleted boolean"

#: Required keys besides `id` and `type` (the schema's "required").
REQUIRED: dict[str, tuple[str, ...]] = {
    "System": ("oparlVersion", "body"),
    "Body": ("name", "organization", "person", "meeting", "paper", "legislativeTerm"),
    "AgendaItem": ("order",),
    "File": ("accessUrl",),
}

#: Keys ratsgraph recommends (warnings of the OParl profile, `shapes/oparl.ttl`): the properties
#: the OParl 1.1 specification marks EMPFOHLEN, as far as the schema files lack them, and
#: `created`/`modified`, which incremental crawls (`modified_since`) need.
RECOMMENDED: dict[str, tuple[str, ...]] = {
    "System": ("name", "contactEmail", "website", "vendor", "product"),
    "Body": ("shortName", "website", "license", "contactEmail", "system", "created", "modified"),
    "LegislativeTerm": ("name", "startDate", "endDate"),
    "Organization": ("name", "organizationType", "body", "created", "modified"),
    "Person": ("name", "familyName", "created", "modified"),
    "Membership": ("organization", "person"),
    "Meeting": ("name", "start", "organization", "created", "modified"),
    "AgendaItem": ("name", "number", "meeting"),
    "Paper": ("name", "reference", "date", "paperType", "created", "modified"),
    "Consultation": ("paper", "organization"),
    "File": ("name", "fileName", "mimeType", "size", "created", "modified"),
    "Location": ("description",),
}

#: Required keys whose absence the profile can only warn about: an empty array (a Body without
#: legislative terms) leaves no triple, so RDF cannot tell it from a missing key.
REQUIRED_AS_WARNING = {("Body", "legislativeTerm")}

#: Where an embedded object implies a back reference that OParl leaves out inside its parent
#: ("only output when the object is fetched on its own"): (parent type, key) → child key.
BACK_REFERENCES: dict[tuple[str, str], str] = {
    ("Meeting", "agendaItem"): "meeting",
    ("Paper", "consultation"): "paper",
    ("Person", "membership"): "person",
    ("Body", "legislativeTerm"): "body",
}

#: `oparlVersion` of a System is one of these (schema pattern).
OPARL_VERSION = re.compile(r"^https://schema\.oparl\.org/1\.[01]/$")

#: Type IRIs ratsgraph accepts: OParl 1.0 and 1.1 (and, reported as a quirk, plain http).
TYPE_IRI = re.compile(r"^(?P<scheme>https?)://schema\.oparl\.org/(?P<version>1\.[01])/(?P<name>[A-Za-z]+)$")


@dataclass(frozen=True, slots=True)
class Key:
    """One key of an OParl type."""

    name: str
    kind: str
    many: bool = False
    target: str | None = None  # the referenced, listed or embedded type

    @property
    def is_iri(self) -> bool:
        return self.kind in ("url", "ref", "list", "object")


def _parse(table: str) -> dict[str, dict[str, Key]]:
    types: dict[str, dict[str, Key]] = {}
    for entry in re.split(r"\n(?=\S)", table.strip()):
        name, _, body = entry.partition(":")
        keys: dict[str, Key] = {}
        spec = " ".join(body.split())
        common = [c for c in _COMMON.split("; ")]
        for part in [p for p in spec.split("; ") if p] + common:
            words = part.split()
            many = words[-1].endswith("*")
            words[-1] = words[-1].rstrip("*")
            key, kind, target = words[0], words[1], (words[2] if len(words) > 2 else None)
            assert kind in KINDS, part
            keys[key] = Key(key, kind, many, target)
        types[name.strip()] = keys
    return types


#: Type name → key name → `Key`, for the twelve OParl 1.1 types.
TYPES: dict[str, dict[str, Key]] = _parse(_TABLE)


def key_of(type_name: str, key: str) -> Key | None:
    """The schema's description of a key, or None for a key outside OParl 1.1."""
    return TYPES.get(type_name, {}).get(key)


def type_iri(type_name: str) -> str:
    return NAMESPACE + type_name


def embedding_keys(type_name: str) -> list[Key]:
    """The keys of a type that hold embedded objects."""
    return [k for k in TYPES.get(type_name, {}).values() if k.kind == "object"]


# --- conformance to the schema files ---------------------------------------------------------

_RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")


def schema_errors(objects: list[dict], schema_dir) -> list[str]:
    """Check OParl objects against the OParl 1.1 schema files in `schema_dir` (`System.json`, …),
    embedded objects against the schema of their type and formats (date, date-time, url)
    included. Returns one line per error; needs the `jsonschema` package."""
    import json
    from pathlib import Path

    import jsonschema
    from referencing import Registry, Resource

    base = "https://schema.oparl.org/1.1/schema/"
    registry = Registry()
    for path in sorted(Path(schema_dir).glob("*.json")):
        document = _with_refs(json.loads(path.read_text(encoding="utf-8")))
        document["$id"] = base + path.name
        document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        registry = registry.with_resource(base + path.name, Resource.from_contents(document))
    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date")(lambda v: not isinstance(v, str) or _is_date(v))
    checker.checks("date-time")(lambda v: not isinstance(v, str) or bool(_RFC3339.match(v)))
    checker.checks("url")(lambda v: not isinstance(v, str) or bool(re.match(r"^https?://[^\s]+$", v)))
    errors = []
    for obj in objects:
        m = TYPE_IRI.match(str(obj.get("type", "")))
        if not m or m["name"] not in TYPES:
            errors.append(f"{obj.get('id')}: not an OParl 1.1 type: {obj.get('type')!r}")
            continue
        schema = registry.contents(base + m["name"] + ".json")
        validator = jsonschema.Draft202012Validator(schema, registry=registry, format_checker=checker)
        for error in validator.iter_errors(obj):
            where = "/".join(str(p) for p in error.absolute_path)
            errors.append(f"{obj.get('id')} {where}: {error.message}")
    return errors


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _with_refs(node):
    """The OParl schema names an embedded object's schema with a key of its own ("schema":
    "File.json"); add the JSON Schema `$ref` that makes a validator follow it."""
    if isinstance(node, dict):
        out = {k: _with_refs(v) for k, v in node.items()}
        if isinstance(node.get("schema"), str) and node["schema"].endswith(".json"):
            out["$ref"] = node["schema"]
        return out
    if isinstance(node, list):
        return [_with_refs(v) for v in node]
    return node
