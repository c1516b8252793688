"""Lofty calls and call histories: ``client.calls``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import items_in, model_parser
from ...pagination import AsyncPager, OffsetLimit
from ._resource import (
    LoftyResource,
)
from ._shapes import object_at
from .models import Call
from .published_models import CallRecordingUrl

__all__ = ["Calls"]


class Calls(LoftyResource):
    """``client.calls`` (5.2)."""

    @overload
    async def recording_url(
        self, call_id: int, *, raw: Literal[False] = ...
    ) -> CallRecordingUrl: ...
    @overload
    async def recording_url(self, call_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def recording_url(
        self, call_id: int, *, raw: bool = False
    ) -> CallRecordingUrl | dict[str, Any]:
        """``GET /v1.0/call/url/{callId}``: a temporary download URL of the call's
        recording (``url`` is empty when there is none), unwrapped from ``calls`` (Lofty
        OpenAPI document, CallUrlResponse)."""
        data = await self._request("GET", self._path("/call/url/{}", call_id))
        return object_at(CallRecordingUrl, data, "calls", raw=raw)

    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Call]: ...
    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        lead_id: int | None = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Call] | AsyncPager[dict[str, Any]]:
        """``GET /calls``: calls (optionally of one lead), offset/limit pages until
        ``_metadata.total`` (CallListResponse)."""
        return self._pager(
            "GET", "/calls",
            OffsetLimit(items=items_in("calls"), limit=limit, offset=offset,
                        total_path=("_metadata", "total")),
            params={"leadId": lead_id}, parse=model_parser(Call, raw),
            resume_from=resume_from, concurrency=concurrency,
        )  # fmt: skip

    @overload
    async def get(self, call_id: int, *, raw: Literal[False] = ...) -> Call: ...
    @overload
    async def get(self, call_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, call_id: int, *, raw: bool = False) -> Call | dict[str, Any]:
        """``GET /calls/{callId}``: one call (``{"calls": {...}}`` in the Lofty OpenAPI
        document, CallDetailResponse)."""
        data = await self._request("GET", self._path("/calls/{}", call_id))
        return self._one(Call, data, "calls", "call", raw=raw)
