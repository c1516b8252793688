"""Tags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._resource import CollectionResource
from .models import Tag

__all__ = ["Tags"]

_DictList = list[dict[str, Any]]


class Tags(CollectionResource[Tag]):
    """``client.tags``: ``/tags`` and ``/tags/{tag_id}``.

    The sync SDK's names (``list_tags``, ``create_tag``, ``retrieve_tag``,
    ``update_tag``, ``delete_tag``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) return :class:`Tag`
    models (``raw=True`` for dicts).
    """

    model = Tag
    collection = "/tags"
    id_name = "tag_id"

    # ------------------------------- uniform verbs (list and create: on the base class)

    @overload
    async def get(self, tag_id: int, *, raw: Literal[False] = ...) -> Tag: ...
    @overload
    async def get(self, tag_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, tag_id: int, *, raw: bool = False) -> Tag | dict[str, Any]:
        """``GET /tags/{tag_id}``."""
        return await self._get(self._item(tag_id), raw)

    @overload
    async def update(self, tag_id: int, data: Body, *, raw: Literal[False] = ...) -> Tag: ...
    @overload
    async def update(self, tag_id: int, data: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def update(self, tag_id: int, data: Body, *, raw: bool = False) -> Tag | dict[str, Any]:
        """``PUT /tags/{tag_id}`` with the fields to change."""
        return await self._send_body("PUT", self._item(tag_id), data, "data", raw)

    async def delete(self, tag_id: int) -> dict[str, Any]:
        """``DELETE /tags/{tag_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(tag_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_tags(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /tags`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_as_dicts(self.collection, params)

    async def create_tag(self, tag_data: Body) -> dict[str, Any]:
        """``POST /tags``: the created tag as a dict."""
        return await self._send_body("POST", self.collection, tag_data, "tag_data", True)

    async def retrieve_tag(self, tag_id: int) -> dict[str, Any]:
        """``GET /tags/{tag_id}`` as a dict."""
        return await self._get(self._item(tag_id), True)

    async def update_tag(self, tag_id: int, tag_data: Body) -> dict[str, Any]:
        """``PUT /tags/{tag_id}``: the updated tag as a dict."""
        return await self._send_body("PUT", self._item(tag_id), tag_data, "tag_data", True)

    async def delete_tag(self, tag_id: int) -> dict[str, Any]:
        """``DELETE /tags/{tag_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(tag_id))
