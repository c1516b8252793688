"""The fleet for real: three `fleet worker` processes on a real redis-server, six tenants
with their own Brokermint key (each its own strict window) against the sandbox, one
DuckDB file per tenant; one worker SIGKILLed while the sandbox holds a request of its
slice, so the kill always lands mid-slice whatever the machine's speed."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import threading
import time
from typing import Any

import pytest
from _fleet import REDIS, Events, cli, fleet_env, redis_server, start_workers, stop_workers
from aiohttp import web

from real_estate_async.sandbox import RateLimit, RateLimits, Sandbox, SandboxThread

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("dlt")
pytest.importorskip("taskiq_redis")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server binary not found on PATH")

TENANTS = [f"t{i}" for i in range(6)]
BIG, BIG_N, SMALL_N = "t0", 120, 30
SLICE = 30  # records per slice, fetched 5 per page
WINDOW = RateLimit(10, 1.0)  # what the sandbox allows each key: 10 calls per fixed second


def ids_in(db: str, tenant: str, table: str) -> list[int]:
    with duckdb.connect(db, read_only=True) as con:
        return [r[0] for r in con.execute(f"SELECT id FROM brokermint_{tenant}.{table}").fetchall()]


def _dead(pid: int) -> bool:
    """Whether ``pid`` is gone or a zombie (it is a child of another test process)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


class HoldOne:
    """Sandbox middleware: holds the first page request of the big tenant's second slice
    until the test has killed the worker that sent it (then answers 503 to no one)."""

    def __init__(self, api_key: str, after_id: int) -> None:
        self.api_key, self.after_id = api_key, after_id
        self.held = threading.Event()  # the request is in, the slice is in progress
        self.release = threading.Event()

    @web.middleware
    async def middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        start = request.query.get("starting_from_id", "")
        if (
            not self.held.is_set()
            and request.query.get("api_key") == self.api_key
            and request.path.endswith("/transactions")
            and start.isdigit()
            and int(start) > self.after_id
        ):
            self.held.set()
            await asyncio.to_thread(self.release.wait)
            return web.Response(status=503)
        response: web.StreamResponse = await handler(request)
        return response


def test_six_tenants_three_workers_one_killed(tmp_path):
    sandbox = Sandbox(
        records=SMALL_N,
        vendors=["brokermint"],
        tenants=len(TENANTS),
        sizes={"brokermint.transactions": BIG_N, "brokermint.contacts": SMALL_N},
        rate_limits=RateLimits(brokermint_burst=WINDOW, brokermint_hour=RateLimit(10**6, 3600.0)),
    )
    # slice 0 pages start at or below the 26th record's id; slice 1's first one above it
    hold = HoldOne(
        sandbox.servers["brokermint"].api_keys[0],  # type: ignore[attr-defined]
        int(sandbox.record("brokermint", "transactions", SLICE - 5)["id"]),
    )
    sandbox.servers["brokermint"].app.middlewares.insert(0, hold.middleware)
    with redis_server(tmp_path) as url, SandboxThread(sandbox) as box:
        secrets = {
            t: {"brokermint": box.sandbox.tenant_kwargs("brokermint", i)}
            for i, t in enumerate(TENANTS)
        }
        env = fleet_env(
            tmp_path,
            url,
            secrets,
            rate="brokermint=8/1",  # the fleet's quota per key, under the vendor's window
            REAL_ESTATE_FLEET_SLICE=str(SLICE),
            REAL_ESTATE_FLEET_JOB_SECONDS="0",  # one slice per job: the tightest interleaving
            REAL_ESTATE_FLEET_LEASE="1.5",
            REAL_ESTATE_FLEET_IDLE="1.5",
        )
        events = Events(url)
        # one job at a time per worker: 3 slots for 6 tenants, so a queue of whole syncs
        # would make three tenants wait for three others' syncs; slices interleave them
        workers = start_workers(3, env, tmp_path, tasks=1)
        try:
            deadline = time.monotonic() + 180  # a hang guard, not a speed requirement
            up: set[str] = set()
            while len(up) < 3:
                event = events.next(deadline)
                if event["kind"] == "worker":
                    up.add(event["pid"])
            # the big sync first, so a queue served in order would make the others wait
            common = ("--list-arg", "count=5")
            subprocess.run(
                cli("fleet", "enqueue", "brokermint", "transactions", "-t", BIG, *common),
                env=env,
                check=True,
                capture_output=True,
            )
            small = [a for t in TENANTS[1:] for a in ("-t", t)]
            subprocess.run(
                cli("fleet", "enqueue", "brokermint", "contacts", *small, *common),
                env=env,
                check=True,
                capture_output=True,
            )

            killed_pid = None
            done: dict[str, float] = {}
            first_start: dict[str, float] = {}
            while len(done) < len(TENANTS):
                event = events.next(deadline)
                tenant = event.get("tenant", "")
                if event["kind"] == "start":
                    first_start.setdefault(tenant, float(event["t"]))
                    if tenant == BIG and event["slice"] == "1" and killed_pid is None:
                        killed_pid = int(event["pid"])
                        # its first page request is held by the sandbox: the slice cannot
                        # have finished when the kill lands
                        assert hold.held.wait(max(0.0, deadline - time.monotonic()))
                        os.killpg(os.getpgid(killed_pid), signal.SIGKILL)
                        while not _dead(killed_pid):
                            time.sleep(0.01)  # no event tells a killed process is gone
                        hold.release.set()
                elif event["kind"] == "done":
                    done[tenant] = float(event["t"])
            status = subprocess.run(
                cli("fleet", "status"), env=env, check=True, capture_output=True, text=True
            ).stdout
        finally:
            hold.release.set()
            stop_workers(workers)
            events.close()
        stats = box.sandbox.stats["brokermint"]
        expected_big = {
            box.sandbox.record("brokermint", "transactions", i)["id"] for i in range(BIG_N)
        }
        expected_small = {
            box.sandbox.record("brokermint", "contacts", i)["id"] for i in range(SMALL_N)
        }

    assert killed_pid is not None
    # the slice that died with its worker was run again, by another worker
    reruns = [
        e
        for e in events.seen
        if e.get("tenant") == BIG and e["kind"] in ("end", "done") and e["slice"] == "1"
    ]
    assert reruns and all(int(e["pid"]) != killed_pid for e in reruns)
    # every tenant's table holds every record exactly once
    for i, tenant in enumerate(TENANTS):
        db = str(tmp_path / f"fleet-{tenant}.duckdb")
        got = ids_in(db, tenant, "transactions" if i == 0 else "contacts")
        assert len(got) == len(set(got))
        assert set(got) == (expected_big if i == 0 else expected_small)
    # no credential went past its window: the sandbox answered no 429
    assert stats.rate_limited == 0
    # no tenant waited for another's whole sync: every one started before any finished
    assert max(first_start.values()) < min(done.values())
    assert done[BIG] == max(done.values())
    for tenant in TENANTS:
        assert tenant in status and " 1 " in status.split(tenant, 1)[1].splitlines()[0]
