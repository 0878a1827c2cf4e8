"""Vote results as minutes write them: the outcome word, unanimity, and counts in all common
notations ("einstimmig bei 2 Enthaltungen", "Ja: 12, Nein: 0, Enthaltungen: 0, Befangen: 0",
"4 Ja / 14 Nein / 0 Enthaltungen", "14 : 2", "mit 12 Ja-Stimmen, einer Gegenstimme und drei
Enthaltungen")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from . import regex as rx


NUMBER_WORDS = {
    "kein": 0, "keine": 0, "keiner": 0, "null": 0,
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "einen": 1, "eins": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9,
    "zehn": 10, "elf": 11, "zwölf": 12,
}
_COUNT = r"\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))

# Outcome words in order of precedence (the first that matches wins); each maps to
# (top concept, finer reading or None). "Der Antrag wird einstimmig abgelehnt" is rejected.
OUTCOME_WORDS: list[tuple[re.Pattern[str], str, str | None]] = [
    (re.compile(r"\bzur\s+Kenntnis\s+genommen|\bKenntnisnahme\b|\b(?:nimmt|nahm|nehmen)\b[^.]{0,80}\bzur\s+Kenntnis",
                re.I), "noted", None),
    (re.compile(r"\bzurückgezogen|\b(?:zieht|zog)\b[^.]{0,60}\bzurück\b", re.I), "withdrawn", None),
    (re.compile(r"\bungeändert\s+(?:beschlossen|empfohlen|angenommen)", re.I), "adopted", "adoptedUnchanged"),
    (re.compile(r"\b(?:geändert|mit\s+Änderungen?)\s+(?:beschlossen|angenommen|empfohlen)", re.I),
     "adopted", "adoptedWithChanges"),
    (re.compile(r"\b(?:zurück)?(?:über|ver)wiesen\b|\bVerweisung\b|\b(?:ver|über)wei?st\b|\b(?:ver|über)wies\b",
                re.I), "referred", None),
    (re.compile(r"\bvertagt|\bvertagte\b|\bzurückgestellt|\bverschoben\b|\b(?:stellt|stellte)\b[^.]{0,120}\bzurück\b",
                re.I), "deferred", None),
    (re.compile(r"\babgelehnt|\b(?:lehnt|lehnte|lehnen)\b[^.]{0,160}\bab\b"
                r"|\bnicht\s+(?:erreicht|angenommen|zugestimmt|beschlossen)|\bkeine\s+Mehrheit", re.I), "rejected", None),
    (re.compile(r"\bempfohlen|\bempfiehlt|\bempfahl\b", re.I), "adopted", "recommended"),
    (re.compile(r"\bbeschlossen|\bangenommen|\bzugestimmt|\bgenehmigt|\bbestätigt|\bbeschließt|\bbeschloss\b"
                r"|\b(?:stimmt|stimmte|stimmen)\b[^.]{0,160}\bzu\b|\bAnnahme\b|\bgefasst|\bfasste\b|\bgebilligt"
                r"|\bbilligt|\bBeschluss\s+fiel\b|\bgenehmigte\b"
                r"|\b(?:folgt|folgte)\b[^.]{0,80}\b(?:Beschlussempfehlung|Empfehlung|Beschlussvorschlag|Vorschlag|Votum)",
                re.I), "adopted", None),
    (re.compile(r"\bgewählt|\bbestellt\b|\bbenannt\b", re.I), "other", "elected"),
    (re.compile(r"\berledigt", re.I), "other", "settled"),
    (re.compile(r"\babgesetzt\b", re.I), "other", None),  # taken off the agenda: no result (corpus conventions)
]

UNANIMOUS = re.compile(r"\beinstimmig|\beinvernehmlich|\bohne\s+Gegenstimmen?\b|\beinmütig", re.I)
MAJORITY = re.compile(r"\bmehrheitlich|\bmit\s+(?:großer\s+)?Mehrheit|\bStimmenmehrheit", re.I)

# Labelled counts: "Ja: 12", "Ja-Stimmen:\t38", "Nein 1", "Enthaltungen: 0", "Befangen: 0", "Für: 14"
LABELLED_COUNT = rx.compile(
    r"""\b(?P<label>Ja(?:[-\s]?Stimmen)?|Dafür|Für|Zustimmung(?:en)?
        |Nein(?:[-\s]?Stimmen)?|Dagegen|Gegen(?:stimmen)?|Ablehnung(?:en)?
        |(?:Stimm)?[Ee]nthaltung(?:en)?|Enthaltungen|Enth\.|Befangen(?:heit)?|Befangene)
        [ \t]*[:=]?[ \t]*(?P<count>\d{1,3})(?!\d|[:.,]\d)""",
    re.VERBOSE | re.IGNORECASE,
)

# Counted words: "24 Ja-Stimmen", "einer Gegenstimme", "drei Enthaltungen", "4 Ja", "14 Nein"
COUNTED = re.compile(
    rf"""(?<![\w,.])(?P<count>{_COUNT})\s+
        (?P<label>Ja[-\s]?Stimmen?|Ja\b|Ja-\s|Nein[-\s]?Stimmen?|Nein\b|Gegenstimmen?|Gegen-?\s?Stimmen
        |(?:Stimm)?[Ee]nthaltung(?:en)?|Stimmen\s+dafür|Stimmen\s+dagegen|dafür\b|dagegen\b
        |Zustimmung(?:en)?|Ablehnung(?:en)?)""",
    re.VERBOSE | re.IGNORECASE,
)

# "14 : 2", "15:0", "12 : 10 Stimmen", "25:19:5", "7:0:1"
COLON_COUNTS = rx.compile(r"(?<![\d:.,])(?P<yes>\d{1,3})\s?(?::|\szu\s)\s?(?P<no>\d{1,3})"
                          r"(?:\s?:\s?(?P<abstain>\d{1,3}))?(?![\d:.,]|\s?Uhr)")


@dataclass(frozen=True)
class VoteResult:
    outcome: str | None
    unanimous: bool | None
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    recusals: int | None = None
    outcome_detail: str | None = None

    @property
    def has_counts(self) -> bool:
        return any(c is not None for c in (self.votes_for, self.votes_against, self.abstentions))


# "mit 11 gegen 4 Stimmen", "18 gegen 5 Stimmen bei 2 Enthaltungen"
AGAINST_COUNTS = re.compile(rf"(?<![\w,.])(?P<yes>{_COUNT})\s+gegen\s+(?P<no>{_COUNT})\s+Stimmen\b", re.I)


def count_value(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


def _category(label: str) -> str:
    label = label.lower()
    if label.startswith(("ja", "dafür", "für", "zustimm", "stimmen dafür")):
        return "yes"
    if label.startswith(("nein", "dagegen", "gegen", "ablehn", "stimmen dagegen")):
        return "no"
    if "enthaltung" in label or label.startswith("enth"):
        return "abstain"
    return "recusal"


@lru_cache(maxsize=4096)
def parse_outcome(text: str) -> tuple[str | None, str | None]:
    """The outcome a result text names, as (top concept, finer reading); (None, None) if none.

    >>> parse_outcome("mehrheitlich empfohlen")
    ('adopted', 'recommended')
    >>> parse_outcome("Die Vorlage wird mehrheitlich an den Fachausschuss verwiesen.")
    ('referred', None)
    """
    for pattern, outcome, detail in OUTCOME_WORDS:
        if pattern.search(text):
            return outcome, detail
    return None, None


def parse_counts(text: str) -> dict[str, int]:
    """The vote counts a text states, by category (yes, no, abstain, recusal)."""
    counts: dict[str, int] = {}
    m = AGAINST_COUNTS.search(text)
    if m:  # "mit 11 gegen 4 Stimmen": before "gegen 4" could be read as a labelled count
        counts["yes"] = count_value(m.group("yes"))
        counts["no"] = count_value(m.group("no"))
    for m in LABELLED_COUNT.finditer(text):
        counts.setdefault(_category(m.group("label")), int(m.group("count")))
    for m in COUNTED.finditer(text):
        counts.setdefault(_category(m.group("label")), count_value(m.group("count")))
    if "yes" not in counts and "no" not in counts:
        m = COLON_COUNTS.search(text)
        if m:
            counts["yes"] = int(m.group("yes"))
            counts["no"] = int(m.group("no"))
            if m.group("abstain") is not None:
                counts.setdefault("abstain", int(m.group("abstain")))
    return counts


@lru_cache(maxsize=4096)
def parse_vote(text: str) -> VoteResult:
    """Read a result text (memoised: minutes repeat their result phrases, and the result is frozen).

    >>> parse_vote("einstimmig angenommen")
    VoteResult(outcome='adopted', unanimous=True, votes_for=None, votes_against=None, abstentions=None, recusals=None, outcome_detail=None)
    >>> v = parse_vote("Ja: 34  Nein: 5  Enthaltungen: 1  Befangen: 1")
    >>> (v.votes_for, v.votes_against, v.abstentions, v.recusals, v.unanimous)
    (34, 5, 1, 1, False)
    """
    outcome, detail = parse_outcome(text)
    counts = parse_counts(text)
    unanimous: bool | None = None
    if UNANIMOUS.search(text):
        unanimous = True
    elif MAJORITY.search(text) or counts.get("no", 0) > 0:
        unanimous = False
    return VoteResult(
        outcome=outcome,
        unanimous=unanimous,
        votes_for=counts.get("yes"),
        votes_against=counts.get("no"),
        abstentions=counts.get("abstain"),
        recusals=counts.get("recusal"),
        outcome_detail=detail,
    )


# --- OParl `result` strings -----------------------------------------------------------------
# OParl's AgendaItem.result is a short category ("Kenntnisnahme", "abgesetzt", "Zustimmung")
# rather than a sentence of minutes. These words are read only there (`parse_result`), so the
# reading of minutes stays as it is.

RESULT_WORDS: list[tuple[re.Pattern[str], str, str | None]] = [
    # "Kenntnis genommen", "zur Kenntnis"
    (re.compile(r"^\W*(?:zur\s+)?Kenntnis(?:\s+genommen)?\b", re.I), "noted", None),
    # "Vertagung" ("abgesetzt" is read by parse_vote: taken off the agenda is no result, "other")
    (re.compile(r"^\W*Vertagung\b", re.I), "deferred", None),
    # "beschlossen mit Änderungen", "angenommen mit Änderung"
    (re.compile(r"^\W*(?:beschlossen|angenommen)\s+mit\s+Änderungen?\b", re.I),
     "adopted", "adoptedWithChanges"),
    # "Zustimmung", "Ablehnung" as the whole result
    (re.compile(r"^\W*Zustimmung\W*$", re.I), "adopted", None),
    (re.compile(r"^\W*Ablehnung\W*$", re.I), "rejected", None),
]


def parse_result(text: str) -> VoteResult:
    """Read an OParl `result` string: the minutes' reading (`parse_vote`), the short categories
    of `RESULT_WORDS` where that finds no outcome word, and a result that only reports the vote
    ("einstimmig", "mehrheitlich", "12:3") as the proposal adopted.

    >>> parse_result("Kenntnis genommen").outcome
    'noted'
    >>> v = parse_result("einstimmig")
    >>> (v.outcome, v.unanimous)
    ('adopted', True)
    """
    vote = parse_vote(text)
    for pattern, outcome, detail in RESULT_WORDS:
        refines = vote.outcome == outcome and detail is not None and vote.outcome_detail is None
        if (vote.outcome is None or refines) and pattern.search(text):
            return replace(vote, outcome=outcome, outcome_detail=detail)
    if vote.outcome is None and (vote.unanimous is not None or vote.has_counts):
        return replace(vote, outcome="adopted")
    return vote
