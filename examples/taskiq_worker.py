"""A fleet of taskiq workers syncing many tenants, each on its own credential and quota.

Credentials never go through the queue: each worker resolves them itself, here from
environment variables (``TENANT_ACME_BROKERMINT_API_KEY=...``; set
``TENANTS_FILE=/run/secrets/tenants.json`` to read a secrets file instead). Start workers
(as many as you like, on as many machines), from this directory:

    REDIS_URL=redis://localhost:6379/0 real-estate-async fleet worker --app taskiq_worker:fleet --workers 2

Enqueue from anywhere (an app, a cron job, this script), then watch:

    python taskiq_worker.py acme globex          # brokermint transactions of two tenants
    real-estate-async fleet status --app taskiq_worker:fleet

Each tenant's rows go to ``out/brokermint_<tenant>/transactions/*.jsonl`` here (set
``FLEET_DB=/data/{tenant}.duckdb`` and ``FLEET_DESTINATION=duckdb`` with the dlt extra).
"""

from __future__ import annotations

import asyncio
import os
import sys

from real_estate_async.workers import Fleet, env_resolver, secrets_file_resolver

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
SECRETS = os.environ.get("TENANTS_FILE")
WHERE = os.environ.get("FLEET_DB", "out")

fleet = Fleet(
    REDIS_URL,
    secrets_file_resolver(SECRETS) if SECRETS else env_resolver("TENANT"),
    destination=os.environ.get("FLEET_DESTINATION", "jsonl"),
    location=lambda tenant, provider: WHERE.format(tenant=tenant, provider=provider),
    rates={"brokermint": (100, 10.0)},  # per credential, for the whole fleet
    tenant_cap=1,  # one job per tenant at a time: the others keep moving
    slice_records=int(os.environ.get("FLEET_SLICE", "1000")),
)
broker = fleet.broker  # also what plain `taskiq worker taskiq_worker:broker` would run


async def main(tenants: list[str]) -> None:
    async with fleet:
        for tenant in tenants:
            started = await fleet.enqueue(tenant, "brokermint", "transactions")
            print(f"{tenant}: {'queued' if started else 'already under way'}")


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1:] or ["acme"]))
