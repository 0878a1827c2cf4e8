"""A bounded load test of `ratsgraph serve` on 127.0.0.1 (issue 7): N concurrent clients for D
seconds, mixing the sample queries (`samples/queries/*.rq`, GET and POST), resource pages (HTML and
Turtle) and the query page; every request's latency and status is recorded.

    python benchmarks/load_test.py                        # 50 clients, 30 s, on the sample store
    python benchmarks/load_test.py --clients 10 --duration 5 --store DIR --json result.json
    python benchmarks/load_test.py --serve-option=--workers=4   # pass options to `ratsgraph serve`

It loads a store from the sample minutes and the test documents (unless `--store` names one),
starts `ratsgraph serve --port 0` on it as a subprocess, checks that every request of the mix
answers 200, runs the clients (each with its own keep-alive connection, until the time is up or
`--max-requests` in total), stops the server by its process id, and prints requests, errors,
throughput, p50, p90, p99 and max latency (overall and per kind of request). Any response other
than 200, and any failed connection, counts as an error; the exit code is 1 if there was one.
Traffic goes to 127.0.0.1 only. The clients run in this process (threads), so they share the
machine's cores with the server: the figures are for client and server on one machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DOCUMENTS = [
    ROOT / "samples" / "kreis-mettmann-vorlage-50-034-2021.txt",
    *sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")),
]
QUERIES = ROOT / "samples" / "queries"
WEIGHTS = {"query": 40, "resource": 45, "page": 15}
REQUEST_TIMEOUT = 60.0


@dataclass(frozen=True)
class Call:
    kind: str  # query, resource, page
    method: str
    path: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None


@dataclass
class Record:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    requests: int = 0


def _log(message: str) -> None:
    print(f"load_test: {message}", file=sys.stderr, flush=True)


def build_store(folder: Path) -> None:
    command = [
        sys.executable,
        "-m",
        "ratsgraph",
        "load",
        "-q",
        "--store",
        str(folder),
        *map(str, SAMPLE_DOCUMENTS),
    ]
    subprocess.run(command, check=True, timeout=600)


class Server:
    """`ratsgraph serve` as a subprocess on a free port of 127.0.0.1; stopped by its pid."""

    def __init__(self, store: Path, options: list[str], log_path: Path) -> None:
        self.log_path = log_path
        self._log = open(log_path, "w", encoding="utf-8")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "ratsgraph",
                "serve",
                "--store",
                str(store),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                *options,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.url = self._announced()
        self._drain = threading.Thread(target=self._copy_log, daemon=True)
        self._drain.start()

    def _announced(self) -> str:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.process.stderr.readline()
            if not line:
                break
            self._log.write(line)
            match = re.search(r"at (http://127\.0\.0\.1:\d+)/", line)
            if match:
                return match.group(1)
        self.stop()
        raise SystemExit(f"load_test: the server did not start; see {self.log_path}")

    def _copy_log(self) -> None:  # the server logs every request; keep its pipe flowing
        for line in self.process.stderr:
            self._log.write(line)

    def stop(self) -> int:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.flush()
        return self.process.returncode


def _get(url: str, path: str, accept: str) -> tuple[int, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Accept": accept})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def request_mix(url: str) -> list[Call]:
    """The sample queries (GET and POST), resource pages found in the store, the query page."""
    calls = []
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        graph = (
            re.search(r"^\s*(CONSTRUCT|DESCRIBE)\b", re.sub(r"#[^\n]*", "", text), re.I | re.M) is not None
        )
        accept = "text/turtle" if graph else "application/sparql-results+json"
        calls.append(Call("query", "GET", "/sparql?query=" + quote(text), (("Accept", accept),)))
        calls.append(
            Call(
                "query",
                "POST",
                "/sparql",
                (("Accept", accept), ("Content-Type", "application/x-www-form-urlencoded")),
                urlencode({"query": text}).encode("utf-8"),
            )
        )
    status, body = _get(
        url,
        "/sparql?format=json&query="
        + quote("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) } ORDER BY ?s LIMIT 400"),
        "application/json",
    )
    if status != 200:
        raise SystemExit(f"load_test: cannot list resources ({status}): {body[:200]!r}")
    health = json.loads(_get(url, "/health", "application/json")[1])
    base = health["base"]
    subjects = [b["s"]["value"] for b in json.loads(body)["results"]["bindings"]]
    pages = sorted({s[len(base) :].split("#")[0] for s in subjects if s.startswith(base)})
    for page in pages:
        calls.append(
            Call("resource", "GET", "/" + quote(page, safe="/:@!$&'()*+,;=-._~"), (("Accept", "text/html"),))
        )
        calls.append(
            Call(
                "resource", "GET", "/" + quote(page, safe="/:@!$&'()*+,;=-._~"), (("Accept", "text/turtle"),)
            )
        )
    calls.append(Call("page", "GET", "/", (("Accept", "text/html"),)))
    _log(
        f"request mix: {sum(c.kind == 'query' for c in calls)} query calls, "
        f"{sum(c.kind == 'resource' for c in calls)} resource pages, the query page; "
        f"server {health['status']}"
    )
    return calls


class Client:
    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.connection: http.client.HTTPConnection | None = None

    def call(self, call: Call) -> tuple[int, int]:
        """(status, body length); raises OSError/HTTPException when the connection fails."""
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
        try:
            self.connection.request(call.method, call.path, body=call.body, headers=dict(call.headers))
            response = self.connection.getresponse()
            body = response.read()
            if response.will_close:
                self.close()
            return response.status, len(body)
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def check_mix(url: str, calls: list[Call]) -> list[str]:
    """Every call of the mix once, before the timed run: they must all answer 200."""
    client = Client(url)
    failed = []
    for call in calls:
        try:
            status, _ = client.call(call)
        except (OSError, http.client.HTTPException) as err:
            failed.append(f"{call.method} {call.path[:80]}: {type(err).__name__}: {err}")
            continue
        if status != 200:
            failed.append(f"{call.method} {call.path[:80]}: {status}")
    client.close()
    return failed


def run_clients(
    url: str, calls: list[Call], clients: int, duration: float, max_requests: int, seed: int
) -> tuple[Record, float]:
    by_kind = {kind: [c for c in calls if c.kind == kind] for kind in WEIGHTS}
    kinds = [k for k in WEIGHTS if by_kind[k]]
    weights = [WEIGHTS[k] for k in kinds]
    record = Record({kind: [] for kind in kinds})
    lock = threading.Lock()
    budget = iter(range(max_requests))
    start = threading.Event()
    deadline = [0.0]

    def client_loop(index: int) -> None:
        rng = random.Random(seed * 1000 + index)
        client = Client(url)
        start.wait()
        while time.monotonic() < deadline[0]:
            with lock:
                if next(budget, None) is None:
                    break
            kind = rng.choices(kinds, weights)[0]
            call = rng.choice(by_kind[kind])
            began = time.perf_counter()
            try:
                status, _ = client.call(call)
                problem = None if status == 200 else f"{status} on {call.method} {call.path[:100]}"
            except (OSError, http.client.HTTPException) as err:
                problem = f"{type(err).__name__} on {call.method} {call.path[:100]}: {err}"
            elapsed = time.perf_counter() - began
            with lock:
                record.requests += 1
                record.latencies[kind].append(elapsed)
                if problem:
                    record.errors.append(problem)
        client.close()

    threads = [threading.Thread(target=client_loop, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    began = time.monotonic()
    deadline[0] = began + duration
    start.set()
    for thread in threads:
        thread.join(timeout=duration + REQUEST_TIMEOUT + 10)
    return record, time.monotonic() - began


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def summary(record: Record, elapsed: float) -> dict:
    every = [x for values in record.latencies.values() for x in values]

    def figures(values: list[float]) -> dict:
        return {
            "requests": len(values),
            "p50_ms": percentile(values, 50) * 1000,
            "p90_ms": percentile(values, 90) * 1000,
            "p99_ms": percentile(values, 99) * 1000,
            "max_ms": max(values, default=float("nan")) * 1000,
        }

    return {
        "requests": record.requests,
        "errors": len(record.errors),
        "seconds": elapsed,
        "throughput_per_s": record.requests / elapsed if elapsed else 0.0,
        **figures(every),
        "by_kind": {kind: figures(values) for kind, values in record.latencies.items()},
        "first_errors": record.errors[:20],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load (default 30)")
    parser.add_argument("--max-requests", type=int, default=1_000_000, help="stop after this many in total")
    parser.add_argument(
        "--store", metavar="DIR", help="a loaded store (default: load the samples into a temporary one)"
    )
    parser.add_argument(
        "--serve-option",
        action="append",
        default=[],
        metavar="OPTION",
        help="an option for `ratsgraph serve`, e.g. --serve-option=--workers=4 (repeatable)",
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of the clients' choices (default 7)")
    parser.add_argument("--json", metavar="OUT", help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.duration <= 0:
        parser.error("--clients must be at least 1 and --duration positive")

    with tempfile.TemporaryDirectory(prefix="ratsgraph-load-test-") as tmp:
        store = Path(args.store) if args.store else Path(tmp) / "store"
        if not args.store:
            _log(f"loading {len(SAMPLE_DOCUMENTS)} sample documents into {store}")
            build_store(store)
        server = Server(store, args.serve_option, Path(tmp) / "serve.log")
        try:
            _log(f"server {server.url} (pid {server.process.pid})")
            calls = request_mix(server.url)
            failed = check_mix(server.url, calls)
            if failed:
                for line in failed[:20]:
                    _log(f"the request mix has a failing call: {line}")
                return 1
            _log(f"{args.clients} clients for {args.duration:g} s ...")
            record, elapsed = run_clients(
                server.url, calls, args.clients, args.duration, args.max_requests, args.seed
            )
        finally:
            code = server.stop()
            log_text = server.log_path.read_text(encoding="utf-8", errors="replace")
        tracebacks = log_text.count("Traceback (most recent call last)")
    result = summary(record, elapsed)
    result.update(
        {
            "clients": args.clients,
            "duration_s": args.duration,
            "server_exit": code,
            "server_tracebacks": tracebacks,
            "machine": {
                "cores": os.cpu_count(),
                "python": platform.python_version(),
                "system": f"{platform.system()} {platform.machine()}",
            },
            "serve_options": args.serve_option,
        }
    )
    print(
        f"clients {args.clients}, {elapsed:.1f} s, {result['machine']['cores']} cores, "
        f"Python {result['machine']['python']}"
    )
    print(
        f"requests {result['requests']}  errors {result['errors']}  throughput "
        f"{result['throughput_per_s']:.1f}/s"
    )
    print(
        f"latency p50 {result['p50_ms']:.1f} ms  p90 {result['p90_ms']:.1f} ms  "
        f"p99 {result['p99_ms']:.1f} ms  "
        f"max {result['max_ms']:.1f} ms"
    )
    for kind, figures in result["by_kind"].items():
        print(
            f"  {kind:9} {figures['requests']:7} requests  p50 {figures['p50_ms']:7.1f}  p90 "
            f"{figures['p90_ms']:7.1f}  p99 {figures['p99_ms']:7.1f}  max {figures['max_ms']:7.1f} ms"
        )
    print(f"server stopped by pid (exit {code}); tracebacks in its log: {tracebacks}")
    for line in result["first_errors"]:
        print(f"  error: {line}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 1 if result["errors"] or tracebacks else 0


if __name__ == "__main__":
    sys.exit(main())
