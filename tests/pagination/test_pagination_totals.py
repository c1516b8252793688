"""Every style that reads a total the vendor announces reads it one way: a count (an int or a
string of digits) ends the listing exactly there; anything else (negative, a boolean, not a
number) is no total, so the listing ends on the style's other signal and loses nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async.pagination import (
    AsyncPager,
    NumberedPages,
    OffsetLimit,
    PaginationStrategy,
    items_at,
)

N = 40  # a multiple of the page size: with a total the listing ends without an empty page
ITEMS = [{"id": i} for i in range(N)]


def app(total: Any, log: list[Mapping[str, str]]) -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        log.append(dict(request.query))
        if "page" in request.query:
            start = int(request.query["page"]) * int(request.query["pageSize"])
            size = int(request.query["pageSize"])
        else:
            start, size = int(request.query["offset"]), int(request.query["limit"])
        return web.json_response({"total": total, "items": ITEMS[start : start + size]})

    application = web.Application()
    application.router.add_get("/list", handle)
    return application


STRATEGIES: dict[str, PaginationStrategy] = {
    "page number": NumberedPages(items=items_at("items"), page_size=10, total_path=("total",)),
    "offset": OffsetLimit(items=items_at("items"), limit=10, total_path=("total",)),
}


@pytest.mark.parametrize("style", list(STRATEGIES))
@pytest.mark.parametrize(
    ("total", "requests"),
    [(N, 4), (str(N), 4), (-1, 5), (True, 5), ("forty", 5), (None, 5)],
)
async def test_one_reading_of_the_total(
    serve: ServerFactory, style: str, total: Any, requests: int
) -> None:
    log: list[Mapping[str, str]] = []
    base = await serve(app(total, log))
    async with aiohttp.ClientSession() as session:

        async def fetch(args: Mapping[str, Any]) -> Any:
            async with session.get(f"{base}/list", params=dict(args)) as response:
                return await response.json()

        pager: AsyncPager[Any] = AsyncPager(fetch, STRATEGIES[style])
        assert await pager.collect() == ITEMS
    # A count is trusted (no page asked past it); no count: the empty page ends the listing.
    assert len(log) == requests
    assert pager.total == (N if requests == 4 else None)
