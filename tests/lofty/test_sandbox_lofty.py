"""The fake Lofty server: every pagination style once with plain aiohttp and once through
``LoftyClient``, auth failures, error bodies, rate-limit headers and 429s."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import aiohttp
import pytest

from real_estate_async import AsyncPager, LoftyClient
from real_estate_async._errors import AuthenticationError, NotFoundError
from real_estate_async.sandbox import LoftyServer, RateLimit, RateLimits, Sandbox

RECORDS = 230
LEAD0 = 100_000_000


pytestmark = pytest.mark.sandbox(
    records=RECORDS, vendors=["lofty"], rate_limits=RateLimits.relaxed()
)  # for the ``sb`` fixture (tests/conftest.py)


def _auth(sb: Sandbox) -> dict[str, str]:
    return {"Authorization": f"token {sb.credentials['lofty']['api_key']}"}


async def _get(
    sb: Sandbox, path: str, headers: dict[str, str] | None = None, **params: Any
) -> tuple[int, Any, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(
            f"{sb.lofty_url}{path}",
            params=params,
            headers=_auth(sb) if headers is None else headers,
        ) as resp,
    ):
        return resp.status, await resp.json(), resp.headers


# ------------------------------------------------------------------ plain HTTP


async def test_offset_pages_with_total_return_every_lead_once(sb: Sandbox) -> None:
    seen: list[int] = []
    offset = 0
    while True:
        status, body, _ = await _get(sb, "/leads", offset=offset, limit=100)
        assert status == 200
        assert body["_metadata"]["total"] == RECORDS
        seen += [item["lead"]["leadId"] for item in body["leads"]]
        offset += 100
        if offset >= body["_metadata"]["total"]:
            break
    assert seen == list(range(LEAD0, LEAD0 + RECORDS))


async def test_scroll_id_continues_after_the_last_lead(sb: Sandbox) -> None:
    seen: list[int] = []
    params: dict[str, Any] = {"limit": 100}
    pages = 0
    while True:
        _, body, _ = await _get(sb, "/leads", **params)
        pages += 1
        seen += [item["lead"]["leadId"] for item in body["leads"]]
        scroll = body["_metadata"]["scrollId"]
        if not scroll:
            break
        params = {"limit": 100, "scrollId": scroll}
        await _delete_lead(sb, seen[-1] + 1) if pages == 1 else None
    # the lead deleted between pages is skipped, nothing else is lost or repeated
    assert seen == [i for i in range(LEAD0, LEAD0 + RECORDS) if i != LEAD0 + 100]
    status, body, _ = await _get(sb, "/leads", scrollId="12.bad")
    assert status == 400 and body["code"] == 400


async def _delete_lead(sb: Sandbox, lead_id: int) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.delete(f"{sb.lofty_url}/leads/{lead_id}", headers=_auth(sb)) as resp,
    ):
        assert resp.status == 200


async def test_current_id_histories_start_from_the_id(sb: Sandbox) -> None:
    # Wrapped as in Lofty's OpenAPI document (CommunicationCallListResponse, ...).
    _, body, _ = await _get(sb, "/communication/call", limit=100)
    first = body["calls"]
    assert len(first) == 100 and first[0]["id"] < first[-1]["id"]
    _, body, _ = await _get(sb, "/communication/call", limit=100, currentId=first[-1]["id"])
    assert body["calls"][0]["id"] == first[-1]["id"]  # "starts from this ID" (inclusive)
    _, body, _ = await _get(sb, "/communication/text", limit=5, leadId=LEAD0 + 3)
    assert [t["leadId"] for t in body["texts"]] == [LEAD0 + 3]


async def test_next_page_key_page_number_and_has_more(sb: Sandbox) -> None:
    keys: dict[str, Any] = {}
    seen: list[Any] = []
    while True:
        _, body, _ = await _get(sb, "/listing", limit=100, **keys)
        seen += [x["listingId"] for x in body["listings"]]
        if not body["nextPageKey"]:
            break
        keys = {"nextPageKey": body["nextPageKey"]}
    assert len(seen) == len(set(seen)) == RECORDS
    _, page0, _ = await _get(sb, "/systemLogs", pageNumber=0, pageSize=200)
    _, page1, _ = await _get(sb, "/systemLogs", pageNumber=1, pageSize=200)
    assert len(page0["timeLines"]) == 200 and len(page1["timeLines"]) == RECORDS - 200
    assert (page0["hasMore"], page1["hasMore"]) == (1, 0)  # SystemLogPageResponse
    async with aiohttp.ClientSession() as http:
        url = f"{sb.lofty_url}/agent/communication"
        async with http.post(url, json={"offset": 200, "limit": 100}, headers=_auth(sb)) as resp:
            body = await resp.json()
    assert body["hasMore"] is False and len(body["pageData"]) == RECORDS - 200


async def test_auth_failures_and_error_bodies(sb: Sandbox) -> None:
    creds = sb.credentials["lofty"]
    status, body, _ = await _get(sb, "/leads", headers={})
    assert status == 401 and set(body) == {"code", "message"}
    status, body, _ = await _get(
        sb, "/leads", headers={"Authorization": f"Bearer {creds['api_key']}"}
    )
    assert status == 400 and body["code"] == 200058
    status, _, _ = await _get(
        sb, "/leads", headers={"Authorization": f"Bearer {creds['access_token']}"}
    )
    assert status == 200
    status, _, _ = await _get(sb, "/leads", vendorKey="wrong")
    assert status == 401
    status, body, _ = await _get(sb, f"/leads/{LEAD0 + 10 * RECORDS}")
    assert status == 404 and body["code"] == 404
    status, body, _ = await _get(sb, "/leads", limit=500)
    assert status == 400 and "limit" in body["message"]


async def test_rate_limit_headers_and_429_past_the_limit() -> None:
    limits = RateLimits(lofty=RateLimit(3, 1_000_000.0), lofty_vendor_key=RateLimit(5, 1_000_000.0))
    async with Sandbox(10, vendors=["lofty"], rate_limits=limits) as box:
        answers = [await _get(box, "/members") for _ in range(4)]
        assert [a[0] for a in answers] == [200, 200, 200, 429]
        assert [a[2]["X-RateLimit-Remaining"] for a in answers] == ["2", "1", "0", "0"]
        assert answers[3][1] == {"message": "Too Many Requests"}
        reset = int(answers[0][2]["X-RateLimit-Reset"])
        assert reset > time.time() and answers[0][2]["X-RateLimit-Limit"] == "3"
        # with the vendor key: its own, larger window
        vendor_key = box.credentials["lofty"]["vendor_key"]
        status, _, headers = await _get(box, "/members", vendorKey=vendor_key)
        assert status == 200 and headers["X-RateLimit-Limit"] == "5"
        assert box.stats["lofty"].rate_limited == 1


# ------------------------------------------------------------------ LoftyClient


#: One listing per pagination style Lofty uses: name -> the pager over the sandbox.
PAGERS: dict[str, Callable[[LoftyClient], AsyncPager[Any]]] = {
    "offset": lambda lofty: lofty.leads.list(limit=100, concurrency=3),
    "scroll": lambda lofty: lofty.leads.scroll(limit=100),
    "calls": lambda lofty: lofty.communication.calls(limit=100),
    "emails": lambda lofty: lofty.communication.emails(limit=64),
    "logs": lambda lofty: lofty.log_types.list(limit=100),
    "listing": lambda lofty: lofty.listings.list(limit=100),
    "system logs": lambda lofty: lofty.system_logs.list(page_size=100),
    "has more": lambda lofty: lofty.communication.by_agent(limit=100),
    "members": lambda lofty: lofty.members.list(limit=100),
}


@pytest.mark.parametrize("style", list(PAGERS))
async def test_client_reads_every_pagination_style_exactly_once(sb: Sandbox, style: str) -> None:
    async with LoftyClient(**sb.client_kwargs("lofty")) as lofty:
        items = await PAGERS[style](lofty).collect()
    ids = [getattr(i, "lead_id", None) or getattr(i, "listing_id", None) or i.id for i in items]
    assert len(ids) == len(set(ids))
    members = len(sb.server("lofty").collections["members"])
    assert len(ids) == (members if style == "members" else RECORDS)


async def test_client_filters_by_time_and_lead_and_pages_activities(sb: Sandbox) -> None:
    async with LoftyClient(**sb.client_kwargs("lofty")) as lofty:
        since = dt.datetime(2020, 1, 1, 2, 0, tzinfo=dt.timezone.utc)  # lead 120 on
        created = await lofty.leads.list_by_create_time(since, limit=50).collect()
        assert [lead.lead_id for lead in created] == list(range(LEAD0 + 120, LEAD0 + RECORDS))
        notes = await lofty.notes.list(lead_id=LEAD0 + 4).collect()
        assert len(notes) == 2
        server = sb.server("lofty")
        assert isinstance(server, LoftyServer)
        lead = LEAD0 + 61  # 61 * 37 % 251 = 249 activities: pages of 100, 100, 49
        activities = lofty.leads.activities(lead)
        assert len(await activities.collect()) == server.activity_count(lead) == 249
        assert activities.pages_fetched == 3


async def test_client_crud_changes_the_data(sb: Sandbox) -> None:
    async with LoftyClient(**sb.client_kwargs("lofty")) as lofty:
        created = await lofty.leads.create({"firstName": "Ada", "emails": ["ada@example.com"]})
        new_id = created["leadId"]
        assert (await lofty.leads.get(new_id)).first_name == "Ada"
        await lofty.leads.update(LEAD0 + 1, {"firstName": "Grace"})
        assert (await lofty.leads.get(LEAD0 + 1)).first_name == "Grace"
        updated = await lofty.leads.list_by_update_time(dt.datetime(2025, 1, 1)).collect()
        assert {lead.lead_id for lead in updated} == {LEAD0 + 1, new_id}
        await lofty.leads.delete(LEAD0 + 2)
        with pytest.raises(NotFoundError):
            await lofty.leads.get(LEAD0 + 2)
        trashed = await lofty.leads.get(LEAD0 + 2, with_trash=True, raw=True)
        assert trashed["deleted"] is True
        total = await lofty.leads.list(limit=100).collect()
        assert len(total) == RECORDS  # one created, one deleted
        by_email = await lofty.leads.list(email="ada@example.com").collect()
        assert [lead.lead_id for lead in by_email] == [new_id]


async def test_client_auth_errors(sb: Sandbox) -> None:
    creds = sb.credentials["lofty"]
    async with LoftyClient("wrong", base_url=sb.lofty_url, vendor_key=creds["vendor_key"]) as lofty:
        with pytest.raises(AuthenticationError):
            await lofty.members.me()
    async with LoftyClient(
        access_token=creds["api_key"], base_url=sb.lofty_url, vendor_key=creds["vendor_key"]
    ) as lofty:
        with pytest.raises(AuthenticationError) as info:
            await lofty.members.me()
        assert str(info.value.code) == "200058"
