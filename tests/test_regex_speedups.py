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


# Faction readings: the literal tests in front of the patterns skip only what the patterns would
# not match (the functions as written before the tests were added, compared position by position).
def _after_person_as_written(text: str, pos: int) -> bool:
    before = text[max(0, pos - 60):pos]
    name = re.search(r"(\w[\w'-]*)\s*\(\s*$", before)
    return bool(name and name.group(1)[0].isupper()) and not re.search(
        r"(?:Stimmen?|Ja|Nein|Enthaltungen?|Gegenstimmen?)\s*:?\s*\d*\s*\(\s*$", before)


def _acts_as_group_as_written(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 40):start]
    after = text[end:end + 30]
    if re.search(r"\(\s*(?:[^()]*,\s*)?$", before) and re.match(r"\s*(?:,[^()]*)?\)", after):
        return True
    if re.search(r"(?:\b(?:Ja|Nein|Enthaltung(?:en)?|dafür|dagegen)\s*:|,)\s*$", before):
        return True
    if re.search(r"(?:^|\n)[ \t]*$", before) and re.match(r"[ \t]*\t\d{1,3}\t\d{1,3}", after):
        return True
    if re.search(r"\b(?:die|der|Die|Der|für\s+die|Antrag\s+der|Anfrage\s+der|Stimmen\s+der|namens\s+der|"
                 r"gegen|und|sowie|Auch\s+die|auch\s+die)\s+$", before):
        return True
    return False


