"""Every pagination strategy end to end against one localhost server holding N items."""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

import pytest
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import AsyncPager, PaginationError
from real_estate_async.pagination import (
    CountFromId,
    CurrentId,
    HasMore,
    NextPageKey,
    OffsetLimit,
    PageNumber,
    ScrollId,
    SinglePage,
    items_at,
)
from real_estate_async.providers.base import Resource

PAGE = 10


def dataset(n: int) -> list[dict[str, Any]]:
    # Ids are not contiguous so keyset strategies cannot get lucky with arithmetic.
    return [{"id": 3 * i + 1, "name": f"item {i}"} for i in range(n)]


def make_app(items: list[dict[str, Any]], log: list[dict[str, Any]]) -> web.Application:
    by_offset = {item["id"]: pos for pos, item in enumerate(items)}

    def window(start: int, size: int) -> list[dict[str, Any]]:
        return items[start : start + size]

    async def offset_total(request: web.Request) -> web.Response:
        log.append(dict(request.query))
        off, lim = int(request.query["offset"]), int(request.query["limit"])
        return web.json_response({"_metadata": {"total": len(items)}, "items": window(off, lim)})

    async def offset_plain(request: web.Request) -> web.Response:
        log.append(dict(request.query))
        off, lim = int(request.query["offset"]), int(request.query["limit"])
        return web.json_response(window(off, lim))

    async def scroll(request: web.Request) -> web.Response:
        log.append(dict(request.query))
        start = int(request.query.get("scrollId", "s0")[1:])
        page = window(start, PAGE)
        nxt = start + len(page)
        meta = {"scrollId": f"s{nxt}"} if page else {}
        return web.json_response({"_metadata": meta, "items": page})

    async def current(request: web.Request) -> web.Response:
        # Inclusive: the item named by currentId comes back first (the client must drop it).
        log.append(dict(request.query))
        cid = request.query.get("currentId")
        start = by_offset[int(cid)] if cid is not None else 0
        return web.json_response({"items": window(start, int(request.query["limit"]))})

    async def next_key(request: web.Request) -> web.Response:
        log.append(dict(request.query))
        start = int(request.query.get("nextPageKey", "0"))
        page = window(start, PAGE)
        body: dict[str, Any] = {"items": page}
        if start + PAGE < len(items):
            body["nextPageKey"] = str(start + PAGE)
        return web.json_response(body)

    async def page_number(request: web.Request) -> web.Response:
        log.append(dict(request.query))
        size = int(request.query["pageSize"])
        return web.json_response({"items": window(int(request.query["pageNumber"]) * size, size)})

    async def has_more(request: web.Request) -> web.Response:
        body = await request.json()
        log.append(body)
        off, lim = body["offset"], body["limit"]
        return web.json_response({"items": window(off, lim), "hasMore": off + lim < len(items)})

    async def count_from(request: web.Request) -> web.Response:
        # Inclusive of starting_from_id, bare array, like Brokermint.
        log.append(dict(request.query))
        start_id = int(request.query.get("starting_from_id", "0"))
        rows = [it for it in items if it["id"] >= start_id]
        return web.json_response(rows[: int(request.query["count"])])

    async def single(request: web.Request) -> web.Response:
        log.append(dict(request.query))
        return web.json_response({"items": items, "totalCount": len(items)})

    async def stuck(request: web.Request) -> web.Response:
        log.append(dict(request.query))
        return web.json_response({"_metadata": {"scrollId": "same"}, "items": items[:PAGE]})

    app = web.Application()
    app.router.add_get("/offset_total", offset_total)
    app.router.add_get("/offset_plain", offset_plain)
    app.router.add_get("/scroll", scroll)
    app.router.add_get("/current", current)
    app.router.add_get("/next_key", next_key)
    app.router.add_get("/page_number", page_number)
    app.router.add_post("/has_more", has_more)
    app.router.add_get("/count_from", count_from)
    app.router.add_get("/single", single)
    app.router.add_get("/stuck", stuck)
    return app


