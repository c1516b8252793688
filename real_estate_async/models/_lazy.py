"""Models built from a payload: keep the payload, convert a field on its first read.

A lazily built class has a :class:`Fill` descriptor per field (and an :class:`ExtraFill`
for ``extra``). The model's ``__dict__`` holds ``_source`` (the payload) and each field
once read or set; later reads find the value there and run no Python code at all.

Every model class has a descriptor for each field from the moment attrs has built it (a
:class:`Pending` until a lazily built class makes its Fills, an :class:`Absent` on a class
built through its ``__init__``), so models need no ``__getattr__``: a class with one sends
every attribute read through a slower slot, even a read that finds its value at once.
"""

from __future__ import annotations

import contextvars
import datetime as _dt
import functools
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from .._errors import RealEstateError
from ._convert import (
    _EPOCH_FAST_BOUND,
    _EPOCH_MS_INLINE,
    _is_optional,
    _Never,
    converter,
    value_converter,
)
from ._info import MISSING, ModelInfo

__all__ = ["FieldValueError"]

_UTC = _dt.timezone.utc
_fromtimestamp = _dt.datetime.fromtimestamp


class FieldValueError(RealEstateError, ValueError):
    """A vendor value that cannot be read as its field's type.

    Models built from a payload convert each field when it is first read, so this is
    raised by that read (``lead.created_at``), never by the listing that built the model:
    one odd value does not stop a listing or an export. ``model``, ``field``, ``wire`` and
    ``value`` say what was read.
    """

    def __init__(self, model: str, field: str, wire: str, value: Any, reason: str) -> None:
        shown = repr(value)
        if len(shown) > 200:
            shown = shown[:197] + "..."
        super().__init__(f"{model}.{field}: the vendor's {wire!r} is {shown}: {reason}")
        self.model, self.field, self.wire, self.value = model, field, wire, value


# Set while a model's attrs-generated __repr__ or __eq__ runs: a field whose payload value
# cannot be converted reads as an Unconverted, a deleted one as DELETED, so printing,
# logging or comparing a model never raises (reading the field itself still does).
LENIENT: contextvars.ContextVar[bool] = contextvars.ContextVar("_LENIENT", default=False)


class Unconverted:
    """What ``repr`` and ``==`` see for a field whose payload value cannot be converted."""

    __slots__ = ("value",)
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"<unconverted {self.value!r}>"

    def __eq__(self, other: object) -> bool:
        if type(other) is not Unconverted:
            return NotImplemented
        return bool(self.value == other.value)


class _Deleted:
    """What ``repr`` and ``==`` see for a field deleted from a model (``del model.x``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<deleted>"


DELETED = _Deleted()


def lenient(method: Callable[..., Any]) -> Callable[..., Any]:
    """``method`` (a ``__repr__`` or ``__eq__``) run with :data:`LENIENT` set."""

    @functools.wraps(method)
    def run_leniently(self: Any, *args: Any) -> Any:
        token = LENIENT.set(True)
        try:
            return method(self, *args)
        finally:
            LENIENT.reset(token)

    return run_leniently


def read_deleted(obj: Any, name: str) -> Any:
    """A deleted field's read: AttributeError, as on any attrs instance."""
    if LENIENT.get():
        return DELETED
    raise AttributeError(
        f"{type(obj).__name__!r} object has no attribute {name!r}", name=name, obj=obj
    )


class Pruned(dict[str, Any]):
    """The payload of a model built from one after ``del model.field``: the payload
    without that field's keys, and the fields that read as deleted since."""

    deleted: frozenset[str] = frozenset()


def delete_lazily(model: Any, name: str, source: Mapping[str, Any], info: ModelInfo) -> None:
    """``del model.field`` on a model built from a payload: as on any attrs instance, the
    field then reads as missing (AttributeError) until set again; ``to_dict`` leaves its
    key out. The payload itself is left as it is."""
    state = model.__dict__
    deleted = source.deleted if type(source) is Pruned else frozenset()
    if name in deleted and name not in state:
        object.__delattr__(model, name)  # deleted twice: the AttributeError attrs gives
    state.pop(name, None)
    if name == "extra":
        keys = info.wire_keys
        pruned = Pruned((k, v) for k, v in source.items() if k in keys)
    else:
        wire = info.names[name][0]
        pruned = Pruned((k, v) for k, v in source.items() if k != wire)
    pruned.deleted = deleted | {name}
    state["_source"] = pruned


