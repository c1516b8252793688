"""The attrs base model, ``field()``, the ``@model`` decorator, and how a model is built.

Every model class gets its record (``__model_info__``) when its class statement runs. A
class built the lazy way (see ``_lazy``) keeps the payload; any other (validators,
converters, ``__attrs_post_init__``, its own ``__init__``, slots) is built through its
``__init__``, so that runs as the class expects.
"""

from __future__ import annotations

import copy
import difflib
import types
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import attrs
from cattrs.gen import make_dict_structure_fn, override
from typing_extensions import dataclass_transform

from ._convert import converter
from ._diff import against, from_payload, set_fields, unchanged
from ._info import (
    EXTRA_FIELDS,
    MISSING,
    WATCHED,
    ModelInfo,
    attrs_wrote,
    info_of,
    record_of_new_class,
)
from ._lazy import DELETED, LENIENT, Absent, Pending, build_lazily, delete_lazily, lenient

__all__ = ["Model", "field", "model"]

M = TypeVar("M", bound="Model")
C = TypeVar("C", bound=type)
T = TypeVar("T")


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
    built from a payload keeps each field in its ``__dict__`` once read (see ``_lazy``)."""
    if "__setattr__" in cls.__dict__ or "__delattr__" in cls.__dict__:
        built = attrs.define(kw_only=True, slots=False)(cls)  # attrs cannot freeze it
        _settle(built)
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
    _settle(built)
    return built


def _hooked_setattr(hooks: dict[str, attrs.Attribute[Any]]) -> Callable[[Any, str, Any], None]:
    convert, validate = attrs.setters.convert, attrs.setters.validate

    def __setattr__(self: Any, name: str, value: Any) -> None:
        f = hooks.get(name)
        if f is not None:
            value = validate(self, f, convert(self, f, value))
        elif name not in type(self).__model_info__.settable and name[:1] != "_":
            _check_unknown(self, name)
        _object_setattr(self, name, value)

    return __setattr__


_object_setattr = object.__setattr__
_object_delattr = object.__delattr__


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
    __model_info__: ClassVar[ModelInfo]  # this class's own record, never a base's
    # Set on a model built from a payload (class defaults otherwise): the payload, and
    # whether it was built through __init__ (validators, __attrs_post_init__), so that
    # to_dict compares it with a fresh structuring.
    _source: ClassVar[Mapping[str, Any] | None] = None
    _eager: ClassVar[bool] = False

    extra: dict[str, Any] = attrs.field(factory=dict, repr=False)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__model_info__ = record_of_new_class(cls, cls.__dict__)

    @classmethod
    def __attrs_init_subclass__(cls) -> None:
        # attrs (24.1 and later) calls this once it has built a subclass: with @model or
        # attrs' own decorators alike, the class is settled before any instance exists.
        _settle(cls)

    @classmethod
    def from_dict(cls: type[M], data: Mapping[str, Any]) -> M:
        """Build the model from a vendor payload (unknown keys go to ``extra``)."""
        info = cls.__model_info__
        hook = info.structure
        if hook is None:
            hook = info.structure = converter.get_structure_hook(cls)
        result: M = hook(data, cls)
        return result

    if not TYPE_CHECKING:  # hidden from type checkers: a misspelt field is an error

        def __setattr__(self, name: str, value: Any) -> None:
            # A misspelt field would be kept as a plain attribute and never sent: refuse it.
            if name not in type(self).__model_info__.settable and name[:1] != "_":
                _check_unknown(self, name)
            _object_setattr(self, name, value)

        def __delattr__(self, name: str) -> None:
            state = self.__dict__
            source = state.get("_source")
            info = type(self).__model_info__
            if source is None or state.get("_eager") or name not in info.settable:
                _object_delattr(self, name)
                return
            delete_lazily(self, name, source, info)

    def to_dict(self) -> dict[str, Any]:
        """The vendor's representation: original keys, unchanged values as they came in."""
        source = self._source
        if source is None:
            return set_fields(self)
        if self._eager:
            return against(self, source)
        if len(self.__dict__) == 1:  # only _source: nothing read or set since
            return dict(source)
        return from_payload(self, source)

    def _wire_dict(self) -> dict[str, Any]:
        """What an export serialises: the payload itself when the model provably still
        holds it (nothing set since, converted values untouched, nested models alike),
        else :meth:`to_dict`. Equal to ``to_dict()`` either way, without its copy; never
        mutate the result."""
        source = self._source
        if type(source) is dict and unchanged(self, source):
            return source
        return self.to_dict()


