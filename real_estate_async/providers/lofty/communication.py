"""Calls (5.2), Communication (5.3), LogType (5.16) and Agent User (5.1)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ...models import Model
from ...pagination import AsyncPager, CurrentId, HasMore, OffsetLimit
from ._common import (
    HISTORY_MAX_LIMIT,
    CommunicationType,
    LoftyResource,
    epoch_ms,
    in_range,
    items_in,
    one,
    parser,
)
from .models import Call, CallHistory, Email, LogType, Text
from .models import Communication as CommunicationItem

__all__ = ["AgentUsers", "Calls", "Communication", "LogTypes"]

Body = Mapping[str, Any] | Model

_DAY_MS = 24 * 3600 * 1000


def _history_limit(limit: int) -> int:
    return in_range(limit, 1, HISTORY_MAX_LIMIT, name="limit")


class AgentUsers(LoftyResource):
    """``client.agent_users`` (5.1)."""

    async def create(self, profile: Body) -> Any:
        """``POST /agent/profile/add``: create an agent with a profile (AgentProfile:
        ``accountInfo``, ``workInfo``, ``socialMedias``, ...). Returns Lofty's answer."""
        return await self._request(
            "POST", "/agent/profile/add", json=require_non_empty(profile, name="profile")
        )


class Calls(LoftyResource):
    """``client.calls`` (5.2)."""

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
            params={"leadId": lead_id}, parse=parser(Call, raw),
            resume_from=resume_from, concurrency=concurrency,
        )  # fmt: skip

    @overload
    async def get(self, call_id: int, *, raw: Literal[False] = ...) -> Call: ...
    @overload
    async def get(self, call_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, call_id: int, *, raw: bool = False) -> Call | dict[str, Any]:
        """``GET /calls/{callId}``: one call."""
        data = await self._request("GET", self._path("/calls/{}", call_id))
        return one(Call, data, "call", raw=raw)


class Communication(LoftyResource):
    """``client.communication`` (5.3): communication by agent and the call, email and
    text histories (``currentId`` pagination)."""

    @overload
    def by_agent(
        self,
        *,
        type: CommunicationType | str | None = None,
        start_time: int | _dt.datetime | None = None,
        end_time: int | _dt.datetime | None = None,
        team_view: bool | None = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[CommunicationItem]: ...
    @overload
    def by_agent(
        self,
        *,
        type: CommunicationType | str | None = None,
        start_time: int | _dt.datetime | None = None,
        end_time: int | _dt.datetime | None = None,
        team_view: bool | None = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def by_agent(
        self,
        *,
        type: CommunicationType | str | None = None,
        start_time: int | _dt.datetime | None = None,
        end_time: int | _dt.datetime | None = None,
        team_view: bool | None = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[CommunicationItem] | AsyncPager[dict[str, Any]]:
        """``POST /agent/communication``: calls, emails or texts (``type`` CALL, EMAIL or
        TEXT) between ``start_time`` and ``end_time`` (datetimes or epoch ms; Lofty allows
        at most 24 hours per query). Pages are asked in the body (offset/limit, limit at
        most 1000) until ``hasMore`` is false."""
        start, end = epoch_ms(start_time), epoch_ms(end_time)
        if start is not None and end is not None:
            if end < start:
                raise ValueError("end_time must not be before start_time")
            if end - start > _DAY_MS:
                raise ValueError("Lofty allows at most 24 hours between start_time and end_time")
        kind = CommunicationType(type).value if type is not None else None
        body = {"type": kind, "startTime": start, "endTime": end, "teamView": team_view}
        return self._pager(
            "POST", "/agent/communication",
            HasMore(items=items_in("pageData"), limit=_history_limit(limit)),
            json={k: v for k, v in body.items() if v is not None}, page_in="json",
            parse=parser(CommunicationItem, raw), resume_from=resume_from,
        )  # fmt: skip

    @overload
    def calls(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Call]: ...
    @overload
    def calls(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def calls(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Call] | AsyncPager[dict[str, Any]]:
        """``GET /communication/call``: call history, pages by ``currentId`` (the id of
        the last call seen), up to 1000 a page; no call is yielded twice."""
        return self._history(
            "/communication/call", Call, lead_id, limit, current_id, resume_from, raw
        )

    @overload
    def calls_v2(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[CallHistory]: ...
    @overload
    def calls_v2(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def calls_v2(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[CallHistory] | AsyncPager[dict[str, Any]]:
        """``GET /communication/call/v2``: call history (CallHistory), by ``currentId``."""
        return self._history(
            "/communication/call/v2", CallHistory, lead_id, limit, current_id, resume_from, raw
        )

    @overload
    def emails(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Email]: ...
    @overload
    def emails(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def emails(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Email] | AsyncPager[dict[str, Any]]:
        """``GET /communication/email``: email history, by ``currentId``."""
        return self._history(
            "/communication/email", Email, lead_id, limit, current_id, resume_from, raw
        )

    @overload
    def texts(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Text]: ...
    @overload
    def texts(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def texts(
        self,
        *,
        lead_id: int | None = None,
        limit: int = HISTORY_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Text] | AsyncPager[dict[str, Any]]:
        """``GET /communication/text``: text history, by ``currentId``."""
        return self._history(
            "/communication/text", Text, lead_id, limit, current_id, resume_from, raw
        )

    def _history(
        self,
        path: str,
        cls: type[Model],
        lead_id: int | None,
        limit: int,
        current_id: int | None,
        resume_from: Mapping[str, Any] | None,
        raw: bool,
    ) -> AsyncPager[Any]:
        strategy = CurrentId(
            items=items_in("data", "list"), size=_history_limit(limit), start_id=current_id
        )
        return self._pager(
            "GET", path, strategy, params={"leadId": lead_id}, parse=parser(cls, raw),
            resume_from=resume_from,
        )  # fmt: skip


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
        logText), pages by ``currentId``, up to 1000 a page."""
        strategy = CurrentId(
            items=items_in("data", "list"), size=_history_limit(limit), start_id=current_id
        )
        return self._pager(
            "GET", "/logType", strategy, params={"leadId": lead_id, "logType": log_type},
            parse=parser(LogType, raw), resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def get(self, log_type_id: int, *, raw: Literal[False] = ...) -> LogType: ...
    @overload
    async def get(self, log_type_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, log_type_id: int, *, raw: bool = False) -> LogType | dict[str, Any]:
        """``GET /logType/{logTypeId}``: one logged call/email/text."""
        data = await self._request("GET", self._path("/logType/{}", log_type_id))
        return one(LogType, data, "logType", raw=raw)

    async def delete(self, log_type_id: int) -> Any:
        """``DELETE /logType/{logTypeId}``."""
        return await self._request("DELETE", self._path("/logType/{}", log_type_id))
