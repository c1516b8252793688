"""``client.leads``: Lofty API v1.0 reference, section 5.5 (Leads), with activities,
assignment, inquiry, property, transactions and the Brokermint lead/transaction sync."""

from __future__ import annotations

import builtins
import datetime as _dt
from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

from ..._params import body_of, require_non_empty
from ..._resource import Body, items_in, model_parser
from ...models import Model
from ...pagination import AsyncPager, LastItemId, OffsetLimit, PageNumber, ScrollId
from ._resource import (
    LEAD_LIMIT_RANGE,
    LoftyResource,
    in_range,
    lofty_time,
    seq,
)
from ._shapes import list_at
from .models import (
    CustomField,
    Lead,
    LeadActivity,
    LeadAssigneeInfo,
    Transaction,
    TransactionPropertyAddress,
)
from .published_models import ActivityV2

__all__ = ["Leads"]

Strs = str | Sequence[str] | None
Ints = int | Sequence[int] | None

#: ``limit`` of ``GET /v2.0/leads/{leadId}/activities`` ("Page size, 1-1000").
ACTIVITIES_V2_MAX_LIMIT = 1000

_LEADS_ITEMS = items_in("leads")
_TOTAL = ("_metadata", "total")


def _lead_limit(limit: int) -> int:
    return in_range(limit, *LEAD_LIMIT_RANGE, name="limit")


