"""Memory a keyset pager keeps while it walks a listing: the version before issue 14 (a
JSON dump of up to 1,000 seen ids per page for loop detection) against this one ((cursor,
first id, last id) per page). Run ``python -m benchmarks.pagination_memory``.

Pages are built in memory and dropped once delivered, so what grows with the listing is
the pager's own bookkeeping. Both versions run interleaved in one process (ratios, not
absolute numbers, are what to read on a shared machine).
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import real_estate_async
from real_estate_async import pagination as current

BEFORE = "3691983"  # main before issue 14
PAGE = 1000


def _old_module() -> ModuleType:
    root = Path(real_estate_async.__file__).parent
    source = subprocess.run(
        ["git", "show", f"{BEFORE}:real_estate_async/pagination.py"],
        cwd=root, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    spec = importlib.util.spec_from_loader("real_estate_async._pagination_before", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "real_estate_async"
    sys.modules[spec.name] = module
    exec(compile(source, "pagination_before.py", "exec"), module.__dict__)
    return module


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


async def main() -> dict[str, Any]:
    old = _old_module()
    out: dict[str, Any] = {}
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