def _in_table_row_as_written(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    return "\t" in line and bool(re.match(r"^[ \t]*[A-ZÄÖÜ][\wäöüß'-]+,\s", line)) or bool(
        re.match(r"^[ \t]*(?:[A-ZÄÖÜ][\wäöüß'.-]+[ \t]){0,4}[A-ZÄÖÜ][\wäöüß'-]+,\s[A-ZÄÖÜ]", line)
        and "\t" in line)


def _faction_readings_agree(text: str) -> None:
    from ratsgraph import extract as ex

    for pos in range(len(text) + 1):
        assert ex._after_person(text, pos) == _after_person_as_written(text, pos), (text, pos)
        assert ex._in_table_row(text, pos) == _in_table_row_as_written(text, pos), (text, pos)
        for end in (pos, min(len(text), pos + 3)):
            assert ex._acts_as_group(text, pos, end) == _acts_as_group_as_written(text, pos, end), (text, pos)


faction_texts = st.one_of(texts, st.lists(st.sampled_from(
    ["Voigt", " (", "(", ")", "CDU", ", ", ":", " ", "\t", "\n", "\u2028", "\x1c", "Ja", "Nein-Stimmen", "3", "12",
     "die ", "Antrag der ", "und", "x"]), max_size=14).map("".join))


@settings(max_examples=300, deadline=None)
@given(faction_texts)
def test_faction_readings_as_written_on_any_text(text):
    _faction_readings_agree(text)


def test_faction_readings_as_written_on_the_corpus():
    from ratsgraph.extract.organizations import PARTY_NAME

    from ratsgraph import extract as ex

    for text in TEXTS:
        for m in PARTY_NAME.finditer(text):
            assert ex._after_person(text, m.start()) == _after_person_as_written(text, m.start())
            assert ex._in_table_row(text, m.start()) == _in_table_row_as_written(text, m.start())
            assert ex._acts_as_group(text, m.start(), m.end()) == _acts_as_group_as_written(text, m.start(), m.end())


# Sentences as `text._sentences` split them before it skipped the word test after long words.
def _sentences_as_written(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in text_rules._SENTENCE_END.finditer(text, start, end):
        first = text[m.start()]
        if first == ".":
            word = re.search(r"([\wäöüÄÖÜß]+)\.$", text[max(pos, m.start() - 20):m.start() + 1])
            if word:
                w = word.group(1)
                if len(w) == 1 or w.isdigit() or w.lower() in text_rules._ABBREVIATIONS:
                    continue
        stop = m.end() if first in ".!?" else m.start()
        piece = text[pos:stop]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((pos + lead, pos + lead + len(piece.strip())))
        pos = m.end()
    if pos < end and text[pos:end].strip():
        piece = text[pos:end]
        lead = len(piece) - len(piece.lstrip())
        out.append((pos + lead, pos + lead + len(piece.strip())))
    return out


@settings(max_examples=400, deadline=None)
@given(st.one_of(sentence_texts, st.lists(st.sampled_from(
    ["Dr.", "stellv.", "Stellvertreter.", "Beschluss.", "12345678.", "a.", " ", "\n", "\n\n", "Der", "İİİİİİİ.", "ß"]),
    max_size=12).map("".join)), st.integers(0, 50), st.integers(0, 80))
def test_sentences_as_written_on_any_text(text, start, length):
    start = min(start, len(text))
    end = min(len(text), start + length)
    assert list(text_rules.sentences(text, start, end)) == _sentences_as_written(text, start, end)


def test_sentences_as_written_on_the_corpus():
    for text in TEXTS:
        for start, end in ((0, len(text)), (len(text) // 3, len(text)), (7, len(text) // 2)):
            assert list(text_rules.sentences(text, start, end)) == _sentences_as_written(text, start, end)


# Headings read once per text and position: what a later reader gets from the memo is what it
# would read afresh.
def test_headings_read_from_the_memo_as_afresh_on_the_corpus():
    for text in TEXTS:
        for start, bare, loose in ((0, False, False), (0, True, False), (len(text) // 4, True, True),
                                   (len(text) // 2, True, False), (0, True, True)):
            remembered = list(agenda.iter_headings(text, start, bare=bare, loose=loose))
            agenda._headings_read.cache_clear()
            assert list(agenda.iter_headings(text, start, bare=bare, loose=loose)) == remembered


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.lists(st.sampled_from(["an", "von", "mit", "dazu", "gegenüber", "des", " ", "\n", "\t", "\x1c",
                                                  "Herrn", "-", "x"]), max_size=10).map("".join)))
def test_object_before_as_the_pattern(text):
    from ratsgraph.extract import statements

    assert statements.object_before(text) == bool(statements.OBJECT_BEFORE.search(text))


@settings(max_examples=300, deadline=None)
@given(sentence_texts, st.integers(0, 50), st.integers(0, 50))
def test_first_sentence_is_the_first_of_the_sentences(text, start, length):
    start = min(start, len(text))
    end = min(len(text), start + length)
    assert text_rules.first_sentence(text, start, end) == next(text_rules.sentences(text, start, end), None)


# Sentence ends looked for from the colon: the same ends, one character later where the colon
# starts the match, in every range that does not begin right after a colon.
def _ends_from_colon(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start() + (text[m.start()] == ":"), m.end())
            for m in text_rules._SENTENCE_END_FROM_COLON.finditer(text, start, end)]


colon_texts = st.text(alphabet=":.\n \t\u2028\x1cab-", max_size=40)


@settings(max_examples=600, deadline=None)
@given(st.one_of(sentence_texts, colon_texts), st.integers(0, 50), st.integers(0, 50))
def test_sentence_ends_from_the_colon_as_the_rule(text, start, length):
    start = min(start, len(text))
    end = min(len(text), start + length)
    if start > 0 and text[start - 1] == ":":
        return
    assert _ends_from_colon(text, start, end) == [m.span() for m in text_rules._SENTENCE_END.finditer(text, start, end)]


@settings(max_examples=600, deadline=None)
@given(colon_texts, st.integers(0, 40), st.integers(0, 40))
def test_sentences_in_colon_texts_as_written(text, start, length):
    start = min(start, len(text))
    end = min(len(text), start + length)
    assert list(text_rules.sentences(text, start, end)) == _sentences_as_written(text, start, end)


def test_sentence_ends_from_the_colon_on_the_corpus():
    for text in TEXTS:
        assert _ends_from_colon(text, 0, len(text)) == [m.span() for m in text_rules._SENTENCE_END.finditer(text)]


# Reference cells scanned on the lines around a "/" only: the matches of a scan of the whole text.
def test_reference_cells_as_finditer_on_the_corpus():
    from ratsgraph.extract import papers

    for text in TEXTS:
        assert _spans_of(papers.reference_cells(text)) == _spans_of(papers.REFERENCE_CELL.finditer(text))


@settings(max_examples=600, deadline=None)
@given(st.one_of(texts, st.lists(st.sampled_from(
    ["2022/087", "BV-12/34", "12/345/6", "/", "//", "1", "22", "A", "BV", "-", " ", "  ", "\t", "\n", "x", "Ö"]),
    max_size=30).map("".join)))
def test_reference_cells_as_finditer_on_any_text(text):
    from ratsgraph.extract import papers

    assert _spans_of(papers.reference_cells(text)) == _spans_of(papers.REFERENCE_CELL.finditer(text))


# Fraktionen named "X-Fraktion" scanned only on the lines that can hold one: the whole-text scan's matches.
def test_suffixed_factions_as_finditer_on_the_corpus():
    from ratsgraph.extract import organizations

    for text in TEXTS:
        assert _spans_of(organizations.suffixed_factions(text)) == _spans_of(
            organizations.FACTION_SUFFIXED.finditer(text))


@settings(max_examples=800, deadline=None)
@given(st.one_of(texts, st.lists(st.sampled_from(
    ["CDU", "SPD", "Grüne", " Liste", "/", " / ", "-", "-Fraktion", "-Ratsfraktion", "Fraktion", "fraktion", "en", "raktion",
     " ", "\t", "\n", "\n/", "/\n", "x", "Ö", "BÜNDNIS 90/DIE GRÜNEN", "AbC"]), max_size=25).map("".join)))
def test_suffixed_factions_as_finditer_on_any_text(text):
    from ratsgraph.extract import organizations

    assert _spans_of(organizations.suffixed_factions(text)) == _spans_of(organizations.FACTION_SUFFIXED.finditer(text))
