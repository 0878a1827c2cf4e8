"""The sample analyst queries (`samples/queries/*.rq`): kept as data, run by the tests, served on
the query page.

Each file starts with comment lines: the first is the question the query answers, the next ones
explain it; a line `# expect-empty: REASON` marks a query that returns no rows on the test data
for a stated reason (tests/test_queries.py holds it to that)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
QUERY_FOLDERS = (_PACKAGE / "_data" / "samples" / "queries", _PACKAGE.parent / "samples" / "queries")


@dataclass(frozen=True)
class ExampleQuery:
    name: str  # file name without .rq
    title: str  # the question
    description: str
    text: str  # the whole file, comments included
    expect_empty: str | None = None


def queries_folder() -> Path | None:
    for folder in QUERY_FOLDERS:
        if folder.is_dir():
            return folder
    return None


def parse_example(name: str, text: str) -> ExampleQuery:
    comments = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        comments.append(line[1:].strip())
    expect_empty = None
    lines = []
    for line in comments:
        if line.lower().startswith("expect-empty:"):
            expect_empty = line.split(":", 1)[1].strip()
        else:
            lines.append(line)
    title = lines[0] if lines else name
    return ExampleQuery(name, title, " ".join(lines[1:]), text, expect_empty)


def example_queries(folder: Path | None = None) -> list[ExampleQuery]:
    """The sample queries, sorted by name; empty when none ship with this installation."""
    folder = folder or queries_folder()
    if folder is None:
        return []
    return [parse_example(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.rq"))]
