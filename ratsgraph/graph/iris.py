"""Deterministic IRI minting from natural keys (VOCABULARY.md, "Identifiers").

The same input gives the same IRIs, and two documents that name the same Gremium, person or
paper of the same Körperschaft give the same IRI, so graphs merge by plain union."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from ..model import MeetingKey

DEFAULT_BASE = "https://example.org/ratsgraph/"

_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue",
                                "ẞ": "ss"})


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=8192)
def slug(text: str) -> str:
    """Lower-case ASCII with umlauts transliterated and runs of other characters as "-".

    >>> slug("Haupt- und Finanzausschuss")
    'haupt-und-finanzausschuss'
    >>> slug("Ö 5")
    'oe-5'
    >>> slug("BÜNDNIS 90/DIE GRÜNEN-Fraktion")
    'buendnis-90-die-gruenen-fraktion'
    """
    text = text.translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return _NOT_SLUG.sub("-", text).strip("-") or "_"


class Minter:
    """Mints the IRIs of one document's resources under a base IRI."""

    def __init__(self, base: str, sha1: str, body: str | None) -> None:
        if not base.endswith(("/", "#")):
            base += "/"
        self.base = base
        self.file = f"{base}file/{sha1}"
        self.body = f"{base}body/{slug(body)}" if body else self.file

    def organization(self, name: str) -> str:
        return f"{self.body}/organization/{slug(name)}"

    def person(self, key: str) -> str:
        return f"{self.body}/person/{slug(key)}"

    def paper(self, reference: str) -> str:
        return f"{self.body}/paper/{slug(reference)}"

    def meeting(self, key: MeetingKey) -> str:
        return f"{self.organization(key.organization)}/meeting/{key.date.isoformat()}"

    def agenda_item(self, meeting: MeetingKey | None, number: str | None, position: int | None) -> str:
        parent = self.meeting(meeting) if meeting else self.file
        local = slug(number) if number else f"_{position or 1}"
        return f"{parent}/item/{local}"

    def evidence(self, start: int, end: int) -> tuple[str, str]:
        """(specific resource, selector) IRIs of a text span (RFC 5147 fragment for the selector)."""
        return f"{self.file}/evidence/{start}-{end}", f"{self.file}#char={start},{end}"


def date_literal_type(value: dt.date | dt.datetime) -> str:
    return "dateTime" if isinstance(value, dt.datetime) else "date"