class _FieldStandIn:
    """A class attribute standing in for field ``name`` where no value is stored."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name


class Absent(_FieldStandIn):
    """A field of a class built through its ``__init__``, which stores every field in the
    instance ``__dict__``: this is reached only once the field is deleted."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        return read_deleted(obj, self.name)


class Pending(_FieldStandIn):
    """A field of a lazily built class until the class makes its :class:`Fill` s, on its
    first payload (their type hints can name classes defined after this one). A model
    that reaches it holds no value there: it was deleted, or the model was unpickled or
    copied before its class built one, and then the read makes the Fills and goes
    through them."""

    __slots__ = ()

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        cls, name = type(obj), self.name
        if obj.__dict__.get("_source") is not None:
            converter.get_structure_hook(cls)  # installs the class's Fills
            for klass in cls.__mro__:
                found = klass.__dict__.get(name, MISSING)
                if found is not MISSING:
                    if type(found) is not Pending and hasattr(type(found), "__get__"):
                        return found.__get__(obj, cls)
                    break
        return read_deleted(obj, name)


Bulk = Callable[[dict[str, Any], Mapping[str, Any]], None]


class Fill:
    """A field of a lazily built model class: on the first read of an instance built from
    a payload, convert the payload's value and keep it in the instance ``__dict__``, which
    later reads (and a user's writes) reach first. A non-data descriptor, so that read is
    the only one that runs Python code."""

    __slots__ = (
        "bulk",
        "bulk_at",
        "cls",
        "conv",
        "default",
        "epoch_ms",
        "factory",
        "items",
        "kind",
        "name",
        "takes_self",
        "wire",
    )

    def __init__(self, cls: type, f: attrs.Attribute[Any], wire: str, tp: Any) -> None:
        self.cls, self.name, self.wire = cls.__name__, f.name, wire
        self.kind, self.conv = value_converter(tp)
        args = typing.get_args(tp) if _is_optional(tp) else (tp,)
        self.epoch_ms = any(a in _EPOCH_MS_INLINE for a in args)  # not EpochSeconds
        # list[T] converted item by item (nested models): what cattrs' list hook gives.
        self.items: tuple[Callable[[Any, Any], Any], Any] | None = None
        inner = next((a for a in args if a is not type(None)), None)
        if self.kind is _Never and typing.get_origin(inner) is list and typing.get_args(inner):
            elem = typing.get_args(inner)[0]
            self.items = (converter.get_structure_hook(elem), elem)
        default: Any = f.default
        self.factory = default.factory if isinstance(default, attrs.Factory) else None  # type: ignore[arg-type]
        self.takes_self = self.factory is not None and bool(default.takes_self)
        self.default = None if self.factory is not None else default
        self.bulk: Bulk | None = None
        self.bulk_at = 0

    def converts_to(self, raw: Any, value: Any) -> bool:
        """Whether ``value`` is what a first read of ``raw`` gives (to_dict keeps ``raw``)."""
        if raw is None or self.kind is None or type(raw) is self.kind:
            return bool(value == raw)
        try:
            return bool(self.conv(raw) == value)
        except Exception:
            return False

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        source = obj._source
        if source is None:  # built in Python, and the attribute deleted since
            return read_deleted(obj, self.name)
        value = source.get(self.wire, MISSING)
        if value is MISSING:
            if type(source) is Pruned and self.name in source.deleted:
                return read_deleted(obj, self.name)
            factory = self.factory
            if factory is None:
                value = self.default
            else:  # a fresh default per model
                value = factory(obj) if self.takes_self else factory()
        elif value is not None and self.kind is not None and type(value) is not self.kind:
            try:
                value = self.conv(value)
            except Exception as exc:
                if LENIENT.get():
                    return Unconverted(value)  # repr or == of the model: nothing kept
                raise FieldValueError(self.cls, self.name, self.wire, value, str(exc)) from exc
        state = obj.__dict__
        state[self.name] = value
        # Reading many fields: take the plain ones at once (not past a deleted field).
        if len(state) == self.bulk_at and type(source) is not Pruned:
            self.bulk(state, source)  # type: ignore[misc]
        return value


class ExtraFill:
    """``extra`` of a lazily built model: the payload's keys that no field takes."""

    __slots__ = ("keys",)

    def __init__(self, keys: frozenset[str]) -> None:
        self.keys = keys

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        source = obj._source
        if source is None or (type(source) is Pruned and "extra" in source.deleted):
            return read_deleted(obj, "extra")
        keys = self.keys
        extra = obj.__dict__["extra"] = {k: v for k, v in source.items() if k not in keys}
        return extra


