"""Fleet benchmark: six tenants, each its own Brokermint key and quota (10 calls/s) and
1000 transactions, synced by ``real-estate-async fleet worker`` processes (three, then
one) on a real redis-server into one DuckDB file per tenant. Reported: the ideal over the
wall time, the ideal being the slowest tenant's quota-bound time ((requests - 1) / rate:
no fleet can be faster without breaking a quota), and each credential's utilisation
(requests sent / what its quota allowed while its sync ran). Both are ratios from one
run, so machine speed cancels out."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._common import point, row, scaled

TENANTS = [f"t{i}" for i in range(6)]
RECORDS, PAGE = 1000, 10  # transactions per tenant; Brokermint `count` per page
RATE = 10  # the fleet's quota per key, per second (the sandbox allows 12 per fixed second)
EVENTS = "real_estate_async:fleet:events"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def _redis(tmp: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen(
        [str(shutil.which("redis-server")), "--port", str(port), "--bind", "127.0.0.1",
         "--save", "", "--appendonly", "no", "--dir", str(tmp)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(500):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.02)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.kill()
        proc.wait()


def _cli(*args: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; from real_estate_async.cli import main; sys.exit(main())",
        *args,
    ]


def _run(workers_n: int, records: int) -> dict[str, Any]:
    import redis

    from real_estate_async.sandbox import RateLimit, RateLimits, Sandbox, SandboxThread

    sandbox = Sandbox(
        records=records,
        vendors=["brokermint"],
        tenants=len(TENANTS),
        sizes={"brokermint.transactions": records},
        rate_limits=RateLimits(
            brokermint_burst=RateLimit(RATE + 2, 1.0), brokermint_hour=RateLimit(10**6, 3600.0)
        ),
    )
    with (
        tempfile.TemporaryDirectory() as tmp_,
        _redis(Path(tmp_)) as url,
        SandboxThread(sandbox) as box,
    ):
        tmp = Path(tmp_)
        secrets = {
            t: {"brokermint": box.sandbox.tenant_kwargs("brokermint", i)}
            for i, t in enumerate(TENANTS)
        }
        (tmp / "tenants.json").write_text(json.dumps(secrets))
        env = dict(
            os.environ,
            REAL_ESTATE_FLEET_REDIS=url,
            REAL_ESTATE_FLEET_SECRETS=str(tmp / "tenants.json"),
            REAL_ESTATE_FLEET_DESTINATION="duckdb",
            REAL_ESTATE_FLEET_DB=str(tmp / "fleet-{tenant}.duckdb"),
            REAL_ESTATE_FLEET_RATES=f"brokermint={RATE}/1",
            REAL_ESTATE_FLEET_SLICE="250",
            REAL_ESTATE_FLEET_POLL="0.2",
            REAL_ESTATE_FLEET_RETRY_DELAY="0.1",
            RUNTIME__DLTHUB_TELEMETRY="false",
        )
        # Slots enough for every tenant at once, with one worker as with three.
        slots = str(max(4, -(-8 // workers_n)))
        workers = [
            subprocess.Popen(_cli("fleet", "worker", "--max-async-tasks", slots), env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
            for _ in range(workers_n)
        ]  # fmt: skip
        r = redis.Redis.from_url(url)
        last = "0-0"

        def next_event(deadline: float) -> dict[str, str]:
            nonlocal last
            while time.monotonic() < deadline:
                got: Any = r.xread({EVENTS: last}, count=1, block=1000)
                if got:
                    last, fields = got[0][1][0]
                    return {k.decode(): v.decode() for k, v in fields.items()}
            raise TimeoutError("the fleet stalled")

        try:
            deadline = time.monotonic() + 120
            up = 0
            while up < workers_n:
                up += next_event(deadline)["kind"] == "worker"
            started = time.time()
            args = ("--list-arg", f"count={PAGE}")
            every = [a for t in TENANTS for a in ("-t", t)]
            subprocess.run(
                _cli("fleet", "enqueue", "brokermint", "transactions", *every, *args),
                env=env,
                check=True,
                capture_output=True,
            )
            first: dict[str, float] = {}
            done: dict[str, float] = {}
            requests: dict[str, int] = dict.fromkeys(TENANTS, 0)
            while len(done) < len(TENANTS):
                event = next_event(deadline)
                tenant = event.get("tenant", "")
                if event["kind"] == "start":
                    first.setdefault(tenant, float(event["t"]))
                elif event["kind"] in ("end", "done"):
                    requests[tenant] += int(event["requests"])
                    if event["kind"] == "done":
                        done[tenant] = float(event["t"])
        finally:
            for w in workers:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(w.pid, signal.SIGTERM)
            for w in workers:
                try:
                    w.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(w.pid, signal.SIGKILL)
                    w.wait()
            r.close()
        rejected = box.sandbox.stats["brokermint"].rate_limited
    wall = max(done.values()) - started
    ideal = max((n - 1) / RATE for n in requests.values())
    use = {t: (requests[t] - 1) / RATE / (done[t] - first[t]) for t in TENANTS}
    return {"wall": wall, "ideal": ideal, "use": use, "rejected": rejected,
            "requests": requests}  # fmt: skip


GOALS = {3: 0.95, 1: 0.9}


async def fleet_quota() -> dict[str, Any]:
    try:
        import dlt  # noqa: F401
        import taskiq_redis  # noqa: F401
    except ImportError:
        return {
            "target": "fleet on taskiq workers",
            "measured": "skipped: the 'workers' and 'dlt' extras are needed",
            "goal": "-",
            "pass": True,
            "skipped": True,
        }
    if shutil.which("redis-server") is None:
        return {"target": "fleet on taskiq workers", "measured": "skipped: no redis-server",
                "goal": "-", "pass": True, "skipped": True}  # fmt: skip
    records = scaled(RECORDS, 100)
    runs = {n: await asyncio.to_thread(_run, n, records) for n in GOALS}
    rejected = sum(r["rejected"] for r in runs.values())
    points = [point(f"fleet, {n} worker(s): ideal / wall", [r["ideal"] / r["wall"]],
                    GOALS[n], ">=") for n, r in runs.items()]  # fmt: skip
    measured = "; ".join(
        f"{n} worker(s): wall {r['wall']:.1f}s vs ideal {r['ideal']:.1f}s ="
        f" {r['ideal'] / r['wall']:.2f}, each credential {min(r['use'].values()):.0%}-"
        f"{max(r['use'].values()):.0%} of its quota"
        for n, r in runs.items()
    )
    return row(
        f"fleet: {len(TENANTS)} tenants x {records:,} records, {RATE} calls/s per key,"
        " DuckDB per tenant",
        f"{measured}; {rejected} x 429",
        ">= 0.95 with 3 workers, >= 0.9 with 1; zero 429s",
        all(p["pass"] for p in points) and rejected == 0,
        points=points,
        reference="the quota-bound ideal: the slowest tenant's (requests - 1) / rate",
        records=records,
        runs={str(n): r for n, r in runs.items()},
    )
