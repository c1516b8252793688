"""The engine-neutral part of the fleet: configuration, the per-process runtime (one
SessionManager, one Redis client, one shared limiter per credential) and the job bodies.

A task queue only has to call :meth:`FleetRuntime.sync_slice` / :meth:`FleetRuntime.fetch`
with the job's arguments and give a ``kick`` coroutine that enqueues the next message;
``real_estate_async.workers.taskiq`` does that for taskiq, the README shows arq/Celery.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import os
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, cast

import attrs

from .._errors import ConfigurationError
from .._registry import PROVIDERS
from .._session import SessionManager
from ..ratelimit import RateLimiter
from ._dest import resolve_destination, write_slice
from ._store import Checkpoint, FleetStore

__all__ = [
    "FleetConfig",
    "FleetRuntime",
    "Kick",
    "Resolver",
    "SliceOutcome",
    "redis_error",
    "redis_where",
    "until_redis",
]

log = logging.getLogger("real_estate_async.workers")

#: async (tenant, provider) -> the client's keyword arguments (``api_key=``, ``base_url=``...)
Resolver = Callable[[str, str], Awaitable[Mapping[str, Any]]]
#: enqueue the next message of a sync job: kick(tenant, provider, resource, token)
Kick = Callable[[str, str, str, str], Awaitable[None]]
#: "sliced", "done", "failed", "retry", "busy", "tenant-full", "stale", "rekicked"
SliceOutcome = str
#: slices fetched ahead of their load, at most (memory: ``_AHEAD * slice_records`` records)
_AHEAD = 4
_TENANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


@attrs.frozen
class FleetConfig:
    """How the fleet runs.

    ``redis_url``: the broker's Redis, also holding quotas, checkpoints and leases.
    ``resolver``: tenant -> credentials, called in the worker (credentials never travel
    through the queue). ``rates``: each credential's quota per provider, ``(calls,
    seconds)``, shared by every worker (default: the client's own default, e.g.
    Brokermint 100 per 10 s). ``tenant_cap``: jobs of one tenant running at once.
    ``slice_records``: records per slice; a sync is a chain of slices, each saved when
    loaded. ``job_seconds``: how long one job goes on with further slices before it
    re-queues the rest (0: one slice per job); while a slice loads, the next ones are
    being fetched (up to four ahead) and go into the next load together, so the quota
    keeps being used. A million-record sync thus
    never holds a worker for long. ``lease_ttl``: how long a
    dead worker's job stays locked. ``retry_delay``: pause before re-queueing a job that
    found its tenant at the cap, and base of the pause before a failed slice is tried
    again (times the attempts so far). ``max_attempts``: attempts at one slice before the
    job is given up as ``failed`` (final, like ``done``: shown with its reason by
    ``fleet status``; enqueueing it again starts it over).
    """

    redis_url: str
    resolver: Resolver
    rates: Mapping[str, tuple[int, float]] = attrs.field(factory=dict)
    tenant_cap: int = 1
    slice_records: int = 1000
    job_seconds: float = 10.0
    lease_ttl: float = 30.0
    retry_delay: float = 0.5
    prefix: str = "real_estate_async:fleet"
    destination: str = "auto"
    location: Callable[[str, str], str | None] | None = None
    max_attempts: int = 3


@attrs.frozen
class _Slice:
    """One fetched slice, waiting for its load."""

    index: int
    rows: list[dict[str, Any]]
    end: dict[str, Any]
    finished: bool
    requests: int


#: what the fetcher sends when it stopped at ``job_seconds`` (the listing goes on)
_STOPPED = "stopped"


def _drain(
    item: _Slice | BaseException | str, fetched: asyncio.Queue[Any]
) -> tuple[list[_Slice], BaseException | str | None]:
    """``item`` and every slice waiting behind it, up to the last one, an error or
    ``_STOPPED`` (returned second)."""
    batch: list[_Slice] = []
    while isinstance(item, _Slice):
        batch.append(item)
        if item.finished or fetched.empty():
            return batch, None
        item = fetched.get_nowait()
    return batch, item


def _describe(exc: BaseException) -> str:
    from .._errors import RealEstateError

    if isinstance(exc, RealEstateError):
        return f"{type(exc).__name__}: {exc}"[:300]
    return type(exc).__name__


def _redis_down(exc: BaseException) -> bool:
    """Redis unreachable (down, restarting, still loading its data)?"""
    from redis.exceptions import ConnectionError, TimeoutError

    return isinstance(exc, (ConnectionError, TimeoutError))


def redis_where(url: str) -> str:
    """A Redis URL without its credentials (for messages and logs)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)
    except ValueError:
        return "the fleet's Redis"
    if not parts.scheme or not parts.hostname:
        return "the fleet's Redis"
    return f"{parts.scheme}://{host}{parts.path}"


