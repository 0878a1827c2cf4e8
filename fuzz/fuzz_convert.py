"""Coverage-guided fuzzing of a whole conversion (reader choice, decoding, extraction or OParl
reading, mapping to RDF) with atheris: any bytes in, only documented errors out."""

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from ratsgraph.errors import RatsgraphError
    from ratsgraph.pipeline import convert_bytes

NAMES = ("fuzz.txt", "fuzz.html", "fuzz.pdf", "fuzz.json")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    name = NAMES[data[0] % len(NAMES)]
    try:
        convert_bytes(data[1:], name)
    except RatsgraphError:
        pass


def main() -> None:
    seeds = Path(__file__).parent / "corpus"
    seeds.mkdir(exist_ok=True)
    sample = Path(__file__).parent.parent / "samples" / "kreis-mettmann-vorlage-50-034-2021.txt"
    if sample.exists() and not any(seeds.iterdir()):
        (seeds / "sample").write_bytes(b"\x00" + sample.read_bytes())
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
