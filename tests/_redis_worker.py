"""One worker process of the distributed rate-limit test: N tasks share a RedisRateLimiter."""

from __future__ import annotations

import asyncio
import json
import sys

from _toy import ToyClient

from real_estate_async.ratelimit.redis import RedisRateLimiter


async def main(base: str, redis_url: str, rate: int, period: float, tasks: int, calls: int) -> None:
    limiter = RedisRateLimiter(redis_url, "toy:fleet", rate, period, fleet_size=4)
    sent = 0
    async with ToyClient(base_url=base, rate_limit=limiter, max_retries=0) as client:

        async def worker() -> None:
            nonlocal sent
            for _ in range(calls):
                await client.request("GET", "/x")
                sent += 1

        await asyncio.gather(*(worker() for _ in range(tasks)))
    await limiter.aclose()
    print(json.dumps({"sent": sent}))


if __name__ == "__main__":
    base, redis_url, rate, period, tasks, calls = sys.argv[1:7]
    asyncio.run(main(base, redis_url, int(rate), float(period), int(tasks), int(calls)))
