"""Contacts: clients, leads and other people."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ...models import Model
from ...pagination import AsyncPager
from ._base import CollectionResource
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

    # ------------------------------------------------------------ uniform verbs

    @overload
    def list(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
        **filters: Any,
    ) -> AsyncPager[Contact]: ...
    @overload
    def list(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
        **filters: Any,
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
        **filters: Any,
    ) -> AsyncPager[Contact] | AsyncPager[dict[str, Any]]:
        """``GET /contacts``: every contact matching ``filters``, paged by limit/offset."""
        return self._pager_for(
            self.collection,
            limit=limit,
            offset=offset,
            resume_from=resume_from,
            raw=raw,
            filters=filters,
        )

    @overload
    async def get(self, contact_id: int, *, raw: Literal[False] = ...) -> Contact: ...
    @overload
    async def get(self, contact_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, contact_id: int, *, raw: bool = False) -> Contact | dict[str, Any]:
        """``GET /contacts/{contact_id}``."""
        return await self._get(self._item(contact_id), raw)

    @overload
    async def create(self, data: Mapping[str, Any] | Model, *, raw: Literal[False] = ...) -> Contact: ...
    @overload
    async def create(self, data: Mapping[str, Any] | Model, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def create(self, data: Mapping[str, Any] | Model, *, raw: bool = False) -> Contact | dict[str, Any]:
        """``POST /contacts``: ``data`` must be a non-empty dict or model."""
        return await self._send_body(
            "POST", self.collection, data, "data", raw
        )

    @overload
    async def update(
        self, contact_id: int, data: Mapping[str, Any] | Model, *, raw: Literal[False] = ...
    ) -> Contact: ...
    @overload
    async def update(
        self, contact_id: int, data: Mapping[str, Any] | Model, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, contact_id: int, data: Mapping[str, Any] | Model, *, raw: bool = False
    ) -> Contact | dict[str, Any]:
        """``PUT /contacts/{contact_id}`` with the fields to change."""
        return await self._send_body(
            "PUT", self._item(contact_id), data, "data", raw
        )

    async def delete(self, contact_id: int) -> dict[str, Any]:
        """``DELETE /contacts/{contact_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(contact_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_contacts(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /contacts`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._seed_list(self.collection, params)

    async def create_contact(self, contact_data: Mapping[str, Any] | Model) -> dict[str, Any]:
        """``POST /contacts``: the created contact as a dict."""
        return await self._send_body(
            "POST", self.collection, contact_data, "contact_data", True
        )

    async def retrieve_contact(self, contact_id: int) -> dict[str, Any]:
        """``GET /contacts/{contact_id}`` as a dict."""
        return await self._get(self._item(contact_id), True)

    async def update_contact(
        self, contact_id: int, contact_data: Mapping[str, Any] | Model
    ) -> dict[str, Any]:
        """``PUT /contacts/{contact_id}``: the updated contact as a dict."""
        return await self._send_body(
            "PUT", self._item(contact_id), contact_data, "contact_data", True
        )

    async def delete_contact(self, contact_id: int) -> dict[str, Any]:
        """``DELETE /contacts/{contact_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(contact_id))
