"""One worker process of the distributed rate-limit tests: N tasks share a RedisRateLimiter.

Prints ``{"sent": ..., "limited": ..., "unavailable": ..., "reseeds": ...}``.
"""

from __future__ import annotations

import asyncio
import json
import sys

from _toy import ToyClient

from real_estate_async import RateLimitError
from real_estate_async.ratelimit.redis import RateLimiterUnavailableError, RedisRateLimiter


async def main(
    base: str,
    redis_url: str,
    rate: int,
    period: float,
    tasks: int,
    calls: int,
    on_redis_error: str = "raise",
    fleet_size: int = 4,
) -> None:
    limiter = RedisRateLimiter(
        redis_url,
        "toy:fleet",
        rate,
        period,
        fleet_size=fleet_size,
        on_redis_error=on_redis_error,  # type: ignore[arg-type]
        retry_interval=0.1,
        socket_timeout=0.5,
    )
    counts = {"sent": 0, "limited": 0, "unavailable": 0}
    async with ToyClient(base_url=base, rate_limit=limiter, max_retries=0) as client:

        async def worker() -> None:
            for _ in range(calls):
                try:
                    await client.request("GET", "/x")
                    counts["sent"] += 1
                except RateLimitError:
                    counts["limited"] += 1
                except RateLimiterUnavailableError:
                    counts["unavailable"] += 1
                    await asyncio.sleep(0.05)

        await asyncio.gather(*(worker() for _ in range(tasks)))
    await limiter.aclose()
    print(json.dumps({**counts, "reseeds": limiter.reseeds}))


if __name__ == "__main__":
    base, redis_url, rate, period, tasks, calls = sys.argv[1:7]
    extra = sys.argv[7:]
    asyncio.run(
        main(
            base,
            redis_url,
            int(rate),
            float(period),
            int(tasks),
            int(calls),
            extra[0] if extra else "raise",
            int(extra[1]) if len(extra) > 1 else 4,
        )
    )
