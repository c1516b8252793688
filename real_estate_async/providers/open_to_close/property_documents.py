"""Documents of a property."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._property_resource import PropertyResource
from .models import PropertyDocument

__all__ = ["PropertyDocuments"]


class PropertyDocuments(PropertyResource[PropertyDocument]):
    """``client.property_documents``: ``/properties/{property_id}/documents[/{document_id}]``.

    The uniform verbs (``list``, ``get``, ``create``, ``update``, ``delete``) take the
    property id first and return :class:`PropertyDocument` models (``raw=True`` for dicts); the
    sync SDK's names (``list_property_documents``, ``create_property_document``,
    ``retrieve_property_document``, ``update_property_document``, ``delete_property_document``)
    return plain dicts as it did. ``list`` and ``create`` are on the base class.
    """

    model = PropertyDocument
    sub = "documents"
    id_name = "document_id"

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
        return await self._get_item(property_id, document_id, raw)

    @overload
    async def update(
        self, property_id: int, document_id: int, data: Body, *, raw: Literal[False] = ...
    ) -> PropertyDocument: ...
    @overload
    async def update(
        self, property_id: int, document_id: int, data: Body, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, property_id: int, document_id: int, data: Body, *, raw: bool = False
    ) -> PropertyDocument | dict[str, Any]:
        """``PUT /properties/{property_id}/documents/{document_id}``."""
        return await self._put_item(property_id, document_id, data, "data", raw)

    async def delete(self, property_id: int, document_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/documents/{document_id}``."""
        return await self._delete_item(property_id, document_id)

    # ---------------------------------------------------- the sync SDK's names

    async def list_property_documents(
        self, property_id: int, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """``GET /properties/{property_id}/documents`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_dicts(property_id, params)

    async def create_property_document(
        self, property_id: int, document_data: Body
    ) -> dict[str, Any]:
        """``POST /properties/{property_id}/documents``: the created link/object as a dict."""
        return await self._create_dict(property_id, document_data, "document_data")

    async def retrieve_property_document(
        self, property_id: int, document_id: int
    ) -> dict[str, Any]:
        """``GET /properties/{property_id}/documents/{document_id}`` as a dict."""
        return await self._get_item(property_id, document_id, True)

    async def update_property_document(
        self, property_id: int, document_id: int, document_data: Body
    ) -> dict[str, Any]:
        """``PUT /properties/{property_id}/documents/{document_id}``: the updated object as a dict."""
        return await self._put_item(property_id, document_id, document_data, "document_data", True)

    #: ``DELETE /properties/{property_id}/documents/{document_id}``, as :meth:`delete`.
    delete_property_document = delete
