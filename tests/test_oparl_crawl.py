"""`ratsgraph oparl crawl` against a real HTTP server on 127.0.0.1 serving a multi-page OParl
system built from the OParl examples (tests/oparl_server.py): pagination, a 500 to retry, vendor
quirks, the cache (a second crawl sends no request, an interrupted one resumes) and incremental
updates with modified_since."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ratsgraph.cli import main
from ratsgraph.oparl.crawl import CrawlOptions, crawl

from .oparl_server import Server

FAST = ["--delay", "0", "--backoff", "0", "--no-progress"]


@pytest.fixture
def server(oparl_examples: Path):
    with Server(oparl_examples) as running:
        yield running


def run_crawl(server: Server, cache: Path, out: Path, *extra: str):
    return CliRunner().invoke(main, ["oparl", "crawl", server.url, "--cache", str(cache), "-o", str(out),
                                     *FAST, *extra])


def ids(path: Path) -> set[str]:
    return {obj["id"] for obj in json.loads(path.read_text(encoding="utf-8"))["data"]}


def test_crawl_fetches_every_page_retries_a_500_and_reports_the_quirk(server: Server, tmp_path: Path) -> None:
    server.failures["/body/0/papers"] = 1
    result = run_crawl(server, tmp_path / "cache", tmp_path / "system.json")
    assert result.exit_code == 0, result.stderr
    assert ids(tmp_path / "system.json") == server.system.all_ids()
    assert server.requests["/body/0/organizations?page=2"] == 1  # pagination followed
    assert server.requests["/body/0/papers"] == 2  # the 500, then the retry
    assert server.requests["/body/0/papers?page=2"] == 1
    assert "a single value where OParl requires an array" in result.stderr  # the quirk, reported
    meeting = next(o for o in json.loads((tmp_path / "system.json").read_text())["data"]
                   if o["id"].endswith("meeting/281"))
    assert meeting["organization"] == [server.url + "organization/34"]  # and repaired


def test_a_second_crawl_with_the_cache_sends_no_request(server: Server, tmp_path: Path) -> None:
    assert run_crawl(server, tmp_path / "cache", tmp_path / "first.json").exit_code == 0
    before = server.total
    result = run_crawl(server, tmp_path / "cache", tmp_path / "second.json")
    assert result.exit_code == 0, result.stderr
    assert server.total == before
    assert "0 requests" in result.stderr
    assert (tmp_path / "first.json").read_bytes() == (tmp_path / "second.json").read_bytes()


def test_a_crawl_that_failed_resumes_where_it_stopped(server: Server, tmp_path: Path) -> None:
    server.failures["/body/0/meetings"] = 10  # fails for good within the retries
    out = tmp_path / "system.json"
    result = run_crawl(server, tmp_path / "cache", out, "--retries", "1")
    assert result.exit_code == 1
    assert "crawl incomplete" in result.stderr and "/body/0/meetings" in result.stderr
    assert not out.exists()  # no partial output
    assert server.requests["/body/0/meetings"] == 2
    server.failures.clear()
    fetched_before = dict(server.requests)
    result = run_crawl(server, tmp_path / "cache", out)
    assert result.exit_code == 0, result.stderr
    assert ids(out) == server.system.all_ids()
    repeated = [path for path, n in fetched_before.items()
                if path != "/body/0/meetings" and server.requests[path] > n]
    assert repeated == []  # only the page that had failed was fetched again
    assert server.requests["/body/0/meetings"] == 3


def test_update_fetches_only_changes_and_merges_them_over_the_cache(server: Server, tmp_path: Path) -> None:
    out = tmp_path / "system.json"
    assert run_crawl(server, tmp_path / "cache", out).exit_code == 0
    changed = json.loads(json.dumps(server.system.lists["body/0/meetings"][0][0]))
    changed["name"] = "4. Sitzung des Finanzausschusses (verlegt)"
    server.system.changed["body/0/meetings"] = [changed]
    result = run_crawl(server, tmp_path / "cache", out, "--update")
    assert result.exit_code == 0, result.stderr
    filtered = [path for path in server.requests if "modified_since=" in path]
    assert len(filtered) == len(server.system.lists) - 1  # every list of the body (not "bodies")
    data = json.loads(out.read_text())["data"]
    assert {o["id"] for o in data} == server.system.all_ids()
    meeting = next(o for o in data if o["id"].endswith("meeting/281"))
    assert meeting["name"].endswith("(verlegt)")


def test_crawl_output_converts_with_every_object(server: Server, tmp_path: Path) -> None:
    out = tmp_path / "system.json"
    assert run_crawl(server, tmp_path / "cache", out).exit_code == 0
    converted = CliRunner().invoke(main, ["convert", str(out), "--format", "nt"])
    assert converted.exit_code == 0, converted.stderr
    subjects = {line.split(" ", 1)[0].strip("<>") for line in converted.stdout.splitlines()}
    assert server.system.all_ids() <= subjects


def test_crawl_writes_rdf_when_the_output_is_an_rdf_file(server: Server, tmp_path: Path) -> None:
    result = run_crawl(server, tmp_path / "cache", tmp_path / "system.ttl")
    assert result.exit_code == 0, result.stderr
    assert "oparl:Meeting" in (tmp_path / "system.ttl").read_text(encoding="utf-8")


def test_library_crawl_counts_requests_and_pages(server: Server, tmp_path: Path) -> None:
    result = crawl(server.url, CrawlOptions(cache_dir=None, delay=0, backoff=0))
    assert result.complete
    assert result.requests == result.pages == 13  # the System and 12 list pages, no cache
    assert {o["id"] for o in result.objects} == server.system.all_ids()


def test_a_url_without_oparl_is_an_error(server: Server, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["oparl", "crawl", server.url + "nothing-here", "--no-cache", *FAST])
    assert result.exit_code == 1
    assert result.stderr.count("error:") == 1
    assert "HTTP 404" in result.stderr


def test_crawl_refuses_contradictory_options() -> None:
    result = CliRunner().invoke(main, ["oparl", "crawl", "http://127.0.0.1:9/", "--no-cache", "--update"])
    assert result.exit_code == 2


def test_crawl_of_an_object_list_follows_its_pages(server: Server, tmp_path: Path) -> None:
    result = crawl(server.url + "body/0/organizations", CrawlOptions(cache_dir=None, delay=0))
    assert {o["id"] for o in result.objects} == {f"{server.url}organization/{n}" for n in (34, 35)}
