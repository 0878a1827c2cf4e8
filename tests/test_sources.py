"""Reading inputs: encodings detected without being told, bad inputs refused with typed errors."""

from __future__ import annotations

import pytest

from ratsgraph.errors import DecodeError, InputError
from ratsgraph.sources import read_bytes, read_path

GERMAN = "Beschluss: Der Kreistag beschließt einstimmig – Förderung 10.000 € „KIM“ … Gemäß § 31"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (GERMAN.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), "utf-8-sig"),
        (GERMAN.encode("cp1252"), "windows-1252"),
        ("Gemäß Beschluss über 10 Straßen".encode("latin-1") + b"\x81", "latin-1"),
        (GERMAN.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_are_detected(data, encoding):
    document = read_bytes(data, "minutes.txt")
    assert document.source.encoding == encoding
    assert "Beschluss" in document.text


def test_windows_1252_punctuation_is_not_read_as_latin1_controls():
    # 0x85 is "…" in windows-1252 but NEL in latin-1 (FORMATS.md, d004)
    document = read_bytes("Beschluss … „gefasst“ – 5 €".encode("cp1252"), "d.txt")
    assert document.text == "Beschluss … „gefasst“ – 5 €"


def test_source_file_records_the_bytes():
    data = GERMAN.encode("utf-8")
    source = read_bytes(data, "dir/minutes.txt").source
    assert source.name == "minutes.txt"
    assert source.size == len(data)
    assert len(source.sha1) == 40
    assert source.mime_type == "text/plain"


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"", InputError, "empty file"),
        (b"  \n\t\n ", InputError, "only white space"),
        (b"PK\x03\x04\x00\x00binary", DecodeError, "binary data"),
        (bytes(range(1, 32)) * 20, DecodeError, "binary data"),
    ],
)
def test_bad_bytes_are_refused(data, error, message):
    with pytest.raises(error, match=message) as info:
        read_bytes(data, "bad.txt")
    assert info.value.source == "bad.txt"
    assert str(info.value).startswith("bad.txt")


def test_binary_error_names_the_position():
    with pytest.raises(DecodeError) as info:
        read_bytes(b"Sitzung am 13.12.2021\x00\x01", "x.txt")
    assert info.value.position == 21
    assert str(info.value) == "x.txt:21: binary data, not text (NUL byte)"


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_path(tmp_path)
