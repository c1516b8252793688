"""Lofty v2.0 transactions and their pipelines: ``client.transactions`` (Lofty OpenAPI
document, Transactions V2)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import model_parser
from ...pagination import AsyncPager, NumberedPages
from ._resource import LoftyResource, in_range
from ._shapes import list_at, many_at
from .published_models import TransactionPipeline, TransactionV2

__all__ = ["Transactions"]

#: ``pageSize`` of ``GET /v2.0/transactions`` ("must be between 1 and 100").
TRANSACTIONS_MAX_PAGE_SIZE = 100


class Transactions(LoftyResource):
    """``client.transactions``: the team's transactions across leads (v2.0)."""

    @overload
    def list(
        self,
        *,
        query_key: str | None = None,
        lead_id: int | None = None,
        transaction_type: str | None = None,
        page_size: int = TRANSACTIONS_MAX_PAGE_SIZE,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[TransactionV2]: ...
    @overload
    def list(
        self,
        *,
        query_key: str | None = None,
        lead_id: int | None = None,
        transaction_type: str | None = None,
        page_size: int = TRANSACTIONS_MAX_PAGE_SIZE,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        query_key: str | None = None,
        lead_id: int | None = None,
        transaction_type: str | None = None,
        page_size: int = TRANSACTIONS_MAX_PAGE_SIZE,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[TransactionV2] | AsyncPager[dict[str, Any]]:
        """``GET /v2.0/transactions``: transactions (``transaction_type`` Purchase,
        Listing, Lease, Other or All; Lofty defaults to Purchase), matching ``query_key``
        (name, address or lead name), ``pageNum`` from 0 with ``pageSize`` (1-100), until
        ``totalCount``."""
        strategy = NumberedPages(
            items=list_at("pageData"),
            page_size=in_range(page_size, 1, TRANSACTIONS_MAX_PAGE_SIZE, name="page_size"),
            first_page=0, page_param="pageNum", size_param="pageSize",
            total_path=("totalCount",),
        )  # fmt: skip
        return self._pager(
            "GET", "/v2.0/transactions", strategy,
            params={"queryKey": query_key, "leadId": lead_id,
                    "transactionType": transaction_type},
            parse=model_parser(TransactionV2, raw), resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def pipelines(
        self, *, raw: Literal[False] = ...
    ) -> builtins.list[TransactionPipeline]: ...
    @overload
    async def pipelines(self, *, raw: Literal[True]) -> builtins.list[dict[str, Any]]: ...
    async def pipelines(
        self, *, raw: bool = False
    ) -> builtins.list[TransactionPipeline] | builtins.list[dict[str, Any]]:
        """``GET /v2.0/transactions/pipelines``: transaction pipelines and their stages."""
        data = await self._request("GET", "/v2.0/transactions/pipelines")
        return many_at(TransactionPipeline, data, "pipelines", raw=raw)
