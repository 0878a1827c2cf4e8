"""Graph → OParl 1.1 JSON: the OParl objects of a graph as one OParl list page, valid against
the OParl 1.1 schema, so converted minutes can feed any OParl client.

Every `oparl:` property of an object typed with an OParl type is written back under its key;
objects that OParl embeds (agenda items in meetings, consultations in papers, memberships in
persons, files, locations) are written inside their parents. Reading the output again gives the
graph back (`tests/test_oparl_roundtrip.py`), with the exceptions listed in `docs/oparl.md`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

from pyoxigraph import Literal, NamedNode, Triple

from ..vocab import OPARL, PROV, RDF_TYPE, RG, XSD
from .reader import parse_date, with_local_offset
from .schema import BACK_REFERENCES, TYPES, Key, type_iri

RDF_JSON = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON"

#: Order of the top-level objects in the output.
TYPE_ORDER = ("System", "Body", "LegislativeTerm", "Organization", "Person", "Membership", "Meeting",
              "AgendaItem", "Paper", "Consultation", "File", "Location")

#: External lists a Body must name; when a graph has none (converted minutes), they are made up
#: under the Body's IRI: `{body}/organizations` and so on.
BODY_LISTS = {"organization": "organizations", "person": "persons", "meeting": "meetings", "paper": "papers"}


@dataclass
class Export:
    """The exported objects (top level, with embedded ones inside) and what had to be chosen."""

    objects: list[dict]
    warnings: list[str] = field(default_factory=list)

    def page(self) -> dict:
        """An OParl list page holding every object."""
        n = len(self.objects)
        return {"data": self.objects,
                "pagination": {"totalElements": n, "elementsPerPage": n, "currentPage": 1, "totalPages": 1},
                "links": {}}

    def to_json(self, indent: int | None = 2) -> bytes:
        return (json.dumps(self.page(), ensure_ascii=False, indent=indent) + "\n").encode("utf-8")


class _Graph:
    """Triples indexed by subject: predicate → values in first-seen order."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.props: dict[str, dict[str, list]] = {}
        for t in triples:
            if not isinstance(t.subject, NamedNode):
                continue
            values = self.props.setdefault(t.subject.value, {}).setdefault(t.predicate.value, [])
            if t.object not in values:
                values.append(t.object)

    def values(self, s: str, p: NamedNode | str) -> list:
        return self.props.get(s, {}).get(p if isinstance(p, str) else p.value, [])


def _oparl_types(g: _Graph, s: str) -> list[str]:
    return sorted(o.value[len(OPARL.base):] for o in g.values(s, RDF_TYPE)
                  if isinstance(o, NamedNode) and o.value.startswith(OPARL.base))


def export_graph(triples: Iterable[Triple]) -> Export:
    """The OParl objects of a graph as JSON objects (see the module docstring)."""
    return _Exporter(_Graph(triples)).run()


