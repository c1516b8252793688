"""The attrs base model and the one cattrs converter every vendor shares.

Python names are snake_case; the wire keeps the vendor's spelling (camelCase for Lofty and
Ovipro, snake_case for Brokermint). Fields the SDK does not know land in ``model.extra``,
and ``model.to_dict()`` gives back the vendor's own keys and values, so nothing a vendor
returns is ever lost.
"""

from __future__ import annotations

import contextvars
import copy
import datetime as _dt
import difflib
import functools
import math
import re
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, Union

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override
from typing_extensions import dataclass_transform

from ._errors import RealEstateError

__all__ = [
    "FieldValueError",
    "Model",
    "converter",
    "field",
    "model",
    "parse_datetime",
    "to_camel",
    "to_epoch_ms",
    "wire_names",
]

M = TypeVar("M", bound="Model")
C = TypeVar("C", bound=type)
T = TypeVar("T")

converter = cattrs.Converter()

_EXTRA_FIELDS = frozenset({"extra"})  # the attrs field every model has besides its data
_HOOKS: dict[type, Callable[[Any, Any], Any]] = {}  # Model.from_dict skips cattrs dispatch


def to_camel(name: str) -> str:
    """``first_name`` -> ``firstName``; a trailing ``_`` (``from_``) is dropped."""
    head, *rest = name.rstrip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


def to_snake(name: str) -> str:
    """``firstName`` -> ``first_name``."""
    return _CAMEL_BOUNDARY.sub("_", name).lower()


# Type checkers (``dataclass_transform``) see a default only where ``default=`` or
# ``factory=`` is written, so the overloads require one: every field stays optional.
@typing.overload
def field(*, wire: str | None = None, default: T, datetime_format: str | None = None) -> T: ...
@typing.overload
def field(
    *, wire: str | None = None, factory: Callable[[], T], datetime_format: str | None = None
) -> T: ...
def field(
    *,
    wire: str | None = None,
    default: Any = None,
    factory: Callable[[], Any] | None = None,
    datetime_format: str | None = None,
) -> Any:
    """An optional model field. ``wire`` names the vendor key when it is not the plain
    camel/snake form of the Python name; ``datetime_format`` ("iso", "epoch_ms" or
    "epoch_s") says how ``to_dict`` writes a datetime back."""
    metadata = {"wire": wire, "datetime_format": datetime_format}
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata)
    return attrs.field(default=default, metadata=metadata)


@dataclass_transform(kw_only_default=True, field_specifiers=(attrs.field, field))
def model(cls: C) -> C:
    """Class decorator for vendor models: a keyword-only attrs class. No slots: a model
    built from a payload keeps each field in its ``__dict__`` once read (see ``_Fill``)."""
    if "__setattr__" in cls.__dict__ or "__delattr__" in cls.__dict__:
        built = attrs.define(kw_only=True, slots=False)(cls)  # attrs cannot freeze it
        _look_safely(built)
        return built
    # Built as attrs builds a frozen class, then thawed: attrs' __init__ then stores each
    # field straight into the instance __dict__, not through Model.__setattr__ and its
    # check for misspelt names (a Python call per field). Model's __setattr__ and
    # __delattr__ replace the frozen ones, so instances stay mutable and unhashable, and
    # attrs subclasses are not frozen.
    built = attrs.define(kw_only=True, slots=False, frozen=True)(cls)
    del built.__setattr__, built.__delattr__
    built.__hash__ = None  # type: ignore[assignment]
    props = built.__dict__.get("__attrs_props__")  # what attrs.inspect() reports
    if props is not None:
        props = built.__attrs_props__ = copy.copy(props)  # type: ignore[attr-defined]
        props.is_frozen = False
        hashability = getattr(type(props), "Hashability", None)
        if hashability is not None:
            props.hashability = hashability.UNHASHABLE
    hooks = {
        f.name: f for f in attrs.fields(built) if f.validator is not None or f.converter is not None
    }
    if hooks:  # what attrs' default on_setattr does: convert, then validate
        built.__setattr__ = _hooked_setattr(hooks)  # type: ignore[method-assign,assignment]
    _look_safely(built)
    return built


