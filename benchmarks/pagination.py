"""The pager as released in 0.1.0 (a frozen copy) against this one, in one process,
interleaved.

Memory: what a keyset pager keeps while it walks a listing (for loop detection, one hash of
(cursor, first id, last id) per page). Speed: items per second through ``async for`` over in-memory pages (the
pager's own per-item and per-page cost, with no HTTP). Run ``python -m benchmarks.pagination``.

Pages are built in memory and dropped once delivered, so what grows with the listing is
the pager's own bookkeeping. Both versions run interleaved in one process (ratios, not
absolute numbers, are what to read on a shared machine).
"""

from __future__ import annotations

import asyncio
import json
import time
import tracemalloc
from collections.abc import Mapping
from types import ModuleType
from typing import Any

from real_estate_async import pagination as current

PAGE = 1000


def _old_module() -> ModuleType:
    from ._frozen import pagination_0_1

    return pagination_0_1


async def _held_bytes(module: Any, records: int) -> int:
    """Bytes traced while the last page is delivered (items of earlier pages are gone)."""

    async def fetch(args: Mapping[str, Any]) -> list[dict[str, int]]:
        start = int(args.get("starting_from_id", 1))
        return [{"id": i} for i in range(start, min(start + PAGE, records + 1))]

    pager = module.AsyncPager(fetch, module.CountFromId(size=PAGE))
    tracemalloc.start()
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    held = 0
    async for page in pager.pages():
        held = tracemalloc.get_traced_memory()[0] - base
        del page
    tracemalloc.stop()
    return held


async def _items_per_second(module: Any, style: str, records: int) -> float:
    async def fetch(args: Mapping[str, Any]) -> Any:
        if style == "offset":
            off = int(args["offset"])
            rows = [{"id": i, "name": "x"} for i in range(off, min(off + 100, records))]
            return {"_metadata": {"total": records}, "items": rows}
        start = int(args.get("starting_from_id", 1))
        return [{"id": i, "name": "x"} for i in range(start, min(start + 100, records + 1))]

    if style == "offset":
        strategy = module.OffsetLimit(
            items=module.items_at("items"), limit=100, total_path=("_metadata", "total")
        )
    else:
        strategy = module.CountFromId(size=100)
    pager = module.AsyncPager(fetch, strategy)
    began = time.perf_counter()
    n = 0
    async for _ in pager:
        n += 1
    assert n == records, n
    return n / (time.perf_counter() - began)


async def main() -> dict[str, Any]:
    old = _old_module()
    out: dict[str, Any] = {}
    for style in ("offset", "keyset"):
        rates: dict[str, list[float]] = {"before": [], "after": []}
        for _ in range(3):
            for name, module in (("before", old), ("after", current)):
                rates[name].append(await _items_per_second(module, style, 100_000))
        out[f"{style}_speed_ratio_after_over_before"] = round(
            max(rates["after"]) / max(rates["before"]), 2
        )
    for records in (50_000, 200_000):
        for name, module in (("before", old), ("after", current)):
            out[f"{name}_{records}"] = await _held_bytes(module, records)
    for name in ("before", "after"):
        out[f"{name}_growth_bytes"] = out[f"{name}_200000"] - out[f"{name}_50000"]
    out["growth_ratio_before_over_after"] = round(
        out["before_growth_bytes"] / max(1, out["after_growth_bytes"]), 1
    )
    return out


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main()), indent=2))
