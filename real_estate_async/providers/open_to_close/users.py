"""Users (accounts)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ...models import Model
from ...pagination import AsyncPager
from ._base import CollectionResource
from .models import User

__all__ = ["Users"]

_DictList = list[dict[str, Any]]


class Users(CollectionResource[User]):
    """``client.users``: ``/users`` and ``/users/{user_id}``.

    The sync SDK's names (``list_users``, ``create_user``, ``retrieve_user``,
    ``update_user``, ``delete_user``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) return :class:`User`
    models (``raw=True`` for dicts).
    """

    model = User
    collection = "/users"
    id_name = "user_id"

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
    ) -> AsyncPager[User]: ...
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
    ) -> AsyncPager[User] | AsyncPager[dict[str, Any]]:
        """``GET /users``: every user matching ``filters``, paged by limit/offset."""
        return self._pager_for(
            self.collection,
            limit=limit,
            offset=offset,
            resume_from=resume_from,
            raw=raw,
            filters=filters,
        )

    @overload
    async def get(self, user_id: int, *, raw: Literal[False] = ...) -> User: ...
    @overload
    async def get(self, user_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, user_id: int, *, raw: bool = False) -> User | dict[str, Any]:
        """``GET /users/{user_id}``."""
        return await self._get(self._item(user_id), raw)

    @overload
    async def create(self, data: Mapping[str, Any] | Model, *, raw: Literal[False] = ...) -> User: ...
    @overload
    async def create(self, data: Mapping[str, Any] | Model, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def create(self, data: Mapping[str, Any] | Model, *, raw: bool = False) -> User | dict[str, Any]:
        """``POST /users``: ``data`` must be a non-empty dict or model."""
        return await self._send_body(
            "POST", self.collection, data, "data", raw
        )

    @overload
    async def update(
        self, user_id: int, data: Mapping[str, Any] | Model, *, raw: Literal[False] = ...
    ) -> User: ...
    @overload
    async def update(
        self, user_id: int, data: Mapping[str, Any] | Model, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, user_id: int, data: Mapping[str, Any] | Model, *, raw: bool = False
    ) -> User | dict[str, Any]:
        """``PUT /users/{user_id}`` with the fields to change."""
        return await self._send_body(
            "PUT", self._item(user_id), data, "data", raw
        )

    async def delete(self, user_id: int) -> dict[str, Any]:
        """``DELETE /users/{user_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(user_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_users(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /users`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._seed_list(self.collection, params)

    async def create_user(self, user_data: Mapping[str, Any] | Model) -> dict[str, Any]:
        """``POST /users``: the created user as a dict."""
        return await self._send_body(
            "POST", self.collection, user_data, "user_data", True
        )

    async def retrieve_user(self, user_id: int) -> dict[str, Any]:
        """``GET /users/{user_id}`` as a dict."""
        return await self._get(self._item(user_id), True)

    async def update_user(
        self, user_id: int, user_data: Mapping[str, Any] | Model
    ) -> dict[str, Any]:
        """``PUT /users/{user_id}``: the updated user as a dict."""
        return await self._send_body(
            "PUT", self._item(user_id), user_data, "user_data", True
        )

    async def delete_user(self, user_id: int) -> dict[str, Any]:
        """``DELETE /users/{user_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(user_id))
