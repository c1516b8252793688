"""Rate limiters: a window limiter, an evenly paced local one, a header-adaptive layer and
(extra ``redis``) a distributed one. Any object with ``acquire``/``feedback`` (see :class:`RateLimiter`) plugs in
through a client's ``rate_limit=`` argument, and so does an ``aiolimiter.AsyncLimiter``
(:class:`AsyncLimiterAdapter`)."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from .adapters import AsyncLimiterAdapter
from .adaptive import AdaptiveRateLimiter, HeaderWindow
from .base import QuotaExhaustedError, RateLimiter, release
from .local import LocalRateLimiter
from .window import WindowRateLimiter

__all__ = [
    "AdaptiveRateLimiter",
    "AsyncLimiterAdapter",
    "CompositeRateLimiter",
    "HeaderWindow",
    "LocalRateLimiter",
    "QuotaExhaustedError",
    "RateLimiter",
    "RedisRateLimiter",
    "WindowRateLimiter",
    "limiter_for",
]


class CompositeRateLimiter:
    """Several limiters in a row: a call goes out once every one of them lets it.

    All or nothing: when a later part refuses (``QuotaExhaustedError``), fails or the
    caller is cancelled while waiting in it, the slots already taken are given back.
    """

    def __init__(self, limiters: Sequence[RateLimiter]) -> None:
        self.limiters = tuple(limiters)

    async def acquire(self, *, max_wait: float | None = None) -> None:
        taken = 0
        try:
            for limiter in self.limiters:
                await limiter.acquire(max_wait=max_wait)
                taken += 1
        except BaseException:
            for limiter in reversed(self.limiters[:taken]):
                await release(limiter)
            raise

    async def release(self) -> None:
        for limiter in reversed(self.limiters):
            await release(limiter)

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        # Every part gets its feedback even if an earlier one fails or is cancelled (a
        # Redis round trip): a part left without it would hold its slot for good.
        first: BaseException | None = None
        for limiter in self.limiters:
            try:
                await limiter.feedback(status, headers)
            except BaseException as exc:
                first = first or exc
        if first is not None:
            raise first

    def __repr__(self) -> str:
        return f"CompositeRateLimiter({list(self.limiters)!r})"


# One registry per event loop: asyncio primitives (locks, futures) belong to one loop, and
# every client of the same vendor credential in that loop must share one budget.
_registries: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[Hashable, RateLimiter]] = (
    weakref.WeakKeyDictionary()
)


def limiter_for(key: Hashable, factory: Callable[[], RateLimiter]) -> RateLimiter:
    """The limiter registered under ``key`` in the running loop, made by ``factory`` once."""
    loop = asyncio.get_running_loop()
    registry = _registries.setdefault(loop, {})
    limiter = registry.get(key)
    if limiter is None:
        limiter = registry[key] = factory()
    return limiter


def __getattr__(name: str) -> Any:
    # The Redis limiter needs the optional ``redis`` extra: import it only when asked for.
    if name == "RedisRateLimiter":
        from .redis import RedisRateLimiter

        return RedisRateLimiter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
