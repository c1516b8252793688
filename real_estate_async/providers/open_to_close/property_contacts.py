"""Contacts linked to a property."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._property_resource import PropertyResource
from .models import PropertyContact

__all__ = ["PropertyContacts"]


class PropertyContacts(PropertyResource[PropertyContact]):
    """``client.property_contacts``: ``/properties/{property_id}/contacts[/{contact_id}]``.

    The uniform verbs (``list``, ``get``, ``create``, ``update``, ``delete``) take the
    property id first and return :class:`PropertyContact` models (``raw=True`` for dicts); the
    sync SDK's names (``list_property_contacts``, ``create_property_contact``,
    ``retrieve_property_contact``, ``update_property_contact``, ``delete_property_contact``)
    return plain dicts as it did. ``list`` and ``create`` are on the base class.
    """

    model = PropertyContact
    sub = "contacts"
    id_name = "contact_id"

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
        return await self._get_item(property_id, contact_id, raw)

    @overload
    async def update(
        self, property_id: int, contact_id: int, data: Body, *, raw: Literal[False] = ...
    ) -> PropertyContact: ...
    @overload
    async def update(
        self, property_id: int, contact_id: int, data: Body, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, property_id: int, contact_id: int, data: Body, *, raw: bool = False
    ) -> PropertyContact | dict[str, Any]:
        """``PUT /properties/{property_id}/contacts/{contact_id}``."""
        return await self._put_item(property_id, contact_id, data, "data", raw)

    async def delete(self, property_id: int, contact_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/contacts/{contact_id}``."""
        return await self._delete_item(property_id, contact_id)

    # ---------------------------------------------------- the sync SDK's names

    async def list_property_contacts(
        self, property_id: int, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """``GET /properties/{property_id}/contacts`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_dicts(property_id, params)

    async def create_property_contact(self, property_id: int, contact_data: Body) -> dict[str, Any]:
        """``POST /properties/{property_id}/contacts``: the created link/object as a dict."""
        return await self._create_dict(property_id, contact_data, "contact_data")

    async def retrieve_property_contact(self, property_id: int, contact_id: int) -> dict[str, Any]:
        """``GET /properties/{property_id}/contacts/{contact_id}`` as a dict."""
        return await self._get_item(property_id, contact_id, True)

    async def update_property_contact(
        self, property_id: int, contact_id: int, contact_data: Body
    ) -> dict[str, Any]:
        """``PUT /properties/{property_id}/contacts/{contact_id}``: the updated object as a dict."""
        return await self._put_item(property_id, contact_id, contact_data, "contact_data", True)

    #: ``DELETE /properties/{property_id}/contacts/{contact_id}``, as :meth:`delete`.
    delete_property_contact = delete
