"""The one cattrs converter every vendor shares, wire names, and reading wire values.

Python names are snake_case; the wire keeps the vendor's spelling (camelCase for Lofty and
Ovipro, snake_case for Brokermint). This module knows nothing of :class:`Model`: it turns
one wire value into one Python value (and names the key it came under).
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Union

import attrs
import cattrs

__all__ = [
    "converter",
    "parse_datetime",
    "to_camel",
    "to_epoch_ms",
    "to_snake",
    "value_converter",
    "wire_name",
]

converter = cattrs.Converter()


def to_camel(name: str) -> str:
    """``first_name`` -> ``firstName``; a trailing ``_`` (``from_``) is dropped."""
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def to_snake(name: str) -> str:
    """``firstName`` -> ``first_name``."""
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def wire_name(cls: type, f: attrs.Attribute[Any]) -> str:
    """The vendor key of field ``f`` of ``cls``: its ``wire=``, else the camel or snake
    form of its name, as the class's ``__wire_case__`` says."""
    explicit = f.metadata.get("wire")
    if explicit:
        return str(explicit)
    name = f.name.rstrip("_")
    return to_camel(name) if getattr(cls, "__wire_case__", "camel") == "camel" else name


def to_epoch_ms(value: _dt.datetime | _dt.date) -> int:
    """A datetime (naive = UTC) or date as a 13-digit millisecond epoch."""
    if not isinstance(value, _dt.datetime):
        value = _dt.datetime(value.year, value.month, value.day, tzinfo=_dt.timezone.utc)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    return round(value.timestamp() * 1000)


def parse_datetime(value: Any) -> _dt.datetime | None:
    """Epoch seconds/milliseconds (number or digit string) or ISO 8601 -> aware UTC datetime.

    ``''`` means "empty" at several vendors and becomes ``None``; a naive ISO value is UTC.
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)
    if isinstance(value, bool):
        raise TypeError(f"not a datetime: {value!r}")
    if isinstance(value, str) and re.fullmatch(r"-?\d+(\.\d+)?", value.strip()):
        value = float(value)
    if isinstance(value, (int, float)):
        seconds = value / 1000.0 if abs(value) >= 1e11 else float(value)
        return _dt.datetime.fromtimestamp(seconds, tz=_dt.timezone.utc)
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        parsed = _dt.datetime.fromisoformat(text)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.timezone.utc)
    raise TypeError(f"not a datetime: {value!r}")


_UTC = _dt.timezone.utc
_fromisoformat = _dt.datetime.fromisoformat
_fromtimestamp = _dt.datetime.fromtimestamp


def _datetime_or_none(value: Any) -> _dt.datetime | None:
    """:func:`parse_datetime` with the two wire forms that matter first: an ISO string
    (``-`` at index 4, so digit strings still mean epochs) and an epoch number."""
    kind = type(value)
    if kind is str and value[4:5] == "-":
        try:
            parsed = _fromisoformat(value)
        except ValueError:
            return parse_datetime(value)  # "Z" before 3.11, spaces, ...
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=_UTC)
    if kind is int or kind is float:
        return _fromtimestamp(value / 1000.0 if abs(value) >= 1e11 else float(value), _UTC)
    return parse_datetime(value)


def _datetime_required(value: Any) -> _dt.datetime:
    parsed = _datetime_or_none(value)
    if parsed is None:
        raise ValueError("empty datetime")
    return parsed


def _structure_datetime(value: Any, _: Any) -> _dt.datetime:
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError("empty datetime")
    return parsed


def _structure_date(value: Any, _: Any) -> _dt.date:
    if isinstance(value, _dt.date) and not isinstance(value, _dt.datetime):
        return value
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError("empty date")
    return parsed.date()


converter.register_structure_hook(_dt.datetime, _structure_datetime)
converter.register_structure_hook(_dt.date, _structure_date)
# A predicate hook: cattrs 26 on Python 3.10 refuses `Any` as a single-dispatch type.
converter.register_structure_hook_func(lambda t: t is Any, lambda v, _: v)


def _is_optional(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin is Union or origin is types.UnionType:
        args = typing.get_args(tp)
        return type(None) in args and len(args) == 2
    return False


def _make_optional_hook(tp: Any) -> Callable[[Any, Any], Any]:
    inner = next(a for a in typing.get_args(tp) if a is not type(None))
    if inner is str or inner is Any:
        return lambda v, _: v
    inner_hook = converter.get_structure_hook(inner)

    def structure_optional(value: Any, _: Any) -> Any:
        # '' is how several vendors say "no value" for numbers, dates and objects.
        if value is None or value == "":
            return None
        return inner_hook(value, inner)

    return structure_optional


converter.register_structure_hook_factory(_is_optional, _make_optional_hook)


def _to_int(value: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError(f"not an integer: {value!r}")
    return int(value)


def _to_bool(value: Any) -> bool:
    if isinstance(value, str) and value.lower() in ("true", "false", "1", "0"):
        return value.lower() in ("true", "1")
    if isinstance(value, int):
        return bool(value)
    raise ValueError(f"not a boolean: {value!r}")


def _to_str(value: Any) -> str:
    # A number sent for a text field reads as its digits; an object, a list or a boolean
    # is no text (str() would give Python's repr of it).
    if type(value) is int or type(value) is float:
        return str(value)
    raise ValueError(f"not a string: {type(value).__name__}")


def _to_float(value: Any) -> float:
    if type(value) is bool or not isinstance(value, (int, float, str)):
        raise ValueError(f"not a number: {type(value).__name__}")
    result = float(value)
    if not math.isfinite(result):  # "NaN", "inf", "1e999": JSON has no such number
        raise ValueError("not a finite number")
    return result


def _list_only(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A list field's converter that refuses anything but a list: cattrs would read a
    string as its characters and an object as its keys."""

    def list_only(value: Any) -> Any:
        if type(value) is not list:
            raise ValueError(f"not a list: {type(value).__name__}")
        return convert(value)

    return list_only


