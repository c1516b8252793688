"""Every Lofty pagination style end to end against a localhost server that pages the way
the Lofty API v1.0 reference says: several pages, resume from a saved state, nothing lost,
nothing twice, and the caller's filters on every page."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import AsyncPager
from real_estate_async.providers.lofty import LoftyClient

N_LEADS = 250
N_HISTORY = 2_345


class FakeLofty:
    """A small Lofty: leads (offset and scroll), histories (currentId, inclusive of the
    id asked for, as "starts from this ID" reads), listings (nextPageKey and sold),
    system logs (pageNumber from 0), activities (curPage, 100 a page), agent
    communication (hasMore in a POST body)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, list[str]], Any]] = []
        self.scrolls: dict[str, int] = {}
        app = web.Application()
        r = app.router
        r.add_get("/v1.0/leads", self.leads)
        r.add_get("/v1.0/leads/createTime", self.leads)
        r.add_get("/v1.0/leads/updateTime", self.leads)
        r.add_get("/v1.0/calls", self.calls)
        r.add_get("/v1.0/members", self.members)
        for path in ("call", "call/v2", "email", "text"):
            r.add_get(f"/v1.0/communication/{path}", self.history)
        r.add_get("/v1.0/logType", self.history)
        r.add_get("/v1.0/listing", self.listings)
        r.add_get("/v1.0/systemLogs", self.system_logs)
        r.add_get("/v1.0/leads/{lead_id}/activities", self.activities)
        r.add_post("/v1.0/agent/communication", self.by_agent)
        self.app = app

    async def _record(self, request: web.Request) -> dict[str, list[str]]:
        query: dict[str, list[str]] = {}
        for key, value in request.query.items():
            query.setdefault(key, []).append(value)
        body = json.loads(await request.text()) if request.can_read_body else None
        self.requests.append((request.path, query, body))
        assert request.query.get("vendorKey") == "vk"
        return query

    async def leads(self, request: web.Request) -> web.Response:
        q = await self._record(request)
        limit = int(q["limit"][0])
        if not 1 <= limit <= 100:
            return web.json_response({"code": 100400, "message": "limit out of range"}, status=400)
        if "offset" in q:  # offset style
            start = int(q["offset"][0])
            meta: dict[str, Any] = {"collection": "leads", "offset": start, "limit": limit,
                                    "total": N_LEADS}  # fmt: skip
        else:  # scroll style: the first call opens a scroll
            token = q.get("scrollId", [None])[0]
            if token is None:
                token = f"scroll-{len(self.scrolls)}"
                self.scrolls[token] = 0
            start = self.scrolls[token]
            self.scrolls[token] = start + limit
            meta = {"collection": "leads", "limit": limit, "scrollId": token}
        ids = range(start + 1, min(start + limit, N_LEADS) + 1)
        return web.json_response(
            {
                "_metadata": meta,
                "leads": [{"lead": {"leadId": i, "firstName": f"L{i}"}} for i in ids],
            }
        )

    async def _offset_list(self, request: web.Request, key: str, total: int) -> web.Response:
        q = await self._record(request)
        start, limit = int(q["offset"][0]), min(int(q["limit"][0]), 30)  # the server caps limit
        ids = range(start + 1, min(start + limit, total) + 1)
        return web.json_response(
            {"_metadata": {"total": total, "offset": start, "limit": limit},
             key: [{"id": i} for i in ids]}
        )  # fmt: skip

    async def calls(self, request: web.Request) -> web.Response:
        return await self._offset_list(request, "calls", 95)

    async def members(self, request: web.Request) -> web.Response:
        return await self._offset_list(request, "members", 61)

    async def history(self, request: web.Request) -> web.Response:
        q = await self._record(request)
        limit = int(q["limit"][0])
        if not 1 <= limit <= 1000:
            return web.json_response({"code": 1, "message": "limit max value 1000"}, status=400)
        current = int(q.get("currentId", ["1"])[0])
        ids = range(current, min(current + limit - 1, N_HISTORY) + 1)  # inclusive of currentId
        return web.json_response([{"id": i, "leadId": int(q.get("leadId", ["0"])[0])} for i in ids])

    async def listings(self, request: web.Request) -> web.Response:
        q = await self._record(request)
        limit = int(q.get("limit", ["20"])[0])
        sold = "soldNextPageKey" in q or q.get("soldListingId")
        key = q.get("soldNextPageKey" if sold else "nextPageKey", ["k0"])[0]
        start = int(key[1:])
        total = 33 if sold else 45
        ids = range(start, min(start + limit, total))
        more = start + limit < total
        token = f"k{start + limit}" if more else None
        if sold:
            return web.json_response(
                {"soldListings": [{"listingId": f"S{i}"} for i in ids], "soldNextPageKey": token}
            )
        return web.json_response(
            {"listings": [{"listingId": f"L{i}"} for i in ids], "nextPageKey": token}
        )

    async def system_logs(self, request: web.Request) -> web.Response:
        q = await self._record(request)
        page, size = int(q["pageNumber"][0]), int(q["pageSize"][0])
        ids = range(page * size + 1, min((page + 1) * size, 230) + 1)
        return web.json_response([{"id": i, "leadId": 5} for i in ids])

    async def activities(self, request: web.Request) -> web.Response:
        q = await self._record(request)
        page = int(q["curPage"][0])
        ids = range(page * 100, min((page + 1) * 100, 150))
        return web.json_response([{"type": "View", "created": i} for i in ids])

    async def by_agent(self, request: web.Request) -> web.Response:
        await self._record(request)
        body = self.requests[-1][2]
        offset, limit = body["offset"], body["limit"]
        ids = range(offset + 1, min(offset + limit, 130) + 1)
        return web.json_response(
            {"hasMore": offset + limit < 130, "offset": offset, "limit": limit,
             "pageData": [{"id": i, "eventType": "Call"} for i in ids]}
        )  # fmt: skip


