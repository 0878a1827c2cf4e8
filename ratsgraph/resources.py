"""Files that ship with ratsgraph: the shapes, the ontology and the JSON-LD context.

In an installed wheel they sit in `ratsgraph/_data/` (see pyproject.toml); in a source checkout
(an editable install) they are read from the repository's `shapes/` and `ontology/` folders."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_path(relative: str) -> Path:
    """The path of a shipped file, e.g. "shapes/ratsgraph.ttl"."""
    for root in (_PACKAGE / "_data", _PACKAGE.parent):
        path = root / relative
        if path.is_file():
            return path
    raise FileNotFoundError(f"ratsgraph resource {relative!r} is missing from the installation")


SHAPES = "shapes/ratsgraph.ttl"
OPARL_SHAPES = "shapes/oparl.ttl"  # the OParl 1.1 conformance profile (`validate --profile oparl`)
ONTOLOGY = "ontology/ratsgraph.ttl"
ALIGNMENTS = "ontology/alignments.ttl"
CONTEXT = "ontology/context.jsonld"


@cache
def jsonld_context() -> dict:
    """The JSON-LD context of ratsgraph output (the value of "@context")."""
    return json.loads(resource_path(CONTEXT).read_text(encoding="utf-8"))["@context"]
