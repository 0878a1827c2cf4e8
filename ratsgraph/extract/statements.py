"""Statements: who said what. A statement is a run of sentences of one paragraph whose speaker is
a person named as the subject of a speech verb ("Herr Brixius teilt mit, dass …"), continued by
pronoun sentences ("Er verweist auf …") and by reported speech without a new speaker."""

from __future__ import annotations

import re
from dataclasses import dataclass
from . import regex as rx


# Verbs of speaking in minutes' reported speech (third person singular present and past).
SPEECH_VERB = rx.compile(
    r"""\b(?:teilt|teilte|erläutert|erläuterte|erklärt|erklärte|führt|führte|berichtet|berichtete|verweist|verwies
    |betont|betonte|bittet|bat|fragt|fragte|regt|regte|weist|wies|begrüßt|begrüßte|kritisiert|kritisierte
    |schlägt|schlug|beantragt|beantragte|stellt|stellte|informiert|informierte|antwortet|antwortete|ergänzt
    |ergänzte|bestätigt|bestätigte|sagt|sagte|hält|hielt|widerspricht|widersprach|signalisiert|signalisierte
    |kündigt|kündigte|begründet|begründete|schließt|schloss|wirbt|warb|appelliert|appellierte|merkt|merkte
    |gibt|gab|plädiert|plädierte|spricht|sprach|macht|machte|hebt|hob|erinnert|erinnerte|bedankt|bedankte
    |dankt|dankte|lobt|lobte|beziffert|bezifferte|erkennt|erkannte|möchte|sieht|sah|meint|meinte|sichert
    |sicherte|unterstreicht|unterstrich|zeigt|zeigte|trägt|trug|präsentiert|präsentierte|erkundigt
    |erkundigte|bemängelt|bemängelte|befürwortet|befürwortete|warnt|warnte|fordert|forderte|unterstützt
    |unterstützte|bedauert|bedauerte|verdeutlicht|verdeutlichte|bekräftigt|bekräftigte|entgegnet|entgegnete
    |erwidert|erwiderte|räumt|räumte|äußert|äußerte|bemerkt|bemerkte|beschreibt|beschrieb|skizziert
    |skizzierte|resümiert|fasst|fasste|wendet|wandte|hinterfragt|hinterfragte|beantwortet|beantwortete
    |legt|legte|nennt|nannte|schildert|schilderte|stimmt|stimmte|lehnt|lehnte|empfiehlt|empfahl|mahnt
    |mahnte|wünscht|wünschte|hofft|hoffte|geht|ging|sprach|bringt|brachte|kommentiert|kommentierte
    |schließt|zitiert|zitierte|rügt|rügte|bezweifelt|bezweifelte|vertritt|vertrat|stellt|sagt)\b""",
    re.VERBOSE,
)

# Acts of chairing that are not statements ("übergibt das Wort an …", "lässt … abstimmen").
PROCEDURAL = re.compile(
    r"""\b(?:übergibt|übergab|erteilt|erteilte)\s+(?:das\s+Wort|die\s+Sitzungsleitung|den\s+Vorsitz)
    |\bruft\b[^.]{0,60}\bauf\b|\beröffnet\b|\bschließt\s+die\s+(?:Sitzung|Aussprache|Rednerliste|Beratung)
    |\blässt\b[^.]{0,80}\babstimmen\b|\bließ\b[^.]{0,80}\babstimmen\b|\bzur\s+Abstimmung\b
    |\bunterbricht\b|\bverlässt\b|\bnimmt\b[^.]{0,40}\bteil\b|\bbefangen\b|\bbegrüßt\s+die\s+(?:Anwesenden|Mitglieder|Gäste)
    |\bstellt\b[^.]{0,80}\b(?:Beschlussfähigkeit|ordnungsgemäße|ordnungsgemä-)""",
    re.VERBOSE,
)

# A pronoun or demonstrative as the subject: "Er verweist", "Ergänzend teilt er mit", "Diese erläutert".
PRONOUN_SUBJECT = re.compile(r"^(?:(?P<lead>Dieser|Diese|Er|Sie)\b|[^,]{0,40}?\b(?P<inner>er|sie)\b(?=\s+(?:mit|aus|an|hin|fest|vor|zu|dar)\b|[^,.]*,\s+dass\b))")

# Prepositions and articles before a name that make it an object, not the speaker.
OBJECT_WORDS = ("an", "von", "mit", "bei", "zu", "für", "gegenüber", "durch", "dank", "dem", "den", "der", "des")
OBJECT_BEFORE = re.compile("(?:" + "|".join(r"\b" + word for word in OBJECT_WORDS) + r")\s*$")


def object_before(before: str) -> bool:
    """Whether `before` ends in a preposition or article (OBJECT_BEFORE), tried only when it ends in one's letters."""
    return before.rstrip().endswith(OBJECT_WORDS) and OBJECT_BEFORE.search(before) is not None


@dataclass(frozen=True)
class SentenceSpeaker:
    person: str | None  # person key
    pronoun: bool
    procedural: bool
    speech: bool


def is_speech(sentence: str) -> bool:
    return bool(SPEECH_VERB.search(sentence))


def is_procedural(sentence: str) -> bool:
    return bool(PROCEDURAL.search(sentence)) and "dass" not in sentence
