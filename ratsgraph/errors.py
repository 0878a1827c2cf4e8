"""Typed errors of ratsgraph: each names the input it concerns and, where known, the position.

The command line turns every `RatsgraphError` into one line on standard error
(`ratsgraph: <input>: <message>`) and an exit code; library users catch them by type.
"""

from __future__ import annotations


class RatsgraphError(Exception):
    """Base class. `source` is the input's name (a path or URL), `position` a character offset."""

    kind = "error"

    def __init__(self, message: str, source: str | None = None, position: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.position = position

    def __reduce__(self):  # keeps source and position when a worker process hands the error back
        return (self.__class__, (self.message, self.source, self.position))

    def __str__(self) -> str:
        where = self.source or "<input>"
        if self.position is not None:
            where = f"{where}:{self.position}"
        return f"{where}: {self.message}"


class InputError(RatsgraphError):
    """The input cannot be read at all: missing, a directory, empty, unreadable."""

    kind = "input"


class DecodeError(RatsgraphError):
    """The input's bytes are not text in any supported encoding, or a binary format without text."""

    kind = "decode"


class ExtractionError(RatsgraphError):
    """The text was read, but contains nothing ratsgraph recognises as council minutes."""

    kind = "extract"


class GraphError(RatsgraphError):
    """An RDF input (for validate/query) does not parse."""

    kind = "graph"


class UsageError(RatsgraphError):
    """A call with contradictory or unsupported options (exit code 2 on the command line)."""

    kind = "usage"


class StoreError(RatsgraphError):
    """The store cannot be opened or written: missing, not a ratsgraph store, in use by another process."""

    kind = "store"


class FetchError(RatsgraphError):
    """An HTTP request of the OParl crawler failed for good (after its retries); `source` is the URL."""

    kind = "fetch"


class PushError(RatsgraphError):
    """Another triple store refused a graph (`ratsgraph push`) or could not be reached."""

    kind = "push"
