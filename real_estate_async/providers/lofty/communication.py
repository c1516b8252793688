"""Lofty communication histories: ``client.communication`` (calls, texts, emails).

``AgentUsers``, ``Calls`` and ``LogTypes`` moved to modules of their own and are
re-exported here for old imports."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import items_in, model_parser
from ...models import Model
from ...pagination import AsyncPager, CurrentId, HasMore
from ._resource import (
    DAY_MS,
    HISTORY_MAX_LIMIT,
    CommunicationType,
    LoftyResource,
    epoch_ms,
    history_limit,
)
from .agent_users import AgentUsers
from .calls import Calls
from .log_types import LogTypes
from .models import Call, CallHistory, Email, Text
from .models import Communication as CommunicationItem

__all__ = ["AgentUsers", "Calls", "Communication", "LogTypes"]

#: The key wrapping each history's items in the Lofty OpenAPI document
#: (CommunicationCallListResponse, ...V2ListResponse, ...EmailListResponse,
#: ...TextListResponse); the API reference prints bare arrays, also accepted.
_HISTORY_KEYS = {
    "/communication/call": "calls",
    "/communication/call/v2": "calls",
    "/communication/email": "emails",
    "/communication/text": "texts",
}


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
            if end - start > DAY_MS:
                raise ValueError("Lofty allows at most 24 hours between start_time and end_time")
        kind = CommunicationType(type).value if type is not None else None
        body = {"type": kind, "startTime": start, "endTime": end, "teamView": team_view}
        return self._pager(
            "POST", "/agent/communication",
            HasMore(items=items_in("pageData"), limit=history_limit(limit)),
            json={k: v for k, v in body.items() if v is not None}, page_in="json",
            parse=model_parser(CommunicationItem, raw), resume_from=resume_from,
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
            items=items_in(_HISTORY_KEYS[path], "data", "list"),
            size=history_limit(limit),
            start_id=current_id,
        )
        return self._pager(
            "GET", path, strategy, params={"leadId": lead_id}, parse=model_parser(cls, raw),
            resume_from=resume_from,
        )  # fmt: skip
