"""The attrs base model and the one cattrs converter every vendor shares.

Python names are snake_case; the wire keeps the vendor's spelling (camelCase for Lofty and
Ovipro, snake_case for Brokermint). Fields the SDK does not know land in ``model.extra``,
and ``model.to_dict()`` gives back the vendor's own keys and values, so nothing a vendor
returns is ever lost.
"""

from __future__ import annotations

import datetime as _dt
import re
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar, Union

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, override
from typing_extensions import dataclass_transform

__all__ = [
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

_EXTRA_FIELDS = frozenset({"extra", "_source", "_converted", "_detailed"})
_HOOKS: dict[type, Callable[[Any, Any], Any]] = {}  # Model.from_dict skips cattrs dispatch
_FAST: dict[type, Callable[[Any], Any]] = {}  # each model class's fast path (dict payloads)


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
    camel/snake form of the Python name; ``datetime_format`` ("iso" or "epoch_ms") says how
    ``to_dict`` writes a datetime back."""
    metadata = {"wire": wire, "datetime_format": datetime_format}
    if factory is not None:
        return attrs.field(factory=factory, metadata=metadata)
    return attrs.field(default=default, metadata=metadata)


@dataclass_transform(kw_only_default=True, field_specifiers=(attrs.field, field))
def model(cls: C) -> C:
    """Class decorator for vendor models: keyword-only attrs class with slots."""
    return attrs.define(kw_only=True)(cls)


@attrs.define(kw_only=True)
class Model:
    """Base of every vendor model.

    ``extra`` holds the keys the SDK has no field for, under the vendor's own names.
    """

    __wire_case__: ClassVar[str] = "camel"  # "camel" or "snake"
    __datetime_format__: ClassVar[str] = "iso"  # how to_dict writes a datetime back

    extra: dict[str, Any] = attrs.field(factory=dict, repr=False)
    # The payload a model was built from, and the values the fast path converted from it
    # (datetimes, nested models): what lets to_dict give back the payload's own values.
    _source: Mapping[str, Any] | None = attrs.field(default=None, init=False, repr=False, eq=False)
    _converted: dict[str, Any] | None = attrs.field(default=None, init=False, repr=False, eq=False)
    _detailed: bool = attrs.field(default=False, init=False, repr=False, eq=False)

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build the model from a vendor payload (unknown keys go to ``extra``)."""
        hook = _HOOKS.get(cls)
        if hook is None:
            hook = _HOOKS[cls] = converter.get_structure_hook(cls)
        result: M = hook(data, cls)
        return result

    def to_dict(self) -> dict[str, Any]:
        """The vendor's representation: original keys, unchanged values as they came in."""
        source = self._source
        if source is None:
            return self._to_dict_set_fields()
        if self._detailed:
            return self._to_dict_against(source)
        cls = type(self)
        back = _TO_DICT.get(cls)
        if back is None:
            back = _TO_DICT[cls] = _compile_to_dict(cls)
        return back(self, source)

    def _wire_dict(self) -> dict[str, Any]:
        """What an export serialises: the payload itself when the model provably still
        holds it (every field the payload's own value or the immutable value converted
        from it, nested models alike, ``extra`` untouched), else :meth:`to_dict`. Equal to
        ``to_dict()`` either way, without its copy; never mutate the result."""
        source = self._source
        if type(source) is dict and not self._detailed:
            cls = type(self)
            same = _SAME.get(cls)
            if same is None:
                same = _SAME[cls] = _compile_same(cls)
            if same(self, source):
                return source
        return self.to_dict()

    def _to_dict_set_fields(self) -> dict[str, Any]:
        """A model built in Python sends only what was set."""
        out: dict[str, Any] = {}
        fmt = self.__datetime_format__
        for name, wire, f in _fields_of(type(self)):
            value = getattr(self, name)
            if _is_default(f, value):
                continue
            out[wire] = _unstructure_value(value, f.metadata.get("datetime_format") or fmt)
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out

    def _to_dict_against(self, source: Mapping[str, Any]) -> dict[str, Any]:
        """Built by the detailed (cattrs) path: compare with a fresh structuring."""
        baseline = converter.structure(source, type(self))
        out: dict[str, Any] = {}
        fmt = self.__datetime_format__
        for name, key, f in _fields_of(type(self)):
            value = getattr(self, name)
            if value == getattr(baseline, name):
                if key in source:
                    out[key] = source[key]
                continue
            out[key] = _unstructure_value(value, f.metadata.get("datetime_format") or fmt)
        for key, value in self.extra.items():
            out.setdefault(key, value)
        return out


_MISSING = object()
_TO_DICT: dict[type, Callable[[Any, Mapping[str, Any]], dict[str, Any]]] = {}


def _compile_to_dict(cls: type[Model]) -> Callable[[Any, Mapping[str, Any]], dict[str, Any]]:
    """``to_dict`` of a model built from a payload, as straight-line code for ``cls``.

    Starts from a copy of the payload (its keys, order and values) and touches only what
    differs: a field whose value is no longer the payload's own (or the immutable value
    converted from it) is written back in wire form; a field the payload did not carry is
    appended when set; ``extra`` edits are applied last.
    """
    default_fmt = cls.__datetime_format__
    lines = ["def back(self, source):", "    out = dict(source)", "    cv = self._converted"]
    lines.append("    get = source.get")
    namespace: dict[str, Any] = {
        "_M": _MISSING, "_differs": _differs, "_extras": _reconcile_extra,
        "_table": _wire_table(cls), "_keys": frozenset(_wire_table(cls)), "_IMM": _IMMUTABLE,
    }  # fmt: skip
    for i, (name, wire, f) in enumerate(_fields_of(cls)):
        fmt = f.metadata.get("datetime_format") or default_fmt
        alias = f.alias or name
        namespace[f"_f{i}"] = f
        # Still the payload's own value (absent and None count as the same), or the
        # immutable value converted from it: nothing to write. Anything else is rare.
        lines += [
            f"    v = self.{name}",
            f"    if v is not get({wire!r}) and (cv is None or cv.get({alias!r}, _M) is not v"
            " or type(v) not in _IMM):",
            f"        _differs(out, source, {wire!r}, {alias!r}, v, cv, _f{i}, {fmt!r})",
        ]
    lines += [
        "    if self.extra or not source.keys() <= _keys:",
        "        _extras(self.extra, out, source, _table)",
        "    return out",
    ]
    exec(compile("\n".join(lines), f"<to_dict {cls.__qualname__}>", "exec"), namespace)
    back: Callable[[Any, Mapping[str, Any]], dict[str, Any]] = namespace["back"]
    return back


_SAME: dict[type, Callable[[Any, dict[str, Any]], bool]] = {}


def _compile_same(cls: type[Model]) -> Callable[[Any, dict[str, Any]], bool]:
    """Whether a model built from ``source`` still holds exactly it, as straight-line code
    for ``cls``: the same per-field rule as ``to_dict`` keeping the payload's value."""
    lines = ["def same(self, source):", "    cv = self._converted", "    get = source.get"]
    namespace: dict[str, Any] = {
        "_M": _MISSING, "_IMM": _IMMUTABLE, "_nested": _same_nested,
        "_keys": frozenset(_wire_table(cls)), "_extra_same": _extra_same,
    }  # fmt: skip
    for name, wire, f in _fields_of(cls):
        alias = f.alias or name
        lines += [
            f"    v = self.{name}",
            f"    if v is not get({wire!r}):",
            f"        if cv is None or cv.get({alias!r}, _M) is not v:",
            "            return False",
            f"        if type(v) not in _IMM and not _nested(v, source.get({wire!r})):",
            "            return False",
        ]
    lines += [
        "    if source.keys() <= _keys:",
        "        return not self.extra",
        "    return _extra_same(self.extra, source, _keys)",
    ]
    exec(compile("\n".join(lines), f"<same {cls.__qualname__}>", "exec"), namespace)
    same: Callable[[Any, dict[str, Any]], bool] = namespace["same"]
    return same


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
    if item._detailed:
        return False
    cls = type(item)
    same = _SAME.get(cls)
    if same is None:
        same = _SAME[cls] = _compile_same(cls)
    return same(item, wire)


def _extra_same(extra: Mapping[str, Any], source: Mapping[str, Any], keys: Any) -> bool:
    unknown = 0
    for key, value in source.items():
        if key not in keys:
            unknown += 1
            if extra.get(key, _MISSING) is not value:
                return False
    return unknown == len(extra)


def _differs(
    out: dict[str, Any],
    source: Mapping[str, Any],
    wire: str,
    alias: str,
    value: Any,
    cv: dict[str, Any] | None,
    f: attrs.Attribute[Any],
    fmt: str,
) -> None:
    if wire in source:
        _changed(out, wire, alias, value, cv, fmt)
    else:
        _absent(out, wire, value, f, fmt)


def _changed(
    out: dict[str, Any], wire: str, alias: str, value: Any, cv: dict[str, Any] | None, fmt: str
) -> None:
    if cv is not None:
        was = cv.get(alias, _MISSING)
        if value is was and type(was) in _IMMUTABLE:
            return  # converted from the payload (a datetime...) and untouched: keep its form
    out[wire] = _unstructure_value(value, fmt)


def _absent(out: dict[str, Any], wire: str, value: Any, f: attrs.Attribute[Any], fmt: str) -> None:
    if not _is_default(f, value):
        out[wire] = _unstructure_value(value, fmt)


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
_WIRE_TABLES: dict[type, dict[str, tuple[str, str, str | None]]] = {}


def _wire_table(cls: type) -> dict[str, tuple[str, str, str | None]]:
    """wire key -> (attribute, constructor alias, datetime format), once per class."""
    table = _WIRE_TABLES.get(cls)
    if table is None:
        table = _WIRE_TABLES[cls] = {
            wire: (name, f.alias or name, f.metadata.get("datetime_format"))
            for name, wire, f in _fields_of(cls)
        }
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
        return to_epoch_ms(value) if datetime_format == "epoch_ms" else value.isoformat()
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


class _Never:
    """A type no wire value has: the field always goes through its converter."""


_SCALARS: dict[Any, Callable[[Any], Any]] = {str: str, int: _to_int, float: float, bool: _to_bool}
# Marker type -> epoch-milliseconds converter (``_timestamps.EpochMs`` registers itself),
# and the field converters built from them, which the generated code recognises.
_EPOCH_MS_TYPES: dict[Any, Callable[[Any], Any]] = {}
_EPOCH_MS_CONVERTERS: set[Callable[[Any], Any]] = set()
# A list-of-models field converter -> (item fast path, item cattrs hook, item class).
_MODEL_LISTS: dict[Callable[[Any], Any], tuple[Callable[[Any], Any], Any, type]] = {}
# Below 2**31 s, ``fromtimestamp(ms / 1000)`` is exact to the millisecond (the float's
# error stays under a quarter of a microsecond) and about 40% cheaper than epoch +
# timedelta; other values (negative, far future) take the timedelta path.
_EPOCH_FAST_BOUND = 2**31 * 1000


def _value_converter(tp: Any) -> tuple[type | None, Callable[[Any], Any]]:
    """(fast type, converter) for one field.

    A wire value whose type is the fast type (or ``None``) is kept as it is, with no call
    at all; anything else goes through the converter. ``None`` as fast type means "keep
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
    if epoch_ms is not None:  # EpochMs: no cattrs dispatch either; ints are inlined too
        conv: Callable[[Any], Any] = epoch_ms
        if optional:
            conv = lambda v: None if v == "" else epoch_ms(v)  # noqa: E731
        _EPOCH_MS_CONVERTERS.add(conv)
        return _Never, conv
    hook = converter.get_structure_hook(inner)
    origin, args = typing.get_origin(inner), typing.get_args(inner)
    fast: type = _Never
    if origin is list and args and args[0] in _SCALARS:
        fast = list
    elif origin is list and args and _is_model(args[0]):
        # Lists of models are the common nested case: build the items directly.
        item_type = args[0]
        item_hook = converter.get_structure_hook(item_type)
        # Straight to the item class's fast path: if an item fails there, the error reaches
        # the outer model, whose detailed (cattrs) path then names the field.
        item_fast = _FAST.get(item_type)

        def models(v: Any) -> Any:
            if type(v) is list:
                if item_fast is not None:
                    return [item_fast(x) if type(x) is dict else item_hook(x, item_type) for x in v]
                return [item_hook(x, item_type) for x in v]
            return None if optional and v == "" else hook(v, inner)

        if item_fast is not None:  # the generated code builds such lists inline
            _MODEL_LISTS[models] = (item_fast, item_hook, item_type)
        return fast, models
    if optional:
        return fast, lambda v: None if v == "" else hook(v, inner)
    return fast, lambda v: hook(v, inner)


def _identity(value: Any) -> Any:
    return value


def _compile_dense(
    cls: type[Model], table: Mapping[str, tuple[str, type | None, Callable[[Any], Any]]]
) -> Callable[[Mapping[str, Any]], Model]:
    """The fast path as straight-line code for ``cls`` (one ``get`` per field, no table
    lookups, no tuple unpacking): the same rules as the loop in ``_make_model_hook``."""
    lines = ["def dense(data):", "    get = data.get", "    kw = {}", "    cv = None"]
    namespace: dict[str, Any] = {"_M": _MISSING, "_cls": cls, "_table": table}
    for i, (wire, (alias, kind, conv)) in enumerate(table.items()):
        namespace[f"_k{i}"], namespace[f"_c{i}"] = kind, conv
        lines += [f"    v = get({wire!r}, _M)", "    if v is not _M:"]
        if kind is None:
            lines.append(f"        kw[{alias!r}] = v")
            continue
        keep = "v is None" if kind is _Never else f"v is None or type(v) is _k{i}"
        lines += [
            f"        if {keep}:",
            f"            kw[{alias!r}] = v",
            "        else:",
            "            if cv is None:",
            "                cv = {}",
            f"            kw[{alias!r}] = cv[{alias!r}] = _c{i}(v)",
        ]
    lines += [
        "    if len(kw) != len(data):",  # one constructor argument per known key
        "        kw['extra'] = {k: x for k, x in data.items() if k not in _table}",
        "    obj = _cls(**kw)",
        "    obj._source = data",
        "    if cv is not None:",
        "        obj._converted = cv",
        "    return obj",
    ]
    exec(compile("\n".join(lines), f"<fast structure {cls.__qualname__}>", "exec"), namespace)
    dense: Callable[[Mapping[str, Any]], Model] = namespace["dense"]
    return dense


def _compile_direct(
    cls: type[Model], table: Mapping[str, tuple[str, type | None, Callable[[Any], Any]]]
) -> Callable[[Mapping[str, Any]], Model] | None:
    """Like :func:`_compile_dense`, but filling the slots of a new instance directly
    instead of building keyword arguments for ``__init__`` (about 20% faster on a wide
    model). Only for plain classes, where ``__init__`` does nothing else: no validators,
    converters, ``on_setattr`` hooks, ``__attrs_pre/post_init__`` or hand-written
    ``__init__``; ``None`` otherwise.

    A field whose default is ``None`` reads ``get(wire)``: absent and ``null`` both give
    the default, so it costs one lookup, one type test and one store. Whether the payload
    holds keys the class does not know is one C-level set comparison at the end."""
    init = getattr(cls.__init__, "__code__", None)
    if (
        "__slots__" not in cls.__dict__
        or cls.__setattr__ is not object.__setattr__
        or init is None
        or not init.co_filename.startswith("<attrs generated")
        or hasattr(cls, "__attrs_post_init__")
        or hasattr(cls, "__attrs_pre_init__")
    ):
        return None
    by_name = {alias: (wire, kind, conv) for wire, (alias, kind, conv) in table.items()}
    namespace: dict[str, Any] = {"_M": _MISSING, "_cls": cls, "_table": table}
    namespace.update(_new=object.__new__, _keys=frozenset(table), _ft=_fromtimestamp, _U=_UTC)
    namespace["_EB"] = _EPOCH_FAST_BOUND
    body: list[str] = []
    wires: list[str] = []
    for i, f in enumerate(attrs.fields(cls)):
        if f.validator is not None or f.converter is not None:
            return None
        default: Any = f.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            if default.takes_self:
                return None
            namespace[f"_d{i}"] = default.factory
            fallback = f"_d{i}()"
        elif default is attrs.NOTHING:
            return None
        else:
            namespace[f"_d{i}"] = default
            fallback = f"_d{i}"
        name = f.name
        if f.name in _EXTRA_FIELDS or not f.init or (f.alias or name) not in by_name:
            if name not in ("extra", "_source", "_converted"):
                body.append(f"    o.{name} = {fallback}")
            continue
        alias = f.alias or name
        wire, kind, conv = by_name[alias]
        v = f"v{len(wires)}"
        wires.append(wire)
        namespace[f"_k{i}"], namespace[f"_c{i}"] = kind, conv
        if default is None:  # absent == null == the default: no branch on presence
            body.append(f"    {v} = get({wire!r})")
            indent = "    "
        else:
            body.append(f"    {v} = get({wire!r}, _M)")
            body += [f"    if {v} is _M:", f"        {v} = {fallback}", "    else:"]
            indent = "        "
        if kind is None:
            body.append(f"{indent}pass")
        else:
            if kind is _Never:
                body.append(f"{indent}if {v} is not None:")
            else:  # the common case, a value of the right type, fails the first test
                body.append(f"{indent}if type({v}) is not _k{i} and {v} is not None:")
            if conv in _EPOCH_MS_CONVERTERS:  # exact: see _EPOCH_FAST_BOUND
                body += [
                    f"{indent}    if type({v}) is int and 0 <= {v} < _EB:",
                    f"{indent}        {v} = _ft({v} / 1000, _U)",
                    f"{indent}    else:",
                    f"{indent}        {v} = _c{i}({v})",
                ]
            elif conv in _MODEL_LISTS:
                namespace[f"_f{i}"], namespace[f"_h{i}"], namespace[f"_t{i}"] = _MODEL_LISTS[conv]
                body += [
                    f"{indent}    if type({v}) is list:",
                    f"{indent}        {v} = [_f{i}(x) if type(x) is dict else _h{i}(x, _t{i})"
                    f" for x in {v}]",
                    f"{indent}    else:",
                    f"{indent}        {v} = _c{i}({v})",
                ]
            elif kind is float:
                body.append(f"{indent}    {v} = float({v}) if type({v}) is int else _c{i}({v})")
            else:
                body.append(f"{indent}    {v} = _c{i}({v})")
            body += [
                f"{indent}    if cv is None:",
                f"{indent}        cv = {{}}",
                f"{indent}    cv[{alias!r}] = {v}",
            ]
        body.append(f"    o.{name} = {v}")
    lines = ["def direct(data):", "    get = data.get", "    o = _new(_cls)", "    cv = None"]
    lines += body
    lines += [
        "    o.extra = {} if data.keys() <= _keys else"
        " {k: x for k, x in data.items() if k not in _table}",
        "    o._source = data",
        "    o._converted = cv",
        "    return o",
    ]
    exec(compile("\n".join(lines), f"<fast structure {cls.__qualname__}>", "exec"), namespace)
    direct: Callable[[Mapping[str, Any]], Model] = namespace["direct"]
    return direct


def _make_model_hook(cls: type[Model]) -> Callable[[Any, Any], Model]:
    hints = typing.get_type_hints(cls)
    # wire key -> (constructor argument, fast type, converter); one pass over the
    # payload's own keys, so a sparse payload of a wide model costs only what it carries.
    table: dict[str, tuple[str, type | None, Callable[[Any], Any]]] = {}
    wire_names = {}
    for f in attrs.fields(cls):
        if f.name in _EXTRA_FIELDS or not f.init:
            continue
        wire = wire_names[f.name] = _wire_name(cls, f)
        table[wire] = (f.alias, *_value_converter(hints.get(f.name, Any)))
    lookup = table.get
    direct = _compile_direct(cls, table)
    dense = direct or _compile_dense(cls, table)

    def sparse(data: Mapping[str, Any]) -> Model:
        kw: dict[str, Any] = {}
        extra: dict[str, Any] | None = None
        converted: dict[str, Any] | None = None
        for key, value in data.items():
            entry = lookup(key)
            if entry is None:
                if extra is None:
                    extra = {}
                extra[key] = value
                continue
            alias, kind, conv = entry
            if kind is None or value is None or type(value) is kind:
                kw[alias] = value
            else:
                if converted is None:
                    converted = {}
                kw[alias] = converted[alias] = conv(value)
        if extra is not None:
            kw["extra"] = extra
        obj = cls(**kw)
        obj._source = data
        if converted is not None:
            obj._converted = converted
        return obj

    # A payload carrying most fields goes through straight-line code generated for the
    # class; a sparse one through one loop over its own keys (it costs what it carries).
    threshold = len(table) // 2

    def mixed(data: Mapping[str, Any]) -> Model:
        return dense(data) if len(data) > threshold else sparse(data)

    # Filling slots directly beats the loop even for a sparse payload, where it applies.
    fast = direct if direct is not None else mixed
    _FAST[cls] = fast

    overrides = {"extra": override(omit=True)}
    overrides.update({name: override(rename=wire) for name, wire in wire_names.items()})
    detailed = make_dict_structure_fn(
        cls,
        converter,
        _cattrs_forbid_extra_keys=False,
        _cattrs_detailed_validation=True,
        **overrides,  # type: ignore[arg-type]
    )

    def structure_model(data: Any, _: Any) -> Model:
        if type(data) is dict:
            try:
                return fast(data)
            except Exception:
                pass  # the fast path only says "something failed"; cattrs names the field
        elif isinstance(data, cls):
            return data
        elif not isinstance(data, Mapping):
            raise TypeError(f"{cls.__name__} expects a mapping, got {type(data).__name__}")
        else:
            try:
                return fast(data)
            except Exception:
                pass
        obj = detailed(data, cls)
        obj.extra.update((k, v) for k, v in data.items() if k not in table)
        obj._source = data
        obj._detailed = True
        return obj

    return structure_model


converter.register_structure_hook_factory(_is_model, _make_model_hook)
converter.register_unstructure_hook_func(
    lambda cls: isinstance(cls, type) and issubclass(cls, Model), lambda m: m.to_dict()
)
