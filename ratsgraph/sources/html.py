"""HTML reader: the text of a RIS page as a browser shows it. Block elements start new lines,
table cells are separated by tabs (so label/value rows read like SessionNet's text copies),
scripts, styles and hidden templates are dropped, and character references are decoded."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import DecodeError
from .text import decode_text

_BLOCK = frozenset("""address article aside blockquote body br dd details div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr ul
    caption title""".split())
_SKIP = frozenset("script style noscript template head svg iframe object select button".split())
_CELL = frozenset(("td", "th"))


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.row_cells = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip_depth += 1
            return
        if tag == "tr":
            self.row_cells = 0
            self._newline()
        elif tag in _CELL:
            if self.row_cells:
                self.parts.append("\t")
            self.row_cells += 1
        elif tag in _BLOCK:
            self._newline()
            if tag in ("p", "h1", "h2", "h3", "h4", "table", "ul", "ol"):
                self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag in _BLOCK and tag not in ("br",):
            self._newline()
            if tag in ("p", "h1", "h2", "h3", "h4", "table", "ul", "ol"):
                self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        data = re.sub(r"[ \t\r\n]+", " ", data)
        if data.strip() or (self.parts and not self.parts[-1].endswith(("\n", "\t"))):
            self.parts.append(data)

    def _newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")


def sniff_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"\xef\xbb\xbf<!doctype html")) or (
        b"<html" in head and b"<body" in data[:65536].lower())


def _charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii", "ignore").lower() if m else None


def decode_html(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """The visible text of an HTML page; lines trimmed, runs of blank lines reduced to one."""
    charset = _charset(data)
    markup = None
    warnings: list[str] = []
    if charset:
        try:
            markup = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            markup = None
    if markup is None:
        decoded = decode_text(data, name)
        markup, charset = decoded[0], decoded[1]
        warnings = list(decoded[2]) if len(decoded) > 2 else []
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception as err:  # noqa: BLE001 - html.parser is lenient; anything else is a broken page
        raise DecodeError(f"HTML cannot be read: {err}", name) from None
    text = "".join(parser.parts)
    lines = [re.sub(r"[ \u00a0]*\t[ \u00a0]*", "\t", line).strip(" ") for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n") + "\n"
    return text, charset or "utf-8", warnings
