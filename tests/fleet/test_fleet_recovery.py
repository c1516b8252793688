"""The fleet when things go wrong, on a real redis-server: a job that keeps failing ends
as ``failed`` (and starts over when enqueued again), the queue's stream keeps only the
work still to do, Redis down or flushed or restarted loses no job and never reads as an
internal error, and the CLI's own checks (``--app`` from the current directory, an
unknown tenant, the variables in ``--help``)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from _fleet import REDIS, cli, free_port, redis_server
from aiohttp import web

from real_estate_async.sandbox import Sandbox
from real_estate_async.workers import FleetConfig, FleetRuntime, fleet_status, format_status

pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server binary not found on PATH")
redis_asyncio = pytest.importorskip("redis.asyncio")
pytest.importorskip("taskiq_redis")


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


def jsonl_ids(root: Path, tenant: str, resource: str) -> list[int]:
    folder = root / f"brokermint_{tenant}" / resource
    return [
        json.loads(x)["id"]
        for f in sorted(folder.glob("*.jsonl"))
        for x in f.read_text().splitlines()
    ]


@pytest.mark.parametrize("fault", ["revoked key", "tenant not in the secrets", "unreachable"])
async def test_a_job_out_of_attempts_fails_for_good_and_enqueueing_it_again_runs_it(
    redis_url, tmp_path, fault
):
    async with Sandbox(records=5, vendors=["brokermint"], tenants=1, demo=True) as sb:
        good = sb.tenant_kwargs("brokermint", 0)
        broken = {
            "revoked key": dict(good, api_key="bm-revoked-secret"),
            "tenant not in the secrets": None,
            "unreachable": dict(good, base_url=f"http://127.0.0.1:{free_port()}/api/v1"),
        }[fault]
        secrets: dict[str, Any] = {"kwargs": broken}

        async def resolve(tenant: str, provider: str) -> dict[str, Any]:
            if secrets["kwargs"] is None:
                from real_estate_async import ConfigurationError

                raise ConfigurationError(f"tenant {tenant!r}: no {provider} entry in t.json")
            return dict(secrets["kwargs"], max_retries=0)

        config = FleetConfig(
            redis_url,
            resolve,
            destination="jsonl",
            location=lambda t, p: str(tmp_path),
            retry_delay=0.0,
            max_attempts=3,
        )
        runtime = FleetRuntime(config)
        await runtime.open()
        try:
            kick = Kicks()
            assert await runtime.enqueue_sync(kick, "t0", "brokermint", "contacts")
            outcomes: list[str] = []
            while not outcomes or outcomes[-1] == "retry":
                outcomes.append(
                    await runtime.sync_slice(kick, "t0", "brokermint", "contacts", kick.sent[-1][3])
                )
            assert outcomes == ["retry", "retry", "failed"]
            assert len(kick.sent) == 3  # no message is left for it: it is over
            row = (await fleet_status(runtime.store))["t0"]
            assert (row.failed, row.waiting, row.running, row.failing, row.done) == (1, 0, 0, 0, 0)
            text = format_status({"t0": row})
            assert "failed after 3 attempts" in text and "secret" not in text
            # fixed, and enqueued again: it runs (not "already under way")
            secrets["kwargs"] = good
            assert await runtime.enqueue_sync(kick, "t0", "brokermint", "contacts")
            token = kick.sent[-1][3]
            assert await runtime.sync_slice(kick, "t0", "brokermint", "contacts", token) == "done"
            row = (await fleet_status(runtime.store))["t0"]
            assert (row.done, row.failed, row.errors) == (1, 0, [])
            assert len(jsonl_ids(tmp_path, "t0", "contacts")) == 5
        finally:
            await runtime.close()


def _fleet(redis_url: str, sb: Sandbox, out: Path, **kw: Any) -> Any:
    from real_estate_async.workers import Fleet

    async def resolve(tenant: str, provider: str) -> dict[str, Any]:
        return sb.tenant_kwargs(provider, 0)

    options = {"destination": "jsonl", "slice_records": 10, "job_seconds": 0.0, "poll": 0.05}
    return Fleet(redis_url, resolve, location=lambda t, p: str(out), **{**options, **kw})


async def test_acknowledged_messages_leave_the_stream_and_status_counts_pending_work(
    redis_url, tmp_path
):
    from taskiq.receiver import Receiver

    from real_estate_async.workers import queue_depth

    async with Sandbox(records=25, vendors=["brokermint"], tenants=1, demo=True) as sb:
        fleet = _fleet(redis_url, sb, tmp_path / "out")
        async with fleet:
            store, broker = fleet.runtime.store, fleet.broker
            assert await fleet.enqueue("t0", "brokermint", "transactions")
            group = broker.consumer_group_name
            assert await queue_depth(store.redis, broker.queue_name, group) == (1, 0)
            receiver = Receiver(broker, run_startup=False, max_async_tasks=1)
            listen = broker.listen()
            job = store.job_id("t0", "brokermint", "transactions")
            runs = 0
            while not getattr(await store.load(job), "done", False):
                message = await anext(listen)
                assert await queue_depth(store.redis, broker.queue_name, group) == (0, 1)
                await receiver.callback(message, raise_err=True)  # runs it, then acks it
                runs += 1
            await listen.aclose()
            assert runs >= 3  # three slices, one message each
            # every message was acknowledged and deleted: nothing is left in the stream
            assert await store.redis.xlen(broker.queue_name) == 0
            depth = await queue_depth(store.redis, broker.queue_name, group)
            assert depth == (0, 0)
            text = format_status(await fleet_status(store), depth)
            assert "queue: 0 message(s) waiting for a worker, 0 being run" in text
        assert len(jsonl_ids(tmp_path / "out", "t0", "transactions")) == 25


class HoldSecondSlice:
    """Sandbox middleware: the first page request of the second slice waits until the
    test lets it go (Redis is flushed or restarted meanwhile)."""

    def __init__(self, after_id: int) -> None:
        self.after_id = after_id
        self.held = threading.Event()
        self.release = threading.Event()

    @web.middleware
    async def middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        start = request.query.get("starting_from_id", "")
        if not self.held.is_set() and start.isdigit() and int(start) > self.after_id:
            self.held.set()
            await asyncio.to_thread(self.release.wait)
        response: web.StreamResponse = await handler(request)
        return response


@pytest.mark.parametrize("loss", ["FLUSHALL", "restart"])
async def test_redis_flushed_or_restarted_mid_job_loses_nothing(tmp_path, caplog, loss):
    from taskiq.api import run_receiver_task

    caplog.set_level(logging.WARNING, logger="real_estate_async.workers")
    port = free_port()
    stack = contextlib.ExitStack()
    url = stack.enter_context(redis_server(tmp_path, port))
    sb = Sandbox(records=25, vendors=["brokermint"], tenants=1, demo=True)
    hold = HoldSecondSlice(int(sb.record("brokermint", "transactions", 5)["id"]))
    sb.servers["brokermint"].app.middlewares.insert(0, hold.middleware)
    try:
        async with sb:
            fleet = _fleet(url, sb, tmp_path / "out", idle_timeout=60.0)
            fleet.broker.is_worker_process = True  # waits for Redis like a worker
            await fleet.runtime.open()
            await fleet.broker.startup()
            receiver = asyncio.ensure_future(run_receiver_task(fleet.broker, run_startup=False))
            try:
                store = fleet.runtime.store
                await fleet.runtime.enqueue_sync(fleet._kick, "t0", "brokermint", "transactions")
                assert await asyncio.to_thread(hold.held.wait, 60)  # slice 1 is being fetched
                if loss == "FLUSHALL":
                    await store.redis.flushall()
                else:  # a restart without persistence: connections drop, the data is gone
                    stack.close()
                    stack.enter_context(redis_server(tmp_path, port))
                hold.release.set()
                job = store.job_id("t0", "brokermint", "transactions")

                async def finished() -> None:
                    while True:
                        try:
                            got = await store.redis.xread(
                                {store.events_key: "0-0"}, block=1000, count=1000
                            )
                        except redis_asyncio.ConnectionError:
                            continue  # this test's own connection to the old server
                        kinds = [f[b"kind"] for _id, f in (got[0][1] if got else [])]
                        if b"done" in kinds:
                            return

                await asyncio.wait_for(finished(), 120)  # a hang guard only
                checkpoint = await store.load(job)
                assert checkpoint is not None and checkpoint.done and checkpoint.rows == 25
            finally:
                hold.release.set()
                receiver.cancel()
                await asyncio.gather(receiver, return_exceptions=True)
                with contextlib.suppress(Exception):
                    await fleet.broker.shutdown()
                await fleet.runtime.close()
        ids = jsonl_ids(tmp_path / "out", "t0", "transactions")
        assert sorted(ids) == sorted(
            sb.record("brokermint", "transactions", i)["id"] for i in range(25)
        )
        logged = "\n".join(r.getMessage() for r in caplog.records)
        assert "restored from this worker's copy" in logged
        assert "the queue was gone from Redis" in logged
    finally:
        stack.close()


def _env(tmp_path: Path, redis_url: str, **extra: str) -> dict[str, str]:
    secrets = tmp_path / "tenants.json"
    nowhere = f"http://127.0.0.1:{free_port()}/api/v1"  # a closed port: no vendor there
    kwargs = {"api_key": "bm-secret", "base_url": nowhere, "max_retries": 0}
    secrets.write_text(json.dumps({"acme": {"brokermint": kwargs}}))
    env = dict(os.environ)
    env.update(
        REAL_ESTATE_FLEET_REDIS=redis_url,
        REAL_ESTATE_FLEET_SECRETS=str(secrets),
        REAL_ESTATE_FLEET_DESTINATION="jsonl",
        REAL_ESTATE_FLEET_DB=str(tmp_path / "out"),
        REAL_ESTATE_FLEET_POLL="0.1",
    )
    env.update(extra)
    return env


@pytest.mark.parametrize(
    "command",
    [("status",), ("enqueue", "brokermint", "contacts", "-t", "acme")],
)
def test_redis_down_is_one_line_and_exit_75(tmp_path, command):
    env = _env(tmp_path, f"redis://:hunter2@127.0.0.1:{free_port()}/0")
    done = subprocess.run(cli("fleet", *command), env=env, capture_output=True, text=True)
    assert done.returncode == 75, done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: Redis unreachable")
    assert "hunter2" not in done.stderr and "internal error" not in done.stderr


def _stop(worker: subprocess.Popen[str], lines: list[str]) -> None:
    if worker.returncode is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(worker.pid, signal.SIGTERM)
    rest, _ = worker.communicate(timeout=60)  # a hang guard only
    lines.append(rest)


def test_a_worker_waits_for_redis_and_says_so_in_one_line_each_way(tmp_path):
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    env = _env(tmp_path, url, REAL_ESTATE_FLEET_RETRY_DELAY="0")
    worker = subprocess.Popen(
        cli("fleet", "worker", "--max-async-tasks", "2"),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    try:
        assert worker.stdout is not None
        first = worker.stdout.readline()
        lines.append(first)
        # the start line: broker, queue, where the tenants come from; no password
        assert first.startswith(f"fleet worker: broker FleetBroker on {url}, queue ")
        assert "tenants from secrets file" in first and "tenants.json" in first
        while "Redis unreachable" not in lines[-1]:
            lines.append(worker.stdout.readline())
            assert lines[-1], lines  # not exited
        with redis_server(tmp_path, port):
            while "Redis is back" not in lines[-1]:
                lines.append(worker.stdout.readline())
                assert lines[-1], lines
            # it works: a job for a tenant without a reachable vendor runs and fails
            subprocess.run(
                cli("fleet", "enqueue", "brokermint", "users", "-t", "acme"),
                env=env,
                check=True,
                capture_output=True,
            )
            while "failed after" not in lines[-1]:
                lines.append(worker.stdout.readline())
                assert lines[-1], lines
            status = subprocess.run(
                cli("fleet", "status"), env=env, check=True, capture_output=True, text=True
            ).stdout
            assert "failed after 3 attempts" in status
            assert "queue: 0 message(s) waiting for a worker" in status
            _stop(worker, lines)  # while Redis is up
    finally:
        _stop(worker, lines)
    text = "".join(lines)
    assert "Traceback" not in text, text
    assert text.count("Redis unreachable") == 1, text


CONSOLE_SCRIPT = (
    # what the installed `real-estate-async` script sees: its own folder on sys.path,
    # not the current directory
    "import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; "
    "from real_estate_async.cli import main; sys.exit(main())"
)


def test_app_is_imported_from_the_current_directory(tmp_path, redis_url):
    (tmp_path / "myfleet.py").write_text(
        "from real_estate_async.workers import Fleet, env_resolver\n"
        f"fleet = Fleet({redis_url!r}, env_resolver(), destination='jsonl')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", CONSOLE_SCRIPT, "fleet", "status", "--app", "myfleet:fleet"],
        cwd=tmp_path,
        env=_env(tmp_path, redis_url),
        capture_output=True,
        text=True,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "no jobs"), done.stderr


def test_enqueue_refuses_a_tenant_the_resolver_does_not_know(tmp_path, redis_url):
    env = _env(tmp_path, redis_url)
    done = subprocess.run(
        cli("fleet", "enqueue", "brokermint", "contacts", "-t", "acme", "-t", "nobody"),
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr == "error: tenant 'nobody': no brokermint entry in tenants.json\n"
    status = subprocess.run(cli("fleet", "status"), env=env, capture_output=True, text=True)
    assert status.stdout.strip() == "no jobs"  # not even acme's: refused before queueing


@pytest.mark.parametrize("command", ["enqueue", "worker", "status"])
def test_fleet_help_lists_the_environment_variables(command):
    done = subprocess.run(cli("fleet", command, "--help"), capture_output=True, text=True)
    for name in ("APP", "REDIS", "SECRETS", "DESTINATION", "DB", "RATES", "ATTEMPTS"):
        assert f"REAL_ESTATE_FLEET_{name} " in done.stdout
