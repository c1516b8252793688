"""RedisRateLimiter with a real redis-server: one quota for many OS processes."""

from __future__ import annotations

import asyncio
import collections
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ServerFactory

pytest.importorskip("redis", reason="the 'redis' extra is not installed")

from real_estate_async.providers.brokermint.client import BURST_WINDOW, HOUR_WINDOW
from real_estate_async.ratelimit import QuotaExhaustedError
from real_estate_async.ratelimit.redis import (
    RateLimiterUnavailableError,
    RedisRateLimiter,
    credential_key,
)
from real_estate_async.ratelimit.strict_window import (
    StrictWindow,
    max_in_window,
    strict_window_app,
)

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server binary not found on PATH")
HERE = Path(__file__).parents[1]  # the shared test helpers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    def __init__(self, tmp: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.tmp = tmp
        self.start()

    def start(self) -> None:
        """Start (or restart, empty: no persistence) redis-server on this port."""
        tmp = self.tmp
        self.proc = subprocess.Popen(
            [
                str(REDIS),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(tmp),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.02)  # polling a port that is not up yet: no event exists for it
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    yield server
    server.stop()


async def run_fleet(
    base: str, redis_url: str, rate: int, period: float, tasks: int, calls: int, *extra: str
) -> list[dict[str, int]]:
    """Start 4 worker processes (see _redis_worker.py); wait for them; their counts."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            str(HERE / "_redis_worker.py"),
            base,
            redis_url,
            str(rate),
            str(period),
            str(tasks),
            str(calls),
            *extra,
            stdout=asyncio.subprocess.PIPE,
            env=env,
        )
        for _ in range(4)
    ]
    outputs = [await p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    return [json.loads(out.decode().strip().splitlines()[-1]) for out, _ in outputs]


async def test_four_processes_share_one_quota(
    serve: ServerFactory, redis_server: RedisServer
) -> None:
    rate, period = 40, 0.5
    window = StrictWindow(rate, period)
    base = await serve(strict_window_app(window))
    counts = await run_fleet(base, redis_server.url, rate, period, 20, 3)
    assert len(window.stamps) == 4 * 20 * 3
    # Never more than the limit in any trailing window, as a strict vendor counts ...
    assert window.rejected == 0 and sum(c["limited"] for c in counts) == 0
    assert window.max_in_window() <= rate
    # ... and not stuck: the >= 95% utilisation goal is timing, measured by benchmarks 6
    # and 11 on an idle machine (tests do not assert timings).
    utilisation = window.utilisation()
    print(f"distributed utilisation: {utilisation:.4f}")  # read by benchmark 6
    assert utilisation >= 0.5, utilisation


async def test_lost_redis_state_and_a_restart_do_not_double_the_rate(
    serve: ServerFactory, redis_server: RedisServer
) -> None:
    """FLUSHALL mid-run, then redis-server killed and restarted empty on the same port,
    with the local fallback in between: the strict window still sees at most the limit."""
    import redis.asyncio as aioredis

    rate, period = 40, 0.5
    marks = {80: asyncio.Event(), 160: asyncio.Event(), 200: asyncio.Event()}

    class Window(StrictWindow):
        def hit(self) -> bool:
            ok = super().hit()
            mark = marks.get(len(self.stamps))
            if mark is not None:
                mark.set()
            return ok

    window = Window(rate, period, clock=time.time)
    base = await serve(strict_window_app(window))
    fleet = asyncio.ensure_future(
        run_fleet(base, redis_server.url, rate, period, 20, 5, "local", "4")
    )

    async def when(count: int) -> None:  # wait for traffic, not for time
        await marks[count].wait()

    await when(80)
    admin = aioredis.Redis.from_url(redis_server.url)
    await admin.flushall()
    t_flush = time.time()
    await admin.aclose()
    await when(160)
    redis_server.stop()
    outage = time.time()
    await when(200)  # (a worker that ends before Redis is back cannot re-add its calls)
    redis_server.start()
    t_back = time.time()
    counts = await fleet
    t0 = window.stamps[0]
    over = over_limit_arrivals(window.stamps, rate, period)
    switch = [t for t in over if outage <= t <= outage + period]
    print(
        f"redis loss: flush at {t_flush - t0:.2f}s, down {outage - t0:.2f}-{t_back - t0:.2f}s: "
        f"{len(over)} arrivals over the limit, {len(switch)} of them in the window after the "
        f"outage began; max {window.max_in_window()} in a window (limit {rate})"
    )
    assert sum(c["reseeds"] for c in counts) >= 4  # every process re-added its calls
    # After FLUSHALL: never over (every process re-adds its calls before a new grant).
    assert not [t for t in over if t < outage], [round(t - t0, 3) for t in over]
    # Through the outage and the restart: measured 0 over in normal runs. A process
    # starved for longer than the settle time is counted late, so the test allows a
    # little (the old limiter ran at 2x the limit for seconds).
    assert window.max_in_window() <= rate * 1.1


def over_limit_arrivals(stamps: list[float], rate: int, period: float) -> list[float]:
    """Arrivals that found ``rate`` or more calls already in their trailing window."""
    out, recent = [], collections.deque[float]()
    for t in sorted(stamps):
        while recent and recent[0] <= t - period:
            recent.popleft()
        recent.append(t)
        if len(recent) > rate:
            out.append(t)
    return out


async def test_a_429_in_one_worker_pauses_the_others(redis_server: RedisServer) -> None:
    one = RedisRateLimiter(redis_server.url, "toy:pause", 1000, 1.0)
    two = RedisRateLimiter(redis_server.url, "toy:pause", 1000, 1.0)
    await one.feedback(429, {"Retry-After": "0.3"})
    loop = asyncio.get_running_loop()
    start = loop.time()
    await two.acquire()
    assert loop.time() - start >= 0.25
    await one.aclose()
    await two.aclose()


async def test_garbage_headers_never_pause_the_fleet_and_a_429_has_the_last_word(
    redis_server: RedisServer,
) -> None:
    limiter = RedisRateLimiter(
        redis_server.url, "bm:signals", 100, 10.0, windows=(BURST_WINDOW, HOUR_WINDOW)
    )
    # A negative count with an unreadable reset: no hour-long pause of every worker.
    await limiter.feedback(
        200, {"X-Brokermint-Hour-Remaining": "-5", "X-Brokermint-Hour-Reset": "?"}
    )
    await limiter.acquire(max_wait=5.0)
    await limiter.feedback(200, {})
    # A spent hour announced to reset in 58 s, then a 429 saying go now: the 429 wins.
    spent = {"X-Brokermint-Hour-Remaining": "0", "X-Brokermint-Hour-Reset": "58000"}
    await limiter.feedback(200, spent)
    with pytest.raises(QuotaExhaustedError):
        await limiter.acquire(max_wait=5.0)
    await limiter.feedback(429, {"Retry-After": "0"})
    await limiter.acquire(max_wait=5.0)
    await limiter.feedback(200, {})
    await limiter.aclose()


async def test_redis_down_fails_closed_by_default(redis_server: RedisServer) -> None:
    limiter = RedisRateLimiter(redis_server.url, "toy:down", 100, 1.0)
    await limiter.acquire()
    redis_server.stop()
    with pytest.raises(RateLimiterUnavailableError):
        await limiter.acquire()
    await limiter.aclose()


async def test_redis_down_falls_back_to_local_share_when_configured(
    redis_server: RedisServer,
) -> None:
    limiter = RedisRateLimiter(
        redis_server.url, "toy:fallback", 8, 0.4, on_redis_error="local", fleet_size=2
    )
    loop = asyncio.get_running_loop()
    # stamped before the first call is granted, so the gap below is a lower bound whatever
    # time stopping the server takes
    stamps = [loop.time()]
    await limiter.acquire()
    await limiter.feedback(200, {})
    redis_server.stop()
    for _ in range(4):
        await limiter.acquire()
        stamps.append(loop.time())
        await limiter.feedback(200, {})
    assert limiter.degraded
    # For the first period this process may hold its own call plus half of the 7 the fleet
    # had left (3): 4 in the window; the fifth waits for the first call to leave it.
    assert max_in_window(stamps, 0.4 * 0.95) <= 4
    assert stamps[-1] - stamps[0] >= 0.39
    # Two periods into the outage: 90% of an even share, 3 per window.
    assert limiter._phases[-1][1] == 3
    await limiter.aclose()


def test_keys_never_hold_the_credential() -> None:
    key = credential_key("brokermint", "super-secret-api-key")
    assert "super-secret" not in key and key.startswith("brokermint:")
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0", key, 5, 1.0)
    assert "super-secret" not in repr(limiter)
    with pytest.raises(ValueError):
        RedisRateLimiter("redis://127.0.0.1:1/0", key, 0, 1.0)
