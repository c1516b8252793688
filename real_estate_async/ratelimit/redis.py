"""A rate limiter shared by every process that points at the same Redis (extra ``redis``).

The shared state is a sliding-window log in Redis, counted the way
:class:`~real_estate_async.ratelimit.WindowRateLimiter` counts in one process: a call holds
a slot while in flight and for ``period`` seconds after it *completed*, so the vendor has
counted the old call before the new one leaves and arrival jitter can never put N+1 calls
into one of its windows. Every decision is one atomic Lua script on Redis's clock
(``TIME``); hosts only ever send durations, so a host whose clock is off changes nothing.

Losing the Redis state (a restart without persistence, ``FLUSHALL``, eviction) is
detected through an epoch key: each process re-adds its own calls of the last ``period``
before it is granted anything new, and the fleet holds grants for a short settle time
while every process does so. A 429 or an exhausted header window seen by any worker
pauses the whole fleet through a shared key.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import logging
import time
import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .._errors import RealEstateError
from .._retry import parse_retry_after, server_time
from .adaptive import HeaderWindow, blamed_windows, known_wait, spent_windows
from .base import QuotaExhaustedError
from .window import WindowRateLimiter

try:
    import redis.asyncio as aioredis
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import RedisError
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "RedisRateLimiter needs the 'redis' extra: pip install 'real_estate_async[redis]'"
    ) from exc

__all__ = ["RateLimiterUnavailableError", "RedisRateLimiter", "credential_key"]

log = logging.getLogger("real_estate_async")

# KEYS: 1 log (zset member -> completion us), 2 flight (zset member -> lease deadline us),
# 3 pause-until (us), 4 epoch, 5 settle-until (us).
# ARGV: 1 period us, 2 limit, 3 member, 4 lease us, 5 epoch this process knows ('' = none),
# 6 epoch to create if none, 7 longest wait accepted (us, -1 any), 8 settle us.
# Returns {code, wait_us, epoch, used}: 1 granted; 2 paused (fleet pause or settling), ask again
# after wait; 3 the next slot is further away than accepted; 4 full, ask again after wait;
# 5 the state was lost since this process last looked: re-add your history first.
# ``used`` is the fleet's count in the window (this grant included), -1 when not counted.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local epoch = redis.call('GET', KEYS[4])
if not epoch then
  epoch = ARGV[6]
  redis.call('SET', KEYS[4], epoch)
  if ARGV[5] ~= '' then
    redis.call('SET', KEYS[5], string.format('%.0f', now + tonumber(ARGV[8])),
      'PX', math.ceil(tonumber(ARGV[8]) / 1000) + 1)
  end
end
if ARGV[5] ~= '' and ARGV[5] ~= epoch then return {5, 0, epoch, -1} end
local pause = tonumber(redis.call('GET', KEYS[3]) or '0')
local settle = tonumber(redis.call('GET', KEYS[5]) or '0')
if settle > pause then pause = settle end
if pause > now then return {2, pause - now, epoch, -1} end
local period = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local done = redis.call('ZCARD', KEYS[1])
local flying = redis.call('ZCARD', KEYS[2])
if done + flying < tonumber(ARGV[2]) then
  local lease = tonumber(ARGV[4])
  redis.call('ZADD', KEYS[2], now + lease, ARGV[3])
  redis.call('PEXPIRE', KEYS[2], math.ceil(lease / 1000) + 1000)
  return {1, 0, epoch, done + flying + 1}
end
local wait = period
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] then wait = tonumber(oldest[2]) + period - now end
local limit = tonumber(ARGV[7])
if limit >= 0 and wait > limit and flying == 0 then return {3, wait, epoch, done + flying} end
return {4, wait, epoch, done + flying}
"""

# KEYS: 1 log, 2 flight, 3 pause. ARGV: 1 member, 2 period us, 3 pause us (0 = none),
# 4 "1" when this pause replaces the current one (a 429: the newest signal wins).
# The call is over: move it from in flight to the log at Redis's now; extend the pause.
_DONE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.ceil(tonumber(ARGV[2]) / 1000) + 1000)
local pause = tonumber(ARGV[3])
if ARGV[4] == '1' and pause <= 0 then
  redis.call('DEL', KEYS[3])
