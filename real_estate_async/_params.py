"""Turn Python values into query strings and path segments the way vendors expect them."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import quote

from .models import Model, to_epoch_ms

QueryPairs = list[tuple[str, str]]
DatetimeFormatter = Callable[[_dt.datetime], str]


def iso_datetime(value: _dt.datetime) -> str:
    """ISO 8601 with an offset (naive values are taken as UTC)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    return value.isoformat()


def epoch_ms_datetime(value: _dt.datetime) -> str:
    return str(to_epoch_ms(value))


def format_scalar(value: Any, datetime_format: DatetimeFormatter = iso_datetime) -> str:
    """One query value: bools as ``true``/``false``, enums by value, datetimes by vendor."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return format_scalar(value.value, datetime_format)
    if isinstance(value, _dt.datetime):
        return datetime_format(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, (str, int, float)):
        return str(value)
    raise TypeError(f"cannot send {type(value).__name__} {value!r} as a query parameter")


def encode_query(
    params: Mapping[str, Any] | None,
    datetime_format: DatetimeFormatter = iso_datetime,
) -> QueryPairs:
    """Query pairs: ``None`` dropped, lists/tuples/sets repeated as ``k=a&k=b``."""
    pairs: QueryPairs = []
    if not params:
        return pairs
    for key, value in params.items():
        if value is None:
            continue
        kind = type(value)
        if kind is str:  # the usual values first (a page's offset, an id, a filter)
            pairs.append((key, value))
        elif kind is int:
            pairs.append((key, str(value)))
        elif isinstance(value, (list, tuple, set, frozenset)):
            pairs.extend((key, format_scalar(v, datetime_format)) for v in value if v is not None)
        else:
            pairs.append((key, format_scalar(value, datetime_format)))
    return pairs


def path_segment(value: Any, name: str = "id") -> str:
    """A validated, fully URL-encoded path segment from an id.

    ``None``, booleans, empty strings, ``.``/``..`` and non-scalar values are refused before
    any request is built; ``/``, ``?`` and ``#`` are percent-encoded so an id can never
    reach another endpoint.
    """
    if type(value) is int:  # digits and a sign: nothing to quote, never a relative path
        return str(value)
    if value is None:
        raise ValueError(f"{name} is required, got None")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise TypeError(f"{name} must be an int or str, not {type(value).__name__}")
    text = str(value).strip() if isinstance(value, str) else str(value)
    if text in ("", ".", ".."):
        raise ValueError(f"{name} must not be empty or a relative path, got {value!r}")
    return quote(text, safe="")


def positive_int(value: Any, name: str) -> int:
    """An id that must be a positive integer (digit strings accepted)."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a positive integer, not {value!r}")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int):
        raise TypeError(f"{name} must be a positive integer, not {type(value).__name__} {value!r}")
    if value <= 0:
        raise ValueError(f"{name} must be a positive integer, got {value}")
    return value


def body_of(data: Mapping[str, Any] | Model | None, *, name: str = "data") -> dict[str, Any] | None:
    """A JSON body from a dict or a model (``model.to_dict()``)."""
    if data is None:
        return None
    if isinstance(data, Model):
        return data.to_dict()
    if isinstance(data, Mapping):
        return dict(data)
    raise TypeError(f"{name} must be a dict or a model, not {type(data).__name__}")


def require_non_empty(
    data: Mapping[str, Any] | Model | None, *, name: str = "data"
) -> dict[str, Any]:
    """Like :func:`body_of` but refuses ``None`` and ``{}``."""
    body = body_of(data, name=name)
    if not body:
        raise ValueError(f"{name} must be a non-empty dict or model")
    return body
