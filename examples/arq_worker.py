"""Running the SDK in arq workers: many processes, one vendor quota.

Start a worker (as many as you like, on as many machines):

    BROKERMINT_API_KEY=... REDIS_URL=redis://localhost:6379/0 arq examples.arq_worker.WorkerSettings

Enqueue work from anywhere (a web app, a cron job, this script):

    python examples/arq_worker.py export-transactions /tmp/transactions.jsonl

Each worker process owns one SessionManager (created in arq's startup hook, closed in its
shutdown hook), and every process meters Brokermint calls through one RedisRateLimiter
on the same Redis arq already uses, so N workers together stay within the quota.
"""

from __future__ import annotations

import asyncio
import os
import sys
from typing import Any

from arq import create_pool
from arq.connections import RedisSettings

from real_estate_async import SessionManager
from real_estate_async.export import export
from real_estate_async.providers.brokermint import BrokermintClient
from real_estate_async.ratelimit.redis import RedisRateLimiter, credential_key

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")


async def startup(ctx: dict[str, Any]) -> None:
    """One pool and one client per worker process; the quota lives in Redis."""
    api_key = os.environ["BROKERMINT_API_KEY"]
    ctx["session"] = SessionManager()
    ctx["limiter"] = RedisRateLimiter(
        REDIS_URL, credential_key("brokermint", api_key), rate=100, period=10.0
    )
    ctx["brokermint"] = BrokermintClient(api_key, session=ctx["session"], rate_limit=ctx["limiter"])


async def shutdown(ctx: dict[str, Any]) -> None:
    await ctx["session"].aclose()
    await ctx["limiter"].aclose()


async def export_transactions(ctx: dict[str, Any], out_path: str, resume: bool = True) -> int:
    """Export every transaction to JSONL; a retried job resumes from its checkpoint."""
    bm: BrokermintClient = ctx["brokermint"]
    result = await export(
        lambda state: bm.transactions.list(resume_from=state, raw=True), out_path, resume=resume
    )
    return result.records


async def fetch_transaction(ctx: dict[str, Any], transaction_id: int) -> dict[str, Any]:
    """One transaction as the vendor's JSON (e.g. to sync it into your database)."""
    bm: BrokermintClient = ctx["brokermint"]
    transaction = await bm.transactions.get(transaction_id)
    return transaction.to_dict()


class WorkerSettings:
    functions = [export_transactions, fetch_transaction]
    on_startup = startup
    on_shutdown = shutdown
    redis_settings = RedisSettings.from_dsn(REDIS_URL)
    max_jobs = 20


async def enqueue(argv: list[str]) -> None:
    """The producer side: put jobs on the queue and wait for their results."""
    redis = await create_pool(RedisSettings.from_dsn(REDIS_URL))
    try:
        if argv[:1] == ["export-transactions"]:
            job = await redis.enqueue_job("export_transactions", argv[1])
        elif argv[:1] == ["fetch-transaction"]:
            job = await redis.enqueue_job("fetch_transaction", int(argv[1]))
        else:
            raise SystemExit("usage: arq_worker.py export-transactions PATH | fetch-transaction ID")
        assert job is not None
        print(await job.result(timeout=3600))
    finally:
        await redis.aclose()


if __name__ == "__main__":
    asyncio.run(enqueue(sys.argv[1:]))
