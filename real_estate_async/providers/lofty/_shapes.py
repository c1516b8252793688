"""Strict response shapes of the operations Lofty's OpenAPI document publishes.

The document names where each response keeps its payload (``{"tasks": [...]}``,
``{"data": {"items": [...]}}``, ``{"task": {...}}``); these helpers read exactly there and
raise when a response does not have that shape, so a changed response is an error and
never an empty list or a model of ``None`` fields.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from ..._errors import APIResponseError, PaginationError
from ...models import Model
from ..base import model_parser

M = TypeVar("M", bound=Model)


def _keys(node: Any) -> str:
    return ", ".join(sorted(map(str, node))) if isinstance(node, Mapping) else type(node).__name__


def list_at(*path: str) -> Callable[[Any], Sequence[Any]]:
    """Items getter: the array at ``path`` of the response (a bare array when ``path`` is
    empty). A key that is present and ``null`` is an empty page; a missing key or a value
    that is not an array raises :class:`PaginationError` naming what was there."""
    where = ".".join(path) or "the top level"

    def get(raw: Any) -> Sequence[Any]:
        node = raw
        for key in path:
            if not isinstance(node, Mapping) or key not in node:
                raise PaginationError(
                    f"expected a list at {where!r} of the response, found keys: {_keys(node)}"
                )
            node = node[key]
        if node is None:
            return []
        if not isinstance(node, list):
            raise PaginationError(f"expected a list at {where!r}, got {type(node).__name__}")
        return node

    return get


def many_at(cls: type[M], data: Any, *path: str, raw: bool = False) -> list[Any]:
    """The ``cls`` items of the array at ``path`` (dicts with ``raw=True``)."""
    items = list_at(*path)(data)
    parse = model_parser(cls, raw)
    return list(items) if parse is None else [parse(item) for item in items]


def _shape_error(message: str, data: Any) -> APIResponseError:
    return APIResponseError(message, status_code=200, body=data)


def object_at(cls: type[M], data: Any, *path: str, raw: bool = False) -> M | dict[str, Any]:
    """One ``cls`` from the object at ``path`` of the response (the response itself when
    ``path`` is empty); anything else raises :class:`APIResponseError`."""
    node = data
    for key in path:
        if not isinstance(node, Mapping) or not isinstance(node.get(key), Mapping):
            raise _shape_error(
                f"expected an object at {'.'.join(path)!r} of the response, found: {_keys(node)}",
                data,
            )
        node = node[key]
    if not isinstance(node, Mapping):
        raise _shape_error(f"expected an object in the response, got {_keys(node)}", data)
    inner = dict(node)
    return inner if raw else cls.from_dict(inner)