class _Exporter:
    def __init__(self, g: _Graph) -> None:
        self.g = g
        self.warnings: list[str] = []
        self.types: dict[str, str] = {}
        sources = {o.value for props in g.props.values() for o in props.get(PROV.wasDerivedFrom.value, [])
                   if isinstance(o, NamedNode)}
        for s in g.props:
            names = _oparl_types(g, s)
            if not names:
                continue
            if s in sources and not g.values(s, OPARL.accessUrl):
                continue  # a source document of converted minutes, not an OParl file
            known = [n for n in names if n in TYPES] or names
            if len(known) > 1:
                self.warnings.append(f"<{s}> has several OParl types ({', '.join(known)}); "
                                     f"written as {known[0]}")
            self.types[s] = known[0]
        self.children: dict[str, dict[str, list[str]]] = {}  # parent → key → embedded children
        self.embedded: set[str] = set()
        self._find_embedded()
        self.orders = self._agenda_orders()
        self._built: dict[str, dict] = {}

    # --- structure --------------------------------------------------------------------------
    def _find_embedded(self) -> None:
        for s, type_name in self.types.items():
            for key in TYPES.get(type_name, {}).values():
                if key.kind != "object":
                    continue
                kids = [o.value for o in self.g.values(s, OPARL.base + key.name)
                        if isinstance(o, NamedNode) and o.value in self.types]
                if kids:
                    self.children.setdefault(s, {})[key.name] = kids
                    self.embedded.update(kids)
        # A child that names its parent by a back reference (memberships of converted minutes)
        # is embedded in the parent even when the parent does not list it.
        for (parent_type, key), back in BACK_REFERENCES.items():
            for s, type_name in self.types.items():
                if type_name != TYPES[parent_type][key].target:
                    continue
                for parent in self.g.values(s, OPARL.base + back):
                    if isinstance(parent, NamedNode) and self.types.get(parent.value) == parent_type:
                        kids = self.children.setdefault(parent.value, {}).setdefault(key, [])
                        if s not in kids:
                            kids.append(s)
                        self.embedded.add(s)

    def _agenda_orders(self) -> dict[str, int]:
        """`order` for agenda items that lack it (required in OParl 1.1): their place in the meeting."""
        orders: dict[str, int] = {}
        for s, type_name in self.types.items():
            if type_name != "Meeting":
                continue
            items = self._sorted_items(self.children.get(s, {}).get("agendaItem", []))
            taken = {self._int(i, "order") for i in items} - {None}
            free = (n for n in range(len(items) + len(taken)) if n not in taken)
            for item in items:
                if self._int(item, "order") is None:
                    orders[item] = next(free)
        for s, type_name in self.types.items():
            if type_name == "AgendaItem" and s not in orders and self._int(s, "order") is None:
                orders[s] = 0
        return orders

    def _int(self, s: str, key: str) -> int | None:
        for v in self.g.values(s, OPARL.base + key):
            if isinstance(v, Literal):
                try:
                    return int(v.value)
                except ValueError:
                    continue
        return None

    def _sorted_items(self, items: list[str]) -> list[str]:
        def sort_key(item: str):
            order = self._int(item, "order")
            numbers = [v.value for v in self.g.values(item, OPARL.number) if isinstance(v, Literal)]
            return (order is None, order or 0, _natural(numbers[0]) if numbers else ((1, ""),), item)

        return sorted(items, key=sort_key)

    # --- objects ----------------------------------------------------------------------------
    def run(self) -> Export:
        top = [s for s in self.types if s not in self.embedded]
        top.sort(key=lambda s: (_type_rank(self.types[s]), s))
        return Export([self.obj(s, ()) for s in top], self.warnings)

    def obj(self, s: str, path: tuple[str, ...]) -> dict:
        """The JSON object of a subject (built once: an object embedded in several parents, such
        as a shared Location, is the same each time)."""
        if s not in self._built:
            self._built[s] = self._obj(s, path)
        return self._built[s]

    def _obj(self, s: str, path: tuple[str, ...]) -> dict:
        type_name = self.types[s]
        out: dict = {"id": s, "type": type_iri(type_name)}
        schema = TYPES.get(type_name, {})
        predicates = [p for p in self.g.props[s] if p.startswith(OPARL.base)]
        known = [p for p in (OPARL.base + k for k in schema) if p in predicates]
        unknown = sorted(p for p in predicates if p not in known)
        for p in known + unknown:
            key = unquote(p[len(OPARL.base):])
            spec = schema.get(key)
            values = self.g.values(s, p)
            if spec is None:
                converted = [self.obj(v.value, (*path, s)) if self._embeddable(v, s, path) else _generic(v)
                             for v in values]
                out[key] = converted[0] if len(converted) == 1 else sorted(converted, key=_json_sort)
            elif spec.kind == "object":
                out[key] = self.embed(s, spec, values, path)
            else:
                if spec.kind == "datetime" and not spec.many and len(values) > 1:
                    # a date-time from OParl beats the day that converted minutes give
                    values = [v for v in values if isinstance(v, Literal)
                              and v.datatype.value == XSD + "dateTime"] or values
                converted = [_convert(spec, v) for v in values]
                if spec.many:
                    out[key] = sorted(converted, key=_json_sort)
                else:
                    out[key] = self.choose(s, spec, converted)
        for (parent_type, key), _back in BACK_REFERENCES.items():
            if parent_type == type_name and key not in out and key in self.children.get(s, {}):
                out[key] = self.embed(s, schema[key], [], path)
        self.fill_required(s, type_name, out)
        return out

    def _embeddable(self, value, s: str, path: tuple[str, ...]) -> bool:
        return isinstance(value, NamedNode) and value.value in self.types and value.value not in (*path, s)

    def embed(self, s: str, spec: Key, values: list, path: tuple[str, ...]):
        kids = list(self.children.get(s, {}).get(spec.name, []))
        for v in values:
            if isinstance(v, NamedNode) and v.value not in kids:
                kids.append(v.value)
        if spec.name == "agendaItem":
            kids = self._sorted_items(kids)
        else:
            kids.sort()
        objects = []
        for kid in kids:
            if kid in self.types and kid not in path and kid != s:
                objects.append(self.obj(kid, (*path, s)))
            else:  # a reference the graph does not describe: OParl still wants an object here
                objects.append({"id": kid, "type": type_iri(spec.target or "File")})
        if spec.many:
            return objects
        if len(objects) > 1:
            self.warnings.append(f"<{s}> {spec.name}: {len(objects)} objects where OParl allows one; "
                                 f"wrote <{objects[0]['id']}>")
        return objects[0]

    def choose(self, s: str, spec: Key, values: list):
        if len(values) == 1:
            return values[0]
        chosen = sorted(values, key=_json_sort)[0]
        if len(set(map(_json_sort, values))) > 1:
            self.warnings.append(f"<{s}> {spec.name}: {len(values)} values where OParl allows one; "
                                 f"wrote {json.dumps(chosen, ensure_ascii=False)}")
        return chosen

    def fill_required(self, s: str, type_name: str, out: dict) -> None:
        if type_name == "AgendaItem":
            if "order" not in out:
                out["order"] = self.orders.get(s, 0)
            if "result" not in out:
                texts = [t.value for d in self._decisions(s) for t in self.g.values(d, RG.resultText)]
                if texts:
                    out["result"] = "; ".join(texts)
        elif type_name == "Body":
            for key, local in BODY_LISTS.items():
                out.setdefault(key, f"{s.rstrip('/')}/{local}")
            out.setdefault("legislativeTerm", [])
        elif type_name == "File" and "accessUrl" not in out:
            self.warnings.append(f"<{s}> is a File without accessUrl, which OParl requires")
        elif type_name == "System":
            out.setdefault("oparlVersion", "https://schema.oparl.org/1.1/")

    def _decisions(self, item: str) -> list[str]:
        if not hasattr(self, "_by_item"):
            self._by_item: dict[str, list[str]] = {}
            for d, props in self.g.props.items():
                if RG.Decision in props.get(RDF_TYPE.value, []):
                    for i in props.get(RG.agendaItem.value, []):
                        self._by_item.setdefault(i.value, []).append(d)
        return sorted(self._by_item.get(item, []), key=_natural)


