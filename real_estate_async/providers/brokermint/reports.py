"""``/reports``: list, data, filters."""

from __future__ import annotations

import builtins
from typing import Any, Literal, overload

from ...pagination import AsyncPager
from ._resource import BrokermintResource
from .models import Report, ReportFilter

__all__ = ["Reports"]


class Reports(BrokermintResource):
    def _id(self, value: Any, name: str) -> Any:
        return value  # report ids are names such as ``agents_profile``, not integers

    @overload
    def list(self, *, raw: Literal[False] = ...) -> AsyncPager[Report]: ...
    @overload
    def list(self, *, raw: Literal[True]) -> AsyncPager[dict[str, Any]]: ...
    def list(self, *, raw: bool = False) -> AsyncPager[Report] | AsyncPager[dict[str, Any]]:
        """``GET /reports``: the reports of the account (ids are names like
        ``agents_profile``)."""
        return self._whole("/reports", Report, raw=raw)

    async def data(
        self, report_id: str, *, timezone: str | int | None = None, **filters: Any
    ) -> builtins.list[dict[str, Any]]:
        """``GET /reports/{id}``: the report rows as dicts (columns vary per report).

        Every keyword but ``timezone`` is a filter ``column=value``, with values from
        :meth:`filters` (``expiration_date="0-1475539199999"``); lists go comma-separated.
        """
        path = self._path("/reports/{}", report_id, names=("report_id",))
        params: dict[str, Any] = {"timezone": timezone}
        for key, value in filters.items():
            if isinstance(value, (list, tuple, set)):
                value = ",".join(str(v) for v in value)
            params[key] = value
        rows = await self._request("GET", path, params=params)
        return list(rows) if isinstance(rows, list) else [rows] if rows else []

    @overload
    def filters(self, report_id: str, *, raw: Literal[False] = ...) -> AsyncPager[ReportFilter]: ...
    @overload
    def filters(self, report_id: str, *, raw: Literal[True]) -> AsyncPager[dict[str, Any]]: ...
    def filters(
        self, report_id: str, *, raw: bool = False
    ) -> AsyncPager[ReportFilter] | AsyncPager[dict[str, Any]]:
        """``GET /reports/{id}/filters``: the filter columns and their options."""
        path = self._path("/reports/{}/filters", report_id, names=("report_id",))
        return self._whole(path, ReportFilter, raw=raw)
