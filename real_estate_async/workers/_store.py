"""What the fleet shares in Redis: job checkpoints, leases, tenant slots, events.

Keys (``prefix`` default ``real_estate_async:fleet``):

- ``{prefix}:job:{tenant}:{provider}:{resource}``: a hash, the job's checkpoint: the pager
  ``state`` to resume from, the ``token`` of the one message allowed to run the next
  slice, ``prev`` (the token before), ``kicked`` (the next message was sent), counters;
- ``{prefix}:lease:{job}``: who runs the job now (expires unless renewed);
- ``{prefix}:slots:{tenant}``: a sorted set of the tenant's running jobs, scored by the
  expiry of their lease: at most ``cap`` members count (the per-tenant concurrency cap);
- ``{prefix}:events``: a stream of slice starts and ends (``fleet status``, tests, bench).

Tenant names are used as they are in keys; credentials never are.
"""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["Checkpoint", "FleetStore"]

# KEYS: lease, slots. ARGV: owner, ttl ms, cap, job.
# 1: granted (or renewed); 0: another owner holds this job; -1: the tenant is at its cap.
_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return 0 end
if not redis.call('ZSCORE', KEYS[2], ARGV[4]) then
  if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return -1 end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', tonumber(ARGV[2]))
redis.call('ZADD', KEYS[2], now + tonumber(ARGV[2]), ARGV[4])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]) * 2)
return 1
"""

# KEYS: lease, slots. ARGV: owner, job.
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('ZREM', KEYS[2], ARGV[2])
  return 1
end
return 0
"""

# KEYS: job hash. ARGV: reset (1/0), then field/value pairs. 0: a job under way was kept
# (a finished job, done or failed, is started again).
_CREATE = """
if ARGV[1] ~= '1' and redis.call('EXISTS', KEYS[1]) == 1
   and redis.call('HGET', KEYS[1], 'done') ~= '1'
   and redis.call('HGET', KEYS[1], 'failed') ~= '1' then return 0 end
redis.call('DEL', KEYS[1])
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1
"""

# KEYS: job hash. ARGV: expected token, then field/value pairs to set.
# 1: set; 0: another token owns the job; -1: the job is gone (Redis flushed or restarted
# without its data).
_COMMIT = """
local token = redis.call('HGET', KEYS[1], 'token')
if not token then return -1 end
if token ~= ARGV[1] then return 0 end
for i = 2, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
return 1
"""

# KEYS: job hash. ARGV: expected token, error. The attempts that failed so far (0: the job
# is no longer this token's).
_NOTE_ERROR = """
if redis.call('HGET', KEYS[1], 'token') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'error', ARGV[2])
return redis.call('HINCRBY', KEYS[1], 'attempts', 1)
"""


@attrs.frozen
class Checkpoint:
    """A job's progress: resume ``state`` for the pager, the message ``token`` that may run
    the next slice, and counters."""

    token: str
    prev: str = ""
    kicked: bool = False
    state: dict[str, Any] | None = None
    slices: int = 0
    rows: int = 0
    done: bool = False
    options: dict[str, Any] = attrs.field(factory=dict)
    error: str = ""  # why the last attempt failed ("" after a slice succeeds)
    attempts: int = 0  # failed attempts at the current slice
    failed: bool = False  # gave up after its attempts: final, like ``done``

    @property
    def finished(self) -> bool:
        """``done`` or ``failed``: no message runs it any more; enqueueing starts it over."""
        return self.done or self.failed

    @classmethod
    def from_hash(cls, raw: Mapping[bytes, bytes]) -> Checkpoint:
        get = {k.decode(): v.decode() for k, v in raw.items()}
        return cls(
            token=get.get("token", ""),
            prev=get.get("prev", ""),
            kicked=get.get("kicked") == "1",
            state=json.loads(get["state"]) if get.get("state") else None,
            slices=int(get.get("slices", 0)),
            rows=int(get.get("rows", 0)),
            done=get.get("done") == "1",
            options=json.loads(get.get("options") or "{}"),
            error=get.get("error", ""),
            attempts=int(get.get("attempts", 0)),
            failed=get.get("failed") == "1",
        )


