"""Lofty teams under a broker account: ``client.broker``."""

from __future__ import annotations

from typing import Any

from ..._params import require_non_empty
from ..._resource import Body
from ._resource import (
    LoftyResource,
)

__all__ = ["Broker"]


class Broker(LoftyResource):
    """``client.broker`` (5.14): teams under a broker account."""

    async def create_team(self, team: Body) -> Any:
        """``POST /broker/team``: create a team (BrokerTeam: ``teamName``, admin
        ``email``/``firstName``/``lastName``/``phone``, ``seatLimit``).

        Documented only by the older Lofty API reference, not by Lofty's OpenAPI document.
        """
        return await self._request(
            "POST", "/broker/team", json=require_non_empty(team, name="team")
        )

    async def remove_team(self, team_id: int) -> Any:
        """``DELETE /broker/team/{id}``.

        Documented only by the older Lofty API reference, not by Lofty's OpenAPI document.
        """
        return await self._request("DELETE", self._path("/broker/team/{}", team_id))
