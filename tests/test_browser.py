"""The pages in a real browser (acceptance 5 of issue 5): headless Chromium, driven through
chromedriver's WebDriver protocol (a few JSON requests, no client library), opens the query page,
picks a sample query, runs it and sees the result table.

Run with `pytest --browser` (marker `browser`); needs the Debian packages chromium and
chromium-driver (`.ci/install-optional` installs them). Skips, saying why, when they are missing."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,1600"]
ELEMENT = "element-6066-11e4-a52f-4d6c6d0c0f21"


class WebDriver:
    """Just enough of the W3C WebDriver protocol."""

    def __init__(self, url: str, chromium: str, profile: Path) -> None:
        self.url = url
        capabilities = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": chromium, "args": [*CHROMIUM_FLAGS, f"--user-data-dir={profile}"]}}}}
        self.session = self._call("POST", "/session", capabilities)["sessionId"]

    def _call(self, method: str, path: str, payload: dict | None = None):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as err:
            raise AssertionError(f"WebDriver {method} {path}: {err.read().decode()[:500]}") from None

    def call(self, method: str, path: str, payload: dict | None = None):
        return self._call(method, f"/session/{self.session}{path}", payload)

    def open(self, url: str) -> None:
        self.call("POST", "/url", {"url": url})

    def find_all(self, css: str) -> list[str]:
        found = self.call("POST", "/elements", {"using": "css selector", "value": css})
        return [e.get(ELEMENT) or e.get("ELEMENT") or next(iter(e.values())) for e in found]

    def find(self, css: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            found = self.find_all(css)
            if found:
                return found[0]
            if time.monotonic() > deadline:
                raise AssertionError(f"no element {css!r} appeared within {timeout} s")
            time.sleep(0.2)

    def click(self, element: str) -> None:
        self.call("POST", f"/element/{element}/click", {})

    def text(self, element: str) -> str:
        return self.call("GET", f"/element/{element}/text")

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.call("GET", "/screenshot")))

    def quit(self) -> None:
        try:
            self.call("DELETE", "")
        except (AssertionError, OSError):
            pass


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver_binary = shutil.which("chromedriver")
    if not chromium or not driver_binary:
        pytest.skip("Chromium is not installed (apt-get install -y chromium chromium-driver, "
                    "or run .ci/install-optional)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([driver_binary, f"--port={port}"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/status", timeout=2):
                break
        except (urllib.error.URLError, OSError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.skip("chromedriver did not start")
            time.sleep(0.2)
    driver = WebDriver(url, chromium, tmp_path_factory.mktemp("chromium-profile"))
    yield driver
    driver.quit()
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def test_query_page_runs_a_sample_query(browser, live_server, tmp_path):
    _, url = live_server
    browser.open(url + "/")
    browser.find("#examples")
    name = "outcomes-overview"
    browser.click(browser.find(f'#examples option[value="{name}"]'))
    assert "decisions" in browser.call("POST", "/execute/sync", {
        "script": "return document.getElementById('query').value", "args": []})
    browser.click(browser.find("#run"))
    browser.find("#results-table tbody tr")
    headers = [browser.text(e) for e in browser.find_all("#results-table thead th")]
    rows = browser.find_all("#results-table tbody tr")
    status = browser.text(browser.find("#status"))
    browser.screenshot(tmp_path / "query-page.png")
    expected = len((ROOT / "tests" / "expected" / "queries" / f"{name}.csv").read_text(encoding="utf-8").splitlines()) - 1
    assert headers == ["outcome", "decisions", "unanimous"]
    assert len(rows) == expected and f"{expected} Zeile" in status
    first_cell = browser.text(browser.find("#results-table tbody tr td a"))
    assert first_cell.startswith("rg:")
    # the page put the query into its address: the link can be shared and runs again
    shared = browser.call("GET", "/url")
    assert "query=" in shared
    browser.open(shared)
    browser.find("#results-table tbody tr")
    print(f"acceptance 5: {len(rows)} rows in the result table; status {status!r}; "
          f"screenshot {tmp_path / 'query-page.png'}")


def test_resource_page_in_the_browser(browser, live_server):
    _, url = live_server
    browser.open(url + "/body/kreis-mettmann/organization/kreistag")
    assert browser.text(browser.find("h1")) == "Kreistag"
    assert browser.find_all("table.incoming tbody tr")
