"""Writing a run's documents to one output as they are converted.

N-Triples and N-Quads are written document by document, so memory stays flat however long the
run: each document's triples go out as soon as it is converted. N-Quads keep every document in
its own named graph. N-Triples write the union: a triple that only one document can hold (its
subject lies under the document's own `file/{sha1}` IRI) is written at once; one about a shared
resource (a Gremium, a person, a meeting) is written unless it was written recently, so the
Körperschaft and the bodies and people that recur are written once, and a rare repeat of an old
triple costs a duplicate line (the same triple twice is still the same graph). The other formats
(Turtle, TriG, JSON-LD, RDF/XML) group by subject over the whole graph: they are written at the end.
"""

from __future__ import annotations

from typing import BinaryIO

from .formats import OutputFormat, write_ntriples

# Lines of shared resources remembered for N-Triples (two generations of half each; ~200 bytes a line).
RECENT_LINES = 200_000


class _Recent:
    """The lines written recently: two generations, the older dropped when the newer is full."""

    def __init__(self, limit: int = RECENT_LINES) -> None:
        self.half = max(1, limit // 2)
        self.new: set[bytes] = set()
        self.old: set[bytes] = set()

    def fresh(self, line: bytes) -> bool:
        if line in self.new:
            return False
        seen = line in self.old
        self.new.add(line)
        if len(self.new) >= self.half:
            self.old, self.new = self.new, set()
        return not seen

    def fresh_lines(self, lines: list[bytes]) -> list[bytes]:
        """The non-empty lines not written recently, each remembered: `fresh` for a list. Where
        the newer generation does not fill up on the way (nearly always), by set operations."""
        new, old, half = self.new, self.old, self.half
        unique = dict.fromkeys(lines)
        unique.pop(b"", None)
        unseen = unique.keys() - new
        if len(new) + len(unseen) < half:
            new |= unseen
            unseen -= old
            return [line for line in unique if line in unseen]
        return [line for line in lines if line and self.fresh(line)]  # a generation turns over on the way


class DocumentWriter:
    """Writes converted documents (`pipeline.Output`) to a binary stream in one format."""

    def __init__(self, fmt: OutputFormat, out: BinaryIO) -> None:
        self.fmt = fmt
        self.out = out
        self.documents = 0
        self._graphs: set[str] = set()
        self._recent = _Recent()
        self._pending: list[tuple[bytes, str]] = []

    @property
    def streaming(self) -> bool:
        return self.fmt.name in ("nt", "nquads")

    def add(self, graph: str, ntriples: bytes, own: int = 0) -> None:
        """One document: its graph IRI, its N-Triples, of which the first `own` bytes are triples
        about resources that only this document describes."""
        self.documents += 1
        if graph in self._graphs:
            return  # the same document twice in one run: the same triples
        self._graphs.add(graph)
        if not self.streaming:
            self._pending.append((ntriples, graph))
            return
        if self.fmt.name == "nquads":
            tail = b" <" + graph.encode() + b"> .\n"
            self.out.write(b"".join(line[:-2] + tail for line in ntriples.split(b"\n") if line))
            return
        self.out.write(ntriples[:own])
        shared = self._recent.fresh_lines(ntriples[own:].split(b"\n"))
        if shared:
            shared.append(b"")
            self.out.write(b"\n".join(shared))

    def close(self) -> None:
        """Write what waits for the whole graph (the grouped formats)."""
        if self._pending:
            self.out.write(write_ntriples(self.fmt, self._pending))
            self._pending = []
        self.out.flush()
