"""A rate limiter shared by every process that points at the same Redis (extra ``redis``).

The bucket is GCRA (the generic cell rate algorithm) in one Lua script, so a grant is one
atomic round trip and every host reads Redis's clock (``TIME``), not its own. A 429 or an
exhausted header window seen by any worker pauses the whole fleet through a shared key.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Mapping
from typing import Any, Literal

from .._errors import RealEstateError
from .._retry import parse_retry_after
from .adaptive import HeaderWindow, reset_wait_after_429, spent_windows, window_wait
from .base import QuotaExhaustedError
from .local import LocalRateLimiter

try:
    import redis.asyncio as aioredis
    from redis.exceptions import RedisError
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "RedisRateLimiter needs the 'redis' extra: pip install 'real_estate_async[redis]'"
    ) from exc

__all__ = ["RateLimiterUnavailableError", "RedisRateLimiter"]

log = logging.getLogger("real_estate_async")

# KEYS[1]: theoretical arrival time (us); KEYS[2]: fleet-wide pause-until (us).
# ARGV[1]: emission interval (us); ARGV[2]: burst tolerance (us); ARGV[3]: longest wait
# the caller accepts (us, -1 = any).
# Returns {code, us}: {1, wait} a slot is reserved, go after ``wait``; {2, wait} the fleet is
# paused, ask again after ``wait``; {3, wait} the slot is further away than the caller accepts.
# Reserving (instead of answering "try later") means one round trip per call and no
# thundering herd of waiters re-asking at the same instant.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local pause = tonumber(redis.call('GET', KEYS[2]) or '0')
if pause > now then return {2, pause - now} end
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait < 0 then wait = 0 end
if limit >= 0 and wait > limit then return {3, wait} end
tat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.ceil((tat - now) / 1000) + 1000)
return {1, wait}
"""

# KEYS[1]: pause-until (us). ARGV[1]: pause length (us). Extends, never shortens, a pause.
_PAUSE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local untilv = now + tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if untilv > current then
  redis.call('SET', KEYS[1], string.format('%.0f', untilv), 'PX', math.ceil(tonumber(ARGV[1]) / 1000) + 1000)
