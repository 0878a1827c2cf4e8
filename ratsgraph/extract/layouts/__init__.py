"""Layout families of council documents. Each family is one module with `detect(text) -> float`
(how surely a text is of this family, 0..1) and `segment(text) -> Segmentation`; the registry
picks the most certain one. Adding a family is one module plus one line in `_layouts()`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from ..agenda import Heading
from ..fields import Field


@dataclass(frozen=True)
class Section:
    """A stretch of the document about one agenda item.

    `start`/`end` bound the item's content (after its heading). A section of a document that
    follows one paper through several meetings (F01) names its own meeting."""

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
    papers: tuple[tuple[int, int, str], ...] = ()


@dataclass(frozen=True)
class MeetingHeader:
    """What a document's header says about the meeting it records."""

    organization: str | None
    date: dt.date | None
    start_time: dt.time | None = None
    end_time: dt.time | None = None
    location: str | None = None
    span: tuple[int, int] | None = None


@dataclass(frozen=True)
class Segmentation:
    """A document cut into sections, with its header and the blocks that are no prose."""

    sections: list[Section]
    meeting: MeetingHeader | None = None
    agenda: list[Heading] = field(default_factory=list)  # the Tagesordnung list
    attendance: tuple[int, int] | None = None
    consultations: tuple[int, int] | None = None  # the Beratungsfolge table
    fields: list[Field] = field(default_factory=list)
    skip: list[tuple[int, int]] = field(default_factory=list)  # no prose rules here
    item_page: bool = False  # one agenda item of one meeting (its fields describe the meeting)
    paper_page: bool = False  # a paper with its Beratungsfolge


@dataclass(frozen=True)
class Layout:
    name: str
    family: str
    detect: Callable[[str], float]
    segment: Callable[[str], Segmentation]


def _layouts() -> list[Layout]:
    from . import beratungsergebnis, generic, invitation, item_page, minutes, paper_page, press

    return [beratungsergebnis.LAYOUT, paper_page.LAYOUT, item_page.LAYOUT, minutes.LAYOUT, press.LAYOUT,
            invitation.LAYOUT, generic.LAYOUT]


LAYOUTS: list[Layout] = []


def layouts() -> list[Layout]:
    if not LAYOUTS:
        LAYOUTS.extend(_layouts())
    return LAYOUTS


def choose_layout(text: str) -> Layout:
    """The layout family that recognises the text most surely (the generic one as a fallback)."""
    return max(layouts(), key=lambda layout: layout.detect(text))
