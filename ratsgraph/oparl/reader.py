"""OParl JSON → `OParlObject`s: single objects, list pages (`data`, `links.next`), embedded
objects, OParl 1.0 and 1.1 type IRIs and soft-deleted objects.

Reading has two steps. `repair` turns what a server sent into OParl 1.1 JSON, tolerating the
known vendor quirks and counting each one in `Quirks` (reported as warnings, never silently);
the crawler writes its output from this step. `flatten` then turns the repaired objects into
the model: every embedded object becomes an object of its own, referred to by its id."""

from __future__ import annotations

import datetime as dt
import gc
import json
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from urllib.parse import quote

from ..errors import DecodeError, InputError
from ..model import Minutes, OParlJson, OParlLink, OParlObject, OParlScalar
from .schema import BACK_REFERENCES, TYPE_IRI, TYPES, Key, type_iri

#: Local time of German councils, assumed for date-times that a server gives without an offset.
LOCAL_TIME_ZONE = "Europe/Berlin"

#: An absolute IRI as pyoxigraph accepts it: a scheme, then no white space or excluded characters.
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")

#: Control characters that XML and many tools refuse (tab, line feed and carriage return are fine).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

#: What each tolerated quirk means, as the warning says it.
QUIRKS: dict[str, str] = {
    "control-characters": "raw control characters inside JSON strings, which JSON forbids (read anyway)",
    "control-characters-removed": "control characters in text values (removed)",
    "byte-order-mark": "a UTF-8 byte order mark before the JSON (ignored)",
    "not-utf8": "bytes that are not UTF-8 (read as Windows-1252)",
    "single-for-list": "a single value where OParl requires an array (read as an array of one)",
    "single-object-page": "a list page whose `data` is a single object, not an array (read as one element)",
    "list-for-single": "an array where OParl requires a single value (its values kept)",
    "no-id": "embedded objects without `id` (given an IRI made from their parent's id and key)",
    "no-type": "embedded objects without `type` (typed by the key that holds them)",
    "http-type": "type IRIs with http:// instead of https:// (read as OParl types)",
    "no-offset": f"date-times without UTC offset (read as {LOCAL_TIME_ZONE} local time)",
    "date-for-datetime": "a date where OParl requires a date-time (kept as a date)",
    "datetime-for-date": "a date-time where OParl requires a date (the date part kept)",
    "invalid-date": "dates or date-times that do not parse (left out)",
    "wrong-type": "values of the wrong JSON type (converted: \"true\" → true, 5 → \"5\")",
    "invalid-url": "URLs with characters that are not allowed in an IRI (percent-encoded)",
    "not-a-url": "a URL key whose value is not an absolute URL (kept as text)",
    "object-for-reference": "an embedded object where OParl expects the URL of an object (read as both)",
    "reference-for-object": "a URL where OParl embeds the object (kept as a reference)",
    "no-order": "agenda items without `order`, which OParl 1.1 requires "
                "(numbered by their place in the meeting)",
    "null": "keys whose value is null (left out)",
    "unknown-key": "keys that OParl 1.1 does not define for the type (kept as oparl:<key>)",
    "unknown-type": "objects of a type OParl 1.1 does not define (kept with their keys)",
    "untyped": "objects without an OParl `type` (left out)",
    "no-id-top": "objects without `id` outside any parent (left out: nothing to name them by)",
    "conflicting-duplicates": "one id given several times with different values (the first kept)",
    "next-page": "a list page with a next page "
                 "(only this page was read; `ratsgraph oparl crawl` follows them)",
}


