"""Lofty custom log types: ``client.log_types``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body, items_in, model_parser
from ...pagination import AsyncPager, CurrentId
from ._resource import (
    HISTORY_MAX_LIMIT,
    LoftyResource,
    history_limit,
)
from .models import LogType

__all__ = ["LogTypes"]


class LogTypes(LoftyResource):
    """``client.log_types`` (5.16): logged calls, emails and texts."""

    async def create(self, log: Body) -> Any:
        """``POST /logType``: log a call, email or text (LogTypeRequest: ``logType`` is
        logCall, logEmail or logText)."""
        return await self._request("POST", "/logType", json=require_non_empty(log, name="log"))

    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        log_type: str | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[LogType]: ...
    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        log_type: str | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        lead_id: int | None = None,
        log_type: str | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[LogType] | AsyncPager[dict[str, Any]]:
        """``GET /logType``: logged calls/emails/texts (``log_type`` logCall, logEmail or
        logText), pages by ``currentId``, up to 1000 a page. Items under ``logType``
        (Lofty OpenAPI document, LogTypeListResponse) or a bare array (API reference)."""
        strategy = CurrentId(
            items=items_in("logType", "data", "list"),
            size=history_limit(limit),
            start_id=current_id,
        )
        return self._pager(
            "GET", "/logType", strategy, params={"leadId": lead_id, "logType": log_type},
            parse=model_parser(LogType, raw), resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def get(self, log_type_id: int, *, raw: Literal[False] = ...) -> LogType: ...
    @overload
    async def get(self, log_type_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, log_type_id: int, *, raw: bool = False) -> LogType | dict[str, Any]:
        """``GET /logType/{logTypeId}``: one logged call/email/text."""
        data = await self._request("GET", self._path("/logType/{}", log_type_id))
        return self._one(LogType, data, "logType", raw=raw)

    async def delete(self, log_type_id: int) -> Any:
        """``DELETE /logType/{logTypeId}``."""
        return await self._request("DELETE", self._path("/logType/{}", log_type_id))
