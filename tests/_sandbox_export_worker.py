"""Subprocess side of the sandbox kill-and-resume test: exports Lofty leads, printing
``committed N`` each time a checkpoint is durable so the parent can kill it at a known
point, and ``done N`` at the end."""

from __future__ import annotations

import asyncio
import sys

from real_estate_async import LoftyClient
from real_estate_async.export import ExportResult, export


async def main(base: str, api_key: str, vendor_key: str, out: str, resume: bool) -> None:
    async with LoftyClient(api_key=api_key, vendor_key=vendor_key, base_url=base) as lofty:

        def committed(result: ExportResult) -> None:
            print(f"committed {result.committed}", flush=True)

        result = await export(
            lambda state: lofty.leads.list(limit=100, concurrency=3, resume_from=state, raw=True),
            out,
            resume=resume,
            on_checkpoint=committed,
            checkpoint_interval=0.0,
        )
        print(f"done {result.records}", flush=True)


if __name__ == "__main__":
    base, api_key, vendor_key, out, mode = sys.argv[1:6]
    asyncio.run(main(base, api_key, vendor_key, out, mode == "resume"))