@dataclass
class Quirks:
    """Counts the quirks met in one input, with the first place each was seen."""

    source: str = "<input>"
    counts: dict[str, int] = field(default_factory=dict)
    first: dict[str, str] = field(default_factory=dict)
    unknown_keys: dict[str, None] = field(default_factory=dict)

    def add(self, quirk: str, where: str = "") -> None:
        assert quirk in QUIRKS, quirk
        self.counts[quirk] = self.counts.get(quirk, 0) + 1
        self.first.setdefault(quirk, where)

    def merge(self, other: Quirks) -> None:
        for quirk, n in other.counts.items():
            self.counts[quirk] = self.counts.get(quirk, 0) + n
            self.first.setdefault(quirk, other.first.get(quirk, ""))
        self.unknown_keys.update(other.unknown_keys)

    def messages(self) -> list[str]:
        """One warning per kind of quirk, in the order of `QUIRKS`."""
        out = []
        for quirk, text in QUIRKS.items():
            n = self.counts.get(quirk)
            if not n:
                continue
            detail = ""
            if quirk == "unknown-key" and self.unknown_keys:
                detail = f": {', '.join(sorted(self.unknown_keys)[:12])}"
            where = self.first.get(quirk)
            where = f" (first: {where})" if where else ""
            out.append(f"{n} × {text}{detail}{where}")
        return out

    def __bool__(self) -> bool:
        return bool(self.counts)


@dataclass(frozen=True)
class Page:
    """One repaired OParl JSON document: its objects, and the next page if it is a list page."""

    objects: list[dict]
    next_url: str | None = None
    is_list: bool = False


# --- step 0: bytes → JSON --------------------------------------------------------------------


def parse_json(data: bytes | str, source: str, quirks: Quirks) -> object:
    """Decode and parse JSON, tolerating a byte order mark, Windows-1252 and raw control
    characters in strings. Raises DecodeError (not JSON) naming the line and column."""
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            quirks.add("byte-order-mark")
            data = data[3:]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            quirks.add("not-utf8")
            text = data.decode("cp1252", errors="replace")
    else:
        text = data.lstrip("\ufeff")
    try:
        return json.loads(text)
    except RecursionError:
        raise DecodeError("JSON nested too deeply (more than Python's recursion limit)", source) from None
    except json.JSONDecodeError as err:
        if "control character" not in err.msg:
            raise DecodeError(f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}",
                              source, err.pos) from None
    try:
        value = json.loads(text, strict=False)
    except RecursionError:
        raise DecodeError("JSON nested too deeply (more than Python's recursion limit)", source) from None
    except json.JSONDecodeError as err:
        raise DecodeError(f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}",
                          source, err.pos) from None
    quirks.add("control-characters", source)
    return value


# --- step 1: repair ---------------------------------------------------------------------------


def repair_document(value: object, source: str, quirks: Quirks) -> Page:
    """The objects of an OParl JSON document: a single object, a list page or a JSON array of
    objects. Raises InputError when it holds no OParl object at all."""
    if isinstance(value, dict) and "data" in value and "type" not in value:
        data = value["data"]
        if isinstance(data, dict):
            quirks.add("single-object-page", source)
            data = [data]
        elif not isinstance(data, list):
            raise InputError("an OParl list page whose `data` is neither an array nor an object", source)
        links = value.get("links") if isinstance(value.get("links"), dict) else {}
        next_url = links.get("next") if isinstance(links.get("next"), str) else None
        return Page(_repair_top(data, source, quirks), next_url or None, True)
    if isinstance(value, dict):
        if "type" not in value and "id" not in value:
            raise InputError("not OParl JSON: neither an object with `type` nor a list page with `data`",
                             source)
        return Page(_repair_top([value], source, quirks))
    if isinstance(value, list):
        return Page(_repair_top(value, source, quirks), None, True)
    raise InputError("not OParl JSON: the document is neither an object nor an array", source)


def _repair_top(items: list, source: str, quirks: Quirks) -> list[dict]:
    out = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            quirks.add("untyped", f"{source} element {index}")
            continue
        repaired = repair_object(item, quirks)
        if repaired is not None:
            out.append(repaired)
    return out


def parse_type(value: object, quirks: Quirks, where: str) -> str | None:
    """The type name of an OParl type IRI (1.0 or 1.1), or None."""
    if not isinstance(value, str):
        return None
    name, http, known, _ = _read_type(value)
    if name is None:
        return None
    if http:
        quirks.add("http-type", where)
    if not known:
        quirks.add("unknown-type", f"{where} {value}")
    return name


