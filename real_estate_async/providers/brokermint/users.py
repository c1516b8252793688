"""``/users``: list (keyset pages), show, SSO token; create and update from the wider API."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, overload

from ...pagination import AsyncPager
from ._resource import DEFAULT_COUNT, RecordResource
from ._wire import SinceValue, csv_param, flag_param, since_param, wire_body
from .models import SsoToken, User

__all__ = ["USER_KEEP", "Users"]

#: A user PUT replaces ``team``, ``sponsor`` and ``office`` when they are omitted, and
#: requires ``email``, ``first_name`` and ``last_name``: ``update(..., merge=True)`` copies
#: them from the current record.
USER_KEEP = ("team", "sponsor", "office", "email", "first_name", "last_name")
USER_MERGE = {"custom_attributes": "name"}


class Users(RecordResource[User]):
    model = User
    collection = "/users"
    id_name = "user_id"
    merge_keep = USER_KEEP
    merge_lists = USER_MERGE

    @overload
    def list(
        self,
        *,
        created_since: SinceValue | None = None,
        updated_since: SinceValue | None = None,
        full_info: bool = False,
        external_ids: str | Iterable[str] | None = None,
        emails: str | Iterable[str] | None = None,
        active: bool | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[User]: ...
    @overload
    def list(
        self,
        *,
        created_since: SinceValue | None = None,
        updated_since: SinceValue | None = None,
        full_info: bool = False,
        external_ids: str | Iterable[str] | None = None,
        emails: str | Iterable[str] | None = None,
        active: bool | None = None,
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
        active: bool | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[User] | AsyncPager[dict[str, Any]]:
        """``GET /users``: every user, paged by ``count`` + ``starting_from_id``.

        ``active`` (True/False -> 1/0) and ``emails`` come from the vendor's wider API.
        """
        params = {
            "created_since": since_param(created_since, "created_since"),
            "updated_since": since_param(updated_since, "updated_since"),
            "full_info": flag_param(full_info) if full_info else None,
            "external_ids": csv_param(external_ids, "external_ids"),
            "emails": csv_param(emails, "emails"),
            "active": flag_param(active),
        }
        return self._keyset(
            "/users", User, params=params, count=count, resume_from=resume_from, raw=raw
        )

    @overload
    async def get(self, user_id: int, *, raw: Literal[False] = ...) -> User: ...
    @overload
    async def get(self, user_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, user_id: int, *, raw: bool = False) -> User | dict[str, Any]:
        """``GET /users/{id}``."""
        return await self._get_record(user_id, raw)

    @overload
    async def sso_token(self, user_id: int, *, raw: Literal[False] = ...) -> SsoToken: ...
    @overload
    async def sso_token(self, user_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def sso_token(self, user_id: int, *, raw: bool = False) -> SsoToken | dict[str, Any]:
        """``GET /users/{id}/sso_token``: a token that logs the user in
        (``token.login_url``)."""
        path = self._path("/users/{}/sso_token", user_id, names=("user_id",))
        return self._one(SsoToken, await self._request("GET", path), raw=raw)

    @overload
    async def create(
        self,
        data: Mapping[str, Any] | User,
        *,
        send_instructions: bool | None = None,
        raw: Literal[False] = ...,
    ) -> User: ...
    @overload
    async def create(
        self,
        data: Mapping[str, Any] | User,
        *,
        send_instructions: bool | None = None,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def create(
        self,
        data: Mapping[str, Any] | User,
        *,
        send_instructions: bool | None = None,
        raw: bool = False,
    ) -> User | dict[str, Any]:
        """``POST /users`` (vendor's wider API): needs ``email``, ``first_name``,
        ``last_name``; ``send_instructions=True`` mails the welcome instructions."""
        body = wire_body(data)
        missing = [k for k in ("email", "first_name", "last_name") if not body.get(k)]
        if missing:
            raise ValueError(f"a new user needs {', '.join(missing)}")
        params = {"send_instructions": flag_param(send_instructions)}
        data_out = await self._request("POST", "/users", params=params, json=body)
        return self._one(User, data_out, raw=raw)

    @overload
    async def update(
        self,
        user_id: int,
        data: Mapping[str, Any] | User,
        *,
        merge: bool = False,
        raw: Literal[False] = ...,
    ) -> User: ...
    @overload
    async def update(
        self,
        user_id: int,
        data: Mapping[str, Any] | User,
        *,
        merge: bool = False,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def update(
        self,
        user_id: int,
        data: Mapping[str, Any] | User,
        *,
        merge: bool = False,
        raw: bool = False,
    ) -> User | dict[str, Any]:
        """``PUT /users/{id}`` (vendor's wider API).

        PUT **replaces** ``team``, ``sponsor`` and ``office`` (omitted = cleared) and
        requires ``email``, ``first_name``, ``last_name``. ``merge=True`` reads the user
        first and keeps those fields (and custom attributes by ``name``) unless you set them.
        """
        return await self._update_record(user_id, data, merge=merge, raw=raw)
