"""Property-based tests: the extractor never raises on arbitrary text, except the documented
ExtractionError for text without words; its output always maps to a graph that conforms."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ratsgraph.errors import ExtractionError
from ratsgraph.extract import extract
from ratsgraph.graph.mapping import minutes_triples
from ratsgraph.sources import read_bytes

# Pieces of real minutes lines, so generated texts reach the rules, not only the fallbacks.
FRAGMENTS = [
    "Beratungsergebnis zu Vorlage Nr. 50/034/2021\n", "Sozialausschuss am 25.11.2021\n",
    "Zu Punkt 7:\tLandesprogramm\n", "--------------------\t---\n", "Beschlussvorschlag:\n",
    "Der Kreistag beschließt, dass\n", "1. sich der Kreis Mettmann beteiligt.\n",
    "Abstimmungsergebnis: einstimmig angenommen\n", "Ja: 12, Nein: 0, Enthaltungen: 2\n",
    "Herr Kowalczyk teilt mit, dass ", "Frau Dr. Feldhaus ", "Landrat Hendele ", "385.000 €",
    "1,5 Mio. €", "die SPD-Fraktion ", "Gruppe Die PARTEI/Piraten ", "TOP Ö 5: ", "\n\n", " ", ".",
    "13. Dezember 2021", "Kreistagssitzung vom 07.09.2020", "mehrheitlich abgelehnt", "14 : 2",
]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=40).map("".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_extract_never_raises_on_arbitrary_text(text):
    data = text.encode("utf-8")
    if not data.strip():
        return
    try:
        document = read_bytes(data, "fuzz.txt")
    except Exception as err:  # only the documented reader errors
        from ratsgraph.errors import RatsgraphError
        assert isinstance(err, RatsgraphError)
        return
    try:
        minutes = extract(document)
    except ExtractionError:
        return
    triples = minutes_triples(minutes)
    assert triples
    for amount in (a for item in minutes.agenda_items for a in item.amounts):
        assert document.text[amount.span.start:amount.span.end] == amount.span.text
