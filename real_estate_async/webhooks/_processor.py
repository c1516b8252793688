"""Turn stored batches into incremental syncs of exactly the records their events name.

The processor takes a batch from the store, keeps taking whatever else arrives within
``window`` seconds, drops events already processed (:attr:`WebhookEvent.dedupe_key`),
groups the rest per tenant and resource, fetches each group's records once
(:func:`fetch_records`), writes them to the sink and/or hands the typed events to a
callback, marks the events processed, and only then acknowledges the batches. A crash
anywhere before the acknowledgement leaves the batches in the store to be processed again;
the dedupe marks and the merge by id make that second pass harmless.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Protocol

import attrs

from ._events import WebhookEvent, parse_batch
from ._fetch import ROUTES, fetch_records
from ._store import BatchStore, Dedupe, MemoryDedupe, StoredBatch

__all__ = ["EventCallback", "ProcessorStats", "Sink", "WebhookProcessor"]

log = logging.getLogger("real_estate_async.webhooks")

#: ``async def on_events(tenant, events)``: the typed events of one coalesced round.
EventCallback = Callable[[str, Sequence[WebhookEvent]], Awaitable[None]]


class Sink(Protocol):
    async def write(
        self,
        tenant: str,
        resource: str,
        records: Mapping[str, Mapping[str, Any]],
        deleted: set[str],
    ) -> None: ...

    async def write_events(self, tenant: str, events: Sequence[WebhookEvent]) -> None: ...


@attrs.define
class ProcessorStats:
    batches: int = 0
    events: int = 0
    duplicates: int = 0
    rounds: int = 0
    #: API requests made to fetch records (gets, lists and sweep pages)
    requests: int = 0
    records: int = 0
    deleted: int = 0
    failures: int = 0
    #: requests of each round, in order (to report requests per batch)
    requests_per_round: list[int] = attrs.field(factory=list)


class WebhookProcessor:
    """Processes what a :class:`Receiver` stored.

    ``clients``: the :class:`~real_estate_async.LoftyClient` of each tenant (one client:
    tenant ``"default"``); needed when ``sink`` is given. ``sink``: where records go
    (:class:`DuckDBSink`); ``on_events``: a callback for the typed events (either or both).
    ``window``: seconds to gather batches before fetching (coalescing). ``concurrency``:
    gets at once; ``scroll_above``: more ids than this are first looked for in one
    listing (leads: a ``GET /leads/updateTime`` scroll; agents: ``GET /members``) instead
    of one get each (see :func:`fetch_records`).
    """

    def __init__(
        self,
        store: BatchStore,
        *,
        clients: Mapping[str, Any] | Any = None,
        sink: Sink | None = None,
        on_events: EventCallback | None = None,
        dedupe: Dedupe | None = None,
        window: float = 0.2,
        max_events: int = 50_000,
        concurrency: int = 8,
        scroll_above: int = 20,
        retry_delay: float = 1.0,
    ) -> None:
        if sink is None and on_events is None:
            raise ValueError("give a sink, an on_events callback, or both")
        if clients is not None and not isinstance(clients, Mapping):
            clients = {"default": clients}
        if sink is not None and not clients:
            raise ValueError("a sink needs the LoftyClient of each tenant (clients=)")
        self.store = store
        self.clients: dict[str, Any] = dict(clients or {})
        self.sink = sink
        self.on_events = on_events
        self.dedupe = dedupe if dedupe is not None else MemoryDedupe()
        self.window = window
        self.max_events = max_events
        self.concurrency = concurrency
        self.scroll_above = scroll_above
        self.retry_delay = retry_delay
        self.stats = ProcessorStats()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self.processed = asyncio.Event()  # set after every round (tests wait on it)

    # ------------------------------------------------------------------ running

    async def start(self) -> None:
        """Recover batches a killed processor left unfinished, then run in the background."""
        recovered = await self.store.recover()
        if recovered:
            log.info("webhooks: %d unfinished batch(es) recovered", recovered)
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="webhook-processor")

    async def stop(self) -> None:
        self._stopping = True
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _run(self) -> None:
        delay = self.retry_delay
        while not self._stopping:
            try:
                await self.process_once(timeout=1.0)
                delay = self.retry_delay
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the batches stay stored; try again later
                self.stats.failures += 1
                log.warning("webhooks: round failed (%s); retrying", type(exc).__name__)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30.0)

    # ------------------------------------------------------------------ one round

    async def process_once(self, timeout: float = 1.0) -> int:
        """Take the batches available within ``window`` (waiting up to ``timeout`` for the
        first) and process them; the number of batches."""
        first = await self.store.get(timeout)
        if first is None:
            return 0
        taken = [(first[0], first[1], parse_batch(_decode(first[1].body)))]
        try:
            await self._gather(taken)
            await self._process([(batch.tenant, parsed) for _, batch, parsed in taken])
        except BaseException:  # failed or stopped: back in the queue for the next round
            for receipt, batch, _ in taken:
                await self.store.put(batch)
                await self.store.ack(receipt)
            raise
        for receipt, _, _ in taken:
            await self.store.ack(receipt)
        self.stats.batches += len(taken)
        self.processed.set()
        return len(taken)

    async def _gather(self, taken: list[tuple[Any, StoredBatch, list[WebhookEvent]]]) -> None:
        """Add to ``taken`` what else arrives within ``window`` (coalescing)."""
        events = sum(len(parsed) for _, _, parsed in taken)
        deadline = time.monotonic() + self.window
        while events < self.max_events:
            left = deadline - time.monotonic()
            if left <= 0:
                return
            more = await self.store.get(left)
            if more is None:
                return
            parsed = parse_batch(_decode(more[1].body))
            taken.append((more[0], more[1], parsed))
            events += len(parsed)

    async def _process(self, batches: list[tuple[str, list[WebhookEvent]]]) -> None:
        per_tenant: dict[str, list[WebhookEvent]] = {}
        for tenant, parsed in batches:
            per_tenant.setdefault(tenant, []).extend(parsed)
        round_requests = 0
        for tenant, events in per_tenant.items():
            self.stats.events += len(events)
            fresh = await self._fresh(tenant, events)
            if not fresh:
                continue
            if self.sink is not None:
                round_requests += await self._sync(tenant, fresh)
            if self.on_events is not None:
                await self.on_events(tenant, fresh)
            await self.dedupe.mark(list(dict.fromkeys(_key(tenant, e) for e in fresh)))
        self.stats.rounds += 1
        self.stats.requests_per_round.append(round_requests)

    async def _fresh(self, tenant: str, events: list[WebhookEvent]) -> list[WebhookEvent]:
        """Events not processed before for ``tenant``, each once."""
        unique: dict[str, WebhookEvent] = {}
        for event in events:
            unique.setdefault(_key(tenant, event), event)
        keys = list(unique)
        seen = await self.dedupe.seen(keys)
        fresh = [unique[k] for k, done in zip(keys, seen, strict=True) if not done]
        self.stats.duplicates += len(events) - len(fresh)
        return fresh

    async def _sync(self, tenant: str, events: list[WebhookEvent]) -> int:
        assert self.sink is not None
        client = self.clients.get(tenant)
        if client is None:
            raise LookupError(f"no LoftyClient for webhook tenant {tenant!r}")
        groups: dict[str, list[WebhookEvent]] = {}
        other: list[WebhookEvent] = []
        for event in events:
            if _routable(event):
                groups.setdefault(str(event.resource), []).append(event)
            else:
                other.append(event)
        requests = 0
        for resource, group in groups.items():
            every = ROUTES[resource].every  # the events name the lead, not the record
            ids = {str(e.lead_id if every else e.record_id) for e in group}
            leads = {str(e.record_id): str(e.lead_id) for e in group if e.lead_id is not None}
            times = [e.time_ms for e in group if e.time_ms is not None]
            since = min(times) if len(times) == len(group) else None
            result = await fetch_records(
                client, resource, ids, since, leads=leads,
                concurrency=self.concurrency, scroll_above=self.scroll_above,
            )  # fmt: skip
            await self.sink.write(tenant, resource, result.records, result.deleted)
            requests += result.requests
            self.stats.requests += result.requests
            self.stats.records += len(result.records)
            self.stats.deleted += len(result.deleted)
        if other:
            await self.sink.write_events(tenant, other)
        return requests


def _routable(event: WebhookEvent) -> bool:
    """The event names what its route needs: the record (and its lead when the record is
    read under it), or only the lead for a route that lists every record of a lead."""
    route = ROUTES.get(event.resource or "")
    if route is None:
        return False
    if route.every:
        return event.lead_id is not None
    if route.by_lead:
        return event.lead_id is not None and event.record_id is not None
    return event.record_id is not None


def _key(tenant: str, event: WebhookEvent) -> str:
    """Dedupe key: per tenant (two accounts may send identical envelopes)."""
    return f"{tenant}:{event.dedupe_key}"


def _decode(body: bytes) -> Any:
    try:
        return json.loads(body)
    except ValueError:  # the receiver stores JSON only; keep a stray body as one event
        return body.decode("utf-8", "replace")
