"""The record each model class keeps about itself: ``cls.__model_info__``.

``Model.__init_subclass__`` gives every model class its own record when the class
statement runs, noting which of the methods attrs may generate the class body wrote
itself. What depends on the attrs fields (added after the class statement, by the
decorator) is worked out once attrs has built the class (``builds_lazily`` among it: the
explicit answer to "may a payload skip ``__init__``?"), or on first use with attrs before
24.1, and kept in the record.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import attrs

from ._convert import wire_name

__all__ = ["MISSING", "ModelInfo", "fields_of", "info_of", "wire_keys", "wire_names"]

MISSING: Any = object()  # "no such key" / "no such attribute"
EXTRA_FIELDS = frozenset({"extra"})  # the attrs field every model has besides its data
# Methods attrs writes into a class unless its body wrote them: the record notes which
# ones the body wrote, so the SDK knows which it may wrap or rely on.
WATCHED = ("__init__", "__repr__", "__eq__")

Entry = tuple[str, str, "attrs.Attribute[Any]"]


class FieldFill(Protocol):
    """What ``to_dict`` asks of a lazily built class's field (``_lazy.Fill``)."""

    def converts_to(self, raw: Any, value: Any) -> bool:
        """Whether ``value`` is what a first read of ``raw`` gives."""
        ...


@attrs.define(slots=False, eq=False, repr=False)
class ModelInfo:
    """What the models need to know about one model class, worked out once."""

    cls: type
    written: frozenset[str]  # of WATCHED, the methods the class body wrote itself
    structure: Callable[[Any, Any], Any] | None = None  # from_dict's cattrs hook
    fills: Mapping[str, FieldFill] | None = None  # a lazily built class: attribute -> its Fill
    settled: bool = False  # attrs' __repr__/__eq__ made lenient, build path decided

    @functools.cached_property
    def fields(self) -> tuple[Entry, ...]:
        """(attribute, wire key, attrs field) of every data field (``extra`` excluded)."""
        cls = self.cls
        return tuple(
            (f.name, wire_name(cls, f), f) for f in attrs.fields(cls) if f.name not in EXTRA_FIELDS
        )

    @functools.cached_property
    def names(self) -> dict[str, tuple[str, attrs.Attribute[Any]]]:
        """attribute -> (wire key, attrs field)."""
        return {name: (wire, f) for name, wire, f in self.fields}

    @functools.cached_property
    def wire_keys(self) -> frozenset[str]:
        """The vendor keys the class has fields for (the rest of a payload is ``extra``)."""
        return frozenset(wire for _, wire, _ in self.fields)

    @functools.cached_property
    def settable(self) -> frozenset[str]:
        """The attrs fields (``extra`` included): the attributes a user may set."""
        return frozenset(f.name for f in getattr(self.cls, "__attrs_attrs__", ()))

    @functools.cached_property
    def builds_lazily(self) -> bool:
        """Whether the class can be built by keeping the payload and converting a field on
        its first read: an instance ``__dict__`` and no slots, an ``__init__`` that attrs
        wrote (so it does nothing but store fields), no ``__attrs_pre/post_init__``, and
        every data field has a default, no validator or converter, and is set by
        ``__init__``."""
        cls = self.cls
        if any("__slots__" in k.__dict__ for k in cls.__mro__ if k is not object):
            return False
        if hasattr(cls, "__attrs_post_init__") or hasattr(cls, "__attrs_pre_init__"):
            return False
        if not attrs_wrote(cls, "__init__"):
            return False
        return all(
            f.validator is None
            and f.converter is None
            and f.default is not attrs.NOTHING
            and (f.init or f.name == "extra")
            for f in attrs.fields(cls)
        )


def record_of_new_class(cls: type, namespace: Mapping[str, Any]) -> ModelInfo:
    """The record of a class just created from ``namespace``. A class attrs rebuilt from
    another one (slotted classes are) carries the first class's record in its namespace:
    what that class body wrote is what this one has."""
    earlier = namespace.get("__model_info__")
    if isinstance(earlier, ModelInfo) and earlier.cls is not cls:
        return ModelInfo(cls, earlier.written)
    return ModelInfo(cls, frozenset(name for name in WATCHED if name in namespace))


def attrs_wrote(cls: type, method: str) -> bool:
    """Whether the ``method`` (one of WATCHED) that ``cls`` uses was written by attrs:
    the class that provides it is an attrs model class whose body did not write it."""
    for klass in cls.__mro__:
        if method in klass.__dict__:
            info = klass.__dict__.get("__model_info__")
            return (
                isinstance(info, ModelInfo)
                and "__attrs_attrs__" in klass.__dict__
                and method not in info.written
            )
    return False


def info_of(cls: type) -> ModelInfo:
    """The record of a model class."""
    info: ModelInfo = cls.__model_info__  # type: ignore[attr-defined]
    return info


def fields_of(cls: type) -> tuple[Entry, ...]:
    """(attribute, wire name, attrs field) of every data field, computed once per class."""
    return info_of(cls).fields


def wire_keys(cls: type) -> frozenset[str]:
    """The vendor keys a class has fields for (the rest of a payload is ``extra``)."""
    return info_of(cls).wire_keys


def wire_names(cls: type) -> tuple[str, ...]:
    """The vendor keys of a model's fields, in declaration order (``extra`` excluded)."""
    return tuple(wire for _, wire, _ in info_of(cls).fields)
