"""Shared fixtures. Tests that need `../shared/` (the development corpus, the OParl examples)
skip with a stated reason when it is absent, so a fresh clone alone still passes."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "dev"
OPARL_EXAMPLES = SHARED / "oparl" / "examples"
REFERENCE = SAMPLES / "kreis-mettmann-vorlage-50-034-2021.txt"


def need(path: Path, what: str) -> Path:
    if not path.exists():
        pytest.skip(f"{what} not found at {path} (../shared/ sits next to the project in sessions and CI)")
    return path


@pytest.fixture
def corpus() -> Path:
    return need(CORPUS, "the development corpus")


@pytest.fixture
def oparl_examples() -> Path:
    return need(OPARL_EXAMPLES, "the OParl 1.1 examples")
