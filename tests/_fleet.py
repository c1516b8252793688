"""Worker processes for the fleet tests and benchmark: a real redis-server, the sandbox
with one Brokermint key per tenant, ``real-estate-async fleet worker`` processes, and
the fleet's event stream read with blocking XREADs (no polling sleeps)."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import redis

REDIS = shutil.which("redis-server")
EVENTS = "real_estate_async:fleet:events"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def redis_server(tmp: Path, port: int | None = None) -> Iterator[str]:
    """A redis-server without persistence (``port``: a given one, e.g. to restart it)."""
    port = port or free_port()
    proc = subprocess.Popen(
        [str(REDIS), "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.02)  # a port that is not up yet: no event exists for it
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.kill()
        proc.wait()


def fleet_env(
    tmp: Path, redis_url: str, secrets: dict[str, Any], *, rate: str, **extra: str
) -> dict[str, str]:
    """Environment of the fleet processes: the default env-configured fleet."""
    path = tmp / "tenants.json"
    path.write_text(json.dumps(secrets), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        REAL_ESTATE_FLEET_REDIS=redis_url,
        REAL_ESTATE_FLEET_SECRETS=str(path),
        REAL_ESTATE_FLEET_DESTINATION="duckdb",
        REAL_ESTATE_FLEET_DB=str(tmp / "fleet-{tenant}.duckdb"),
        REAL_ESTATE_FLEET_RATES=rate,
        REAL_ESTATE_FLEET_POLL="0.2",
        REAL_ESTATE_FLEET_RETRY_DELAY="0.1",
        RUNTIME__DLTHUB_TELEMETRY="false",
    )
    env.update(extra)
    return env


def cli(*args: str) -> list[str]:
    return [
        sys.executable,
        "-c",
        "import sys; from real_estate_async.cli import main; sys.exit(main())",
        *args,
    ]


def start_workers(
    n: int, env: dict[str, str], tmp: Path, tasks: int = 4, app: str | None = None
) -> list[subprocess.Popen[bytes]]:
    procs = []
    for i in range(n):
        with (tmp / f"worker-{i}.log").open("wb") as log:
            procs.append(
                subprocess.Popen(
                    cli(
                        "fleet",
                        "worker",
                        "--max-async-tasks",
                        str(tasks),
                        *(["--app", app] if app else []),
                    ),
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,  # own process group: SIGKILL takes manager and child
                )
            )
    return procs


def stop_workers(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


class Events:
    """The fleet's event stream, read in order with blocking XREADs."""

    def __init__(self, url: str) -> None:
        self.redis = redis.Redis.from_url(url)
        self.last = "0-0"
        self.seen: list[dict[str, str]] = []

    def next(self, deadline: float) -> dict[str, str]:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no fleet event in time; seen: {self.seen[-5:]}")
            block = max(1, int(min(left, 2.0) * 1000))
            got: Any = self.redis.xread({EVENTS: self.last}, count=1, block=block)
            if got:
                entry_id, fields = got[0][1][0]
                self.last = entry_id
                event = {k.decode(): v.decode() for k, v in fields.items()}
                self.seen.append(event)
                return event

    def close(self) -> None:
        self.redis.close()


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    """Wait for a state another process reaches (generous deadline; no timing asserted)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