def _hooked_setattr(hooks: dict[str, attrs.Attribute[Any]]) -> Callable[[Any, str, Any], None]:
    convert, validate = attrs.setters.convert, attrs.setters.validate

    def __setattr__(self: Any, name: str, value: Any) -> None:
        f = hooks.get(name)
        if f is not None:
            value = validate(self, f, convert(self, f, value))
        elif name not in _settable(type(self)) and name[:1] != "_":
            _check_unknown(self, name)
        _object_setattr(self, name, value)

    return __setattr__


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


@attrs.define(kw_only=True, slots=False)
class Model:
    """Base of every vendor model.

    ``extra`` holds the keys the SDK has no field for, under the vendor's own names.

    A model built from a payload (``from_dict``, every listing) keeps that payload and
    converts a field the first time it is read; later reads cost what a plain attribute
    costs. Reading a field whose value cannot be converted raises :class:`FieldValueError`.
    The payload is kept, not copied: ``to_dict()`` gives back its own values, so change the
    model, not the payload.
    """

    __wire_case__: ClassVar[str] = "camel"  # "camel" or "snake"
    __datetime_format__: ClassVar[str] = "iso"  # how to_dict writes a datetime back
    # Set on a model built from a payload (class defaults otherwise): the payload, and
    # whether it was built through __init__ (validators, __attrs_post_init__), so that
    # to_dict compares it with a fresh structuring.
    _source: ClassVar[Mapping[str, Any] | None] = None
    _eager: ClassVar[bool] = False

    extra: dict[str, Any] = attrs.field(factory=dict, repr=False)

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build the model from a vendor payload (unknown keys go to ``extra``)."""
        hook = _HOOKS.get(cls)
        if hook is None:
            hook = _HOOKS[cls] = converter.get_structure_hook(cls)
        result: M = hook(data, cls)
        return result

    if not TYPE_CHECKING:  # hidden from type checkers: a misspelt field is an error

        def __getattr__(self, name: str) -> Any:
            # Reached only when nothing holds ``name``: a model unpickled in a process that has
            # not built its class from a payload yet, whose class has no _Fill there so far.
            cls = type(self)
            if (
                self.__dict__.get("_source") is not None
                and cls not in _FILLS
                and (name == "extra" or name in _names_table(cls))
            ):
                converter.get_structure_hook(cls)  # installs the class's _Fill descriptors
                if cls in _FILLS:
                    return getattr(self, name)
            if _LENIENT.get() and name in _settable(cls):
                return _DELETED  # repr/== of a model whose field was deleted
            raise AttributeError(
                f"{cls.__name__!r} object has no attribute {name!r}", name=name, obj=self
            )

        def __setattr__(self, name: str, value: Any) -> None:
            # A misspelt field would be kept as a plain attribute and never sent: refuse it.
            if name not in _settable(type(self)) and name[:1] != "_":
                _check_unknown(self, name)
            _object_setattr(self, name, value)

        def __delattr__(self, name: str) -> None:
            state = self.__dict__
            source = state.get("_source")
            if source is None or state.get("_eager") or name not in _settable(type(self)):
                _object_delattr(self, name)
                return
            _delete_lazily(self, name, source)

    def to_dict(self) -> dict[str, Any]:
        """The vendor's representation: original keys, unchanged values as they came in."""
        source = self._source
        if source is None:
            return self._to_dict_set_fields()
        if self._eager:
            return self._to_dict_against(source)
        out = dict(source)
        if len(self.__dict__) > 1:  # something was read or set since it was built
            for wire, value in _differences(self, source):
                if wire is _EXTRA:
                    _reconcile_extra(value, out, source, _wire_keys(type(self)))
                else:
                    out[wire] = value
        return out

    def _wire_dict(self) -> dict[str, Any]:
        """What an export serialises: the payload itself when the model provably still
        holds it (nothing set since, converted values untouched, nested models alike),
        else :meth:`to_dict`. Equal to ``to_dict()`` either way, without its copy; never
        mutate the result."""
        source = self._source
        if type(source) is dict and _unchanged(self, source):
            return source
        return self.to_dict()

    def _to_dict_set_fields(self) -> dict[str, Any]:
        """A model built in Python sends only what was set."""
        out: dict[str, Any] = {}
        fmt = self.__datetime_format__
        for name, wire, f in _fields_of(type(self)):
            value = getattr(self, name, _MISSING)
            if value is _MISSING or _is_default(f, value):
                continue  # deleted, or never set
            out[wire] = _unstructure_value(value, f.metadata.get("datetime_format") or fmt)
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out

    def _to_dict_against(self, source: Mapping[str, Any]) -> dict[str, Any]:
        """Built through ``__init__``: compare with a fresh structuring."""
        baseline = converter.structure(source, type(self))
        out: dict[str, Any] = {}
        fmt = self.__datetime_format__
        for name, key, f in _fields_of(type(self)):
            value = getattr(self, name, _MISSING)
            if value is _MISSING:
                continue  # deleted: not sent
            if value == getattr(baseline, name):
                if key in source:
                    out[key] = source[key]
                continue
            out[key] = _unstructure_value(value, f.metadata.get("datetime_format") or fmt)
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out