elseif pause > 0 then
  local untilv = now + pause
  local current = tonumber(redis.call('GET', KEYS[3]) or '0')
  if ARGV[4] == '1' or untilv > current then
    redis.call('SET', KEYS[3], string.format('%.0f', untilv), 'PX', math.ceil(pause / 1000) + 1000)
  end
end
return 0
"""

# KEYS: 1 flight. ARGV: 1 member. A granted call that was never sent.
_RELEASE = """
redis.call('ZREM', KEYS[1], ARGV[1])
return 0
"""

# KEYS: 1 log, 2 flight, 3 settle-until. ARGV: 1 period us, 2 lease us, 3 settle us (0 =
# none), then pairs (member, age us; age -1 = still in flight). Re-adds this process's own
# recent calls after a state loss or an outage, placed by age on Redis's clock; coming back
# from an outage also holds the fleet's grants for the settle time (processes still on
# their local fallback have not been counted yet).
_RESEED = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local period = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local settle = tonumber(ARGV[3])
if settle > 0 then
  local current = tonumber(redis.call('GET', KEYS[3]) or '0')
  if now + settle > current then
    redis.call('SET', KEYS[3], string.format('%.0f', now + settle), 'PX', math.ceil(settle / 1000) + 1)
  end
end
for i = 4, #ARGV, 2 do
  local age = tonumber(ARGV[i + 1])
  if age < 0 then
    redis.call('ZADD', KEYS[2], now + lease, ARGV[i])
  else
    redis.call('ZREM', KEYS[2], ARGV[i])
    if age < period then redis.call('ZADD', KEYS[1], now - age, ARGV[i]) end
  end
end
redis.call('PEXPIRE', KEYS[1], math.ceil(period / 1000) + 1000)
redis.call('PEXPIRE', KEYS[2], math.ceil(lease / 1000) + 1000)
return 0
"""

_REDIS_DOWN = (RedisError, OSError, asyncio.TimeoutError)


class RateLimiterUnavailableError(RealEstateError):
    """The shared limiter could not reach Redis and is configured to fail closed."""


def credential_key(vendor: str, credential: str) -> str:
    """A Redis key for a vendor credential that never contains the credential itself."""
    import hashlib

    digest = hashlib.sha256(credential.encode()).hexdigest()[:24]
    return f"{vendor}:{digest}"


