"""Strict response shapes of the operations only Lofty's OpenAPI document publishes.

The document names where each response keeps its payload (``{"tasks": [...]}``,
``{"data": {"items": [...]}}``, ``{"task": {...}}``); these helpers read exactly there and
raise :class:`ResponseShapeError` (naming the keys the response held) when a response does
not have that shape, so a changed response is an error and never an empty list or a model
of ``None`` fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from ..._errors import shape_error
from ..._resource import model_parser
from ...models import Model

M = TypeVar("M", bound=Model)


def list_at(*path: str) -> Callable[[Any], Sequence[Any]]:
    """Items getter: the array at ``path`` of the response (a bare array when ``path`` is
    empty). A key that is present and ``null`` is an empty page; a missing key or a value
    that is not an array raises :class:`ResponseShapeError`."""
    where = ".".join(path)
    what = f"a list at {where!r}" if path else "a JSON array"

    def get(raw: Any) -> Sequence[Any]:
        node = raw
        for key in path:
            if not isinstance(node, Mapping) or key not in node:
                raise shape_error(what, node, (key,))
            node = node[key]
        if node is None:
            return []
        if not isinstance(node, list):
            raise shape_error(what, node, path[-1:])
        return node

    return get


def many_at(cls: type[M], data: Any, *path: str, raw: bool = False) -> list[Any]:
    """The ``cls`` items of the array at ``path`` (dicts with ``raw=True``)."""
    items = list_at(*path)(data)
    parse = model_parser(cls, raw)
    return list(items) if parse is None else [parse(item) for item in items]


def object_at(cls: type[M], data: Any, *path: str, raw: bool = False) -> M | dict[str, Any]:
    """One ``cls`` from the object at ``path`` of the response (the response itself when
    ``path`` is empty); anything else raises :class:`ResponseShapeError`."""
    what = f"an object at {'.'.join(path)!r}" if path else "an object"
    node = data
    for key in path:
        if not isinstance(node, Mapping) or not isinstance(node.get(key), Mapping):
            raise shape_error(what, node, (key,))
        node = node[key]
    if not isinstance(node, Mapping):
        raise shape_error(what, node, ())
    inner = dict(node)
    return inner if raw else cls.from_dict(inner)
