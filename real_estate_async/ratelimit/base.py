"""The interface every rate limiter implements, and the error raised when waiting is pointless."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from .._errors import RateLimitError


@runtime_checkable
class RateLimiter(Protocol):
    """What the request pipeline needs from a limiter.

    ``acquire`` is awaited before every attempt of every request; ``feedback`` after it,
    with the response status (0 when no response came) and headers, so header-aware
    limiters can follow the vendor's own count. The pipeline calls ``feedback`` exactly
    once per successful ``acquire``, in a ``finally``, whatever happens to the call.

    A limiter may also define ``release()`` (sync or async): give back a slot whose call
    was never sent, used when a later part of a :class:`CompositeRateLimiter` refuses or
    the caller is cancelled between parts. Without it, ``feedback(0, {})`` is used.
    """

    async def acquire(self, *, max_wait: float | None = None) -> None: ...

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None: ...


class QuotaExhaustedError(RateLimitError):
    """The limiter knows the vendor's quota is spent and the reset is further away than
    ``max_wait``; raised instead of sleeping silently. ``retry_after`` says when to retry."""

    def __init__(self, retry_after: float, *, scope: str = "") -> None:
        where = f" for {scope}" if scope else ""
        super().__init__(
            f"rate limit quota exhausted{where}; it resets in {retry_after:.1f}s",
            status_code=429,
            retry_after=retry_after,
        )


async def release(limiter: RateLimiter) -> None:
    """Return an unused slot to ``limiter`` (its ``release()``, else ``feedback(0, {})``)."""
    give_back = getattr(limiter, "release", None)
    if give_back is None:
        await limiter.feedback(0, {})
        return
    result = give_back()
    if inspect.isawaitable(result):
        await result
