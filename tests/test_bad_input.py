"""The bad-input corpus (issue 7): every kind of input a RIS or a careless export produces, made by
the tests themselves. Each one gets exactly the error or warning it should — naming the input and,
where there is one, the position — never a crash; the good input converted in the same run is
complete; and no partial output file is left behind."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from ratsgraph.cli import main

from .conftest import REFERENCE

OPARL = "https://schema.oparl.org/1.1/"
MINUTES = REFERENCE.read_text(encoding="utf-8")


def _pdf(text: str | None) -> bytes:
    from .test_readers import _pdf as make

    return make(text)


def _write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def big_text(path: Path, size: int) -> Path:
    """A text file of `size` bytes made of real minutes, written in blocks."""
    block = (MINUTES * (1 + 1024 * 1024 // len(MINUTES))).encode("utf-8")[:1024 * 1024]
    with path.open("wb") as f:
        for _ in range(size // len(block)):
            f.write(block)
    return path


# name → (bytes to write, expected: ("error", kind, message part) or ("warning", message part))
def corpus() -> dict[str, tuple[bytes, tuple]]:
    rng = random.Random(7)
    garbage = bytes(rng.randrange(256) for _ in range(4096))
    deep = "<html><body>" + "<div><span>" * 50_000 + "Beschluss: einstimmig angenommen" + "</span></div>" * 50_000
    script = ("<html><head><script>document.write('Abstimmungsergebnis: abgelehnt')</script></head><body>"
              "<p>Kreistag am 13.12.2021</p><script>alert(1)</script><p>Zu Punkt 25: Haushalt</p>"
              "<p>Abstimmungsergebnis: einstimmig angenommen</p></body></html>")
    meeting = {"id": "https://oparl.example.org/meeting/1", "type": OPARL + "Meeting", "name": "1. Sitzung",
               "start": "2024-03-01T17:00:00+01:00"}
    cyclic = {**meeting, "agendaItem": [{"id": "https://oparl.example.org/item/1", "type": OPARL + "AgendaItem",
                                          "meeting": meeting["id"], "order": 1,
                                          "consultation": {"id": meeting["id"], "type": OPARL + "Meeting"}}]}
    wrong_types = {**meeting, "name": 5, "start": ["x"], "agendaItem": "not a list", "organization": {"a": 1}}
    million = {"id": "https://oparl.example.org/paper/1", "type": OPARL + "Paper", "name": "Haushalt",
               "keyword": [f"k{i}" for i in range(1_000_000)]}
    nested = '{"id":"https://x.example/m/1","type":"' + OPARL + 'Meeting","x":' + "[" * 100_000 + "]" * 100_000 + "}"
    too_many_votes = MINUTES.replace("Abstimmungsergebnis: einstimmig angenommen",
                                     "Abstimmungsergebnis: Ja: 70, Nein: 3, Enthaltungen: 1\n"
                                     "(gesetzliche Anzahl der Mitglieder: 20)", 1)
    future = ("Niederschrift\nüber die 3. Sitzung des Kreistages am Montag, 03.03.2031, 15:00 Uhr\n\n"
              "TOP 1\tHaushalt 2031\n\nBeschluss:\nDer Kreistag beschließt den Haushalt.\n\n"
              "Abstimmungsergebnis: einstimmig beschlossen\n")
    utf8 = "Kreistag am 13.12.2021\nZu Punkt 7: Förderung über 5.000 €\nAbstimmungsergebnis: einstimmig angenommen\n"
    return {
        "empty.txt": (b"", ("error", "input", "empty file")),
        "blank.txt": (b"  \n\t \r\n ", ("error", "input", "only white space")),
        "garbage.txt": (garbage, ("error", "decode", "binary data")),
        "nul.txt": (b"Beschluss: einstimmig\x00angenommen", ("error", "decode", "NUL byte")),
        "mixed.txt": (utf8.encode("utf-8") + "Straße über Gebühr\n".encode("cp1252"),
                      ("warning", "mixed encodings")),
        "truncated.txt": (utf8.encode("utf-8") + "Gemäß".encode("utf-8")[:-1], ("warning", "truncated UTF-8")),
        "script.html": (script.encode(), ("ok",)),
        "deep.html": (deep.encode(), ("ok",)),
        "scan.pdf": (_pdf(None), ("error", "decode", "no text layer")),
        "corrupt.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n",
                        ("error", "decode", "PDF")),
        "truncated.json": (json.dumps(meeting).encode()[:-10], ("error", "decode", "not valid JSON")),
        "cycle.json": (json.dumps(cyclic).encode(), ("warning", "embedded object")),
        "wrong-types.json": (json.dumps(wrong_types).encode(), ("warning", "single value where OParl requires an array")),
        "million.json": (json.dumps(million).encode(), ("ok",)),
        "nested.json": (nested.encode(), ("error", "decode", "nested too deeply")),
        "too-many-votes.txt": (too_many_votes.encode(), ("warning", "votes counted, but the body has 20 members")),
        "future.txt": (future.encode(), ("warning", "in the future")),
    }


CASES = corpus()


@pytest.fixture(scope="module")
def reference_graph() -> set:
    result = CliRunner().invoke(main, ["convert", str(REFERENCE), "--format", "nt", "--no-validate"])
    return set(pyoxigraph.parse(result.stdout.encode(), format=pyoxigraph.RdfFormat.N_TRIPLES))


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_reported_and_nothing_else_is_lost(tmp_path, name, reference_graph):
    data, expected = CASES[name]
    bad = _write(tmp_path / name, data)
    out = tmp_path / "out.nt"
    result = CliRunner().invoke(main, ["convert", str(bad), str(REFERENCE), "--format", "nt", "-o", str(out),
                                       "--no-validate"], catch_exceptions=False)
    lines = result.stderr.strip().splitlines()
    if expected[0] == "error":
        assert result.exit_code == 1
        assert len(lines) == 1, lines
        assert lines[0].startswith(f"ratsgraph: error: {bad}")
        assert expected[2] in lines[0]
    elif expected[0] == "warning":
        assert result.exit_code == 0, result.stderr
        assert any(line.startswith("ratsgraph: warning: ") and str(bad.name) in line and expected[1] in line
                   for line in lines), lines
    else:
        assert result.exit_code == 0, result.stderr
    # the good input of the same run is complete
    merged = set(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert reference_graph <= merged
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("name", sorted(n for n, (_, e) in CASES.items() if e[0] == "error"))
def test_typed_error_of_each_bad_input(tmp_path, name):
    """The library raises the documented error type, naming the input (and the position if known)."""
    from ratsgraph.errors import DecodeError, InputError
    from ratsgraph.pipeline import convert_path

    data, (_, kind, message) = CASES[name]
    bad = _write(tmp_path / name, data)
    with pytest.raises(InputError if kind == "input" else DecodeError) as info:
        convert_path(bad)
    assert info.value.source == str(bad) and message in info.value.message
    if name == "nul.txt":
        assert info.value.position == 21


def test_a_200_megabyte_text_is_refused_before_it_is_read(tmp_path):
    from ratsgraph.errors import InputError
    from ratsgraph.pipeline import convert_path

    huge = big_text(tmp_path / "huge.txt", 200 * 1024 * 1024)
    with pytest.raises(InputError, match="too large for a minutes text"):
        convert_path(huge)
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["convert", str(huge), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert result.stderr.startswith(f"ratsgraph: error: {huge}: too large")


def test_when_every_input_is_bad_no_output_exists(tmp_path):
    inputs = [_write(tmp_path / name, data) for name, (data, e) in CASES.items() if e[0] == "error"]
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(main, ["convert", *map(str, inputs), "-o", str(out)])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == len(inputs)
    assert not out.exists() and not list(tmp_path.glob(".out.ttl*"))


def test_scripts_never_reach_the_graph(tmp_path):
    bad = _write(tmp_path / "script.html", CASES["script.html"][0])
    result = CliRunner().invoke(main, ["convert", str(bad), "--format", "nt", "--no-validate"])
    assert "alert" not in result.stdout and "document.write" not in result.stdout
    assert "einstimmig angenommen" in result.stdout
