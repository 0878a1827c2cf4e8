"""Coverage-guided fuzzing of the minutes extractor with atheris: any text in, a model out (or
ExtractionError for a text without words)."""

import sys

import atheris

with atheris.instrument_imports():
    from ratsgraph.errors import RatsgraphError
    from ratsgraph.extract import extract
    from ratsgraph.graph.mapping import minutes_triples
    from ratsgraph.sources import read_bytes


def test_one_input(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(8192)
    try:
        minutes = extract(read_bytes(text.encode("utf-8"), "fuzz.txt", input_format="text"))
    except RatsgraphError:
        return
    minutes_triples(minutes)


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
