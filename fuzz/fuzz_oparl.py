"""Coverage-guided fuzzing of the OParl reader and its mapping with atheris: any JSON-ish bytes
in, only documented errors out."""

import sys

import atheris

with atheris.instrument_imports():
    from ratsgraph.errors import RatsgraphError
    from ratsgraph.pipeline import convert_bytes


def test_one_input(data: bytes) -> None:
    try:
        convert_bytes(b'{"type": "https://schema.oparl.org/1.1/Meeting", ' + data, "fuzz.json", input_format="oparl")
    except RatsgraphError:
        pass


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
