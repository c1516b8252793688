"""The fleet on taskiq: a Redis Streams broker (acknowledged delivery, a dead worker's
messages claimed by the others), the two tasks, and the worker lifecycle.

```python
fleet = Fleet("redis://localhost:6379/0", resolver=my_resolver)
broker = fleet.broker        # taskiq worker myapp.fleet:broker
```
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import ConnectionError, ResponseError, TimeoutError
from taskiq import AckableMessage, SimpleRetryMiddleware, TaskiqEvents, TaskiqState
from taskiq_redis import RedisAsyncResultBackend, RedisStreamBroker

from ._dest import resolve_destination
from ._runtime import FleetConfig, FleetRuntime, Resolver, redis_error, redis_where, until_redis

__all__ = ["Fleet", "FleetBroker"]

SYNC_TASK = "real_estate_async.sync_resource"
FETCH_TASK = "real_estate_async.fetch"
#: (tenant, provider) -> the destination's location: a DuckDB file, a DSN, a folder
Location = Callable[[str, str], "str | None"]
log = logging.getLogger("real_estate_async.workers")


def _cancelling() -> bool:
    """Whether someone asked the running task to stop (Python 3.11+ can tell even when
    the CancelledError itself was swallowed further down)."""
    task = asyncio.current_task()
    cancelling = getattr(task, "cancelling", None)
    return bool(cancelling()) if cancelling is not None else False


class FleetBroker(RedisStreamBroker):
    """:class:`taskiq_redis.RedisStreamBroker` that also claims a dead consumer's
    messages while the stream is idle.

    The stock ``listen`` runs ``XAUTOCLAIM`` only after ``XREADGROUP`` returned new
    messages (taskiq-redis 1.2.4), so a job whose worker was killed stays pending
    until someone enqueues something else. Here every read, with or without new
    messages, is followed by a claim of messages idle longer than ``idle_timeout``.

    It also stops when its read is cancelled (the worker shutting down): redis-py can
    swallow that cancellation inside a blocking read, and the stock loop then reads on
    forever, so the worker process never exits.

    An acknowledged message is deleted from the stream (the stock ack only ``XACK``s, so
    the stream grows by every message ever sent): the stream holds the work still to do.
    A worker whose Redis goes away waits and reconnects (a log line each way); if the
    consumer group is gone (``FLUSHALL``, a restart without the data) it is created
    again and ``on_group_lost`` re-queues the jobs whose checkpoints are left.
    """

    #: called once by the worker that re-created a lost consumer group
    on_group_lost: Callable[[], Awaitable[None]] | None = None

    async def _declare_consumer_group(self) -> None:
        if not self.is_worker_process:
            await super()._declare_consumer_group()  # `fleet enqueue`: fail at once
            return
        await until_redis(super()._declare_consumer_group, "starting the worker")

    def _ack_generator(self, id: str, queue_name: str) -> Callable[[], Awaitable[None]]:
        async def ack() -> None:
            try:
                async with Redis(connection_pool=self.connection_pool) as conn:
                    pipe = conn.pipeline(transaction=True)
                    pipe.xack(queue_name, self.consumer_group_name, id)
                    pipe.xdel(queue_name, id)  # the one group is done with it
                    await pipe.execute()
            except (ConnectionError, TimeoutError) as exc:
                # left pending: run again later, where its checkpoint makes it a no-op
                log.warning("fleet: could not acknowledge a message (%s)", redis_error(exc))
            except ResponseError as exc:
                log.warning("fleet: could not acknowledge a message (%s)", exc)

        return ack

    async def _read(self, conn: Redis) -> list[tuple[Any, Any, Any]]:
        """The next messages: new ones, then those a silent consumer left for too long."""
        got: list[tuple[Any, Any, Any]] = []
        fetched: Any = await conn.xreadgroup(
            self.consumer_group_name,
            self.consumer_name,
            {self.queue_name: ">"},
            block=self.block,
            noack=False,
            count=self.count,
        )
        for stream, entries in fetched or []:
            got += [(stream, msg_id, msg) for msg_id, msg in entries]
        if _cancelling():
            return got
        # XAUTOCLAIM is atomic: two workers claiming at once get distinct messages
        claimed: Any = await conn.xautoclaim(
            name=self.queue_name,
            groupname=self.consumer_group_name,
            consumername=self.consumer_name,
            min_idle_time=self.idle_timeout,
            count=self.unacknowledged_batch_size,
        )
        # None: the entry was deleted from the stream
        got += [(self.queue_name, msg_id, msg) for msg_id, msg in claimed[1] if msg]
        return got

    async def _group_lost(self, conn: Redis) -> None:
        try:
            await conn.xgroup_create(
                self.queue_name, self.consumer_group_name, id="0", mkstream=True
            )
        except ResponseError:
            return  # another worker re-created it (and re-queues the jobs)
        log.warning(
            "fleet: the queue was gone from Redis (FLUSHALL, or a restart without its "
            "data): re-created; jobs with a checkpoint left are queued again, any other "
            "job queued before is lost: enqueue it again"
        )
        if self.on_group_lost is not None:
            await self.on_group_lost()

    async def listen(self) -> AsyncGenerator[AckableMessage, None]:
        down: str | None = None  # why Redis is unreachable, while it is
        async with Redis(connection_pool=self.connection_pool) as conn:
            while not _cancelling():
                try:
                    got = await self._read(conn)
                except (ConnectionError, TimeoutError) as exc:
                    if down is None:
                        down = redis_error(exc)
                        log.warning("fleet: Redis unreachable (%s); reconnecting", down)
                    await asyncio.sleep(min(1.0, self.block / 1000))
                    continue
                except ResponseError as exc:
                    if "NOGROUP" not in str(exc):
                        raise
                    await self._group_lost(conn)
                    continue
                if down is not None:
                    log.warning("fleet: Redis is back; reading the queue again")
                    down = None
                for stream, msg_id, msg in got:
                    yield AckableMessage(
                        data=msg[b"data"], ack=self._ack_generator(id=msg_id, queue_name=stream)
                    )


class Fleet:
    """Broker, tasks and lifecycle of a fleet of sync workers.

    ``resolver``: ``async (tenant, provider) -> client kwargs`` (credentials, ``base_url``);
    it runs in the worker, so credentials never travel through the queue.
    ``destination``: ``auto`` (DuckDB through dlt if installed, else JSONL files),
    ``duckdb``, ``postgres`` or ``jsonl``; ``location(tenant, provider)``: its file, DSN
    or folder, also resolved in the worker (a DSN's password stays out of the queue).
    ``idle_timeout``: seconds after which a job of a silent (dead) worker goes to another
    worker; keep it above the time a job takes (``job_seconds`` plus one slice).
    ``results_ttl``: keep task results in Redis for that many seconds, so
    ``await (await fleet.fetch.kiq(...)).wait_result()`` returns the record (default:
    results are not kept). ``max_retries``: attempts at one slice of a sync before the job
    is given up as ``failed`` (``fleet status`` shows why; enqueueing it again starts it
    over), and taskiq's retries of a ``fetch``. Other arguments: :class:`FleetConfig`.
    """

    def __init__(
        self,
        redis_url: str,
        resolver: Resolver,
        *,
        destination: str = "auto",
        location: Location | None = None,
        rates: Mapping[str, tuple[int, float]] | None = None,
        tenant_cap: int = 1,
        slice_records: int = 1000,
        job_seconds: float = 10.0,
        lease_ttl: float = 30.0,
        retry_delay: float = 0.5,
        idle_timeout: float = 60.0,
        poll: float = 2.0,
        max_retries: int = 3,
        results_ttl: int | None = None,
        queue: str = "real_estate_async",
        prefix: str = "real_estate_async:fleet",
    ) -> None:
        self.config = FleetConfig(
            redis_url=redis_url,
            resolver=resolver,
            rates=dict(rates or {}),
            tenant_cap=tenant_cap,
            slice_records=slice_records,
            job_seconds=job_seconds,
            lease_ttl=lease_ttl,
            retry_delay=retry_delay,
            prefix=prefix,
            destination=destination,
            location=location,
            max_attempts=max_retries,
        )
        self.runtime = FleetRuntime(self.config)
        self._client_open = False
        self.broker = FleetBroker(
            redis_url,
            queue_name=queue,
            consumer_group_name=queue,
            consumer_id="0",  # a new group also takes what was queued before it existed
            idle_timeout=int(idle_timeout * 1000),
            xread_block=max(1, int(poll * 1000)),
            xread_count=1,  # one message at a time: the others stay for idle workers
        ).with_middlewares(SimpleRetryMiddleware(default_retry_count=max_retries))
        self.broker.on_group_lost = self._requeue_lost
        if results_ttl:
            # results (what `fetch` returns, a sync's outcome) kept in Redis for that long
            self.broker = self.broker.with_result_backend(
                RedisAsyncResultBackend(redis_url, result_ex_time=results_ttl)
            )
        self.broker.on_event(TaskiqEvents.WORKER_STARTUP)(self._startup)
        self.broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)(self._shutdown)

        # taskiq renames the function it registers: plain functions, not bound methods
        async def sync_resource(
            tenant: str,
            provider: str,
            resource: str,
            token: str | None = None,
            list_kwargs: dict[str, Any] | None = None,
            restart: bool = False,
        ) -> str:
            return await self._sync_resource(
                tenant, provider, resource, token, list_kwargs, restart
            )

        async def fetch(tenant: str, provider: str, resource: str, record_id: str) -> Any:
            return await self._fetch(tenant, provider, resource, record_id)

        self.sync_resource = self.broker.register_task(
            sync_resource, task_name=SYNC_TASK, retry_on_error=True
        )
        self.fetch = self.broker.register_task(fetch, task_name=FETCH_TASK, retry_on_error=True)

    # ------------------------------------------------------------ lifecycle

    async def _startup(self, state: TaskiqState) -> None:
        """WORKER_STARTUP: one SessionManager and Redis client for this process."""
        await self.runtime.open()
        await self.runtime.warm_up()

    async def _shutdown(self, state: TaskiqState) -> None:
        """WORKER_SHUTDOWN: close them. The running jobs are finished by now (taskiq waits
        for them before this event)."""
        await self.runtime.close()

    async def __aenter__(self) -> Fleet:
        """The enqueueing side (an app, ``fleet enqueue``): broker and store opened."""
        await self.broker.startup()
        await self.runtime.open()
        self._client_open = True
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._client_open = False
        await self.runtime.close()
        await self.broker.shutdown()

    def describe(self) -> str:
        """One line for the worker's start: broker, queue, tenants source, destination
        (no secret: the Redis URL without its password, the secrets file by its path)."""
        resolver = self.config.resolver
        source = getattr(resolver, "source", None) or getattr(
            resolver, "__qualname__", type(resolver).__name__
        )
        try:
            destination = resolve_destination(self.config.destination)
        except Exception as exc:  # reported by the first job; the worker still starts
            destination = f"{self.config.destination} ({exc})"
        return (
            f"broker {type(self.broker).__name__} on {redis_where(self.config.redis_url)}, "
            f"queue {self.broker.queue_name!r} (group {self.broker.consumer_group_name!r}), "
            f"tenants from {source}, destination {destination}"
        )

    async def _requeue_lost(self) -> None:
        requeued = await self.runtime.requeue_lost(self._kick)
        if requeued:
            log.warning("fleet: queued again from their checkpoints: %s", ", ".join(requeued))

    # ---------------------------------------------------------------- tasks

    async def _kick(self, tenant: str, provider: str, resource: str, token: str) -> None:
        await self.sync_resource.kiq(tenant, provider, resource, token=token)

    async def _sync_resource(
        self,
        tenant: str,
        provider: str,
        resource: str,
        token: str | None = None,
        list_kwargs: dict[str, Any] | None = None,
        restart: bool = False,
    ) -> str:
        """Sync ``provider``'s ``resource`` of ``tenant`` into the tenant's destination,
        one slice per message. Without ``token`` (what an app sends): start the job."""
        if token is None:
            started = await self.runtime.enqueue_sync(
                self._kick,
                tenant,
                provider,
                resource,
                list_kwargs=list_kwargs,
                restart=restart,
            )
            return "queued" if started else "already-running"
        return await self.runtime.sync_slice(self._kick, tenant, provider, resource, token)

    async def _fetch(self, tenant: str, provider: str, resource: str, record_id: str) -> Any:
        """One record, e.g. ``fetch("acme", "brokermint", "transactions", "42")``."""
        return await self.runtime.fetch(tenant, provider, resource, record_id)

    async def enqueue(
        self,
        tenant: str,
        provider: str,
        resource: str,
        *,
        list_kwargs: Mapping[str, Any] | None = None,
        restart: bool = False,
    ) -> bool:
        """Start a sync job from the enqueueing side (inside ``async with fleet``); False
        if it already runs."""
        if not self._client_open:
            raise RuntimeError("use `async with fleet:` around enqueue()")
        return await self.runtime.enqueue_sync(
            self._kick,
            tenant,
            provider,
            resource,
            list_kwargs=list_kwargs,
            restart=restart,
        )
