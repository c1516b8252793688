"""Lofty lead routing rules and assignable members: ``client.lead_routing``."""

from __future__ import annotations

from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body
from ._resource import (
    LoftyResource,
    RoutingType,
    routing_type,
)
from .models import (
    AssignMember,
    AssignRole,
    RoutingRule,
    SupplementRoutingRule,
)

__all__ = ["LeadRouting"]


class LeadRouting(LoftyResource):
    """``client.lead_routing`` (5.4). ``type`` is the routing type: 1 AGENT_LEAD,
    2 LENDER_LEAD, 4 ASSISTANT_LEAD (``RoutingType``); ``role_id`` is required by Lofty
    when the type is 4."""

    @overload
    async def members(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[False] = ...
    ) -> list[AssignMember]: ...
    @overload
    async def members(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[True]
    ) -> list[dict[str, Any]]: ...
    async def members(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: bool = False
    ) -> list[AssignMember] | list[dict[str, Any]]:
        """``GET /routing/member/list/{type}``: members leads can be assigned to."""
        data = await self._request(
            "GET", self._path("/routing/member/list/{}", routing_type(type)),
            params={"roleId": role_id},
        )  # fmt: skip
        return self._many(AssignMember, data, "data", "members", raw=raw)

    @overload
    async def roles(self, *, raw: Literal[False] = ...) -> list[AssignRole]: ...
    @overload
    async def roles(self, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def roles(self, *, raw: bool = False) -> list[AssignRole] | list[dict[str, Any]]:
        """``GET /routing/role/list``: roles leads can be assigned to."""
        data = await self._request("GET", "/routing/role/list")
        return self._many(AssignRole, data, "data", "roles", raw=raw)

    @overload
    async def rules(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[False] = ...
    ) -> list[RoutingRule]: ...
    @overload
    async def rules(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[True]
    ) -> list[dict[str, Any]]: ...
    async def rules(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: bool = False
    ) -> list[RoutingRule] | list[dict[str, Any]]:
        """``GET /routing/rule/list/{type}``: the routing rules."""
        data = await self._request(
            "GET", self._path("/routing/rule/list/{}", routing_type(type)),
            params={"roleId": role_id},
        )  # fmt: skip
        return self._many(RoutingRule, data, "data", "rules", raw=raw)

    @overload
    async def default_rule(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[False] = ...
    ) -> SupplementRoutingRule: ...
    @overload
    async def default_rule(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def default_rule(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: bool = False
    ) -> SupplementRoutingRule | dict[str, Any]:
        """``GET /routing/rule/supplement/{type}``: the default (supplement) rule."""
        data = await self._request(
            "GET", self._path("/routing/rule/supplement/{}", routing_type(type)),
            params={"roleId": role_id},
        )  # fmt: skip
        return self._one(SupplementRoutingRule, data, "data", bare=True, raw=raw)

    async def update_default_rule(self, type: RoutingType | int, rule: Body) -> Any:
        """``PUT /routing/rule/supplement/{type}``: edit the default rule
        (SupplementRoutingRuleRequest)."""
        return await self._request(
            "PUT", self._path("/routing/rule/supplement/{}", routing_type(type)),
            json=require_non_empty(rule, name="rule"),
        )  # fmt: skip

    async def update_rule(self, type: RoutingType | int, rule: Body) -> Any:
        """``PUT /routing/rule/{type}``: edit a routing rule (RoutingRuleRequest:
        ``id``, ``activeHours``, ``routingStrategy``)."""
        return await self._request(
            "PUT", self._path("/routing/rule/{}", routing_type(type)),
            json=require_non_empty(rule, name="rule"),
        )  # fmt: skip