STYLES: dict[str, tuple[str, str, Any, str]] = {
    "offset_total": (
        "GET",
        "/offset_total",
        OffsetLimit(items=items_at("items"), limit=PAGE, total_path=("_metadata", "total")),
        "query",
    ),
    "offset_plain": ("GET", "/offset_plain", OffsetLimit(limit=PAGE), "query"),
    "scroll": ("GET", "/scroll", ScrollId(items=items_at("items")), "query"),
    "current_id": ("GET", "/current", CurrentId(items=items_at("items"), size=PAGE), "query"),
    "next_key": ("GET", "/next_key", NextPageKey(items=items_at("items")), "query"),
    "page_number": (
        "GET",
        "/page_number",
        PageNumber(items=items_at("items"), page_size=PAGE),
        "query",
    ),
    "has_more": ("POST", "/has_more", HasMore(items=items_at("items"), limit=PAGE), "json"),
    "count_from": ("GET", "/count_from", CountFromId(size=PAGE), "query"),
    "single": ("GET", "/single", SinglePage(items=items_at("items")), "query"),
}


def pager(client: ToyClient, style: str, **kw: Any) -> AsyncPager[Any]:
    method, path, strategy, page_in = STYLES[style]
    return Resource(client)._pager(
        method, path, strategy, params={"filter": "kept"}, page_in=page_in, **kw
    )


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("n", [0, 1, PAGE, 9 * PAGE + 5])
async def test_every_item_exactly_once(serve: ServerFactory, style: str, n: int) -> None:
    items = dataset(n)
    log: list[dict[str, Any]] = []
    base = await serve(make_app(items, log))
    async with ToyClient(base_url=base) as client:
        p = pager(client, style)
        got = await p.collect()
        assert got == items
        assert p.done and p.state == {"done": True}
        with pytest.raises(PaginationError, match="new pager"):
            await p.collect()  # a second pass over a finished pager raises, never restarts
    # The caller's filters ride along on every page.
    assert log and all(entry.get("filter") == "kept" for entry in log if style != "has_more")


@pytest.mark.parametrize("style", sorted(set(STYLES) - {"single"}))
async def test_resume_from_saved_state_mid_way(serve: ServerFactory, style: str) -> None:
    items = dataset(7 * PAGE + 3)
    base = await serve(make_app(items, []))
    async with ToyClient(base_url=base) as client:
        first = pager(client, style)
        seen: list[Any] = []
        async for page in first.pages():
            seen.extend(page.items)
            if page.number == 3:
                break
        saved = json.loads(json.dumps(first.state))  # the state survives JSON
        rest = await pager(client, style, resume_from=saved).collect()
    assert seen + rest == items


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("k", [1, PAGE - 1, PAGE, PAGE + 1, 3 * PAGE + 7])
async def test_break_at_any_item_resumes_item_exactly(
    serve: ServerFactory, style: str, k: int
) -> None:
    """State after ``break`` at item k (mid-page or at a boundary), saved as JSON, resumes
    with no item repeated and none skipped, for every style."""
    items = dataset(4 * PAGE + 3)
    base = await serve(make_app(items, []))
    async with ToyClient(base_url=base) as client:
        first = pager(client, style)
        got: list[Any] = []
        async for item in first:
            got.append(item)
            if len(got) == k:
                break
        saved = json.loads(json.dumps(first.state))
        assert not first.done
        rest = await pager(client, style, resume_from=saved).collect()
        assert got + rest == items
        # The same pager, iterated again, also continues exactly there.
        assert got + await first.collect() == items


async def test_item_iteration_state_moves_at_the_last_item_of_a_page(serve: ServerFactory) -> None:
    items = dataset(3 * PAGE)
    base = await serve(make_app(items, []))
    async with ToyClient(base_url=base) as client:
        p = pager(client, "offset_plain")
        got: list[Any] = []
        async for item in p:
            got.append(item)
            if len(got) == PAGE:
                break
        assert p.state == {"offset": PAGE, "limit": PAGE}
        assert got + await pager(client, "offset_plain", resume_from=p.state).collect() == items