Model.__model_info__ = ModelInfo(Model, frozenset())  # attrs wrote all of WATCHED here


def _check_unknown(model: Model, name: str) -> None:
    """Refuse setting a public attribute that is no field (a misspelt field would be kept
    and never sent), naming the closest field; the class's own attributes may be set."""
    cls = type(model)
    if hasattr(cls, name):  # a property, a method, a class attribute
        return
    fields = sorted(info_of(cls).settable - EXTRA_FIELDS)
    close = difflib.get_close_matches(name, fields, n=1)
    hint = f"did you mean {close[0]!r}?" if close else "keys without a field go in .extra"
    # No name=/obj=: Python would append its own, different "Did you mean" guess.
    raise AttributeError(f"{cls.__name__!r} object has no field {name!r}: {hint}")


def _settle(cls: type) -> None:
    """Once ``cls`` is an attrs class: make the ``__repr__`` and ``__eq__`` attrs wrote
    for it lenient (see ``_lazy.LENIENT``; methods a class body wrote itself are left
    alone), and decide whether it builds lazily."""
    info = info_of(cls)
    if info.settled:
        return
    info.settled = True
    for name in WATCHED[1:]:  # __repr__, __eq__
        method = cls.__dict__.get(name)
        if method is not None and attrs_wrote(cls, name):
            setattr(cls, name, lenient(method))
    _install_fields(cls, info)


def _install_fields(cls: type, info: ModelInfo) -> None:
    """Give ``cls`` a descriptor for every field it holds in the instance ``__dict__``
    (attrs left no class attribute there): a :class:`Pending` on a lazily built class, an
    :class:`Absent` on any other. So a model needs no ``__getattr__`` (whose slot would
    slow every attribute read) to read a field of a model unpickled before its class built
    one from a payload, or to show a deleted field in ``repr``. A slotted class's own
    fields are its slots: a ``__getattr__`` of its own shows them deleted in ``repr``."""
    lazy = info.builds_lazily
    slotted = False
    for f in getattr(cls, "__attrs_attrs__", ()):
        own = cls.__dict__.get(f.name, MISSING)
        if isinstance(own, types.MemberDescriptorType):
            slotted = True
        elif lazy:
            setattr(cls, f.name, Pending(f.name))
        elif own is MISSING:
            setattr(cls, f.name, Absent(f.name))
    if slotted and "__getattr__" not in cls.__dict__:
        cls.__getattr__ = _slot_deleted  # type: ignore[attr-defined]


def _slot_deleted(self: Model, name: str) -> Any:
    """``__getattr__`` of a slotted model class: an empty slot reads as DELETED in
    ``repr`` and ``==``, as a missing attribute anywhere else."""
    if LENIENT.get() and name in type(self).__model_info__.settable:
        return DELETED
    raise AttributeError(
        f"{type(self).__name__!r} object has no attribute {name!r}", name=name, obj=self
    )


_settle(Model)


def _is_model(cls: Any) -> bool:
    return isinstance(cls, type) and issubclass(cls, Model) and attrs.has(cls)


def _make_model_hook(cls: type[Model]) -> Callable[[Any, Any], Model]:
    _settle(cls)  # a class attrs did not call __attrs_init_subclass__ on (attrs < 24.1)
    info = info_of(cls)
    if info.builds_lazily:
        return build_lazily(cls, info)
    return _build_eagerly(cls, info)


def _build_eagerly(cls: type[Model], info: ModelInfo) -> Callable[[Any, Any], Model]:
    """A class whose ``__init__`` does more: built through it, so cattrs names a bad
    field."""
    table = info.wire_keys
    overrides = {"extra": override(omit=True)}
    overrides.update({name: override(rename=wire) for name, wire, _ in info.fields})
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
        _object_setattr(obj, "_source", data)
        _object_setattr(obj, "_eager", True)
        return obj

    return structure_eagerly


converter.register_structure_hook_factory(_is_model, _make_model_hook)
converter.register_unstructure_hook_func(
    lambda cls: isinstance(cls, type) and issubclass(cls, Model), lambda m: m.to_dict()
)
