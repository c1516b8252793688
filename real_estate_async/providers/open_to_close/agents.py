"""Agents (seed 000)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ...models import Model
from ...pagination import AsyncPager
from ._base import CollectionResource
from .models import Agent

__all__ = ["Agents"]

_DictList = list[dict[str, Any]]


class Agents(CollectionResource[Agent]):
    """``client.agents``: ``/agents`` and ``/agents/{agent_id}``.

    The sync SDK's names (``list_agents``, ``create_agent``, ``retrieve_agent``,
    ``update_agent``, ``delete_agent``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) return :class:`Agent`
    models (``raw=True`` for dicts).
    """

    model = Agent
    collection = "/agents"
    id_name = "agent_id"

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
    ) -> AsyncPager[Agent]: ...
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
    ) -> AsyncPager[Agent] | AsyncPager[dict[str, Any]]:
        """``GET /agents``: every agent matching ``filters``, paged by limit/offset."""
        return self._pager_for(
            self.collection,
            limit=limit,
            offset=offset,
            resume_from=resume_from,
            raw=raw,
            filters=filters,
        )

    @overload
    async def get(self, agent_id: int, *, raw: Literal[False] = ...) -> Agent: ...
    @overload
    async def get(self, agent_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, agent_id: int, *, raw: bool = False) -> Agent | dict[str, Any]:
        """``GET /agents/{agent_id}``."""
        return await self._get(self._item(agent_id), raw)

    @overload
    async def create(self, data: Mapping[str, Any] | Model, *, raw: Literal[False] = ...) -> Agent: ...
    @overload
    async def create(self, data: Mapping[str, Any] | Model, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def create(self, data: Mapping[str, Any] | Model, *, raw: bool = False) -> Agent | dict[str, Any]:
        """``POST /agents``: ``data`` must be a non-empty dict or model."""
        return await self._send_body(
            "POST", self.collection, data, "data", raw
        )

    @overload
    async def update(
        self, agent_id: int, data: Mapping[str, Any] | Model, *, raw: Literal[False] = ...
    ) -> Agent: ...
    @overload
    async def update(
        self, agent_id: int, data: Mapping[str, Any] | Model, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, agent_id: int, data: Mapping[str, Any] | Model, *, raw: bool = False
    ) -> Agent | dict[str, Any]:
        """``PUT /agents/{agent_id}`` with the fields to change."""
        return await self._send_body(
            "PUT", self._item(agent_id), data, "data", raw
        )

    async def delete(self, agent_id: int) -> dict[str, Any]:
        """``DELETE /agents/{agent_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(agent_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_agents(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /agents`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._seed_list(self.collection, params)

    async def create_agent(self, agent_data: Mapping[str, Any] | Model) -> dict[str, Any]:
        """``POST /agents``: the created agent as a dict."""
        return await self._send_body(
            "POST", self.collection, agent_data, "agent_data", True
        )

    async def retrieve_agent(self, agent_id: int) -> dict[str, Any]:
        """``GET /agents/{agent_id}`` as a dict."""
        return await self._get(self._item(agent_id), True)

    async def update_agent(
        self, agent_id: int, agent_data: Mapping[str, Any] | Model
    ) -> dict[str, Any]:
        """``PUT /agents/{agent_id}``: the updated agent as a dict."""
        return await self._send_body(
            "PUT", self._item(agent_id), agent_data, "agent_data", True
        )

    async def delete_agent(self, agent_id: int) -> dict[str, Any]:
        """``DELETE /agents/{agent_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(agent_id))
