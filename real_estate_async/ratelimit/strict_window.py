"""A fake vendor that counts a strict sliding window, to prove a limiter never earns a 429.

Real vendors count in different ways (fixed windows, token buckets); the strictest reading
of "N calls per T seconds" is: at every arrival, count the calls that *arrived* in the
trailing window ``(t - T, t]``, this one included, and refuse the call if that is more
than N. A limiter that passes against this server passes against any of the gentler ones.
Every arrival is counted, refused ones too (a vendor that counts refused calls is the
strictest case). Used by this SDK's tests and benchmarks; handy for checking a fleet's
settings before pointing it at a vendor::

    window = StrictWindow(limit=50, period=10.0)
    app = strict_window_app(window)          # any path: 200 {} or 429
    ...
    assert window.rejected == 0 and window.utilisation() >= 0.95
"""

from __future__ import annotations

import asyncio
import collections
import math
import time
from collections.abc import Callable

from aiohttp import web

__all__ = ["StrictWindow", "max_in_window", "strict_window_app", "window_utilisation"]


class StrictWindow:
    """Counts arrivals in the trailing window ``(t - period, t]``; over ``limit`` is refused."""

    def __init__(
        self, limit: int, period: float, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        if limit < 1 or period <= 0:
            raise ValueError("limit must be >= 1 and period > 0")
        self.limit = limit
        self.period = float(period)
        self.clock = clock
        self.stamps: list[float] = []  # every arrival, in order
        self.accepted = 0
        self.rejected = 0
        self._recent: collections.deque[float] = collections.deque()

    def hit(self) -> bool:
        """Record one arrival now; ``True`` when it is within the limit."""
        now = self.clock()
        recent = self._recent
        while recent and recent[0] <= now - self.period:
            recent.popleft()
        recent.append(now)
        self.stamps.append(now)
        if len(recent) > self.limit:
            self.rejected += 1
            return False
        self.accepted += 1
        return True

    def remaining(self) -> int:
        return max(0, self.limit - len(self._recent))

    def empty_in(self) -> float:
        """Seconds until the window holds no call at all (the newest one has left it)."""
        if not self._recent:
            return 0.0
        return max(0.0, self._recent[-1] + self.period - self.clock())

    def max_in_window(self) -> int:
        return max_in_window(self.stamps, self.period)

    def utilisation(self) -> float:
        return window_utilisation(self.stamps, self.limit, self.period)


def max_in_window(stamps: list[float], period: float) -> int:
    """The most arrivals in any half-open window ``(t - period, t]``."""
    ordered = sorted(stamps)
    best, lo = 0, 0
    for hi, t in enumerate(ordered):
        while ordered[lo] <= t - period:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def window_utilisation(stamps: list[float], limit: int, period: float) -> float:
    """How full the complete windows were, on average: windows of ``period`` laid end to
    end from the first arrival, each counted against ``limit``; the last, partial window
    is left out. 1.0 means every window held exactly ``limit`` calls."""
    if len(stamps) < 2:
        return 0.0
    ordered = sorted(stamps)
    start = ordered[0]
    windows = math.floor((ordered[-1] - start) / period)
    if windows < 1:
        return 0.0
    end = start + windows * period
    inside = sum(1 for t in ordered if t < end)
    return inside / (windows * limit)


def strict_window_app(
    window: StrictWindow, *, headers: bool = False, latency: float = 0.0
) -> web.Application:
    """An app answering every path: ``200 {}``, or ``429`` once the window is over.

    ``headers=True`` adds Lofty-style ``X-RateLimit-Limit/Remaining/Reset`` headers
    (``Reset`` in seconds from now until the window is empty), for header-following
    limiters. ``latency`` delays each answer (after the arrival is counted).
    """

    async def handler(request: web.Request) -> web.Response:
        ok = window.hit()
        if latency:
            await asyncio.sleep(latency)
        extra: dict[str, str] = {}
        if headers:
            extra = {
                "X-RateLimit-Limit": str(window.limit),
                "X-RateLimit-Remaining": str(window.remaining()),
                "X-RateLimit-Reset": f"{window.empty_in():.3f}",
            }
        if ok:
            return web.json_response({}, headers=extra)
        return web.json_response({"message": "Too Many Requests"}, status=429, headers=extra)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app
