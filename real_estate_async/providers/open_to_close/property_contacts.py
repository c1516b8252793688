"""Contacts linked to a property (seed 001)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..base import Body
from ._resource import PropertySubResource
from .models import PropertyContact

__all__ = ["PropertyContacts"]

_DictList = list[dict[str, Any]]


class PropertyContacts(PropertySubResource[PropertyContact]):
    """``client.property_contacts``: ``/properties/{property_id}/contacts[/{contact_id}]``.

    The sync SDK's names (``list_property_contacts``, ``create_property_contact``, ``retrieve_property_contact``,
    ``update_property_contact``, ``delete_property_contact``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) take the property id first
    and return :class:`PropertyContact` models (``raw=True`` for dicts).
    """

    model = PropertyContact
    sub = "contacts"
    id_name = "contact_id"

    # ------------------------------- uniform verbs (list and create: on the base class)

    @overload
    async def get(
        self, property_id: int, contact_id: int, *, raw: Literal[False] = ...
    ) -> PropertyContact: ...
    @overload
    async def get(
        self, property_id: int, contact_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, property_id: int, contact_id: int, *, raw: bool = False
    ) -> PropertyContact | dict[str, Any]:
        """``GET /properties/{property_id}/contacts/{contact_id}``."""
        return await self._get(self._item(property_id, contact_id), raw)

    @overload
    async def update(
        self,
        property_id: int,
        contact_id: int,
        data: Body,
        *,
        raw: Literal[False] = ...,
    ) -> PropertyContact: ...
    @overload
    async def update(
        self,
        property_id: int,
        contact_id: int,
        data: Body,
        *,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def update(
        self,
        property_id: int,
        contact_id: int,
        data: Body,
        *,
        raw: bool = False,
    ) -> PropertyContact | dict[str, Any]:
        """``PUT /properties/{property_id}/contacts/{contact_id}``."""
        return await self._send_body("PUT", self._item(property_id, contact_id), data, "data", raw)

    async def delete(self, property_id: int, contact_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/contacts/{contact_id}``."""
        return await self._delete(self._item(property_id, contact_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_property_contacts(
        self, property_id: int, params: Mapping[str, Any] | None = None
    ) -> _DictList:
        """``GET /properties/{property_id}/contacts`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._seed_list(self._collection(property_id), params)

    async def create_property_contact(self, property_id: int, contact_data: Body) -> dict[str, Any]:
        """``POST /properties/{property_id}/contacts``: the created link/object as a dict."""
        return await self._send_body(
            "POST", self._collection(property_id), contact_data, "contact_data", True
        )

    async def retrieve_property_contact(self, property_id: int, contact_id: int) -> dict[str, Any]:
        """``GET /properties/{property_id}/contacts/{contact_id}`` as a dict."""
        return await self._get(self._item(property_id, contact_id), True)

    async def update_property_contact(
        self, property_id: int, contact_id: int, contact_data: Body
    ) -> dict[str, Any]:
        """``PUT /properties/{property_id}/contacts/{contact_id}``: the updated object as a dict."""
        return await self._send_body(
            "PUT", self._item(property_id, contact_id), contact_data, "contact_data", True
        )

    async def delete_property_contact(self, property_id: int, contact_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/contacts/{contact_id}``."""
        return await self._delete(self._item(property_id, contact_id))
