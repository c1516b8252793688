"""Properties (transaction files)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._resource import CollectionResource
from .models import Property

__all__ = ["Properties"]

_DictList = list[dict[str, Any]]


class Properties(CollectionResource[Property]):
    """``client.properties``: ``/properties`` and ``/properties/{property_id}``.

    The sync SDK's names (``list_properties``, ``create_property``, ``retrieve_property``,
    ``update_property``, ``delete_property``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) return :class:`Property`
    models (``raw=True`` for dicts).
    """

    model = Property
    collection = "/properties"
    id_name = "property_id"

    # ------------------------------- uniform verbs (list and create: on the base class)

    @overload
    async def get(self, property_id: int, *, raw: Literal[False] = ...) -> Property: ...
    @overload
    async def get(self, property_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, property_id: int, *, raw: bool = False) -> Property | dict[str, Any]:
        """``GET /properties/{property_id}``."""
        return await self._get(self._item(property_id), raw)

    @overload
    async def update(
        self, property_id: int, data: Body, *, raw: Literal[False] = ...
    ) -> Property: ...
    @overload
    async def update(
        self, property_id: int, data: Body, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, property_id: int, data: Body, *, raw: bool = False
    ) -> Property | dict[str, Any]:
        """``PUT /properties/{property_id}`` with the fields to change."""
        return await self._send_body("PUT", self._item(property_id), data, "data", raw)

    async def delete(self, property_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(property_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_properties(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /properties`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_as_dicts(self.collection, params)

    async def create_property(self, property_data: Body) -> dict[str, Any]:
        """``POST /properties``: the created property as a dict."""
        return await self._send_body("POST", self.collection, property_data, "property_data", True)

    async def retrieve_property(self, property_id: int) -> dict[str, Any]:
        """``GET /properties/{property_id}`` as a dict."""
        return await self._get(self._item(property_id), True)

    async def update_property(self, property_id: int, property_data: Body) -> dict[str, Any]:
        """``PUT /properties/{property_id}``: the updated property as a dict."""
        return await self._send_body(
            "PUT", self._item(property_id), property_data, "property_data", True
        )

    async def delete_property(self, property_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(property_id))
