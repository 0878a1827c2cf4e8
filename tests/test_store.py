"""The persistent store: one named graph per document, reload replaces it atomically, dumps in
every format, `query --store` (acceptance 1 of issue 5)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from ratsgraph import store as store_module
from ratsgraph.cli import main
from ratsgraph.errors import StoreError
from ratsgraph.graph.formats import FORMATS
from ratsgraph.pipeline import convert_path
from ratsgraph.store import GraphStore, graph_iri, replace_update

from .conftest import REFERENCE, ROOT

DOCUMENTS = [REFERENCE, *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))]
NEW_TRIPLE_P = NamedNode("https://example.org/test#stale")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def conversions():
    return {doc.name: convert_path(doc) for doc in DOCUMENTS}


@pytest.fixture
def loaded(tmp_path, conversions):
    folder = tmp_path / "store"
    result = run("load", "--store", folder, *DOCUMENTS)
    assert result.exit_code == 0, result.output
    return folder


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory, conversions):
    """A loaded store for tests that only read it."""
    folder = tmp_path_factory.mktemp("shared") / "store"
    result = run("load", "--store", folder, *DOCUMENTS)
    assert result.exit_code == 0, result.output
    return folder


def _union(conversions) -> set:
    return {t for c in conversions.values() for t in c.triples}


def test_load_keeps_one_graph_per_document(loaded, conversions):
    with GraphStore.open(loaded) as store:
        assert {g.value for g in store.graphs()} == {c.graph.value for c in conversions.values()}
        for c in conversions.values():
            assert set(store.graph_triples(c.graph)) == set(c.triples)
        assert store.quad_count() == sum(len(set(c.triples)) for c in conversions.values())
        assert store.triple_count() == len(_union(conversions))


def test_reload_replaces_the_graph_and_keeps_the_count(loaded, conversions):
    """Acceptance 1: load the samples, reload one document: the triple count is unchanged and the
    document's graph replaced (a stale triple planted in it is gone, its triples are the new ones)."""
    reference = conversions[REFERENCE.name]
    with GraphStore.open(loaded, write=True) as store:
        before = (store.quad_count(), store.triple_count(), len(store.graphs()))
        stale = Quad(reference.graph, NEW_TRIPLE_P, Literal("left over from an older version"), reference.graph)
        store.store.add(stale)
        store.store.add(Quad(stale.subject, stale.predicate, stale.object, DefaultGraph()))
        assert store.quad_count() == before[0] + 1
    result = run("load", "--store", loaded, REFERENCE)
    assert result.exit_code == 0, result.output
    assert f"replaced <{reference.graph.value}>" in result.stderr
    with GraphStore.open(loaded) as store:
        after = (store.quad_count(), store.triple_count(), len(store.graphs()))
        assert after == before, f"counts changed on reload: {before} -> {after}"
        assert set(store.graph_triples(reference.graph)) == set(reference.triples)
        assert not list(store.store.quads_for_pattern(None, NEW_TRIPLE_P, None))
    print(f"acceptance 1: before reload {before}, after reload {after} (quads, triples, graphs)")


def test_reload_of_everything_twice_adds_nothing(loaded, conversions):
    with GraphStore.open(loaded) as store:
        before = (store.quad_count(), store.triple_count())
        quads = sorted(map(str, store.store))
    result = run("load", "--store", loaded, *DOCUMENTS)
    assert result.exit_code == 0
    assert result.stderr.count("unchanged <") == len(DOCUMENTS), "an unchanged document was written again"
    with GraphStore.open(loaded) as store:
        assert (store.quad_count(), store.triple_count()) == before
        assert set(store.graph_triples(DefaultGraph())) == _union(conversions)
        assert sorted(map(str, store.store)) == quads


