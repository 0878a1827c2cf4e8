"""Memoisation of the pure scans that several rules of one document share.

Layout detection, segmentation and the rules ask the same questions of the same text (its
fields, its agenda list, its item headings); `per_text` answers each once. The cache is small
and keyed by the text itself, so it holds only the last few documents."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def _copy(value: Any) -> Any:
    """A fresh outer list (callers may extend what they get), the items shared."""
    if isinstance(value, list):
        return list(value)
    if isinstance(value, tuple) and any(isinstance(v, list) for v in value):
        return tuple(list(v) if isinstance(v, list) else v for v in value)
    return value


def per_text(fn: F) -> F:
    """Memoise `fn(text, ...)`, a function without side effects whose arguments are hashable."""
    cached = lru_cache(maxsize=64)(fn)

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return _copy(cached(*args, **kwargs))

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
