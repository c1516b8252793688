"""Pagers against localhost servers that misbehave (short or repeated pages, cursors seen twice, changing totals): every
record once, or a PaginationError; never a silent loss, a silent repeat or an endless loop."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import AsyncPager, PaginationError
from real_estate_async.pagination import (
    CountFromId,
    CurrentId,
    Cursor,
    EmptyPageError,
    HasMore,
    NextPageKey,
    OffsetLimit,
    PageNumber,
    PaginationStrategy,
    ScrollId,
    SinglePage,
    items_at,
)
from real_estate_async.providers.base import Resource
from real_estate_async.providers.lofty import LoftyClient
from real_estate_async.providers.open_to_close import OpenToCloseClient

Handler = Callable[[web.Request], Any]


def rows(n: int, start: int = 1) -> list[dict[str, Any]]:
    return [{"id": i, "name": f"r{i}"} for i in range(start, start + n)]


async def app_with(serve: ServerFactory, path: str, handler: Handler, method: str = "GET") -> str:
    app = web.Application()
    app.router.add_route(method, path, handler)
    return str(await serve(app))


def toy_pager(client: ToyClient, path: str, strategy: PaginationStrategy, **kw: Any) -> Any:
    return Resource(client)._pager("GET", path, strategy, **kw)


async def drain(pager: AsyncPager[Any]) -> tuple[list[Any], BaseException | None]:
    """Items yielded before the pager stopped, and the error that stopped it."""
    got: list[Any] = []
    try:
        async for item in pager:
            got.append(item)
    except PaginationError as exc:
        return got, exc
    return got, None


# ------------------------------------------------------------- servers ignoring paging


async def test_lofty_leads_with_a_total_and_the_offset_ignored(serve: ServerFactory) -> None:
    """Total 500, always the first 100: was 500 items (100 distinct) and no error."""
    served = 0

    async def leads(request: web.Request) -> web.Response:
        nonlocal served
        served += 1
        page = [{"lead": {"leadId": i}} for i in range(1, 101)]
        return web.json_response({"_metadata": {"total": 500}, "leads": page})

    base = await app_with(serve, "/v1.0/leads", leads)
    async with LoftyClient("key", vendor_key="vk", base_url=base + "/v1.0") as lofty:
        got, error = await drain(lofty.leads.list(limit=100))
    assert isinstance(error, PaginationError) and "same page twice" in str(error)
    assert [lead.lead_id for lead in got] == list(range(1, 101))  # each once, then the error
    assert served == 2


async def test_lofty_system_logs_with_page_number_ignored(serve: ServerFactory) -> None:
    """Was an endless loop (cut at 20,000 items, 100 distinct)."""
    served = 0

    async def logs(request: web.Request) -> web.Response:
        nonlocal served
        served += 1
        return web.json_response([{"id": i, "content": f"log {i}"} for i in range(100)])

    base = await app_with(serve, "/v1.0/systemLogs", logs)
    async with LoftyClient("key", vendor_key="vk", base_url=base + "/v1.0") as lofty:
        got, error = await drain(lofty.system_logs.list(lead_id=1))
    assert isinstance(error, PaginationError)
    assert len(got) == 100 and served == 2


async def test_open_to_close_agents_with_offset_ignored(serve: ServerFactory) -> None:
    """A full page (exactly ``limit``) again and again: was an endless loop."""
    served = 0

    async def agents(request: web.Request) -> web.Response:
        nonlocal served
        served += 1
        return web.json_response(rows(int(request.query["limit"])))

    base = await app_with(serve, "/agents", agents)
    async with OpenToCloseClient("otc-secret-key-123456", base_url=base) as otc:
        got, error = await drain(otc.agents.list(limit=100))
    assert isinstance(error, PaginationError)
    assert [a.id for a in got] == list(range(1, 101)) and served == 2


async def test_has_more_with_offset_ignored(serve: ServerFactory) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"items": rows(10), "hasMore": True})

    base = await app_with(serve, "/x", handler, "POST")
    async with ToyClient(base_url=base) as client:
        p = Resource(client)._pager(
            "POST", "/x", HasMore(items=items_at("items"), limit=10), page_in="json"
        )
        got, error = await drain(p)
    assert isinstance(error, PaginationError) and len(got) == 10


async def test_pages_cycling_between_two_contents_raise(serve: ServerFactory) -> None:
    """Not only the previous page: any page seen before in this iteration."""

    async def handler(request: web.Request) -> web.Response:
        page = int(request.query["pageNumber"])
        return web.json_response(rows(10, start=1 + 10 * (page % 2)))

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        got, error = await drain(toy_pager(client, "/x", PageNumber(page_size=10)))
    assert isinstance(error, PaginationError)
    assert [r["id"] for r in got] == list(range(1, 21))


class _Endless(PaginationStrategy):
    """A strategy that never stops by itself (as a buggy subclass might)."""

    items = staticmethod(items_at("items"))

    def start(self) -> Cursor:
        return {"page": 0}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return {"page": cursor["page"]}

    def advance(self, cursor: Cursor, raw: Any, items: Any) -> Cursor | None:
        return {"page": cursor["page"] + 1}

    def total(self, raw: Any) -> int | None:
        return int(raw["total"])


async def test_pages_past_the_announced_total_are_bounded(serve: ServerFactory) -> None:
    served = 0

    async def handler(request: web.Request) -> web.Response:
        nonlocal served
        served += 1
        page = int(request.query["page"])
        return web.json_response({"total": 25, "items": rows(10, start=1 + 10 * page)})

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        got, error = await drain(toy_pager(client, "/x", _Endless()))
    assert isinstance(error, PaginationError) and "announced 25" in str(error)
    # Pages 1-3 reach the total, one more page is tolerated, the fifth raises unyielded.
    assert len(got) == 40 and served == 5


# ------------------------------------------------------------------- empty pages


def offset_server(total: int, empty_at: int, empty_times: int, log: list[int]) -> Handler:
    """offset/limit with ``_metadata.total``; the page at ``empty_at`` comes back empty
    the first ``empty_times`` times it is asked for."""
    items = rows(total)
    empties = {"left": empty_times}

    async def handler(request: web.Request) -> web.Response:
        off, lim = int(request.query["offset"]), int(request.query["limit"])
        log.append(off)
        page = items[off : off + lim]
        if off == empty_at and empties["left"]:
            empties["left"] -= 1
            page = []
        return web.json_response({"_metadata": {"total": total}, "items": page})

    return handler


OFFSET = OffsetLimit(items=items_at("items"), limit=100, total_path=("_metadata", "total"))


async def test_empty_page_before_the_total_raises_after_one_retry(serve: ServerFactory) -> None:
    """Was: done=True with 100 of 300 yielded, and resume could not recover."""
    log: list[int] = []
    base = await app_with(serve, "/x", offset_server(300, 100, 2, log))
    async with ToyClient(base_url=base) as client:
        p = toy_pager(client, "/x", OFFSET)
        got, error = await drain(p)
        assert isinstance(error, EmptyPageError) and "before the announced total 300" in str(error)
        assert len(got) == 100 and log == [0, 100, 100]
        assert not p.done and p.state["offset"] == 100  # a later resume asks that page again
        rest = await toy_pager(client, "/x", OFFSET, resume_from=p.state).collect()
    assert [r["id"] for r in got + rest] == list(range(1, 301))


async def test_a_transient_empty_page_is_retried_once(serve: ServerFactory, caplog: Any) -> None:
    log: list[int] = []
    base = await app_with(serve, "/x", offset_server(300, 100, 1, log))
    async with ToyClient(base_url=base) as client:
        with caplog.at_level(logging.WARNING, logger="real_estate_async"):
            got = await toy_pager(client, "/x", OFFSET).collect()
    assert [r["id"] for r in got] == list(range(1, 301))
    assert log == [0, 100, 100, 200]
    assert any("once more" in r.getMessage() for r in caplog.records)


async def test_an_empty_page_with_a_next_page_key_raises(serve: ServerFactory) -> None:
    async def handler(request: web.Request) -> web.Response:
        key = int(request.query.get("nextPageKey", "0"))
        if key == 0:
            return web.json_response({"items": rows(10), "nextPageKey": "10"})
        return web.json_response({"items": [], "nextPageKey": str(key + 10)})

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        got, error = await drain(toy_pager(client, "/x", NextPageKey(items=items_at("items"))))
    assert isinstance(error, PaginationError) and "nextPageKey" in str(error)
    assert len(got) == 10


async def test_an_empty_page_that_says_has_more_raises(serve: ServerFactory) -> None:
    async def handler(request: web.Request) -> web.Response:
        body = await request.json()
        page = rows(10) if body["offset"] == 0 else []
        return web.json_response({"items": page, "hasMore": True})

    base = await app_with(serve, "/x", handler, "POST")
    async with ToyClient(base_url=base) as client:
        p = Resource(client)._pager(
            "POST", "/x", HasMore(items=items_at("items"), limit=10), page_in="json"
        )
        got, error = await drain(p)
    assert isinstance(error, PaginationError) and len(got) == 10


async def test_a_changing_total_is_logged(serve: ServerFactory, caplog: Any) -> None:
    items = rows(260)

    async def handler(request: web.Request) -> web.Response:
        off, lim = int(request.query["offset"]), int(request.query["limit"])
        total = 250 if off == 0 else 260  # records were added meanwhile
        return web.json_response({"_metadata": {"total": total}, "items": items[off : off + lim]})

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        with caplog.at_level(logging.WARNING, logger="real_estate_async"):
            got = await toy_pager(client, "/x", OFFSET).collect()
    assert [r["id"] for r in got] == list(range(1, 261))
    changed = [r.getMessage() for r in caplog.records if "total changed" in r.getMessage()]
    assert changed == ["the listing's total changed from 250 to 260 at offset 100: offset "
                       "paging may repeat or skip records; prefer the vendor's scroll or "
                       "keyset listing"]  # fmt: skip


# ------------------------------------------------------------------------- keyset


def keyset_server(pages: dict[Any, list[int]], param: str) -> Handler:
    """Answers a scripted list of ids for each value of the keyset parameter."""

    async def handler(request: web.Request) -> web.Response:
        key = request.query.get(param)
        ids = pages[int(key) if key is not None else None]
        return web.json_response([{"id": i} for i in ids])

    return handler


@pytest.mark.parametrize("style", ["count_from", "current_id"])
async def test_descending_keyset_ids_raise(serve: ServerFactory, style: str) -> None:
    """Was: the highest id became the cursor and every lower one of the page was lost."""
    strategy: PaginationStrategy
    if style == "count_from":
        strategy, param = CountFromId(size=5), "starting_from_id"
    else:
        strategy, param = CurrentId(size=5), "currentId"
    pages = {None: [50, 49, 48, 47, 46], 51: [], 50: []}
    base = await app_with(serve, "/x", keyset_server(pages, param))
    async with ToyClient(base_url=base) as client:
        got, error = await drain(toy_pager(client, "/x", strategy))
    assert isinstance(error, PaginationError) and "not ascending" in str(error)
    assert got == []  # raised before the page was yielded


async def test_current_id_repeats_within_a_page_and_later_are_yielded_once(
    serve: ServerFactory,
) -> None:
    pages = {
        None: [1, 2, 2, 3, 4],  # 2 twice within the page
        4: [4, 5, 6, 7, 8],  # inclusive boundary
        8: [8, 3, 9, 10, 11],  # 3 re-sent two pages later
        11: [11, 12],
    }
    base = await app_with(serve, "/x", keyset_server(pages, "currentId"))
    async with ToyClient(base_url=base) as client:
        got = await toy_pager(client, "/x", CurrentId(size=5)).collect()
    assert [r["id"] for r in got] == list(range(1, 13))


@pytest.mark.parametrize("size", [1, 3])
async def test_current_id_steps_past_an_inclusive_id(serve: ServerFactory, size: int) -> None:
    """With limit=1 the cursor never moved and the listing stopped with an error."""
    ids = [2, 5, 6, 9, 12, 13, 20]
    asked: list[str | None] = []

    async def handler(request: web.Request) -> web.Response:
        cid = request.query.get("currentId")
        asked.append(cid)
        start = int(cid) if cid is not None else 0
        return web.json_response([{"id": i} for i in ids if i >= start][:size])

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        p = toy_pager(client, "/x", CurrentId(size=size))
        got = await p.collect()
    assert [r["id"] for r in got] == ids and p.done
    if size == 1:
        assert asked == [None, "3", "6", "7", "10", "13", "14", "21"]


async def test_keyset_state_stays_small() -> None:
    """The cursor keeps the highest id, not the previous page's ids (was up to 1,000)."""
    strategy = CountFromId(size=1000)
    cursor = strategy.advance(strategy.start(), None, [{"id": i} for i in range(1, 1001)])
    assert cursor == {"from": 1001, "last": 1000}
    # A state saved by an older version (previous page's ids) still resumes.
    old = {"from": 1001, "seen": list(range(1, 1001))}
    assert strategy.keep(old, [{"id": 1000}, {"id": 1001}]) == [{"id": 1001}]


