"""Fleet benchmark: six tenants, each its own Brokermint key and quota, synced by three
``real-estate-async fleet worker`` processes on a real redis-server into one DuckDB file
per tenant. Reported: each credential's utilisation (requests sent / what its quota
allowed while its sync ran) and the wall time against the ideal, the slowest tenant's
quota-bound time ((requests - 1) / rate: no fleet can be faster without breaking a
quota). Both are ratios from one run, so machine speed cancels out."""

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

TENANTS = [f"t{i}" for i in range(6)]
BIG_N, SMALL_N, PAGE = 1000, 400, 10  # records; Brokermint `count` per page
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


def _run() -> dict[str, Any]:
    import redis

    from real_estate_async.sandbox import RateLimit, RateLimits, Sandbox, SandboxThread

    sandbox = Sandbox(
        records=SMALL_N,
        vendors=["brokermint"],
        tenants=len(TENANTS),
        sizes={"brokermint.transactions": BIG_N, "brokermint.contacts": SMALL_N},
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
        workers = [
            subprocess.Popen(_cli("fleet", "worker", "--max-async-tasks", "4"), env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
            for _ in range(3)
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
            while up < 3:
                up += next_event(deadline)["kind"] == "worker"
            started = time.time()
            args = ("--list-arg", f"count={PAGE}")
            subprocess.run(
                _cli("fleet", "enqueue", "brokermint", "transactions", "-t", TENANTS[0], *args),
                env=env,
                check=True,
                capture_output=True,
            )
            small = [a for t in TENANTS[1:] for a in ("-t", t)]
            subprocess.run(
                _cli("fleet", "enqueue", "brokermint", "contacts", *small, *args),
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
    worst = min(use.values())
    ok = rejected == 0 and ideal / wall >= 0.7
    return {
        "target": "fleet: 6 tenants x own quota (10/s), 3 workers, DuckDB per tenant",
        "measured": (
            f"wall {wall:.1f}s vs ideal {ideal:.1f}s = {ideal / wall:.0%}; per credential "
            f"{min(use.values()):.0%}-{max(use.values()):.0%} of its quota; {rejected} x 429"
        ),
        "goal": ">= 70% of ideal, zero 429s",
        "pass": ok,
        "wall_seconds": wall,
        "ideal_seconds": ideal,
        "utilisation": use,
        "worst_utilisation": worst,
        "requests": requests,
        "rejected": rejected,
    }


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
    return await asyncio.to_thread(_run)
