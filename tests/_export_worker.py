"""Subprocess side of the kill-and-resume export test: prints ``committed N`` each time a
checkpoint is durable, and ``done N`` at the end."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Mapping
from typing import Any

from _toy import ToyClient

from real_estate_async.export import ExportResult, export
from real_estate_async.pagination import AsyncPager, OffsetLimit, items_at
from real_estate_async.providers.base import Resource


async def main(base: str, out: str, resume: bool) -> None:
    async with ToyClient(base_url=base) as client:

        def make(state: Mapping[str, Any] | None) -> AsyncPager[Any]:
            strategy = OffsetLimit(items=items_at("items"), limit=10, total_path=("total",))
            return Resource(client)._pager(
                "GET", "/items", strategy, resume_from=state, concurrency=3
            )

        def committed(result: ExportResult) -> None:
            print(f"committed {result.committed}", flush=True)

        result = await export(make, out, resume=resume, on_checkpoint=committed)
        print(f"done {result.records}", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3] == "resume"))
