"""Content negotiation: pick a representation from an HTTP `Accept` header or a `?format=` name."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Representation:
    """One way to write a result: our format name, its media type, and the media types that ask for it."""

    format: str
    media_type: str
    accepts: tuple[str, ...]
    names: tuple[str, ...] = ()


HTML = Representation("html", "text/html; charset=utf-8", ("text/html", "application/xhtml+xml"), ("html",))
SOLUTIONS = (
    Representation("json", "application/sparql-results+json", ("application/sparql-results+json",
                                                               "application/json"), ("json", "srj")),
    Representation("xml", "application/sparql-results+xml", ("application/sparql-results+xml",
                                                             "application/xml", "text/xml"), ("xml", "srx")),
    Representation("csv", "text/csv; charset=utf-8", ("text/csv",), ("csv",)),
    Representation("tsv", "text/tab-separated-values; charset=utf-8", ("text/tab-separated-values",), ("tsv",)),
    Representation("table", "text/plain; charset=utf-8", ("text/plain",), ("table", "text")),
)
GRAPHS = (
    Representation("turtle", "text/turtle; charset=utf-8", ("text/turtle", "application/x-turtle"),
                   ("turtle", "ttl")),
    Representation("jsonld", "application/ld+json", ("application/ld+json", "application/json"),
                   ("jsonld", "json-ld", "json")),
    Representation("nt", "application/n-triples; charset=utf-8", ("application/n-triples", "text/plain"),
                   ("nt", "ntriples", "n-triples")),
)


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their quality, in header order: "text/html;q=0.9" → ("text/html", 0.9)."""
    ranges = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((fields[0].lower(), q))
    return ranges


def _quality(ranges: list[tuple[str, float]], media_type: str) -> tuple[float, int]:
    """The quality the client gives a media type (the most specific matching range wins) and
    how specific that range was (2 exact, 1 type/*, 0 */*); (-1, -1) when nothing matches."""
    kind = media_type.split("/")[0]
    best = (-1.0, -1)
    for media_range, q in ranges:
        specificity = 2 if media_range == media_type else 1 if media_range == f"{kind}/*" else \
            0 if media_range == "*/*" else -1
        if specificity > best[1]:
            best = (q, specificity)
    return best


def negotiate(accept: str | None, offers: tuple[Representation, ...] | list[Representation]) -> Representation | None:
    """The offer the client prefers; ties go to the earlier offer. No Accept header: the first
    offer. None when the client accepts none of them (406)."""
    ranges = parse_accept(accept)
    if not ranges:
        return offers[0]
    best: tuple[float, int, int] | None = None
    chosen = None
    for index, offer in enumerate(offers):
        q, specificity = max((_quality(ranges, media_type) for media_type in offer.accepts),
                             key=lambda pair: (pair[0], pair[1]))
        if q <= 0:
            continue
        # a client naming a type outright (q equal) beats a wildcard match
        key = (q, specificity, -index)
        if best is None or key > best:
            best, chosen = key, offer
    return chosen


def by_name(name: str, offers: tuple[Representation, ...] | list[Representation]) -> Representation | None:
    """The offer a `?format=` value names (a format name, an alias or a media type)."""
    name = name.strip().lower()
    for offer in offers:
        if name == offer.format or name in offer.names or name in offer.accepts:
            return offer
    return None
