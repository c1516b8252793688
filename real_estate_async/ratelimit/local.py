"""An in-process token bucket on aiolimiter that never puts more than N calls in a window."""

from __future__ import annotations

from collections.abc import Mapping

from aiolimiter import AsyncLimiter


class LocalRateLimiter:
    """At most ``max_calls`` calls in any window of ``period`` seconds, in this process.

    A plain ``AsyncLimiter(N, T)`` lets N calls through at once and then refills, so about
    2N land in the first T seconds, which trips vendors that count per window. Here the
    bucket holds ``burst`` tokens (default 1) and refills at ``(N - burst + 1) / T``: a
    leaky bucket of capacity c and rate r admits fewer than ``c + r*T`` calls in any window
    of length T, so the window count stays at or below N. ``burst=1`` spaces calls evenly;
    a larger burst starts faster and paces the rest of the window more slowly.

    Exact ``T/N`` spacing is not enough against a vendor that counts a strict sliding
    window by arrival time: jitter puts N+1 calls into some window. ``margin`` (default 3%)
    stretches the pacing period to ``T * (1 + margin)``, so arrivals may jitter by up to
    ``margin * T`` without a 429, at ``1 / (1 + margin)`` (about 97%) of the allowed rate.

    ``aiolimiter`` binds its waiters to the running loop, so make one per event loop
    (:func:`real_estate_async.ratelimit.limiter_for` does that).
    """

    def __init__(
        self, max_calls: int, period: float, *, burst: int = 1, margin: float = 0.03
    ) -> None:
        if isinstance(max_calls, bool) or not isinstance(max_calls, int) or max_calls < 1:
            raise ValueError(f"max_calls must be a positive int, not {max_calls!r}")
        if not isinstance(period, (int, float)) or isinstance(period, bool) or period <= 0:
            raise ValueError(f"period must be a positive number of seconds, not {period!r}")
        if not 1 <= burst <= max_calls:
            raise ValueError(f"burst must be between 1 and max_calls ({max_calls}), not {burst}")
        if isinstance(margin, bool) or not isinstance(margin, (int, float)) or not 0 <= margin < 1:
            raise ValueError(f"margin must be a fraction in [0, 1), not {margin!r}")
        self.max_calls = max_calls
        self.period = float(period)
        self.burst = burst
        self.margin = float(margin)
        rate = (max_calls - burst + 1) / (self.period * (1 + self.margin))  # tokens per second
        self._bucket = AsyncLimiter(max_rate=burst, time_period=burst / rate)

    async def acquire(self, *, max_wait: float | None = None) -> None:
        await self._bucket.acquire()

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        return None

    def __repr__(self) -> str:
        return f"LocalRateLimiter(max_calls={self.max_calls}, period={self.period}, burst={self.burst})"
