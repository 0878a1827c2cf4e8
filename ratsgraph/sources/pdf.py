"""PDF reader: the text layer of a PDF (pypdf), pages separated by form feeds as pdftotext does.
A PDF without a text layer (a scan) gets a clear error instead of an empty graph."""

from __future__ import annotations

import io
import logging

from ..errors import DecodeError


def sniff_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def decode_pdf(data: bytes, name: str) -> tuple[str, None]:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise DecodeError("reading PDF needs the pypdf package", name) from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # noqa: BLE001
                raise DecodeError("PDF is encrypted", name) from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except DecodeError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as err:
        raise DecodeError(f"PDF cannot be read: {' '.join(str(err).split())[:120] or type(err).__name__}",
                          name) from None
    text = "\f".join(pages)
    if not text.strip():
        raise DecodeError(f"PDF has no text layer ({len(pages)} page(s), probably scanned images); "
                          "run OCR first", name)
    return text, None
