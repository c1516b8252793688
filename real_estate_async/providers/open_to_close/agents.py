"""Agents (the Open To Close Agents API documentation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._resource import CollectionResource
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

    # ------------------------------- uniform verbs (list and create: on the base class)

    @overload
    async def get(self, agent_id: int, *, raw: Literal[False] = ...) -> Agent: ...
    @overload
    async def get(self, agent_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, agent_id: int, *, raw: bool = False) -> Agent | dict[str, Any]:
        """``GET /agents/{agent_id}``."""
        return await self._get(self._item(agent_id), raw)

    @overload
    async def update(self, agent_id: int, data: Body, *, raw: Literal[False] = ...) -> Agent: ...
    @overload
    async def update(self, agent_id: int, data: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def update(
        self, agent_id: int, data: Body, *, raw: bool = False
    ) -> Agent | dict[str, Any]:
        """``PUT /agents/{agent_id}`` with the fields to change."""
        return await self._send_body("PUT", self._item(agent_id), data, "data", raw)

    async def delete(self, agent_id: int) -> dict[str, Any]:
        """``DELETE /agents/{agent_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(agent_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_agents(self, params: Mapping[str, Any] | None = None) -> _DictList:
        """``GET /agents`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_as_dicts(self.collection, params)

    async def create_agent(self, agent_data: Body) -> dict[str, Any]:
        """``POST /agents``: the created agent as a dict."""
        return await self._send_body("POST", self.collection, agent_data, "agent_data", True)

    async def retrieve_agent(self, agent_id: int) -> dict[str, Any]:
        """``GET /agents/{agent_id}`` as a dict."""
        return await self._get(self._item(agent_id), True)

    async def update_agent(self, agent_id: int, agent_data: Body) -> dict[str, Any]:
        """``PUT /agents/{agent_id}``: the updated agent as a dict."""
        return await self._send_body("PUT", self._item(agent_id), agent_data, "agent_data", True)

    async def delete_agent(self, agent_id: int) -> dict[str, Any]:
        """``DELETE /agents/{agent_id}``: the vendor's confirmation (``{}`` if empty)."""
        return await self._delete(self._item(agent_id))
