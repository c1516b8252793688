"""Input checks for Ovipro parameters, all raised before any request is built."""

from __future__ import annotations

import datetime as _dt
import math
import re
import uuid
from collections.abc import Iterable
from typing import Any

__all__ = ["UUID_PATTERN", "aware_datetime", "coordinate", "uuid_list", "uuid_param"]

#: The Ovipro Agency API 1.0 document's id pattern
#: (``^([0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[8...``, completed with the RFC 4122
#: variant nibble ``[89ab]``): lower-case, versions 1-5.
UUID_PATTERN = re.compile(
    r"^([0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})$"
)


def uuid_param(value: Any, name: str) -> str:
    """A ``uuid.UUID`` or UUID string matching :data:`UUID_PATTERN` (case is normalised)."""
    if isinstance(value, uuid.UUID):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip().lower()
    elif value is None:
        raise ValueError(f"{name} is required, got None")
    else:
        raise TypeError(f"{name} must be a UUID string or uuid.UUID, not {type(value).__name__}")
    if not UUID_PATTERN.match(text):
        raise ValueError(
            f"{name} must be a UUID (version 1-5, e.g. 'b0d2a485-6a73-468a-9acc-d8ce9b620b3d'), "
            f"got {value!r}"
        )
    return text


def uuid_list(values: Any, name: str) -> list[str]:
    """A list of UUIDs (sent as repeated keys); one UUID alone is accepted too."""
    if values is None:
        return []
    if isinstance(values, (str, uuid.UUID)):
        return [uuid_param(values, name)]
    if not isinstance(values, Iterable):
        raise TypeError(f"{name} must be a list of UUIDs, not {type(values).__name__}")
    return [uuid_param(v, name) for v in values]


def aware_datetime(value: Any, name: str) -> _dt.datetime | None:
    """An aware ``datetime`` (or ISO 8601 string with an offset); naive values are refused,
    since the vendor compares instants and a naive time has no offset to send."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        try:
            value = _dt.datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{name} must be an ISO 8601 date-time, got {value!r}") from None
    if not isinstance(value, _dt.datetime):
        raise TypeError(f"{name} must be a timezone-aware datetime, not {type(value).__name__}")
    if value.tzinfo is None or value.tzinfo.utcoffset(value) is None:
        raise ValueError(
            f"{name} must be timezone-aware (e.g. datetime(..., tzinfo=timezone.utc)); "
            f"got naive {value.isoformat()}"
        )
    return value


def coordinate(value: Any, name: str, bound: float) -> float:
    """A finite latitude/longitude within +-``bound`` degrees."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, not {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number) or abs(number) > bound:
        raise ValueError(f"{name} must be between -{bound:g} and {bound:g}, got {value!r}")
    return number