def test_the_union_follows_replacements_in_one_run(tmp_path):
    """Two documents share a triple; both are replaced in one run by versions without it: it
    leaves the union; a triple only one new version states enters it."""
    p = "<https://example.org/p>"
    shared, only_a, only_b, new = (f"<https://example.org/{n}> {p} \"{n}\"" for n in ("shared", "a", "b", "new"))
    ga, gb = "<https://example.org/graph/a>", "<https://example.org/graph/b>"
    files = {"a1.nq": f"{shared} {ga} .\n{only_a} {ga} .\n", "b1.nq": f"{shared} {gb} .\n{only_b} {gb} .\n",
             "a2.nq": f"{only_a} {ga} .\n{new} {ga} .\n", "b2.nq": f"{only_b} {gb} .\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    for name, steps in (("both", [("a1.nq", "b1.nq"), ("a2.nq", "b2.nq")]),
                        ("one-by-one", [("a1.nq", "b1.nq"), ("a2.nq",), ("b2.nq",)])):
        folder = tmp_path / name
        for step in steps:
            assert run("load", "--store", folder, *(tmp_path / f for f in step)).exit_code == 0
            with GraphStore.open(folder) as store:
                values = sorted(t.object.value for t in store.graph_triples(DefaultGraph()))
            if step == ("a2.nq",):
                assert values == ["a", "b", "new", "shared"], "the shared triple stays while b states it"
        assert values == ["a", "b", "new"], name


def test_dropping_a_document_keeps_triples_other_documents_state(loaded, conversions):
    """The union graph is a set: removing one document removes only what no other document says."""
    reference = conversions[REFERENCE.name]
    result = run("load", "--store", loaded, "--replace", reference.graph.value)
    assert result.exit_code == 0, result.output
    others = {name: c for name, c in conversions.items() if name != REFERENCE.name}
    with GraphStore.open(loaded) as store:
        assert not store.has_graph(reference.graph)
        assert set(store.graph_triples(DefaultGraph())) == _union(others)


def test_replace_drops_the_old_version_in_the_same_transaction(tmp_path, conversions, monkeypatch):
    folder = tmp_path / "store"
    old = DOCUMENTS[1]
    assert run("load", "--store", folder, old).exit_code == 0
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(old.read_text(encoding="utf-8").replace("Radverkehrskonzept", "Radverkehrsplan"),
                         encoding="utf-8")
    updates = []
    original = GraphStore.replace

    def counting(self, documents, drop=()):
        updates.append((list(documents), list(drop)))
        return original(self, documents, drop)

    monkeypatch.setattr(GraphStore, "replace", counting)
    old_iri = conversions[old.name].graph.value
    result = run("load", "--store", folder, corrected, "--replace", old_iri.rsplit("/", 1)[1])
    assert result.exit_code == 0, result.output
    assert len(updates) == 1 and [g.value for g in updates[0][1]] == [old_iri]
    with GraphStore.open(folder) as store:
        graphs = [g.value for g in store.graphs()]
        assert old_iri not in graphs and len(graphs) == 1


def test_a_failed_write_changes_nothing(loaded, conversions, monkeypatch):
    """Drop and insert are one transaction: when the insert fails, the old graph is still there."""
    reference = conversions[REFERENCE.name]
    with GraphStore.open(loaded, write=True) as store:  # an older version, so the reload must write
        store.store.add(Quad(reference.graph, NEW_TRIPLE_P, Literal("older"), reference.graph))
        store.store.add(Quad(reference.graph, NEW_TRIPLE_P, Literal("older"), DefaultGraph()))
    with GraphStore.open(loaded) as store:
        before = sorted(map(str, store.store))
    real = replace_update

    def broken(*args):
        return real(*args) + " ;\nINSERT DATA { this is not SPARQL }"

    monkeypatch.setattr(store_module, "replace_update", broken)
    result = run("load", "--store", loaded, REFERENCE)
    assert result.exit_code == 1
    assert "write failed" in result.stderr
    with GraphStore.open(loaded) as store:
        assert sorted(map(str, store.store)) == before


def test_bad_inputs_are_reported_and_the_others_loaded(tmp_path):
    folder = tmp_path / "store"
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "broken.ttl").write_text("<a> <b> .", encoding="utf-8")
    result = run("load", "--store", folder, tmp_path / "missing.txt", tmp_path / "empty.txt",
                 tmp_path / "broken.ttl", REFERENCE)
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 3, result.stderr
    assert any("missing.txt: no such file" in line for line in errors)
    assert any("broken.ttl: not valid" in line for line in errors)
    with GraphStore.open(folder) as store:
        assert len(store.graphs()) == 1


def test_unknown_replace_graph_is_an_error(loaded):
    result = run("load", "--store", loaded, REFERENCE, "--replace", "file/" + "0" * 40)
    assert result.exit_code == 1
    assert "no such graph in the store" in result.stderr


