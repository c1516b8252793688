"""The fleet's parts on a real redis-server, in one process: the slice/checkpoint protocol
(redelivered and stale messages), the per-tenant cap, credential resolvers, the broker
claiming a dead consumer's message on an idle stream."""

from __future__ import annotations

import asyncio
import json

import pytest
from _fleet import REDIS, redis_server

from real_estate_async import ConfigurationError
from real_estate_async.sandbox import Sandbox
from real_estate_async.workers import (
    FleetConfig,
    FleetRuntime,
    env_resolver,
    fleet_status,
    format_status,
    secrets_file_resolver,
)

pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server binary not found on PATH")
redis_asyncio = pytest.importorskip("redis.asyncio")


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path) as url:
        yield url


class Kicks:
    """The queue, as a list: what the runtime asked to enqueue."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str, str]] = []

    async def __call__(self, tenant: str, provider: str, resource: str, token: str) -> None:
        self.sent.append((tenant, provider, resource, token))


def runtime_for(sandbox, redis_url, tmp_path, **kw) -> FleetRuntime:
    async def resolve(tenant: str, provider: str):
        return sandbox.tenant_kwargs(provider, int(tenant[1:]))

    # job_seconds=0: one slice per message, so each step of the protocol can be watched
    defaults = {"slice_records": 10, "retry_delay": 0.0, "destination": "jsonl", "job_seconds": 0.0}
    config = FleetConfig(
        redis_url, resolve, location=lambda t, p: str(tmp_path / "out"), **{**defaults, **kw}
    )
    return FleetRuntime(config)


def jsonl_ids(tmp_path, tenant: str, resource: str) -> list[int]:
    folder = tmp_path / "out" / f"brokermint_{tenant}" / resource
    return [
        json.loads(x)["id"]
        for f in sorted(folder.glob("*.jsonl"))
        for x in f.read_text().splitlines()
    ]


async def test_a_sync_is_a_chain_of_slices_and_old_messages_are_dropped(redis_url, tmp_path):
    async with Sandbox(records=25, vendors=["brokermint"], tenants=1, demo=True) as sb:
        runtime = runtime_for(sb, redis_url, tmp_path)
        await runtime.open()
        try:
            kick = Kicks()
            assert await runtime.enqueue_sync(
                kick, "t0", "brokermint", "transactions", list_kwargs={"count": 4}
            )
            # the same job again while it runs: not forked
            assert not await runtime.enqueue_sync(kick, "t0", "brokermint", "transactions")
            outcomes = []
            while True:
                token = kick.sent[-1][3]
                outcome = await runtime.sync_slice(kick, "t0", "brokermint", "transactions", token)
                outcomes.append(outcome)
                # a redelivered copy of the message just run changes nothing
                again = await runtime.sync_slice(kick, "t0", "brokermint", "transactions", token)
                assert again == "stale"
                if outcome == "done":
                    break
            assert outcomes == ["sliced", "sliced", "done"]
            assert sorted(jsonl_ids(tmp_path, "t0", "transactions")) == sorted(
                sb.record("brokermint", "transactions", i)["id"] for i in range(25)
            )
            rows = await fleet_status(runtime.store)
            assert (rows["t0"].done, rows["t0"].rows, rows["t0"].slices) == (1, 25, 3)
            assert "t0" in format_status(rows)
            # nothing in Redis holds the credential: limiter keys hash it
            secret = sb.tenant_kwargs("brokermint", 0)["api_key"]
            async for key in runtime.store.redis.scan_iter():
                assert secret.encode() not in key
                if (await runtime.store.redis.type(key)) == b"hash":
                    values = await runtime.store.redis.hgetall(key)
                    assert all(secret.encode() not in v for v in values.values())
        finally:
            await runtime.close()


async def test_a_worker_dying_between_commit_and_enqueue_loses_nothing(redis_url, tmp_path):
    async with Sandbox(records=15, vendors=["brokermint"], tenants=1, demo=True) as sb:
        runtime = runtime_for(sb, redis_url, tmp_path)
        await runtime.open()
        try:
            kick = Kicks()
            await runtime.enqueue_sync(kick, "t0", "brokermint", "contacts")
            first = kick.sent[-1][3]

            async def dies(*args):
                raise RuntimeError("worker killed")

            with pytest.raises(RuntimeError):
                await runtime.sync_slice(dies, "t0", "brokermint", "contacts", first)
            # the message comes back (never acknowledged): it sends the next one instead
            assert (
                await runtime.sync_slice(kick, "t0", "brokermint", "contacts", first) == "rekicked"
            )
            assert await runtime.sync_slice(kick, "t0", "brokermint", "contacts", first) == "stale"
            assert len(kick.sent) == 2
            assert (
                await runtime.sync_slice(kick, "t0", "brokermint", "contacts", kick.sent[-1][3])
                == "done"
            )
            ids = jsonl_ids(tmp_path, "t0", "contacts")
            assert len(ids) == len(set(ids)) == 15
        finally:
            await runtime.close()


async def test_one_job_runs_several_slices_and_a_failure_resumes_after_the_saved_ones(
    redis_url, tmp_path
):
    async with Sandbox(records=35, vendors=["brokermint"], tenants=1, demo=True) as sb:
        runtime = runtime_for(sb, redis_url, tmp_path, job_seconds=60.0)
        await runtime.open()
        try:
            kick = Kicks()
            await runtime.enqueue_sync(
                kick, "t0", "brokermint", "transactions", list_kwargs={"count": 3}
            )
            message = kick.sent[-1][3]
            write = runtime._write
            loads: list[list[int]] = []
            failed: list[int] = []

            async def load_with_slice_2_fails(tenant, provider, resource, batch):
                indexes = [s.index for s in batch]
                if 2 in indexes and not failed:
                    failed.extend(indexes)
                    raise OSError("disk full")
                loads.append(indexes)
                await write(tenant, provider, resource, batch)

            runtime._write = load_with_slice_2_fails  # type: ignore[method-assign]
            assert (
                await runtime.sync_slice(kick, "t0", "brokermint", "transactions", message)
                == "retry"
            )
            checkpoint = await runtime.store.load(
                runtime.store.job_id("t0", "brokermint", "transactions")
            )
            # saved: every slice before the failed load, none of it
            saved = failed[0]
            assert checkpoint is not None and (checkpoint.slices, checkpoint.rows) == (
                saved,
                saved * 10,
            )
            assert [i for batch in loads for i in batch] == list(range(saved))
            assert (checkpoint.error, checkpoint.attempts) == ("OSError", 1)
            # the job went back to the queue with the saved slices' successor
            assert kick.sent[-1][3] == checkpoint.token != message
            assert (
                await runtime.sync_slice(kick, "t0", "brokermint", "transactions", message)
                == "stale"
            )
            assert (
                await runtime.sync_slice(kick, "t0", "brokermint", "transactions", kick.sent[-1][3])
                == "done"
            )
            # one job loaded the rest, from the failed load's first slice on: every slice
            # loaded once (the failed load's slices again, after it failed)
            assert [i for batch in loads for i in batch] == list(range(4))
            ids = jsonl_ids(tmp_path, "t0", "transactions")
            assert len(ids) == len(set(ids)) == 35
        finally:
            await runtime.close()


async def test_slices_fetched_during_a_load_go_into_the_next_load_together(redis_url, tmp_path):
    async with Sandbox(records=35, vendors=["brokermint"], tenants=1, demo=True) as sb:
        runtime = runtime_for(sb, redis_url, tmp_path, job_seconds=60.0)
        await runtime.open()
        try:
            kick = Kicks()
            await runtime.enqueue_sync(
                kick, "t0", "brokermint", "transactions", list_kwargs={"count": 3}
            )
            fetch, write = runtime._fetch_slice, runtime._write
            fetches = 0
            third_fetched = asyncio.Event()
            loads: list[list[int]] = []

            async def counted_fetch(*args):
                nonlocal fetches
                got = await fetch(*args)
                fetches += 1
                if fetches == 3:
                    third_fetched.set()
                return got

            async def slow_first_load(tenant, provider, resource, batch):
                if not loads:
                    # the fetcher goes on meanwhile: slices 1 and 2 arrive during this load
                    await third_fetched.wait()
                loads.append([s.index for s in batch])
                await write(tenant, provider, resource, batch)

            runtime._fetch_slice = counted_fetch  # type: ignore[method-assign]
            runtime._write = slow_first_load  # type: ignore[method-assign]
            assert (
                await runtime.sync_slice(kick, "t0", "brokermint", "transactions", kick.sent[-1][3])
                == "done"
            )
            assert loads[0] == [0] and loads[1][:2] == [1, 2]
            assert [i for batch in loads for i in batch] == [0, 1, 2, 3]
            checkpoint = await runtime.store.load(
                runtime.store.job_id("t0", "brokermint", "transactions")
            )
            assert checkpoint is not None and (checkpoint.slices, checkpoint.rows) == (4, 35)
            ids = jsonl_ids(tmp_path, "t0", "transactions")
            assert len(ids) == len(set(ids)) == 35
        finally:
            await runtime.close()


async def test_tenant_cap_requeues_and_other_tenants_keep_moving(redis_url, tmp_path):
    async with Sandbox(records=5, vendors=["brokermint"], tenants=2, demo=True) as sb:
        runtime = runtime_for(sb, redis_url, tmp_path, tenant_cap=1)
        await runtime.open()
        try:
            kick = Kicks()
            await runtime.enqueue_sync(kick, "t0", "brokermint", "contacts")
            await runtime.enqueue_sync(kick, "t1", "brokermint", "contacts")
            t0, t1 = kick.sent[0][3], kick.sent[1][3]
            # another job of t0 is running elsewhere
            job = runtime.store.job_id("t0", "brokermint", "transactions")
            assert await runtime.store.acquire("t0", job, "elsewhere", 30, 1) == 1
            assert (
                await runtime.sync_slice(kick, "t0", "brokermint", "contacts", t0) == "tenant-full"
            )
            assert kick.sent[-1] == ("t0", "brokermint", "contacts", t0)  # back in the queue
            assert await runtime.sync_slice(kick, "t1", "brokermint", "contacts", t1) == "done"
            await runtime.store.release("t0", job, "elsewhere")
            assert await runtime.sync_slice(kick, "t0", "brokermint", "contacts", t0) == "done"
            record = await runtime.fetch(
                "t1", "brokermint", "contacts", str(sb.first_id("brokermint", "contacts"))
            )
            assert record["id"] == sb.first_id("brokermint", "contacts")
        finally:
            await runtime.close()


async def test_env_resolver(monkeypatch):
    resolve = env_resolver()
    monkeypatch.setenv("TENANT_ACME_CO_BROKERMINT_API_KEY", "bm-secret")
    monkeypatch.setenv("TENANT_ACME_CO_BROKERMINT_BASE_URL", "http://127.0.0.1:1/api/v1")
    assert await resolve("acme-co", "brokermint") == {
        "api_key": "bm-secret",
        "base_url": "http://127.0.0.1:1/api/v1",
    }
    with pytest.raises(ConfigurationError, match="TENANT_GLOBEX_BROKERMINT_API_KEY"):
        await resolve("globex", "brokermint")


async def test_secrets_file_resolver_rereads_and_never_shows_content(tmp_path):
    path = tmp_path / "tenants.json"
    path.write_text(json.dumps({"acme": {"brokermint": {"api_key": "bm-1"}}}))
    resolve = secrets_file_resolver(path)
    assert await resolve("acme", "brokermint") == {"api_key": "bm-1"}
    path.write_text(json.dumps({"acme": {"brokermint": {"api_key": "bm-2-rotated"}}}))
    import os

    os.utime(path, ns=(1, 1))  # a new mtime even within the filesystem's resolution
    assert await resolve("acme", "brokermint") == {"api_key": "bm-2-rotated"}
    with pytest.raises(ConfigurationError) as info:
        await resolve("acme", "lofty")
    assert "bm-2" not in str(info.value) and "tenants.json" in str(info.value)


async def test_broker_claims_a_dead_consumers_message_on_an_idle_stream(redis_url):
    pytest.importorskip("taskiq_redis")
    from real_estate_async.workers import FleetBroker

    broker = FleetBroker(
        redis_url, queue_name="q", consumer_group_name="q", idle_timeout=100, xread_block=50
    )
    await broker.startup()
    redis = redis_asyncio.Redis.from_url(redis_url)
    try:
        await redis.xadd("q", {b"data": b"job-1"})
        # a consumer reads it and dies without acknowledging
        got = await redis.xreadgroup("q", "dead", {"q": ">"}, count=1)
        assert got
        # nothing new arrives; the live consumer still gets the message once it is idle
        listen = broker.listen()
        message = await anext(listen)
        assert message.data == b"job-1"
        acked = message.ack()
        assert acked is not None
        await acked
        pending = await redis.xpending("q", "q")
        assert pending["pending"] == 0
        await listen.aclose()
    finally:
        await redis.aclose()
        await broker.shutdown()


async def test_a_failing_job_shows_why_in_status_without_secrets(redis_url, tmp_path):
    async with Sandbox(records=5, vendors=["brokermint"], tenants=1, demo=True) as sb:

        async def wrong_key(tenant: str, provider: str):
            return dict(sb.tenant_kwargs(provider, 0), api_key="bm-wrong-secret")

        config = FleetConfig(
            redis_url, wrong_key, destination="jsonl", location=lambda t, p: str(tmp_path)
        )
        runtime = FleetRuntime(config)
        await runtime.open()
        try:
            kick = Kicks()
            await runtime.enqueue_sync(kick, "t0", "brokermint", "contacts")
            token = kick.sent[-1][3]
            assert await runtime.sync_slice(kick, "t0", "brokermint", "contacts", token) == "retry"
            assert kick.sent[-1][3] == token  # tried again later
            rows = await fleet_status(runtime.store)
            assert rows["t0"].failing == 1 and rows["t0"].running == 0
            text = format_status(rows)
            assert "Invalid API key" in text and "bm-wrong-secret" not in text
            with pytest.raises(ConfigurationError, match="tenant names"):
                await runtime.enqueue_sync(kick, "a:b", "brokermint", "contacts")
        finally:
            await runtime.close()


async def test_the_task_without_a_token_starts_the_job(redis_url, tmp_path):
    pytest.importorskip("taskiq_redis")
    from real_estate_async.workers import Fleet

    async def resolve(tenant: str, provider: str):
        return {"api_key": "unused"}

    fleet = Fleet(redis_url, resolve, destination="jsonl", queue="q1")
    async with fleet:
        assert await fleet._sync_resource("acme", "brokermint", "users") == "queued"
        assert await fleet._sync_resource("acme", "brokermint", "users") == "already-running"
        assert await fleet.runtime.store.redis.xlen("q1") == 1  # the first slice's message


@pytest.mark.parametrize("destination", ["duckdb", "jsonl"])
def test_a_slice_loaded_twice_leaves_each_record_once(tmp_path, destination):
    """A worker killed after its load but before its checkpoint: the slice is loaded again."""
    if destination == "duckdb":
        pytest.importorskip("dlt")
        duckdb = pytest.importorskip("duckdb")
    from real_estate_async.workers._dest import write_slice

    db = str(tmp_path / ("acme.duckdb" if destination == "duckdb" else "out"))
    rows = [{"id": i, "name": f"r{i}"} for i in range(5)]
    for batch in (rows, rows, [{"id": 4, "name": "r4 (rev 2)"}]):
        write_slice(
            destination,
            db,
            provider="brokermint",
            tenant="acme",
            resource="contacts",
            index=0 if batch is rows else 1,
            rows=batch,
        )
    if destination == "duckdb":
        with duckdb.connect(db, read_only=True) as con:
            got = dict(con.execute("SELECT id, name FROM brokermint_acme.contacts").fetchall())
        assert got == {0: "r0", 1: "r1", 2: "r2", 3: "r3", 4: "r4 (rev 2)"}
    else:
        folder = tmp_path / "out" / "brokermint_acme" / "contacts"
        lines = [x for f in sorted(folder.glob("*.jsonl")) for x in f.read_text().splitlines()]
        assert len(lines) == 6 and sorted(p.name for p in folder.iterdir()) == [
            "00000000.jsonl",
            "00000001.jsonl",
        ]


async def test_fetch_task_returns_the_record_through_the_result_backend(redis_url, tmp_path):
    """taskiq's in-process receiver runs the `fetch` task the way a worker would."""
    pytest.importorskip("taskiq_redis")
    from taskiq.api import run_receiver_task

    from real_estate_async.workers import Fleet

    async with Sandbox(records=5, vendors=["brokermint"], tenants=1, demo=True) as sb:

        async def resolve(tenant: str, provider: str):
            return sb.tenant_kwargs(provider, 0)

        fleet = Fleet(
            redis_url, resolve, destination="jsonl", results_ttl=60, queue="q2", poll=0.05
        )
        async with fleet:
            receiver = asyncio.ensure_future(run_receiver_task(fleet.broker, run_startup=False))
            try:
                wanted = sb.first_id("brokermint", "transactions")
                task = await fleet.fetch.kiq("t0", "brokermint", "transactions", str(wanted))
                result = await task.wait_result(timeout=10)
                assert not result.is_err and result.return_value["id"] == wanted
            finally:
                receiver.cancel()
                await asyncio.gather(receiver, return_exceptions=True)
