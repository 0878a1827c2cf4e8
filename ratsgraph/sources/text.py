"""Plain-text reader: decode bytes to text, detecting UTF-8 (with or without BOM),
windows-1252 and latin-1 without being told, and refusing binary data."""

from __future__ import annotations

from ..errors import DecodeError

# Bytes that windows-1252 leaves undefined; a text containing them is latin-1 (or not text).
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
# C0 control characters that never occur in text (tab, LF, VT, FF, CR and ESC excluded).
_CONTROL = frozenset(range(0, 9)) | {14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}
_CONTROL_BYTES = bytes(sorted(_CONTROL))


def decode_text(data: bytes, name: str) -> tuple[str, str] | tuple[str, str, list[str]]:
    """Return (text, encoding name[, warnings]). Raises DecodeError for binary data.

    A file cut in the middle of a UTF-8 character, and a file that mixes UTF-8 and windows-1252
    lines, are read with a warning.

    >>> decode_text("Beschluss: einstimmig".encode("cp1252"), "x.txt")
    ('Beschluss: einstimmig', 'utf-8')
    >>> decode_text("Gemäß".encode("cp1252"), "x.txt")[1]
    'windows-1252'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise DecodeError(f"invalid UTF-16: {err.reason}", name, err.start) from None
        check_not_binary(text.encode("utf-8", "replace"), name)
        return text, "utf-16"
    check_not_binary(data, name)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as err:
            raise DecodeError(f"invalid UTF-8 after a UTF-8 byte-order mark: {err.reason}",
                              name, err.start + 3) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_error = err
    if first_error.start >= len(data) - 3 and first_error.reason == "unexpected end of data":
        # the file was cut in the middle of a character: keep what is there, say so
        text = data[:first_error.start].decode("utf-8") + "\ufffd"
        return text, "utf-8", [f"{name}:{first_error.start}: truncated UTF-8 at the end of the file"]
    mixed = _mixed(data)
    if mixed is not None:
        text, count, first = mixed
        return text, "utf-8", [f"{name}:{first}: mixed encodings: {count} line(s) read as windows-1252 "
                               "(the first here), the rest as UTF-8"]
    if not _CP1252_UNDEFINED.intersection(data):
        return data.decode("cp1252"), "windows-1252"
    return data.decode("latin-1"), "latin-1"


def _mixed(data: bytes) -> tuple[str, int, int] | None:
    """Text whose lines are mostly UTF-8 and partly windows-1252 (pasted together from two sources):
    the text, how many lines were read as windows-1252, and the character offset of the first."""
    lines = data.split(b"\n")
    out, fallback, utf8_non_ascii, first, pos = [], 0, 0, -1, 0
    for line in lines:
        try:
            decoded = line.decode("utf-8")
            if any(b > 127 for b in line):
                utf8_non_ascii += 1
        except UnicodeDecodeError:
            decoded = line.decode("cp1252", errors="replace")
            fallback += 1
            first = pos if first < 0 else first
        out.append(decoded)
        pos += len(decoded) + 1
    if utf8_non_ascii == 0:
        return None
    return "\n".join(out), fallback, first


def check_not_binary(data: bytes, name: str) -> None:
    """Refuse data with NUL bytes or a large share of control characters."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DecodeError("binary data, not text (NUL byte)", name, nul)
    head = data[:4096]
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))  # counted in C, not byte by byte
    if head and controls > max(2, len(head) // 100):
        raise DecodeError(f"binary data, not text ({controls} control bytes in the first {len(head)})", name)
