"""Leads the AI Sales Agent follows up: ``client.working_leads`` (Lofty OpenAPI document,
Working Leads)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body, model_parser
from ...pagination import AsyncPager, OffsetLimit
from ._resource import LoftyResource, in_range
from ._shapes import list_at, object_at
from .published_models import WorkingLead

__all__ = ["WorkingLeads"]

#: ``limit`` of ``GET /v2.0/working-leads`` ("max 100").
WORKING_LEADS_MAX_LIMIT = 100


class WorkingLeads(LoftyResource):
    """``client.working_leads``: leads the AI Sales Agent is following up."""

    @overload
    def list(
        self,
        *,
        ai_stage: str | None = None,
        sort: str | None = None,
        desc: bool | None = None,
        limit: int = WORKING_LEADS_MAX_LIMIT,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[WorkingLead]: ...
    @overload
    def list(
        self,
        *,
        ai_stage: str | None = None,
        sort: str | None = None,
        desc: bool | None = None,
        limit: int = WORKING_LEADS_MAX_LIMIT,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        ai_stage: str | None = None,
        sort: str | None = None,
        desc: bool | None = None,
        limit: int = WORKING_LEADS_MAX_LIMIT,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[WorkingLead] | AsyncPager[dict[str, Any]]:
        """``GET /v2.0/working-leads``: working leads (``ai_stage`` HIGH_PRIORITY,
        AI_PROSPECTING or AI_MONITORING), offset/limit pages until ``metadata.total``."""
        strategy = OffsetLimit(
            items=list_at("workingLeads"),
            limit=in_range(limit, 1, WORKING_LEADS_MAX_LIMIT, name="limit"),
            offset=offset, total_path=("metadata", "total"),
        )  # fmt: skip
        return self._pager(
            "GET", "/v2.0/working-leads", strategy,
            params={"aiStage": ai_stage, "sort": sort, "desc": desc},
            parse=model_parser(WorkingLead, raw), resume_from=resume_from,
        )  # fmt: skip

    async def add(self, request: Body) -> Any:
        """``POST /v2.0/working-leads/add``: hand leads to the Sales Agent
        (AddWorkingLeadRequestV2)."""
        return await self._request(
            "POST", "/v2.0/working-leads/add", json=require_non_empty(request, name="request")
        )

    @overload
    async def get(self, lead_id: int, *, raw: Literal[False] = ...) -> WorkingLead: ...
    @overload
    async def get(self, lead_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, lead_id: int, *, raw: bool = False) -> WorkingLead | dict[str, Any]:
        """``GET /v2.0/sales-agents/working-lead/{leadId}``: one working lead."""
        data = await self._request("GET", self._path("/v2.0/sales-agents/working-lead/{}", lead_id))
        return object_at(WorkingLead, data, raw=raw)

    async def mute(self, lead_id: int) -> Any:
        """``PUT /v2.0/sales-agents/working-lead/{leadId}/mute``: stop the Sales Agent
        following a lead."""
        return await self._request(
            "PUT", self._path("/v2.0/sales-agents/working-lead/{}/mute", lead_id)
        )