# A model read field by field pays a descriptor call per field; once this many fields of
# a wide model are read, the values kept as they are (no conversion) are taken in one go.
BULK_AFTER = 4


def _bulk_fill(cls: type, fills: list[Fill]) -> Bulk:
    """Straight-line code for ``cls`` that stores every field not read or set yet: a
    payload value that needs no conversion (``None``, or already of the field's type) as
    it is, any other converted, inline for the common cases (an epoch-milliseconds int, an
    int for a float). A value whose conversion fails is left to its Fill, so a bad value
    still fails only its own read, with the error that read gives.

    Generated rather than a loop over the fields: on a 58-field Lofty lead the loop takes
    about 40% longer (no tuple unpacking, constant keys), and converting here rather than
    in each field's Fill saves a descriptor call per converted field."""
    lines = ["def bulk(state, source):", "    get = source.get"]
    namespace: dict[str, Any] = {
        "_M": MISSING,
        "_E": Exception,
        "_B": _EPOCH_FAST_BOUND,
        "_U": _UTC,
        "_ft": _fromtimestamp,
    }
    for i, fill in enumerate(fills):
        name, wire, kind = fill.name, fill.wire, fill.kind
        namespace[f"_k{i}"], namespace[f"_c{i}"] = kind, fill.conv
        lines.append(f"    if {name!r} not in state:")
        if fill.factory is not None or fill.default is not None:
            lines += [f"        v = get({wire!r}, _M)", "        if v is not _M:"]
            indent = "            "
        else:  # absent and null are both the default, None
            lines.append(f"        v = get({wire!r})")
            indent = "        "
        if kind is None:  # Any: every value is kept
            lines.append(f"{indent}state[{name!r}] = v")
            continue
        kept = "v is None" if kind is _Never else f"v is None or type(v) is _k{i}"
        lines += [f"{indent}if {kept}:", f"{indent}    state[{name!r}] = v"]
        if fill.epoch_ms:  # from_epoch_ms's own first case: exact below 2**31 s
            lines += [
                f"{indent}elif type(v) is int and 0 <= v < _B:",
                f"{indent}    state[{name!r}] = _ft(v / 1000, _U)",
            ]
        elif fill.items is not None:  # a list of nested models, one hook call each
            namespace[f"_h{i}"], namespace[f"_t{i}"] = fill.items
            lines += [
                f"{indent}elif type(v) is list:",
                f"{indent}    try:",
                f"{indent}        state[{name!r}] = [_h{i}(x, _t{i}) for x in v]",
                f"{indent}    except _E:",
                f"{indent}        pass",
            ]
        elif kind is float:  # _to_float of an int: float() is finite or raises
            lines += [
                f"{indent}elif type(v) is int:",
                f"{indent}    try:",
                f"{indent}        state[{name!r}] = float(v)",
                f"{indent}    except _E:",
                f"{indent}        pass",
            ]
        lines += [
            f"{indent}else:",
            f"{indent}    try:",
            f"{indent}        state[{name!r}] = _c{i}(v)",
            f"{indent}    except _E:",  # left to the Fill: its read raises
            f"{indent}        pass",
        ]
    exec(compile("\n".join(lines), f"<bulk fill {cls.__qualname__}>", "exec"), namespace)
    bulk: Bulk = namespace["bulk"]
    return bulk


def build_lazily(cls: type, info: ModelInfo) -> Callable[[Any, Any], Any]:
    """Turn each field of ``cls`` into a :class:`Fill` (in place of its :class:`Pending`)
    and give the structure hook: a model holding only its payload."""
    hints = typing.get_type_hints(cls)
    fills = [Fill(cls, f, wire, hints.get(name, Any)) for name, wire, f in info.fields]
    if len(fills) > 2 * BULK_AFTER:
        bulk = _bulk_fill(cls, fills)
        for fill in fills:  # _source and the fields read so far
            fill.bulk, fill.bulk_at = bulk, 1 + BULK_AFTER
    for fill in fills:
        setattr(cls, fill.name, fill)
    info.fills = {fill.name: fill for fill in fills}
    cls.extra = ExtraFill(info.wire_keys)  # type: ignore[attr-defined]
    new = object.__new__

    def structure_lazily(data: Any, _: Any) -> Any:
        if type(data) is not dict:
            if isinstance(data, cls):
                return data
            if not isinstance(data, Mapping):
                raise TypeError(f"{cls.__name__} expects a mapping, got {type(data).__name__}")
        obj: Any = new(cls)
        obj.__dict__["_source"] = data  # not through Model.__setattr__
        return obj

    return structure_lazily
