"""Lofty team members and users: ``client.members``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body, items_in, model_parser
from ...pagination import AsyncPager, OffsetLimit
from ._resource import LoftyResource, seq
from .models import Member

__all__ = ["Members"]


class Members(LoftyResource):
    """``client.members`` (5.6): the team's members and users."""

    @overload
    async def me(self, *, raw: Literal[False] = ...) -> Member: ...
    @overload
    async def me(self, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def me(self, *, raw: bool = False) -> Member | dict[str, Any]:
        """``GET /me``: the user the credential belongs to."""
        data = await self._request("GET", "/me")
        return self._one(Member, data, "user", "member", bare=True, raw=raw)

    @overload
    def list(
        self,
        *,
        group_ids: int | Sequence[int] | None = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Member]: ...
    @overload
    def list(
        self,
        *,
        group_ids: int | Sequence[int] | None = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        group_ids: int | Sequence[int] | None = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Member] | AsyncPager[dict[str, Any]]:
        """``GET /members``: team members (of ``group_ids``), offset/limit pages until
        ``_metadata.total`` (MemberListResponse)."""
        return self._pager(
            "GET", "/members",
            OffsetLimit(items=items_in("members"), limit=limit, offset=offset,
                        total_path=("_metadata", "total")),
            params={"groupIds": seq(group_ids)}, parse=model_parser(Member, raw),
            resume_from=resume_from, concurrency=concurrency,
        )  # fmt: skip

    @overload
    async def get_by_account(self, account: str, *, raw: Literal[False] = ...) -> Member: ...
    @overload
    async def get_by_account(self, account: str, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get_by_account(self, account: str, *, raw: bool = False) -> Member | dict[str, Any]:
        """``GET /members/{account}``: a team member by account (email); the email is
        URL-encoded into the path."""
        data = await self._request("GET", self._path("/members/{}", account))
        return self._one(Member, data, "member", "user", bare=True, raw=raw)

    @overload
    async def get_user(self, user_id: int, *, raw: Literal[False] = ...) -> Member: ...
    @overload
    async def get_user(self, user_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get_user(self, user_id: int, *, raw: bool = False) -> Member | dict[str, Any]:
        """``GET /users/{userId}``: a user by id (deprecated by Lofty)."""
        data = await self._request("GET", self._path("/users/{}", user_id))
        return self._one(Member, data, "user", "member", bare=True, raw=raw)

    async def update_user(self, user_id: int, user: Body) -> Any:
        """``PUT /users/{userId}``: edit a user (UserRequest: ``firstName``, ``email``,
        ``timeZoneId``, ``agentInfo``, ...).

        Documented only by the older Lofty API reference, not by Lofty's OpenAPI document.
        """
        return await self._request(
            "PUT", self._path("/users/{}", user_id), json=require_non_empty(user, name="user")
        )
