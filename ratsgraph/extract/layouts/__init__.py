"""Layout families of council documents. Each family is one module with `detect(text) -> float`
(how surely a text is of this family, 0..1) and `segment(text) -> Segmentation`; the registry
below picks the most certain one. Adding a family is one module plus one line in LAYOUTS."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """A stretch of the document about one agenda item at one meeting.

    `start`/`end` bound the item's content (after its header); the header fields are as
    the layout found them, Gremium names already in the nominative."""

    start: int
    end: int
    organization: str | None = None
    date: dt.date | None = None
    time: dt.time | None = None
    number: str | None = None
    title: str | None = None
    title_start: int | None = None
    title_end: int | None = None
    public: bool | None = None
    header_start: int | None = None


@dataclass(frozen=True)
class Segmentation:
    """A document cut into sections, with what its header says about the meeting."""

    sections: list[Section]
    organization: str | None = None  # the Gremium whose meeting the document records
    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str | None = None
    attendance: list[tuple[str, str | None, int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    name: str
    family: str
    detect: Callable[[str], float]
    segment: Callable[[str], Segmentation]


def _layouts() -> list[Layout]:
    from . import beratungsergebnis, generic

    return [beratungsergebnis.LAYOUT, generic.LAYOUT]


LAYOUTS: list[Layout] = []


def choose_layout(text: str) -> Layout:
    """The layout family that recognises the text most surely (the generic one as a fallback)."""
    if not LAYOUTS:
        LAYOUTS.extend(_layouts())
    return max(LAYOUTS, key=lambda layout: layout.detect(text))
