// The query page of `ratsgraph serve`: runs SPARQL over /sparql, shows a paged table, keeps the
// query in the address (?query=…) so a link to it can be shared. No libraries, no CDN.
"use strict";
(function () {
  const config = JSON.parse(document.getElementById("config").textContent);
  const $ = (id) => document.getElementById(id);
  const form = $("query-form"), textarea = $("query"), examples = $("examples");
  const status = $("status"), results = $("results"), pager = $("pager");
  const downloads = $("downloads"), share = $("share"), run = $("run");
  let vars = [], rows = [], page = 0;

  function shortIri(iri) {
    for (const [prefix, ns] of Object.entries(config.prefixes)) {
      if (iri.startsWith(ns) && iri.length > ns.length) return prefix + ":" + iri.slice(ns.length);
    }
    return iri;
  }
  function localHref(iri) {
    return iri.startsWith(config.base) ? "/" + iri.slice(config.base.length) : iri;
  }
  function queryUrl(query, params) {
    const search = new URLSearchParams(Object.assign({ query: query }, params || {}));
    return "/sparql?" + search.toString();
  }
  function setStatus(text, isError) {
    status.textContent = text;
    status.className = isError ? "error" : "";
  }
  function cell(term) {
    const td = document.createElement("td");
    if (!term) return td;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = localHref(term.value);
      a.title = term.value;
      a.textContent = shortIri(term.value);
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      const plain = /#(integer|decimal|double|nonNegativeInteger)$/.test(term.datatype || "");
      const note = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype && !plain ? shortIri(term.datatype) : "";
      if (note) {
        const small = document.createElement("small");
        small.textContent = " " + note;
        td.appendChild(small);
      }
    }
    return td;
  }
  function render() {
    results.textContent = "";
    pager.textContent = "";
    const table = document.createElement("table");
    table.id = "results-table";
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    }
    const body = table.createTBody();
    const size = config.pageSize;
    for (const row of rows.slice(page * size, (page + 1) * size)) {
      const tr = body.insertRow();
      for (const v of vars) tr.appendChild(cell(row[v]));
    }
    results.appendChild(table);
    const pages = Math.max(1, Math.ceil(rows.length / size));
    if (pages > 1) {
      const prev = document.createElement("button");
      prev.type = "button";
      prev.textContent = "‹ zurück";
      prev.disabled = page === 0;
      prev.onclick = () => { page -= 1; render(); };
      const next = document.createElement("button");
      next.type = "button";
      next.textContent = "weiter ›";
      next.disabled = page >= pages - 1;
      next.onclick = () => { page += 1; render(); };
      const label = document.createElement("span");
      label.textContent = "Seite " + (page + 1) + " von " + pages;
      pager.append(prev, label, next);
    }
  }
  function setDownloads(query, graph) {
    downloads.textContent = "Herunterladen: ";
    const formats = graph ? [["turtle", "Turtle"], ["nt", "N-Triples"], ["jsonld", "JSON-LD"]]
                          : [["csv", "CSV"], ["json", "JSON"], ["tsv", "TSV"], ["turtle", "Turtle"]];
    for (const [format, name] of formats) {
      if (!graph && format === "turtle") continue;
      const a = document.createElement("a");
      a.dataset.format = format;
      a.href = queryUrl(query, { format: format, download: "1" });
      a.textContent = name;
      downloads.append(a, " ");
    }
  }
  async function execute() {
    const query = textarea.value;
    history.replaceState(null, "", "/?query=" + encodeURIComponent(query));
    share.href = location.href;
    run.disabled = true;
    setStatus("Abfrage läuft …");
    results.textContent = "";
    pager.textContent = "";
    const started = performance.now();
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded",
                   "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
        body: new URLSearchParams({ query: query }),
      });
      const text = await response.text();
      if (!response.ok) {
        setStatus(text.trim() || response.status + " " + response.statusText, true);
        return;
      }
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const type = response.headers.get("Content-Type") || "";
      if (type.includes("json")) {
        const data = JSON.parse(text);
        setDownloads(query, false);
        if ("boolean" in data) {
          vars = ["boolean"];
          rows = [{ boolean: { type: "literal", value: String(data.boolean) } }];
        } else {
          vars = data.head.vars;
          rows = data.results.bindings;
        }
        page = 0;
        render();
        let message = rows.length + (rows.length === 1 ? " Zeile" : " Zeilen") + " in " + seconds + " s";
        const cut = (data.ratsgraph && data.ratsgraph.truncated) || response.headers.get("X-Ratsgraph-Truncated");
        setStatus(message);
        if (cut) {
          const span = document.createElement("span");
          span.className = "cut";
          span.textContent = " – Ergebnis bei " + config.maxRows + " Zeilen abgeschnitten; vollständig über „Herunterladen“.";
          status.appendChild(span);
        }
      } else {
        setDownloads(query, true);
        const pre = document.createElement("pre");
        pre.id = "results-graph";
        pre.textContent = text;
        results.appendChild(pre);
        setStatus((response.headers.get("X-Ratsgraph-Rows") || "?") + " Tripel in " + seconds + " s");
      }
    } catch (err) {
      setStatus("Fehler: " + err, true);
    } finally {
      run.disabled = false;
    }
  }
  for (const q of config.queries) {
    // options are rendered by the server; keep the descriptions at hand
    q.option = examples.querySelector('option[value="' + CSS.escape(q.name) + '"]');
  }
  examples.addEventListener("change", () => {
    const q = config.queries.find((item) => item.name === examples.value);
    $("example-description").textContent = q ? q.description : "";
    if (q) textarea.value = q.query;
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); execute(); });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); execute(); }
  });
  const initial = new URLSearchParams(location.search).get("query");
  if (initial) {
    textarea.value = initial;
    execute();
  }
})();
