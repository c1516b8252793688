"""Datetimes whose wire unit the vendor declares, so it is never guessed from the size.

``parse_datetime`` has to guess seconds vs milliseconds for vendors that do not say; a
field annotated :data:`EpochMs` is read as milliseconds, always: Brokermint declares
"all date and time fields are 13-digit unix timestamps" (Brokermint API v1 reference), and a 1970 birthday
(``10454400000``, 11 digits) must come out as 1970-05-02, not as the year 2301.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Any

from .models import _EPOCH_FAST_BOUND, _EPOCH_MS_INLINE, _EPOCH_MS_TYPES, converter, parse_datetime

__all__ = ["EpochMs", "from_epoch_ms"]

_UTC = _dt.timezone.utc
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_UTC)
_fromtimestamp = _dt.datetime.fromtimestamp
_NUMBER = re.compile(r"\s*-?\d+(\.\d+)?\s*")

if TYPE_CHECKING:
    EpochMs = _dt.datetime
else:

    class EpochMs(_dt.datetime):
        """Annotation marker: a datetime sent as epoch milliseconds. Values are plain aware
        UTC ``datetime`` objects; only the structure hook differs."""

        __slots__ = ()


def from_epoch_ms(value: Any) -> _dt.datetime:
    """Epoch milliseconds (number or digit string) -> aware UTC datetime, exactly.

    A datetime passes through (naive = UTC); an ISO 8601 string is parsed as such.
    """
    if type(value) is int and 0 <= value < _EPOCH_FAST_BOUND:  # exact there, and cheaper
        return _fromtimestamp(value / 1000, _UTC)
    if isinstance(value, _dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=_UTC)
    if isinstance(value, bool):
        raise TypeError(f"not an epoch-milliseconds timestamp: {value!r}")
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        value = float(value) if "." in value else int(value)
    if isinstance(value, (int, float)):
        return _EPOCH + _dt.timedelta(milliseconds=value)
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError("empty datetime")
    return parsed


converter.register_structure_hook(EpochMs, lambda value, _: from_epoch_ms(value))
_EPOCH_MS_TYPES[EpochMs] = from_epoch_ms  # the models' generated fast path, no dispatch
_EPOCH_MS_INLINE.add(EpochMs)
