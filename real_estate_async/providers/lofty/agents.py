"""Agents of the team: deactivate, reactivate, tag: ``client.agents`` (Lofty OpenAPI
document, Agent)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..._params import require_non_empty
from ..._resource import Body
from ...models import Model
from ._resource import LoftyResource

__all__ = ["Agents"]


class Agents(LoftyResource):
    """``client.agents``: manage the team's agents."""

    async def deactivate(self, agent_id: int) -> Any:
        """``POST /v2.0/agents/{agentId}/deactivate``: release the agent's seat and revoke
        its sessions and tokens (reversible; its leads and data stay)."""
        return await self._request("POST", self._path("/v2.0/agents/{}/deactivate", agent_id))

    async def reactivate(self, agent_id: int) -> Any:
        """``POST /v2.0/agents/{agentId}/reactivate``: undo :meth:`deactivate`."""
        return await self._request("POST", self._path("/v2.0/agents/{}/reactivate", agent_id))

    async def add_tags(
        self, agent_id: int, tag_names: Sequence[str] | Body, *, auto_create: bool | None = None
    ) -> Any:
        """``POST /v1.0/agent/{agentId}/tag/add``: tag an agent (AgentTagRequest: up to 20
        ``tagNames``; ``autoCreate`` creates unknown tags instead of failing)."""
        if isinstance(tag_names, str):
            raise TypeError("tag_names must be a sequence of tag names or an AgentTagRequest")
        if isinstance(tag_names, (Mapping, Model)):
            body = require_non_empty(tag_names, name="tag_names")
        else:
            body = {"tagNames": list(tag_names)}
            if auto_create is not None:
                body["autoCreate"] = auto_create
        return await self._request("POST", self._path("/agent/{}/tag/add", agent_id), json=body)