@lru_cache(maxsize=256)
def _read_type(value: str) -> tuple[str | None, bool, bool, str | None]:
    """A type value read once: its type name, whether it says http://, whether OParl 1.1 defines
    the type, and the type IRI as given where it is kept (https, 1.0 or 1.1)."""
    m = TYPE_IRI.match(value.strip())
    if not m:
        return None, False, False, None
    given = value.strip()
    kept = given if given.startswith("https:") and TYPE_IRI.match(given) else None
    return m["name"], m["scheme"] == "http", m["name"] in TYPES, kept


def repair_object(obj: dict, quirks: Quirks, expected: str | None = None, parent: str | None = None,
                  key: str | None = None, index: int | None = None) -> dict | None:
    """An OParl object with its quirks repaired; None when it cannot be read (no type, or no id
    and no parent to name it by). Embedded objects stay embedded."""
    given = obj.get("type")
    reading = _read_type(given) if type(given) is str else _NO_TYPE
    type_name, http, known, kept = reading
    if type_name is None or http or not known:  # a quirk to report: say where
        iri = obj.get("id")
        where = iri if isinstance(iri, str) else (f"{parent} {key}" if parent else "object")
        type_name = parse_type(given, quirks, str(where))
        if type_name is None:
            if expected is None:
                quirks.add("untyped", f"{where} type {given!r}")
                return None
            quirks.add("no-type", str(where))
            type_name = expected
    iri = obj.get("id")
    if not isinstance(iri, str) or not iri.strip():
        if parent is None:
            quirks.add("no-id-top", f"a {type_name}")
            return None
        iri = f"{parent}#{key}" if index is None else f"{parent}#{key}-{index + 1}"
        quirks.add("no-id", f"{type_name} → {iri}")
    else:
        iri = _fix_iri(iri.strip(), quirks, "id")
    out: dict = {"id": iri, "type": kept or type_iri(type_name)}  # 1.0 stays 1.0
    specs = TYPES.get(type_name, _NO_KEYS)
    for k, value in obj.items():
        if k == "id" or k == "type":
            continue
        if value is None:
            quirks.add("null", f"{iri} {k}")
            continue
        spec = specs.get(k)
        if spec is None:
            if type_name in TYPES:
                quirks.add("unknown-key", f"{iri} {k}")
                quirks.unknown_keys.setdefault(f"{type_name}.{k}", None)
            out[k] = _repair_generic(value, quirks, iri, k)
            continue
        if spec.many or type(value) is list:
            repaired = _repair_value(spec, value, quirks, iri, type_name)
        else:
            repaired = _repair_scalar(spec, value, quirks, iri, None)
        if repaired is not _DROP:
            out[k] = repaired
    for children_key, back in _BACK_REFERENCES.get(type_name, ()):
        _add_back_reference(out, children_key, back, iri)
    if type_name == "Meeting" and isinstance(out.get("agendaItem"), list):
        for position, item in enumerate(out["agendaItem"]):
            if isinstance(item, dict) and "order" not in item and not item.get("deleted"):
                quirks.add("no-order", item["id"])
                item["order"] = position
    return out


_DROP = object()
_NO_KEYS: dict[str, Key] = {}
_NO_TYPE: tuple[str | None, bool, bool, str | None] = (None, False, False, None)
_IRI_KINDS = frozenset(("ref", "list", "url"))


def _repair_value(spec: Key, value: object, quirks: Quirks, iri: str, type_name: str):
    # `where` strings are built only when a quirk is met: most values have none (PERFORMANCE.md)
    if spec.many:
        if not isinstance(value, list):
            quirks.add("single-for-list", f"{iri} {spec.name}")
            value = [value]
        items = []
        for index, element in enumerate(value):
            if element is None:
                quirks.add("null", f"{iri} {spec.name}")
                continue
            repaired = _repair_scalar(spec, element, quirks, iri, index)
            if repaired is not _DROP:
                items.append(repaired)
        return items
    if isinstance(value, list):
        quirks.add("list-for-single", f"{iri} {spec.name}")
        values = [_repair_scalar(spec, element, quirks, iri, index) for index, element in enumerate(value)
                  if element is not None]
        values = [v for v in values if v is not _DROP]
        if not values:
            return _DROP
        return values[0] if len(values) == 1 else values
    return _repair_scalar(spec, value, quirks, iri, None)


