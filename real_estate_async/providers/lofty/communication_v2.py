"""Lofty v2.0 communication: one call, email or text by id, and the agent's communication
with cursor paging: ``client.communication_v2`` (Lofty OpenAPI document, Communication
V2)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import model_parser
from ...pagination import AsyncPager, NextCursor
from ._resource import HISTORY_MAX_LIMIT, LoftyResource, epoch_ms, history_limit
from ._shapes import list_at, object_at
from .models import Call, Communication, Email, Text

__all__ = ["CommunicationV2"]

#: Longest span of ``GET /v2.0/communication/agent`` ("up to 90 days").
MAX_SPAN_MS = 90 * 24 * 3600 * 1000


class CommunicationV2(LoftyResource):
    """``client.communication_v2``."""

    @overload
    async def get_call(self, communication_id: int, *, raw: Literal[False] = ...) -> Call: ...
    @overload
    async def get_call(self, communication_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get_call(self, communication_id: int, *, raw: bool = False) -> Call | dict[str, Any]:
        """``GET /v2.0/communication/call/{communicationId}``: one call (CallResponse)."""
        data = await self._request(
            "GET", self._path("/v2.0/communication/call/{}", communication_id)
        )
        return object_at(Call, data, raw=raw)

    @overload
    async def get_email(self, communication_id: int, *, raw: Literal[False] = ...) -> Email: ...
    @overload
    async def get_email(self, communication_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get_email(
        self, communication_id: int, *, raw: bool = False
    ) -> Email | dict[str, Any]:
        """``GET /v2.0/communication/email/{communicationId}``: one email (EmailResponse)."""
        data = await self._request(
            "GET", self._path("/v2.0/communication/email/{}", communication_id)
        )
        return object_at(Email, data, raw=raw)

    @overload
    async def get_text(self, communication_id: int, *, raw: Literal[False] = ...) -> Text: ...
    @overload
    async def get_text(self, communication_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get_text(self, communication_id: int, *, raw: bool = False) -> Text | dict[str, Any]:
        """``GET /v2.0/communication/text/{communicationId}``: one text (TextResponse)."""
        data = await self._request(
            "GET", self._path("/v2.0/communication/text/{}", communication_id)
        )
        return object_at(Text, data, raw=raw)

    @overload
    def by_agent(
        self,
        *,
        start_time: int | _dt.datetime,
        end_time: int | _dt.datetime,
        type: str | None = None,
        team_view: bool | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Communication]: ...
    @overload
    def by_agent(
        self,
        *,
        start_time: int | _dt.datetime,
        end_time: int | _dt.datetime,
        type: str | None = None,
        team_view: bool | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def by_agent(
        self,
        *,
        start_time: int | _dt.datetime,
        end_time: int | _dt.datetime,
        type: str | None = None,
        team_view: bool | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Communication] | AsyncPager[dict[str, Any]]:
        """``GET /v2.0/communication/agent``: the caller's (``team_view``: the team's)
        calls, texts and emails (``type`` CALL, TEXT, EMAIL or ALL) between ``start_time``
        and ``end_time`` (at most 90 days apart), ``limit`` 1-1000 a page, following
        ``nextCursor`` (sent back as ``cursor``) until it is null."""
        start, end = epoch_ms(start_time), epoch_ms(end_time)
        if start is None or end is None:
            raise ValueError("start_time and end_time are required")
        if not 0 <= end - start <= MAX_SPAN_MS:
            raise ValueError("end_time must follow start_time by at most 90 days (Lofty's limit)")
        return self._pager(
            "GET", "/v2.0/communication/agent",
            NextCursor(items=list_at("data"), size=history_limit(limit)),
            params={"type": type, "startTime": start, "endTime": end, "teamView": team_view},
            parse=model_parser(Communication, raw), resume_from=resume_from,
        )  # fmt: skip