# --------------------------------------------------------------- positions, not identity


async def test_a_page_of_one_cached_object_is_not_done_after_its_first_item(
    serve: ServerFactory,
) -> None:
    cached = object()

    async def handler(request: web.Request) -> web.Response:
        off = int(request.query["offset"])
        return web.json_response({"_metadata": {"total": 6}, "items": rows(6)[off : off + 3]})

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        strategy = OffsetLimit(items=items_at("items"), limit=3, total_path=("_metadata", "total"))
        p = toy_pager(client, "/x", strategy, parse=lambda item: cached)
        n = 0
        async for item in p:
            assert item is cached
            n += 1
            if n == 4:  # the first item of the last page
                break
        assert not p.done and p.state["offset"] == 4
        assert len(await toy_pager(client, "/x", strategy, resume_from=p.state).collect()) == 2


# ------------------------------------------------------- iterating the same pager again


async def test_a_pager_continues_after_break_and_refuses_a_second_full_pass(
    serve: ServerFactory,
) -> None:
    async def handler(request: web.Request) -> web.Response:
        page = int(request.query["pageNumber"])
        return web.json_response(rows(10, start=1 + 10 * page) if page < 3 else rows(5, 31))

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        p = toy_pager(client, "/x", PageNumber(page_size=10))
        first = await p.collect(max_items=13)
        assert p.items_yielded == 13
        rest = await p.collect()  # continues item-exactly
        assert [r["id"] for r in first + rest] == list(range(1, 36))
        assert p.items_yielded == 35
        with pytest.raises(PaginationError, match="new pager"):
            await p.collect()
        with pytest.raises(PaginationError, match="new pager"):
            async for _ in p.pages():
                pass
        # A pager resumed from a finished state delivers nothing once, then refuses too.
        done = toy_pager(client, "/x", PageNumber(page_size=10), resume_from={"done": True})
        assert await done.collect() == []
        with pytest.raises(PaginationError):
            await done.collect()


