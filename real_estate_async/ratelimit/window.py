"""A window-exact limiter: at most N calls in any window of T seconds, bursts allowed."""

from __future__ import annotations

import collections
import time
from collections.abc import Iterable, Mapping

from ._signal import Signal
from .base import QuotaExhaustedError


class WindowRateLimiter:
    """At most ``max_calls`` requests counted by the vendor in any ``period`` seconds.

    Vendors state their quotas per window ("10 calls per minute", "100 per 10 s"). This
    limiter lets a burst of N go at once and then frees one slot ``period`` seconds after
    each earlier request *completed*. Counting from completion rather than from sending
    means the vendor has certainly counted the old request before the new one leaves, so
    network jitter can never squeeze N+1 requests into one of the vendor's windows.

    Compared with :class:`LocalRateLimiter` (evenly paced) it starts faster
    (no 6 s gap between Lofty's first two calls) and is never ahead of the window. Every
    ``acquire`` must be followed by one ``feedback`` (or ``release`` when the call was never
    sent), which the request pipeline does in a ``finally``. Waiting is cancellation-safe:
    a cancelled waiter holds no slot.
    """

    def __init__(self, max_calls: int, period: float) -> None:
        if isinstance(max_calls, bool) or not isinstance(max_calls, int) or max_calls < 1:
            raise ValueError(f"max_calls must be a positive int, not {max_calls!r}")
        if isinstance(period, bool) or not isinstance(period, (int, float)) or period <= 0:
            raise ValueError(f"period must be a positive number of seconds, not {period!r}")
        self.max_calls = max_calls
        self.period = float(period)
        self._done: collections.deque[float] = collections.deque()
        self._in_flight = 0
        self._changed = Signal()
        self.waits = 0

    def _expire(self, now: float) -> None:
        done = self._done
        while done and done[0] <= now - self.period:
            done.popleft()

    async def acquire(self, *, max_wait: float | None = None) -> None:
        if self._in_flight + len(self._done) < self.max_calls:  # fast path: a free slot
            self._in_flight += 1
            return
        await self._acquire(max_wait, None)

    async def acquire_within(self, seconds: float) -> bool:
        """Take a slot if one frees up within ``seconds``; ``False`` (nothing held) if not."""
        return await self._acquire(None, time.monotonic() + seconds)

    async def _acquire(self, max_wait: float | None, deadline: float | None) -> bool:
        paused = False
        while True:
            now = time.monotonic()
            self._expire(now)
            if self._in_flight + len(self._done) < self.max_calls:
                self._in_flight += 1
                return True
            if deadline is not None and now >= deadline:
                return False
            if not paused:
                self.waits += 1
                paused = True
            if self._done:
                wait = self._done[0] + self.period - now
                if max_wait is not None and wait > max_wait and not self._in_flight:
                    raise QuotaExhaustedError(wait, scope="the local window")
            else:
                wait = self.period  # every slot is in flight: a completion will wake us
            if deadline is not None:
                wait = min(wait, deadline - now)
            await self._changed.wait(wait)

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        """The call got an answer (or failed after it may have been sent): its slot stays
        counted for ``period`` seconds from now."""
        if self._in_flight:
            self._in_flight -= 1
        now = time.monotonic()
        done = self._done
        if done and done[0] <= now - self.period:
            self._expire(now)  # (acquire's fast path does not: keep the deque short here)
        done.append(now)
        if self._changed.waiting:
            self._changed.fire()

    def seed(self, completed: Iterable[float], in_flight: int = 0) -> None:
        """Count calls made elsewhere (through Redis before it went away) against this
        window: those that completed at these ``time.monotonic()`` times, and ``in_flight``
        more whose ``feedback`` will come here."""
        self._done = collections.deque(sorted([*self._done, *completed]))
        self._in_flight += in_flight
        self._changed.fire()

    def release_waiters(self) -> None:
        """Wake every waiter to re-check (after ``max_calls`` changed)."""
        self._changed.fire()

    def release(self) -> None:
        """Give back a slot whose call was never sent (a later limiter refused or a cancel)."""
        if self._in_flight:
            self._in_flight -= 1
        self._changed.fire()

    def __repr__(self) -> str:
        return f"WindowRateLimiter(max_calls={self.max_calls}, period={self.period})"
