"""The extractor's speed-ups find exactly what the plain rules find: patterns compiled with a
first-character lookahead (`ratsgraph.extract.regex`) match where `re` matches, and trying the
mention pattern only at candidate words (`persons._mention_starts`) misses no mention."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ratsgraph.extract import agenda, persons, results
from ratsgraph.extract import regex as rx
from ratsgraph.extract import text as text_rules
from ratsgraph.extract.layouts import minutes as minutes_layout
from ratsgraph.extract.text import normalise
from ratsgraph.sources import read_path

from .test_extract_properties import FRAGMENTS

ROOT = Path(__file__).resolve().parent
TEXTS = [normalise(read_path(p).text) for p in sorted(ROOT.glob("corpus/**/*.txt"))]

texts = st.one_of(st.text(max_size=300),
                  st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40).map("".join))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("compiled,source,flags", rx.COMPILED, ids=lambda v: getattr(v, "pattern", "")[:30])
def test_fast_patterns_match_as_plain_ones_on_the_corpus(compiled, source, flags):
    plain = re.compile(source, flags)
    assert compiled.pattern != source  # the lookahead is there
    for text in TEXTS:
        assert _spans(compiled, text) == _spans(plain, text)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_fast_patterns_match_as_plain_ones_on_any_text(text):
    for compiled, source, flags in rx.COMPILED:
        assert _spans(compiled, text) == _spans(re.compile(source, flags), text), source[:60]


@pytest.mark.parametrize("pattern,text,expected", [
    (r"(?<![\w-])(?:Herrn?|Frau)\s", "Frau Ober", "(?=[HF])"),
    (r"\b\d{1,2}\.\s?(?:Januar|Mai)", "1. Mai", r"(?=[\d])"),
    (r"(?i:ja)\b", "JA", "(?=(?i:[j]))"),
])
def test_first_chars(pattern, text, expected):
    assert rx.first_chars(pattern) == expected
    assert re.match(expected + pattern, text)


@pytest.mark.parametrize("pattern", [r".+x", r"(?:a|)b?", r"[^a]b", r"x*"])
def test_no_first_chars_where_none_can_be_told(pattern):
    assert rx.first_chars(pattern) is None


def _search_all(text: str) -> list[int]:
    """Every start where PERSON.search finds a mention, scanning as find_mentions once did."""
    out, pos = [], 0
    while (m := persons.PERSON.search(text, pos)) is not None:
        out.append(m.start())
        pos = m.start() + 1
    return out


@settings(max_examples=300, deadline=None)
@given(texts)
def test_mention_candidates_include_every_mention_start(text):
    assert set(_search_all(text)) <= set(persons._mention_starts(text, 0, len(text)))


def test_mention_candidates_include_every_mention_start_in_the_corpus():
    for text in TEXTS:
        assert set(_search_all(text)) <= set(persons._mention_starts(text, 0, len(text)))


# Sentence ends as the rule is written, and as `text._SENTENCE_END` scans for them.
_SENTENCE_END_RULE = re.compile(text_rules.SENTENCE_END_RULE)
sentence_texts = st.one_of(texts, st.text(alphabet=".!?:\n \t\"')(-–•*aZÄ0", max_size=40))


def test_sentence_ends_match_as_the_rule_on_the_corpus():
    for text in TEXTS:
        assert _spans(text_rules._SENTENCE_END, text) == _spans(_SENTENCE_END_RULE, text)


@settings(max_examples=400, deadline=None)
@given(sentence_texts, st.integers(0, 50), st.integers(0, 50))
def test_sentence_ends_match_as_the_rule_on_any_text(text, start, length):
    start = min(start, len(text))
    end = min(len(text), start + length)
    fast = [m.span() for m in text_rules._SENTENCE_END.finditer(text, start, end)]
    assert fast == [m.span() for m in _SENTENCE_END_RULE.finditer(text, start, end)]


# Item headings: each pattern tried at the lines where a heading can stand finds what it finds
# when tried at every character.
HEADING_PATTERNS = [agenda.KEYWORD_HEADING, agenda.ZU_HEADING, agenda.PUBLIC_HEADING, agenda.STATUS_HEADING,
                    agenda.BARE_HEADING, agenda.PAREN_HEADING, agenda.SPACED_HEADING]
heading_texts = st.one_of(texts, st.lists(st.sampled_from(
    ["TOP", "Top ", "Punkt", "Zu", "zu ", "Auszug ", "öffentlich", "nicht öffentlich", "Ö", "N", " ", "  ", "\t", "\n",
     "\n\n", "1", "12", ".", ".)", ")", ":", " - ", "Titel", "Haushalt", "\u0663"]), max_size=40).map("".join))


def test_heading_matches_as_finditer_on_the_corpus():
    for text in TEXTS:
        for pattern in HEADING_PATTERNS:
            for start, end in ((0, len(text)), (len(text) // 3, len(text)), (7, len(text) // 2)):
                assert _spans_of(agenda.heading_matches(pattern, text, start, end)) == _spans_of(
                    pattern.finditer(text, start, end))


@settings(max_examples=400, deadline=None)
@given(heading_texts, st.integers(0, 60), st.integers(0, 60))
def test_heading_matches_as_finditer_on_any_text(text, start, length):
    start = min(start, len(text))
    end = min(len(text), start + length)
    for pattern in HEADING_PATTERNS:
        assert _spans_of(agenda.heading_matches(pattern, text, start, end)) == _spans_of(
            pattern.finditer(text, start, end)), pattern.pattern[:40]


def _spans_of(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.sampled_from(["Ja", "Nein-Stimmen", "Stimmenthaltungen", "Stimmenthaltungen\n", "Enth.", "dafür",
                                  "Gegen", "Befangen "]), st.text(max_size=25)))
def test_count_labels_are_read_as_the_pattern_reads_them(cell):
    assert results._is_count_label(cell) == bool(results._COUNT_CELL.match(cell))


# The minutes title as it was written, alternative by alternative: the shorter pattern occurs where it occurs.
_MINUTES_TITLE_AS_WRITTEN = re.compile(
    r"N\s?i\s?e\s?d\s?e\s?r\s?s\s?c\s?h\s?r\s?i\s?f\s?t|Niederschrift|NIEDERSCHRIFT|N I E D E R S C H R I F T"
    r"|Protokoll|Sitzungsniederschrift|Sitzung\s+des|Sitzung:", re.I)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.lists(st.sampled_from(["Sitzungs", "niederschrift", "N I E D E R", " S C H R I F T",
                                                  "PROTOKOLL", "Sitzung", " des", ":", "ſ", "ı", " ", "x"]),
                                 max_size=12).map("".join)))
def test_minutes_title_occurs_where_the_written_one_does(text):
    assert bool(minutes_layout.TITLE.search(text)) == bool(_MINUTES_TITLE_AS_WRITTEN.search(text))


def test_minutes_title_occurs_where_the_written_one_does_in_the_corpus():
    for text in TEXTS:
        assert bool(minutes_layout.TITLE.search(text[:1200])) == bool(_MINUTES_TITLE_AS_WRITTEN.search(text[:1200]))
