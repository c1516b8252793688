"""Documents of a property."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ...models import Model
from ...pagination import AsyncPager
from ._base import PropertySubResource
from .models import PropertyDocument

__all__ = ["PropertyDocuments"]

_DictList = list[dict[str, Any]]


class PropertyDocuments(PropertySubResource[PropertyDocument]):
    """``client.property_documents``: ``/properties/{property_id}/documents[/{document_id}]``.

    The sync SDK's names (``list_property_documents``, ``create_property_document``, ``retrieve_property_document``,
    ``update_property_document``, ``delete_property_document``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) take the property id first
    and return :class:`PropertyDocument` models (``raw=True`` for dicts).
    """

    model = PropertyDocument
    sub = "documents"
    id_name = "document_id"

    # ------------------------------------------------------------ uniform verbs

    @overload
    def list(
        self,
        property_id: int,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
        **filters: Any,
    ) -> AsyncPager[PropertyDocument]: ...
    @overload
    def list(
        self,
        property_id: int,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
        **filters: Any,
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        property_id: int,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
        **filters: Any,
    ) -> AsyncPager[PropertyDocument] | AsyncPager[dict[str, Any]]:
        """``GET /properties/{property_id}/documents``, paged by limit/offset."""
        return self._pager_for(
            self._collection(property_id),
            limit=limit,
            offset=offset,
            resume_from=resume_from,
            raw=raw,
            filters=filters,
        )

    @overload
    async def get(
        self, property_id: int, document_id: int, *, raw: Literal[False] = ...
    ) -> PropertyDocument: ...
    @overload
    async def get(
        self, property_id: int, document_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, property_id: int, document_id: int, *, raw: bool = False
    ) -> PropertyDocument | dict[str, Any]:
        """``GET /properties/{property_id}/documents/{document_id}``."""
        return await self._get(self._item(property_id, document_id), raw)

    @overload
    async def create(
        self, property_id: int, data: Mapping[str, Any] | Model, *, raw: Literal[False] = ...
    ) -> PropertyDocument: ...
    @overload
    async def create(
        self, property_id: int, data: Mapping[str, Any] | Model, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def create(
        self, property_id: int, data: Mapping[str, Any] | Model, *, raw: bool = False
    ) -> PropertyDocument | dict[str, Any]:
        """``POST /properties/{property_id}/documents``: ``data`` must be non-empty."""
        return await self._send_body(
            "POST", self._collection(property_id), data, "data", raw
        )

    @overload
    async def update(
        self,
        property_id: int,
        document_id: int,
        data: Mapping[str, Any] | Model,
        *,
        raw: Literal[False] = ...,
    ) -> PropertyDocument: ...
    @overload
    async def update(
        self,
        property_id: int,
        document_id: int,
        data: Mapping[str, Any] | Model,
        *,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def update(
        self,
        property_id: int,
        document_id: int,
        data: Mapping[str, Any] | Model,
        *,
        raw: bool = False,
    ) -> PropertyDocument | dict[str, Any]:
        """``PUT /properties/{property_id}/documents/{document_id}``."""
        return await self._send_body(
            "PUT", self._item(property_id, document_id), data, "data", raw
        )

    async def delete(self, property_id: int, document_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/documents/{document_id}``."""
        return await self._delete(self._item(property_id, document_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_property_documents(
        self, property_id: int, params: Mapping[str, Any] | None = None
    ) -> _DictList:
        """``GET /properties/{property_id}/documents`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._seed_list(self._collection(property_id), params)

    async def create_property_document(
        self, property_id: int, document_data: Mapping[str, Any] | Model
    ) -> dict[str, Any]:
        """``POST /properties/{property_id}/documents``: the created link/object as a dict."""
        return await self._send_body(
            "POST", self._collection(property_id), document_data, "document_data", True
        )

    async def retrieve_property_document(
        self, property_id: int, document_id: int
    ) -> dict[str, Any]:
        """``GET /properties/{property_id}/documents/{document_id}`` as a dict."""
        return await self._get(self._item(property_id, document_id), True)

    async def update_property_document(
        self, property_id: int, document_id: int, document_data: Mapping[str, Any] | Model
    ) -> dict[str, Any]:
        """``PUT /properties/{property_id}/documents/{document_id}``: the updated object as a dict."""
        return await self._send_body(
            "PUT", self._item(property_id, document_id), document_data, "document_data", True
        )

    async def delete_property_document(self, property_id: int, document_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/documents/{document_id}``."""
        return await self._delete(self._item(property_id, document_id))
