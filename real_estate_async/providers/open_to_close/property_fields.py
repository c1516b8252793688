"""Property fields: the account's field definitions (the schema of ``field_values``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

from ..._errors import PaginationError
from ...pagination import AsyncPager, PaginationStrategy, SinglePage
from ._resource import ReadOnlyCollection, list_items
from .models import PropertyField

__all__ = ["PropertyFields", "field_definitions"]

_DictList = list[dict[str, Any]]


def _node(item: Any, key: str, where: str) -> Mapping[str, Any]:
    node = item.get(key)
    if not isinstance(node, Mapping):
        raise PaginationError(
            f"expected an object at {where}.{key} of /propertyFields, got "
            f"{type(node).__name__} (keys seen: {sorted(item)})"
        )
    return node


def _list_at(node: Mapping[str, Any], key: str, where: str) -> Sequence[Any]:
    value = node.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise PaginationError(
            f"expected a list at {where}.{key} of /propertyFields, got "
            f"{type(value).__name__} (keys seen: {sorted(node)})"
        )
    return value


def field_definitions(raw: Any) -> list[dict[str, Any]]:
    """The fields of a ``GET /propertyFields`` answer, in order.

    The API answers ``[{"group": {"title", "sections": [{"section": {"title",
    "fields": [...]}}]}}]`` (the ``open-to-close`` SDK's ``get_property_fields``); each
    field comes out as its own object plus ``group_title`` and ``section_title``. A flat
    list of field objects (the older reference's reading) passes through. Anything else
    raises :class:`PaginationError`: an unknown shape is never an empty list.
    """
    if isinstance(raw, Mapping) and "data" not in raw:
        raise PaginationError(
            f"expected a JSON array of field groups from /propertyFields, got an object "
            f"(keys seen: {sorted(raw)})"
        )
    fields: list[dict[str, Any]] = []
    for g, item in enumerate(list_items(raw)):
        if not isinstance(item, Mapping):
            raise PaginationError(f"expected objects in /propertyFields, got {type(item).__name__}")
        if "group" not in item:
            if "section" in item or "sections" in item or not ({"id", "key"} & set(item)):
                raise PaginationError(
                    f"unrecognised /propertyFields entry (keys seen: {sorted(item)})"
                )
            fields.append(dict(item))  # already a field definition
            continue
        group = _node(item, "group", f"[{g}]")
        for s, wrapped in enumerate(_list_at(group, "sections", f"[{g}].group")):
            where = f"[{g}].group.sections[{s}]"
            if not isinstance(wrapped, Mapping):
                raise PaginationError(
                    f"expected an object at {where}, got {type(wrapped).__name__}"
                )
            section = _node(wrapped, "section", where)
            for definition in _list_at(section, "fields", f"{where}.section"):
                if not isinstance(definition, Mapping):
                    raise PaginationError(
                        f"expected field objects in {where}.section.fields, "
                        f"got {type(definition).__name__}"
                    )
                fields.append(
                    {
                        **definition,
                        "group_title": group.get("title"),
                        "section_title": section.get("title"),
                    }
                )
    return fields


class PropertyFields(ReadOnlyCollection[PropertyField]):
    """``client.property_fields``: ``GET /propertyFields`` and ``/propertyFields/{field_id}``.

    Read-only; the whole definition list comes in one response, so ``list()`` makes a
    single request and yields the fields of every group and section (see
    :func:`field_definitions`). ``list_property_fields()`` returns the answer as sent
    (the groups), as the ``open-to-close`` SDK's ``get_property_fields`` does.
    """

    model = PropertyField
    collection = "/propertyFields"
    id_name = "field_id"
    paging = "single"

    def _strategy(self, limit: int, offset: int) -> PaginationStrategy:
        return SinglePage(items=field_definitions)

    @overload
    def list(self, *, raw: Literal[False] = ..., **filters: Any) -> AsyncPager[PropertyField]: ...
    @overload
    def list(self, *, raw: Literal[True], **filters: Any) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, *, raw: bool = False, **filters: Any
    ) -> AsyncPager[PropertyField] | AsyncPager[dict[str, Any]]:
        """``GET /propertyFields``: every field definition, groups and sections flattened."""
        return self._pager_for(
            self.collection, limit=1, offset=0, resume_from=None, raw=raw, filters=filters
        )

    @overload
    async def get(self, field_id: int, *, raw: Literal[False] = ...) -> PropertyField: ...
    @overload
    async def get(self, field_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, field_id: int, *, raw: bool = False) -> PropertyField | dict[str, Any]:
        """``GET /propertyFields/{field_id}``."""
        return await self._get(self._item(field_id), raw)

    async def list_property_fields(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /propertyFields`` as a list of dicts (sync-SDK style)."""
        return await self._list_as_dicts(self.collection, params)

    async def retrieve_property_field(self, field_id: int) -> dict[str, Any]:
        """``GET /propertyFields/{field_id}`` as a dict."""
        return await self._get(self._item(field_id), True)
