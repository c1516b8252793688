"""One process of the Redis quota row: ``tasks`` tasks share one ``RedisRateLimiter`` and
send ``calls`` GETs each. Run as ``python -m benchmarks._redis_worker BASE REDIS_URL RATE
PERIOD TASKS CALLS``; prints ``{"sent": ..., "limited": ...}``."""

from __future__ import annotations

import asyncio
import json
import sys

from real_estate_async import RateLimitError
from real_estate_async.ratelimit.redis import RedisRateLimiter

from ._limits import _Bench


async def main(base: str, url: str, rate: int, period: float, tasks: int, calls: int) -> None:
    limiter = RedisRateLimiter(url, "bench:fleet", rate, period, fleet_size=4,
                               retry_interval=0.1, socket_timeout=0.5)  # fmt: skip
    counts = {"sent": 0, "limited": 0}
    async with _Bench(credential="r", base_url=base, rate_limit=limiter, max_retries=0) as client:

        async def worker() -> None:
            for _ in range(calls):
                try:
                    await client.request("GET", "/x")
                    counts["sent"] += 1
                except RateLimitError:
                    counts["limited"] += 1

        await asyncio.gather(*(worker() for _ in range(tasks)))
    await limiter.aclose()
    print(json.dumps(counts))


if __name__ == "__main__":
    b, u, r, p, t, c = sys.argv[1:7]
    asyncio.run(main(b, u, int(r), float(p), int(t), int(c)))