def test_refuses_a_folder_that_is_not_a_store(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = run("load", "--store", folder, REFERENCE)
    assert result.exit_code == 1
    assert "not a ratsgraph store" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    result = run("query", "--store", tmp_path / "nowhere", "SELECT * WHERE { ?s ?p ?o }")
    assert result.exit_code == 1 and "no such folder" in result.stderr


def test_a_served_store_cannot_be_loaded(loaded):
    fd = GraphStore.read_lock(loaded)
    try:
        result = run("load", "--store", loaded, REFERENCE)
        assert result.exit_code == 1
        assert "open in another process" in result.stderr
        with GraphStore.open(loaded) as store:  # readers share
            assert store.graphs()
    finally:
        import os

        os.close(fd)
    with pytest.raises(StoreError):
        with GraphStore.open(loaded, write=True):
            GraphStore.open(loaded)


def test_rdf_files_load_as_they_are(tmp_path):
    folder = tmp_path / "store"
    nquads = ROOT / "tests" / "data" / "graphs" / "d029.nq"
    turtle = tmp_path / "extra.ttl"
    turtle.write_text('<https://example.org/x> <https://example.org/p> "x" .\n', encoding="utf-8")
    result = run("load", "--store", folder, nquads, turtle)
    assert result.exit_code == 0, result.output
    with GraphStore.open(folder) as store:
        graphs = {g.value for g in store.graphs()}
        assert len(graphs) == 2
        assert store_module.file_iri(turtle.read_bytes()).value in graphs


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_dump_in_every_format(shared_store, conversions, tmp_path, fmt):
    out = tmp_path / f"dump.{fmt}"
    result = run("dump", "--store", shared_store, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    reader = {"turtle": "turtle", "nt": "nt", "nquads": "nquads", "trig": "trig", "jsonld": "json-ld",
              "xml": "xml"}[fmt]
    if FORMATS[fmt].quads:
        dataset = rdflib.Dataset()
        dataset.parse(out, format=reader)
        graphs = {str(c.identifier) for c in dataset.graphs() if len(c)}
        assert graphs == {c.graph.value for c in conversions.values()}
        assert len(list(dataset.quads((None, None, None, None)))) == sum(len(set(c.triples)) for c in conversions.values())
    else:
        graph = rdflib.Graph().parse(out, format=reader)
        assert len(graph) == len(_union(conversions))


def test_dump_one_graph_and_bad_graph(shared_store, conversions):
    reference = conversions[REFERENCE.name]
    result = run("dump", "--store", shared_store, "--format", "nt", "--graph", reference.graph.value)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == len(set(reference.triples))
    result = run("dump", "--store", shared_store, "--graph", "file/" + "1" * 40, "-o", shared_store.parent / "x.nq")
    assert result.exit_code == 1 and "no such graph" in result.stderr
    assert not (shared_store.parent / "x.nq").exists()


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_store_select_formats(shared_store, fmt):
    result = run("query", "--store", shared_store, "--format", fmt,
                 "SELECT ?outcome (COUNT(*) AS ?n) WHERE { ?d rg:outcome ?outcome } GROUP BY ?outcome")
    assert result.exit_code == 0, result.output
    assert "adopted" in result.stdout
    if fmt == "json":
        assert json.loads(result.stdout)["head"]["vars"] == ["outcome", "n"]


@pytest.mark.parametrize("fmt,reader", [("turtle", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_query_store_construct_formats(shared_store, fmt, reader):
    result = run("query", "--store", shared_store, "--format", fmt,
                 "CONSTRUCT { ?d rg:outcome ?o } WHERE { ?d rg:outcome ?o }")
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(data=result.stdout, format=reader)
    assert len(graph) >= 10
    describe = run("query", "--store", shared_store, "--format", fmt, "DESCRIBE <https://example.org/ratsgraph/body/kreis-mettmann>")
    assert describe.exit_code == 0 and len(rdflib.Graph().parse(data=describe.stdout, format=reader)) >= 2


def test_query_needs_one_source(shared_store):
    assert run("query", "SELECT * WHERE { ?s ?p ?o }").exit_code == 2
    assert run("query", "--store", shared_store, "--data", REFERENCE, "SELECT * WHERE { ?s ?p ?o }").exit_code == 2
    bad = run("query", "--store", shared_store, "SELECT WHERE {")
    assert bad.exit_code == 1 and bad.stderr.count("\n") == 1


def test_graph_iri_forms():
    sha = "921ab45229cbc05cffd3a8e393469acfc8d0a24a"
    full = f"https://example.org/ratsgraph/file/{sha}"
    assert graph_iri(sha).value == graph_iri(f"file/{sha}").value == graph_iri(f"<{full}>").value == full


def test_help_shows_examples_and_exit_codes():
    for command in ("load", "dump", "query", "serve", "push"):
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Exit codes:" in result.output and "ratsgraph " + command in result.output, command


def test_the_store_survives_a_copy(loaded, tmp_path):
    """A store folder is self-contained: copied (while closed), it opens and answers."""
    copy = tmp_path / "copy"
    shutil.copytree(loaded, copy)
    with GraphStore.open(copy) as store:
        assert store.graphs()
    assert isinstance(Path(copy / store_module.MARKER).read_text(encoding="utf-8"), str)


def test_a_killed_load_leaves_the_old_state_or_the_new(tmp_path):
    """SIGKILL in the middle of a load: the store opens afterwards and holds each transaction
    whole or not at all (here: one transaction of 100 documents, so 0 or 100 graphs)."""
    import signal
    import subprocess
    import sys
    import time

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "graphs").glob("*.nq"))]
    data = tmp_path / "many.nq"
    data.write_text("".join(t.replace("https://example.org/ratsgraph/", f"https://example.org/ratsgraph/c{i}/")
                            for i in range(20) for t in texts), encoding="utf-8")
    folder = tmp_path / "store"
    assert run("load", "--store", folder, REFERENCE).exit_code == 0
    outcomes = set()
    for delay in (0.3, 0.8):
        process = subprocess.Popen([sys.executable, "-m", "ratsgraph", "load", "-q", "--store", str(folder),
                                    str(data)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        with GraphStore.open(folder) as store:
            graphs = len(store.graphs())
            assert graphs in (1, 101), f"a killed load left {graphs} graphs"
            union = {t for g in store.graphs() for t in store.graph_triples(g)}
            assert set(store.graph_triples(DefaultGraph())) == union
        outcomes.add(graphs)
    print(f"graphs after killed loads: {sorted(outcomes)}")


def test_streamed_load_equals_the_transactional_one(tmp_path, monkeypatch):
    """N-Quads, N-Triples and TriG go into an empty store straight from the file (checked first,
    then bulk-loaded twice: the graphs and the union); the result and the report are those of the
    transactional path, and bad files are reported while the others load."""
    nquads = ROOT / "tests" / "data" / "graphs" / "d029.nq"
    triples = tmp_path / "extra.nt"
    triples.write_text('<https://example.org/x> <https://example.org/p> "x" .\n'
                       '<https://example.org/x> <https://example.org/q> _:b1 .\n', encoding="utf-8")
    trig = tmp_path / "mixed.trig"
    trig.write_text('<https://example.org/y> <https://example.org/p> "default" .\n'
                    '<https://example.org/g> {\n'
                    '<https://example.org/y> <https://example.org/p> "named", 5 .\n}\n',
                    encoding="utf-8")
    bad = tmp_path / "broken.nq"
    bad.write_text('<https://example.org/a> <https://example.org/b> "ok" <https://example.org/g2> .\n'
                   '<a> <b> .\n', encoding="utf-8")
    blank = tmp_path / "blank.nq"
    blank.write_text('<https://example.org/a> <https://example.org/b> "c" _:g .\n', encoding="utf-8")
    empty = tmp_path / "empty.nq"
    empty.write_text("\n", encoding="utf-8")
    inputs = [str(p) for p in (nquads, bad, triples, trig, empty)]

    def load(folder, streamed):
        if not streamed:
            monkeypatch.setattr(GraphStore, "_is_empty", lambda self: False)
        with GraphStore.open(folder, write=True) as store:
            report = store.load(inputs)
            quads = {q for q in store.store}
        monkeypatch.undo()
        return report, quads

    streamed, quads = load(tmp_path / "streamed", True)
    plain, expected = load(tmp_path / "plain", False)
    assert quads == expected
    assert sorted((s, g.value, n) for s, g, n, _ in streamed.loaded) == \
        sorted((s, g.value, n) for s, g, n, _ in plain.loaded)
    assert [(e.source, str(e)) for e in streamed.errors] == [(e.source, str(e)) for e in plain.errors]
    assert len(streamed.errors) == 2
    assert any(isinstance(q.graph_name, DefaultGraph) for q in quads)
    with GraphStore.open(tmp_path / "blank", write=True) as store:
        report = store.load([str(blank), str(triples)])
        assert [(e.source, e.message) for e in report.errors] == \
            [(str(blank), "a graph named by a blank node cannot be stored; name it with an IRI")]
        assert len(report.loaded) == 1
