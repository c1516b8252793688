"""Lofty v2.0 calendar (tasks and appointments together): ``client.calendar`` (Lofty
OpenAPI document, Calendar V2)."""

from __future__ import annotations

import builtins
import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body, model_parser
from ...pagination import AsyncPager, NumberedPages
from ._resource import LoftyResource, epoch_ms, in_range, seq
from ._shapes import list_at, many_at, object_at
from .published_models import CalendarCreateResult, CalendarItem, MeetingSlot

__all__ = ["Calendar"]

#: ``pageSize`` of ``GET /v2.0/calendar`` ("max 500").
CALENDAR_MAX_PAGE_SIZE = 500


def _iso(value: str | _dt.datetime | None) -> str | None:
    """ISO 8601 with an offset, as the calendar's ``startTime``/``endTime`` want (a naive
    datetime is UTC); a string is sent as given."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)
        return aware.isoformat()
    raise TypeError(f"expected a datetime or an ISO 8601 string, not {value!r}")


class Calendar(LoftyResource):
    """``client.calendar``: the caller's calendar entries (tasks and appointments)."""

    @overload
    def list(
        self,
        *,
        start_time: str | _dt.datetime | None = None,
        end_time: str | _dt.datetime | None = None,
        start_time_ms: int | _dt.datetime | None = None,
        end_time_ms: int | _dt.datetime | None = None,
        lead_id: int | None = None,
        time_zone_code: str | None = None,
        include_finished: bool | None = None,
        sort: str | None = None,
        desc: bool | None = None,
        source_type: int | Sequence[int] | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[CalendarItem]: ...
    @overload
    def list(
        self,
        *,
        start_time: str | _dt.datetime | None = None,
        end_time: str | _dt.datetime | None = None,
        start_time_ms: int | _dt.datetime | None = None,
        end_time_ms: int | _dt.datetime | None = None,
        lead_id: int | None = None,
        time_zone_code: str | None = None,
        include_finished: bool | None = None,
        sort: str | None = None,
        desc: bool | None = None,
        source_type: int | Sequence[int] | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        start_time: str | _dt.datetime | None = None,
        end_time: str | _dt.datetime | None = None,
        start_time_ms: int | _dt.datetime | None = None,
        end_time_ms: int | _dt.datetime | None = None,
        lead_id: int | None = None,
        time_zone_code: str | None = None,
        include_finished: bool | None = None,
        sort: str | None = None,
        desc: bool | None = None,
        source_type: int | Sequence[int] | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[CalendarItem] | AsyncPager[dict[str, Any]]:
        """``GET /v2.0/calendar``: calendar entries in a time range (at least one of
        ``start_time``/``end_time``, ISO 8601, or their ``*_ms`` forms), ``page`` from 0
        with ``pageSize`` (at most 500), until ``data.total``."""
        if (start_time, end_time, start_time_ms, end_time_ms) == (None, None, None, None):
            raise ValueError(
                "Lofty's calendar needs start_time or end_time (or start_time_ms/end_time_ms)"
            )
        strategy = NumberedPages(
            items=list_at("data", "items"),
            page_size=in_range(page_size, 1, CALENDAR_MAX_PAGE_SIZE, name="page_size"),
            first_page=0, page_param="page", size_param="pageSize",
            total_path=("data", "total"),
        )  # fmt: skip
        params = {
            "leadId": lead_id, "startTime": _iso(start_time), "endTime": _iso(end_time),
            "startTimeMs": epoch_ms(start_time_ms), "endTimeMs": epoch_ms(end_time_ms),
            "timeZoneCode": time_zone_code, "includeFinished": include_finished,
            "sort": sort, "desc": desc, "sourceType": seq(source_type),
        }  # fmt: skip
        return self._pager(
            "GET", "/v2.0/calendar", strategy, params=params,
            parse=model_parser(CalendarItem, raw), resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def create(self, entry: Body, *, raw: Literal[False] = ...) -> CalendarCreateResult: ...
    @overload
    async def create(self, entry: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def create(
        self, entry: Body, *, raw: bool = False
    ) -> CalendarCreateResult | dict[str, Any]:
        """``POST /v2.0/calendar``: add a task or appointment (CalendarRequestV2:
        ``type``, ``content``, ``leadId``, ``timeZoneCode`` required); the result (its
        ``id`` carries a type suffix such as ``12345-task``) is unwrapped from ``data``."""
        data = await self._request(
            "POST", "/v2.0/calendar", json=require_non_empty(entry, name="entry")
        )
        return object_at(CalendarCreateResult, data, "data", raw=raw)

    async def update(self, calendar_id: str, entry: Body) -> Any:
        """``PUT /v2.0/calendar/{calendarId}``: edit an entry (CalendarUpdateRequestV2)."""
        return await self._request(
            "PUT", self._path("/v2.0/calendar/{}", calendar_id),
            json=require_non_empty(entry, name="entry"),
        )  # fmt: skip

    async def delete(self, calendar_id: str) -> Any:
        """``DELETE /v2.0/calendar/{calendarId}``."""
        return await self._request("DELETE", self._path("/v2.0/calendar/{}", calendar_id))

    async def finish(self, calendar_id: str) -> Any:
        """``POST /v2.0/calendar/{calendarId}/finish``: mark an entry finished."""
        return await self._request("POST", self._path("/v2.0/calendar/{}/finish", calendar_id))

    async def unfinish(self, calendar_id: str) -> Any:
        """``POST /v2.0/calendar/{calendarId}/unfinish``: mark an entry not finished."""
        return await self._request("POST", self._path("/v2.0/calendar/{}/unfinish", calendar_id))

    @overload
    async def available_meetings(
        self,
        *,
        start_time: str | _dt.datetime | None = None,
        end_time: str | _dt.datetime | None = None,
        start_time_ms: int | _dt.datetime | None = None,
        end_time_ms: int | _dt.datetime | None = None,
        time_zone_code: str | None = None,
        limit: int | None = None,
        raw: Literal[False] = ...,
    ) -> builtins.list[MeetingSlot]: ...
    @overload
    async def available_meetings(
        self,
        *,
        start_time: str | _dt.datetime | None = None,
        end_time: str | _dt.datetime | None = None,
        start_time_ms: int | _dt.datetime | None = None,
        end_time_ms: int | _dt.datetime | None = None,
        time_zone_code: str | None = None,
        limit: int | None = None,
        raw: Literal[True],
    ) -> builtins.list[dict[str, Any]]: ...
    async def available_meetings(
        self,
        *,
        start_time: str | _dt.datetime | None = None,
        end_time: str | _dt.datetime | None = None,
        start_time_ms: int | _dt.datetime | None = None,
        end_time_ms: int | _dt.datetime | None = None,
        time_zone_code: str | None = None,
        limit: int | None = None,
        raw: bool = False,
    ) -> builtins.list[MeetingSlot] | builtins.list[dict[str, Any]]:
        """``GET /v2.0/calendar/meetings/available``: free meeting slots in a range of at
        most 90 days starting in the future (at most ``limit``, ``data.slots``)."""
        data = await self._request(
            "GET", "/v2.0/calendar/meetings/available",
            params={"startTime": _iso(start_time), "endTime": _iso(end_time),
                    "startTimeMs": epoch_ms(start_time_ms), "endTimeMs": epoch_ms(end_time_ms),
                    "timeZoneCode": time_zone_code, "limit": limit},
        )  # fmt: skip
        return many_at(MeetingSlot, data, "data", "slots", raw=raw)
