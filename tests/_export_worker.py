"""Subprocess side of the kill-and-resume export test."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Mapping
from typing import Any

from _toy import ToyClient

from real_estate_async.export import export
from real_estate_async.pagination import AsyncPager, OffsetLimit, items_at
from real_estate_async.providers.base import Resource


async def main(base: str, out: str, resume: bool) -> None:
    async with ToyClient(base_url=base) as client:

        def make(state: Mapping[str, Any] | None) -> AsyncPager[Any]:
            strategy = OffsetLimit(items=items_at("items"), limit=10, total_path=("total",))
            return Resource(client)._pager(
                "GET", "/items", strategy, resume_from=state, concurrency=3
            )

        result = await export(make, out, resume=resume)
        print(result.records)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3] == "resume"))
