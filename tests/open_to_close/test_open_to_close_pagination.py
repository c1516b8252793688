"""Open To Close limit/offset pagination against a real localhost server: no total, stop on
a short or empty page, bare array and {"data": [...]}, filters on every page, resume."""

from __future__ import annotations

import json
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import PaginationError
from real_estate_async.providers.open_to_close import Agent, OpenToCloseClient

KEY = "otc-secret-key-123456"


class PagedServer:
    """``/agents`` and ``/properties/{id}/notes`` over ``total`` items, honouring
    limit/offset (capped at ``cap``) unless ``ignore_paging``."""

    def __init__(
        self, total: int, *, wrap: bool = False, cap: int = 1000, ignore_paging: bool = False
    ) -> None:
        self.items = [{"id": i + 1, "name": f"agent {i + 1}"} for i in range(total)]
        self.wrap = wrap
        self.cap = cap
        self.ignore_paging = ignore_paging
        self.queries: list[dict[str, str]] = []

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/agents", self.handle)
        app.router.add_get("/properties/{pid}/notes", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.Response:
        query = dict(request.query)
        assert query.pop("api_token") == KEY
        self.queries.append(query)
        if self.ignore_paging:
            page = self.items
        else:
            offset = int(query.get("offset", 0))
            limit = min(int(query.get("limit", 50)), self.cap)
            page = self.items[offset : offset + limit]
        return web.json_response({"data": page} if self.wrap else page)

    def offsets(self) -> list[int]:
        return [int(q["offset"]) for q in self.queries]


async def _client(serve: ServerFactory, server: PagedServer) -> OpenToCloseClient:
    return OpenToCloseClient(KEY, base_url=await serve(server.app()))


@pytest.mark.parametrize("wrap", [False, True], ids=["bare-array", "data-wrapped"])
async def test_all_pages_until_short_page(serve: ServerFactory, wrap: bool) -> None:
    server = PagedServer(25, wrap=wrap)
    async with await _client(serve, server) as client:
        agents = [a async for a in client.agents.list(limit=10, team_id=5)]
    assert [a.id for a in agents] == list(range(1, 26))
    assert all(isinstance(a, Agent) for a in agents)
    assert server.offsets() == [0, 10, 20]  # the short third page ends the list
    assert all(q["team_id"] == "5" and q["limit"] == "10" for q in server.queries)


@pytest.mark.parametrize("wrap", [False, True], ids=["bare-array", "data-wrapped"])
async def test_exact_multiple_ends_on_empty_page(serve: ServerFactory, wrap: bool) -> None:
    server = PagedServer(20, wrap=wrap)
    async with await _client(serve, server) as client:
        agents = await client.agents.list(limit=10).collect()
    assert len(agents) == 20
    assert server.offsets() == [0, 10, 20]


async def test_empty_collection(serve: ServerFactory) -> None:
    server = PagedServer(0, wrap=True)
    async with await _client(serve, server) as client:
        assert await client.agents.list().collect() == []
        assert await client.agents.list_agents() == []
    assert len(server.queries) == 2


async def test_short_page_is_the_end_signal(serve: ServerFactory) -> None:
    """A short page ends the list (Open To Close sends no total), even when the server
    capped ``limit``: that is why ``limit`` must not exceed the vendor's own cap."""
    server = PagedServer(30, cap=10)
    async with await _client(serve, server) as client:
        within_cap = await client.agents.list(limit=10).collect()
        above_cap = await client.agents.list(limit=20).collect()
    assert [a.id for a in within_cap] == list(range(1, 31))
    assert [a.id for a in above_cap] == list(range(1, 11))
    assert server.offsets() == [0, 10, 20, 30, 0]  # 30: the empty page


async def test_server_ignoring_paging_is_not_repeated(serve: ServerFactory) -> None:
    server = PagedServer(15, ignore_paging=True)
    async with await _client(serve, server) as client:
        agents = await client.agents.list(limit=10).collect()
    assert [a.id for a in agents] == list(range(1, 16))  # no duplicates
    assert len(server.queries) == 1


async def test_resume_from_state(serve: ServerFactory) -> None:
    server = PagedServer(35, wrap=True)
    async with await _client(serve, server) as client:
        pager = client.agents.list(limit=10, status="Active")
        first: list[Any] = []
        async for page in pager.pages():
            first.extend(page.items)
            break
        state = json.loads(json.dumps(pager.state))  # JSON-serialisable
        assert state == {"offset": 10, "limit": 10}
        rest = await client.agents.list(limit=10, status="Active", resume_from=state).collect()
    assert [a.id for a in first + rest] == list(range(1, 36))
    assert server.offsets() == [0, 10, 20, 30]
    assert all(q["status"] == "Active" for q in server.queries)


async def test_nested_list_pages_and_sync_name_collects_all(serve: ServerFactory) -> None:
    server = PagedServer(250)
    async with await _client(serve, server) as client:
        notes = await client.property_notes.list(7, raw=True).collect()
        via_sync_name = await client.property_notes.list_property_notes(7)
    assert notes == via_sync_name == server.items
    assert server.offsets() == [0, 100, 200, 0, 100, 200]


async def test_offset_start(serve: ServerFactory) -> None:
    server = PagedServer(12)
    async with await _client(serve, server) as client:
        agents = await client.agents.list(limit=5, offset=5).collect()
    assert [a.id for a in agents] == list(range(6, 13))
    assert server.offsets() == [5, 10]


async def test_unexpected_list_shape_raises(serve: ServerFactory) -> None:
    async def handle(request: web.Request) -> web.Response:
        return web.json_response({"data": {"not": "a list"}})

    app = web.Application()
    app.router.add_get("/agents", handle)
    async with OpenToCloseClient(KEY, base_url=await serve(app)) as client:
        with pytest.raises(PaginationError):
            await client.agents.list().collect()
