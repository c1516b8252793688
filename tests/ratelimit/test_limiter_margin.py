"""Every limiter against a strict sliding-window server: zero 429s, >= 95% of the window.

The server (``real_estate_async.ratelimit.strict_window``) counts, at each arrival, every
call that arrived in the trailing window ``(t - T, t]``: the strictest way a vendor can
count. Exact ``T/N`` spacing fails it (jitter puts N+1 calls in some window); a limiter
needs a margin, or to count from completion.
"""

from __future__ import annotations

import asyncio
from typing import Any

from _toy import HeaderToyClient, ToyClient

from real_estate_async import RateLimitError
from real_estate_async.providers.base import ProviderClient
from real_estate_async.ratelimit import LocalRateLimiter
from real_estate_async.ratelimit.strict_window import (
    StrictWindow,
    max_in_window,
    strict_window_app,
    window_utilisation,
)


async def drive(client: ProviderClient, calls: int, tasks: int) -> int:
    """Send ``calls`` requests from ``tasks`` workers; return how many got a 429."""
    queue = list(range(calls))
    limited = 0

    async def worker() -> None:
        nonlocal limited
        while queue:
            queue.pop()
            try:
                await client.request("GET", "/x")
            except RateLimitError:
                limited += 1

    await asyncio.gather(*(worker() for _ in range(tasks)))
    return limited


def test_the_strict_window_counts_half_open_trailing_windows() -> None:
    now = [0.0]
    window = StrictWindow(2, 1.0, clock=lambda: now[0])
    for t, ok in [
        (0.0, True),
        (0.5, True),
        (0.9, False),
        (1.0, False),
        (1.51, False),
        (2.01, True),
    ]:
        now[0] = t
        assert window.hit() is ok, t
    # 1.0 - 1.0 = 0.0 is outside (t - T, t]; the refused calls still count.
    assert window.rejected == 3 and window.max_in_window() == 3
    assert max_in_window([0.0, 1.0, 2.0], 1.0) == 1
    assert window_utilisation([0.0, 0.0, 1.0, 1.0, 2.0], 2, 1.0) == 1.0
    assert window_utilisation([0.0, 1.0, 2.0], 2, 1.0) == 0.5


async def test_window_limiter_never_overruns_a_strict_window(serve: Any) -> None:
    window = StrictWindow(20, 0.25)
    base = await serve(strict_window_app(window))
    async with ToyClient(base_url=base, rate_limit=(20, 0.25), max_retries=0) as client:
        limited = await drive(client, 140, 30)
    assert limited == 0 and window.rejected == 0
    assert window.max_in_window() <= 20
    # Correctness is asserted here; the >= 95% utilisation goal is timing, measured by
    # benchmark 11 (tests do not assert timings). This floor only catches a stuck limiter.
    assert window.utilisation() >= 0.5, window.utilisation()


async def test_local_limiter_keeps_a_margin(serve: Any) -> None:
    window = StrictWindow(20, 0.5)
    base = await serve(strict_window_app(window))
    # A paced limiter is safe while arrivals jitter by less than margin * T (15 ms at the
    # default 3%, the figure benchmark 11 measures on a quiet machine). The test machine may
    # be busy, so it checks the mechanism with room for 100 ms of scheduling jitter.
    limiter = LocalRateLimiter(20, 0.5, margin=0.2)
    async with ToyClient(base_url=base, rate_limit=limiter, max_retries=0) as client:
        limited = await drive(client, 90, 10)
    assert limited == 0 and window.rejected == 0
    # Correctness is asserted here; the >= 95% utilisation goal is timing, measured by
    # benchmark 11 (tests do not assert timings). This floor only catches a stuck limiter.
    assert window.utilisation() >= 0.5, window.utilisation()


def test_local_limiter_without_margin_is_exact_spacing() -> None:
    # margin=0 is the old behaviour: exactly T/N apart, no room for jitter.
    assert LocalRateLimiter(10, 1.0, margin=0).interval == 0.1
    assert abs(LocalRateLimiter(10, 1.0).interval - 0.103) < 1e-9


async def test_adaptive_limiter_follows_a_strict_window(serve: Any) -> None:
    window = StrictWindow(20, 0.25)
    base = await serve(strict_window_app(window, headers=True))
    async with HeaderToyClient(base_url=base, max_retries=0) as client:
        limited = await drive(client, 140, 30)
    assert limited == 0 and window.rejected == 0
    # Correctness is asserted here; the >= 95% utilisation goal is timing, measured by
    # benchmark 11 (tests do not assert timings). This floor only catches a stuck limiter.
    assert window.utilisation() >= 0.5, window.utilisation()
