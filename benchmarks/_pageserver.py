"""A Lofty ``GET /v1.0/leads`` server in its own process, for listings too large to
pre-encode (a million full leads is over a gigabyte of JSON).

Each page is joined from a template of one full lead split where its id goes, so a page
costs a few hundred microseconds to build, on this process's CPU, not the client's. Run
as ``python -m benchmarks._pageserver TOTAL``; it prints its base URL, then serves until
its stdin closes.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from aiohttp import web

from ._servers import lead

_SENTINEL = 987654321


def _segments() -> list[bytes]:
    """A full lead split where its id goes (fields derived from it are kept fixed)."""
    body = json.dumps({"lead": lead(_SENTINEL)}).encode()
    return body.split(str(_SENTINEL).encode())


class TemplatePages:
    def __init__(self, total: int) -> None:
        self.total = total
        self.segments = _segments()

    def page(self, offset: int, limit: int) -> bytes:
        meta = {"collection": "leads", "offset": offset, "limit": limit, "total": self.total}
        items = b",".join(
            str(i).encode().join(self.segments)
            for i in range(offset, min(offset + limit, self.total))
        )
        return b'{"_metadata":%s,"leads":[%s]}' % (json.dumps(meta).encode(), items)

    async def handler(self, request: web.Request) -> web.Response:
        offset = int(request.query.get("offset", 0))
        limit = int(request.query.get("limit", 100))
        return web.Response(body=self.page(offset, limit), content_type="application/json")

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1.0/leads", self.handler)
        return app


async def _serve(total: int) -> None:
    runner = web.AppRunner(TemplatePages(total).app(), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    print(f"http://127.0.0.1:{port}", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.read)  # until the parent closes our stdin
    await runner.cleanup()


class PageServerProcess:
    """``async with PageServerProcess(total) as base:`` the child's base URL."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.proc: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> str:
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "benchmarks._pageserver", str(self.total),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            cwd=str(Path(__file__).parent.parent),
        )  # fmt: skip
        assert self.proc.stdout is not None
        line = await self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the page server did not start")
        return line.decode().strip()

    async def __aexit__(self, *exc: object) -> None:
        proc = self.proc
        if proc is None:
            return
        if proc.stdin is not None:
            proc.stdin.close()
        try:
            await asyncio.wait_for(proc.wait(), 10)
        except asyncio.TimeoutError:
            proc.kill()
            await proc.wait()


if __name__ == "__main__":
    asyncio.run(_serve(int(sys.argv[1])))
