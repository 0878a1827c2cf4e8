"""Run every benchmark of ratsgraph and its baselines on generated data and print one table:
the median of the runs, the ratio to each baseline, peak memory, and each acceptance target
with pass or fail.

    python benchmarks/run.py --quick            # smaller inputs, within 5 minutes on 2 cores
    python benchmarks/run.py                    # the full run, within 60 minutes
    python benchmarks/run.py --quick --only oparl   # one stage: convert rdf oparl shacl store memory

Every measurement runs in a fresh process (peak memory is that process's maximum resident set);
a baseline run that passes its cap is killed and reported as "> cap", never waited for, and a
baseline that the smaller input already shows to be past the cap is not started ("> cap*").
The table is also written as Markdown and JSON to benchmarks/results/ (git-ignored); generated
corpora are cached in benchmarks/data/ (git-ignored). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from tasks import sample_queries  # noqa: E402

DATA = HERE / "data"
RESULTS = HERE / "results"
PYTHON = sys.executable

#: Input sizes, caps and run counts of the two modes. Caps are per run, in seconds; a baseline
#: whose first run takes longer than `once_over` is not repeated (its median is of one run).
MODES = {
    "quick": dict(convert_docs=300, rdf_docs=100, oparl_meetings=200, shacl_docs=(100, 1000),
                  store_triples=(100_000, 500_000), rdflib_store_max=100_000, memory_docs=(100, 1000), pyshacl_max=100,
                  runs=3, memory_runs=1, cap=60, query_cap=10, once_over=5),
    "full": dict(convert_docs=2000, rdf_docs=1000, oparl_meetings=2000, shacl_docs=(1000, 10_000),
                 store_triples=(1_000_000, 10_000_000), rdflib_store_max=1_000_000, memory_docs=(1000, 10_000), pyshacl_max=10_000,
                 runs=3, memory_runs=3, cap=600, query_cap=60, once_over=30),
}

STAGES = ("convert", "rdf", "oparl", "shacl", "store", "memory")
NOT_RUN = "not run in this mode"


# -- running processes ---------------------------------------------------------------------------

@dataclass
class Outcome:
    """What the runs of one command or task gave."""

    runs: list[dict] = field(default_factory=list)
    capped: bool = False       # a run passed the cap and was killed
    skipped: str | None = None  # not started, and why
    peak_mb: float | None = None
    ready: dict | None = None
    error: str | None = None

    def median(self, key: str = "seconds") -> float | None:
        values = [r[key] for r in self.runs if key in r]
        return statistics.median(values) if values else None

    @property
    def over_cap(self) -> bool:
        return (self.capped or (self.skipped is not None and self.skipped != NOT_RUN)) and not self.runs


def _launch(cmd: list[str], **popen) -> subprocess.Popen:
    """Start a measured command through `peak.py`, which records the command's own peak RSS
    (started directly, it would inherit this process's peak: Linux keeps it across fork and exec)."""
    fd, peak_file = tempfile.mkstemp(prefix="peak-", suffix=".txt")
    os.close(fd)
    proc = subprocess.Popen([PYTHON, "-I", "-S", str(HERE / "peak.py"), peak_file, *cmd],
                            start_new_session=True, cwd=ROOT, **popen)
    proc.peak_file = peak_file  # type: ignore[attr-defined]
    return proc


def _peak(proc: subprocess.Popen) -> float | None:
    """The peak RSS in MB that `peak.py` recorded (None when the command was killed)."""
    path = proc.peak_file  # type: ignore[attr-defined]
    try:
        text = Path(path).read_text().strip()
        return int(text) / 1024 if text else None
    finally:
        Path(path).unlink(missing_ok=True)


def _wait(proc: subprocess.Popen, deadline: float | None) -> tuple[int | None, float | None]:
    """Wait for a child until the deadline: (exit status or None when still running, peak MB)."""
    while True:
        pid, status, _usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            return proc.returncode, _peak(proc)
        if deadline is not None and time.monotonic() > deadline:
            return None, None
        time.sleep(0.02)


def _kill(proc: subprocess.Popen) -> float | None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.wait4(proc.pid, 0)
    return _peak(proc)


def _log(name: str) -> Path:
    (RESULTS / "logs").mkdir(parents=True, exist_ok=True)
    return RESULTS / "logs" / (re.sub(r"[^A-Za-z0-9_.-]+", "-", name)[:120] + ".log")


def run_command(name: str, cmd: list[str], runs: int, cap: float, once_over: float | None = None,
                before_run=None) -> Outcome:
    """Run a command `runs` times (a fresh process each time), timing each run by the wall clock."""
    out = Outcome()
    for i in range(runs):
        if before_run is not None:
            before_run()
        with _log(name).open("a") as log:
            start = time.monotonic()
            proc = _launch(cmd, stdout=log, stderr=log)
            status, peak = _wait(proc, start + cap)
            seconds = time.monotonic() - start
        if status is None:
            _kill(proc)
            out.capped = True
            break
        if status != 0:
            out.error = f"exit {status} (see {_log(name)})"
            break
        out.runs.append({"seconds": seconds, "peak_mb": peak})
        out.peak_mb = max(out.peak_mb or 0, peak or 0)
        if once_over is not None and seconds > once_over:
            break
    return out


def run_task(name: str, cmd: list[str], cap: float, setup_cap: float, once_over: float | None = None,
             on_event=None) -> Outcome:
    """Run a task that speaks the protocol of tasks.py: a ready line, then one line per run."""
    out = Outcome()
    log = _log(name).open("a")
    proc = _launch(cmd, stdout=subprocess.PIPE, stderr=log, text=True)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + setup_cap
    buffered = ""
    try:
        while True:
            timeout = deadline - time.monotonic()
            if timeout <= 0 or not sel.select(timeout):
                out.capped = True
                out.peak_mb = _kill(proc)
                return out
            chunk = os.read(proc.stdout.fileno(), 65536).decode("utf-8", errors="replace")
            if not chunk:
                break
            buffered += chunk
            while "\n" in buffered:
                line, buffered = buffered.split("\n", 1)
                if not line.strip():
                    continue
                event = json.loads(line)
                if event.get("event") == "ready":
                    out.ready = event
                else:
                    out.runs.append(event)
                    if on_event is not None:
                        on_event(event)
                    if once_over is not None and event.get("seconds", 0) > once_over and "query" not in event:
                        out.peak_mb = _kill(proc)
                        return out
                deadline = time.monotonic() + cap
        status, peak = _wait(proc, None)
        out.peak_mb = peak
        if status != 0:
            out.error = f"exit {status} (see {_log(name)})"
        return out
    finally:
        sel.close()
        proc.stdout.close()
        log.close()


# -- data ---------------------------------------------------------------------------------------------

def _generator_version() -> str:
    return hashlib.sha1((HERE / "generate.py").read_bytes()).hexdigest()[:10]


def minutes_corpus(n: int, seed: int = 1) -> list[Path]:
    """The first N documents of the cached corpus (generated on first use, kept across runs)."""
    folder = DATA / f"minutes-{_generator_version()}-s{seed}"
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        family = generate.FAMILIES[i % len(generate.FAMILIES)]
        ext = ".html" if family == "F06" else ".txt"
        path = folder / f"doc{i:06d}-{family.lower()}{ext}"
        if not path.exists():
            doc = generate.document(seed, i)
            path.write_bytes(doc.data)
        paths.append(path)
    return paths


def corpus_folder(n: int, seed: int = 1) -> Path:
    """A folder holding exactly the first N documents (hard links into the cache)."""
    paths = minutes_corpus(n, seed)
    folder = DATA / f"minutes-{_generator_version()}-s{seed}-n{n}"
    if not folder.exists() or len(list(folder.iterdir())) != n:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for p in paths:
            os.link(p, folder / p.name)
    return folder


def oparl_folder(meetings: int, seed: int = 1) -> Path:
    folder = DATA / f"oparl-{_generator_version()}-s{seed}-m{meetings}"
    if not folder.exists():
        generate.write_oparl(meetings, folder, seed)
    return folder


def size_mb(paths) -> float:
    return sum(Path(p).stat().st_size for p in paths) / 1e6


def convert_cmd(paths, output: Path, fmt: str = "nt", jobs: int | None = None) -> list[str]:
    cmd = [PYTHON, "-m", "ratsgraph", "convert", "--no-validate", "-f", fmt, "-o", str(output)]
    if jobs is not None:
        cmd += ["--jobs", str(jobs)]
    return cmd + [str(p) for p in paths]


def has_jobs_option() -> bool:
    help_text = subprocess.run([PYTHON, "-m", "ratsgraph", "convert", "--help"], capture_output=True, text=True,
                               cwd=ROOT).stdout
    return "--jobs" in help_text


def count_lines(path: Path) -> int:
    with path.open("rb") as f:
        return sum(buf.count(b"\n") for buf in iter(lambda: f.read(1 << 20), b""))


_converted: dict[int, Path] = {}


def converted_quads(n: int, work: Path, seed: int = 1) -> Path:
    """The first N documents converted once per run to N-Quads (one named graph per document)."""
    if n not in _converted:
        out = work / f"converted-{n}.nq"
        result = run_command(f"prepare-convert-{n}", convert_cmd(minutes_corpus(n, seed), out, "nquads"), 1, 3600)
        if result.error or not result.runs:
            raise SystemExit(f"preparing {n} converted documents failed: {result.error}")
        _converted[n] = out
    return _converted[n]


def union_ntriples(nquads: Path, out: Path) -> Path:
    """The triples of an N-Quads file without their graph names (what rdflib and pyshacl read)."""
    with nquads.open("rb") as src, out.open("wb") as dst:
        for line in src:
            cut = line.rstrip().rfind(b" <")
            dst.write(line[:cut] + b" .\n")
    return out


_BASE = b"https://example.org/ratsgraph/"


def store_parts(nquads: Path, triples: int, folder: Path, part_size: int, with_nt: bool) -> tuple[list[Path], list[Path], int]:
    """N-Quads files of about `triples` quads, made of copies of the converted documents with
    their IRIs moved under a per-copy base (so nothing merges), cut at document boundaries into
    parts of `part_size` quads; with_nt also writes each part's triples as N-Triples for rdflib."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = nquads.read_bytes().splitlines(keepends=True)
    nq_parts, nt_parts = [], []
    written = 0
    copy = 0
    part = None
    part_nt = None
    in_part = 0
    last_graph = None
    done = False
    while not done:
        prefix = _BASE + f"c{copy}/".encode()
        for line in lines:
            graph = line[line.rstrip().rfind(b" <"):]
            if graph != last_graph:
                last_graph = graph
                if written >= triples:
                    done = True
                    break
                if part is None or in_part >= part_size:
                    if part is not None:
                        part.close()
                        if part_nt:
                            part_nt.close()
                    k = len(nq_parts)
                    nq_parts.append(folder / f"part-{k:03d}.nq")
                    part = nq_parts[-1].open("wb")
                    if with_nt:
                        nt_parts.append(folder / f"part-{k:03d}.nt")
                        part_nt = nt_parts[-1].open("wb")
                    in_part = 0
            moved = line.replace(_BASE, prefix)
            part.write(moved)
            if part_nt:
                cut = moved.rstrip().rfind(b" <")
                part_nt.write(moved[:cut] + b" .\n")
            written += 1
            in_part += 1
        copy += 1
    if part is not None:
        part.close()
    if part_nt:
        part_nt.close()
    return nq_parts, nt_parts, written


# -- the table -------------------------------------------------------------------------------------------

@dataclass
class Row:
    stage: str
    measure: str
    input: str
    ours: str
    baseline: str = ""
    base: str = ""
    ratio: str = ""
    target: str = ""
    passed: bool | None = None
    peak: str = ""
    data: dict = field(default_factory=dict)

    def cells(self) -> list[str]:
        verdict = {True: "pass", False: "FAIL", None: ""}[self.passed]
        return [self.stage, self.measure, self.input, self.ours, self.baseline, self.base, self.ratio, self.target,
                verdict, self.peak]


HEADER = ["stage", "measure", "input", "ratsgraph", "baseline", "baseline value", "ratio", "target", "pass",
          "peak MB"]


def secs(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f} s" if value < 1 else f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def mb(value: float | None) -> str:
    return "" if not value else f"{value:,.0f}"


def rate(count: float, seconds: float | None, unit: str) -> str:
    if not seconds:
        return ""
    value = count / seconds
    return f"{value:,.0f} {unit}/s" if value < 100_000 else f"{value / 1000:,.0f} k {unit}/s"


def runs_note(outcome: Outcome) -> str:
    n = len([r for r in outcome.runs if "seconds" in r])
    return f" (1 run)" if n == 1 else ""


def describe_base(outcome: Outcome, cap: float) -> str:
    if outcome.skipped == NOT_RUN:
        return outcome.skipped
    if outcome.skipped:
        return f"> cap* ({outcome.skipped})"
    if outcome.capped and not outcome.runs:
        return f"> cap ({cap:.0f} s)"
    if outcome.error:
        return f"error: {outcome.error}"
    return secs(outcome.median()) + runs_note(outcome)


def deciding_cap(cap: float, ours: float | None, target: float | None, floor: float = 60) -> float:
    """The cap of a baseline run: the mode's cap, but no longer than it takes to show the baseline
    three times slower than the target ratio asks (then the verdict is certain): 3 × target ×
    ratsgraph's time, at least `floor` seconds."""
    if ours is None or target is None:
        return cap
    return min(cap, max(floor, 3 * target * ours))


def speedup(ours: float | None, base: Outcome, cap: float, target: float | None) -> tuple[str, bool | None]:
    """base / ours as text ("4.2×", "> 12×" when the baseline passed the cap) and the verdict."""
    if ours is None:
        return "", None if target is None else False
    if base.over_cap:
        low = cap / ours
        return f"> {low:,.0f}×", None if target is None else (True if low >= target else None)
    b = base.median()
    if b is None:
        return "", None
    ratio = b / ours
    return f"{ratio:,.1f}×", None if target is None else ratio >= target


_SIZES = ("convert_docs", "rdf_docs", "oparl_meetings", "shacl_docs", "store_triples", "rdflib_store_max",
          "memory_docs", "pyshacl_max")


def scaled(cfg: dict, factor: float) -> dict:
    """The sizes of a mode times a factor (a smoke test runs `--quick --scale 0.1`)."""
    def scale(v):
        return tuple(scale(x) for x in v) if isinstance(v, tuple) else max(2, int(v * factor))

    return {k: scale(v) if k in _SIZES else v for k, v in cfg.items()}


class Bench:
    def __init__(self, mode: str, seed: int, scale: float = 1.0) -> None:
        self.mode = mode.split("-")[0]
        self.cfg = scaled(MODES[self.mode], scale) if scale != 1.0 else MODES[self.mode]
        self.seed = seed
        self.rows: list[Row] = []
        self.details: dict = {}
        self.work = DATA / f"run-{os.getpid()}"
        self.work.mkdir(parents=True, exist_ok=True)

    def add(self, row: Row) -> None:
        self.rows.append(row)
        print("  " + " | ".join(c for c in row.cells() if c), flush=True)

    # stage 1 ---------------------------------------------------------------------------------------
    def stage_convert(self) -> None:
        c = self.cfg
        n = c["convert_docs"]
        paths = minutes_corpus(n, self.seed)
        out = self.work / "convert.nt"
        label = f"{n} docs ({size_mb(paths):.1f} MB)"
        jobs = has_jobs_option()
        one = run_command("convert-jobs1", convert_cmd(paths, out, jobs=1 if jobs else None), c["runs"], c["cap"])
        triples = count_lines(out) if out.exists() else 0
        base_out = self.work / "convert-rdflib.nt"
        base = run_command("convert-rdflib", [PYTHON, str(HERE / "baselines.py"), "convert", "-o", str(base_out),
                                              *map(str, paths)], c["runs"], c["cap"], c["once_over"])
        t1 = one.median()
        self.details["convert"] = {"documents": n, "triples": triples, "jobs1": asdict(one), "rdflib": asdict(base)}
        ratio, ok = speedup(t1, base, c["cap"], 3)
        self.add(Row("1 convert", "minutes → N-Triples, --jobs 1" if jobs else "minutes → N-Triples (1 process)",
                     label, f"{secs(t1)}: {rate(n, t1, 'docs')}, {rate(triples, t1, 'triples')}",
                     "rdflib-only pipeline", describe_base(base, c["cap"]) + (
                         f": {rate(n, base.median(), 'docs')}" if base.median() else ""),
                     ratio, "≥ 3× rdflib", ok, mb(one.peak_mb)))
        docs_per_s = n / t1 if t1 else 0
        self.add(Row("1 convert", "documents/s per process", label, f"{docs_per_s:,.0f} docs/s", target="≥ 300 docs/s",
                     passed=docs_per_s >= 300 if t1 else False))
        if not jobs:
            self.add(Row("1 convert", "minutes → N-Triples, --jobs 2", label, "pending: `convert --jobs` not in "
                         "ratsgraph yet", "--jobs 1", secs(t1), "", "≥ 1.7× jobs 1", None))
            return
        two = run_command("convert-jobs2", convert_cmd(paths, out, jobs=2), c["runs"], c["cap"])
        t2 = two.median()
        self.details["convert"]["jobs2"] = asdict(two)
        ratio = t1 / t2 if t1 and t2 else None
        self.add(Row("1 convert", "minutes → N-Triples, --jobs 2", label,
                     f"{secs(t2)}: {rate(n, t2, 'docs')}, {rate(triples, t2, 'triples')}" if t2 else
                     describe_base(two, c["cap"]), "--jobs 1", secs(t1),
                     f"{ratio:.2f}×" if ratio else "", "≥ 1.7× jobs 1", ratio >= 1.7 if ratio else False,
                     mb(two.peak_mb)))

    # stage 2 -----------------------------------------------------------------------------------------
    def stage_rdf(self) -> None:
        c = self.cfg
        n = c["rdf_docs"]
        folder = corpus_folder(n, self.seed)
        self.details["rdf"] = {}
        for fmt, base_fmt in (("nt", "nt"), ("turtle", "turtle"), ("jsonld", "json-ld")):
            ours = run_task(f"rdf-{fmt}", [PYTHON, str(HERE / "tasks.py"), "rdf-stage", str(folder), "--format", fmt,
                                           "--runs", str(c["runs"])], c["cap"], c["cap"])
            t = ours.median()
            cap = deciding_cap(c["cap"], t, 10)
            base = run_task(f"rdf-rdflib-{fmt}", [PYTHON, str(HERE / "baselines.py"), "rdf-stage", str(folder),
                                                  "--format", base_fmt, "--runs", str(c["runs"])],
                            cap, c["cap"], c["once_over"])
            triples = ours.runs[0]["triples"] if ours.runs else 0
            self.details["rdf"][fmt] = {"ratsgraph": asdict(ours), "rdflib": asdict(base)}
            ratio, ok = speedup(t, base, cap, 10)
            mapped = ours.median("map_seconds")
            self.add(Row("2 rdf", f"model → {fmt} (extraction excluded)", f"{n} docs, {triples:,} triples",
                         f"{secs(t)}: {rate(triples, t, 'triples')} (mapping {secs(mapped)})" if t else
                         describe_base(ours, c["cap"]),
                         f"rdflib Graph.add + serialize {base_fmt}", describe_base(base, cap), ratio,
                         "≥ 10× rdflib", ok, mb(ours.peak_mb)))

    # stage 3 -------------------------------------------------------------------------------------------
    def stage_oparl(self) -> None:
        c = self.cfg
        m = c["oparl_meetings"]
        folder = oparl_folder(m, self.seed)
        ours = run_task("oparl", [PYTHON, str(HERE / "tasks.py"), "oparl", str(folder), "--runs", str(c["runs"])],
                        c["cap"], c["cap"])
        t = ours.median()
        triples = ours.runs[0]["triples"] if ours.runs else 0
        objects = ours.runs[0]["objects"] if ours.runs else 0
        self.details["oparl"] = {"ratsgraph": asdict(ours)}
        label = f"{m} meetings, {objects:,} objects, {size_mb(folder.iterdir()):.1f} MB"
        for engine, what in (("rdflib", "rdflib JSON-LD parser, OParl context"),
                             ("pyld", "pyld to_rdf (expansion), OParl context")):
            cap = deciding_cap(c["cap"], t, 5)
            base = run_task(f"oparl-{engine}", [PYTHON, str(HERE / "baselines.py"), "jsonld", str(folder), "--engine",
                                                engine, "--runs", str(c["runs"])], cap, c["cap"], c["once_over"])
            self.details["oparl"][engine] = asdict(base)
            ratio, ok = speedup(t, base, cap, 5)
            base_triples = base.runs[0].get("triples") if base.runs else None
            self.add(Row("3 oparl", "OParl JSON → N-Triples (read, repair, map)", label,
                         f"{secs(t)}: {triples:,} triples" if t else describe_base(ours, c["cap"]), what,
                         describe_base(base, cap) + (f": {base_triples:,} triples" if base_triples else ""),
                         ratio, "≥ 5× JSON-LD", ok, mb(ours.peak_mb)))

    # stage 4 ------------------------------------------------------------------------------------------
    def stage_shacl(self) -> None:
        c = self.cfg
        small, large = c["shacl_docs"]
        self.details["shacl"] = {}
        per_doc: dict[int, float] = {}
        base_small: Outcome | None = None
        for n in (small, large):
            nq = converted_quads(n, self.work, self.seed)
            nt = union_ntriples(nq, self.work / f"union-{n}.nt")
            ours = run_task(f"shacl-fast-{n}", [PYTHON, str(HERE / "tasks.py"), "shacl", str(nq), "--mode", "whole",
                                                "--runs", str(c["runs"])], c["cap"], c["cap"])
            per = run_task(f"shacl-fast-perdoc-{n}", [PYTHON, str(HERE / "tasks.py"), "shacl", str(nq), "--mode",
                                                      "per-document", "--runs", str(c["runs"])], c["cap"], c["cap"])
            t = ours.median()
            cap = deciding_cap(c["cap"], t, 5 if n == small else None)
            triples = ours.ready.get("triples", 0) if ours.ready else 0
            if t:
                per_doc[n] = t / n
            expected = None
            if base_small is not None and base_small.median():
                expected = base_small.median() * n / small
            if n > c["pyshacl_max"]:
                base = Outcome(skipped=NOT_RUN)
            elif base_small is not None and (base_small.over_cap or (expected and expected > cap)):
                base = Outcome(skipped=f"not run: {small} docs took " + (
                    f"{base_small.median():.0f} s" if base_small.median() else "> cap"))
            else:
                base = run_task(f"shacl-pyshacl-{n}", [PYTHON, str(HERE / "baselines.py"), "pyshacl", str(nt),
                                                       "--runs", str(c["runs"])], cap, c["cap"], c["once_over"])
            if n == small:
                base_small = base
            self.details["shacl"][n] = {"fast": asdict(ours), "fast_per_document": asdict(per), "pyshacl": asdict(base)}
            ratio, ok = speedup(t, base, cap, 5 if n == small else None)
            first = ours.runs[0] if ours.runs else {}
            warnings = first.get("warnings", 0)
            found = f"conforms, {warnings} warnings" if first.get("conforms") else \
                f"{first.get('results', 0) - warnings} violations, {warnings} warnings"
            self.add(Row("4 shacl", "validate, fast engine, whole graph", f"{n} docs, {triples:,} triples",
                         f"{secs(t)} ({found})" if t else describe_base(ours, c["cap"]),
                         "pyshacl, whole graph", describe_base(base, cap), ratio,
                         "≥ 5× pyshacl" if n == small else "", ok, mb(ours.peak_mb)))
            tp = per.median()
            self.add(Row("4 shacl", "validate, fast engine, per document", f"{n} docs",
                         f"{secs(tp)}: {rate(n, tp, 'docs')}" if tp else describe_base(per, c["cap"]),
                         peak=mb(per.peak_mb)))
        if len(per_doc) == 2:
            growth = per_doc[large] / per_doc[small]
            self.add(Row("4 shacl", "linear: time per document, large / small", f"{small} → {large} docs",
                         f"{per_doc[small] * 1000:.2f} → {per_doc[large] * 1000:.2f} ms/doc", ratio=f"{growth:.2f}",
                         target="≤ 1.3 (linear)", passed=growth <= 1.3))

    # stage 5 ----------------------------------------------------------------------------------------------
    def stage_store(self) -> None:
        c = self.cfg
        base_docs = 1000 if self.mode == "full" else 300
        nq = converted_quads(base_docs, self.work, self.seed)
        names = [name for name, _ in sample_queries()]
        self.details["store"] = {}
        rdflib_small: dict | None = None
        for triples in c["store_triples"]:
            with_rdflib = triples <= c["rdflib_store_max"]
            folder = self.work / f"store-data-{triples}"
            nq_parts, nt_parts, written = store_parts(nq, triples, folder, 250_000, with_rdflib)
            label = f"{written / 1e6:.2f} M triples"
            store = self.work / f"store-{triples}"
            load = run_command(f"store-load-{triples}", [PYTHON, "-m", "ratsgraph", "load", "--store", str(store), "-q",
                                                         *map(str, nq_parts)],
                               c["runs"], c["cap"] * 2, c["once_over"] * 2,
                               before_run=lambda s=store: shutil.rmtree(s, ignore_errors=True))
            tl = load.median()
            detail = {"triples": written, "load": asdict(load)}
            if with_rdflib:
                rdflib = self._rdflib_sparql(nt_parts, names, triples)
                rdflib_small = {"triples": written, "load": rdflib["load_seconds"]}
            else:
                rdflib = None
            if rdflib is not None and rdflib["load_seconds"] is not None:
                base_text = secs(rdflib["load_seconds"]) + f": {rate(written, rdflib['load_seconds'], 'triples')}"
                ratio = f"{rdflib['load_seconds'] / tl:,.1f}×" if tl else ""
            elif rdflib is not None:
                base_text, ratio = f"> cap ({c['cap']:.0f} s)", (f"> {c['cap'] / tl:,.0f}×" if tl else "")
            elif rdflib_small and rdflib_small["load"] and rdflib_small["load"] * written / rdflib_small["triples"] > c["cap"]:
                base_text = (f"> cap* (not run: {rdflib_small['triples'] / 1e6:.1f} M triples took "
                             f"{rdflib_small['load']:.0f} s)")
                ratio = ""
            else:
                base_text, ratio = "not run in this mode", ""
            self.add(Row("5 store", "ratsgraph load (N-Quads, one graph per document)", label,
                         f"{secs(tl)}: {rate(written, tl, 'triples')}" + runs_note(load) if tl else
                         describe_base(load, c["cap"] * 2), "rdflib Graph.parse (N-Triples)", base_text, ratio,
                         "", None, mb(load.peak_mb)))
            ours = run_task(f"store-queries-{triples}", [PYTHON, str(HERE / "tasks.py"), "queries", str(store),
                                                         "--runs", str(c["runs"]), "--once-over",
                                                         str(c["query_cap"] / 4)], c["cap"], c["cap"])
            ours_q = _per_query(ours.runs)
            detail["queries"] = ours_q
            med = statistics.median(ours_q.values()) if ours_q else None
            worst = max(ours_q.values()) if ours_q else None
            if rdflib is not None and rdflib["queries"]:
                ratios = []
                for name in names:
                    mine, theirs = ours_q.get(name), rdflib["queries"].get(name)
                    if mine is None or theirs is None:
                        continue
                    ratios.append((c["query_cap"] if theirs == "cap" else theirs) / mine)
                capped = sum(1 for v in rdflib["queries"].values() if v == "cap")
                r = statistics.median(ratios) if ratios else None
                done = [v for v in rdflib["queries"].values() if v != "cap"]
                base_text = (f"median {secs(statistics.median(done)) if done else '—'}"
                             + (f", {capped} of {len(names)} > cap ({c['query_cap']} s)" if capped else ""))
                target_here = triples >= 1_000_000
                ratio_text = f"{'≥ ' if capped else ''}{r:,.0f}×" if r else ""
                verdict = (r >= 20) if (r and target_here) else None
                detail["rdflib"] = rdflib
            else:
                base_text, ratio_text, verdict, target_here = "", "", None, False
            self.add(Row("5 store", f"{len(names)} sample queries: median latency (max)", label,
                         f"{secs(med)} ({secs(worst)})" if med is not None else describe_base(ours, c["cap"]),
                         "rdflib SPARQL" if rdflib else "", base_text,
                         ("median of per-query ratios " + ratio_text) if ratio_text else "",
                         "≥ 20× rdflib at 1 M" if rdflib else "", verdict, mb(ours.peak_mb)))
            self.details["store"][triples] = detail
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(store, ignore_errors=True)

    def _rdflib_sparql(self, nt_parts: list[Path], names: list[str], triples: int) -> dict:
        """rdflib: load, then every sample query; a query past its cap is killed and the task
        restarted after it (paying the load again)."""
        c = self.cfg
        queries: dict[str, float | str] = {}
        load_seconds = None
        skip = 0
        while skip < len(names):
            seen: list[dict] = []
            out = run_task(f"store-rdflib-{triples}-from{skip}",
                           [PYTHON, str(HERE / "baselines.py"), "sparql", *map(str, nt_parts), "--runs",
                            str(c["runs"]), "--skip", str(skip), "--once-over", str(c["query_cap"] / 4)],
                           c["query_cap"], c["cap"], None, seen.append)
            if out.ready is None:  # the load itself passed the cap
                return {"load_seconds": None, "queries": {}, "peak_mb": out.peak_mb}
            load_seconds = load_seconds or out.ready["load_seconds"]
            for name, value in _per_query(seen).items():
                queries[name] = value
            finished = {e["query"] for e in seen}
            if out.capped:
                running = next((i for i in range(skip, len(names)) if names[i] not in finished or
                                sum(1 for e in seen if e["query"] == names[i]) < c["runs"]), len(names))
                if names[running] not in queries:
                    queries[names[running]] = "cap"
                skip = running + 1
            else:
                break
        return {"load_seconds": load_seconds, "queries": queries}

    # stage 6 ----------------------------------------------------------------------------------------------
    def stage_memory(self) -> None:
        c = self.cfg
        small, large = c["memory_docs"]
        peaks = {}
        for n in (small, large):
            paths = minutes_corpus(n, self.seed)
            out = self.work / f"memory-{n}.nt"
            result = run_command(f"memory-{n}", convert_cmd(paths, out), c["memory_runs"], c["cap"] * 2,
                                 c["once_over"])
            runs = [r["peak_mb"] for r in result.runs]
            peaks[n] = statistics.median(runs) if runs else None
            t = result.median()
            self.add(Row("6 memory", "peak RSS of convert --no-validate -f nt", f"{n} docs ({size_mb(paths):.1f} MB)",
                         f"{peaks[n]:,.0f} MB; {secs(t)}: {rate(n, t, 'docs')}" if peaks[n] else
                         describe_base(result, c["cap"] * 2), peak=mb(peaks[n])))
            out.unlink(missing_ok=True)
        if peaks[small] and peaks[large]:
            growth = peaks[large] / peaks[small]
            self.add(Row("6 memory", "peak large / peak small", f"{small} → {large} docs", "", ratio=f"{growth:.2f}",
                         target="≤ 2", passed=growth <= 2))
        self.details["memory"] = peaks

    def cleanup(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)


def _per_query(events: list[dict]) -> dict[str, float]:
    times: dict[str, list[float]] = {}
    for e in events:
        if "query" in e:
            times.setdefault(e["query"], []).append(e["seconds"])
    return {name: statistics.median(v) for name, v in times.items()}


# -- output --------------------------------------------------------------------------------------------------

def machine() -> dict:
    cpu = ""
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    versions = {}
    for module in ("pyoxigraph", "rdflib", "pyshacl", "pyld"):
        try:
            from importlib.metadata import version

            versions[module] = version(module)
        except Exception:  # noqa: BLE001
            versions[module] = "not installed"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True,
                           cwd=ROOT).stdout.strip()
    return {"cores": os.cpu_count(), "cpu": cpu, "memory": mem, "python": platform.python_version(),
            "load_average_at_start": round(os.getloadavg()[0], 2),
            "system": platform.platform(), "commit": commit + ("+changes" if dirty else ""), **versions}


