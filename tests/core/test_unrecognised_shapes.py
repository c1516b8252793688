"""An unrecognised response shape is an error, never an empty page or an all-None model.

A vendor that renames the key wrapping its list (``{"items_v2": [...]}`` where the code
reads ``calls``) must not look like "no records": every paging style of every vendor, and
every one-record unwrap, raises :class:`ResponseShapeError` naming the keys it saw.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import (
    BrokermintClient,
    LoftyClient,
    OpenToCloseClient,
    OviproClient,
    PaginationError,
    ResponseShapeError,
)
from real_estate_async.pagination import AsyncPager

#: What a vendor that renamed its wrapper might answer: records under a key the code does
#: not know, beside paging fields that would otherwise say "more to come".
RENAMED = {
    "items_v2": [{"id": 1, "leadId": 1}],
    "_metadata": {"total": 5, "scrollId": "s1"},
    "hasMore": True,
    "nextPageKey": "k1",
}
SEEN = ["items_v2", "_metadata", "hasMore", "nextPageKey"]
OFFICE = "3f2c1b8e-2d1a-4c8e-9a57-0b3c2d1e4f5a"
AGENT = "0b3c2d1e-4f5a-4c8e-9a57-3f2c1b8e2d1a"

Run = Callable[[str], Awaitable[Any]]


def _lofty(get: Callable[[LoftyClient], Any]) -> Run:
    async def run(base: str) -> Any:
        async with LoftyClient("k", base_url=base) as client:
            result = get(client)
            return await (result.collect() if isinstance(result, AsyncPager) else result)

    return run


def _brokermint(get: Callable[[BrokermintClient], AsyncPager[Any]]) -> Run:
    async def run(base: str) -> Any:
        async with BrokermintClient("k", base_url=base) as client:
            return await get(client).collect()

    return run


async def _otc_properties(base: str) -> Any:
    async with OpenToCloseClient("k", base_url=base) as client:
        return await client.properties.list().collect()


async def _otc_single_page(base: str) -> Any:
    async with OpenToCloseClient("k", base_url=base) as client:
        return await client.agents.list_agents({"limit": 5})


async def _ovipro_agencies(base: str) -> Any:
    async with OviproClient("t", base_url=base) as client:
        return await client.agencies.find(agent_id=AGENT)


PAGER_STYLES: dict[str, Run] = {
    "lofty offset/limit + _metadata.total": _lofty(lambda c: c.leads.list()),
    "lofty offset/limit (calls)": _lofty(lambda c: c.calls.list()),
    "lofty scrollId": _lofty(lambda c: c.leads.scroll()),
    "lofty currentId (call history)": _lofty(lambda c: c.communication.calls()),
    "lofty currentId (email history)": _lofty(lambda c: c.communication.emails()),
    "lofty currentId (logType)": _lofty(lambda c: c.log_types.list()),
    "lofty nextPageKey": _lofty(lambda c: c.listings.list()),
    "lofty soldNextPageKey": _lofty(lambda c: c.listings.list_sold()),
    "lofty pageNumber (systemLogs)": _lofty(lambda c: c.system_logs.list()),
    "lofty curPage (activities)": _lofty(lambda c: c.leads.activities(1)),
    "lofty hasMore": _lofty(lambda c: c.communication.by_agent()),
    "lofty one page (tasks)": _lofty(lambda c: c.tasks.list(lead_id=1)),
    "lofty one response (tags)": _lofty(lambda c: c.team_features.tags()),
    "brokermint count + starting_from_id": _brokermint(lambda c: c.transactions.list()),
    "brokermint one response": _brokermint(lambda c: c.offers.list(1)),
    "open to close limit/offset": _otc_properties,
    "open to close one page": _otc_single_page,
    "ovipro one response": _ovipro_agencies,
}


def _answer(body: Any, seen: list[web.Request]) -> web.Application:
    async def handler(request: web.Request) -> web.StreamResponse:
        seen.append(request)
        return web.json_response(body)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


@pytest.mark.parametrize("style", sorted(PAGER_STYLES))
async def test_an_unknown_list_key_raises_in_every_paging_style(
    serve: ServerFactory, style: str
) -> None:
    """Each style used to end the listing quietly on such a page (0 records, no error)."""
    seen: list[web.Request] = []
    base = await serve(_answer(RENAMED, seen))
    with pytest.raises(ResponseShapeError, match="unrecognised response shape") as caught:
        await PAGER_STYLES[style](base)
    error = caught.value
    assert isinstance(error, PaginationError)  # list code catching PaginationError sees it
    assert list(error.keys) == SEEN and "'items_v2'" in str(error)
    assert len(seen) == 1  # the first page, not retried or skipped past


ONE_RECORD: dict[str, tuple[Run, dict[str, Any]]] = {
    # Lofty OpenAPI document: CallDetailResponse, TaskSingleResponse, NoteSingleResponse,
    # LogTypeSingleResponse wrap the record; a bare record there is not documented.
    "lofty calls.get": (_lofty(lambda c: c.calls.get(1)), {"call_v2": {"id": 1}}),
    "lofty tasks.get": (_lofty(lambda c: c.tasks.get(1)), {"id": 1, "content": "x"}),
    "lofty notes.get": (_lofty(lambda c: c.notes.get(1)), {"noteId": 1}),
    "lofty log_types.get": (_lofty(lambda c: c.log_types.get(1)), {"logs": {"id": 1}}),
    # Documented bare: an object holding none of the record's fields is still refused.
    "lofty leads.get": (_lofty(lambda c: c.leads.get(1)), {"leadV2": {"leadId": 1}}),
    "lofty default_rule": (_lofty(lambda c: c.lead_routing.default_rule(1)), {"rule": {}}),
    "lofty members.me": (_lofty(lambda c: c.members.me()), {}),
}


@pytest.mark.parametrize("call", sorted(ONE_RECORD))
async def test_an_unknown_record_wrapper_raises_instead_of_an_empty_model(
    serve: ServerFactory, call: str
) -> None:
    run, body = ONE_RECORD[call]
    base = await serve(_answer(body, []))
    with pytest.raises(ResponseShapeError, match="unrecognised response shape") as caught:
        await run(base)
    assert list(caught.value.keys) == list(body)


async def test_explicitly_empty_lists_are_still_empty(serve: ServerFactory) -> None:
    """Only ``[]``, a known key holding ``[]``/``null`` or an empty body mean "no records"."""
    bodies: list[Any] = [[], {"calls": []}, {"calls": None}, {"data": []}]
    for body in bodies:
        base = await serve(_answer(body, []))
        assert await _lofty(lambda c: c.communication.calls())(base) == []
