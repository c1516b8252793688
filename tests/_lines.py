"""Read a subprocess's output line by line until a condition holds: EOF or a timeout fails
the test instead of spinning forever."""

from __future__ import annotations

import asyncio
from collections.abc import Callable


async def read_until(
    stream: asyncio.StreamReader | None, done: Callable[[bytes], bool], seconds: float = 30
) -> list[bytes]:
    """Lines read until ``done(line)``; raises AssertionError at EOF or after ``seconds``."""
    assert stream is not None
    seen: list[bytes] = []

    async def read() -> list[bytes]:
        while True:
            line = await stream.readline()
            if not line:
                raise AssertionError(f"the process ended first; it printed {seen!r}")
            seen.append(line.strip())
            if done(line.strip()):
                return seen

    # One wait_for around the whole loop (never a wait_for per iteration).
    try:
        return await asyncio.wait_for(read(), seconds)
    except asyncio.TimeoutError:
        raise AssertionError(f"no matching line in {seconds}s; got {seen!r}") from None


def committed_at_least(n: int) -> Callable[[bytes], bool]:
    """Matches the workers' ``committed N`` lines once N >= n."""

    def check(line: bytes) -> bool:
        return line.startswith(b"committed ") and int(line.split()[1]) >= n

    return check
