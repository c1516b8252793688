"""AI plan tasks of the Sales Agent: ``client.plan_tasks`` (Lofty OpenAPI document, Plan
Tasks)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body
from ...models import Model
from ._resource import LoftyResource
from ._shapes import many_at
from .published_models import PlanTask

__all__ = ["PlanTasks"]


class PlanTasks(LoftyResource):
    """``client.plan_tasks``: the Sales Agent's plan tasks."""

    async def create(self, lead_ids: Sequence[int] | Body) -> Any:
        """``POST /v2.0/plan-tasks/create``: create plan tasks for up to 100 leads already
        in the Sales Agent's working pool (BatchCreatePlanTaskRequestV2 ``leadIds``);
        answers the succeeded and failed lead ids under ``data``."""
        if isinstance(lead_ids, (Mapping, Model)):
            body = require_non_empty(lead_ids, name="lead_ids")
        else:
            body = {"leadIds": list(lead_ids)}
        return await self._request("POST", "/v2.0/plan-tasks/create", json=body)

    @overload
    async def list(self, lead_id: int, *, raw: Literal[False] = ...) -> list[PlanTask]: ...
    @overload
    async def list(self, lead_id: int, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def list(
        self, lead_id: int, *, raw: bool = False
    ) -> list[PlanTask] | list[dict[str, Any]]:
        """``GET /v2.0/plan-tasks/lead/{leadId}``: a lead's plan tasks (a JSON array)."""
        data = await self._request("GET", self._path("/v2.0/plan-tasks/lead/{}", lead_id))
        return many_at(PlanTask, data, raw=raw)
