"""Where received batches wait to be processed, and which events were already processed.

The receiver answers 2xx only after :meth:`BatchStore.put` returned, so an acknowledged
batch is in the store. :class:`RedisStore` survives the receiver being killed: a batch is
moved from the ``incoming`` list to a ``processing`` list while it is worked on (one atomic
``LMOVE``) and removed only once processed; on start, whatever a killed process left in
``processing`` goes back to ``incoming``. :class:`MemoryStore` keeps batches in the process
(for apps with no Redis: a crash loses what was not processed yet).
"""

from __future__ import annotations

import asyncio
import collections
import json
import time
from typing import Any, Protocol

import attrs

__all__ = [
    "BatchStore",
    "Dedupe",
    "MemoryDedupe",
    "MemoryStore",
    "RedisDedupe",
    "RedisStore",
    "StoredBatch",
]


@attrs.frozen
class StoredBatch:
    """One received callback body, with the tenant whose path it came in on."""

    tenant: str
    body: bytes
    received_ms: int = attrs.field(factory=lambda: int(time.time() * 1000))

    def encode(self) -> bytes:
        head = json.dumps({"tenant": self.tenant, "received_ms": self.received_ms})
        return head.encode() + b"\n" + self.body

    @classmethod
    def decode(cls, data: bytes) -> StoredBatch:
        head, _, body = data.partition(b"\n")
        meta = json.loads(head)
        return cls(tenant=str(meta["tenant"]), body=body, received_ms=int(meta["received_ms"]))


class BatchStore(Protocol):
    """A durable queue of received batches."""

    async def put(self, batch: StoredBatch) -> None:
        """Store ``batch``; when this returns, the batch survives what the store promises."""

    async def get(self, timeout: float) -> tuple[Any, StoredBatch] | None:
        """The next batch and a receipt for :meth:`ack`, or None after ``timeout`` seconds."""

    async def ack(self, receipt: Any) -> None:
        """The batch of ``receipt`` is processed: forget it."""

    async def recover(self) -> int:
        """Make batches a killed processor was working on available again; how many."""

    async def close(self) -> None: ...


class MemoryStore:
    """An in-process queue (no durability beyond the process)."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[StoredBatch] = asyncio.Queue()
        self.put_count = 0

    async def put(self, batch: StoredBatch) -> None:
        self.put_count += 1
        self._queue.put_nowait(batch)

    async def get(self, timeout: float) -> tuple[Any, StoredBatch] | None:
        try:
            batch = await asyncio.wait_for(self._queue.get(), timeout)
        except asyncio.TimeoutError:
            return None
        return batch, batch

    async def ack(self, receipt: Any) -> None:
        return None

    async def recover(self) -> int:
        return 0

    def qsize(self) -> int:
        return self._queue.qsize()

    async def close(self) -> None:
        return None


class RedisStore:
    """Batches in Redis lists ``<prefix>:incoming`` and ``<prefix>:processing``.

    Needs the ``redis`` extra. One processor per prefix: :meth:`recover` moves every batch
    in ``processing`` back, so two live processors on one prefix would process twice.
    """

    def __init__(self, url: str, *, prefix: str = "real_estate_async:webhooks") -> None:
        import redis.asyncio as aioredis  # optional dependency

        self._redis: Any = aioredis.Redis.from_url(url)
        self.incoming = f"{prefix}:incoming"
        self.processing = f"{prefix}:processing"

    async def put(self, batch: StoredBatch) -> None:
        await self._redis.lpush(self.incoming, batch.encode())

    async def get(self, timeout: float) -> tuple[Any, StoredBatch] | None:
        if timeout <= 0:
            data = await self._redis.lmove(self.incoming, self.processing, "RIGHT", "LEFT")
        else:  # BLMOVE takes whole or fractional seconds; at least 10 ms
            data = await self._redis.blmove(
                self.incoming, self.processing, max(timeout, 0.01), "RIGHT", "LEFT"
            )
        if data is None:
            return None
        return data, StoredBatch.decode(data)

    async def ack(self, receipt: Any) -> None:
        await self._redis.lrem(self.processing, 1, receipt)

    async def recover(self) -> int:
        moved = 0
        while await self._redis.lmove(self.processing, self.incoming, "LEFT", "RIGHT"):
            moved += 1
        return moved

    async def pending(self) -> int:
        """Batches not yet processed (incoming and in progress)."""
        return int(await self._redis.llen(self.incoming)) + int(
            await self._redis.llen(self.processing)
        )

    async def close(self) -> None:
        await self._redis.aclose()


class Dedupe(Protocol):
    """Which events were processed (by :attr:`WebhookEvent.dedupe_key`)."""

    async def seen(self, keys: list[str]) -> list[bool]: ...

    async def mark(self, keys: list[str]) -> None: ...


class MemoryDedupe:
    """The last ``size`` processed keys, in the process."""

    def __init__(self, size: int = 200_000) -> None:
        self._keys: collections.OrderedDict[str, None] = collections.OrderedDict()
        self._size = size

    async def seen(self, keys: list[str]) -> list[bool]:
        return [k in self._keys for k in keys]

    async def mark(self, keys: list[str]) -> None:
        for key in keys:
            self._keys[key] = None
            self._keys.move_to_end(key)
        while len(self._keys) > self._size:
            self._keys.popitem(last=False)


class RedisDedupe:
    """Processed keys in Redis, each kept ``ttl`` seconds (default 7 days: Lofty delivers
    within 5 minutes, retries included)."""

    def __init__(
        self, url: str, *, prefix: str = "real_estate_async:webhooks", ttl: int = 7 * 86400
    ) -> None:
        import redis.asyncio as aioredis  # optional dependency

        self._redis: Any = aioredis.Redis.from_url(url)
        self._prefix = f"{prefix}:done:"
        self._ttl = ttl

    async def seen(self, keys: list[str]) -> list[bool]:
        if not keys:
            return []
        found = await self._redis.mget([self._prefix + k for k in keys])
        return [v is not None for v in found]

    async def mark(self, keys: list[str]) -> None:
        if not keys:
            return
        pipe = self._redis.pipeline(transaction=False)
        for key in keys:
            pipe.set(self._prefix + key, b"1", ex=self._ttl)
        await pipe.execute()

    async def close(self) -> None:
        await self._redis.aclose()
