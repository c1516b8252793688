"""Keyset pagination (``count`` + ``starting_from_id``) end to end against localhost."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import PaginationError, RetryPolicy
from real_estate_async.providers.brokermint import BrokermintClient

KEY = "bm-secret-key-0042"
FAST = RetryPolicy(backoff_base=0.001, backoff_cap=0.005)
IDS = [3 * i + 1 for i in range(25)]  # sparse ids: 1, 4, ..., 73


class Vendor:
    """A fake Brokermint list: sorted ids, ``starting_from_id`` inclusive, bare arrays."""

    def __init__(self, ids: list[int], *, overlap: int = 0, ignore_start: bool = False) -> None:
        self.ids = ids
        self.overlap = overlap  # how many items of the previous page are sent again
        self.ignore_start = ignore_start
        self.requests: list[dict[str, str]] = []

    async def handle(self, request: web.Request) -> web.Response:
        query = dict(request.query)
        self.requests.append(query)
        count = int(query.get("count", "1000"))
        start = int(query["starting_from_id"]) if "starting_from_id" in query else None
        ids = self.ids
        if start is not None and not self.ignore_start:
            first = next((i for i, v in enumerate(ids) if v >= start), len(ids))
            first = max(0, first - self.overlap)
            ids = ids[first:]
        page = [{"id": i, "first_name": f"n{i}", "created_at": 1428278400000} for i in ids[:count]]
        return web.json_response(page)

    def app(self, path: str) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v1" + path, self.handle)
        return app


def _client(base: str) -> BrokermintClient:
    return BrokermintClient(
        KEY, base_url=base + "/api/v1", retry_policy=FAST, rate_limit=(1000, 1.0)
    )


LISTS = [
    ("users", "/users", lambda bm, **kw: bm.users.list(created_since="2015-04-06", **kw)),
    ("contacts", "/contacts", lambda bm, **kw: bm.contacts.list(created_since="2015-04-06", **kw)),
    (
        "transactions",
        "/transactions",
        lambda bm, **kw: bm.transactions.list(created_since="2015-04-06", **kw),
    ),
    ("backups", "/backups", lambda bm, **kw: bm.backups.list(completed_since="2015-04-06", **kw)),
]


@pytest.mark.parametrize(("name", "path", "make"), LISTS, ids=[x[0] for x in LISTS])
async def test_every_id_once_with_filters_on_every_page(
    serve: ServerFactory, name: str, path: str, make: Any
) -> None:
    vendor = Vendor(IDS)
    base = await serve(vendor.app(path))
    async with _client(base) as bm:
        items = await make(bm, count=10).collect()
    assert [i.id for i in items] == IDS
    assert [r.get("starting_from_id") for r in vendor.requests] == [None, "29", "59"]
    since = "completed_since" if name == "backups" else "created_since"
    for query in vendor.requests:
        assert query["count"] == "10"
        assert query[since] == "2015-04-06"  # the filter rides along on every page
        assert query["api_key"] == KEY


async def test_exact_multiple_ends_on_the_empty_page(serve: ServerFactory) -> None:
    vendor = Vendor(IDS[:20])
    base = await serve(vendor.app("/users"))
    async with _client(base) as bm:
        items = await bm.users.list(count=10).collect()
    assert [u.id for u in items] == IDS[:20]
    assert len(vendor.requests) == 3  # the last one answers []


async def test_page_boundary_where_the_last_id_repeats(serve: ServerFactory) -> None:
    # This server sends the previous page's last item again at the top of each page.
    vendor = Vendor(IDS, overlap=1)
    base = await serve(vendor.app("/contacts"))
    async with _client(base) as bm:
        pager = bm.contacts.list(count=10)
        pages = [page async for page in pager.pages()]
    ids = [c.id for page in pages for c in page.items]
    assert ids == IDS  # each id exactly once
    assert len(ids) == len(set(ids))
    assert pages[1].raw[0]["id"] == pages[0].raw[-1]["id"]  # the repeat really happened


async def test_resume_from_state_continues_exactly(serve: ServerFactory) -> None:
    vendor = Vendor(IDS)
    base = await serve(vendor.app("/transactions"))
    async with _client(base) as bm:
        pager = bm.transactions.list(count=10)
        first: list[int | None] = []
        async for page in pager.pages():
            first += [t.id for t in page.items]
            break
        state = json.loads(json.dumps(pager.state))  # survives a crash as JSON
    async with _client(base) as bm:
        rest = [t.id for t in await bm.transactions.list(count=10, resume_from=state).collect()]
    assert first == IDS[:10]
    assert first + rest == IDS
    assert vendor.requests[1]["starting_from_id"] == "29"


async def test_resume_after_a_repeated_boundary_still_drops_the_repeat(
    serve: ServerFactory,
) -> None:
    vendor = Vendor(IDS, overlap=1)
    base = await serve(vendor.app("/backups"))
    async with _client(base) as bm:
        pager = bm.backups.list(count=10)
        got: list[int | None] = []
        async for page in pager.pages():
            got += [b.id for b in page.items]
            break
        state = pager.state
    async with _client(base) as bm:
        got += [b.id for b in await bm.backups.list(count=10, resume_from=state).collect()]
    assert got == IDS


async def test_item_iteration_state_and_done(serve: ServerFactory) -> None:
    vendor = Vendor(IDS[:5])
    base = await serve(vendor.app("/users"))
    async with _client(base) as bm:
        pager = bm.users.list(count=10)
        ids = [u.id async for u in pager]
        assert ids == IDS[:5]
        assert pager.done
        assert await bm.users.list(resume_from=pager.state).collect() == []
    assert len(vendor.requests) == 1


async def test_a_server_that_ignores_starting_from_id_raises_instead_of_looping(
    serve: ServerFactory,
) -> None:
    vendor = Vendor(IDS, ignore_start=True)
    base = await serve(vendor.app("/users"))
    async with _client(base) as bm:
        with pytest.raises(PaginationError):
            await bm.users.list(count=10).collect()
    assert len(vendor.requests) <= 3


async def test_raw_items_and_list_for_transaction(serve: ServerFactory) -> None:
    vendor = Vendor(IDS[:12])
    base = await serve(vendor.app("/transactions/85/backups"))
    async with _client(base) as bm:
        items: list[Any] = await bm.backups.list_for_transaction(85, count=5, raw=True).collect()
    assert [i["id"] for i in items] == IDS[:12]
    assert [r.get("starting_from_id") for r in vendor.requests] == [None, "14", "29"]