def markdown(rows: list[Row]) -> str:
    def esc(s: str) -> str:
        return s.replace("|", "\\|")

    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(esc(c) for c in r.cells()) + " |" for r in rows]
    return "\n".join(lines)


def text_table(rows: list[Row]) -> str:
    table = [HEADER] + [r.cells() for r in rows]
    widths = [min(60, max(len(row[i]) for row in table)) for i in range(len(HEADER))]
    out = []
    for k, row in enumerate(table):
        out.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if k == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def query_table(details: dict) -> str:
    """Per-query latencies of stage 5 (Markdown)."""
    lines = []
    for triples, d in details.get("store", {}).items():
        ours = d.get("queries", {})
        theirs = d.get("rdflib", {}).get("queries", {}) if d.get("rdflib") else {}
        lines += [f"\nStage 5 queries at {d['triples'] / 1e6:.2f} M triples (median seconds):\n",
                  "| query | ratsgraph | rdflib | ratio |", "|---|---|---|---|"]
        for name, t in ours.items():
            r = theirs.get(name)
            r_text = "> cap" if r == "cap" else secs(r) if r is not None else ""
            ratio = f"{r / t:,.0f}×" if isinstance(r, float) and t else ""
            lines.append(f"| {name} | {secs(t)} | {r_text} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    global RESULTS
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller inputs (within 5 minutes)")
    parser.add_argument("--only", action="append", choices=STAGES + tuple("123456"), metavar="STAGE",
                        help=f"run only this stage (repeatable): {', '.join(STAGES)} or 1-6")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every input size (a smoke test: 0.1)")
    parser.add_argument("--results", metavar="DIR", help="write the tables here (default benchmarks/results)")
    parser.add_argument("--docs", metavar="FILE", nargs="?", const=str(ROOT / "docs" / "performance.md"),
                        help="also write the table into FILE (default docs/performance.md) between its "
                             "<!-- benchmark-table --> markers; rows of stages not run stay as they were")
    args = parser.parse_args(argv)
    if args.results:
        RESULTS = Path(args.results).resolve()
    mode = ("quick" if args.quick else "full") + (f"-x{args.scale:g}" if args.scale != 1.0 else "")
    chosen = [STAGES[int(s) - 1] if s.isdigit() else s for s in (args.only or STAGES)]
    bench = Bench(mode, args.seed, args.scale)
    started = time.monotonic()
    info = machine()
    print(f"ratsgraph benchmarks ({mode}) on {info['cores']} cores, Python {info['python']}, commit {info['commit']}",
          flush=True)
    try:
        for stage in STAGES:
            if stage in chosen:
                t = time.monotonic()
                print(f"[{stage}]", flush=True)
                getattr(bench, f"stage_{stage}")()
                load = os.getloadavg()[0]
                bench.details.setdefault("load_average", {})[stage] = round(load, 2)
                print(f"  ({time.monotonic() - t:.0f} s; load average {load:.1f})", flush=True)
    finally:
        bench.cleanup()
    wall = time.monotonic() - started
    print()
    print(text_table(bench.rows))
    print(f"\n{mode} run: {wall:.0f} s wall, load average {os.getloadavg()[0]:.1f} at the end (other work on "
          "the machine slows every number, --jobs most); '> cap': killed at the cap; '> cap*': not started, the "
          "smaller input already shows it past the cap; ratios are baseline time / ratsgraph time.")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    md = (f"# ratsgraph benchmarks ({mode}), {stamp}\n\nMachine: {json.dumps(info, ensure_ascii=False)}\n\n"
          f"Wall time: {wall:.0f} s; load average after each stage: {bench.details.get('load_average')}\n\n"
          + markdown(bench.rows) + "\n" + query_table(bench.details) + "\n")
    for name in (f"{stamp}-{mode}", f"latest-{mode}"):
        (RESULTS / f"{name}.md").write_text(md, encoding="utf-8")
        (RESULTS / f"{name}.json").write_text(json.dumps(
            {"mode": mode, "machine": info, "wall_seconds": wall, "rows": [asdict(r) for r in bench.rows],
             "details": bench.details}, indent=1, default=str), encoding="utf-8")
    print(f"written: {RESULTS / f'{stamp}-{mode}.md'} (and .json)")
    if args.docs:
        write_docs(Path(args.docs), bench, chosen, info, wall, mode)
        print(f"written: {args.docs}")
    return 0


# -- the table in the docs -------------------------------------------------------------------------------

DOCS_TABLE = ("<!-- benchmark-table -->", "<!-- /benchmark-table -->")
DOCS_MACHINE = ("<!-- benchmark-machine -->", "<!-- /benchmark-machine -->")
DOCS_QUERIES = ("<!-- benchmark-queries -->", "<!-- /benchmark-queries -->")


def _between(text: str, marks: tuple[str, str]) -> str:
    start = text.find(marks[0])
    stop = text.find(marks[1], start)
    return text[start + len(marks[0]):stop].strip("\n") if start >= 0 and stop >= 0 else ""


def _replace(text: str, marks: tuple[str, str], body: str) -> str:
    start = text.find(marks[0])
    if start < 0:
        raise SystemExit(f"the docs have no {marks[0]} marker")
    stop = text.find(marks[1], start)
    end = stop + len(marks[1]) if stop >= 0 else start + len(marks[0])
    return text[:start] + marks[0] + "\n" + body.strip("\n") + "\n" + marks[1] + text[end:]


def write_docs(path: Path, bench: Bench, chosen: list[str], info: dict, wall: float, mode: str) -> None:
    """The table of this run in the docs: rows of the stages run replace the rows of those stages,
    the other rows stay (so a stage can be rerun alone); the machine and run line are updated."""
    text = path.read_text(encoding="utf-8")
    numbers = {stage: str(i + 1) for i, stage in enumerate(STAGES)}
    rerun = {numbers[stage] for stage in chosen}
    kept = [line for line in _between(text, DOCS_TABLE).splitlines()[2:]
            if line.startswith("| ") and line[2:].split(" ", 1)[0] not in rerun]
    ours = markdown(bench.rows).splitlines()
    rows = sorted(kept + ours[2:], key=lambda line: line[2:].split(" ", 1)[0])  # stage order, stable
    text = _replace(text, DOCS_TABLE, "\n".join(ours[:2] + rows))
    when = dt.datetime.now().strftime("%Y-%m-%d")
    runs = [line for line in _between(text, DOCS_MACHINE).splitlines()
            if line.startswith("- stage ") and line.split()[2] not in rerun]
    loads = bench.details.get("load_average", {})
    runs += [f"- stage {numbers[stage]} ({stage}): {mode} run of {when}, commit {info['commit']}, load average "
             f"{loads.get(stage, '?')} after it" for stage in chosen]
    machine_text = (f"{info['cores']} cores ({info['cpu'] or 'unknown CPU'}), {info['memory']} memory, "
                    f"{info['system']}, Python {info['python']}; pyoxigraph {info['pyoxigraph']}, rdflib "
                    f"{info['rdflib']}, pyshacl {info['pyshacl']}, pyld {info['pyld']}. Last run ({', '.join(chosen)}): "
                    f"{wall / 60:.0f} min wall.\n\n" + "\n".join(sorted(runs)))
    text = _replace(text, DOCS_MACHINE, machine_text)
    if "store" in chosen and DOCS_QUERIES[0] in text:
        text = _replace(text, DOCS_QUERIES, query_table(bench.details))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    sys.exit(main())
