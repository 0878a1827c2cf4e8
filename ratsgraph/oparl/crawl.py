"""Crawl a whole OParl system over HTTP: the System, its bodies, and every object list of each
body, page by page (`links.next`).

Polite by default (one request per `delay` seconds, an honest User-Agent), patient with
failing servers (retries with exponential backoff on 5xx, 429 and network errors, honouring
Retry-After), and resumable: every page is written to an on-disk cache as it arrives, so a
crawl that was interrupted, or that met a page failing for good, continues where it stopped
when run again, and a finished crawl run again makes no request at all. `modified_since` (or
`update`, which takes the start of the last finished crawl) fetches only what changed and
merges it over the cached crawl. Vendor quirks are repaired by `ratsgraph.oparl.reader.repair`
and reported as warnings. Standard library only (urllib)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from .. import __version__
from ..errors import FetchError, InputError, RatsgraphError
from .export import TYPE_ORDER
from .reader import Quirks, parse_json, parse_type, repair_document

#: The external lists of a Body that a crawl follows, in this order (OParl 1.1 keys).
BODY_LISTS = ("organization", "person", "meeting", "paper", "agendaItem", "consultation", "file",
              "locationList", "legislativeTermList", "membership")

USER_AGENT = f"ratsgraph/{__version__} (OParl crawler; +https://w3id.org/ratsgraph)"

#: HTTP statuses worth another try.
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass
class CrawlOptions:
    """How to crawl. Times are in seconds."""

    cache_dir: Path | None = None  # None: no cache (nothing is resumable)
    modified_since: dt.datetime | None = None  # only objects changed since then
    update: bool = False  # modified_since = the start of the last finished crawl
    refresh: bool = False  # fetch again what the cache holds
    delay: float = 0.5  # at least this long between two requests
    retries: int = 4  # further tries of a request that failed with 5xx/429/network errors
    backoff: float = 1.0  # the first wait before a retry; doubled each time
    timeout: float = 30.0
    max_pages: int | None = None  # stop after this many pages (a sample of a large system)


@dataclass
class CrawlResult:
    objects: list[dict]  # top-level objects, repaired, one per id, sorted by type and id
    warnings: list[str]
    requests: int = 0  # HTTP requests sent (retries included)
    from_cache: int = 0  # pages read from the cache
    pages: int = 0
    failed: list[str] = field(default_factory=list)  # "URL: reason" of pages that failed for good
    started: str = ""

    @property
    def complete(self) -> bool:
        return not self.failed

    def page(self) -> dict:
        """All objects as one OParl list page."""
        n = len(self.objects)
        return {"data": self.objects,
                "pagination": {"totalElements": n, "elementsPerPage": n, "currentPage": 1, "totalPages": 1},
                "links": {}}


def default_cache_dir(url: str) -> Path:
    """`$XDG_CACHE_HOME/ratsgraph/oparl/<host>-<hash of the URL>` (~/.cache by default)."""
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    host = urlsplit(url).hostname or "local"
    return root / "ratsgraph" / "oparl" / f"{host}-{hashlib.sha1(url.encode()).hexdigest()[:10]}"


class Cache:
    """Pages by URL, and the record of the crawls run with this cache (`crawl.json`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "pages").mkdir(parents=True, exist_ok=True)
        self.state_path = root / "crawl.json"
        exists = self.state_path.exists()
        self.state = json.loads(self.state_path.read_text("utf-8")) if exists else {"runs": []}

    def _path(self, url: str) -> Path:
        return self.root / "pages" / f"{hashlib.sha1(url.encode()).hexdigest()}.json"

    def get(self, url: str) -> str | None:
        path = self._path(url)
        if not path.exists():
            return None
        try:
            return json.loads(path.read_text("utf-8"))["body"]
        except (ValueError, KeyError):
            return None  # a damaged entry is fetched again

    def put(self, url: str, body: str) -> None:
        record = {"url": url, "fetched": _now().isoformat(), "body": body}
        _atomic_write(self._path(url), json.dumps(record, ensure_ascii=False))

    def save(self) -> None:
        _atomic_write(self.state_path, json.dumps(self.state, ensure_ascii=False, indent=1))


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.part")
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def with_query(url: str, **params: str) -> str:
    """The URL with query parameters set (replacing ones of the same name)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query += sorted(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


class Progress:
    """A progress bar on standard error: one line redrawn in a terminal, one line per finished
    list elsewhere (logs, CI)."""

    def __init__(self, stream=None, enabled: bool = True) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()

    def update(self, what: str, page: int, pages: int | None, objects: int, requests: int,
               cached: int) -> None:
        if not self.tty:
            return
        if pages:
            done = min(page / pages, 1.0)
            bar = "[" + "#" * int(done * 20) + "." * (20 - int(done * 20)) + f"] {page}/{pages}"
        else:
            bar = f"page {page}"
        line = f"{what}: {bar} · {objects} objects · {requests} requests · {cached} cached"
        self.stream.write("\r\x1b[K" + line[:200])
        self.stream.flush()

    def finished(self, what: str, pages: int, objects: int) -> None:
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\r\x1b[K")
        self.stream.write(f"ratsgraph: crawled {what}: {pages} page(s), {objects} object(s)\n")
        self.stream.flush()


class Crawler:
    def __init__(self, options: CrawlOptions, progress: Progress | None = None,
                 opener: Callable | None = None) -> None:
        self.o = options
        self.progress = progress or Progress(enabled=False)
        self.quirks = Quirks("crawl")
        self.cache = Cache(options.cache_dir) if options.cache_dir else None
        self.requests = 0
        self.from_cache = 0
        self.pages = 0
        self.failed: list[str] = []
        self._last_request = 0.0
        self._open = opener or urllib.request.urlopen
        self.run: dict = {}

    # --- HTTP -------------------------------------------------------------------------------
    def fetch(self, url: str) -> str:
        """The body of a URL: from the cache when allowed, else over HTTP with retries."""
        fresh_ok = self.run.get("modified_since") is None or url in self.run["pages"]
        if self.cache and not self.o.refresh and (fresh_ok or "modified_since=" in url):
            body = self.cache.get(url)
            if body is not None:
                self.from_cache += 1
                self._record(url)
                return body
        body = self._http(url)
        if self.cache:
            self.cache.put(url, body)
        self._record(url)
        return body

    def _record(self, url: str) -> None:
        if url not in self.run["pages"]:
            self.run["pages"].append(url)
            if self.cache:
                self.cache.save()

    def _http(self, url: str) -> str:
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError("not an http(s) URL", url)
        attempt = 0
        while True:
            wait = self._last_request + self.o.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_request = time.monotonic()
            self.requests += 1
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                           "Accept": "application/json"})
            retry_after = None
            try:
                with self._open(request, timeout=self.o.timeout) as response:
                    data = response.read()
                    charset = response.headers.get_content_charset() or "utf-8"
                return _decode(data, charset)
            except urllib.error.HTTPError as err:
                reason = f"HTTP {err.code} {err.reason}"
                if err.code not in RETRY_STATUSES:
                    raise FetchError(reason, url) from None
                retry_after = _retry_after(err.headers.get("Retry-After") if err.headers else None)
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as err:
                reason = f"network error: {getattr(err, 'reason', err)}"
            if attempt >= self.o.retries:
                raise FetchError(f"{reason} (gave up after {attempt + 1} tries)", url)
            pause = retry_after if retry_after is not None else self.o.backoff * 2 ** attempt
            time.sleep(min(pause, 300.0))
            attempt += 1

    # --- OParl ------------------------------------------------------------------------------
    def list_pages(self, url: str, what: str, params: dict[str, str]):
        """The objects of an object list, page by page."""
        url = with_query(url, **params) if params else url
        seen: set[str] = set()
        page_number, total_pages, count = 0, None, 0
        while url and url not in seen:
            if self.o.max_pages is not None and self.pages >= self.o.max_pages:
                return
            seen.add(url)
            try:
                body = self.fetch(url)
                value = parse_json(body, url, self.quirks)
                page = repair_document(value, url, self.quirks)
            except RatsgraphError as err:
                self.failed.append(str(err))
                return
            self.pages += 1
            page_number += 1
            if isinstance(value, dict) and isinstance(value.get("pagination"), dict):
                total = value["pagination"].get("totalPages")
                total_pages = total if isinstance(total, int) else total_pages
            count += len(page.objects)
            self.progress.update(what, page_number, total_pages, count, self.requests, self.from_cache)
            yield from page.objects
            next_url = urljoin(url, page.next_url) if page.next_url else None
            if next_url and params:
                next_url = with_query(next_url, **params)  # some servers drop the filter from `next`
            url = next_url
        self.progress.finished(what, page_number, count)

    def entry(self, url: str) -> list[dict]:
        """The objects at a URL that is not a list page of a body: the System, a Body, a list."""
        try:
            body = self.fetch(url)
            value = parse_json(body, url, self.quirks)
            page = repair_document(value, url, self.quirks)
        except RatsgraphError as err:
            self.failed.append(str(err))
            return []
        self.pages += 1
        objects = list(page.objects)
        if page.next_url:  # the URL is an object list: all of its pages
            objects.extend(self.list_pages(urljoin(url, page.next_url), "list", {}))
        return objects

    def crawl(self, url: str) -> list[dict]:
        params = {}
        if self.run.get("modified_since"):
            params["modified_since"] = self.run["modified_since"]
        objects: list[dict] = []
        entry = self.entry(url)
        if not entry and not self.failed:
            raise InputError("no OParl object at this URL", url)
        bodies: list[dict] = []
        for obj in entry:
            type_name = parse_type(obj.get("type"), Quirks(), url)
            objects.append(obj)
            if type_name == "System" and isinstance(obj.get("body"), str):
                bodies.extend(self.list_pages(urljoin(url, obj["body"]), "bodies", {}))
            elif type_name == "Body":
                bodies.append(obj)
        objects.extend(b for b in bodies if b not in objects)
        for body in bodies:
            name = body.get("shortName") or body.get("name") or body["id"]
            for key in BODY_LISTS:
                list_url = body.get(key)
                if isinstance(list_url, str) and list_url:
                    objects.extend(self.list_pages(urljoin(body["id"], list_url), f"{name}: {key}", params))
        return objects


def _decode(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except (UnicodeDecodeError, LookupError):
        return data.decode("utf-8", errors="replace")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def crawl(url: str, options: CrawlOptions | None = None, progress: Progress | None = None,
          opener: Callable | None = None) -> CrawlResult:
    """Crawl the OParl system (or body, or list) at `url`. Raises InputError when the URL holds
    no OParl object; pages that fail for good are listed in `CrawlResult.failed` (the cache keeps
    the rest, so running the crawl again resumes)."""
    options = options or CrawlOptions()
    crawler = Crawler(options, progress, opener)
    runs = crawler.cache.state["runs"] if crawler.cache else []
    since = options.modified_since
    if options.update and since is None:
        finished = [r for r in runs if r.get("completed") and r.get("url") == url]
        if finished:
            since = dt.datetime.fromisoformat(finished[-1]["started"]) - dt.timedelta(minutes=5)
    since_text = since.isoformat() if since else None
    last = runs[-1] if runs else None
    same = last is not None and last.get("url") == url and last.get("modified_since") == since_text
    if last and same and not last.get("completed"):
        crawler.run = last  # resume the interrupted run
    else:
        crawler.run = {"url": url, "started": _now().isoformat(), "modified_since": since_text,
                       "completed": False, "pages": []}
        runs.append(crawler.run)
    if crawler.cache:
        crawler.cache.save()
    fetched = crawler.crawl(url)
    complete = not crawler.failed and (options.max_pages is None or crawler.pages < options.max_pages)
    crawler.run["completed"] = complete
    if crawler.cache:
        crawler.cache.save()
    objects = fetched
    if since_text and crawler.cache and complete:
        objects = _replay(crawler, runs, url) or fetched
    return CrawlResult(_dedupe(objects), crawler.quirks.messages(), crawler.requests, crawler.from_cache,
                       crawler.pages, crawler.failed, crawler.run["started"])


def _replay(crawler: Crawler, runs: list[dict], url: str) -> list[dict]:
    """The objects of the last full crawl and every finished incremental one since, in order
    (read from the cache, no request): later versions of an object replace earlier ones."""
    full = [i for i, r in enumerate(runs) if r.get("completed") and r.get("url") == url
            and not r.get("modified_since")]
    if not full:
        return []
    objects: list[dict] = []
    quiet = Quirks("replay")
    for run in runs[full[-1]:]:
        if not run.get("completed") or run.get("url") != url:
            continue
        for page_url in run["pages"]:
            body = crawler.cache.get(page_url) if crawler.cache else None
            if body is None:
                continue
            try:
                objects.extend(repair_document(parse_json(body, page_url, quiet), page_url, quiet).objects)
            except RatsgraphError:
                continue
    return objects


def _dedupe(objects: list[dict]) -> list[dict]:
    by_id: dict[str, dict] = {}
    for obj in objects:
        by_id[obj["id"]] = obj  # a later version (an incremental crawl) replaces an earlier one
    rank = {name: i for i, name in enumerate(TYPE_ORDER)}

    def key(obj: dict):
        name = str(obj.get("type", "")).rsplit("/", 1)[-1]
        return rank.get(name, len(rank)), obj["id"]

    return sorted(by_id.values(), key=key)