async def test_a_newer_pass_takes_over_an_unfinished_one(serve: ServerFactory) -> None:
    async def handler(request: web.Request) -> web.Response:
        off = int(request.query["offset"])
        return web.json_response(rows(40)[off : off + 10])

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        p = toy_pager(client, "/x", OffsetLimit(limit=10))
        old = p.__aiter__()
        assert (await old.__anext__())["id"] == 1
        rest = await p.collect()
        assert [r["id"] for r in rest] == list(range(2, 41))
        with pytest.raises(PaginationError, match="newer iteration"):
            await old.__anext__()
        await old.aclose()


# ------------------------------------------------------------ mid-page resume check


async def test_a_changed_page_on_a_mid_page_resume_raises(serve: ServerFactory) -> None:
    data = {"items": rows(10)}

    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"items": data["items"]})

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        strategy = SinglePage(items=items_at("items"))
        p = toy_pager(client, "/x", strategy)
        assert len(await p.collect(max_items=4)) == 4
        state = json.loads(json.dumps(p.state))
        assert state["skip"] == 4
        data["items"] = rows(10, start=2)  # a record was deleted meanwhile
        with pytest.raises(PaginationError, match="same page again"):
            await toy_pager(client, "/x", strategy, resume_from=state).collect()
        data["items"] = rows(10)
        rest = await toy_pager(client, "/x", strategy, resume_from=state).collect()
        assert [r["id"] for r in rest] == list(range(5, 11))


