"""Faults around the observability paths: a hook or a limiter part cancelled mid-way
never keeps a limiter slot, per-call options are checked, events say what really happens."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping

import pytest
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import ConfigurationError
from real_estate_async._redact import redact_headers
from real_estate_async._retry import RetryPolicy
from real_estate_async.hooks import RequestEvent, RetryEvent
from real_estate_async.ratelimit import CompositeRateLimiter, WindowRateLimiter


def ok_app() -> web.Application:
    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_get("/x", handler)
    return app


async def test_a_call_cancelled_in_an_async_request_hook_gives_its_slot_back(
    serve: ServerFactory,
) -> None:
    base = await serve(ok_app())
    limiter = WindowRateLimiter(1, 0.05)
    entered, never = asyncio.Event(), asyncio.Event()

    async def stuck_hook(event: RequestEvent) -> None:
        entered.set()
        await never.wait()

    async with ToyClient(base_url=base, rate_limit=limiter) as client:
        client.on("request", stuck_hook)
        call = asyncio.ensure_future(client.request("GET", "/x"))
        await entered.wait()
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        client.off("request", stuck_hook)
        # the only slot came back: this call gets it (a hang would fail here)
        assert await asyncio.wait_for(client.request("GET", "/x"), 5) == {"ok": True}


class StuckFeedback:
    """A limiter part whose feedback awaits I/O (as a Redis round trip does)."""

    def __init__(self) -> None:
        self.entered, self.never = asyncio.Event(), asyncio.Event()

    async def acquire(self, *, max_wait: float | None = None) -> None:
        return None

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        if not self.entered.is_set():
            self.entered.set()
            await self.never.wait()


async def test_a_cancel_in_one_parts_feedback_still_frees_the_other_parts(
    serve: ServerFactory,
) -> None:
    base = await serve(ok_app())
    stuck, window = StuckFeedback(), WindowRateLimiter(1, 0.05)
    limiter = CompositeRateLimiter([stuck, window])
    async with ToyClient(base_url=base, rate_limit=limiter) as client:
        call = asyncio.ensure_future(client.request("GET", "/x"))
        await stuck.entered.wait()
        call.cancel()
        with pytest.raises(asyncio.CancelledError):
            await call
        # the window part got its feedback too (a hang would fail here)
        assert await asyncio.wait_for(client.request("GET", "/x"), 5) == {"ok": True}


@pytest.mark.parametrize("timeout", [0, -5, float("nan"), True])
async def test_a_per_call_timeout_is_checked_like_the_constructors(
    serve: ServerFactory, timeout: float
) -> None:
    base = await serve(ok_app())
    async with ToyClient(base_url=base) as client:
        with pytest.raises(ConfigurationError, match="timeout"):
            await client.request("GET", "/x", timeout=timeout)


async def test_the_retry_event_carries_the_wait_actually_slept(
    serve: ServerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = 0
    never = asyncio.Event()

    async def flaky(request: web.Request) -> web.StreamResponse:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            await never.wait()  # the first attempt times out: retried after a backoff
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_get("/x", flaky)
    base = await serve(app)
    draws: list[float] = []
    slept: list[float] = []
    real_sleep = asyncio.sleep

    def backoff(self: RetryPolicy, attempt: int) -> float:
        draws.append(0.001 * (len(draws) + 1))  # every draw differs
        return draws[-1]

    async def sleep(delay: float, *args: object) -> None:
        slept.append(delay)
        await real_sleep(0)

    events: list[RetryEvent] = []
    async with ToyClient(base_url=base) as client:
        monkeypatch.setattr(RetryPolicy, "backoff", backoff)
        client.on("retry", events.append)
        monkeypatch.setattr(asyncio, "sleep", sleep)
        assert await client.request("GET", "/x", timeout=0.2) == {"ok": True}
        monkeypatch.undo()
    assert attempts == 2, attempts
    assert len(events) == 1 and len(draws) == 1, (events, draws)
    assert events[0].wait == draws[0] and draws[0] in slept


def test_session_cookies_from_the_vendor_are_redacted() -> None:
    out = redact_headers({"Set-Cookie": "session=abc123", "Content-Type": "text/html"})
    assert out == {"Set-Cookie": "***", "Content-Type": "text/html"}