class FleetStore:
    """The fleet's shared state on a ``redis.asyncio.Redis`` client."""

    def __init__(self, redis: Any, prefix: str = "real_estate_async:fleet") -> None:
        self.redis = redis
        self.prefix = prefix
        self._acquire = redis.register_script(_ACQUIRE)
        self._release = redis.register_script(_RELEASE)
        self._commit = redis.register_script(_COMMIT)
        self._create = redis.register_script(_CREATE)
        self._note_error = redis.register_script(_NOTE_ERROR)

    # ------------------------------------------------------------------ keys

    def job_id(self, tenant: str, provider: str, resource: str) -> str:
        return f"{tenant}:{provider}:{resource}"

    def _job(self, job: str) -> str:
        return f"{self.prefix}:job:{job}"

    def _lease(self, job: str) -> str:
        return f"{self.prefix}:lease:{job}"

    def _slots(self, tenant: str) -> str:
        return f"{self.prefix}:slots:{tenant}"

    @property
    def events_key(self) -> str:
        return f"{self.prefix}:events"

    # ----------------------------------------------------------- checkpoints

    async def create(
        self, job: str, token: str, options: Mapping[str, Any], *, reset: bool
    ) -> bool:
        """Start job ``job`` with message ``token``; False if it already runs (and not
        ``reset``): enqueueing a running sync twice does not fork it (one atomic step)."""
        fields = {
            "token": token,
            "prev": "",
            "kicked": "1",
            "state": "",
            "slices": 0,
            "rows": 0,
            "done": "0",
            "options": json.dumps(dict(options)),
            "created": time.time(),
        }
        args: list[Any] = ["1" if reset else "0"]
        for name, value in fields.items():
            args += [name, value]
        return bool(await self._create(keys=[self._job(job)], args=args))

    async def load(self, job: str) -> Checkpoint | None:
        raw = await self.redis.hgetall(self._job(job))
        return Checkpoint.from_hash(raw) if raw else None

    async def commit(
        self,
        job: str,
        token: str,
        next_token: str,
        state: Mapping[str, Any] | None,
        *,
        rows: int,
        slices: int,
        done: bool,
        prev: str | None = None,
    ) -> int:
        """Record a finished slice and hand the job to ``next_token``, atomically and only
        if ``token`` still owns it (1; 0 if another token does, -1 if the job is gone).
        ``prev``: the message being run (default ``token``), so that message,
        redelivered, knows its slices were saved."""
        args = [
            token,
            "token", next_token,
            "prev", prev or token,
            "kicked", "0",
            "state", json.dumps(state) if state is not None else "",
            "rows", rows,
            "slices", slices,
            "done", "1" if done else "0",
            "error", "",
            "attempts", 0,
            "updated", time.time(),
        ]  # fmt: skip
        return int(await self._commit(keys=[self._job(job)], args=args))

    async def restore(self, job: str, checkpoint: Checkpoint) -> None:
        """Write back a job's checkpoint that Redis lost (flushed, or restarted without its
        data) from a worker's copy, so the job goes on where it was."""
        fields: dict[str, Any] = {
            "token": checkpoint.token,
            "prev": checkpoint.prev,
            "kicked": "1" if checkpoint.kicked else "0",
            "state": json.dumps(checkpoint.state) if checkpoint.state is not None else "",
            "slices": checkpoint.slices,
            "rows": checkpoint.rows,
            "done": "1" if checkpoint.done else "0",
            "options": json.dumps(checkpoint.options),
            "updated": time.time(),
        }
        await self.redis.hset(self._job(job), mapping=fields)

    async def note_error(self, job: str, token: str, error: str) -> int:
        """Note why an attempt of ``token`` failed; how many attempts have failed."""
        return int(await self._note_error(keys=[self._job(job)], args=[token, error]))

    async def fail(self, job: str, token: str, error: str) -> bool:
        """Give the job up (final, like done): it ran out of attempts."""
        args = [token, "failed", "1", "error", error, "updated", time.time()]
        return int(await self._commit(keys=[self._job(job)], args=args)) == 1

    async def mark_kicked(self, job: str, token: str) -> None:
        await self._commit(keys=[self._job(job)], args=[token, "kicked", "1"])

    async def forget(self, job: str) -> None:
        await self.redis.delete(self._job(job))

    async def jobs(self) -> dict[str, Checkpoint]:
        """Every job known to the store, by job id."""
        found: dict[str, Checkpoint] = {}
        head = f"{self.prefix}:job:"
        async for key in self.redis.scan_iter(match=head + "*", count=500):
            name = key.decode() if isinstance(key, bytes) else str(key)
            checkpoint = await self.load(name[len(head) :])
            if checkpoint is not None:
                found[name[len(head) :]] = checkpoint
        return found

    async def running(self, job: str) -> bool:
        return bool(await self.redis.exists(self._lease(job)))

    # ------------------------------------------------------- leases, slots

    async def acquire(self, tenant: str, job: str, owner: str, ttl: float, cap: int) -> int:
        """Take (or renew) the lease of ``job`` within ``tenant``'s cap: 1 granted,
        0 another owner runs the job, -1 the tenant already runs ``cap`` jobs."""
        return int(
            await self._acquire(
                keys=[self._lease(job), self._slots(tenant)],
                args=[owner, max(1, int(ttl * 1000)), cap, job],
            )
        )

    async def release(self, tenant: str, job: str, owner: str) -> None:
        await self._release(keys=[self._lease(job), self._slots(tenant)], args=[owner, job])

    # --------------------------------------------------------------- events

    async def event(self, kind: str, **fields: Any) -> None:
        """Append to the events stream (capped at ~10 000 entries)."""
        from redis.exceptions import ConnectionError, TimeoutError

        entry = {"kind": kind, "t": f"{time.time():.6f}", **{k: str(v) for k, v in fields.items()}}
        # for dashboards only: a job does not stop for an event Redis could not take
        with contextlib.suppress(ConnectionError, TimeoutError):
            await self.redis.xadd(self.events_key, entry, maxlen=10_000, approximate=True)

    async def events(self) -> list[dict[str, str]]:
        entries = await self.redis.xrange(self.events_key)
        return [{k.decode(): v.decode() for k, v in fields.items()} for _id, fields in entries]