@pytest.fixture
async def lofty(serve: ServerFactory) -> Any:
    fake = FakeLofty()
    base = await serve(fake.app)
    async with LoftyClient("key", vendor_key="vk", base_url=base + "/v1.0") as client:
        client.fake = fake  # type: ignore[attr-defined]
        yield client


def _key(item: Any) -> Any:
    for name in ("listing_id", "id", "lead_id", "created"):
        value = getattr(item, name, None)
        if value is not None:
            return value
    raise AssertionError(item)


async def _check_resume(
    make: Callable[..., AsyncPager[Any]], expected: list[Any], pages_first: int = 1
) -> None:
    """Read ``pages_first`` pages, save the state (through JSON), resume a new pager from
    it: the two parts together are exactly ``expected``, in order, without repeats."""
    pager = make()
    first: list[Any] = []
    async with contextlib.aclosing(pager.pages()) as pages:
        async for page in pages:
            first.extend(page.items)
            if page.number >= pages_first:
                break
    state = json.loads(json.dumps(pager.state))
    rest = await make(resume_from=state).collect()
    keys = [_key(i) for i in first + rest]
    assert keys == expected
    assert len(set(keys)) == len(keys)


async def test_offset_limit_leads(lofty: Any) -> None:
    pager = lofty.leads.list(any_tags=["a", "b"], limit=100)
    leads = await pager.collect()
    assert [lead.lead_id for lead in leads] == list(range(1, N_LEADS + 1))
    assert pager.pages_fetched == 3 and pager.total == N_LEADS
    for _, query, _ in lofty.fake.requests:
        assert query["anyTags"] == ["a", "b"]  # filters ride along on every page
    assert [q["offset"] for _, q, _ in lofty.fake.requests] == [["0"], ["100"], ["200"]]
    await _check_resume(lambda **kw: lofty.leads.list(limit=100, **kw), list(range(1, N_LEADS + 1)))


async def test_offset_limit_concurrent_prefetch_keeps_order(lofty: Any) -> None:
    leads = await lofty.leads.list(limit=25, concurrency=4).collect()
    assert [lead.lead_id for lead in leads] == list(range(1, N_LEADS + 1))


@pytest.mark.parametrize(("resource", "total"), [("calls", 95), ("members", 61)])
async def test_offset_limit_with_a_server_that_caps_limit(
    lofty: Any, resource: str, total: int
) -> None:
    items = await getattr(lofty, resource).list(limit=100).collect()
    assert [i.id for i in items] == list(range(1, total + 1))
    await _check_resume(
        lambda **kw: getattr(lofty, resource).list(limit=100, **kw), list(range(1, total + 1))
    )