_MISSING = object()
_EXTRA = object()  # from _differences: ``extra`` differs from the payload's unknown keys
_object_setattr = object.__setattr__
_object_delattr = object.__delattr__
# Set while a model's attrs-generated __repr__ or __eq__ runs: a field whose payload value
# cannot be converted reads as an _Unconverted, a deleted one as _DELETED, so printing,
# logging or comparing a model never raises (reading the field itself still does).
_LENIENT: contextvars.ContextVar[bool] = contextvars.ContextVar("_LENIENT", default=False)


class _Unconverted:
    """What ``repr`` and ``==`` see for a field whose payload value cannot be converted."""

    __slots__ = ("value",)
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"<unconverted {self.value!r}>"

    def __eq__(self, other: object) -> bool:
        if type(other) is not _Unconverted:
            return NotImplemented
        return bool(self.value == other.value)


class _Deleted:
    """What ``repr`` and ``==`` see for a field deleted from a model (``del model.x``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<deleted>"


_DELETED = _Deleted()


def _lenient(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def lenient(self: Any, *args: Any) -> Any:
        token = _LENIENT.set(True)
        try:
            return method(self, *args)
        finally:
            _LENIENT.reset(token)

    return lenient


def _look_safely(cls: type) -> None:
    """Make the ``__repr__`` and ``__eq__`` attrs generated for ``cls`` lenient (see
    ``_LENIENT``); a class's own methods are left alone."""
    for name in ("__repr__", "__eq__"):
        method = cls.__dict__.get(name)
        code = getattr(method, "__code__", None)
        if code is not None and code.co_filename.startswith("<attrs generated"):
            setattr(cls, name, _lenient(method))  # type: ignore[arg-type]


_look_safely(Model)
_SETTABLE: dict[type, frozenset[str]] = {}


def _settable(cls: type) -> frozenset[str]:
    """The attrs fields of ``cls`` (``extra`` included): the attributes a user may set."""
    names = _SETTABLE.get(cls)
    if names is None:
        fields = getattr(cls, "__attrs_attrs__", ())
        names = _SETTABLE[cls] = frozenset(f.name for f in fields)
    return names