async def test_scroll_repeated_token_with_new_items_is_fine(serve: ServerFactory) -> None:
    """Scroll ids may stay the same between pages: only repeated content is a loop."""
    served = {"n": 0}

    async def handler(request: web.Request) -> web.Response:
        n = served["n"]
        served["n"] += 1
        page = rows(10, start=1 + 10 * n) if n < 3 else []
        return web.json_response({"_metadata": {"scrollId": "same"}, "items": page})

    base = await app_with(serve, "/x", handler)
    async with ToyClient(base_url=base) as client:
        got = await toy_pager(client, "/x", ScrollId(items=items_at("items"))).collect()
    assert [r["id"] for r in got] == list(range(1, 31))


# ---------------------------------------- item-exact resume against the vendor sandbox


def _sandbox_listings() -> dict[str, Callable[[Any, Any], AsyncPager[Any]]]:
    return {
        "lofty offset": lambda c, s: c.leads.list(limit=25, resume_from=s, raw=True),
        "lofty scroll": lambda c, s: c.leads.scroll(limit=25, resume_from=s, raw=True),
        "lofty currentId": lambda c, s: c.communication.calls(limit=25, resume_from=s, raw=True),
        "lofty nextPageKey": lambda c, s: c.listings.list(limit=25, resume_from=s, raw=True),
        "lofty pageNumber": lambda c, s: c.system_logs.list(page_size=25, resume_from=s, raw=True),
        "brokermint keyset": lambda c, s: c.contacts.list(count=25, resume_from=s, raw=True),
    }


@pytest.mark.parametrize("name", sorted(_sandbox_listings()))
async def test_sandbox_listing_resumes_item_exactly(name: str) -> None:
    from real_estate_async import BrokermintClient
    from real_estate_async.sandbox import RateLimits, Sandbox

    vendor = "brokermint" if name.startswith("brokermint") else "lofty"
    make = _sandbox_listings()[name]
    cls: Any = BrokermintClient if vendor == "brokermint" else LoftyClient
    async with (
        Sandbox(130, vendors=[vendor], rate_limits=RateLimits.relaxed()) as sb,
        cls(**sb.client_kwargs(vendor)) as client,
    ):
        full = await make(client, None).collect()
        assert len(full) > 60 and len({json.dumps(r, sort_keys=True) for r in full}) == len(full)
        for k in (1, 24, 25, 26, 63):
            first = make(client, None)
            got = await first.collect(max_items=k)
            state = json.loads(json.dumps(first.state))
            rest = await make(client, state).collect()
            assert got + rest == full, (name, k)