@pytest.mark.parametrize("method", ["scroll", "list_by_create_time", "list_by_update_time"])
async def test_scroll_id(lofty: Any, method: str) -> None:
    pager = getattr(lofty.leads, method)(source="web", limit=100)
    leads = await pager.collect()
    assert [lead.lead_id for lead in leads] == list(range(1, N_LEADS + 1))
    requests = lofty.fake.requests
    assert "scrollId" not in requests[0][1]
    assert all(q["scrollId"] == ["scroll-0"] for _, q, _ in requests[1:])
    assert all(q["source"] == ["web"] and "offset" not in q for _, q, _ in requests)
    await _check_resume(
        lambda **kw: getattr(lofty.leads, method)(limit=100, **kw), list(range(1, N_LEADS + 1))
    )


@pytest.mark.parametrize(
    "get", [
        lambda c: c.communication.calls, lambda c: c.communication.calls_v2,
        lambda c: c.communication.emails, lambda c: c.communication.texts,
        lambda c: c.log_types.list,
    ],
    ids=["calls", "calls_v2", "emails", "texts", "log_types"],
)  # fmt: skip
async def test_current_id_never_yields_twice(lofty: Any, get: Callable[[Any], Any]) -> None:
    list_items = get(lofty)
    pager = list_items(lead_id=7)  # documented maximum page size: 1000
    items = await pager.collect()
    assert [i.id for i in items] == list(range(1, N_HISTORY + 1))
    queries = [q for _, q, _ in lofty.fake.requests]
    assert [q.get("currentId") for q in queries] == [None, ["1000"], ["1999"]]
    assert all(q["limit"] == ["1000"] and q["leadId"] == ["7"] for q in queries)
    await _check_resume(
        lambda **kw: list_items(lead_id=7, limit=300, **kw), list(range(1, N_HISTORY + 1)), 2
    )


async def test_next_page_key_listings_and_sold(lofty: Any) -> None:
    items = await lofty.listings.list(user_id=9, limit=20).collect()
    assert [i.listing_id for i in items] == [f"L{i}" for i in range(45)]
    assert [q.get("nextPageKey") for _, q, _ in lofty.fake.requests] == [None, ["k20"], ["k40"]]
    assert all(q["userId"] == ["9"] for _, q, _ in lofty.fake.requests)
    await _check_resume(
        lambda **kw: lofty.listings.list(limit=20, **kw), [f"L{i}" for i in range(45)]
    )
    sold = await lofty.listings.list_sold(sold_listing_id="S0", limit=10).collect()
    assert [i.listing_id for i in sold] == [f"S{i}" for i in range(33)]
    await _check_resume(
        lambda **kw: lofty.listings.list_sold(sold_listing_id="S0", limit=10, **kw),
        [f"S{i}" for i in range(33)], 2,
    )  # fmt: skip


async def test_page_number_from_zero_system_logs(lofty: Any) -> None:
    logs = await lofty.system_logs.list(lead_id=5, start_time=1, end_time=2).collect()
    assert [log.id for log in logs] == list(range(1, 231))
    queries = [q for _, q, _ in lofty.fake.requests]
    assert [q["pageNumber"] for q in queries] == [["0"], ["1"], ["2"]]
    assert all(q["startTime"] == ["1"] and q["endTime"] == ["2"] for q in queries)
    await _check_resume(lambda **kw: lofty.system_logs.list(lead_id=5, **kw), list(range(1, 231)))


async def test_cur_page_activities(lofty: Any) -> None:
    items = await lofty.leads.activities(5).collect()
    assert [a.created for a in items] == list(range(150))
    assert [q["curPage"] for _, q, _ in lofty.fake.requests] == [["0"], ["1"]]


async def test_has_more_in_the_post_body(lofty: Any) -> None:
    pager = lofty.communication.by_agent(type="EMAIL", start_time=0, end_time=1000, limit=50)
    items = await pager.collect()
    assert [i.id for i in items] == list(range(1, 131))
    bodies = [b for _, _, b in lofty.fake.requests]
    assert [(b["offset"], b["limit"]) for b in bodies] == [(0, 50), (50, 50), (100, 50)]
    assert all(
        b["type"] == "EMAIL" and b["startTime"] == 0 and b["endTime"] == 1000 for b in bodies
    )
    await _check_resume(
        lambda **kw: lofty.communication.by_agent(type="EMAIL", limit=50, **kw), list(range(1, 131))
    )