async def test_collect_max_items_stops_early(serve: ServerFactory) -> None:
    log: list[dict[str, Any]] = []
    base = await serve(make_app(dataset(10 * PAGE), log))
    async with ToyClient(base_url=base) as client:
        assert len(await pager(client, "offset_plain").collect(max_items=15)) == 15
    assert len(log) == 2
    with pytest.raises(ValueError):
        await pager(client, "offset_plain").collect(max_items=-1)


async def test_same_cursor_twice_raises_instead_of_looping(serve: ServerFactory) -> None:
    log: list[dict[str, Any]] = []
    base = await serve(make_app(dataset(3 * PAGE), log))
    async with ToyClient(base_url=base) as client:
        p = Resource(client)._pager("GET", "/stuck", ScrollId(items=items_at("items")))
        got: list[Any] = []
        with pytest.raises(PaginationError, match="same page twice"):
            async for item in p:
                got.append(item)
    assert len(log) == 2  # the second page repeats the first: raised before it is yielded
    assert got == dataset(3 * PAGE)[:PAGE]


async def test_concurrent_offset_prefetch_keeps_order(serve: ServerFactory) -> None:
    items = dataset(20 * PAGE)
    in_flight = 0
    peak = 0
    overlapped = asyncio.Event()

    async def handler(request: web.Request) -> web.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        if in_flight >= 3:
            overlapped.set()
        off, lim = int(request.query["offset"]), int(request.query["limit"])
        if off > 0:  # later pages wait until three requests overlap (bounded, no sleep)
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(overlapped.wait(), 2.0)
        in_flight -= 1
        return web.json_response(
            {"_metadata": {"total": len(items)}, "items": items[off : off + lim]}
        )

    app = web.Application()
    app.router.add_get("/offset_total", handler)
    base = await serve(app)
    async with ToyClient(base_url=base) as client:
        p = pager(client, "offset_total", concurrency=4)
        assert await p.collect() == items
        assert p.total == len(items)
    assert 3 <= peak <= 4


async def test_concurrent_prefetch_is_cancelled_when_the_consumer_stops(
    serve: ServerFactory,
) -> None:
    items = dataset(20 * PAGE)
    base = await serve(make_app(items, []))
    async with ToyClient(base_url=base) as client:
        got = await pager(client, "offset_total", concurrency=4).collect(max_items=5)
        assert got == items[:5]
        pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        assert not [t for t in pending if "fetch" in repr(t)]


async def test_server_capping_the_limit_loses_nothing(serve: ServerFactory) -> None:
    items = dataset(45)

    async def capped(request: web.Request) -> web.Response:
        off = int(request.query["offset"])
        return web.json_response(
            {"_metadata": {"total": len(items)}, "items": items[off : off + 7]}
        )

    app = web.Application()
    app.router.add_get("/offset_total", capped)
    base = await serve(app)
    async with ToyClient(base_url=base) as client:
        assert await pager(client, "offset_total", concurrency=3).collect() == items


def test_strategies_refuse_bad_sizes() -> None:
    with pytest.raises(ValueError):
        OffsetLimit(limit=0)
    with pytest.raises(ValueError):
        PageNumber(page_size=-1)
    with pytest.raises(ValueError):
        CurrentId(size=True)


async def test_non_list_items_raise_pagination_error(serve: ServerFactory) -> None:
    async def weird(request: web.Request) -> web.Response:
        return web.json_response({"items": {"not": "a list"}})

    app = web.Application()
    app.router.add_get("/weird", weird)
    base = await serve(app)
    async with ToyClient(base_url=base) as client:
        with pytest.raises(PaginationError):
            await (
                Resource(client)
                ._pager("GET", "/weird", SinglePage(items=items_at("items")))
                .collect()
            )