class _Never:
    """A type no wire value has: the field always goes through its converter."""


_SCALARS: dict[Any, Callable[[Any], Any]] = {
    str: _to_str,
    int: _to_int,
    float: _to_float,
    bool: _to_bool,
}
# Marker type -> epoch-milliseconds converter (``_timestamps.EpochMs`` registers itself).
_EPOCH_MS_TYPES: dict[Any, Callable[[Any], Any]] = {}
# Of those, the marker types whose converter starts with the exact fast case below (an
# int in [0, _EPOCH_FAST_BOUND) -> fromtimestamp(ms / 1000)): the bulk fill inlines it.
_EPOCH_MS_INLINE: set[Any] = set()
# Below 2**31 s, ``fromtimestamp(ms / 1000)`` is exact to the millisecond (the float's
# error stays under a quarter of a microsecond) and about 40% cheaper than epoch +
# timedelta; other values (negative, far future) take the timedelta path.
_EPOCH_FAST_BOUND = 2**31 * 1000


def _identity(value: Any) -> Any:
    return value


def value_converter(tp: Any) -> tuple[type | None, Callable[[Any], Any]]:
    """(kept type, converter) for one field of type ``tp``.

    A wire value whose type is the kept type (or ``None``) is kept as it is, with no call
    at all; anything else goes through the converter. ``None`` as kept type means "keep
    every value" (``Any``). Lists of scalars are trusted as JSON gives them; models,
    lists of models and datetimes use the cattrs hook for their type.
    """
    optional = _is_optional(tp)
    inner = next(a for a in typing.get_args(tp) if a is not type(None)) if optional else tp
    if inner is Any:
        return None, _identity
    if inner is _dt.datetime:  # the most common converted field: no cattrs dispatch
        return _Never, _datetime_or_none if optional else _datetime_required
    if inner in _SCALARS:
        scalar = _SCALARS[inner]
        if inner is str or not optional:
            return inner, scalar
        # '' is how several vendors say "no value" for numbers, dates and objects.
        return inner, lambda v: None if v == "" else scalar(v)
    epoch_ms = _EPOCH_MS_TYPES.get(inner)
    if epoch_ms is not None:  # EpochMs: no cattrs dispatch either
        if optional:
            return _Never, lambda v: None if v == "" else epoch_ms(v)
        return _Never, epoch_ms
    hook = converter.get_structure_hook(inner)
    origin, args = typing.get_origin(inner), typing.get_args(inner)
    convert: Callable[[Any], Any] = lambda v: hook(v, inner)  # noqa: E731
    kept: type = _Never
    if origin is list:
        convert = _list_only(convert)
        if args and args[0] in _SCALARS:
            kept = list
    if optional:
        return kept, lambda v: None if v == "" else convert(v)
    return kept, convert
