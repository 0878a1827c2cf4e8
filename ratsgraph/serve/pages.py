"""HTML pages of the server: the query page, resource pages and the dataset page.

Plain server-side HTML with one local stylesheet and one local script (no CDN, works offline);
every text is escaped here."""

from __future__ import annotations

import json
from html import escape
from typing import TYPE_CHECKING

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, parse

from .. import __version__
from ..query import prologue, short
from ..vocab import PREFIXES

if TYPE_CHECKING:
    from .app import App

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_PLAIN_TYPES = {_XSD + t for t in ("string", "boolean", "integer", "decimal", "nonNegativeInteger")}

DEFAULT_QUERY = """# Die Präfixe oparl:, rg:, eli:, schema:, oa:, prov:, skos:, dcterms: und xsd: sind vordeklariert.
# The prefixes above are predeclared; pick a sample query from the list or write your own.
SELECT ?type (COUNT(?resource) AS ?count)
WHERE { ?resource a ?type }
GROUP BY ?type
ORDER BY DESC(?count)
"""


def _layout(app: App, title: str, body: str, head: str = "") -> str:
    s = app.settings
    publisher = escape(s.publisher) if s.publisher else "nicht angegeben"
    return f"""<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} – {escape(s.title)}</title>
<link rel="stylesheet" href="/static/style.css">
<link rel="alternate" type="text/turtle" href="/.well-known/void" title="VoID / DCAT-AP.de">
{head}
</head>
<body>
<header class="top">
<a class="brand" href="/">{escape(s.title)}</a>
<nav>
<a href="/">SPARQL-Abfrage</a>
<a href="/.well-known/void?format=html">Datensatz (VoID, DCAT-AP.de)</a>
<a href="/dumps/ratsgraph.nq">Gesamtabzug N-Quads</a>
<a href="/context.jsonld">JSON-LD-Kontext</a>
</nav>
</header>
<main>
{body}
</main>
<footer>
Lizenz: <a href="{escape(s.license)}">{escape(s.license)}</a> · Herausgeber: {publisher} ·
<a href="/sparql?format=turtle">Service-Beschreibung</a> · ratsgraph {escape(__version__)}
</footer>
</body>
</html>
"""


# -- the query page ---------------------------------------------------------------------------

def query_page(app: App) -> str:
    config = {
        "base": app.base,
        "prefixes": PREFIXES,
        "pageSize": app.settings.page_size,
        "maxRows": app.settings.max_rows,
        "queries": [{"name": q.name, "title": q.title, "description": q.description, "query": q.text}
                    for q in app.examples],
    }
    options = "\n".join(f'<option value="{escape(q.name)}">{escape(q.title)}</option>' for q in app.examples)
    body = f"""
<h1>SPARQL-Abfrage</h1>
<form id="query-form" action="/sparql" method="get">
<p>
<label for="examples">Beispielabfrage:</label>
<select id="examples">
<option value="">– eine Frage wählen –</option>
{options}
</select>
</p>
<p id="example-description" class="description"></p>
<textarea id="query" name="query" rows="18" spellcheck="false" aria-label="SPARQL-Abfrage">{escape(DEFAULT_QUERY)}</textarea>
<p class="actions">
<button id="run" type="submit">Abfrage ausführen</button>
<a id="share" href="/">Link zu dieser Abfrage</a>
<span id="downloads"></span>
</p>
</form>
<details>
<summary>Vordeklarierte Präfixe</summary>
<pre id="prefixes">{escape(prologue())}</pre>
</details>
<p id="status" role="status"></p>
<div id="results"></div>
<nav id="pager" aria-label="Seiten"></nav>
<script id="config" type="application/json">{_script_json(config)}</script>
<script src="/static/query.js"></script>
"""
    return _layout(app, "SPARQL-Abfrage", body)


def _script_json(value: object) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


# -- resource pages --------------------------------------------------------------------------

def _tail(app: App, iri: str) -> str:
    """A short name for an unlabelled resource under the base: its last two path segments."""
    if iri.startswith(app.base):
        return "/".join(iri[len(app.base):].split("/")[-2:])
    return short(NamedNode(iri))


def _link(app: App, iri: str, labels: dict[str, str]) -> str:
    label = labels.get(iri) or _tail(app, iri)
    local = app.local_path(iri)
    href = local if local is not None else iri
    title = f' title="{escape(iri)}"' if label != iri else ""
    return f'<a href="{escape(href)}"{title}>{escape(label)}</a>'


def _value(app: App, term, labels: dict[str, str]) -> str:
    if isinstance(term, NamedNode):
        return _link(app, term.value, labels)
    if isinstance(term, BlankNode):
        return f"<code>_:{escape(term.value)}</code>"
    if isinstance(term, Literal):
        text = escape(term.value)
        if term.language:
            return f'<span lang="{escape(term.language)}">{text}</span> <small>@{escape(term.language)}</small>'
        if term.datatype.value not in _PLAIN_TYPES:
            return f"{text} <small>{escape(short(term.datatype))}</small>"
        return text
    return f"<code>{escape(str(term))}</code>"