class Leads(LoftyResource):
    """Lead search, CRUD and the lead sub-resources."""

    # ------------------------------------------------------------------ searches

    @overload
    def list(
        self,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        assigned_user_id: int | None = None,
        contacted: bool | None = None,
        desc: bool | None = None,
        email: str | None = None,
        group_ids: Ints = None,
        groups: Strs = None,
        languages: Strs = None,
        phone: str | None = None,
        precise_search_flag: bool | None = None,
        query_sub_group: bool | None = None,
        segment_ids: Ints = None,
        segments: Strs = None,
        sort: str | None = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Lead]: ...
    @overload
    def list(
        self,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        assigned_user_id: int | None = None,
        contacted: bool | None = None,
        desc: bool | None = None,
        email: str | None = None,
        group_ids: Ints = None,
        groups: Strs = None,
        languages: Strs = None,
        phone: str | None = None,
        precise_search_flag: bool | None = None,
        query_sub_group: bool | None = None,
        segment_ids: Ints = None,
        segments: Strs = None,
        sort: str | None = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        assigned_user_id: int | None = None,
        contacted: bool | None = None,
        desc: bool | None = None,
        email: str | None = None,
        group_ids: Ints = None,
        groups: Strs = None,
        languages: Strs = None,
        phone: str | None = None,
        precise_search_flag: bool | None = None,
        query_sub_group: bool | None = None,
        segment_ids: Ints = None,
        segments: Strs = None,
        sort: str | None = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Lead] | AsyncPager[dict[str, Any]]:
        """``GET /leads``: search leads, offset/limit pages until ``_metadata.total``.

        ``limit`` is Lofty's documented range [1, 100]. Lists are sent as repeated keys
        (``anyTags=a&anyTags=b``). With ``concurrency > 1`` later pages are fetched ahead.
        For a bulk export prefer :meth:`scroll` (no deep offsets).
        """
        params = self._search_params(
            all_tags=all_tags, any_tags=any_tags, assigned_user_id=assigned_user_id,
            contacted=contacted, desc=desc, email=email, group_ids=group_ids, groups=groups,
            languages=languages, phone=phone, precise_search_flag=precise_search_flag,
            query_sub_group=query_sub_group, segment_ids=segment_ids, segments=segments,
            sort=sort, source=source, stage=stage,
        )  # fmt: skip
        strategy = OffsetLimit(
            items=_LEADS_ITEMS, limit=_lead_limit(limit), offset=offset, total_path=_TOTAL
        )
        return self._pager(
            "GET", "/leads", strategy, params=params, parse=model_parser(Lead, raw, "lead"),
            resume_from=resume_from, concurrency=concurrency,
        )  # fmt: skip

    @overload
    def scroll(
        self,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        assigned_user_id: int | None = None,
        contacted: bool | None = None,
        desc: bool | None = None,
        email: str | None = None,
        group_ids: Ints = None,
        groups: Strs = None,
        languages: Strs = None,
        phone: str | None = None,
        precise_search_flag: bool | None = None,
        query_sub_group: bool | None = None,
        segment_ids: Ints = None,
        segments: Strs = None,
        sort: str | None = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Lead]: ...
    @overload
    def scroll(
        self,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        assigned_user_id: int | None = None,
        contacted: bool | None = None,
        desc: bool | None = None,
        email: str | None = None,
        group_ids: Ints = None,
        groups: Strs = None,
        languages: Strs = None,
        phone: str | None = None,
        precise_search_flag: bool | None = None,
        query_sub_group: bool | None = None,
        segment_ids: Ints = None,
        segments: Strs = None,
        sort: str | None = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def scroll(
        self,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        assigned_user_id: int | None = None,
        contacted: bool | None = None,
        desc: bool | None = None,
        email: str | None = None,
        group_ids: Ints = None,
        groups: Strs = None,
        languages: Strs = None,
        phone: str | None = None,
        precise_search_flag: bool | None = None,
        query_sub_group: bool | None = None,
        segment_ids: Ints = None,
        segments: Strs = None,
        sort: str | None = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Lead] | AsyncPager[dict[str, Any]]:
        """``GET /leads`` with ``scrollId``: every matching lead, for bulk exports.

        Each page sends back ``_metadata.scrollId``; it ends when a page has no items or
        no scroll id. Same filters as :meth:`list`.
        """
        params = self._search_params(
            all_tags=all_tags, any_tags=any_tags, assigned_user_id=assigned_user_id,
            contacted=contacted, desc=desc, email=email, group_ids=group_ids, groups=groups,
            languages=languages, phone=phone, precise_search_flag=precise_search_flag,
            query_sub_group=query_sub_group, segment_ids=segment_ids, segments=segments,
            sort=sort, source=source, stage=stage,
        )  # fmt: skip
        return self._scroll("/leads", params, limit, resume_from, raw)

    @overload
    def list_by_create_time(
        self,
        lead_create_time: str | _dt.datetime | None = None,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        contacted: bool | None = None,
        email: str | None = None,
        groups: Strs = None,
        phone: str | None = None,
        segments: Strs = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Lead]: ...
    @overload
    def list_by_create_time(
        self,
        lead_create_time: str | _dt.datetime | None = None,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        contacted: bool | None = None,
        email: str | None = None,
        groups: Strs = None,
        phone: str | None = None,
        segments: Strs = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list_by_create_time(
        self,
        lead_create_time: str | _dt.datetime | None = None,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        contacted: bool | None = None,
        email: str | None = None,
        groups: Strs = None,
        phone: str | None = None,
        segments: Strs = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Lead] | AsyncPager[dict[str, Any]]:
        """``GET /leads/createTime``: leads created at or after ``lead_create_time``,
        scrolled with ``scrollId``.

        Lofty parses the time in UTC-7: a ``datetime`` is converted for you (naive = UTC)
        and sent as ``YYYY-MM-DD HH:MM:SS``; a string is sent as given.

        Documented only by the older Lofty API reference, not by Lofty's OpenAPI document.
        """
        params = self._time_params(
            all_tags=all_tags, any_tags=any_tags, contacted=contacted, email=email,
            groups=groups, phone=phone, segments=segments, source=source, stage=stage,
        )  # fmt: skip
        params["leadCreateTime"] = lofty_time(lead_create_time)
        return self._scroll("/leads/createTime", params, limit, resume_from, raw)

    @overload
    def list_by_update_time(
        self,
        lead_update_time: str | _dt.datetime | None = None,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        contacted: bool | None = None,
        email: str | None = None,
        groups: Strs = None,
        phone: str | None = None,
        segments: Strs = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Lead]: ...
    @overload
    def list_by_update_time(
        self,
        lead_update_time: str | _dt.datetime | None = None,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        contacted: bool | None = None,
        email: str | None = None,
        groups: Strs = None,
        phone: str | None = None,
        segments: Strs = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list_by_update_time(
        self,
        lead_update_time: str | _dt.datetime | None = None,
        *,
        all_tags: Strs = None,
        any_tags: Strs = None,
        contacted: bool | None = None,
        email: str | None = None,
        groups: Strs = None,
        phone: str | None = None,
        segments: Strs = None,
        source: str | None = None,
        stage: Strs = None,
        limit: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Lead] | AsyncPager[dict[str, Any]]:
        """``GET /leads/updateTime``: leads updated at or after ``lead_update_time``
        (UTC-7, see :meth:`list_by_create_time`), scrolled with ``scrollId``.

        Documented only by the older Lofty API reference, not by Lofty's OpenAPI document.
        """
        params = self._time_params(
            all_tags=all_tags, any_tags=any_tags, contacted=contacted, email=email,
            groups=groups, phone=phone, segments=segments, source=source, stage=stage,
        )  # fmt: skip
        params["leadUpdateTime"] = lofty_time(lead_update_time)
        return self._scroll("/leads/updateTime", params, limit, resume_from, raw)

    def _scroll(
        self,
        path: str,
        params: dict[str, Any],
        limit: int,
        resume_from: Mapping[str, Any] | None,
        raw: bool,
    ) -> AsyncPager[Lead]:
        strategy = ScrollId(items=_LEADS_ITEMS, size=_lead_limit(limit), size_param="limit")
        return self._pager(
            "GET", path, strategy, params=params, parse=model_parser(Lead, raw, "lead"),
            resume_from=resume_from,
        )  # fmt: skip

    @staticmethod
    def _time_params(
        *,
        all_tags: Strs,
        any_tags: Strs,
        contacted: bool | None,
        email: str | None,
        groups: Strs,
        phone: str | None,
        segments: Strs,
        source: str | None,
        stage: Strs,
    ) -> dict[str, Any]:
        return {
            "allTags": seq(all_tags),
            "anyTags": seq(any_tags),
            "contacted": contacted,
            "email": email,
            "groups": seq(groups),
            "phone": phone,
            "segments": seq(segments),
            "source": source,
            "stage": seq(stage),
        }

    @staticmethod
    def _search_params(
        *,
        all_tags: Strs,
        any_tags: Strs,
        assigned_user_id: int | None,
        contacted: bool | None,
        desc: bool | None,
        email: str | None,
        group_ids: Ints,
        groups: Strs,
        languages: Strs,
        phone: str | None,
        precise_search_flag: bool | None,
        query_sub_group: bool | None,
        segment_ids: Ints,
        segments: Strs,
        sort: str | None,
        source: str | None,
        stage: Strs,
    ) -> dict[str, Any]:
        return {
            "allTags": seq(all_tags),
            "anyTags": seq(any_tags),
            "assignedUserId": assigned_user_id,
            "contacted": contacted,
            "desc": desc,
            "email": email,
            "groupIds": seq(group_ids),
            "groups": seq(groups),
            "languages": seq(languages),
            "phone": phone,
            "preciseSearchFlag": precise_search_flag,
            "querySubGroup": query_sub_group,
            "segmentIds": seq(segment_ids),
            "segments": seq(segments),
            "sort": sort,
            "source": source,
            "stage": seq(stage),
        }

    @overload
    async def find_assignees(
        self, lead: Body, *, raw: Literal[False] = ...
    ) -> builtins.list[LeadAssigneeInfo]: ...
    @overload
    async def find_assignees(
        self, lead: Body, *, raw: Literal[True]
    ) -> builtins.list[dict[str, Any]]: ...
    async def find_assignees(
        self, lead: Body, *, raw: bool = False
    ) -> builtins.list[LeadAssigneeInfo] | builtins.list[dict[str, Any]]:
        """``POST /leads/assignee``: who is assigned to the lead matching ``lead``
        (LeadAssigneeRequest: ``firstName``, ``lastName``, ``email``, ``phone``, ``birthday``)."""
        data = await self._request(
            "POST", "/leads/assignee", json=require_non_empty(lead, name="lead")
        )
        return self._many(LeadAssigneeInfo, data, "data", "leads", raw=raw)

    async def specified_url(self, lead_id: int, lofty_website_url: str | None = None) -> Any:
        """``POST /leads/specified-url``: a URL of the lead's Lofty website that logs the
        lead in (LinkRequest ``leadId``, ``loftyWebsiteURL``). Returns Lofty's answer.

        Documented only by the older Lofty API reference, not by Lofty's OpenAPI document.
        """
        body = {"leadId": lead_id, "loftyWebsiteURL": lofty_website_url}
        return await self._request(
            "POST", "/leads/specified-url", json={k: v for k, v in body.items() if v is not None}
        )

    # ---------------------------------------------------------------------- CRUD

    async def create(self, lead: Body, *, hide_vendor_id: int | None = None) -> Any:
        """``POST /leads``: create a lead (LeadRequest). Lead routing only applies when
        ``leadRouting`` is true. ``hide_vendor_id`` is sent as the ``hideVendorId`` query
        parameter. Returns Lofty's answer (the new lead's id or a status string)."""
        return await self._request(
            "POST", "/leads", params={"hideVendorId": hide_vendor_id},
            json=require_non_empty(lead, name="lead"),
        )  # fmt: skip

    @overload
    async def get(
        self, lead_id: int, *, with_trash: bool | None = None, raw: Literal[False] = ...
    ) -> Lead: ...
    @overload
    async def get(
        self, lead_id: int, *, with_trash: bool | None = None, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, lead_id: int, *, with_trash: bool | None = None, raw: bool = False
    ) -> Lead | dict[str, Any]:
        """``GET /leads/{leadId}``: one lead (``{"lead": {...}}`` unwrapped).
        ``with_trash=True`` also finds a deleted lead."""
        data = await self._request(
            "GET", self._path("/leads/{}", lead_id), params={"withTrash": with_trash}
        )
        return self._one(Lead, data, "lead", bare=True, raw=raw)

    async def update(self, lead_id: int, lead: Body) -> Any:
        """``PUT /leads/{leadId}``: edit a lead (EditLeadRequest). ``tags`` replaces every
        tag; ``tagsAdd`` only adds."""
        return await self._request(
            "PUT", self._path("/leads/{}", lead_id), json=require_non_empty(lead, name="lead")
        )

    async def delete(self, lead_id: int, *, reason: str | None = None) -> Any:
        """``DELETE /leads/{leadId}``: move a lead to the trash, with an optional ``reason``."""
        return await self._request(
            "DELETE", self._path("/leads/{}", lead_id), params={"reason": reason}
        )

    # ------------------------------------------------------------- sub-resources

    @overload
    def activities(
        self,
        lead_id: int,
        *,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[LeadActivity]: ...
    @overload
    def activities(
        self,
        lead_id: int,
        *,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def activities(
        self,
        lead_id: int,
        *,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[LeadActivity] | AsyncPager[dict[str, Any]]:
        """``GET /leads/{leadId}/activities``: the lead's activities, 100 a page
        (``curPage`` from 0) until a short page."""
        return self._pager(
            "GET", self._path("/leads/{}/activities", lead_id),
            # curPage from 0, a fixed 100 items a page; a shorter page is the last.
            PageNumber(
                items=items_in("activities", "data"), page_size=100, page_param="curPage",
                size_param=None,
            ),
            parse=model_parser(LeadActivity, raw), resume_from=resume_from,
        )  # fmt: skip

    async def add_activity(self, lead_id: int, activity: Body) -> Any:
        """``POST /leads/{leadId}/activity``: add an activity (LeadActivityReq)."""
        return await self._request(
            "POST", self._path("/leads/{}/activity", lead_id),
            json=require_non_empty(activity, name="activity"),
        )  # fmt: skip

    async def assign(self, lead_id: int, assignees: Sequence[Body]) -> Any:
        """``POST /leads/{leadId}/assignment``: assign the lead; the body is a JSON array
        of LeadAssigineeRequest (``{"assiginee": <account>, "role": ...}``, Lofty's spelling)."""
        if isinstance(assignees, (Mapping, Model)):
            assignees = [assignees]
        body = [body_of(a, name="assignee") for a in assignees]
        if not body:
            raise ValueError("assignees must not be empty")
        return await self._request("POST", self._path("/leads/{}/assignment", lead_id), json=body)

    async def add_inquiry(self, lead_id: int, inquiry: Body) -> Any:
        """``POST /leads/{leadId}/inquiry``: place an inquiry (LeadInquiryReq)."""
        return await self._request(
            "POST", self._path("/leads/{}/inquiry", lead_id),
            json=require_non_empty(inquiry, name="inquiry"),
        )  # fmt: skip

    async def add_property(self, lead_id: int, property: Body) -> Any:
        """``POST /leads/{leadId}/property``: place a property (LeadPropertyReq)."""
        return await self._request(
            "POST", self._path("/leads/{}/property", lead_id),
            json=require_non_empty(property, name="property"),
        )  # fmt: skip

    async def add_transaction(self, lead_id: int, transaction: Body) -> Any:
        """``POST /leads/{leadId}/transaction``: add a transaction (LeadTransaction;
        dates are epoch milliseconds)."""
        return await self._request(
            "POST", self._path("/leads/{}/transaction", lead_id),
            json=require_non_empty(transaction, name="transaction"),
        )  # fmt: skip

    async def update_transaction_property_address(self, lead_id: int, address: Body) -> Any:
        """``POST /leads/{leadId}/transaction/property/address``: set the address of a
        transaction's property (LeadTransactionPropertyAddress, with ``transactionId``)."""
        return await self._request(
            "POST", self._path("/leads/{}/transaction/property/address", lead_id),
            json=require_non_empty(address, name="address"),
        )  # fmt: skip

    @overload
    async def get_transaction(
        self, lead_id: int, transaction_id: int, *, raw: Literal[False] = ...
    ) -> Transaction: ...
    @overload
    async def get_transaction(
        self, lead_id: int, transaction_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get_transaction(
        self, lead_id: int, transaction_id: int, *, raw: bool = False
    ) -> Transaction | dict[str, Any]:
        """``GET /leads/{leadId}/transaction/{transactionId}``: one transaction."""
        data = await self._request(
            "GET", self._path("/leads/{}/transaction/{}", lead_id, transaction_id)
        )
        return self._one(Transaction, data, "transaction", bare=True, raw=raw)

    async def update_transaction(self, lead_id: int, transaction_id: int, transaction: Body) -> Any:
        """``PUT /leads/{leadId}/transaction/{transactionId}``: update a transaction
        (``customFields`` is a full replacement)."""
        return await self._request(
            "PUT", self._path("/leads/{}/transaction/{}", lead_id, transaction_id),
            json=require_non_empty(transaction, name="transaction"),
        )  # fmt: skip

    @overload
    async def get_transaction_property_address(
        self, lead_id: int, transaction_id: int, *, raw: Literal[False] = ...
    ) -> TransactionPropertyAddress: ...
    @overload
    async def get_transaction_property_address(
        self, lead_id: int, transaction_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get_transaction_property_address(
        self, lead_id: int, transaction_id: int, *, raw: bool = False
    ) -> TransactionPropertyAddress | dict[str, Any]:
        """``GET /leads/{leadId}/transaction/{transactionId}/property/address``."""
        data = await self._request(
            "GET",
            self._path("/leads/{}/transaction/{}/property/address", lead_id, transaction_id),
        )
        return self._one(TransactionPropertyAddress, data, "address", bare=True, raw=raw)

    @overload
    async def transactions(
        self, lead_id: int, *, raw: Literal[False] = ...
    ) -> builtins.list[Transaction]: ...
    @overload
    async def transactions(
        self, lead_id: int, *, raw: Literal[True]
    ) -> builtins.list[dict[str, Any]]: ...
    async def transactions(
        self, lead_id: int, *, raw: bool = False
    ) -> builtins.list[Transaction] | builtins.list[dict[str, Any]]:
        """``GET /leads/{leadId}/transactions``: every transaction of the lead."""
        data = await self._request("GET", self._path("/leads/{}/transactions", lead_id))
        return self._many(Transaction, data, "transactions", raw=raw)

    @overload
    async def transaction_custom_fields(
        self, *, raw: Literal[False] = ...
    ) -> builtins.list[CustomField]: ...
    @overload
    async def transaction_custom_fields(
        self, *, raw: Literal[True]
    ) -> builtins.list[dict[str, Any]]: ...
    async def transaction_custom_fields(
        self, *, raw: bool = False
    ) -> builtins.list[CustomField] | builtins.list[dict[str, Any]]:
        """``GET /transaction/customfields``: the team's transaction custom fields."""
        data = await self._request("GET", "/transaction/customfields")
        return self._many(CustomField, data, "customFields", raw=raw)

    # ------------------------------------------------------------- Brokermint sync

    async def update_from_brokermint(self, contact: Body) -> Any:
        """``PUT /brokermint/lead``: edit a lead from a Brokermint contact (Contacts:
        ``externalId``, ``firstName``, ``email``, ...)."""
        return await self._request(
            "PUT", "/brokermint/lead", json=require_non_empty(contact, name="contact")
        )

    async def update_transaction_from_brokermint(self, transaction: Body) -> Any:
        """``PUT /brokermint/transaction``: update a lead's transaction from Brokermint
        (IncomingTransaction)."""
        return await self._request(
            "PUT", "/brokermint/transaction",
            json=require_non_empty(transaction, name="transaction"),
        )  # fmt: skip

    @overload
    def activities_v2(
        self,
        lead_id: int,
        *,
        time_zone_code: str | None = None,
        limit: int = ACTIVITIES_V2_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[ActivityV2]: ...
    @overload
    def activities_v2(
        self,
        lead_id: int,
        *,
        time_zone_code: str | None = None,
        limit: int = ACTIVITIES_V2_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def activities_v2(
        self,
        lead_id: int,
        *,
        time_zone_code: str | None = None,
        limit: int = ACTIVITIES_V2_MAX_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[ActivityV2] | AsyncPager[dict[str, Any]]:
        """``GET /v2.0/leads/{leadId}/activities``: the lead's calls, texts and emails
        (captured and logged) by activity time; ``currentId`` = id of the last activity
        of the previous page, ``limit`` 1-1000, until a short page (Lofty OpenAPI
        document, ActivityListResponse)."""
        strategy = LastItemId(
            items=list_at("activities"),
            size=in_range(limit, 1, ACTIVITIES_V2_MAX_LIMIT, name="limit"),
            start_id=current_id,
        )  # fmt: skip
        return self._pager(
            "GET", self._path("/v2.0/leads/{}/activities", lead_id), strategy,
            params={"timeZoneCode": time_zone_code},
            parse=model_parser(ActivityV2, raw), resume_from=resume_from,
        )  # fmt: skip
