"""Lofty webhooks end to end: the sandbox delivers, a receiver on localhost stores, the
processor syncs the named records into DuckDB (events, receiver, routing, subscriptions)."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import statistics
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import aiohttp
import duckdb
import pytest
from _fleet import REDIS, redis_server
from aiohttp import web
from aiohttp.test_utils import TestServer

from real_estate_async import LoftyClient
from real_estate_async.sandbox import RateLimits, Sandbox
from real_estate_async.webhooks import (
    AgentEvent,
    AppointmentEvent,
    CallEvent,
    DuckDBSink,
    EmailEvent,
    EventType,
    LeadActivityEvent,
    LeadEvent,
    ListingAlertEvent,
    MemoryStore,
    NoteEvent,
    PipelineChangeEvent,
    Receiver,
    RedactingAccessLogger,
    RedisDedupe,
    RedisStore,
    TaskEvent,
    TextEvent,
    TransactionEvent,
    Wanted,
    WebhookEvent,
    WebhookProcessor,
    event_types,
    parse_batch,
)

TOKEN = secrets.token_urlsafe(24)
OTHER = secrets.token_urlsafe(24)


# ---------------------------------------------------------------------- helpers


class Harness:
    """Sandbox + receiver on localhost + processor writing to DuckDB."""

    def __init__(self, sb: Sandbox, url: str, store: Any, processor: WebhookProcessor,
                 sink: DuckDBSink, client: LoftyClient) -> None:  # fmt: skip
        self.sb, self.url, self.store, self.processor = sb, url, store, processor
        self.sink, self.client = sink, client

    @property
    def deliveries(self) -> Any:
        return self.sb.server("lofty").webhooks  # type: ignore[attr-defined]

    async def settle(self) -> None:
        """Every delivered event is processed (waits on the processor's round event)."""
        await self.deliveries.drained()
        while True:
            done = self.processor.stats.batches  # counted once a round is written and acked
            if self.deliveries.stats.batches <= done and _empty(self.store):
                return
            self.processor.processed.clear()
            await asyncio.wait_for(self.processor.processed.wait(), 30)

    def lead_rows(self) -> dict[str, tuple[Any, ...]]:
        rows = self.sink.rows("leads")
        assert len(rows) == len({r[1] for r in rows}), "one row per lead"
        return {r[1]: r for r in rows}


def _empty(store: Any) -> bool:
    return not isinstance(store, MemoryStore) or store.qsize() == 0


async def start_receiver(receiver: Receiver, handler: Any = None) -> tuple[TestServer, str]:
    app = web.Application()
    if handler is None:
        app.add_subapp(receiver.prefix, receiver.aiohttp_app())
    else:
        app.router.add_route("*", receiver.prefix + "/{tail:.*}", handler)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server, str(server.make_url(f"{receiver.prefix}/{TOKEN}"))


@pytest.fixture
async def harness(tmp_path: Path) -> AsyncIterator[Harness]:
    async with Sandbox(records=6000, vendors=["lofty"], rate_limits=RateLimits.relaxed()) as sb:
        store = MemoryStore()
        server, url = await start_receiver(Receiver(TOKEN, store))
        sink = DuckDBSink(str(tmp_path / "live.duckdb"))
        async with LoftyClient(**sb.client_kwargs("lofty")) as client:
            processor = WebhookProcessor(store, clients=client, sink=sink, window=0.1)
            await processor.start()
            try:
                yield Harness(sb, url, store, processor, sink, client)
            finally:
                await processor.stop()
                await server.close()
                sink.close()


# ---------------------------------------------------------------------- events


def test_the_twelve_event_types_parse_into_their_classes() -> None:
    classes = [AgentEvent, LeadEvent, LeadActivityEvent, ListingAlertEvent, TransactionEvent,
               CallEvent, EmailEvent, TextEvent, NoteEvent, TaskEvent, AppointmentEvent,
               PipelineChangeEvent]  # fmt: skip
    body = [{"listId": n, "id": 10 + n, "leadId": 7, "extra": {"kept": n}} for n in range(1, 13)]
    events = parse_batch(body)
    assert [type(e) for e in events] == classes
    assert [e.type for e in events] == list(EventType)
    assert all(e.record_id == str(10 + n) for n, e in enumerate(events, 1) if e.resource != "leads")
    assert events[1].record_id == "7" and events[11].record_id == "7"  # lead-scoped: the lead
    assert all(e.raw["extra"] == {"kept": n} for n, e in enumerate(events, 1))


def test_parsing_is_lenient_and_never_loses_the_batch() -> None:
    body = {
        "listId": 2,
        "events": [
            {"leadId": "5", "eventType": "DELETED", "eventTime": "2026-01-02T03:04:05Z"},
            {"listId": 99, "whatever": True},
            "not an object",
            None,
            {"leadId": 6, "timestamp": 1_700_000_000},
        ],
    }
    events = parse_batch(body)
    assert len(events) == 5
    first, unknown, text, null, last = events
    assert isinstance(first, LeadEvent) and first.deleted and first.record_id == "5"
    assert first.time_ms == 1_767_323_045_000
    assert type(unknown) is WebhookEvent and unknown.list_id == 99 and unknown.type is None
    assert unknown.raw == {"listId": 99, "whatever": True}
    assert text.raw == {"value": "not an object"} and null.raw == {"value": None}
    assert last.time_ms == 1_700_000_000_000 and not last.deleted
    for garbage in (None, 3, "x", [], {}, [[1]], {"events": "no"}):
        parse_batch(garbage)  # never raises
    same = parse_batch([{"leadId": 1, "a": 1}, {"a": 1, "leadId": 1}])
    assert same[0].dedupe_key == same[1].dedupe_key  # key order does not matter
    assert parse_batch([{"eventId": "e1", "listId": 2}])[0].dedupe_key == "id:2:e1"


def test_event_type_names() -> None:
    assert event_types("lead, transaction,12") == [
        EventType.LEAD, EventType.TRANSACTION, EventType.PIPELINE_CHANGE,
    ]  # fmt: skip
    assert event_types("all") == list(EventType)
    with pytest.raises(ValueError, match="unknown webhook event type"):
        event_types("leed")
    with pytest.raises(ValueError, match="1 to 12"):
        event_types("13")


# ---------------------------------------------------------------------- receiver


async def test_forged_oversized_and_non_json_requests_are_refused(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    store = MemoryStore()
    receiver = Receiver({"a": TOKEN, "b": OTHER}, store, max_body=1000)
    RedactingAccessLogger.prefix = receiver.prefix
    app = web.Application()
    app.add_subapp(receiver.prefix, receiver.aiohttp_app())
    server = TestServer(app, host="127.0.0.1")
    await server.start_server(access_log_class=RedactingAccessLogger)
    ok = json.dumps([{"listId": 2, "leadId": 1}]).encode()
    forged = [
        "/webhooks/lofty/",
        f"/webhooks/lofty/{TOKEN[:-1]}{'y' if TOKEN.endswith('x') else 'x'}",  # one char off
        f"/webhooks/lofty/{TOKEN}extra",
        f"/webhooks/lofty/b/{TOKEN}",  # a's token in b's path
        f"/webhooks/lofty/a/{OTHER}",
        f"/webhooks/lofty/c/{TOKEN}",
        f"/webhooks/lofty/a/{TOKEN}/more",
    ]
    try:
        async with aiohttp.ClientSession() as http:
            for path in forged:
                async with http.post(server.make_url(path), data=ok) as resp:
                    assert (resp.status, await resp.read()) == (404, b""), path
            for path in ("/webhooks/lofty", f"/other/{TOKEN}"):  # outside the mount
                async with http.post(server.make_url(path), data=ok) as resp:
                    assert resp.status == 404
            base = server.make_url(f"/webhooks/lofty/a/{TOKEN}")
            async with http.post(base, data=b"x" * 1001) as resp:
                assert resp.status == 413
            async with http.post(base, data=b"{not json") as resp:
                assert resp.status == 400
            async with http.get(base) as resp:
                assert resp.status == 405
            assert store.qsize() == 0, "nothing refused was stored"
            async with http.post(base, data=ok) as resp:
                assert resp.status == 200
            async with http.post(server.make_url(f"/webhooks/lofty/{OTHER}"), data=ok) as resp:
                assert resp.status == 200
    finally:
        await server.close()
    stored = [(await store.get(0.1)) for _ in range(2)]
    assert [s[1].tenant for s in stored if s] == ["a", "b"]
    # the same checks through the framework-free entry point
    assert await receiver.handle(f"/webhooks/lofty/b/{TOKEN}", ok, {}) == (404, b"")
    assert (await receiver.handle(f"/webhooks/lofty/a/{TOKEN}", b"[" * 2000))[0] == 413
    assert (await receiver.handle(f"/webhooks/lofty/a/{TOKEN}", b"[1,"))[0] == 400
    logged = caplog.text
    assert "/webhooks/lofty/***" in logged  # the access log ran, redacted
    assert TOKEN not in logged and OTHER not in logged and TOKEN not in repr(receiver)


def test_short_tokens_are_refused() -> None:
    with pytest.raises(ValueError, match="16 characters"):
        Receiver("short", MemoryStore())


# ---------------------------------------------------------------------- subscriptions


async def test_subscriptions_sync_is_idempotent_and_leaves_others_alone() -> None:
    box = Sandbox(records=10, vendors=["lofty"], rate_limits=RateLimits.relaxed())
    async with box as sb, LoftyClient(**sb.client_kwargs("lofty")) as client:
        url = f"https://app.test/webhooks/lofty/{TOKEN}"
        other = await client.webhooks.create(
            {"listId": 2, "callbackUrl": "https://else.test/hook"}, raw=True
        )
        stale = await client.webhooks.create(
            {"listId": 5, "callbackUrl": url, "limit": 10}, raw=True
        )
        wanted = [Wanted(2, url, limit=500), Wanted(5, url), Wanted(12, url)]
        plan = await client.webhooks.sync(wanted)
        assert [s["subscribeId"] for s in plan.deleted] == [stale["subscribeId"]]
        assert sorted((s["listId"], s["limit"]) for s in plan.created) == [
            (2, 500), (5, 100), (12, 100),
        ]  # fmt: skip
        assert plan.others == 1 and TOKEN not in repr(plan)
        again = await client.webhooks.sync(wanted)
        assert not again.changed and len(again.kept) == 3
        subs = await client.webhooks.list(raw=True).collect()
        assert other in subs and len(subs) == 4
        fewer = await client.webhooks.sync([Wanted(2, url, limit=500)])
        assert sorted(s["listId"] for s in fewer.deleted) == [5, 12]
        left = await client.webhooks.list(raw=True).collect()
        assert sorted(s["callbackUrl"] for s in left) == sorted(["https://else.test/hook", url])


async def test_sandbox_refuses_bad_subscriptions() -> None:
    box = Sandbox(records=10, vendors=["lofty"], rate_limits=RateLimits.relaxed())
    async with box as sb, LoftyClient(**sb.client_kwargs("lofty")) as client:
        for body, code in (
            ({"listId": 13, "callbackUrl": "https://a.test/x"}, "WEBHOOK_TYPE_ERROR"),
            ({"listId": 2, "callbackUrl": "http://a.test/x"}, "WEBHOOK_CALLBACK_URL_INVALID"),
            ({"listId": 2, "callbackUrl": "https://a.test/x", "limit": 5001}, "400"),
        ):
            with pytest.raises(Exception) as err:
                await client.webhooks.create(body)
            assert code in str(err.value)
        with pytest.raises(Exception, match="WEBHOOK_DELETE_NOT_EXIST"):
            await client.webhooks.delete(12345)


# ---------------------------------------------------------------------- routing


async def test_sandbox_batches_respect_limit(harness: Harness) -> None:
    await harness.client.webhooks.sync([Wanted(2, harness.url, limit=30)])
    ids = harness.sb.mutate("lofty", "leads", 100)
    await harness.settle()
    sizes = harness.deliveries.stats.batch_sizes
    assert sum(sizes) == 100 and max(sizes) <= 30 and len(sizes) == 4
    rows = harness.lead_rows()
    assert {str(i) for i in ids} <= set(rows)
    assert all("(rev 2)" in json.loads(rows[str(i)][2])["lastName"] for i in ids)


async def test_5000_events_in_one_batch_are_coalesced(harness: Harness) -> None:
    await harness.client.webhooks.sync([Wanted(2, harness.url, limit=5000)])
    before = harness.sb.stats["lofty"].requests
    ids = harness.sb.mutate("lofty", "leads", 5000)
    await harness.settle()
    api = harness.sb.stats["lofty"].requests - before
    assert harness.deliveries.stats.batch_sizes == [5000]
    rows = harness.lead_rows()
    assert {str(i) for i in ids} <= set(rows) and len(rows) == 5000
    # 5000 distinct leads: one scroll of GET /leads/updateTime, 100 leads a page (the
    # largest page the Lofty document allows), instead of 5000 GET /leads/{id}
    print(f"\n5000 events on 5000 leads: {api} API requests")
    assert api == harness.processor.stats.requests <= 51


async def test_5000_events_on_few_leads_take_one_request(harness: Harness) -> None:
    ids = harness.sb.mutate("lofty", "leads", 60)  # no subscription yet: no delivery
    now = harness.sb.config.clock.now_ms()
    body = [
        {"eventId": f"e{k}", "listId": 2, "eventType": "updated", "leadId": ids[k % 60],
         "eventTime": now}
        for k in range(5000)
    ]  # fmt: skip
    before = harness.sb.stats["lofty"].requests
    async with aiohttp.ClientSession() as http, http.post(harness.url, json=body) as resp:
        assert resp.status == 200
    harness.processor.processed.clear()
    await asyncio.wait_for(harness.processor.processed.wait(), 30)
    api = harness.sb.stats["lofty"].requests - before
    print(f"\n5000 events on 60 leads: {api} API request(s)")
    assert api == 1
    assert set(harness.lead_rows()) == {str(i) for i in ids}


async def test_deleted_lead_is_marked_not_kept_as_current(harness: Harness) -> None:
    await harness.client.webhooks.sync([Wanted(2, harness.url)])
    lead = harness.sb.first_id("lofty", "leads")
    await harness.client.leads.update(lead, {"lastName": "Before"})
    await harness.settle()
    assert harness.lead_rows()[str(lead)][4] is None
    await harness.client.leads.delete(lead)
    await harness.settle()
    row = harness.lead_rows()[str(lead)]
    assert row[4] is not None, "_deleted_at is set"
    assert json.loads(row[2])["lastName"] == "Before"  # last known data kept


async def test_5xx_is_retried_and_the_retried_batch_processed_once(tmp_path: Path) -> None:
    """The receiver stores the batch, then answers 500 (as if the answer were lost): the
    sandbox delivers it again, and each event reaches the callback exactly once."""
    seen: list[str] = []

    async def on_events(tenant: str, events: Sequence[WebhookEvent]) -> None:
        seen.extend(e.dedupe_key for e in events)

    async with Sandbox(records=200, vendors=["lofty"], rate_limits=RateLimits.relaxed()) as sb:
        store = MemoryStore()
        receiver = Receiver(TOKEN, store)
        failures = {"left": 2}

        async def flaky(request: web.Request) -> web.StreamResponse:
            response = await receiver.aiohttp_handler(request)
            if failures["left"] and response.status == 200:
                failures["left"] -= 1
                return web.Response(status=500)
            return response

        server, url = await start_receiver(receiver, flaky)
        processor = WebhookProcessor(store, on_events=on_events, window=0.05)
        await processor.start()
        try:
            async with LoftyClient(**sb.client_kwargs("lofty")) as client:
                await client.webhooks.sync([Wanted(2, url, limit=1000)])
            sb.mutate("lofty", "leads", 25)
            deliveries = sb.server("lofty").webhooks  # type: ignore[attr-defined]
            await deliveries.drained()
            assert deliveries.stats.statuses == [500, 500, 200]
            assert deliveries.stats.retries == 2 and store.put_count == 3
            while processor.stats.batches < 3:
                processor.processed.clear()
                await asyncio.wait_for(processor.processed.wait(), 30)
        finally:
            await processor.stop()
            await server.close()
    assert len(seen) == 25 and len(set(seen)) == 25
    assert processor.stats.duplicates == 50


# ---------------------------------------------------------------------- latency (Redis)


@pytest.mark.skipif(REDIS is None, reason="redis-server binary not found on PATH")
async def test_a_changed_lead_is_in_duckdb_within_5_seconds(tmp_path: Path) -> None:
    """100 changes, one at a time, through a real Redis: median and max from the change to
    the row are printed (run with -s); the bound asserted is the 5 s of the requirement."""
    with redis_server(tmp_path) as redis_url:
        async with Sandbox(records=500, vendors=["lofty"], rate_limits=RateLimits.relaxed()) as sb:
            store = RedisStore(redis_url)
            dedupe = RedisDedupe(redis_url)
            server, url = await start_receiver(Receiver(TOKEN, store))
            sink = DuckDBSink(str(tmp_path / "latency.duckdb"))
            async with LoftyClient(**sb.client_kwargs("lofty")) as client:
                processor = WebhookProcessor(
                    store, clients=client, sink=sink, dedupe=dedupe, window=0.05
                )
                await processor.start()
                try:
                    await client.webhooks.sync([Wanted(2, url)])
                    lead_ids = [sb.record("lofty", "leads", k)["leadId"] for k in range(100)]
                    latencies = []
                    for k, lead in enumerate(lead_ids):
                        name = f"Changed{k}"
                        start = time.perf_counter()
                        await client.leads.update(lead, {"lastName": name})
                        while True:
                            rows = {r[1]: r for r in sink.rows("leads")}
                            row = rows.get(str(lead))
                            if row is not None and json.loads(row[2])["lastName"] == name:
                                break
                            processor.processed.clear()
                            await asyncio.wait_for(processor.processed.wait(), 10)
                        latencies.append(time.perf_counter() - start)
                finally:
                    await processor.stop()
                    await server.close()
                    await store.close()
                    await dedupe.close()
            final = sink.rows("leads")
            sink.close()
    assert len(final) == 100 and len({r[1] for r in final}) == 100
    median, worst = statistics.median(latencies), max(latencies)
    print(f"\nchange -> DuckDB row over 100 changes: median {median:.3f} s, max {worst:.3f} s")
    assert worst < 5.0


class _FailingStore(MemoryStore):
    """Fails the first ``n`` puts (a Redis outage)."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.fail = n

    async def put(self, batch: Any) -> None:
        if self.fail:
            self.fail -= 1
            raise ConnectionError("store down")
        await super().put(batch)


async def test_a_store_failure_is_a_503_and_the_sandbox_delivers_again() -> None:
    store = _FailingStore(1)
    receiver = Receiver(TOKEN, store)
    assert await receiver.handle(f"/webhooks/lofty/{TOKEN}", b"[]") == (
        503,
        b'{"error":"not stored"}',
    )
    store.fail = 1
    box = Sandbox(records=50, vendors=["lofty"], rate_limits=RateLimits.relaxed())
    server, url = await start_receiver(receiver)
    try:
        async with box as sb, LoftyClient(**sb.client_kwargs("lofty")) as client:
            await client.webhooks.sync([Wanted(2, url)])
            ids = sb.mutate("lofty", "leads", 3)
            await sb.server("lofty").webhooks.drained()  # type: ignore[attr-defined]
            assert sb.server("lofty").webhooks.stats.statuses == [503, 200]  # type: ignore[attr-defined]
    finally:
        await server.close()
    got = await store.get(0.1)
    assert got is not None and store.qsize() == 0
    assert [e.record_id for e in parse_batch(json.loads(got[1].body))] == [str(i) for i in ids]


async def test_each_tenant_syncs_through_its_own_client(tmp_path: Path) -> None:
    box = Sandbox(records=50, vendors=["lofty"], rate_limits=RateLimits.relaxed())
    store = MemoryStore()
    receiver = Receiver({"acme": TOKEN, "globex": OTHER}, store)
    sink = DuckDBSink(str(tmp_path / "tenants.duckdb"))
    async with (
        box as sb,
        LoftyClient(**sb.client_kwargs("lofty")) as a,
        LoftyClient(**sb.client_kwargs("lofty")) as b,
    ):
        processor = WebhookProcessor(store, clients={"acme": a, "globex": b}, sink=sink)
        lead = sb.first_id("lofty", "leads")
        body = json.dumps([{"listId": 2, "leadId": lead}]).encode()
        assert (await receiver.handle(f"/webhooks/lofty/acme/{TOKEN}", body))[0] == 200
        assert (await receiver.handle(f"/webhooks/lofty/globex/{OTHER}", body))[0] == 200
        assert await processor.process_once(timeout=1) == 2
    rows = sink.rows("leads")
    sink.close()
    assert [(r[0], r[1]) for r in rows] == [("acme", str(lead)), ("globex", str(lead))]


class _FlakySink(DuckDBSink):
    """Fails its first write (a destination hiccup)."""

    failed = False

    async def write(self, *args: Any, **kwargs: Any) -> None:
        if not self.failed:
            self.failed = True
            raise OSError("disk full")
        await super().write(*args, **kwargs)


async def test_a_failed_round_is_retried_and_unrouted_events_are_kept(tmp_path: Path) -> None:
    box = Sandbox(records=50, vendors=["lofty"], rate_limits=RateLimits.relaxed())
    store = MemoryStore()
    receiver = Receiver(TOKEN, store)
    path = tmp_path / "flaky.duckdb"
    sink = _FlakySink(str(path))
    async with box as sb, LoftyClient(**sb.client_kwargs("lofty")) as client:
        processor = WebhookProcessor(store, clients=client, sink=sink, retry_delay=0.01)
        lead = sb.first_id("lofty", "leads")
        body = [
            {"listId": 2, "leadId": lead, "eventId": "a"},
            {"listId": 5, "transactionId": 77, "eventType": "updated", "eventId": "b"},
        ]
        assert (await receiver.handle(f"/webhooks/lofty/{TOKEN}", json.dumps(body).encode()))[
            0
        ] == 200
        await processor.start()
        try:
            while processor.stats.batches < 1:
                processor.processed.clear()
                await asyncio.wait_for(processor.processed.wait(), 30)
        finally:
            await processor.stop()
    assert processor.stats.failures == 1 and store.qsize() == 0
    assert [r[1] for r in sink.rows("leads")] == [str(lead)]
    sink.close()
    con = duckdb.connect(str(path), read_only=True)
    kept = con.execute(
        "SELECT tenant, list_id, record_id, action FROM lofty_webhook_events"
    ).fetchall()
    con.close()
    assert kept == [("default", 5, "77", "updated")]


async def test_stopping_mid_round_puts_the_batch_back() -> None:
    store = MemoryStore()
    taken = asyncio.Event()

    class Watched(MemoryStore):
        async def get(self, timeout: float) -> Any:
            got = await store.get(timeout)
            if got is not None:
                taken.set()
            return got

        async def put(self, batch: Any) -> None:
            await store.put(batch)

    async def never(tenant: str, events: Sequence[WebhookEvent]) -> None:
        raise AssertionError("not processed: the window is still open")

    processor = WebhookProcessor(Watched(), on_events=never, window=600)
    await Receiver(TOKEN, store).handle(f"/webhooks/lofty/{TOKEN}", b'[{"listId": 2, "leadId": 1}]')
    await processor.start()
    await asyncio.wait_for(taken.wait(), 30)
    assert store.qsize() == 0
    await processor.stop()
    assert store.qsize() == 1, "the batch is back in the queue"


async def test_few_ids_are_fetched_one_by_one_many_by_one_scroll() -> None:
    from real_estate_async.webhooks import fetch_records

    box = Sandbox(records=500, vendors=["lofty"], rate_limits=RateLimits.relaxed())
    async with box as sb, LoftyClient(**sb.client_kwargs("lofty")) as client:
        ids = {str(i) for i in sb.mutate("lofty", "leads", 5)}
        now = sb.config.clock.now_ms()
        gone = sorted(ids)[0]
        await client.leads.delete(int(gone))
        before = sb.stats["lofty"].requests
        each = await fetch_records(client, "leads", ids, now)
        assert each.requests == 5 == sb.stats["lofty"].requests - before
        scrolled = await fetch_records(client, "leads", ids, now, scroll_above=0)
        assert scrolled.requests == 2  # one page holds the 4 current leads; one get for the deleted
        for result in (each, scrolled):
            assert result.deleted == {gone}
            assert set(result.records) == ids - {gone}
        assert scrolled.records == each.records
