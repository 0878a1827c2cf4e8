"""Shared fixtures. Tests that need `../shared/` (the development corpus, the OParl examples)
skip with a stated reason when it is absent, so a fresh clone alone still passes."""

from __future__ import annotations

import os

from pathlib import Path

import pytest
from hypothesis import settings

# Hypothesis profiles: a few hundred examples per property in the default run; `--hypothesis-profile=fuzz`
# for the dedicated fuzz run of issue 7 (ten thousand per target).
settings.register_profile("default", max_examples=200)
settings.register_profile("fuzz", max_examples=10_000)
settings.load_profile("default")

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


# -- the store and the server (issue 5) --------------------------------------------------------------

def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--browser", action="store_true", default=False,
                     help="also run the headless-Chromium tests (marker `browser`)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives a real headless Chromium; run with --browser")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # CI (.ci/run) sets RATSGRAPH_BROWSER=1 after installing Chromium (.ci/install-optional)
    if config.getoption("--browser") or os.environ.get("RATSGRAPH_BROWSER") == "1":
        return
    skip = pytest.mark.skip(reason="browser test: run with `pytest --browser` or RATSGRAPH_BROWSER=1 "
                                   "(needs chromium, chromium-driver)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def golden_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the committed golden graphs (tests/data/graphs/*.nq), one graph per document."""
    from .regenerate import load_golden_store

    return load_golden_store(tmp_path_factory.mktemp("golden") / "store")


@pytest.fixture(scope="session")
def live_server(golden_store: Path):
    """`ratsgraph serve` in this process (a thread and two worker processes) on a free port over
    the golden store; yields (app, base URL)."""
    import threading

    from ratsgraph.serve import App, Settings, make_server

    app = App(golden_store, Settings(workers=2, query_timeout=20.0))
    app.start()
    server = make_server(app, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    yield app, server.url.rstrip("/")
    server.shutdown()
    server.server_close()
    app.close()
