"""A small OParl server for tests: a real HTTP server on 127.0.0.1 (threading http.server, a free
port) serving a multi-page OParl system built from the OParl 1.1 examples in
`../shared/oparl/examples/` (CC BY-SA 4.0, the OParl authors; read from there at test time, not
copied). It counts the requests it gets, can fail a page with HTTP 500 a given number of times,
and serves vendor quirks on purpose."""

from __future__ import annotations

import copy
import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

EXAMPLE_HOST = "https://oparl.example.org/"


def _load(examples: Path, name: str, base: str) -> dict:
    text = (examples / name).read_text(encoding="utf-8").replace(EXAMPLE_HOST, base)
    return json.loads(text)


class OParlSystem:
    """The content: path → list of pages (each a list of objects), plus single objects."""

    def __init__(self, examples: Path, base: str) -> None:
        self.base = base
        system = _load(examples, "System-01.json", base)
        system["id"] = base
        system["body"] = base + "bodies"
        body = _load(examples, "Body-01.json", base)
        body["system"] = base
        lists = (("organization", "organizations"), ("person", "persons"), ("meeting", "meetings"),
                 ("paper", "papers"), ("agendaItem", "agendaItems"), ("consultation", "consultations"),
                 ("file", "files"), ("locationList", "locations"), ("membership", "memberships"))
        for key, path in lists:
            body[key] = f"{base}body/0/{path}"
        organization = _load(examples, "Organization-01.json", base)
        organization["body"] = body["id"]
        second = copy.deepcopy(organization)
        second.update(id=base + "organization/35", name="Ausschuss für Umwelt", shortName="Umweltausschuss")
        person = _load(examples, "Person-01.json", base)
        meeting = _load(examples, "Meeting-01.json", base)
        # Quirk: a single reference where OParl requires an array.
        meeting["organization"] = meeting["organization"][0]
        paper = _load(examples, "Paper-01.json", base)
        paper_2 = copy.deepcopy(paper)
        paper_2.update(id=base + "paper/750", reference="1235/2014", consultation=[])
        self.objects = {"": [system]}
        self.lists: dict[str, list[list[dict]]] = {
            "bodies": [[body]],
            "body/0/organizations": [[organization], [second]],  # two pages
            "body/0/persons": [[person]],
            "body/0/meetings": [[meeting]],
            "body/0/papers": [[paper], [paper_2]],
            "body/0/agendaItems": [[]],
            "body/0/consultations": [[]],
            "body/0/files": [[_load(examples, "File-01.json", base)]],
            "body/0/locations": [[_load(examples, "Location-01.json", base)]],
            "body/0/memberships": [[]],
        }
        self.changed: dict[str, list[dict]] = {}  # list → objects returned for modified_since

    def all_ids(self) -> set[str]:
        ids = {self.base}
        for pages in self.lists.values():
            ids.update(obj["id"] for page in pages for obj in page)
        return ids

    def response(self, path: str, query: dict[str, list[str]]) -> dict | None:
        if path in self.objects:
            return self.objects[path][0]
        if path not in self.lists:
            return None
        if "modified_since" in query:
            data = self.changed.get(path, [])
            return {"data": data, "links": {}}
        pages = self.lists[path]
        number = int(query.get("page", ["1"])[0])
        if not 1 <= number <= len(pages):
            return None
        links = {"first": f"{self.base}{path}"}
        if number < len(pages):
            links["next"] = f"{self.base}{path}?page={number + 1}"
        return {"data": pages[number - 1],
                "pagination": {"totalElements": sum(map(len, pages)), "elementsPerPage": 1,
                               "currentPage": number, "totalPages": len(pages)},
                "links": links}


class Server:
    """Start with `with Server(examples) as server:`; `server.url` is the System's URL."""

    def __init__(self, examples: Path) -> None:
        self.examples = examples
        self.requests: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()  # request target → how many more times to answer 500
        self.lock = threading.Lock()
        self.system: OParlSystem | None = None
        self._httpd: ThreadingHTTPServer | None = None

    def __enter__(self) -> Server:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                target = self.path
                with outer.lock:
                    outer.requests[target] += 1
                    fail = outer.failures[target] > 0
                    if fail:
                        outer.failures[target] -= 1
                if fail:
                    self.send_error(500, "Internal Server Error")
                    return
                parts = urlsplit(target)
                assert outer.system is not None
                body = outer.system.response(parts.path.strip("/"), parse_qs(parts.query))
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        self.system = OParlSystem(self.examples, self.url)
        serve = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                 daemon=True)
        serve.start()
        return self

    def __exit__(self, *exc) -> None:
        assert self._httpd is not None
        self._httpd.shutdown()
        self._httpd.server_close()

    @property
    def total(self) -> int:
        with self.lock:
            return sum(self.requests.values())
