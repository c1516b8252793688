"""Teams."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._resource import CollectionResource
from .models import Team

__all__ = ["Teams"]

_DictList = list[dict[str, Any]]


class Teams(CollectionResource[Team]):
    """``client.teams``: ``/teams`` and ``/teams/{team_id}``.

    The sync SDK's names (``list_teams``, ``create_team``, ``retrieve_team``,
    ``update_team``, ``delete_team``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) return :class:`Team`
    models (``raw=True`` for dicts).
    """

    model = Team
    collection = "/teams"
    id_name = "team_id"

    # ------------------------------- uniform verbs (list and create: on the base class)

    @overload
    async def get(self, team_id: int, *, raw: Literal[False] = ...) -> Team: ...
    @overload
    async def get(self, team_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, team_id: int, *, raw: bool = False) -> Team | dict[str, Any]:
        """``GET /teams/{team_id}``."""
        return await self._get(self._item(team_id), raw)

    @overload
    async def update(self, team_id: int, data: Body, *, raw: Literal[False] = ...) -> Team: ...
    @overload
    async def update(self, team_id: int, data: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def update(self, team_id: int, data: Body, *, raw: bool = False) -> Team | dict[str, Any]:
        """``PUT /teams/{team_id}`` with the fields to change."""
        return await self._send_body("PUT", self._item(team_id), data, "data", raw)

    async def delete(self, team_id: int) -> dict[str, Any]:
        """``DELETE /teams/{team_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(team_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_teams(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /teams`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_as_dicts(self.collection, params)

    async def create_team(self, team_data: Body) -> dict[str, Any]:
        """``POST /teams``: the created team as a dict."""
        return await self._send_body("POST", self.collection, team_data, "team_data", True)

    async def retrieve_team(self, team_id: int) -> dict[str, Any]:
        """``GET /teams/{team_id}`` as a dict."""
        return await self._get(self._item(team_id), True)

    async def update_team(self, team_id: int, team_data: Body) -> dict[str, Any]:
        """``PUT /teams/{team_id}``: the updated team as a dict."""
        return await self._send_body("PUT", self._item(team_id), team_data, "team_data", True)

    async def delete_team(self, team_id: int) -> dict[str, Any]:
        """``DELETE /teams/{team_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(team_id))
