"""The two date forms Open To Close sends, read as datetimes without losing the original.

- Epoch seconds: a property's ``created`` is ``1749039487`` (the ``open-to-close`` Python
  SDK's "Property Data" example). A field annotated :data:`EpochSeconds` is read as
  seconds, always, never guessed from the size; ``to_dict()`` writes whole seconds back.
- A serialised PHP ``DateTime``: ``{"date": "2025-06-04 01:18:07.797121",
  "timezone_type": 3, "timezone": "GMT"}`` (the SDK's "Contact Data" and "Association
  Data" examples), typed by :class:`~.models.DateTimeValue`.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Any

from ...models import _EPOCH_MS_TYPES, converter, parse_datetime

__all__ = ["EpochSeconds", "from_epoch_seconds", "php_datetime"]

_UTC = _dt.timezone.utc
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_UTC)
_NUMBER = re.compile(r"\s*-?\d+(\.\d+)?\s*")
_OFFSET = re.compile(r"([+-])(\d{2}):?(\d{2})")
_UTC_NAMES = frozenset({"UTC", "GMT", "Z", "Etc/UTC", "Etc/GMT"})

if TYPE_CHECKING:
    EpochSeconds = _dt.datetime
else:

    class EpochSeconds(_dt.datetime):
        """Annotation marker: a datetime sent as epoch seconds. Values are plain aware UTC
        ``datetime`` objects; only the structure hook differs."""

        __slots__ = ()


def from_epoch_seconds(value: Any) -> _dt.datetime:
    """Epoch seconds (number or digit string) -> aware UTC datetime, exactly.

    A datetime passes through (naive = UTC); an ISO 8601 string is parsed as such.
    """
    if isinstance(value, _dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=_UTC)
    if isinstance(value, bool):
        raise TypeError(f"not an epoch-seconds timestamp: {value!r}")
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        value = float(value) if "." in value else int(value)
    if isinstance(value, (int, float)):
        return _EPOCH + _dt.timedelta(seconds=value)
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError("empty datetime")
    return parsed


def _zone(timezone_type: Any, name: Any) -> _dt.tzinfo:
    """PHP's three ``timezone_type`` values: 1 an offset (``+02:00``), 2 an abbreviation
    (``EST``), 3 an identifier (``Europe/Paris``)."""
    if not isinstance(name, str) or not name:
        return _UTC
    if name in _UTC_NAMES:
        return _UTC
    offset = _OFFSET.fullmatch(name)
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        delta = _dt.timedelta(hours=int(offset.group(2)), minutes=int(offset.group(3)))
        return _dt.timezone(sign * delta)
    from zoneinfo import ZoneInfo  # only for named zones, which are rare here

    return ZoneInfo(name)


def php_datetime(date: str, timezone_type: Any, timezone: Any) -> _dt.datetime:
    """``{date, timezone_type, timezone}`` -> an aware datetime in that zone."""
    naive = _dt.datetime.fromisoformat(date.strip().replace(" ", "T", 1))
    if naive.tzinfo is not None:
        return naive
    return naive.replace(tzinfo=_zone(timezone_type, timezone))


converter.register_structure_hook(EpochSeconds, lambda value, _: from_epoch_seconds(value))
# The models' generated fast path (marker type -> converter, no cattrs dispatch).
_EPOCH_MS_TYPES[EpochSeconds] = from_epoch_seconds
