"""What ``Model.to_dict`` sends: the payload's own keys and values, except what changed.

A model built from a payload gives back that payload, with each field set since (or a
nested model changed in place) written in the vendor's form; a model built in Python
sends only the fields that were set.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from ._convert import converter, to_epoch_ms
from ._info import MISSING, ModelInfo, info_of

__all__ = ["against", "from_payload", "set_fields", "unchanged", "unstructure_value"]

EXTRA: Any = object()  # from differences: ``extra`` differs from the payload's unknown keys
# Values that cannot change in place: one the model still holds is the one it was built with.
_IMMUTABLE = frozenset({str, int, float, bool, _dt.datetime, _dt.date, _dt.time, type(None)})


def _is_model(value: Any) -> bool:
    return type(getattr(type(value), "__model_info__", None)) is ModelInfo


def is_default(f: attrs.Attribute[Any], value: Any) -> bool:
    """Whether ``value`` is what field ``f`` holds when nothing set it."""
    default: Any = f.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return bool(value == default.factory())
    return value is None or bool(value == default)


def unstructure_value(value: Any, datetime_format: str) -> Any:
    """A field's value in the vendor's form; ``datetime_format`` is "iso", "epoch_ms" or
    "epoch_s"."""
    if isinstance(value, _dt.datetime):
        if datetime_format == "epoch_ms":
            return to_epoch_ms(value)
        if datetime_format == "epoch_s":  # whole seconds, as the vendor sent them
            return to_epoch_ms(value) // 1000
        return value.isoformat()
    if _is_model(value):
        return value.to_dict()
    if isinstance(value, list):
        return [unstructure_value(v, datetime_format) for v in value]
    return converter.unstructure(value)


def from_payload(model: Any, source: Mapping[str, Any]) -> dict[str, Any]:
    """``to_dict`` of a lazily built model: ``source`` with what changed written over it."""
    out = dict(source)
    for wire, value in differences(model, source):
        if wire is EXTRA:
            _reconcile_extra(value, out, source, info_of(type(model)).wire_keys)
        else:
            out[wire] = value
    return out


def set_fields(model: Any) -> dict[str, Any]:
    """``to_dict`` of a model built in Python: only what was set."""
    out: dict[str, Any] = {}
    fmt = model.__datetime_format__
    for name, wire, f in info_of(type(model)).fields:
        value = getattr(model, name, MISSING)
        if value is MISSING or is_default(f, value):
            continue  # deleted, or never set
        out[wire] = unstructure_value(value, f.metadata.get("datetime_format") or fmt)
    for key, value in model.extra.items():
        out.setdefault(key, value)
    return out


def against(model: Any, source: Mapping[str, Any]) -> dict[str, Any]:
    """``to_dict`` of a model built from ``source`` through ``__init__``: each field
    compared with a fresh structuring of ``source``."""
    baseline = converter.structure(source, type(model))
    out: dict[str, Any] = {}
    fmt = model.__datetime_format__
    for name, key, f in info_of(type(model)).fields:
        value = getattr(model, name, MISSING)
        if value is MISSING:
            continue  # deleted: not sent
        if value == getattr(baseline, name):
            if key in source:
                out[key] = source[key]
            continue
        out[key] = unstructure_value(value, f.metadata.get("datetime_format") or fmt)
    for key, value in model.extra.items():
        out.setdefault(key, value)
    return out


def differences(model: Any, source: Mapping[str, Any]) -> Iterator[tuple[Any, Any]]:
    """(wire key, wire value) of each field a model built from ``source`` no longer holds
    as it came: set since, or a nested model (or a list of them) changed in place;
    ``(EXTRA, extra)`` when ``extra`` differs.

    Every field read or set lives in the instance ``__dict__``. One still holding the
    payload's own value, an immutable value equal to the payload's converted (a datetime,
    a number sent as a string), or nested models built from the payload's own parts and
    unchanged since, keeps the payload's form."""
    cls = type(model)
    info = info_of(cls)
    names = info.names
    fills = info.fills
    if fills is None:  # unpickled where its class was never built from a payload yet
        converter.get_structure_hook(cls)  # installs the class's Fill descriptors
        fills = info.fills
        assert fills is not None
    fmt_default = cls.__datetime_format__
    for name, value in model.__dict__.items():
        entry = names.get(name)
        if entry is None:
            if name == "extra" and not _extra_same(value, source, info.wire_keys):
                yield EXTRA, value
            continue  # bookkeeping, or an attribute that is not a field
        wire, f = entry
        raw = source.get(wire, MISSING)
        if value is raw:
            continue
        if raw is not MISSING:
            if type(value) in _IMMUTABLE:
                if fills[name].converts_to(raw, value):
                    continue
            elif _same_nested(value, raw):
                continue
        elif is_default(f, value):
            continue
        yield wire, unstructure_value(value, f.metadata.get("datetime_format") or fmt_default)


def unchanged(model: Any, source: Mapping[str, Any]) -> bool:
    """Whether a model built from ``source`` still holds exactly it."""
    if len(model.__dict__) == 1:  # only _source: nothing read or set since
        return True
    if model._eager:
        return False
    return next(differences(model, source), None) is None


def _same_nested(value: Any, raw: Any) -> bool:
    """A converted mutable value (a list of nested models, a nested model) still holding
    ``raw``: each model built from its own part of it and unchanged since."""
    if type(value) is list:
        if type(raw) is not list or len(value) != len(raw):
            return False
        return all(map(_holds, value, raw))
    return _holds(value, raw)


def _holds(item: Any, wire: Any) -> bool:
    # Only a model built from ``wire`` itself holds it as its ``_source``.
    source: Any = getattr(item, "_source", None)
    if type(wire) is not dict or source is not wire:
        return False
    return unchanged(item, source)


def _extra_same(extra: Mapping[str, Any], source: Mapping[str, Any], keys: Any) -> bool:
    unknown = 0
    for key, value in source.items():
        if key not in keys:
            unknown += 1
            if extra.get(key, MISSING) is not value:
                return False
    return unknown == len(extra)


def _reconcile_extra(
    extra: Mapping[str, Any], out: dict[str, Any], source: Mapping[str, Any], table: Any
) -> None:
    for key in source:
        if key not in table:
            if key not in extra:
                del out[key]  # removed from extra since
            elif extra[key] is not source[key]:
                out[key] = extra[key]
    for key, value in extra.items():
        out.setdefault(key, value)
