"""RedisRateLimiter with a real redis-server: one quota for many OS processes."""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from conftest import ServerFactory

pytest.importorskip("redis", reason="the 'redis' extra is not installed")

from real_estate_async.ratelimit.redis import (
    RateLimiterUnavailableError,
    RedisRateLimiter,
    credential_key,
)

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server binary not found on PATH")
HERE = Path(__file__).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class RedisServer:
    def __init__(self, tmp: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
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


def max_in_window(stamps: list[float], window: float) -> int:
    stamps = sorted(stamps)
    best, lo = 0, 0
    for hi, t in enumerate(stamps):
        while t - stamps[lo] >= window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


async def test_four_processes_share_one_quota(serve: ServerFactory, redis_server: RedisServer) -> None:
    rate, period = 40, 0.5
    stamps: list[float] = []

    async def handler(request: web.Request) -> web.Response:
        stamps.append(time.monotonic())
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/x", handler)
    base = await serve(app)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    procs = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            str(HERE / "_redis_worker.py"),
            base,
            redis_server.url,
            str(rate),
            str(period),
            "20",
            "3",
            stdout=asyncio.subprocess.PIPE,
            env=env,
        )
        for _ in range(4)
    ]
    outputs = [await p.communicate() for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert len(stamps) == 4 * 20 * 3
    # Never more than the limit in any window (5% of a window absorbs loopback jitter) ...
    assert max_in_window(stamps, period * 0.95) <= rate
    # ... and at least 90% of the allowed rate over the run.
    span = stamps[-1] - stamps[0]
    allowed = (len(stamps) - 1) / (rate / period)
    print(f"distributed utilisation: {allowed / span:.3f}")
    assert allowed / span >= 0.9, (allowed, span)


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
    await limiter.acquire()
    redis_server.stop()
    loop = asyncio.get_running_loop()
    stamps = []
    for _ in range(5):
        await limiter.acquire()
        stamps.append(loop.time())
    assert limiter.degraded
    # The local share is 8 / 2 = 4 per 0.4 s: the fifth grant waits for the window.
    assert max_in_window(stamps, 0.4 * 0.95) <= 4
    await limiter.aclose()


def test_keys_never_hold_the_credential() -> None:
    key = credential_key("brokermint", "super-secret-api-key")
    assert "super-secret" not in key and key.startswith("brokermint:")
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0", key, 5, 1.0)
    assert "super-secret" not in repr(limiter)
    with pytest.raises(ValueError):
        RedisRateLimiter("redis://127.0.0.1:1/0", key, 0, 1.0)
