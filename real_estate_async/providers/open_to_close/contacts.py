"""Contacts: clients, leads and other people."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._resource import CollectionResource
from .models import Contact

__all__ = ["Contacts"]

_DictList = list[dict[str, Any]]


class Contacts(CollectionResource[Contact]):
    """``client.contacts``: ``/contacts`` and ``/contacts/{contact_id}``.

    The sync SDK's names (``list_contacts``, ``create_contact``, ``retrieve_contact``,
    ``update_contact``, ``delete_contact``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) return :class:`Contact`
    models (``raw=True`` for dicts).
    """

    model = Contact
    collection = "/contacts"
    id_name = "contact_id"

    # ------------------------------- uniform verbs (list and create: on the base class)

    @overload
    async def get(self, contact_id: int, *, raw: Literal[False] = ...) -> Contact: ...
    @overload
    async def get(self, contact_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, contact_id: int, *, raw: bool = False) -> Contact | dict[str, Any]:
        """``GET /contacts/{contact_id}``."""
        return await self._get(self._item(contact_id), raw)

    @overload
    async def update(
        self, contact_id: int, data: Body, *, raw: Literal[False] = ...
    ) -> Contact: ...
    @overload
    async def update(
        self, contact_id: int, data: Body, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, contact_id: int, data: Body, *, raw: bool = False
    ) -> Contact | dict[str, Any]:
        """``PUT /contacts/{contact_id}`` with the fields to change."""
        return await self._send_body("PUT", self._item(contact_id), data, "data", raw)

    async def delete(self, contact_id: int) -> dict[str, Any]:
        """``DELETE /contacts/{contact_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(contact_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_contacts(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /contacts`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_as_dicts(self.collection, params)

    async def create_contact(self, contact_data: Body) -> dict[str, Any]:
        """``POST /contacts``: the created contact as a dict."""
        return await self._send_body("POST", self.collection, contact_data, "contact_data", True)

    async def retrieve_contact(self, contact_id: int) -> dict[str, Any]:
        """``GET /contacts/{contact_id}`` as a dict."""
        return await self._get(self._item(contact_id), True)

    async def update_contact(self, contact_id: int, contact_data: Body) -> dict[str, Any]:
        """``PUT /contacts/{contact_id}``: the updated contact as a dict."""
        return await self._send_body(
            "PUT", self._item(contact_id), contact_data, "contact_data", True
        )

    async def delete_contact(self, contact_id: int) -> dict[str, Any]:
        """``DELETE /contacts/{contact_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(contact_id))
