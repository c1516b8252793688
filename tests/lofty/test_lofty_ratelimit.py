"""Lofty rate limits against localhost servers that count calls per window.

No real minute is slept: the 10-calls-per-60-s rule is exercised with the same code path
and a short period (the module's default is patched, or ``rate_limit=`` is given)."""

from __future__ import annotations

import asyncio
import math
import time

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async.providers.lofty import LoftyClient
from real_estate_async.providers.lofty import client as lofty_client

CALLS = 25


def timestamp_app(stamps: list[float]) -> web.Application:
    async def handler(request: web.Request) -> web.Response:
        stamps.append(time.monotonic())
        return web.json_response({"id": 1})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


def max_in_window(stamps: list[float], window: float) -> int:
    """Largest number of server-side arrivals inside any window of ``window`` seconds."""
    stamps = sorted(stamps)
    best, j = 0, 0
    for i, start in enumerate(stamps):
        while stamps[j] < start - window + 1e-9:
            j += 1
        best = max(best, i - j + 1)
    return best


def assert_spread(stamps: list[float], max_calls: int, period: float) -> None:
    assert len(stamps) == CALLS
    # Never more than max_calls arrivals in any window of `period` seconds...
    assert max_in_window(stamps, period) <= max_calls
    # ...so 25 calls need three windows: they span at least two full periods.
    windows = math.ceil(CALLS / max_calls)
    assert max(stamps) - min(stamps) >= (windows - 1) * period * 0.95


async def test_default_without_vendor_key_spreads_25_concurrent_calls(
    serve: ServerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The default (10 calls, 60 s) shrunk to (10, 0.5 s): same code path, no real minute.
    monkeypatch.setattr(lofty_client, "NO_VENDOR_KEY_LIMIT", (10, 0.5))
    stamps: list[float] = []
    base = await serve(timestamp_app(stamps))
    async with LoftyClient("key-a", base_url=base) as client:
        await asyncio.gather(*(client.members.me() for _ in range(CALLS)))
    assert_spread(stamps, 10, 0.5)


async def test_clients_sharing_a_credential_share_the_budget(serve: ServerFactory) -> None:
    stamps: list[float] = []
    base = await serve(timestamp_app(stamps))
    clients = [LoftyClient("key-b", base_url=base, rate_limit=(10, 0.5)) for _ in range(3)]
    await asyncio.gather(*(clients[i % 3].members.me() for i in range(CALLS)))
    for c in clients:
        await c.aclose()
    assert_spread(stamps, 10, 0.5)


class WindowedServer:
    """Counts calls per fixed window (aligned on the epoch), announces
    X-RateLimit-Limit/Remaining/Reset (reset in UTC epoch seconds) and answers 429
    ``{"message": "Too Many Requests"}`` beyond the limit."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self.counts: dict[int, int] = {}
        self.ok = 0
        self.rejected = 0
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        self.app = app

    async def handle(self, request: web.Request) -> web.Response:
        now = time.time()
        index = math.floor(now / self.window)
        self.counts[index] = used = self.counts.get(index, 0) + 1
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.limit - used)),
            "X-RateLimit-Reset": f"{(index + 1) * self.window:.3f}",
        }
        if used > self.limit:
            self.rejected += 1
            return web.json_response({"message": "Too Many Requests"}, status=429, headers=headers)
        self.ok += 1
        return web.json_response({"lead": {"leadId": 1}}, headers=headers)


async def test_adaptive_layer_follows_the_headers_with_zero_429(serve: ServerFactory) -> None:
    server = WindowedServer(limit=5, window=1.5)
    base = await serve(server.app)
    async with LoftyClient("key-c", vendor_key="vk", base_url=base) as client:
        await asyncio.gather(*(client.leads.get(1) for _ in range(12)))
        assert client.stats["rate_limited"] == 0
    assert server.rejected == 0
    assert server.ok == 12
    assert max(server.counts.values()) <= 5