class RedisRateLimiter:
    """At most ``rate`` calls per ``period`` seconds across every process using ``key``.

    ``key`` names the shared budget; build it with :func:`credential_key` (or
    :meth:`for_credential`) so the raw credential never reaches Redis. ``windows`` are the
    vendor's rate-limit headers: when one worker sees a window spent or gets a 429, every
    worker pauses until the reset (each window caps the pause at its own length; without
    windows a pause is capped at ``max_pause``, default ``max(period, 60)`` seconds).

    A burst of ``rate`` may go at once; a slot frees ``period`` seconds after its call
    completed (see the module docstring). ``lease`` bounds how long a slot of a call whose
    process died stays taken (default ``period`` + 60 s). Within one process, one task at a
    time talks to Redis for a slot, so waiting tasks cost Redis nothing; they re-ask at least
    every ``poll`` seconds (default ``min(period / 10, 0.1)``).

    When Redis is unreachable, ``on_redis_error="raise"`` (the default) fails closed with
    :class:`RateLimiterUnavailableError`: no request is sent unmetered. ``"local"`` falls
    back to an in-process window of 90% of ``rate / fleet_size`` that already counts this
    process's calls of the last ``period`` (and takes over those in flight); Redis is tried again every
    ``retry_interval`` seconds, and on return this process's calls made meanwhile are added
    to the shared log before it is granted anything, so the fleet is counted again at once.
    """

    def __init__(
        self,
        redis_url: str | None = None,
        key: str = "default",
        rate: int = 10,
        period: float = 60.0,
        *,
        client: Any = None,
        burst: int | None = None,
        windows: tuple[HeaderWindow, ...] = (),
        on_redis_error: Literal["raise", "local"] = "raise",
        fleet_size: int = 1,
        prefix: str = "real_estate_async:rl",
        socket_timeout: float = 1.0,
        lease: float | None = None,
        poll: float | None = None,
        max_pause: float | None = None,
        retry_interval: float = 1.0,
    ) -> None:
        if isinstance(rate, bool) or not isinstance(rate, int) or rate < 1:
            raise ValueError(f"rate must be a positive int, not {rate!r}")
        if isinstance(period, bool) or not isinstance(period, (int, float)) or period <= 0:
            raise ValueError(f"period must be positive, not {period!r}")
        if burst is not None and not 1 <= burst <= rate:
            raise ValueError(f"burst must be between 1 and rate ({rate}), not {burst}")
        if on_redis_error not in ("raise", "local"):
            raise ValueError("on_redis_error must be 'raise' or 'local'")
        if isinstance(fleet_size, bool) or not isinstance(fleet_size, int) or fleet_size < 1:
            raise ValueError(f"fleet_size must be a positive int, not {fleet_size!r}")
        if client is None and redis_url is None:
            raise ValueError("give redis_url or client")
        self.rate, self.period = rate, float(period)
        self.burst = burst  # accepted for compatibility: the window allows ``rate`` at once
        self.windows = windows
        self.on_redis_error = on_redis_error
        self.fleet_size = fleet_size
        self.lease = float(lease) if lease is not None else self.period + 60.0
        self.poll = float(poll) if poll is not None else min(self.period / 10, 0.1)
        self.max_pause = float(max_pause) if max_pause is not None else max(self.period, 60.0)
        self.retry_interval = retry_interval
        # After a state loss or an outage, grants are held this long so that every process
        # (polling at least every ``poll``; a degraded one every ``retry_interval``) has
        # re-added its calls before anyone is granted a slot on a partial count.
        self._settle = max(3 * self.poll, 2 * retry_interval + self.poll)
        self._owns_client = client is None
        if client is None:
            # Redis.from_url is annotated in redis-py 5 to 8 (the module-level from_url
            # is not in 5), so this type-checks whichever of them is installed.
            client = aioredis.Redis.from_url(
                str(redis_url), socket_timeout=socket_timeout, socket_connect_timeout=socket_timeout
            )
        self._redis = client
        base = f"{prefix}:{key}"
        self._keys = [f"{base}:log", f"{base}:flight", f"{base}:pause", f"{base}:epoch"]
        self._settle_key = f"{base}:settle"
        self._acquire_script = self._redis.register_script(_ACQUIRE)
        self._done_script = self._redis.register_script(_DONE)
        self._release_script = self._redis.register_script(_RELEASE)
        self._reseed_script = self._redis.register_script(_RESEED)
        # 90% of an even share once an outage has lasted two periods (see _unavailable for
        # the two periods before); the 10% covers a fleet_size slightly off.
        self._share = max(1, int(rate * 0.9 / fleet_size))
        self._fallback = WindowRateLimiter(self._share, self.period)
        self._phases: list[tuple[float, int]] = []  # (from when, local limit)
        self._fleet_used = (rate, -1e9)  # the fleet's count at the last Redis answer, when
        self._epoch = ""  # the shared state's epoch this process last saw
        self._lock: asyncio.Lock | None = None
        # This process's own calls: member -> "redis" | "local" while in flight, and
        # (member, monotonic completion) for the last period: re-added after a loss.
        self._flying: dict[str, str] = {}
        self._history: collections.deque[tuple[str, float]] = collections.deque()
        self._ticket: contextvars.ContextVar[str | None] = contextvars.ContextVar(
            f"redis_rl_ticket_{id(self)}", default=None
        )
        self.degraded = False
        self._need_reseed = False
        self._next_try = 0.0
        self.reseeds = 0  # how many times this process re-added its history (a loss seen)

    @classmethod
    def for_credential(
        cls, redis_url: str, vendor: str, credential: str, rate: int, period: float, **kw: Any
    ) -> RedisRateLimiter:
        return cls(redis_url, credential_key(vendor, credential), rate, period, **kw)

    # ----------------------------------------------------------------- acquire

    async def acquire(self, *, max_wait: float | None = None) -> None:
        member = uuid.uuid4().hex
        while True:
            if not self._redis_down_recently():
                if self._lock is None:
                    self._lock = asyncio.Lock()
                async with self._lock:  # one task per process asks Redis; others queue here
                    # Re-checked under the lock: another task may just have found Redis down.
                    if not self._redis_down_recently():
                        try:
                            await self._acquire_redis(member, max_wait)
                        except _REDIS_DOWN as exc:
                            await self._unavailable(exc)
                        else:
                            self._granted(member, "redis")
                            return
            # Wait locally, but look at Redis again every retry_interval: once it is back,
            # the shared log decides (a local grant then would not be counted there).
            self._next_phase()
            if not await self._fallback.acquire_within(self.retry_interval):
                continue
            if self.degraded:
                self._granted(member, "local")
                return
            self._fallback.release()

    async def _run(self, script: Any, *, keys: list[str], args: list[Any]) -> Any:
        """Run a script; a connection that broke while idle (Redis restarted) is retried
        once on a fresh one before Redis counts as down."""
        try:
            return await script(keys=keys, args=args)
        except RedisConnectionError:
            return await script(keys=keys, args=args)

    def _redis_down_recently(self) -> bool:
        return self.degraded and time.monotonic() < self._next_try

    async def _acquire_redis(self, member: str, max_wait: float | None) -> None:
        limit_us = -1 if max_wait is None else int(max_wait * 1_000_000)
        while True:
            if self._need_reseed:
                await self._reseed()
            code, wait_us, epoch, used = await self._run(
                self._acquire_script,
                keys=[*self._keys, self._settle_key],
                args=[
                    int(self.period * 1_000_000),
                    self.rate,
                    member,
                    int(self.lease * 1_000_000),
                    self._epoch,
                    uuid.uuid4().hex,
                    limit_us,
                    int(self._settle * 1_000_000),
                ],
            )
            code, wait = int(code), int(wait_us) / 1_000_000
            if int(used) >= 0:
                self._fleet_used = (int(used), time.monotonic())
            if self.degraded:
                log.warning("Redis rate limiter reachable again; leaving the local fallback")
                self.degraded = False
            new_epoch = epoch.decode() if isinstance(epoch, bytes) else str(epoch)
            if code == 5:  # the shared state was lost: put our calls back before asking
                log.warning("Redis rate-limit state was lost; re-adding this process's calls")
                self._epoch = new_epoch
                self._need_reseed = True
                continue
            self._epoch = new_epoch
            if code == 1:
                return
            if code == 3:
                raise QuotaExhaustedError(wait, scope="the shared Redis quota")
            if code == 2 and max_wait is not None and wait > max_wait:
                raise QuotaExhaustedError(wait, scope="the shared Redis quota (paused)")
            await asyncio.sleep(min(wait, self.poll) if code == 4 else wait)

    async def _reseed(self) -> None:
        now = time.monotonic()
        self._trim(now)
        settle = self._settle if self.degraded else 0.0
        args: list[Any] = [
            int(self.period * 1_000_000),
            int(self.lease * 1_000_000),
            int(settle * 1_000_000),
        ]
        for member, done_at in self._history:
            args += [member, int((now - done_at) * 1_000_000)]
        for member in self._flying:
            args += [member, -1]
        await self._run(self._reseed_script, keys=[*self._keys[:2], self._settle_key], args=args)
        self._need_reseed = False
        self.reseeds += 1

    async def _unavailable(self, exc: BaseException) -> None:
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
            # The local window starts from this process's own recent calls, and takes over
            # the ones still in flight.
            now = time.monotonic()
            self._trim(now)
            flying = [m for m, where in self._flying.items() if where == "redis"]
            for member in flying:
                self._flying[member] = "local"
            self._fallback.seed([done for _, done in self._history], len(flying))
            self._plan_phases(now, len(self._history) + len(self._flying))
        self._need_reseed = True  # on return, add the calls made meanwhile to the log
        self._next_try = time.monotonic() + self.retry_interval

    def _plan_phases(self, now: float, own: int) -> None:
        """The local limits for the first two periods of an outage.

        Each process knows only its own calls. For one period it may hold what it had
        plus an even part of what the fleet had left at its last Redis answer: summed over
        the fleet that is at most the limit. Then a process above its share drops to the
        share at once, and one below it rises to the share only a period later, once the
        heavier ones' calls have left every window: the sum never passes the limit.
        """
        used, seen_at = self._fleet_used
        fresh = now - seen_at <= 2 * self.poll + 0.05
        extra = max(0, self.rate - used) // self.fleet_size if fresh else 0
        first = own + extra
        self._fallback.max_calls = first
        second = self._share if first > self._share else first
        self._phases = [(now + self.period, second), (now + 2.05 * self.period, self._share)]
        self._fallback.release_waiters()

    def _next_phase(self) -> None:
        now = time.monotonic()
        while self._phases and self._phases[0][0] <= now:
            _, limit = self._phases.pop(0)
            self._fallback.max_calls = limit
            self._fallback.release_waiters()

    def _granted(self, member: str, where: str) -> None:
        self._flying[member] = where
        self._ticket.set(member)

    # ---------------------------------------------------------------- feedback

    def _take_ticket(self) -> tuple[str, str] | None:
        member = self._ticket.get()
        if member is None or member not in self._flying:
            if not self._flying:
                return None
            member = next(iter(self._flying))  # acquire and feedback in different tasks
        self._ticket.set(None)
        return member, self._flying.pop(member)

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        ticket = self._take_ticket()
        pause = self._pause_for(status, headers) or 0.0
        now = time.monotonic()
        if ticket is not None:
            member, where = ticket
            self._history.append((member, now))
            self._trim(now)
            if where == "local":
                await self._fallback.feedback(status, headers)
        else:
            member = uuid.uuid4().hex
        # A 429's pause replaces the fleet's current one (its Retry-After is the newest word
        # on the window); other answers only extend it.
        replace = "1" if status == 429 else "0"
        if self.degraded and not pause:
            return  # in the history: re-added to the log when Redis is back
        try:
            await self._run(
                self._done_script,
                keys=self._keys[:3],
                args=[member, int(self.period * 1_000_000), int(pause * 1_000_000), replace],
            )
        except _REDIS_DOWN:
            self._need_reseed = True  # the completion is in the history: re-added later

    async def release(self) -> None:
        """A granted call was never sent: give its slot back."""
        ticket = self._take_ticket()
        if ticket is None:
            return
        member, where = ticket
        if where == "local":
            self._fallback.release()
            return
        with contextlib.suppress(*_REDIS_DOWN):  # else the lease expires on its own
            await self._run(self._release_script, keys=[self._keys[1]], args=[member])

    def _trim(self, now: float) -> None:
        history = self._history
        while history and history[0][1] <= now - self.period:
            history.popleft()

    def _pause_for(self, status: int, headers: Mapping[str, str]) -> float | None:
        """How long the whole fleet must pause after this response, if at all: the same
        reading of the headers as :class:`AdaptiveRateLimiter`, as a duration on the
        vendor's clock, each window capped at its own length."""
        if status == 429:
            spent = blamed_windows(self.windows, headers)
            cap = max((w.cap for w in spent), default=self.max_pause)
            asked = parse_retry_after(headers.get("Retry-After"), now=server_time(headers))
            if asked is not None:
                return min(asked, cap)
            # A reset header that is absent or unreadable says nothing: no guess of a whole
            # window (an hour for some); one slot's interval when nothing is known.
            known = _known_waits(spent, headers)
            return max(known) if known else self.period / self.rate
        known = _known_waits(spent_windows(self.windows, headers), headers)
        return max(known) if known else None

    async def aclose(self) -> None:
        if self._owns_client:
            await self._redis.aclose()

    def __repr__(self) -> str:
        return f"RedisRateLimiter(key={self._keys[0]!r}, rate={self.rate}, period={self.period})"


def _known_waits(windows: Sequence[HeaderWindow], headers: Mapping[str, str]) -> list[float]:
    """The waits of ``windows`` whose reset this answer tells (see :func:`known_wait`)."""
    waits = (known_wait(w, headers, w.cap) for w in windows)
    return [wait for wait in waits if wait is not None]