def _repair_scalar(spec: Key, value: object, quirks: Quirks, iri: str, index: int | None):
    kind = spec.kind
    cls = type(value)
    # The common cases first, decided without building `where`.
    if cls is str:
        if kind == "text":
            if value.isprintable() or not CONTROL_CHARACTERS.search(value):  # type: ignore[union-attr]
                return value
        elif kind in _IRI_KINDS:
            stripped = value.strip()  # type: ignore[union-attr]
            if _is_absolute_iri(stripped):
                return stripped
        elif kind in _DATE_KINDS:
            repaired, quirk = _repair_date(kind, value)  # type: ignore[arg-type]
            if quirk is not None:
                quirks.add(quirk, f"{iri} {spec.name} {value!r}")
            return repaired
    elif (cls is int and kind == "integer") or (cls is bool and kind == "boolean"):
        return value
    where = f"{iri} {spec.name}"
    if kind == "object":
        if isinstance(value, dict):
            child = repair_object(value, quirks, spec.target, iri, spec.name, index)
            return _DROP if child is None else child
        if isinstance(value, str):
            quirks.add("reference-for-object", where)
            return _fix_iri(value, quirks, where)
        quirks.add("wrong-type", where)
        return _DROP
    if kind in ("ref", "list", "url"):
        if isinstance(value, dict) and kind != "url":
            quirks.add("object-for-reference", where)
            child = repair_object(value, quirks, spec.target, iri, spec.name, index)
            return _DROP if child is None else child
        if not isinstance(value, str):
            quirks.add("wrong-type", where)
            return _DROP
        value = value.strip()
        if not ABSOLUTE_IRI.match(value) and not _looks_like_url(value):
            quirks.add("not-a-url", f"{where} {value!r}")
            return _clean_text(value, quirks, where)
        return _fix_iri(value, quirks, where)
    if kind == "text":
        if isinstance(value, bool) or isinstance(value, (int, float)):
            quirks.add("wrong-type", where)
            value = json.dumps(value)
        if not isinstance(value, str):
            quirks.add("wrong-type", where)
            return _DROP
        return _clean_text(value, quirks, where)
    if kind == "integer":
        if isinstance(value, bool):
            quirks.add("wrong-type", where)
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            quirks.add("wrong-type", where)
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            quirks.add("wrong-type", where)
            return int(value)
        quirks.add("wrong-type", where)
        return _DROP
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "ja", "yes"):
            quirks.add("wrong-type", where)
            return True
        if text in ("false", "0", "nein", "no"):
            quirks.add("wrong-type", where)
            return False
        quirks.add("wrong-type", where)
        return _DROP
    if kind in _DATE_KINDS and isinstance(value, str):
        repaired, quirk = _repair_date(kind, value)
        if quirk is not None:
            quirks.add(quirk, f"{where} {value!r}")
        return repaired
    if kind == "date":
        parsed = parse_date(value) if isinstance(value, str) else None
        if isinstance(parsed, dt.datetime):
            quirks.add("datetime-for-date", f"{where} {value!r}")
            return parsed.date().isoformat()
        if parsed is None:
            quirks.add("invalid-date", f"{where} {value!r}")
            return _DROP
        return parsed.isoformat()
    if kind == "datetime":
        parsed = parse_date(value) if isinstance(value, str) else None
        if parsed is None:
            quirks.add("invalid-date", f"{where} {value!r}")
            return _DROP
        if not isinstance(parsed, dt.datetime):
            quirks.add("date-for-datetime", f"{where} {value!r}")
            return parsed.isoformat()
        if parsed.tzinfo is None:
            quirks.add("no-offset", f"{where} {value!r}")
            parsed = with_local_offset(parsed)
        return parsed.isoformat()
    if kind == "json":
        return value
    raise AssertionError(kind)