def resource_page(app: App, iri: str, description: dict) -> str:
    labels: dict[str, str] = description["labels"]
    outgoing = [q.triple for q in parse(description["outgoing"], format=RdfFormat.N_TRIPLES)]
    incoming = [q.triple for q in parse(description["incoming"], format=RdfFormat.N_TRIPLES)]
    fragments = [q.triple for q in parse(description["fragments"], format=RdfFormat.N_TRIPLES)]
    types = [t.object for t in outgoing if t.predicate.value == _RDF_TYPE]
    title = labels.get(iri)
    if not title:  # "rg:Decision 1 – Landesprogramm …" from the type, the IRI and what it belongs to
        kind = short(types[0]) if types else ""
        title = f"{kind} {iri.rstrip('/').rsplit('/', 1)[-1]}".strip()
        parents = [labels.get(t.object.value) for t in outgoing if isinstance(t.object, NamedNode)
                   and t.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1] in ("agendaItem", "meeting", "paper")]
        if any(parents):
            title += " – " + next(p for p in parents if p)
    parts = [f"<h1>{escape(title)}</h1>",
             f'<p class="iri"><code>{escape(iri)}</code></p>']
    if types:
        parts.append("<p class=\"types\">Typ: " + ", ".join(_value(app, t, labels) for t in types) + "</p>")
    alternates = " · ".join(f'<a href="?format={f}" type="{m}">{n}</a>' for f, m, n in (
        ("turtle", "text/turtle", "Turtle"), ("jsonld", "application/ld+json", "JSON-LD"),
        ("nt", "application/n-triples", "N-Triples")))
    parts.append(f'<p class="formats">Auch als: {alternates}</p>')

    rows = [t for t in outgoing if t.predicate.value != _RDF_TYPE]
    if rows:
        parts.append('<h2>Eigenschaften</h2>\n<table class="outgoing">\n<thead><tr><th>Eigenschaft</th>'
                     "<th>Wert</th></tr></thead>\n<tbody>")
        for t in sorted(rows, key=lambda t: short(t.predicate)):
            parts.append(f"<tr><td>{escape(short(t.predicate))}</td><td>{_value(app, t.object, labels)}</td></tr>")
        parts.append("</tbody></table>")
        if description["outgoing_cut"]:
            parts.append(f'<p class="cut">Nur die ersten {app.settings.resource_links} Eigenschaften.</p>')

    if description["evidence"]:
        parts.append("<h2>Textbeleg</h2>")
        for ev in description["evidence"]:
            source = ev.get("source")
            source_link = _link(app, source, {source: ev.get("source_label") or source}) if source else ""
            span = f'Zeichen {escape(str(ev.get("start", "?")))}–{escape(str(ev.get("end", "?")))}'
            selector = ev.get("selector")
            if selector:
                span = f'<a href="{escape(app.local_path(selector) or selector)}">{span}</a>'
            parts.append(f'<figure class="evidence"><blockquote>{escape(ev.get("exact", ""))}</blockquote>'
                         f"<figcaption>{span} in {source_link}</figcaption></figure>")

    if fragments:
        parts.append('<h2>Textstellen in diesem Dokument</h2>\n<table class="fragments">\n<thead><tr>'
                     "<th>Stelle</th><th>Eigenschaft</th><th>Wert</th></tr></thead>\n<tbody>")
        for t in fragments:
            anchor = t.subject.value.rsplit("#", 1)[-1]
            parts.append(f'<tr id="{escape(anchor)}"><td><code>#{escape(anchor)}</code></td>'
                         f"<td>{escape(short(t.predicate))}</td><td>{_value(app, t.object, labels)}</td></tr>")
        parts.append("</tbody></table>")

    if incoming:
        parts.append('<h2>Verweise hierher</h2>\n<table class="incoming">\n<thead><tr><th>Von</th>'
                     "<th>Eigenschaft</th></tr></thead>\n<tbody>")
        for t in sorted(incoming, key=lambda t: (short(t.predicate), labels.get(t.subject.value, t.subject.value))):
            parts.append(f"<tr><td>{_value(app, t.subject, labels)}</td><td>{escape(short(t.predicate))}</td></tr>")
        parts.append("</tbody></table>")
        if description["incoming_cut"]:
            parts.append(f'<p class="cut">Nur die ersten {app.settings.resource_links} Verweise.</p>')

    if description["sources"]:
        parts.append("<h2>Quelldokumente</h2>\n<ul class=\"sources\">")
        for source in description["sources"]:
            label = {source["graph"]: source["label"]} if source["label"] else {}
            parts.append(f"<li>{_link(app, source['graph'], label)}</li>")
        parts.append("</ul>")

    head = "\n".join(f'<link rel="alternate" type="{m}" href="?format={f}">' for f, m in (
        ("turtle", "text/turtle"), ("jsonld", "application/ld+json"), ("nt", "application/n-triples")))
    return _layout(app, title, "\n".join(parts), head)


# -- dataset page ---------------------------------------------------------------------------

def dataset_page(app: App, triples: list) -> str:
    by_subject: dict[str, list] = {}
    for t in triples:
        by_subject.setdefault(str(t.subject), []).append(t)
    parts = ["<h1>Datensatz</h1>",
             '<p>Beschreibung in VoID und DCAT-AP.de; maschinenlesbar als '
             '<a href="/.well-known/void?format=turtle">Turtle</a>, '
             '<a href="/.well-known/void?format=jsonld">JSON-LD</a> oder '
             '<a href="/.well-known/void?format=nt">N-Triples</a>.</p>']
    for subject, rows in by_subject.items():
        parts.append(f"<h2><code>{escape(subject)}</code></h2>\n<table>\n<tbody>")
        for t in rows:
            parts.append(f"<tr><td>{escape(short(t.predicate))}</td><td>{_value(app, t.object, {})}</td></tr>")
        parts.append("</tbody></table>")
    return _layout(app, "Datensatz", "\n".join(parts))
