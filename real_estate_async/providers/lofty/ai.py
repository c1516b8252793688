"""Lofty AI: insights, lead analyses, call summaries and scripts: ``client.ai`` (Lofty
OpenAPI document, AI)."""

from __future__ import annotations

from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body
from ._resource import LoftyResource
from ._shapes import object_at
from .published_models import CallScript, CallSummary

__all__ = ["AI"]


class AI(LoftyResource):
    """``client.ai``: Lofty's AI operations (most run asynchronously on Lofty's side)."""

    async def prepare_insight(self, request: Body) -> Any:
        """``POST /v2.0/ai/prepare-insight``: generate a prepare insight for a lead
        (GeneratePrepareInsightRequest); answers ``{"code", "message", "data"}``."""
        return await self._request(
            "POST", "/v2.0/ai/prepare-insight", json=require_non_empty(request, name="request")
        )

    async def lead_analyses(
        self, *, page_num: int | None = None, page_size: int | None = None
    ) -> Any:
        """``GET /v2.0/ai/lead-analysis``: one page (``pageNum`` from 1) of the caller's
        lead analysis tasks of the last 3 months; the document leaves the ``data`` payload
        untyped, so the decoded ``{"code", "message", "data"}`` is returned as it is."""
        return await self._request(
            "GET", "/v2.0/ai/lead-analysis", params={"pageNum": page_num, "pageSize": page_size}
        )

    async def create_lead_analysis(self, request: Body) -> Any:
        """``POST /v2.0/ai/lead-analysis``: start an analysis of leads
        (CreateLeadAnalysisRequest ``leadIds``)."""
        return await self._request(
            "POST", "/v2.0/ai/lead-analysis", json=require_non_empty(request, name="request")
        )

    async def generate_call_summary(self, request: Body) -> Any:
        """``POST /v2.0/ai/call-summary/generate``: summarise a recorded call
        (GenerateCallSummaryRequest: ``callRecordId``, ``leadId``)."""
        return await self._request(
            "POST", "/v2.0/ai/call-summary/generate",
            json=require_non_empty(request, name="request"),
        )  # fmt: skip

    @overload
    async def call_summary(
        self, call_record_id: int, *, raw: Literal[False] = ...
    ) -> CallSummary: ...
    @overload
    async def call_summary(self, call_record_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def call_summary(
        self, call_record_id: int, *, raw: bool = False
    ) -> CallSummary | dict[str, Any]:
        """``GET /v2.0/ai/call-summary``: the summary of a call recording (RecordingSummary,
        unwrapped from ``data``)."""
        data = await self._request(
            "GET", "/v2.0/ai/call-summary", params={"callRecordId": call_record_id}
        )
        return object_at(CallSummary, data, "data", raw=raw)

    @overload
    async def call_script(self, request: Body, *, raw: Literal[False] = ...) -> CallScript: ...
    @overload
    async def call_script(self, request: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def call_script(self, request: Body, *, raw: bool = False) -> CallScript | dict[str, Any]:
        """``POST /v2.0/ai/call-script``: a call script for a lead (GenerateCallScriptRequest)."""
        data = await self._request(
            "POST", "/v2.0/ai/call-script", json=require_non_empty(request, name="request")
        )
        return object_at(CallScript, data, raw=raw)
