"""OParl JSON reader for the sources registry: decodes the bytes to text; `ratsgraph.oparl.reader`
reads the objects from it (the pipeline hands documents of format "oparl" to it, not to the
minutes extractor)."""

from __future__ import annotations

from ..errors import DecodeError
from ..oparl.reader import sniff_oparl

__all__ = ["decode_json", "sniff_oparl"]


def decode_json(data: bytes, name: str) -> tuple[str, str]:
    """JSON is UTF-8 (RFC 8259); a byte order mark and Windows-1252 are tolerated, and the
    encoding name tells the OParl reader to report them."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, data = "utf-8-sig", data[3:]
    else:
        encoding = "utf-8"
    try:
        return data.decode("utf-8"), encoding
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as err:
        raise DecodeError(f"not UTF-8 JSON: {err.reason}", name, err.start) from None
