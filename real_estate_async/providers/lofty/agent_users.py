"""Lofty agents created with a profile: ``client.agent_users``."""

from __future__ import annotations

from typing import Any

from ..._params import require_non_empty
from ..._resource import Body
from ._resource import (
    LoftyResource,
)

__all__ = ["AgentUsers"]


class AgentUsers(LoftyResource):
    """``client.agent_users`` (5.1)."""

    async def create(self, profile: Body) -> Any:
        """``POST /agent/profile/add``: create an agent with a profile (AgentProfile:
        ``accountInfo``, ``workInfo``, ``socialMedias``, ...). Returns Lofty's answer."""
        return await self._request(
            "POST", "/agent/profile/add", json=require_non_empty(profile, name="profile")
        )
