"""Sources: read an input file and decode it into a `Document` (its text plus the `SourceFile`
record of its bytes). Readers are looked up by name in one registry, chosen by the file's
name and content unless forced (`--input-format`)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import DecodeError, InputError
from ..model import SourceFile
from .html import decode_html, sniff_html
from .oparl import decode_json, sniff_oparl
from .pdf import decode_pdf, sniff_pdf
from .text import decode_text

#: Limits on inputs (docs/reliability.md): the largest file read at all (an OParl dump, a PDF), the
#: largest minutes text or HTML page, and the most characters of text handed to the extractor.
MAX_INPUT_BYTES = 256 * 1024 * 1024
MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_TEXT_CHARS = 8_000_000
_TEXT_READERS = ("text", "html")


@dataclass(frozen=True)
class Document:
    """A decoded input: the text the extractor reads, and the source file it came from."""

    source: SourceFile
    text: str
    format: str  # the reader's name: "text", "html", "pdf", "oparl"
    warnings: tuple[str, ...] = ()  # what the reader tolerated ("truncated UTF-8 at byte 812")
    origin: str = ""  # the input's name as given (a path or URL), for messages


@dataclass(frozen=True)
class Reader:
    name: str
    mime_type: str
    extensions: tuple[str, ...]
    decode: Callable[[bytes, str], tuple]  # → (text, encoding) or (text, encoding, warnings)
    sniff: Callable[[bytes], bool]


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> None:
    READERS[reader.name] = reader


register(Reader("oparl", "application/json", (".json",), decode_json, sniff_oparl))  # strict sniff: first
register(Reader("pdf", "application/pdf", (".pdf",), decode_pdf, sniff_pdf))
register(Reader("html", "text/html", (".html", ".htm", ".xhtml"), decode_html, sniff_html))
register(Reader("text", "text/plain", (".txt", ".text", ".asc", ""), decode_text, lambda data: True))


def choose_reader(data: bytes, name: str, input_format: str | None = None) -> Reader:
    """The forced reader, else the first whose content sniff matches, preferring the extension."""
    if input_format:
        try:
            return READERS[input_format]
        except KeyError:
            raise InputError(f"unknown input format {input_format!r} (known: {', '.join(READERS)})",
                             name) from None
    for reader in READERS.values():  # content first: a PDF named .txt is still a PDF
        if reader.name != "text" and reader.sniff(data):
            return reader
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        raise DecodeError("not a PDF (no %PDF- header)", name)
    return READERS["text"]


def read_bytes(data: bytes, name: str, input_format: str | None = None) -> Document:
    """Decode the bytes of one input. Raises InputError (empty) or DecodeError."""
    if not data.strip():
        what = "empty file" if not data else "file holds only white space"
        raise InputError(f"{what}: nothing to convert", name)
    reader = choose_reader(data, name, input_format)
    if reader.name in _TEXT_READERS and len(data) > MAX_TEXT_BYTES:
        raise InputError(f"too large for a minutes text ({len(data)} bytes; the limit is {MAX_TEXT_BYTES})", name)
    decoded = reader.decode(data, name)
    text, encoding = decoded[0], decoded[1]
    warnings = tuple(decoded[2]) if len(decoded) > 2 else ()
    if not text.strip():
        raise DecodeError(f"no text found (read as {reader.name})", name)
    if reader.name != "oparl" and len(text) > MAX_TEXT_CHARS:
        raise InputError(f"text too long to extract ({len(text)} characters; the limit is {MAX_TEXT_CHARS})", name)
    source = SourceFile(
        name=os.path.basename(name) or name,
        sha1=hashlib.sha1(data).hexdigest(),
        size=len(data),
        mime_type=reader.mime_type,
        encoding=encoding,
    )
    return Document(source=source, text=text, format=reader.name, warnings=warnings, origin=name)


def read_path(path: str | os.PathLike[str], input_format: str | None = None) -> Document:
    """Read one input file. Raises InputError for a missing file, a directory, an unreadable or
    empty file, DecodeError for binary data."""
    name = os.fspath(path)
    p = Path(name)
    if not p.exists():
        raise InputError("no such file", name)
    if p.is_dir():
        raise InputError("is a directory, not a file", name)
    try:
        size = p.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"file too large ({size} bytes; the limit is {MAX_INPUT_BYTES})", name)
        if size > MAX_TEXT_BYTES:  # a large text is refused before it is read
            with p.open("rb") as f:
                head = f.read(65536)
            if choose_reader(head, name, input_format).name in _TEXT_READERS:
                raise InputError(f"too large for a minutes text ({size} bytes; the limit is {MAX_TEXT_BYTES})",
                                 name)
        data = p.read_bytes()
    except PermissionError:
        raise InputError("permission denied", name) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", name) from None
    return read_bytes(data, name, input_format)
