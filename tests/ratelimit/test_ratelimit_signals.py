"""Limiters obey what the vendor's headers mean, not what garbage in them would say, and take
the limiter objects teams already hold. Real localhost servers; time only on fake clocks."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from _toy import HeaderToyClient, ToyClient
from aiohttp import web
from aiolimiter import AsyncLimiter
from conftest import ServerFactory

from real_estate_async import BrokermintClient, ConfigurationError, RetryPolicy
from real_estate_async.ratelimit import AdaptiveRateLimiter, AsyncLimiterAdapter


def scripted(answers: list[tuple[int, dict[str, str]]], seen: list[int]) -> web.Application:
    """Answers (status, headers) in order, the last one for every request after it."""

    async def handler(request: web.Request) -> web.Response:
        status, headers = answers[min(len(seen), len(answers) - 1)]
        seen.append(status)
        return web.json_response({"status": status}, status=status, headers=headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("status", [200, 429])
async def test_garbage_hour_headers_do_not_lock_the_credential(
    serve: ServerFactory, status: int
) -> None:
    # One answer says -5 left with a reset nobody can read; the next ones are sane.
    garbage = {"X-Brokermint-Hour-Remaining": "-5", "X-Brokermint-Hour-Reset": "soon"}
    sane = {"X-Brokermint-Hour-Remaining": "1990", "X-Brokermint-Hour-Reset": "1800000"}
    seen: list[int] = []
    base = await serve(scripted([(status, garbage), (200, sane)], seen))
    fast = RetryPolicy(backoff_base=0.001, backoff_cap=0.01)
    async with BrokermintClient("bm-key", base_url=base, retry_policy=fast) as client:
        # A 429 without Retry-After and with no readable reset is retried after a backoff,
        # not refused for the hour window's whole length.
        assert await client.request("GET", "/users") == {"status": 200}
        # Not an hour of QuotaExhaustedError: the reset is unknown, so the next call probes.
        assert await client.request("GET", "/users") == {"status": 200}
        await asyncio.gather(*(client.request("GET", "/users") for _ in range(5)))
    assert seen == [status] + [200] * (7 if status == 429 else 6)


async def test_a_429s_retry_after_replaces_a_later_announced_reset(
    serve: ServerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = {"X-RateLimit-Limit": "10"}
    answers = [
        (200, {**window, "X-RateLimit-Remaining": "5", "X-RateLimit-Reset": "58"}),
        (429, {**window, "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "57", "Retry-After": "1"}),
        (200, {**window, "X-RateLimit-Remaining": "9", "X-RateLimit-Reset": "60"}),
    ]  # fmt: skip
    seen: list[int] = []
    base = await serve(scripted(answers, seen))
    clock = FakeClock()
    limiter = AdaptiveRateLimiter(HeaderToyClient.rate_limit_headers, clock=clock)
    slept: list[float] = []
    real_sleep = asyncio.sleep

    async def sleep(delay: float, *args: Any) -> None:  # the pipeline's wait, on the clock
        slept.append(delay)
        clock.now += delay
        await real_sleep(0)

    policy = RetryPolicy(max_wait=10.0)  # a 57 s hold would raise QuotaExhaustedError
    async with HeaderToyClient(base_url=base, rate_limit=limiter, retry_policy=policy) as client:
        assert await client.request("GET", "/x") == {"status": 200}
        monkeypatch.setattr(asyncio, "sleep", sleep)
        try:
            assert await client.request("GET", "/x") == {"status": 200}
        finally:
            monkeypatch.undo()
    assert seen == [200, 429, 200]
    assert slept == [1.0]


@pytest.mark.parametrize("broken", ["header", "url"])
async def test_a_call_that_cannot_be_sent_takes_no_window_slot(
    serve: ServerFactory, broken: str
) -> None:
    seen: list[int] = []
    base = await serve(scripted([(200, {})], seen))
    # One call per 30 s on this credential, and no waiting: a spent slot would refuse the
    # good call below with QuotaExhaustedError.
    options: dict[str, Any] = {"rate_limit": (1, 30.0), "retry_policy": RetryPolicy(max_wait=1.0)}
    async with ToyClient(base_url=base, **options) as good:
        if broken == "header":
            with pytest.raises(ValueError):
                await good.request("GET", "/x", extra_headers={"X-Trace": "a\r\nInjected: 1"})
        else:  # refused when the client is built, before any limiter exists for it
            with pytest.raises(ConfigurationError, match="base_url"):
                ToyClient(base_url=base.replace("http://", ""), **options)
        assert await good.request("GET", "/x") == {"status": 200}
    assert seen == [200]


async def test_an_aiolimiter_async_limiter_is_accepted(serve: ServerFactory) -> None:
    seen: list[int] = []
    base = await serve(scripted([(200, {})], seen))
    bucket = AsyncLimiter(3, 60)  # what a team already holds, shared with its other code
    async with ToyClient(base_url=base, rate_limit=bucket) as client:
        assert isinstance(client.limiter, AsyncLimiterAdapter)
        assert client.limiter.limiter is bucket
        await asyncio.gather(*(client.request("GET", "/x") for _ in range(3)))
    assert seen == [200] * 3
    assert not bucket.has_capacity()  # every call took its unit from the team's bucket
