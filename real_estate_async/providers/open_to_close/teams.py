"""Teams."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...models import Model
from ...pagination import AsyncPager
from ._base import CollectionResource
from .models import Team

__all__ = ["Teams"]

_DictList = list[dict[str, Any]]


class Teams(CollectionResource):
    """``client.teams``: ``/teams`` and ``/teams/{team_id}``.

    The sync SDK's names (``list_teams``, ``create_team``, ``retrieve_team``,
    ``update_team``, ``delete_team``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) return :class:`Team`
    models (``raw=True`` for dicts).
    """

    model = Team
    collection = "/teams"
    id_name = "team_id"

    # ------------------------------------------------------------ uniform verbs

    def list(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
        **filters: Any,
    ) -> AsyncPager[Team]:
        """``GET /teams``: every team matching ``filters``, paged by limit/offset."""
        return self._pager_for(
            self.collection,
            limit=limit,
            offset=offset,
            resume_from=resume_from,
            raw=raw,
            filters=filters,
        )

    async def get(self, team_id: int, *, raw: bool = False) -> Team:
        """``GET /teams/{team_id}``."""
        return await self._get(self._item(team_id), raw)  # type: ignore[no-any-return]

    async def create(self, data: Mapping[str, Any] | Model, *, raw: bool = False) -> Team:
        """``POST /teams``: ``data`` must be a non-empty dict or model."""
        return await self._send_body(  # type: ignore[no-any-return]
            "POST", self.collection, data, "data", raw
        )

    async def update(
        self, team_id: int, data: Mapping[str, Any] | Model, *, raw: bool = False
    ) -> Team:
        """``PUT /teams/{team_id}`` with the fields to change."""
        return await self._send_body(  # type: ignore[no-any-return]
            "PUT", self._item(team_id), data, "data", raw
        )

    async def delete(self, team_id: int) -> dict[str, Any]:
        """``DELETE /teams/{team_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(team_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_teams(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /teams`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._seed_list(self.collection, params)

    async def create_team(self, team_data: Mapping[str, Any] | Model) -> dict[str, Any]:
        """``POST /teams``: the created team as a dict."""
        return await self._send_body(  # type: ignore[no-any-return]
            "POST", self.collection, team_data, "team_data", True
        )

    async def retrieve_team(self, team_id: int) -> dict[str, Any]:
        """``GET /teams/{team_id}`` as a dict."""
        return await self._get(self._item(team_id), True)  # type: ignore[no-any-return]

    async def update_team(
        self, team_id: int, team_data: Mapping[str, Any] | Model
    ) -> dict[str, Any]:
        """``PUT /teams/{team_id}``: the updated team as a dict."""
        return await self._send_body(  # type: ignore[no-any-return]
            "PUT", self._item(team_id), team_data, "team_data", True
        )

    async def delete_team(self, team_id: int) -> dict[str, Any]:
        """``DELETE /teams/{team_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(team_id))