@lru_cache(maxsize=65536)
def _repair_date(kind: str, value: str) -> tuple[object, str | None]:
    """A date ("date") or date-time ("datetime") text as repaired (or _DROP), and the quirk met;
    servers repeat the same few texts (created, modified), so each is read once."""
    parsed = parse_date(value)
    if kind == "date":
        if isinstance(parsed, dt.datetime):
            return parsed.date().isoformat(), "datetime-for-date"
        if parsed is None:
            return _DROP, "invalid-date"
        return parsed.isoformat(), None
    if parsed is None:
        return _DROP, "invalid-date"
    if not isinstance(parsed, dt.datetime):
        return parsed.isoformat(), "date-for-datetime"
    if parsed.tzinfo is None:
        return with_local_offset(parsed).isoformat(), "no-offset"
    return parsed.isoformat(), None


@lru_cache(maxsize=65536)
def _is_absolute_iri(value: str) -> bool:
    """Whether a URL is an absolute IRI; the same references recur across a system's objects."""
    return ABSOLUTE_IRI.match(value) is not None


def _repair_generic(value: object, quirks: Quirks, iri: str, key: str):
    """A key outside OParl 1.1: kept as given (strings cleaned, embedded objects repaired)."""
    if isinstance(value, str):
        return _clean_text(value, quirks, f"{iri} {key}")
    if isinstance(value, list):
        return [_repair_generic(v, quirks, iri, key) for v in value if v is not None]
    if _is_object(value):
        child = repair_object(value, quirks, None, iri, key)
        return value if child is None else child
    return value


