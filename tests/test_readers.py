"""HTML and PDF readers: visible text with table cells as tabs; a PDF's text layer; clear errors."""

from __future__ import annotations

import pytest

from ratsgraph.errors import DecodeError
from ratsgraph.sources import read_bytes

PAGE = """<!DOCTYPE html><html><head><title>TOP Ö 5</title><script>var x = "Abstimmung";</script>
<style>.a{}</style></head><body><nav><a href="/">Startseite</a></nav>
<h1>TOP Ö 5&nbsp;Neubau der Kita</h1>
<table><tr><td>Gremium:</td><td>Rat der Stadt X</td></tr><tr><td>Datum:</td><td>Di, 09.05.2023</td></tr></table>
<p>Herr Meier erläutert die Vorlage &amp; die Kosten von 1.000&nbsp;€.</p></body></html>"""


def test_html_text_keeps_rows_and_drops_scripts():
    doc = read_bytes(PAGE.encode("utf-8"), "to0050.html")
    assert doc.format == "html"
    assert "Gremium:\tRat der Stadt X" in doc.text
    assert "Datum:\tDi, 09.05.2023" in doc.text
    assert "var x" not in doc.text and ".a{}" not in doc.text
    assert "Herr Meier erläutert die Vorlage & die Kosten von 1.000\u00a0€." in doc.text


def test_html_in_windows_1252_with_meta_charset():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Gemäß Beschluss</p></body></html>'
    assert "Gemäß Beschluss" in read_bytes(page.encode("cp1252"), "page.html").text


def _pdf(text: str | None) -> bytes:
    """A one-page PDF, with a text layer when text is given (standard Helvetica, ASCII)."""
    content = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode() if text else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_pdf_text_layer():
    doc = read_bytes(_pdf("Beschluss: einstimmig angenommen"), "protokoll.pdf")
    assert doc.format == "pdf" and doc.source.mime_type == "application/pdf"
    assert "einstimmig angenommen" in doc.text


def test_pdf_without_text_layer_says_so():
    with pytest.raises(DecodeError, match="no text layer"):
        read_bytes(_pdf(None), "scan.pdf")


def test_corrupt_pdf():
    with pytest.raises(DecodeError, match="PDF cannot be read|no text layer"):
        read_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "broken.pdf")


def test_pdf_name_without_pdf_content():
    with pytest.raises(DecodeError, match="not a PDF"):
        read_bytes(b"just text pretending", "fake.pdf")


def test_reader_is_chosen_by_content_not_name():
    assert read_bytes(_pdf("Hallo Welt"), "named.txt").format == "pdf"
    assert read_bytes(PAGE.encode(), "saved.txt").format == "html"


def test_reader_can_be_forced():
    assert read_bytes(PAGE.encode(), "page.html", input_format="text").format == "text"
