"""Users (accounts)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._resource import CollectionResource
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

    # ------------------------------- uniform verbs (list and create: on the base class)

    @overload
    async def get(self, user_id: int, *, raw: Literal[False] = ...) -> User: ...
    @overload
    async def get(self, user_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, user_id: int, *, raw: bool = False) -> User | dict[str, Any]:
        """``GET /users/{user_id}``."""
        return await self._get(self._item(user_id), raw)

    @overload
    async def update(self, user_id: int, data: Body, *, raw: Literal[False] = ...) -> User: ...
    @overload
    async def update(self, user_id: int, data: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def update(self, user_id: int, data: Body, *, raw: bool = False) -> User | dict[str, Any]:
        """``PUT /users/{user_id}`` with the fields to change."""
        return await self._send_body("PUT", self._item(user_id), data, "data", raw)

    async def delete(self, user_id: int) -> dict[str, Any]:
        """``DELETE /users/{user_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(user_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_users(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /users`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_as_dicts(self.collection, params)

    async def create_user(self, user_data: Body) -> dict[str, Any]:
        """``POST /users``: the created user as a dict."""
        return await self._send_body("POST", self.collection, user_data, "user_data", True)

    async def retrieve_user(self, user_id: int) -> dict[str, Any]:
        """``GET /users/{user_id}`` as a dict."""
        return await self._get(self._item(user_id), True)

    async def update_user(self, user_id: int, user_data: Body) -> dict[str, Any]:
        """``PUT /users/{user_id}``: the updated user as a dict."""
        return await self._send_body("PUT", self._item(user_id), user_data, "user_data", True)

    async def delete_user(self, user_id: int) -> dict[str, Any]:
        """``DELETE /users/{user_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(user_id))
