"""Limiter objects a team already holds, accepted as a client's ``rate_limit=``.

``aiolimiter.AsyncLimiter`` has ``acquire()`` but no ``feedback()``; :class:`AsyncLimiterAdapter`
gives it the pipeline's interface. ``aiolimiter`` is not a dependency of this package:
nothing here imports it, an object is recognised by its public methods.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol, runtime_checkable

__all__ = ["AsyncLimiterAdapter", "AsyncLimiterLike", "is_async_limiter"]


@runtime_checkable
class AsyncLimiterLike(Protocol):
    """The public interface of ``aiolimiter.AsyncLimiter`` that the adapter uses."""

    async def acquire(self, amount: float = 1) -> None: ...

    def has_capacity(self, amount: float = 1) -> bool: ...


def is_async_limiter(obj: Any) -> bool:
    """Whether ``obj`` looks like an ``aiolimiter.AsyncLimiter`` (``acquire`` and
    ``has_capacity``, no ``feedback``): a limiter the pipeline can use through the adapter."""
    return (
        callable(getattr(obj, "acquire", None))
        and callable(getattr(obj, "has_capacity", None))
        and not hasattr(obj, "feedback")
    )


class AsyncLimiterAdapter:
    """An ``aiolimiter.AsyncLimiter`` (or a look-alike) as a :class:`RateLimiter`.

    Every attempt of every call takes one unit (``acquire()``), so clients and other code
    sharing the one ``AsyncLimiter`` share its budget. Caveats of the wrapped limiter stay:

    - ``AsyncLimiter(N, T)`` starts with a full bucket, so about 2N calls pass in the first
      T seconds; ``AsyncLimiter(1, T / N)`` sends calls at least ``T / N`` apart (at
      roughly 87-89% of the rate; :class:`LocalRateLimiter` or ``rate_limit=(N, T)`` do
      better, see docs/RATE_LIMITS.md).
    - It cannot tell how long it will wait, so ``RetryPolicy.max_wait`` is not applied to
      it; it does not read the vendor's rate-limit headers either.
    - Capacity it handed out cannot be given back (it has no such call): a call refused by
      a later limiter, or cancelled, still spent its unit.
    """

    def __init__(self, limiter: AsyncLimiterLike) -> None:
        if not is_async_limiter(limiter):
            raise TypeError(
                f"expected an aiolimiter.AsyncLimiter-like object, not {type(limiter).__name__}"
            )
        self.limiter = limiter

    async def acquire(self, *, max_wait: float | None = None) -> None:
        await self.limiter.acquire()

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        return None

    def release(self) -> None:
        """Nothing to give back: the wrapped limiter has no way to return capacity."""

    def __repr__(self) -> str:
        return f"AsyncLimiterAdapter({self.limiter!r})"
