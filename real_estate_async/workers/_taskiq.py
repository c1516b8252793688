"""The fleet on taskiq: a Redis Streams broker (acknowledged delivery, a dead worker's
messages claimed by the others), the two tasks, and the worker lifecycle.

```python
fleet = Fleet("redis://localhost:6379/0", resolver=my_resolver)
broker = fleet.broker        # taskiq worker myapp.fleet:broker
```
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Callable, Mapping
from typing import Any

from redis.asyncio import Redis
from taskiq import AckableMessage, SimpleRetryMiddleware, TaskiqEvents, TaskiqState
from taskiq_redis import RedisAsyncResultBackend, RedisStreamBroker

from ._runtime import FleetConfig, FleetRuntime, Resolver

__all__ = ["Fleet", "FleetBroker"]

SYNC_TASK = "real_estate_async.sync_resource"
FETCH_TASK = "real_estate_async.fetch"
#: (tenant, provider) -> the destination's location: a DuckDB file, a DSN, a folder
Location = Callable[[str, str], "str | None"]


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
    """

    async def listen(self) -> AsyncGenerator[AckableMessage, None]:
        async with Redis(connection_pool=self.connection_pool) as conn:
            while not _cancelling():
                fetched: Any = await conn.xreadgroup(
                    self.consumer_group_name,
                    self.consumer_name,
                    {self.queue_name: ">"},
                    block=self.block,
                    noack=False,
                    count=self.count,
                )
                for stream, entries in fetched or []:
                    for msg_id, msg in entries:
                        yield AckableMessage(
                            data=msg[b"data"], ack=self._ack_generator(id=msg_id, queue_name=stream)
                        )
                if _cancelling():
                    return
                # XAUTOCLAIM is atomic: two workers claiming at once get distinct messages
                claimed: Any = await conn.xautoclaim(
                    name=self.queue_name,
                    groupname=self.consumer_group_name,
                    consumername=self.consumer_name,
                    min_idle_time=self.idle_timeout,
                    count=self.unacknowledged_batch_size,
                )
                for msg_id, msg in claimed[1]:
                    if msg:  # None: the entry was trimmed from the stream
                        yield AckableMessage(
                            data=msg[b"data"],
                            ack=self._ack_generator(id=msg_id, queue_name=self.queue_name),
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
    results are not kept). Other arguments: :class:`FleetConfig`.
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
