"""Property fields: the account's field definitions (the schema of ``field_values``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ...pagination import AsyncPager
from ._resource import ReadOnlyCollection
from .models import PropertyField

__all__ = ["PropertyFields"]

_DictList = list[dict[str, Any]]


class PropertyFields(ReadOnlyCollection[PropertyField]):
    """``client.property_fields``: ``GET /propertyFields`` and ``/propertyFields/{field_id}``.

    Read-only. The path is inferred (the seeds do not give it); the whole definition list
    comes in one response, so ``list()`` makes a single request.
    """

    model = PropertyField
    collection = "/propertyFields"
    id_name = "field_id"
    paging = "single"

    @overload
    def list(self, *, raw: Literal[False] = ..., **filters: Any) -> AsyncPager[PropertyField]: ...
    @overload
    def list(self, *, raw: Literal[True], **filters: Any) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, *, raw: bool = False, **filters: Any
    ) -> AsyncPager[PropertyField] | AsyncPager[dict[str, Any]]:
        """``GET /propertyFields``: every field definition."""
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
        return await self._seed_list(self.collection, params)

    async def retrieve_property_field(self, field_id: int) -> dict[str, Any]:
        """``GET /propertyFields/{field_id}`` as a dict."""
        return await self._get(self._item(field_id), True)
