"""Lofty system logs of a lead: ``client.system_logs``."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import items_in, model_parser
from ...pagination import AsyncPager, PageNumber
from ._resource import (
    LoftyResource,
    epoch_ms,
)
from .models import (
    SystemLog,
)

__all__ = ["SystemLogs"]


class SystemLogs(LoftyResource):
    """``client.system_logs`` (5.18)."""

    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        start_time: int | _dt.datetime | None = None,
        end_time: int | _dt.datetime | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[SystemLog]: ...
    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        start_time: int | _dt.datetime | None = None,
        end_time: int | _dt.datetime | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        lead_id: int | None = None,
        start_time: int | _dt.datetime | None = None,
        end_time: int | _dt.datetime | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[SystemLog] | AsyncPager[dict[str, Any]]:
        """``GET /systemLogs``: a lead's system logs between ``start_time`` and
        ``end_time`` (datetimes or epoch ms), ``pageNumber`` from 0 with ``pageSize``,
        until a short page. Items under ``timeLines`` (Lofty OpenAPI document,
        SystemLogPageResponse) or a bare array (API reference)."""
        return self._pager(
            "GET", "/systemLogs",
            PageNumber(items=items_in("timeLines", "data", "systemLogs"), page_size=page_size, first_page=0),
            params={"leadId": lead_id, "startTime": epoch_ms(start_time),
                    "endTime": epoch_ms(end_time)},
            parse=model_parser(SystemLog, raw), resume_from=resume_from,
        )  # fmt: skip
