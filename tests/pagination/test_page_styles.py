"""The paging styles of Lofty's published operations (``real_estate_async.pagination``)
end to end against a localhost server: every item once, the end on the vendor's signal,
the caller's filters on every page, item-exact resume, and errors instead of loops or
silent loss."""

from __future__ import annotations

from typing import Any

import pytest
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import AsyncPager, PaginationError, ResponseShapeError
from real_estate_async.pagination import (
    LastItemId,
    NextCursor,
    NumberedPages,
    PaginationStrategy,
)
from real_estate_async.providers.base import Resource
from real_estate_async.providers.lofty._shapes import list_at

N = 47
ITEMS = [{"id": 1000 - 7 * i, "n": i} for i in range(N)]  # ids descending: not a keyset


def make_app(log: list[dict[str, str]], *, repeat_cursor: bool = False) -> web.Application:
    async def pages(request: web.Request) -> web.Response:
        # page/pageSize from 0, total under data (GET /v2.0/calendar)
        log.append(dict(request.query))
        page, size = int(request.query["page"]), int(request.query["pageSize"])
        chunk = ITEMS[page * size : (page + 1) * size]
        return web.json_response({"data": {"total": N, "page": page, "items": chunk}})

    async def page_num(request: web.Request) -> web.Response:
        # pageNum/pageSize from 1, hasMore under metadata (POST /v2.0/listings/search)
        body = await request.json()
        log.append({k: str(v) for k, v in body.items()})
        page, size = body["pageNum"], body["pageSize"]
        chunk = ITEMS[(page - 1) * size : page * size]
        return web.json_response({"listing": chunk, "metadata": {"hasMore": page * size < N}})

    async def short(request: web.Request) -> web.Response:
        # no total, no flag: a short page ends (GET /v2.0/ai/lead-analysis style)
        log.append(dict(request.query))
        page, size = int(request.query["pageNum"]), int(request.query["pageSize"])
        return web.json_response({"rows": ITEMS[page * size : (page + 1) * size]})

    async def capped(request: web.Request) -> web.Response:
        # a server that answers at most 5 items whatever pageSize says
        page = int(request.query["page"])
        return web.json_response({"total": N, "items": ITEMS[page * 5 : page * 5 + 5]})

    async def cursor(request: web.Request) -> web.Response:
        # limit + cursor, nextCursor null at the end (GET /v2.0/communication/agent)
        log.append(dict(request.query))
        start = int(request.query.get("cursor", "k0")[1:])
        size = int(request.query["limit"])
        chunk = ITEMS[start : start + size]
        end = start + len(chunk)
        token = "k0" if repeat_cursor else (f"k{end}" if end < N else None)
        return web.json_response({"data": chunk, "nextCursor": token, "hasMore": token is not None})

    async def last_id(request: web.Request) -> web.Response:
        # currentId = the id of the last item of the previous page (GET /v2.0/tasks/my-tasks)
        log.append(dict(request.query))
        size = int(request.query["limit"])
        ids = [item["id"] for item in ITEMS]
        current = request.query.get("currentId")
        start = ids.index(int(current)) + 1 if current else 0
        return web.json_response({"tasks": ITEMS[start : start + size]})

    async def shapeless(request: web.Request) -> web.Response:
        return web.json_response({"somethingElse": ITEMS[:3], "total": 3})

    app = web.Application()
    app.router.add_get("/pages", pages)
    app.router.add_post("/page-num", page_num)
    app.router.add_get("/short", short)
    app.router.add_get("/capped", capped)
    app.router.add_get("/cursor", cursor)
    app.router.add_get("/last-id", last_id)
    app.router.add_get("/shapeless", shapeless)
    return app


def styles() -> dict[str, tuple[str, str, PaginationStrategy, str]]:
    """style -> (method, path, strategy, where the paging arguments go)."""
    return {
        "page/pageSize + total": ("GET", "/pages", NumberedPages(
            items=list_at("data", "items"), page_size=10, total_path=("data", "total")), "query"),
        "pageNum/pageSize + hasMore": ("POST", "/page-num", NumberedPages(
            items=list_at("listing"), page_size=10, first_page=1, page_param="pageNum",
            has_more_path=("metadata", "hasMore")), "json"),
        "pageNum/pageSize, short page": ("GET", "/short", NumberedPages(
            items=list_at("rows"), page_size=10, page_param="pageNum"), "query"),
        "cursor": ("GET", "/cursor", NextCursor(items=list_at("data"), size=10), "query"),
        "currentId = last id": ("GET", "/last-id", LastItemId(items=list_at("tasks"), size=10),
                                "query"),
    }  # fmt: skip


STYLES = list(styles())


def pager(client: ToyClient, style: str, **kw: Any) -> AsyncPager[Any]:
    method, path, strategy, page_in = styles()[style]
    filters = {"stage": "New"}
    return Resource(client)._pager(
        method, path, strategy,
        params=filters if page_in == "query" else None,
        json=filters if page_in == "json" else None, page_in=page_in, **kw,
    )  # fmt: skip


@pytest.mark.parametrize("style", STYLES)
async def test_every_item_once_and_filters_on_every_page(serve: ServerFactory, style: str) -> None:
    log: list[dict[str, str]] = []
    base = await serve(make_app(log))
    async with ToyClient(base_url=base) as client:
        p = pager(client, style)
        items = await p.collect()
    assert items == ITEMS
    assert p.done and len(log) >= 5
    assert all(entry["stage"] == "New" for entry in log)  # the filters on every page


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("stop", [1, 10, 13, 46])
async def test_resume_from_state_is_item_exact(serve: ServerFactory, style: str, stop: int) -> None:
    base = await serve(make_app([]))
    async with ToyClient(base_url=base) as client:
        first = pager(client, style)
        head = await first.collect(stop)
        rest = await pager(client, style, resume_from=first.state).collect()
    assert head + rest == ITEMS


async def test_a_repeated_cursor_raises(serve: ServerFactory) -> None:
    base = await serve(make_app([], repeat_cursor=True))
    async with ToyClient(base_url=base) as client:
        p = pager(client, "cursor")
        with pytest.raises(PaginationError, match="same page twice"):
            await p.collect()


async def test_a_capped_page_size_raises_instead_of_skipping(serve: ServerFactory) -> None:
    base = await serve(make_app([]))
    strategy = NumberedPages(items=list_at("items"), page_size=10, total_path=("total",))
    async with ToyClient(base_url=base) as client:
        p = Resource(client)._pager("GET", "/capped", strategy)
        with pytest.raises(PaginationError, match="caps the page size"):
            await p.collect()


@pytest.mark.parametrize("style", STYLES)
async def test_a_response_without_the_list_key_raises(serve: ServerFactory, style: str) -> None:
    _, _, strategy, _ = styles()[style]
    base = await serve(make_app([]))
    async with ToyClient(base_url=base) as client:
        p = Resource(client)._pager("GET", "/shapeless", strategy)
        with pytest.raises(ResponseShapeError) as caught:
            await p.collect()
    assert caught.value.keys == ("somethingElse", "total")


def test_an_explicit_null_or_empty_list_is_empty() -> None:
    assert list_at("data")({"data": None}) == []
    assert list_at("data")({"data": []}) == []
    assert list_at()([]) == []
    with pytest.raises(ResponseShapeError):
        list_at("data")({"data": {"x": 1}})
