"""Child process of the memory benchmark: export N leads, print RSS before and at peak."""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import tempfile
from pathlib import Path

from real_estate_async.export import export
from real_estate_async.providers.lofty import LoftyClient


def rss_mb() -> float:
    """Peak RSS of this process image. ``ru_maxrss`` would carry the parent's peak across
    fork+exec on Linux; ``VmHWM`` belongs to this address space only."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # not Linux
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main(base: str, expected: int) -> None:
    out = Path(tempfile.mkdtemp()) / "leads.jsonl"
    async with LoftyClient(
        api_key="bench", vendor_key="bench", base_url=base, rate_limit=(10**6, 1.0)
    ) as lofty:
        await lofty.request("GET", "/leads", params={"offset": 0, "limit": 1})  # warm up
        before = rss_mb()
        result = await export(
            lambda state: lofty.leads.list(limit=100, concurrency=4, resume_from=state), out
        )
    assert result.records == expected, result.records
    print(json.dumps({"before_mb": before, "peak_mb": rss_mb(), "records": result.records}))
    out.unlink()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
