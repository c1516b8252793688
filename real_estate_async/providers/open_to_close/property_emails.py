"""Emails of a property."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._property_resource import PropertyResource
from .models import PropertyEmail

__all__ = ["PropertyEmails"]


class PropertyEmails(PropertyResource[PropertyEmail]):
    """``client.property_emails``: ``/properties/{property_id}/emails[/{email_id}]``.

    The uniform verbs (``list``, ``get``, ``create``, ``update``, ``delete``) take the
    property id first and return :class:`PropertyEmail` models (``raw=True`` for dicts); the
    sync SDK's names (``list_property_emails``, ``create_property_email``,
    ``retrieve_property_email``, ``update_property_email``, ``delete_property_email``)
    return plain dicts as it did. ``list`` and ``create`` are on the base class.
    """

    model = PropertyEmail
    sub = "emails"
    id_name = "email_id"

    @overload
    async def get(
        self, property_id: int, email_id: int, *, raw: Literal[False] = ...
    ) -> PropertyEmail: ...
    @overload
    async def get(
        self, property_id: int, email_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, property_id: int, email_id: int, *, raw: bool = False
    ) -> PropertyEmail | dict[str, Any]:
        """``GET /properties/{property_id}/emails/{email_id}``."""
        return await self._get_item(property_id, email_id, raw)

    @overload
    async def update(
        self, property_id: int, email_id: int, data: Body, *, raw: Literal[False] = ...
    ) -> PropertyEmail: ...
    @overload
    async def update(
        self, property_id: int, email_id: int, data: Body, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, property_id: int, email_id: int, data: Body, *, raw: bool = False
    ) -> PropertyEmail | dict[str, Any]:
        """``PUT /properties/{property_id}/emails/{email_id}``."""
        return await self._put_item(property_id, email_id, data, "data", raw)

    async def delete(self, property_id: int, email_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/emails/{email_id}``."""
        return await self._delete_item(property_id, email_id)

    # ---------------------------------------------------- the sync SDK's names

    async def list_property_emails(
        self, property_id: int, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """``GET /properties/{property_id}/emails`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_dicts(property_id, params)

    async def create_property_email(self, property_id: int, email_data: Body) -> dict[str, Any]:
        """``POST /properties/{property_id}/emails``: the created link/object as a dict."""
        return await self._create_dict(property_id, email_data, "email_data")

    async def retrieve_property_email(self, property_id: int, email_id: int) -> dict[str, Any]:
        """``GET /properties/{property_id}/emails/{email_id}`` as a dict."""
        return await self._get_item(property_id, email_id, True)

    async def update_property_email(
        self, property_id: int, email_id: int, email_data: Body
    ) -> dict[str, Any]:
        """``PUT /properties/{property_id}/emails/{email_id}``: the updated object as a dict."""
        return await self._put_item(property_id, email_id, email_data, "email_data", True)

    #: ``DELETE /properties/{property_id}/emails/{email_id}``, as :meth:`delete`.
    delete_property_email = delete