def _check_unknown(model: Model, name: str) -> None:
    """Refuse setting a public attribute that is no field (a misspelt field would be kept
    and never sent), naming the closest field; the class's own attributes may be set."""
    cls = type(model)
    if hasattr(cls, name):  # a property, a method, a class attribute
        return
    fields = sorted(_settable(cls) - _EXTRA_FIELDS)
    close = difflib.get_close_matches(name, fields, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "keys without a field go in .extra"
    # No name=/obj=: Python would append its own, different "Did you mean" guess.
    raise AttributeError(f"{cls.__name__!r} object has no field {name!r}: {hint}")


class _Pruned(dict[str, Any]):
    """The payload of a model built from one after ``del model.field``: the payload
    without that field's keys, and the fields that read as deleted since."""

    deleted: frozenset[str] = frozenset()


def _delete_lazily(model: Model, name: str, source: Mapping[str, Any]) -> None:
    """``del model.field`` on a model built from a payload: as on any attrs instance, the
    field then reads as missing (AttributeError) until set again; ``to_dict`` leaves its
    key out. The payload itself is left as it is."""
    state = model.__dict__
    deleted = source.deleted if type(source) is _Pruned else frozenset()
    if name in deleted and name not in state:
        _object_delattr(model, name)  # deleted twice: the AttributeError attrs gives
    state.pop(name, None)
    cls = type(model)
    if name == "extra":
        keys = _wire_keys(cls)
        pruned = _Pruned((k, v) for k, v in source.items() if k in keys)
    else:
        wire = _names_table(cls)[name][0]
        pruned = _Pruned((k, v) for k, v in source.items() if k != wire)
    pruned.deleted = deleted | {name}
    state["_source"] = pruned


def _read_deleted(obj: Any, name: str) -> Any:
    if _LENIENT.get():
        return _DELETED
    raise AttributeError(
        f"{type(obj).__name__!r} object has no attribute {name!r}", name=name, obj=obj
    )


# Lazily built classes (their fields are _Fill descriptors by now): attribute -> _Fill.
_FILLS: dict[type, dict[str, _Fill]] = {}


def _differences(model: Model, source: Mapping[str, Any]) -> Iterator[tuple[Any, Any]]:
    """(wire key, wire value) of each field a model built from ``source`` no longer holds
    as it came: set since, or a nested model (or a list of them) changed in place;
    ``(_EXTRA, extra)`` when ``extra`` differs.

    Every field read or set lives in the instance ``__dict__``. One still holding the
    payload's own value, an immutable value equal to the payload's converted (a datetime,
    a number sent as a string), or nested models built from the payload's own parts and
    unchanged since, keeps the payload's form."""
    cls = type(model)
    names = _names_table(cls)
    fills = _FILLS.get(cls)
    if fills is None:  # unpickled where its class was never built from a payload yet
        converter.get_structure_hook(cls)
        fills = _FILLS[cls]
    fmt_default = cls.__datetime_format__
    for name, value in model.__dict__.items():
        entry = names.get(name)
        if entry is None:
            if name == "extra" and not _extra_same(value, source, _wire_keys(cls)):
                yield _EXTRA, value
            continue  # bookkeeping, or an attribute that is not a field
        wire, f = entry
        raw = source.get(wire, _MISSING)
        if value is raw:
            continue
        if raw is not _MISSING:
            if type(value) in _IMMUTABLE:
                if fills[name].converts_to(raw, value):
                    continue
            elif _same_nested(value, raw):
                continue
        elif _is_default(f, value):
            continue
        yield wire, _unstructure_value(value, f.metadata.get("datetime_format") or fmt_default)


def _unchanged(model: Model, source: Mapping[str, Any]) -> bool:
    """Whether a model built from ``source`` still holds exactly it."""
    if len(model.__dict__) == 1:  # only _source: nothing read or set since
        return True
    if model._eager:
        return False
    return next(_differences(model, source), None) is None


def _same_nested(value: Any, raw: Any) -> bool:
    """A converted mutable value (a list of nested models, a nested model) still holding
    ``raw``: each model built from its own part of it and unchanged since."""
    if type(value) is list:
        if type(raw) is not list or len(value) != len(raw):
            return False
        return all(map(_holds, value, raw))
    return _holds(value, raw)


def _holds(item: Any, wire: Any) -> bool:
    if not isinstance(item, Model) or item._source is not wire or type(wire) is not dict:
        return False
    return _unchanged(item, wire)


def _extra_same(extra: Mapping[str, Any], source: Mapping[str, Any], keys: Any) -> bool:
    unknown = 0
    for key, value in source.items():
        if key not in keys:
            unknown += 1
            if extra.get(key, _MISSING) is not value:
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


# Values that cannot change in place: one the model still holds is the one it was built with.
_IMMUTABLE = frozenset({str, int, float, bool, _dt.datetime, _dt.date, _dt.time, type(None)})
_WIRE_KEYS: dict[type, frozenset[str]] = {}


def _wire_keys(cls: type) -> frozenset[str]:
    """The vendor keys a class has fields for (the rest of a payload is ``extra``)."""
    keys = _WIRE_KEYS.get(cls)
    if keys is None:
        keys = _WIRE_KEYS[cls] = frozenset(wire for _, wire, _ in _fields_of(cls))
    return keys


_NAMES_TABLES: dict[type, dict[str, tuple[str, attrs.Attribute[Any]]]] = {}


def _names_table(cls: type) -> dict[str, tuple[str, attrs.Attribute[Any]]]:
    """attribute -> (wire key, attrs field), once per class."""
    table = _NAMES_TABLES.get(cls)
    if table is None:
        table = _NAMES_TABLES[cls] = {name: (wire, f) for name, wire, f in _fields_of(cls)}
    return table


def _is_default(f: attrs.Attribute[Any], value: Any) -> bool:
    default: Any = f.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return bool(value == default.factory())
    return value is None or bool(value == default)


def _wire_name(cls: type, f: attrs.Attribute[Any]) -> str:
    explicit = f.metadata.get("wire")
    if explicit:
        return str(explicit)
    name = f.name.rstrip("_")
    return to_camel(name) if getattr(cls, "__wire_case__", "camel") == "camel" else name


def wire_names(cls: type[Model]) -> tuple[str, ...]:
    """The vendor keys of a model's fields, in declaration order (``extra`` excluded)."""
    return tuple(wire for _, wire, _ in _fields_of(cls))


_FIELDS: dict[type, tuple[tuple[str, str, attrs.Attribute[Any]], ...]] = {}


def _fields_of(cls: type) -> tuple[tuple[str, str, attrs.Attribute[Any]], ...]:
    """(attribute, wire name, attrs field) of every data field, computed once per class."""
    table = _FIELDS.get(cls)
    if table is None:
        table = _FIELDS[cls] = tuple(
            (f.name, _wire_name(cls, f), f)
            for f in attrs.fields(cls)
            if f.name not in _EXTRA_FIELDS
        )
    return table


def to_epoch_ms(value: _dt.datetime | _dt.date) -> int:
    """A datetime (naive = UTC) or date as a 13-digit millisecond epoch."""
    if not isinstance(value, _dt.datetime):
        value = _dt.datetime(value.year, value.month, value.day, tzinfo=_dt.timezone.utc)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=_dt.timezone.utc)
    return round(value.timestamp() * 1000)