def _looks_like_url(value: str) -> bool:
    return bool(re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://", value))


def _fix_iri(value: str, quirks: Quirks, where: str) -> str:
    if _is_absolute_iri(value):
        return value
    quirks.add("invalid-url", f"{where} {value!r}")
    fixed = quote(value, safe=":/?#[]@!$&'()*+,;=%~.-_")
    if not ABSOLUTE_IRI.match(fixed) or not _looks_like_url(fixed) and ":" not in fixed:
        # no IRI at all ("0", "meeting 12"): a URN keeps it apart from every real resource
        fixed = "urn:ratsgraph:invalid-iri:" + quote(value, safe="")
    return fixed


def _clean_text(value: str, quirks: Quirks, where: str) -> str:
    if CONTROL_CHARACTERS.search(value):
        quirks.add("control-characters-removed", where)
        return CONTROL_CHARACTERS.sub("", value)
    return value


#: Per parent type, its keys of embedded children and the key by which each child refers back.
_BACK_REFERENCES: dict[str, list[tuple[str, str]]] = {}
for (_parent_type, _key), _back in BACK_REFERENCES.items():
    _BACK_REFERENCES.setdefault(_parent_type, []).append((_key, _back))


def _add_back_reference(obj: dict, key: str, back: str, iri: str) -> None:
    children = obj.get(key)
    for child in children if isinstance(children, list) else [children]:
        if isinstance(child, dict) and back not in child and not child.get("deleted"):
            child[back] = iri


# --- dates ------------------------------------------------------------------------------------


@cache
def _local_zone():
    from zoneinfo import ZoneInfo

    return ZoneInfo(LOCAL_TIME_ZONE)


def with_local_offset(value: dt.datetime) -> dt.datetime:
    """A naive date-time read as local time in Germany, with its fixed UTC offset attached.

    >>> with_local_offset(dt.datetime(2013, 1, 4, 8, 0)).isoformat()
    '2013-01-04T08:00:00+01:00'
    >>> with_local_offset(dt.datetime(2013, 7, 4, 8, 0)).isoformat()
    '2013-07-04T08:00:00+02:00'
    """
    aware = value.replace(tzinfo=_local_zone())
    return value.replace(tzinfo=dt.timezone(aware.utcoffset() or dt.timedelta()))


@lru_cache(maxsize=65536)
def parse_date(text: str) -> dt.date | dt.datetime | None:
    """An ISO 8601 date or date-time, or None.

    >>> parse_date("2013-01-04T08:00:00+01:00")
    datetime.datetime(2013, 1, 4, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=3600)))
    >>> parse_date("2013-01-04")
    datetime.date(2013, 1, 4)
    >>> parse_date("04.01.2013") is None
    True
    """
    text = text.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        return None


# --- step 2: flatten ------------------------------------------------------------------------------


def flatten(objects: Iterable[dict], quirks: Quirks) -> list[OParlObject]:
    """The model of repaired objects: embedded objects become objects of their own. An id given
    more than once is one object; the first occurrence (top-level objects before embedded ones)
    wins where they differ."""
    top = list(objects)
    everything = list(top)
    for obj in top:
        _collect_embedded(obj, everything)
    merged: dict[str, dict[str, object]] = {}
    types: dict[str, str] = {}
    links: dict[str, OParlScalar] = {}  # a URL → its OParlLink (or the text, not being an IRI)

    def link(url: str) -> OParlScalar:
        made = links[url] = OParlLink(url) if _is_absolute_iri(url) else url
        return made

    for obj in everything:
        iri = obj["id"]
        type_name = _type_name(obj["type"])
        modes = _modes(type_name)
        properties: dict[str, object] = {}
        for k, v in obj.items():
            if k == "id" or k == "type":
                continue
            spec, mode = modes.get(k, _UNKNOWN)
            cls = type(v)
            if mode is _PLAIN and cls is not list:  # already a scalar of its type
                properties[k] = v
            elif mode is _DATE and cls is str and (parsed := parse_date(v)) is not None:  # type: ignore[arg-type]
                properties[k] = parsed
            elif mode is _LINK and cls is str:
                properties[k] = links.get(v) or link(v)  # type: ignore[arg-type]
            elif mode is _LINK and cls is list:
                properties[k] = tuple([(links.get(x) or link(x)) if type(x) is str else _model_scalar(spec, x)
                                       for x in v])  # type: ignore[union-attr]
            else:
                properties[k] = _model_value(spec, v)
        known = merged.get(iri)
        if known is None:
            merged[iri] = properties
            types[iri] = type_name
            continue
        conflicts = [k for k, v in properties.items() if k in known and known[k] != v]
        for k, v in properties.items():
            known.setdefault(k, v)
        if conflicts:
            quirks.add("conflicting-duplicates", f"{iri} ({', '.join(conflicts)})")
    return [OParlObject(iri, types[iri], tuple(props.items())) for iri, props in merged.items()]


# How flatten reads the value of a key: as it is (text, integer, boolean), as a date (a date or
# date-time given as text), as a link (a URL of a `ref`, `list`, `url` or `object` key given as
# text), or by `_model_value`.
_PLAIN, _DATE, _LINK, _OTHER = "plain", "date", "link", "other"
_UNKNOWN: tuple[Key | None, str] = (None, _OTHER)


@lru_cache(maxsize=256)
def _modes(type_name: str) -> dict[str, tuple[Key | None, str]]:
    def mode(spec: Key) -> str:
        if spec.kind in _PLAIN_KINDS:
            return _PLAIN
        if spec.kind in _DATE_KINDS:
            return _DATE
        return _LINK if spec.is_iri else _OTHER

    return {k: (spec, mode(spec)) for k, spec in TYPES.get(type_name, _NO_KEYS).items()}


@lru_cache(maxsize=256)
def _scalar_keys(type_value: str) -> frozenset[str]:
    """The keys of a repaired object of this type IRI that never hold an object."""
    specs = TYPES.get(_type_name(type_value), _NO_KEYS)
    return frozenset(("id", "type", *(k for k, spec in specs.items() if spec.kind in _SCALAR_KINDS)))


_SCALAR_KINDS = frozenset(("text", "integer", "boolean", "date", "datetime"))


@lru_cache(maxsize=256)
def _type_name(type_value: str) -> str:
    m = TYPE_IRI.match(type_value)
    assert m, type_value
    return m["name"]


def _collect_embedded(obj: dict, out: list[dict]) -> None:
    """Append the embedded objects of an object, depth first, in the order of its keys."""
    scalars = _scalar_keys(obj["type"])
    for key, value in obj.items():
        if key in scalars:  # "id", "type" and the keys that repair made text, numbers or dates
            continue
        for v in value if type(value) is list else (value,):
            if type(v) is dict and _is_object(v):
                out.append(v)
                _collect_embedded(v, out)


def _model_value(spec: Key | None, value: object):
    if isinstance(value, list):
        if spec is None and any(isinstance(v, (list, dict)) and not _is_object(v) for v in value):
            return OParlJson(canonical_json(value))
        return tuple(_model_scalar(spec, v) for v in value)
    return _model_scalar(spec, value)


def _is_object(value: object) -> bool:
    return isinstance(value, dict) and "id" in value and isinstance(value.get("type"), str) \
        and _is_type_iri(value["type"])


@lru_cache(maxsize=256)
def _is_type_iri(value: str) -> bool:
    return bool(TYPE_IRI.match(value))


def _model_scalar(spec: Key | None, value: object) -> OParlScalar:
    if spec is not None:  # repaired values of these kinds are already scalars of their type
        kind = spec.kind
        if kind in _PLAIN_KINDS:
            return value  # type: ignore[return-value]
        if kind in _DATE_KINDS:
            parsed = parse_date(value)  # type: ignore[arg-type]
            assert parsed is not None
            return parsed
    if _is_object(value):
        return OParlLink(value["id"])  # type: ignore[index]
    if spec is None:
        if isinstance(value, (dict, list)):
            return OParlJson(canonical_json(value))
        return value  # type: ignore[return-value]
    if spec.kind == "json":
        return OParlJson(canonical_json(value))
    if spec.is_iri:
        return OParlLink(value) if isinstance(value, str) and _is_absolute_iri(value) else value  # type: ignore
    if spec.kind in ("date", "datetime"):
        parsed = parse_date(value)  # type: ignore[arg-type]
        assert parsed is not None
        return parsed
    return value  # type: ignore[return-value]


_PLAIN_KINDS = frozenset(("text", "integer", "boolean"))
_DATE_KINDS = frozenset(("date", "datetime"))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a bulk read or mapping builds many small objects
    that form no cycles: its passes over them cost about a fifth of the time of OParl → RDF."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def canonical_json(value: object) -> str:
    """JSON text with sorted keys and no white space: the same value is always the same text."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# --- the whole reader ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadResult:
    objects: list[OParlObject]
    warnings: list[str]
    next_url: str | None = None


def read_oparl(data: bytes | str, source: str = "<input>", quirks: Quirks | None = None) -> ReadResult:
    """Read one OParl JSON document. Raises DecodeError (not JSON) or InputError (JSON, but no
    OParl object in it); every tolerated quirk is one line of `warnings`."""
    quirks = quirks if quirks is not None else Quirks(source)
    with paused_gc():
        value = parse_json(data, source, quirks)
        page = repair_document(value, source, quirks)
        if page.next_url:
            quirks.add("next-page", page.next_url)
        if not page.objects:
            raise InputError("no OParl object in it (every object lacks a type or an id)", source)
        objects = flatten(page.objects, quirks)
    return ReadResult(objects, quirks.messages(), page.next_url)


def sniff_oparl(data: bytes) -> bool:
    """Whether bytes look like OParl JSON: a JSON object or array naming an OParl type IRI."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head[:1] in (b"{", b"[") and b"schema.oparl.org/1." in data[:65536]


def read_document(document) -> Minutes:
    """The model of a decoded OParl JSON document (`ratsgraph.sources.Document` of format
    "oparl"): its objects, with the quirks met as warnings."""
    name = getattr(document, "origin", "") or document.source.name
    quirks = Quirks(name)
    if document.source.encoding == "utf-8-sig":
        quirks.add("byte-order-mark")
    elif document.source.encoding not in (None, "utf-8"):
        quirks.add("not-utf8", document.source.encoding)
    try:
        result = read_oparl(document.text, name, quirks)
    except RecursionError:
        raise DecodeError("JSON nested too deeply to read as OParl", name) from None
    return Minutes(source=document.source, oparl=tuple(result.objects), warnings=tuple(result.warnings))
