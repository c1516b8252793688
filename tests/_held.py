"""A Brokermint ``GET /transactions`` on localhost (aiohttp, on its own loop in a thread)
for sync runs in this process or in a subprocess: it serves the records it is given,
any text (the body is written with JSON escapes, so a lone surrogate goes out as
``\\ud800``), and can hold the first request until the test lets it go: an event that
proves a run is under way, whatever the machine's speed."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

__all__ = ["HeldServer", "held_brokermint"]


class HeldServer:
    def __init__(self, records: list[dict[str, Any]], hold: bool) -> None:
        self.records = records
        self.hold = hold
        self.url = ""
        self.entered = threading.Event()  # the first request arrived (and is held)
        self.queries: list[dict[str, str]] = []
        self._loop = asyncio.new_event_loop()
        self._release: asyncio.Event | None = None

    def release(self) -> None:
        """Let the held request (and every later one) through."""
        self._loop.call_soon_threadsafe(self._set_release)

    def _set_release(self) -> None:
        assert self._release is not None
        self._release.set()

    async def handler(self, request: web.Request) -> web.Response:
        self.queries.append(dict(request.query))
        if self.hold:
            self.entered.set()
            assert self._release is not None
            await self._release.wait()
        since = int(request.query.get("updated_since", 0))
        start = int(request.query.get("starting_from_id", 0))
        count = int(request.query.get("count", 100))
        page = [r for r in self.records if r["id"] >= start and r["updated_at"] >= since]
        # ensure_ascii: a lone surrogate travels as its JSON escape, as a vendor sends it
        return web.Response(text=json.dumps(page[:count]), content_type="application/json")


@contextmanager
def held_brokermint(records: list[dict[str, Any]], *, hold: bool = False) -> Iterator[HeldServer]:
    held = HeldServer(records, hold)
    thread = threading.Thread(target=held._loop.run_forever, daemon=True)
    thread.start()

    async def start() -> TestServer:
        held._release = asyncio.Event()
        app = web.Application()
        app.router.add_get("/transactions", held.handler)
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        return server

    server = asyncio.run_coroutine_threadsafe(start(), held._loop).result()
    held.url = str(server.make_url("")).rstrip("/")
    try:
        yield held
    finally:
        held.release()
        asyncio.run_coroutine_threadsafe(server.close(), held._loop).result()
        held._loop.call_soon_threadsafe(held._loop.stop)
        thread.join()
        held._loop.close()


def transactions(n: int) -> list[dict[str, Any]]:
    """``n`` plain Brokermint transactions, ids 1..n, update times 1..n ms after a base."""
    return [
        {"id": i, "address": f"{i} Main St", "updated_at": 1_700_000_000_000 + i}
        for i in range(1, n + 1)
    ]