end
return 0
"""


class RateLimiterUnavailableError(RealEstateError):
    """The shared limiter could not reach Redis and is configured to fail closed."""


def credential_key(vendor: str, credential: str) -> str:
    """A Redis key for a vendor credential that never contains the credential itself."""
    digest = hashlib.sha256(credential.encode()).hexdigest()[:24]
    return f"{vendor}:{digest}"


class RedisRateLimiter:
    """At most ``rate`` calls per ``period`` seconds across every process using ``key``.

    ``key`` names the shared budget; build it with :func:`credential_key` (or
    :meth:`for_credential`) so the raw credential never reaches Redis. ``windows`` are the
    vendor's rate-limit headers: when one worker sees a window spent or gets a 429, every
    worker pauses until the reset.

    When Redis is unreachable, ``on_redis_error="raise"`` (the default) fails closed with
    :class:`RateLimiterUnavailableError`: no request is sent unmetered. ``"local"`` falls
    back to an in-process limiter at ``rate / fleet_size`` so the fleet as a whole still
    stays under the vendor's limit while Redis is away, and returns to Redis once it
    answers again.
    """

    def __init__(
        self,
        redis_url: str | None = None,
        key: str = "default",
        rate: int = 10,
        period: float = 60.0,
        *,
        client: Any = None,
        burst: int = 1,
        windows: tuple[HeaderWindow, ...] = (),
        on_redis_error: Literal["raise", "local"] = "raise",
        fleet_size: int = 1,
        prefix: str = "real_estate_async:rl",
        socket_timeout: float = 1.0,
    ) -> None:
        if isinstance(rate, bool) or not isinstance(rate, int) or rate < 1:
            raise ValueError(f"rate must be a positive int, not {rate!r}")
        if period <= 0:
            raise ValueError(f"period must be positive, not {period!r}")
        if not 1 <= burst <= rate:
            raise ValueError(f"burst must be between 1 and rate ({rate}), not {burst}")
        if on_redis_error not in ("raise", "local"):
            raise ValueError("on_redis_error must be 'raise' or 'local'")
        if client is None:
            if redis_url is None:
                raise ValueError("give redis_url or client")
            # Redis.from_url is annotated in redis-py 5 to 8 (the module-level from_url
            # is not in 5), so this type-checks whichever of them is installed.
            client = aioredis.Redis.from_url(
                redis_url, socket_timeout=socket_timeout, socket_connect_timeout=socket_timeout
            )
            self._owns_client = True
        else:
            self._owns_client = False
        self.rate, self.period, self.burst = rate, float(period), burst
        self.windows = windows
        self.on_redis_error = on_redis_error
        self._redis = client
        # Same bound as LocalRateLimiter: fewer than burst + r*T calls in any window T.
        interval = self.period / (rate - burst + 1)
        self._interval_us = int(interval * 1_000_000)
        self._tolerance_us = int((burst - 1) * interval * 1_000_000)
        self._tat_key = f"{prefix}:{key}:tat"
        self._pause_key = f"{prefix}:{key}:pause"
        self._acquire = self._redis.register_script(_ACQUIRE)
        self._pause = self._redis.register_script(_PAUSE)
        self._fallback = LocalRateLimiter(max(1, rate // max(1, fleet_size)), self.period)
        self.degraded = False

    @classmethod
    def for_credential(
        cls, redis_url: str, vendor: str, credential: str, rate: int, period: float, **kw: Any
    ) -> RedisRateLimiter:
        return cls(redis_url, credential_key(vendor, credential), rate, period, **kw)

    async def acquire(self, *, max_wait: float | None = None) -> None:
        limit_us = -1 if max_wait is None else int(max_wait * 1_000_000)
        while True:
            try:
                code, wait_us = await self._acquire(
                    keys=[self._tat_key, self._pause_key],
                    args=[self._interval_us, self._tolerance_us, limit_us],
                )
            except (RedisError, OSError, asyncio.TimeoutError) as exc:
                await self._unavailable(exc, max_wait)
                return
            if self.degraded:
                log.warning("Redis rate limiter reachable again; leaving the local fallback")
                self.degraded = False
            wait = int(wait_us) / 1_000_000
            if int(code) == 3:
                raise QuotaExhaustedError(wait, scope="the shared Redis quota")
            if int(code) == 2 and max_wait is not None and wait > max_wait:
                raise QuotaExhaustedError(wait, scope="the shared Redis quota (paused)")
            if wait > 0:
                await asyncio.sleep(wait)
            if int(code) == 1:
                return

    async def _unavailable(self, exc: BaseException, max_wait: float | None) -> None:
        if self.on_redis_error == "raise":
            raise RateLimiterUnavailableError(
                f"the Redis rate limiter is unavailable ({type(exc).__name__}); no request was "
                "sent. Pass on_redis_error='local' to fall back to a local limiter."
            ) from None
        if not self.degraded:
            log.warning(
                "Redis rate limiter unavailable (%s); using local fallback", type(exc).__name__
            )
            self.degraded = True
        await self._fallback.acquire(max_wait=max_wait)

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        pause = self._pause_for(status, headers)
        if pause is None or pause <= 0:
            return
        try:
            await self._pause(keys=[self._pause_key], args=[int(pause * 1_000_000)])
        except (RedisError, OSError, asyncio.TimeoutError):
            self.degraded = True  # acquire() applies the configured failure policy

    def _pause_for(self, status: int, headers: Mapping[str, str]) -> float | None:
        """How long the whole fleet must pause after this response, if at all: the same
        reading of the headers as :class:`AdaptiveRateLimiter`."""
        if status == 429:
            asked = parse_retry_after(headers.get("Retry-After"))
            if asked is not None:
                return asked
            wait = reset_wait_after_429(self.windows, headers, float("inf"))
            return self.period / self.rate if wait is None else wait
        spent = spent_windows(self.windows, headers)
        if not spent:
            return None
        return max(window_wait(w, headers, float("inf")) for w in spent)

    async def aclose(self) -> None:
        if self._owns_client:
            await self._redis.aclose()

    def __repr__(self) -> str:
        return f"RedisRateLimiter(key={self._tat_key!r}, rate={self.rate}, period={self.period})"
