"""Lofty listings and sold listings: ``client.listings``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._params import body_of
from ..._resource import Body, items_in, model_parser
from ...pagination import AsyncPager, NextPageKey, NumberedPages
from ._resource import (
    LoftyResource,
    in_range,
)
from ._shapes import list_at
from .models import (
    Listing,
)
from .published_models import ListingItem

__all__ = ["Listings"]

#: ``pageSize`` of ``POST /v2.0/listings/search`` ("1-100").
SEARCH_MAX_PAGE_SIZE = 100

#: Query names of the listing filters, in the order of the methods' keyword arguments.
_FILTERS = (
    "agentListings", "buildingAddress", "buildingName", "listingId", "mlsListingIds",
    "officeListings", "showCondition", "soldListingId", "street", "userId",
)  # fmt: skip


class Listings(LoftyResource):
    """``client.listings`` (5.15)."""

    async def published(self, type: str | None = None) -> str:
        """``GET /getPublishedListings``: published listings as XML text (``type`` is
        LuxVT, AptCom or AllOnMarket)."""
        data = await self._request(
            "GET", "/getPublishedListings", params={"type": type},
            headers={"Accept": "application/xml"},
        )  # fmt: skip
        return data if isinstance(data, str) else str(data)

    @overload
    def list(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Listing]: ...
    @overload
    def list(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Listing] | AsyncPager[dict[str, Any]]:
        """``GET /listing``: listings (of ``user_id``), following ``nextPageKey`` until
        Lofty returns none."""
        filters = (
            agent_listings, building_address, building_name, listing_id, mls_listing_ids,
            office_listings, show_condition, sold_listing_id, street, user_id,
        )  # fmt: skip
        strategy = NextPageKey(items=items_in("listings", "data"), size=limit)
        return self._listings(filters, strategy, resume_from, raw)

    @overload
    def list_sold(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Listing]: ...
    @overload
    def list_sold(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list_sold(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Listing] | AsyncPager[dict[str, Any]]:
        """``GET /listing``, sold listings: items under ``soldListings``, following
        ``soldNextPageKey`` (sent back as the ``soldNextPageKey`` parameter)."""
        strategy = NextPageKey(
            items=items_in("soldListings"),
            token_path=("soldNextPageKey",),
            token_param="soldNextPageKey",
            size=limit,
        )
        filters = (
            agent_listings, building_address, building_name, listing_id, mls_listing_ids,
            office_listings, show_condition, sold_listing_id, street, user_id,
        )  # fmt: skip
        return self._listings(filters, strategy, resume_from, raw)

    def _listings(
        self,
        filters: tuple[Any, ...],
        strategy: NextPageKey,
        resume_from: Mapping[str, Any] | None,
        raw: bool,
    ) -> AsyncPager[Listing]:
        params = dict(zip(_FILTERS, filters, strict=True))
        return self._pager(
            "GET", "/listing", strategy, params=params, parse=model_parser(Listing, raw),
            resume_from=resume_from,
        )  # fmt: skip

    @overload
    def search(
        self,
        query: Body | None = None,
        *,
        page_size: int = SEARCH_MAX_PAGE_SIZE,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[ListingItem]: ...
    @overload
    def search(
        self,
        query: Body | None = None,
        *,
        page_size: int = SEARCH_MAX_PAGE_SIZE,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def search(
        self,
        query: Body | None = None,
        *,
        page_size: int = SEARCH_MAX_PAGE_SIZE,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[ListingItem] | AsyncPager[dict[str, Any]]:
        """``POST /v2.0/listings/search``: search listings (ListingQueryRequest:
        ``searchScope``, ``soldFlag``, ``filterConditions``, ``sortFields``,
        ``returnFields``); the body's ``pageNum`` from 1 and ``pageSize`` (1-100) page
        until ``metadata.hasMore`` is false (Lofty OpenAPI document)."""
        body = body_of(query, name="query") or {}
        for key in ("pageNum", "pageSize"):
            body.pop(key, None)  # the pager owns paging
        strategy = NumberedPages(
            items=list_at("listing"),
            page_size=in_range(page_size, 1, SEARCH_MAX_PAGE_SIZE, name="page_size"),
            first_page=1, page_param="pageNum", size_param="pageSize",
            has_more_path=("metadata", "hasMore"),
        )  # fmt: skip
        return self._pager(
            "POST", "/v2.0/listings/search", strategy, json=body, page_in="json",
            parse=model_parser(ListingItem, raw), resume_from=resume_from,
        )  # fmt: skip