def _unstructure_value(value: Any, datetime_format: str) -> Any:
    if isinstance(value, _dt.datetime):
        if datetime_format == "epoch_ms":
            return to_epoch_ms(value)
        if datetime_format == "epoch_s":  # whole seconds, as the vendor sent them
            return to_epoch_ms(value) // 1000
        return value.isoformat()
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_unstructure_value(v, datetime_format) for v in value]
    return converter.unstructure(value)


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


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, Model) and attrs.has(cls)


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
# Below 2**31 s, ``fromtimestamp(ms / 1000)`` is exact to the millisecond (the float's
# error stays under a quarter of a microsecond) and about 40% cheaper than epoch +
# timedelta; other values (negative, far future) take the timedelta path.
_EPOCH_FAST_BOUND = 2**31 * 1000


def _value_converter(tp: Any) -> tuple[type | None, Callable[[Any], Any]]:
    """(kept type, converter) for one field.

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


def _identity(value: Any) -> Any:
    return value


class _Fill:
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
        "factory",
        "kind",
        "name",
        "takes_self",
        "wire",
    )

    def __init__(self, cls: type, f: attrs.Attribute[Any], wire: str, tp: Any) -> None:
        self.cls, self.name, self.wire = cls.__name__, f.name, wire
        self.kind, self.conv = _value_converter(tp)
        default: Any = f.default
        self.factory = default.factory if isinstance(default, attrs.Factory) else None  # type: ignore[arg-type]
        self.takes_self = self.factory is not None and bool(default.takes_self)
        self.default = None if self.factory is not None else default
        self.bulk: Callable[[dict[str, Any], Mapping[str, Any]], None] | None = None
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
            return _read_deleted(obj, self.name)
        value = source.get(self.wire, _MISSING)
        if value is _MISSING:
            if type(source) is _Pruned and self.name in source.deleted:
                return _read_deleted(obj, self.name)
            factory = self.factory
            if factory is None:
                value = self.default
            else:  # a fresh default per model
                value = factory(obj) if self.takes_self else factory()
        elif value is not None and self.kind is not None and type(value) is not self.kind:
            try:
                value = self.conv(value)
            except Exception as exc:
                if _LENIENT.get():
                    return _Unconverted(value)  # repr or == of the model: nothing kept
                raise FieldValueError(self.cls, self.name, self.wire, value, str(exc)) from exc
        state = obj.__dict__
        state[self.name] = value
        # Reading many fields: take the plain ones at once (not past a deleted field).
        if len(state) == self.bulk_at and type(source) is not _Pruned:
            self.bulk(state, source)  # type: ignore[misc]
        return value


# A model read field by field pays a descriptor call per field; once this many fields of
# a wide model are read, the values kept as they are (no conversion) are taken in one go.
_BULK_AFTER = 6


def _compile_bulk(
    cls: type, fills: list[_Fill]
) -> Callable[[dict[str, Any], Mapping[str, Any]], None]:
    """Straight-line code for ``cls`` that stores every field not read or set yet whose
    payload value needs no conversion (``None``, or already of the field's type); the
    others stay with their ``_Fill``, so a bad value still fails only its own read."""
    lines = ["def bulk(state, source):", "    get = source.get"]
    namespace: dict[str, Any] = {"_M": _MISSING}
    for i, fill in enumerate(fills):
        name, wire, kind = fill.name, fill.wire, fill.kind
        namespace[f"_k{i}"] = kind
        lines.append(f"    if {name!r} not in state:")
        if fill.factory is not None or fill.default is not None:
            lines += [f"        v = get({wire!r}, _M)", "        if v is not _M:"]
            indent = "            "
        else:  # absent and null are both the default, None
            lines.append(f"        v = get({wire!r})")
            indent = "        "
        if kind is None:
            lines.append(f"{indent}state[{name!r}] = v")
        elif kind is _Never:
            lines += [f"{indent}if v is None:", f"{indent}    state[{name!r}] = v"]
        else:
            lines += [
                f"{indent}if v is None or type(v) is _k{i}:",
                f"{indent}    state[{name!r}] = v",
            ]
    exec(compile("\n".join(lines), f"<bulk fill {cls.__qualname__}>", "exec"), namespace)
    bulk: Callable[[dict[str, Any], Mapping[str, Any]], None] = namespace["bulk"]
    return bulk


class _ExtraFill:
    """``extra`` of a lazily built model: the payload's keys that no field takes."""

    __slots__ = ("keys",)

    def __init__(self, cls: type) -> None:
        self.keys = _wire_keys(cls)

    def __get__(self, obj: Any, owner: Any = None) -> Any:
        if obj is None:
            return self
        source = obj._source
        if source is None or (type(source) is _Pruned and "extra" in source.deleted):
            return _read_deleted(obj, "extra")
        keys = self.keys
        extra = obj.__dict__["extra"] = {k: v for k, v in source.items() if k not in keys}
        return extra


def _builds_lazily(cls: type[Model]) -> bool:
    """Whether ``cls`` can be built by keeping the payload and converting a field on its
    first read: a class with an instance ``__dict__`` and no slots of its own, whose
    ``__init__`` does nothing else (attrs-generated, no validators, converters or
    ``__attrs_pre/post_init__``), and whose every data field has a default and takes
    its value from the payload."""
    init = getattr(cls.__init__, "__code__", None)
    if (
        any("__slots__" in k.__dict__ for k in cls.__mro__ if k is not object)
        or init is None
        or not init.co_filename.startswith("<attrs generated")
        or hasattr(cls, "__attrs_post_init__")
        or hasattr(cls, "__attrs_pre_init__")
    ):
        return False
    return all(
        f.validator is None
        and f.converter is None
        and f.default is not attrs.NOTHING
        and (f.init or f.name == "extra")
        for f in attrs.fields(cls)
    )


def _make_model_hook(cls: type[Model]) -> Callable[[Any, Any], Model]:
    _look_safely(cls)  # a subclass defined with attrs itself, not with @model
    hints = typing.get_type_hints(cls)
    wire_names = {name: wire for name, wire, _ in _fields_of(cls)}
    table = _wire_keys(cls)
    if _builds_lazily(cls):
        # Each field becomes a _Fill on the class; attrs left no class attribute there.
        fills = [_Fill(cls, f, wire, hints.get(name, Any)) for name, wire, f in _fields_of(cls)]
        if len(fills) > 2 * _BULK_AFTER:
            bulk = _compile_bulk(cls, fills)
            for fill in fills:  # _source and the fields read so far
                fill.bulk, fill.bulk_at = bulk, 1 + _BULK_AFTER
        for fill in fills:
            setattr(cls, fill.name, fill)
        _FILLS[cls] = {fill.name: fill for fill in fills}
        cls.extra = _ExtraFill(cls)  # type: ignore[assignment]
        new = object.__new__

        def structure_lazily(data: Any, _: Any) -> Model:
            if type(data) is not dict:
                if isinstance(data, cls):
                    return data
                if not isinstance(data, Mapping):
                    raise TypeError(f"{cls.__name__} expects a mapping, got {type(data).__name__}")
            obj = new(cls)
            obj.__dict__["_source"] = data  # not through Model.__setattr__
            return obj

        return structure_lazily

    # A class whose __init__ does more: built through it, so cattrs names a bad field.
    overrides = {"extra": override(omit=True)}
    overrides.update({name: override(rename=wire) for name, wire in wire_names.items()})
    detailed = make_dict_structure_fn(
        cls,
        converter,
        _cattrs_forbid_extra_keys=False,
        _cattrs_detailed_validation=True,
        **overrides,  # type: ignore[arg-type]
    )

    def structure_eagerly(data: Any, _: Any) -> Model:
        if isinstance(data, cls):
            return data
        if not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__} expects a mapping, got {type(data).__name__}")
        obj = detailed(data, cls)
        obj.extra.update((k, v) for k, v in data.items() if k not in table)
        object.__setattr__(obj, "_source", data)
        object.__setattr__(obj, "_eager", True)
        return obj

    return structure_eagerly


converter.register_structure_hook_factory(_is_model, _make_model_hook)
converter.register_unstructure_hook_func(
    lambda cls: isinstance(cls, type) and issubclass(cls, Model), lambda m: m.to_dict()
)
