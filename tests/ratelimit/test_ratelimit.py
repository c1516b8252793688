"""Limiters against localhost servers that count requests per window."""

from __future__ import annotations

import asyncio
import time

import pytest
from _toy import HeaderToyClient, ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async.ratelimit import (
    AdaptiveRateLimiter,
    HeaderWindow,
    LocalRateLimiter,
    QuotaExhaustedError,
    WindowRateLimiter,
    limiter_for,
)


def max_in_window(stamps: list[float], window: float) -> int:
    stamps = sorted(stamps)
    best, lo = 0, 0
    for hi, t in enumerate(stamps):
        while t - stamps[lo] >= window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def recording_app(stamps: list[float]) -> web.Application:
    async def handler(request: web.Request) -> web.Response:
        stamps.append(time.monotonic())
        return web.json_response({"n": len(stamps)})

    app = web.Application()
    app.router.add_get("/x", handler)
    return app


@pytest.mark.parametrize("burst", [1, 4])
async def test_local_limiter_never_exceeds_the_window(serve: ServerFactory, burst: int) -> None:
    stamps: list[float] = []
    base = await serve(recording_app(stamps))
    limiter = LocalRateLimiter(10, 0.25, burst=burst)
    async with ToyClient(base_url=base, rate_limit=limiter) as client:
        await asyncio.gather(*(client.request("GET", "/x") for _ in range(35)))
    assert len(stamps) == 35
    # Server-side arrival times; 20% of the window absorbs scheduling jitter on a busy
    # machine (a plain AsyncLimiter(10, T) would put 20 in the first window).
    assert max_in_window(stamps, 0.25 * 0.8) <= 10
    # That it does not starve is a timing, measured by benchmark 11 (utilisation of a strict
    # window), never asserted here: a loaded machine only stretches the gaps.


async def test_clients_on_one_credential_share_one_budget(serve: ServerFactory) -> None:
    stamps: list[float] = []
    base = await serve(recording_app(stamps))
    async with (
        ToyClient(base_url=base, rate_limit=(5, 0.2)) as one,
        ToyClient(base_url=base, rate_limit=(5, 0.2)) as two,
    ):
        assert one.limiter is two.limiter
        other = ToyClient("another-key", base_url=base, rate_limit=(5, 0.2))
        assert other.limiter is not one.limiter
        await other.aclose()
        await asyncio.gather(*(c.request("GET", "/x") for c in (one, two) for _ in range(10)))
    assert max_in_window(stamps, 0.2 * 0.95) <= 5


def test_local_limiter_rejects_bad_settings() -> None:
    with pytest.raises(ValueError):
        LocalRateLimiter(0, 1)
    with pytest.raises(ValueError):
        LocalRateLimiter(5, 0)
    with pytest.raises(ValueError):
        LocalRateLimiter(5, 1, burst=6)


class WindowServer:
    """Allows ``limit`` requests per fixed window, announces it like Lofty, 429s beyond."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self.start = time.time()
        self.counts: dict[int, int] = {}
        self.rejected = 0
        self.served = 0

    async def handler(self, request: web.Request) -> web.Response:
        now = time.time()
        index = int((now - self.start) // self.window)
        used = self.counts.get(index, 0) + 1
        self.counts[index] = used
        reset = self.start + (index + 1) * self.window
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.limit - used)),
            "X-RateLimit-Reset": f"{reset:.3f}",
        }
        if used > self.limit:
            self.rejected += 1
            return web.json_response({"message": "Too Many Requests"}, status=429, headers=headers)
        self.served += 1
        return web.json_response({"ok": True}, headers=headers)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/x", self.handler)
        return app


async def test_adaptive_layer_waits_for_the_reset_instead_of_a_429(serve: ServerFactory) -> None:
    server = WindowServer(limit=8, window=0.3)
    base = await serve(server.app())
    async with HeaderToyClient(base_url=base, max_retries=0) as client:
        await client.request("GET", "/x")  # learn the limits
        await asyncio.gather(*(client.request("GET", "/x") for _ in range(30)))
        limiter = client.limiter
    assert server.rejected == 0
    assert server.served == 31
    assert isinstance(limiter, AdaptiveRateLimiter) and limiter.waits > 0


async def test_429_without_retry_after_waits_for_the_reset_header(serve: ServerFactory) -> None:
    server = WindowServer(limit=2, window=0.3)
    base = await serve(server.app())
    # A limiter that ignores headers: the 429's reset header, not a backoff, decides the wait.
    permissive = LocalRateLimiter(1000, 1)
    async with HeaderToyClient(base_url=base, max_retries=1, rate_limit=permissive) as client:
        results = [await client.request("GET", "/x") for _ in range(4)]
    assert results == [{"ok": True}] * 4
    assert server.rejected >= 1


async def test_quota_far_away_raises_instead_of_sleeping() -> None:
    limiter = AdaptiveRateLimiter(
        [HeaderWindow("R", "Reset", reset_unit="s", window_seconds=3600.0)]
    )
    await limiter.feedback(200, {"R": "0", "Reset": "600"})
    with pytest.raises(QuotaExhaustedError) as info:
        await limiter.acquire(max_wait=5)
    assert 590 < (info.value.retry_after or 0) <= 600


async def test_429_pauses_every_caller_of_the_limiter() -> None:
    limiter = AdaptiveRateLimiter([HeaderWindow("R", window_seconds=0.2)])
    await limiter.feedback(429, {})
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(limiter.acquire(), limiter.acquire())
    assert loop.time() - start >= 0.19


async def test_limiter_registry_is_per_event_loop() -> None:
    made: list[int] = []

    def factory() -> LocalRateLimiter:
        made.append(1)
        return LocalRateLimiter(1, 1)

    first = limiter_for(("k",), factory)
    assert limiter_for(("k",), factory) is first
    assert len(made) == 1


async def test_cold_burst_sends_one_probe_before_the_window_is_known(serve: ServerFactory) -> None:
    server = WindowServer(limit=5, window=0.3)
    base = await serve(server.app())
    async with HeaderToyClient(base_url=base, max_retries=0) as client:
        await asyncio.gather(*(client.request("GET", "/x") for _ in range(12)))
    assert server.rejected == 0 and server.served == 12


async def test_window_limiter_allows_a_burst_then_holds_the_window(serve: ServerFactory) -> None:
    stamps: list[float] = []
    base = await serve(recording_app(stamps))
    async with ToyClient(base_url=base, rate_limit=(10, 0.3)) as client:
        assert isinstance(client.limiter, WindowRateLimiter)
        await asyncio.gather(*(client.request("GET", "/x") for _ in range(25)))
    assert len(stamps) == 25
    # The first ten leave at once (no pacing gap), and no window ever holds more than ten,
    # with no jitter allowance needed: slots free up a period after completion.
    assert stamps[9] - stamps[0] < 0.3
    assert max_in_window(stamps, 0.3) <= 10
    assert stamps[-1] - stamps[0] >= 0.6


async def test_window_limiter_raises_when_the_wait_is_beyond_max_wait() -> None:
    limiter = WindowRateLimiter(1, 30)
    await limiter.acquire()
    await limiter.feedback(200, {})
    with pytest.raises(QuotaExhaustedError):
        await limiter.acquire(max_wait=1)
    with pytest.raises(ValueError):
        WindowRateLimiter(0, 1)
