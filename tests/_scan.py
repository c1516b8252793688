"""Secret scan for the observability tests: nothing the SDK hands an observer (an event,
a span attribute, a log record, an APIResponse) may contain a credential."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

import attrs


def texts(value: Any) -> Iterable[str]:
    """Every string reachable from ``value`` (attrs classes, mappings, sequences)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, bytes):
        yield value.decode("utf-8", "replace")
    elif isinstance(value, logging.LogRecord):
        yield value.getMessage()
        yield from texts(vars(value))
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from texts(getattr(value, field.name))
    elif hasattr(value, "items"):
        for key, item in value.items():
            yield str(key)
            yield from texts(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from texts(item)
    elif value is not None and not isinstance(value, (int, float, bool)):
        yield repr(value)


def assert_no_secret(observed: Iterable[Any], secrets: Iterable[str]) -> int:
    """Fails naming the first credential found; returns how many strings were scanned
    (so a test can check the scan saw something)."""
    wanted = [s for s in secrets if s]
    assert wanted
    count = 0
    for item in observed:
        for text in texts(item):
            count += 1
            for secret in wanted:
                assert secret not in text, f"credential found in {text[:200]!r}"
    return count
