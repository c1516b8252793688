"""``/transactions/{id}/participants``: the nine contact/user participant operations."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ...pagination import AsyncPager
from ._resource import BrokermintResource
from ._wire import flag_param, wire_body
from .models import Participant

__all__ = ["Participants"]

_TID = ("transaction_id",)


class Participants(BrokermintResource):
    """Participants of a transaction; every method takes the transaction id first."""

    def _params(self, full_info: bool) -> dict[str, Any]:
        return {"full_info": flag_param(full_info) if full_info else None}

    @overload
    def list(
        self, transaction_id: int, *, full_info: bool = False, raw: Literal[False] = ...
    ) -> AsyncPager[Participant]: ...
    @overload
    def list(
        self, transaction_id: int, *, full_info: bool = False, raw: Literal[True]
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, transaction_id: int, *, full_info: bool = False, raw: bool = False
    ) -> AsyncPager[Participant] | AsyncPager[dict[str, Any]]:
        """``GET /transactions/{id}/participants``: users and contacts (one response)."""
        path = self._path("/transactions/{}/participants", transaction_id, names=_TID)
        return self._whole(path, Participant, params=self._params(full_info), raw=raw)

    @overload
    def list_contacts(
        self, transaction_id: int, *, full_info: bool = False, raw: Literal[False] = ...
    ) -> AsyncPager[Participant]: ...
    @overload
    def list_contacts(
        self, transaction_id: int, *, full_info: bool = False, raw: Literal[True]
    ) -> AsyncPager[dict[str, Any]]: ...
    def list_contacts(
        self, transaction_id: int, *, full_info: bool = False, raw: bool = False
    ) -> AsyncPager[Participant] | AsyncPager[dict[str, Any]]:
        """``GET /transactions/{id}/participants/contacts`` (vendor's wider API)."""
        path = self._path("/transactions/{}/participants/contacts", transaction_id, names=_TID)
        return self._whole(path, Participant, params=self._params(full_info), raw=raw)

    @overload
    def list_users(
        self, transaction_id: int, *, full_info: bool = False, raw: Literal[False] = ...
    ) -> AsyncPager[Participant]: ...
    @overload
    def list_users(
        self, transaction_id: int, *, full_info: bool = False, raw: Literal[True]
    ) -> AsyncPager[dict[str, Any]]: ...
    def list_users(
        self, transaction_id: int, *, full_info: bool = False, raw: bool = False
    ) -> AsyncPager[Participant] | AsyncPager[dict[str, Any]]:
        """``GET /transactions/{id}/participants/users`` (vendor's wider API)."""
        path = self._path("/transactions/{}/participants/users", transaction_id, names=_TID)
        return self._whole(path, Participant, params=self._params(full_info), raw=raw)

    async def _get(
        self, kind: str, transaction_id: int, person_id: int, full_info: bool, raw: bool
    ) -> Participant | dict[str, Any]:
        path = self._path(
            f"/transactions/{{}}/participants/{kind}s/{{}}",
            transaction_id,
            person_id,
            names=("transaction_id", f"{kind}_id"),
        )
        data = await self._request("GET", path, params=self._params(full_info))
        return self._one(Participant, data, raw=raw)

    @overload
    async def get_contact(
        self,
        transaction_id: int,
        contact_id: int,
        *,
        full_info: bool = False,
        raw: Literal[False] = ...,
    ) -> Participant: ...
    @overload
    async def get_contact(
        self, transaction_id: int, contact_id: int, *, full_info: bool = False, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get_contact(
        self, transaction_id: int, contact_id: int, *, full_info: bool = False, raw: bool = False
    ) -> Participant | dict[str, Any]:
        """``GET /transactions/{id}/participants/contacts/{contact_id}``."""
        return await self._get("contact", transaction_id, contact_id, full_info, raw)

    @overload
    async def get_user(
        self,
        transaction_id: int,
        user_id: int,
        *,
        full_info: bool = False,
        raw: Literal[False] = ...,
    ) -> Participant: ...
    @overload
    async def get_user(
        self, transaction_id: int, user_id: int, *, full_info: bool = False, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get_user(
        self, transaction_id: int, user_id: int, *, full_info: bool = False, raw: bool = False
    ) -> Participant | dict[str, Any]:
        """``GET /transactions/{id}/participants/users/{user_id}``."""
        return await self._get("user", transaction_id, user_id, full_info, raw)

    async def _create(
        self, kind: str, transaction_id: int, data: Mapping[str, Any] | Participant, raw: bool
    ) -> Participant | dict[str, Any]:
        body = wire_body(data)
        if "id" not in body or "role" not in body:
            raise ValueError(f"a {kind} participant needs 'id' and 'role'")
        path = self._path(f"/transactions/{{}}/participants/{kind}s", transaction_id, names=_TID)
        return self._one(Participant, await self._request("POST", path, json=body), raw=raw)

    @overload
    async def create_contact(
        self,
        transaction_id: int,
        data: Mapping[str, Any] | Participant,
        *,
        raw: Literal[False] = ...,
    ) -> Participant: ...
    @overload
    async def create_contact(
        self, transaction_id: int, data: Mapping[str, Any] | Participant, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def create_contact(
        self, transaction_id: int, data: Mapping[str, Any] | Participant, *, raw: bool = False
    ) -> Participant | dict[str, Any]:
        """``POST /transactions/{id}/participants/contacts``: ``{id, role, owner?,
        preserve_existing_role?}``; setting ``owner`` moves ownership (one owner)."""
        return await self._create("contact", transaction_id, data, raw)

    @overload
    async def create_user(
        self,
        transaction_id: int,
        data: Mapping[str, Any] | Participant,
        *,
        raw: Literal[False] = ...,
    ) -> Participant: ...
    @overload
    async def create_user(
        self, transaction_id: int, data: Mapping[str, Any] | Participant, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def create_user(
        self, transaction_id: int, data: Mapping[str, Any] | Participant, *, raw: bool = False
    ) -> Participant | dict[str, Any]:
        """``POST /transactions/{id}/participants/users``: ``{id, role, owner?,
        preserve_existing_role?}``."""
        return await self._create("user", transaction_id, data, raw)

    async def _update(
        self,
        kind: str,
        transaction_id: int,
        person_id: int,
        data: Mapping[str, Any] | Participant,
        raw: bool,
    ) -> Participant | dict[str, Any]:
        body = wire_body(data)
        body.setdefault("id", person_id)
        path = self._path(
            f"/transactions/{{}}/participants/{kind}s/{{}}",
            transaction_id,
            person_id,
            names=("transaction_id", f"{kind}_id"),
        )
        return self._one(Participant, await self._request("PUT", path, json=body), raw=raw)

    @overload
    async def update_contact(
        self,
        transaction_id: int,
        contact_id: int,
        data: Mapping[str, Any] | Participant,
        *,
        raw: Literal[False] = ...,
    ) -> Participant: ...
    @overload
    async def update_contact(
        self,
        transaction_id: int,
        contact_id: int,
        data: Mapping[str, Any] | Participant,
        *,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def update_contact(
        self,
        transaction_id: int,
        contact_id: int,
        data: Mapping[str, Any] | Participant,
        *,
        raw: bool = False,
    ) -> Participant | dict[str, Any]:
        """``PUT /transactions/{id}/participants/contacts/{contact_id}`` (role, owner)."""
        return await self._update("contact", transaction_id, contact_id, data, raw)

    @overload
    async def update_user(
        self,
        transaction_id: int,
        user_id: int,
        data: Mapping[str, Any] | Participant,
        *,
        raw: Literal[False] = ...,
    ) -> Participant: ...
    @overload
    async def update_user(
        self,
        transaction_id: int,
        user_id: int,
        data: Mapping[str, Any] | Participant,
        *,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def update_user(
        self,
        transaction_id: int,
        user_id: int,
        data: Mapping[str, Any] | Participant,
        *,
        raw: bool = False,
    ) -> Participant | dict[str, Any]:
        """``PUT /transactions/{id}/participants/users/{user_id}`` (role, owner)."""
        return await self._update("user", transaction_id, user_id, data, raw)

    async def delete_contact(self, transaction_id: int, contact_id: int) -> Any:
        """``DELETE /transactions/{id}/participants/contacts/{contact_id}``."""
        path = self._path(
            "/transactions/{}/participants/contacts/{}",
            transaction_id,
            contact_id,
            names=("transaction_id", "contact_id"),
        )
        return await self._request("DELETE", path)

    async def delete_user(self, transaction_id: int, user_id: int) -> Any:
        """``DELETE /transactions/{id}/participants/users/{user_id}``."""
        path = self._path(
            "/transactions/{}/participants/users/{}",
            transaction_id,
            user_id,
            names=("transaction_id", "user_id"),
        )
        return await self._request("DELETE", path)
