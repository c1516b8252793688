"""Commission plans and their assignment to users (vendor's wider API)."""

from __future__ import annotations

from typing import Any, Literal, overload

from ..._params import positive_int
from ...pagination import AsyncPager
from ._resource import BrokermintResource
from .models import CommissionPlan

__all__ = ["CommissionPlans"]


class CommissionPlans(BrokermintResource):
    @overload
    def list(self, *, raw: Literal[False] = ...) -> AsyncPager[CommissionPlan]: ...
    @overload
    def list(self, *, raw: Literal[True]) -> AsyncPager[dict[str, Any]]: ...
    def list(self, *, raw: bool = False) -> AsyncPager[CommissionPlan] | AsyncPager[dict[str, Any]]:
        """``GET /commission_plans``: the account's commission plans."""
        return self._whole("/commission_plans", CommissionPlan, raw=raw)

    @overload
    def list_for_user(
        self, user_id: int, *, raw: Literal[False] = ...
    ) -> AsyncPager[CommissionPlan]: ...
    @overload
    def list_for_user(self, user_id: int, *, raw: Literal[True]) -> AsyncPager[dict[str, Any]]: ...
    def list_for_user(
        self, user_id: int, *, raw: bool = False
    ) -> AsyncPager[CommissionPlan] | AsyncPager[dict[str, Any]]:
        """``GET /users/{id}/commission_plans``: plans assigned to a user (the sync client
        misspells this path ``commision_plans``; the correct spelling is used here)."""
        path = self._path("/users/{}/commission_plans", user_id, names=("user_id",))
        return self._whole(path, CommissionPlan, raw=raw)

    async def assign(self, user_id: int, plan_id: int) -> Any:
        """``POST /users/{id}/commission_plans`` with ``{"commission_plan_id": plan_id}``."""
        path = self._path("/users/{}/commission_plans", user_id, names=("user_id",))
        body = {"commission_plan_id": positive_int(plan_id, "plan_id")}
        return await self._request("POST", path, json=body)

    async def unassign(self, user_id: int, plan_id: int) -> Any:
        """``DELETE /users/{id}/commission_plans/{plan_id}``."""
        path = self._path(
            "/users/{}/commission_plans/{}", user_id, plan_id, names=("user_id", "plan_id")
        )
        return await self._request("DELETE", path)
