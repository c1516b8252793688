"""Brokermint wire conventions: millisecond timestamps, dates, ``owned_by``, csv lists, bodies, merges."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..._errors import ConfigurationError
from ..._params import body_of, positive_int
from ...models import Model, to_epoch_ms

__all__ = [
    "SinceValue",
    "csv_param",
    "flag_param",
    "merge_for_update",
    "owned_by_param",
    "since_param",
    "wire_body",
]

SinceValue = _dt.datetime | _dt.date | str | int

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
# 13-digit milliseconds start at 10^11 ms (1973-03-03); smaller numbers are seconds or junk.
_MIN_EPOCH_MS = 100_000_000_000
_OWNER_TYPES = {"user": "User", "contact": "Contact"}
_OWNER_TYPE_RE = re.compile(r"[A-Za-z][A-Za-z_]*")
_OWNER_RE = re.compile(r"([A-Za-z][A-Za-z_]*)-(\d+)")


def since_param(value: SinceValue | None, name: str) -> int | str | None:
    """A Brokermint date filter: ``"YYYY-MM-DD"`` or a 13-digit millisecond epoch
    (Brokermint API v1 reference, the ``*_since`` parameters).

    A ``"YYYY-MM-DD"`` string or a ``date`` goes out as that date, unchanged (Brokermint
    reads it in the account's time zone); an aware or naive (= UTC) ``datetime`` goes out
    as its millisecond timestamp; an ``int`` must already be a 13-digit millisecond
    timestamp. Anything else raises ``ValueError``/``TypeError`` before any request is sent.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a datetime, date or 'YYYY-MM-DD' string, not {value!r}")
    if isinstance(value, _dt.datetime):
        return to_epoch_ms(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, int):
        if value < _MIN_EPOCH_MS:
            raise ValueError(
                f"{name}={value} is not a 13-digit millisecond timestamp "
                "(seconds? multiply by 1000, or pass a datetime)"
            )
        return value
    if isinstance(value, str):
        text = value.strip()
        if not _DATE_RE.fullmatch(text):
            raise ValueError(f"{name} must be 'YYYY-MM-DD', got {value!r}")
        try:
            _dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{name}={value!r} is not a real calendar date") from None
        return text
    raise TypeError(
        f"{name} must be a datetime, date or 'YYYY-MM-DD' string, not {type(value).__name__}"
    )


def owned_by_param(value: tuple[str, int | str] | str | None) -> str | None:
    """``("User", 230)`` or ``"User-230"`` -> ``"User-230"``: any ``TYPE-ID`` (Brokermint API
    v1 reference, ``owned_by``: "format: TYPE-ID, i.g. User-230 or Contact-1245"), e.g.
    ``"Account-341"``. ``user`` and ``contact`` in any case become ``User``/``Contact``;
    other types go out as given."""
    if value is None:
        return None
    if isinstance(value, str):
        match = _OWNER_RE.fullmatch(value.strip())
        if not match:
            raise ValueError(f"owned_by must look like 'User-230' or 'Account-341', got {value!r}")
        kind, ident = match.group(1), match.group(2)
    elif isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], str):
        kind, ident = value[0].strip(), value[1]
        if not _OWNER_TYPE_RE.fullmatch(kind):
            raise ValueError(f"owned_by type must be a word like 'User' or 'Account', got {kind!r}")
    else:
        raise TypeError(f"owned_by must be ('User', 230) or 'User-230', not {value!r}")
    owner_type = _OWNER_TYPES.get(kind.lower(), kind)
    return f"{owner_type}-{positive_int(ident, 'owned_by id')}"


def csv_param(values: str | int | Iterable[Any] | None, name: str) -> str | None:
    """A comma-separated list (``external_ids=a,b``); a plain string is sent as given."""
    if values is None:
        return None
    if isinstance(values, bool):
        raise TypeError(f"{name} must be a string or a list, not {values!r}")
    if isinstance(values, (str, int)):
        text = str(values).strip()
        if not text:
            raise ValueError(f"{name} must not be empty")
        return text
    items = [str(v).strip() for v in values]
    if not items or any(not v or "," in v for v in items):
        raise ValueError(f"{name} must be non-empty values without commas, got {items!r}")
    return ",".join(items)


def flag_param(value: bool | int | None) -> int | None:
    """Brokermint flags are ``1``/``0`` (``full_info=1``), not ``true``/``false``."""
    if value is None:
        return None
    return 1 if value else 0


def _to_wire(value: Any) -> Any:
    if isinstance(value, (_dt.datetime, _dt.date)):
        return to_epoch_ms(value)
    if isinstance(value, Model):
        return _to_wire(value.to_dict())
    if isinstance(value, Mapping):
        return {str(k): _to_wire(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_to_wire(v) for v in value]
    return value


def wire_body(data: Mapping[str, Any] | Model | None, *, name: str = "data") -> dict[str, Any]:
    """A JSON body from a dict or model, datetimes and dates as 13-digit ms timestamps."""
    body = body_of(data, name=name)
    if not body:
        raise ValueError(f"{name} must be a non-empty dict or model")
    out: dict[str, Any] = _to_wire(body)
    return out


def _merge_keyed(current: Sequence[Any], new: Sequence[Any], key: str) -> list[Any]:
    """Entries of ``current`` overridden by those of ``new`` with the same ``key``; new ones added."""
    merged: list[Any] = []
    index: dict[Any, int] = {}
    for item in current:
        if isinstance(item, Mapping) and item.get(key) is not None:
            index[item[key]] = len(merged)
        merged.append(item)
    for item in new:
        k = item.get(key) if isinstance(item, Mapping) else None
        if k is not None and k in index:
            old = merged[index[k]]
            merged[index[k]] = {**old, **item} if isinstance(old, Mapping) else item
        else:
            merged.append(item)
    return merged


def merge_for_update(
    current: Mapping[str, Any],
    changes: Mapping[str, Any],
    *,
    keep: Iterable[str] = (),
    keyed_lists: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The body for a PUT that must not lose data the vendor would otherwise replace.

    ``keep``: fields copied from ``current`` when ``changes`` omits them (collections the
    PUT would wipe, and fields the vendor requires on every PUT). ``keyed_lists``: list
    fields merged entry by entry on the given key (``custom_attributes`` by ``name``), so
    the caller can send only the entries that change.
    """
    if not isinstance(current, Mapping):
        raise ConfigurationError("merge=True needs the current record as a JSON object")
    body = dict(changes)
    for field_name in keep:
        if field_name not in body and current.get(field_name) is not None:
            body[field_name] = current[field_name]
    for field_name, key in (keyed_lists or {}).items():
        old = current.get(field_name)
        new = body.get(field_name)
        if isinstance(old, list) and old:
            body[field_name] = _merge_keyed(old, new if isinstance(new, list) else [], key)
    return body
