"""The converter against the gold-annotated development corpus (../shared/corpus/dev), scored
by the project-independent scorer ../shared/tools/score.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import SHARED, need

SCORER = SHARED / "tools" / "score.py"


def score(docs: str, tmp_path) -> dict:
    need(SCORER, "the corpus scorer")
    out = tmp_path / "scores.json"
    cmd = f"{sys.executable} -m ratsgraph convert {{file}} --format nt"
    done = subprocess.run([sys.executable, str(SCORER), "--corpus", str(SHARED / "corpus" / "dev"),
                           "--docs", docs, "--cmd", cmd, "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(out.read_text())


def test_reference_document_scores_one_on_every_field(corpus, tmp_path):
    scores = score("d000.txt", tmp_path)
    assert scores["failures"] == 0
    assert {field: s["f1"] for field, s in scores["fields"].items()} == {field: 1.0 for field in scores["fields"]}