def _type_rank(type_name: str) -> int:
    return TYPE_ORDER.index(type_name) if type_name in TYPE_ORDER else len(TYPE_ORDER)


def _natural(text: str):
    """A sort key that puts "2" before "10"."""
    import re

    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part)


def _json_sort(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _convert(spec: Key, term):
    """The JSON value of one RDF term for a key of the schema."""
    if isinstance(term, NamedNode):
        return term.value
    assert isinstance(term, Literal), term
    lexical, datatype = term.value, term.datatype.value
    kind = spec.kind
    if kind == "integer":
        try:
            return int(lexical)
        except ValueError:
            return lexical
    if kind == "boolean":
        return lexical in ("true", "1") if lexical in ("true", "false", "1", "0") else lexical
    if kind == "datetime":
        parsed = parse_date(lexical)
        if isinstance(parsed, dt.datetime):
            return parsed.isoformat() if parsed.tzinfo else with_local_offset(parsed).isoformat()
        if isinstance(parsed, dt.date):  # a day from minutes: OParl wants a date-time, so local midnight
            return with_local_offset(dt.datetime.combine(parsed, dt.time())).isoformat()
        return lexical
    if kind == "date":
        parsed = parse_date(lexical)
        if isinstance(parsed, dt.datetime):
            return parsed.date().isoformat()
        return parsed.isoformat() if parsed else lexical
    if kind == "json":
        return json.loads(lexical) if datatype == RDF_JSON else lexical
    return lexical


def _generic(term):
    """The JSON value of a term under a key OParl 1.1 does not define."""
    if isinstance(term, NamedNode):
        return term.value
    if not isinstance(term, Literal):
        return str(term)
    lexical, datatype = term.value, term.datatype.value
    if datatype == XSD + "boolean":
        return lexical == "true"
    if datatype in (XSD + "integer", XSD + "nonNegativeInteger", XSD + "int", XSD + "long"):
        try:
            return int(lexical)
        except ValueError:
            return lexical
    if datatype in (XSD + "double", XSD + "decimal", XSD + "float"):
        try:
            return float(lexical)
        except ValueError:
            return lexical
    if datatype == RDF_JSON:
        return json.loads(lexical)
    return lexical
