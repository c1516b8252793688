"""``/contacts``: list (keyset pages), show, create, update, delete."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, overload

from ...pagination import AsyncPager
from ._resource import DEFAULT_COUNT, RecordResource
from ._wire import SinceValue, csv_param, flag_param, since_param, wire_body
from .models import Contact

__all__ = ["CONTACT_MERGE", "Contacts"]

#: Collections a contact PUT replaces; ``update(..., merge=True)`` keeps them.
CONTACT_MERGE = {"custom_attributes": "name"}
#: Required by Brokermint on every contact PUT; filled from the current record on merge.
CONTACT_REQUIRED = ("email",)


class Contacts(RecordResource[Contact]):
    model = Contact
    collection = "/contacts"
    id_name = "contact_id"
    merge_keep = CONTACT_REQUIRED
    merge_lists = CONTACT_MERGE

    @overload
    def list(
        self,
        *,
        created_since: SinceValue | None = None,
        updated_since: SinceValue | None = None,
        full_info: bool = False,
        external_ids: str | Iterable[str] | None = None,
        emails: str | Iterable[str] | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Contact]: ...
    @overload
    def list(
        self,
        *,
        created_since: SinceValue | None = None,
        updated_since: SinceValue | None = None,
        full_info: bool = False,
        external_ids: str | Iterable[str] | None = None,
        emails: str | Iterable[str] | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        created_since: SinceValue | None = None,
        updated_since: SinceValue | None = None,
        full_info: bool = False,
        external_ids: str | Iterable[str] | None = None,
        emails: str | Iterable[str] | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Contact] | AsyncPager[dict[str, Any]]:
        """``GET /contacts``: every contact, paged by ``count`` + ``starting_from_id``.

        ``full_info=True`` sends ``full_info=1`` (full records); ``external_ids`` filters by
        external id (comma-separated on the wire); ``emails`` is from the vendor's wider API.
        """
        params = {
            "created_since": since_param(created_since, "created_since"),
            "updated_since": since_param(updated_since, "updated_since"),
            "full_info": flag_param(full_info) if full_info else None,
            "external_ids": csv_param(external_ids, "external_ids"),
            "emails": csv_param(emails, "emails"),
        }
        return self._keyset(
            "/contacts", Contact, params=params, count=count, resume_from=resume_from, raw=raw
        )

    @overload
    async def get(self, contact_id: int, *, raw: Literal[False] = ...) -> Contact: ...
    @overload
    async def get(self, contact_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, contact_id: int, *, raw: bool = False) -> Contact | dict[str, Any]:
        """``GET /contacts/{id}``."""
        return await self._get_record(contact_id, raw)

    @overload
    async def create(
        self, data: Mapping[str, Any] | Contact, *, raw: Literal[False] = ...
    ) -> Contact: ...
    @overload
    async def create(
        self, data: Mapping[str, Any] | Contact, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def create(
        self, data: Mapping[str, Any] | Contact, *, raw: bool = False
    ) -> Contact | dict[str, Any]:
        """``POST /contacts``."""
        body = wire_body(data)
        return self._one(Contact, await self._request("POST", "/contacts", json=body), raw=raw)

    @overload
    async def update(
        self,
        contact_id: int,
        data: Mapping[str, Any] | Contact,
        *,
        merge: bool = False,
        raw: Literal[False] = ...,
    ) -> Contact: ...
    @overload
    async def update(
        self,
        contact_id: int,
        data: Mapping[str, Any] | Contact,
        *,
        merge: bool = False,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def update(
        self,
        contact_id: int,
        data: Mapping[str, Any] | Contact,
        *,
        merge: bool = False,
        raw: bool = False,
    ) -> Contact | dict[str, Any]:
        """``PUT /contacts/{id}``.

        PUT **replaces** ``custom_attributes`` with the value sent. ``merge=True`` reads the
        contact first, keeps the custom attributes you did not mention (by ``name``) and the
        required ``email``, then writes.
        """
        return await self._update_record(contact_id, data, merge=merge, raw=raw)

    async def delete(self, contact_id: int) -> Any:
        """``DELETE /contacts/{id}``."""
        return await self._delete_record(contact_id)
