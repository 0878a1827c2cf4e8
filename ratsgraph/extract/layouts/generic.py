"""Fallback layout: the whole text is one section without a known meeting (fragments, press
reports). Always applies, with the lowest certainty."""

from __future__ import annotations

from . import Layout, Section, Segmentation


def detect(text: str) -> float:
    return 0.01


def segment(text: str) -> Segmentation:
    return Segmentation(sections=[Section(0, len(text))])


LAYOUT = Layout("generic", "F07", detect, segment)