def redis_error(exc: BaseException) -> str:
    """A Redis connection error in one line (redis-py's text names host and port, never
    the URL's password)."""
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


async def until_redis(op: Callable[[], Awaitable[Any]], what: str) -> Any:
    """Run ``op`` until Redis answers: a job's step that must not be lost (its checkpoint,
    its next message) waits out a Redis restart instead of failing, with a log line."""
    delay, warned = 0.1, False
    while True:
        try:
            result = await op()
        except Exception as exc:
            if not _redis_down(exc):
                raise
            if not warned:
                log.warning(
                    "fleet: Redis unreachable (%s) while %s; retrying", redis_error(exc), what
                )
                warned = True
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2.0)
            continue
        if warned:
            log.warning("fleet: Redis is back (%s)", what)
        return result


def _secret_of(credentials: Mapping[str, Any]) -> str:
    """The credential part of the client kwargs (everything but the URL) as one string."""
    parts = {k: str(v) for k, v in credentials.items() if k != "base_url"}
    return json.dumps(parts, sort_keys=True)


class FleetRuntime:
    """One per worker process: open on startup, close on shutdown."""

    def __init__(self, config: FleetConfig, *, redis: Any = None) -> None:
        self.config = config
        self._redis = redis
        self._owns_redis = redis is None
        self.session: SessionManager | None = None
        self._fleet_store: FleetStore | None = None
        self._limiters: dict[str, RateLimiter] = {}
        self._load_lock = asyncio.Lock()

    async def open(self) -> None:
        if self._redis is None:
            import redis.asyncio as aioredis

            self._redis = aioredis.Redis.from_url(self.config.redis_url)
        self._fleet_store = FleetStore(self._redis, self.config.prefix)
        self.session = SessionManager()

    async def warm_up(self) -> None:
        """Import the destination's libraries now (dlt takes a second or two), not in the
        first job, and say the worker is up (an event in the stream)."""
        if resolve_destination(self.config.destination) != "jsonl":
            await asyncio.to_thread(__import__, "dlt")
        await self._store().event("worker", pid=os.getpid())

    async def close(self) -> None:
        for limiter in self._limiters.values():
            closer = getattr(limiter, "aclose", None)
            if closer is not None:
                await closer()
        self._limiters.clear()
        if self.session is not None:
            await self.session.aclose()
            self.session = None
        self._fleet_store = None
        if self._owns_redis and self._redis is not None:
            await self._redis.aclose()
            self._redis = None

    @property
    def store(self) -> FleetStore:
        """The shared store (checkpoints, leases, events) once :meth:`open` ran."""
        if self._fleet_store is None:
            raise RuntimeError("FleetRuntime is not open (the worker startup event did not run)")
        return self._fleet_store

    def _store(self) -> FleetStore:
        if self.session is None:
            raise RuntimeError("FleetRuntime is not open (the worker startup event did not run)")
        return self.store

    # ------------------------------------------------------------- clients

    def limiter(self, provider: str, credentials: Mapping[str, Any]) -> RateLimiter | None:
        """The fleet-wide limiter of this credential (its Redis key hashes the credential)."""
        from ..ratelimit.redis import RedisRateLimiter, credential_key

        cls: Any = PROVIDERS[provider].client()
        rate = self.config.rates.get(provider) or getattr(cls, "default_rate_limit", None)
        if rate is None:
            return None
        key = credential_key(provider, _secret_of(credentials))
        limiter = self._limiters.get(key)
        if limiter is None:
            limiter = self._limiters[key] = RedisRateLimiter(
                None,
                key,
                int(rate[0]),
                float(rate[1]),
                client=self._redis,
                windows=tuple(getattr(cls, "rate_limit_headers", ())),
            )
        return limiter

    async def client(self, tenant: str, provider: str) -> Any:
        """A client for ``tenant`` on the worker's session and the credential's limiter."""
        self._store()
        if provider not in PROVIDERS:
            raise ConfigurationError(
                f"unknown provider {provider!r}; choose from {', '.join(PROVIDERS)}"
            )
        credentials = dict(await self.config.resolver(tenant, provider))
        kwargs: dict[str, Any] = dict(credentials, session=self.session)
        limiter = self.limiter(provider, credentials)
        if limiter is not None:
            kwargs["rate_limit"] = limiter
        return PROVIDERS[provider].make(**kwargs)

    # ---------------------------------------------------------------- jobs

    async def enqueue_sync(
        self,
        kick: Kick,
        tenant: str,
        provider: str,
        resource: str,
        *,
        list_kwargs: Mapping[str, Any] | None = None,
        restart: bool = False,
    ) -> bool:
        """Create the job's checkpoint and send its first message; False if that job is
        already under way (``restart=True`` starts it over)."""
        store = self.store
        if not _TENANT.match(tenant):
            # part of Redis keys and dataset names: letters, digits, ``_.-``
            raise ConfigurationError(f"tenant names are [A-Za-z0-9_.-]+, not {tenant!r}")
        if provider not in PROVIDERS or resource not in PROVIDERS[provider].resources:
            raise ConfigurationError(f"unknown provider/resource {provider}/{resource}")
        resolve_destination(self.config.destination)  # fail here, not in every worker
        options = {"list_kwargs": dict(list_kwargs or {})}
        token = uuid.uuid4().hex
        job = store.job_id(tenant, provider, resource)
        if not await store.create(job, token, options, reset=restart):
            return False
        await store.event("queued", job=job, tenant=tenant)
        await kick(tenant, provider, resource, token)
        return True

    async def check_tenant(self, tenant: str, provider: str) -> None:
        """Ask the resolver for ``tenant``'s ``provider`` credentials now (raises its
        ``ConfigurationError``), so a job for an unknown tenant is refused, not queued to
        fail in a worker. Only where the credentials are reachable (a CLI beside them)."""
        if provider not in PROVIDERS:
            raise ConfigurationError(
                f"unknown provider {provider!r}; choose from {', '.join(PROVIDERS)}"
            )
        await self.config.resolver(tenant, provider)

    async def requeue_lost(self, kick: Kick) -> list[str]:
        """Send again the message of every unfinished job that no worker runs (after Redis
        lost its queue but kept checkpoints: a restart from an older snapshot). A copy of
        a message still queued is harmless: the checkpoint lets one run, drops the other."""
        store = self.store
        requeued = []
        for job, checkpoint in sorted((await store.jobs()).items()):
            if checkpoint.finished or await store.running(job):
                continue
            tenant, provider, resource = job.split(":", 2)
            await kick(tenant, provider, resource, checkpoint.token)
            await store.mark_kicked(job, checkpoint.token)
            requeued.append(job)
        return requeued

    async def sync_slice(
        self, kick: Kick, tenant: str, provider: str, resource: str, token: str
    ) -> SliceOutcome:
        """Run the next slice of a sync job if message ``token`` owns it; send the next
        message. Safe to run twice (redelivery): the checkpoint decides."""
        store = self._store()
        cfg = self.config
        job = store.job_id(tenant, provider, resource)
        owner = f"{os.getpid()}:{uuid.uuid4().hex[:8]}"
        granted = await store.acquire(tenant, job, owner, cfg.lease_ttl, cfg.tenant_cap)
        if granted != 1:
            checkpoint = await store.load(job)
            if (
                checkpoint is None
                or checkpoint.finished
                or token not in (checkpoint.token, checkpoint.prev)
            ):
                return "stale"
            # someone runs this job (or the tenant is at its cap): try again later, and
            # let this worker take other tenants' jobs meanwhile
            await asyncio.sleep(cfg.retry_delay)
            await kick(tenant, provider, resource, token)
            return "busy" if granted == 0 else "tenant-full"
        renew = asyncio.ensure_future(self._renew(store, tenant, job, owner))
        released = False
        try:
            checkpoint = await store.load(job)
            if checkpoint is None or checkpoint.finished:
                return "stale"
            if token == checkpoint.prev:
                # the slices of this message were saved, its worker died before sending
                # the next message (or before noting that it did)
                if checkpoint.kicked:
                    return "stale"
                await kick(tenant, provider, resource, checkpoint.token)
                await store.mark_kicked(job, checkpoint.token)
                return "rekicked"
            if token != checkpoint.token:
                return "stale"
            outcome, next_token, attempts = await self._run_slices(
                tenant, provider, resource, token, checkpoint
            )
            if outcome in ("stale", "done", "failed"):
                return outcome
            renew.cancel()
            await until_redis(
                functools.partial(store.release, tenant, job, owner), f"releasing {job}"
            )
            released = True
            if outcome == "retry":
                # the queue's message is acknowledged; this job goes on with a new one
                await asyncio.sleep(cfg.retry_delay * attempts)
            await until_redis(
                lambda: kick(tenant, provider, resource, next_token), f"queueing {job}"
            )
            await until_redis(lambda: store.mark_kicked(job, next_token), f"queueing {job}")
            return "sliced" if outcome == "next" else "retry"
        finally:
            renew.cancel()
            # the renewer's own CancelledError comes back as a value; ours still propagates
            await asyncio.gather(renew, return_exceptions=True)
            if not released:
                try:
                    await store.release(tenant, job, owner)
                except Exception as exc:
                    if not _redis_down(exc):
                        raise
                    # Redis is down: the lease lapses by itself after lease_ttl

    async def _run_slices(
        self,
        tenant: str,
        provider: str,
        resource: str,
        message: str,
        checkpoint: Checkpoint,
    ) -> tuple[str, str, int]:
        """Slices from ``checkpoint`` for up to ``job_seconds``. A fetcher goes on fetching
        slices (up to ``_AHEAD`` waiting) while this loop loads them; one load takes every
        slice fetched meanwhile, since a load's cost is mostly per load, not per record.
        Each load is saved after it succeeded. Returns ``("done" | "stale" | "failed", "",
        0)``, ``("next", token, 0)`` (the message that must continue the job) or
        ``("retry", token, attempts)`` (a slice failed; try again)."""
        store = self.store
        job = store.job_id(tenant, provider, resource)
        list_kwargs = checkpoint.options.get("list_kwargs") or {}
        token, state = checkpoint.token, checkpoint.state
        index, total = checkpoint.slices, checkpoint.rows
        fetched: asyncio.Queue[_Slice | BaseException | str] = asyncio.Queue(_AHEAD)
        fetcher = asyncio.ensure_future(
            self._fetch_ahead(fetched, job, tenant, provider, resource, checkpoint, list_kwargs)
        )
        try:
            while True:
                item = await fetched.get()
                # one load at a time per process (dlt): the slices fetched while this one
                # waited for its turn go into the same load
                failure: Exception | None = None
                if isinstance(item, _Slice) and not item.rows and fetched.empty():
                    # nothing to load (the listing's empty last page): no turn to wait for
                    batch, last = [item], None
                else:
                    async with self._load_slot():
                        batch, last = _drain(item, fetched)
                        try:
                            if any(s.rows for s in batch):
                                await self._write(tenant, provider, resource, batch)
                        except Exception as exc:
                            if _redis_down(exc):
                                raise  # the message stays pending and is run again
                            failure = exc
                if failure is not None:
                    here = attrs.evolve(
                        checkpoint, token=token, state=state, slices=index, rows=total
                    )
                    return await self._failed(job, tenant, index, here, failure)
                if batch:
                    end, finished = batch[-1].end, batch[-1].finished
                    next_token = uuid.uuid4().hex
                    total += sum(len(s.rows) for s in batch)
                    saved = attrs.evolve(
                        checkpoint, token=next_token, prev=message, kicked=False, state=end,
                        rows=total, slices=index + len(batch), done=finished, error="",
                        attempts=0,
                    )  # fmt: skip
                    commit = functools.partial(
                        store.commit, job, token, next_token, end, rows=total,
                        slices=index + len(batch), done=finished, prev=message,
                    )  # fmt: skip
                    committed = await until_redis(commit, f"saving {job}")
                    if committed == -1:
                        # Redis lost the job (FLUSHALL, a restart without its data): this
                        # worker's copy puts it back, and the job goes on
                        log.warning(
                            "fleet: the checkpoint of %s was gone from Redis; restored from "
                            "this worker's copy (slice %d)", job, index,
                        )  # fmt: skip
                        await store.restore(job, saved)
                    elif not committed:  # another worker took over after our lease lapsed
                        return "stale", "", 0
                    for s in batch:
                        await store.event(
                            "done" if s.finished else "end",
                            job=job,
                            tenant=tenant,
                            slice=s.index,
                            rows=len(s.rows),
                            requests=s.requests,
                            pid=os.getpid(),
                        )
                    if finished:
                        return "done", "", 0
                    token, state, index = next_token, end, index + len(batch)
                if isinstance(last, BaseException):
                    if _redis_down(last):
                        raise last
                    here = attrs.evolve(
                        checkpoint, token=token, state=state, slices=index, rows=total
                    )
                    return await self._failed(job, tenant, index, here, cast(Exception, last))
                if last == _STOPPED:
                    return "next", token, 0
        finally:
            if not fetcher.done():
                fetcher.cancel()
            await asyncio.gather(fetcher, return_exceptions=True)

    async def _fetch_ahead(
        self,
        out: asyncio.Queue[_Slice | BaseException | str],
        job: str,
        tenant: str,
        provider: str,
        resource: str,
        checkpoint: Checkpoint,
        list_kwargs: Mapping[str, Any],
    ) -> None:
        """Fetch slice after slice into ``out`` until the listing ends, ``job_seconds``
        have passed (then ``_STOPPED``) or a fetch raises (then the exception)."""
        started = time.monotonic()
        state, index = checkpoint.state, checkpoint.slices
        try:
            while True:
                await self.store.event(
                    "start", job=job, tenant=tenant, slice=index, pid=os.getpid()
                )
                rows, end, finished, requests = await self._fetch_slice(
                    tenant, provider, resource, state, list_kwargs
                )
                await out.put(_Slice(index, rows, end, finished, requests))
                if finished:
                    return
                if time.monotonic() - started >= self.config.job_seconds:
                    await out.put(_STOPPED)
                    return
                state, index = end, index + 1
        except Exception as exc:
            await out.put(exc)

    async def _failed(
        self, job: str, tenant: str, index: int, here: Checkpoint, exc: Exception
    ) -> tuple[str, str, int]:
        """A slice raised: note why (SDK errors are redacted; others by their type only)
        and try again later, or give the job up after ``max_attempts``."""
        store = self.store
        reason = _describe(exc)
        attempts = await store.note_error(job, here.token, reason)
        if attempts == 0 and await store.load(job) is None:
            await store.restore(job, here)  # Redis lost the job meanwhile
            attempts = await store.note_error(job, here.token, reason)
        if attempts == 0:
            return "stale", "", 0  # another worker took over after our lease lapsed
        await store.event("error", job=job, tenant=tenant, slice=index)
        if attempts < self.config.max_attempts:
            return "retry", here.token, attempts
        reason = f"failed after {attempts} attempts: {reason}"
        await store.fail(job, here.token, reason)
        await store.event("failed", job=job, tenant=tenant, slice=index, pid=os.getpid())
        log.warning("fleet: %s %s", job, reason)
        return "failed", "", 0

    def _load_slot(self) -> contextlib.AbstractAsyncContextManager[Any]:
        """dlt keeps process-wide state (config, context): one dlt load at a time per
        process; JSONL files need no turn."""
        if resolve_destination(self.config.destination) == "jsonl":
            return contextlib.nullcontext()
        return self._load_lock

    async def _write(
        self, tenant: str, provider: str, resource: str, batch: Sequence[_Slice]
    ) -> None:
        """Load the slices of ``batch`` (consecutive) in one go: one dlt load for all of
        them, or one JSONL file per slice (run it in :meth:`_load_slot`)."""
        destination = resolve_destination(self.config.destination)
        where = self.config.location
        db = None if where is None else where(tenant, provider)
        kwargs = {"provider": provider, "tenant": tenant, "resource": resource}
        if destination == "jsonl":
            for s in batch:
                await asyncio.to_thread(
                    write_slice, destination, db, **kwargs, index=s.index, rows=s.rows
                )
            return
        rows = [row for s in batch for row in s.rows]
        await asyncio.to_thread(
            write_slice, destination, db, **kwargs, index=batch[0].index, rows=rows
        )

    async def _renew(self, store: FleetStore, tenant: str, job: str, owner: str) -> None:
        ttl = self.config.lease_ttl
        while True:
            await asyncio.sleep(ttl / 3)
            if await store.acquire(tenant, job, owner, ttl, self.config.tenant_cap) != 1:
                log.warning("fleet: lost the lease of %s; another worker may run it", job)
                return

    async def _fetch_slice(
        self,
        tenant: str,
        provider: str,
        resource: str,
        state: Mapping[str, Any] | None,
        list_kwargs: Mapping[str, Any],
    ) -> tuple[list[dict[str, Any]], dict[str, Any], bool, int]:
        client = await self.client(tenant, provider)
        try:
            if list_kwargs:
                pager = getattr(client, resource).list(
                    resume_from=state, raw=True, **dict(list_kwargs)
                )
            else:
                pager = PROVIDERS[provider].resources[resource].list(client, None, 1, state)
            limit = self.config.slice_records
            rows = await pager.collect(limit)
            end = pager.state
            finished = len(rows) < limit or bool(end.get("done"))
            return list(rows), end, finished, int(client.stats["requests"])
        finally:
            await client.aclose()

    async def fetch(self, tenant: str, provider: str, resource: str, record_id: str) -> Any:
        """One record (``GET /<resource>/{id}`` of the vendor) as the vendor sent it."""
        entry = PROVIDERS[provider].resources.get(resource) if provider in PROVIDERS else None
        if entry is None or entry.get is None:
            raise ConfigurationError(f"cannot fetch {provider}/{resource} by id")
        client = await self.client(tenant, provider)
        try:
            return await entry.get(client, str(record_id))
        finally:
            await client.aclose()
