"""Export and model speed (issue 12), each a ratio of two runs interleaved in one process.

- 7: export to JSONL vs the pager alone over the same 100k raw Lofty leads (>= 0.8x);
- 8: exporting models vs exporting raw dicts (>= 0.5x);
- 9: ``Model.to_dict`` vs ``Model.from_dict`` per Lofty lead (<= 2x the time);
- 10: listing into models vs raw aiohttp + orjson, Brokermint pages of 1000 and Lofty
  leads (>= 0.5x each).

Servers answer with pre-encoded pages, so both sides pay the same for the fake vendor.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
import time
import timeit
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import orjson
from aiohttp import web

from real_estate_async.export import export
from real_estate_async.providers.brokermint import BrokermintClient
from real_estate_async.providers.lofty import LoftyClient
from real_estate_async.providers.lofty.models import Lead

from ._servers import LeadServer, lead, start, transaction

Result = dict[str, Any]


def _row(target: str, measured: str, goal: str, ok: bool, **figures: Any) -> Result:
    return {"target": target, "measured": measured, "goal": goal, "pass": ok, **figures}


def _lofty(base: str) -> LoftyClient:
    return LoftyClient(
        api_key="bench", vendor_key="bench", base_url=base + "/v1.0", rate_limit=(10**6, 1.0)
    )


async def _best_of(rounds: int, *runs: Callable[[], Awaitable[float]]) -> list[float]:
    """Each run ``rounds`` times, interleaved so drift hits every side alike; the minimum."""
    best = [float("inf")] * len(runs)
    for _ in range(rounds):
        for i, run in enumerate(runs):
            best[i] = min(best[i], await run())
    return best


async def _lead_server(records: int) -> tuple[Any, str]:
    server = LeadServer(records)
    for offset in range(0, records, 100):
        server.page(offset, 100)  # pre-encode: measure the client, not the fake
    return await start(server.app())


async def export_vs_pager(records: int = 100_000, rounds: int = 5) -> Result:
    srv, base = await _lead_server(records)
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        async with _lofty(base) as lofty:

            async def pager() -> float:
                started, count = time.perf_counter(), 0
                async for page in lofty.leads.list(limit=100, concurrency=8, raw=True).pages():
                    count += len(page.items)
                assert count == records
                return time.perf_counter() - started

            async def exported() -> float:
                started = time.perf_counter()
                result = await export(
                    lambda s: lofty.leads.list(limit=100, concurrency=8, resume_from=s, raw=True),
                    tmp / "leads.jsonl",
                    overwrite=True,
                )
                assert result.records == records
                return time.perf_counter() - started

            pager_t, export_t = await _best_of(rounds, pager, exported)
    finally:
        await srv.close()
    ratio = pager_t / export_t
    return _row(
        "7 export JSONL vs pager alone (100k raw leads, concurrency 8)",
        f"{ratio:.2f}x ({records / export_t:,.0f} vs {records / pager_t:,.0f} rec/s)",
        ">= 0.8x",
        ratio >= 0.8,
        export_per_s=records / export_t,
        pager_per_s=records / pager_t,
    )


async def model_export_vs_raw(records: int = 50_000, rounds: int = 3) -> Result:
    srv, base = await _lead_server(records)
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        async with _lofty(base) as lofty:

            def timed(raw: bool) -> Callable[[], Awaitable[float]]:
                async def run() -> float:
                    started = time.perf_counter()
                    result = await export(
                        lambda s: lofty.leads.list(
                            limit=100, concurrency=8, resume_from=s, raw=raw
                        ),
                        tmp / f"leads-{raw}.jsonl",
                        overwrite=True,
                    )
                    assert result.records == records
                    return time.perf_counter() - started

                return run

            raw_t, model_t = await _best_of(rounds, timed(True), timed(False))
        same = (tmp / "leads-True.jsonl").read_bytes() == (tmp / "leads-False.jsonl").read_bytes()
    finally:
        await srv.close()
    ratio = raw_t / model_t
    return _row(
        "8 export models vs export raw dicts (50k leads)",
        f"{ratio:.2f}x ({records / model_t:,.0f} vs {records / raw_t:,.0f} rec/s)"
        f"{'' if same else ', FILES DIFFER'}",
        ">= 0.5x, same bytes",
        ratio >= 0.5 and same,
        model_per_s=records / model_t,
        raw_per_s=records / raw_t,
        same_bytes=same,
    )


async def to_dict_vs_from_dict(rounds: int = 5, number: int = 2000) -> Result:
    payloads = [lead(i) for i in range(number)]
    models = [Lead.from_dict(p) for p in payloads]
    assert all(m.to_dict() == p for m, p in zip(models, payloads))

    def build() -> None:
        for p in payloads:
            Lead.from_dict(p)

    def back() -> None:
        for m in models:
            m.to_dict()

    from_t = to_t = float("inf")
    for _ in range(rounds):  # interleaved
        from_t = min(from_t, timeit.timeit(build, number=1))
        to_t = min(to_t, timeit.timeit(back, number=1))
    ratio = to_t / from_t
    return _row(
        "9 Model.to_dict vs from_dict (Lofty lead, 47 keys)",
        f"{ratio:.2f}x the time ({to_t / number * 1e6:.1f} vs {from_t / number * 1e6:.1f} us)",
        "<= 2x",
        ratio <= 2.0,
        to_dict_us=to_t / number * 1e6,
        from_dict_us=from_t / number * 1e6,
    )


class _TransactionPages:
    """Brokermint ``GET /api/v1/transactions`` pages of ``count``, pre-encoded."""

    def __init__(self, total: int) -> None:
        self.total = total
        self._pages: dict[tuple[int, int], bytes] = {}

    def page(self, start: int, count: int) -> bytes:
        key = (start, count)
        if key not in self._pages:
            rows = [transaction(i) for i in range(start, min(self.total + 1, start + count))]
            self._pages[key] = json.dumps(rows).encode()
        return self._pages[key]

    async def handler(self, request: web.Request) -> web.Response:
        count = int(request.query.get("count", 1000))
        start = int(request.query.get("starting_from_id", 1))
        return web.Response(body=self.page(start, count), content_type="application/json")

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/v1/transactions", self.handler)
        return app


async def _raw_orjson(url: str, pages: list[dict[str, Any]], items: Callable[[Any], Any]) -> float:
    """The honest reference: one aiohttp session, orjson, every item touched."""
    async with aiohttp.ClientSession() as session:
        started, count = time.perf_counter(), 0
        for params in pages:
            async with session.get(url, params=params) as resp:
                body = orjson.loads(await resp.read())
            for _item in items(body):
                count += 1
        assert count
        return time.perf_counter() - started


async def listing_vs_raw(records: int = 20_000, rounds: int = 3) -> Result:
    tx = _TransactionPages(records)
    for start_id in range(1, records + 2, 1000):
        tx.page(start_id, 1000)
    srv_b, base_b = await start(tx.app())
    srv_l, base_l = await _lead_server(records)
    try:
        async with (
            BrokermintClient(api_key="bench", base_url=base_b + "/api/v1") as bm,
            _lofty(base_l) as lofty,
        ):

            async def bm_models() -> float:
                started, count = time.perf_counter(), 0
                async for _ in bm.transactions.list(count=1000):
                    count += 1
                assert count == records
                return time.perf_counter() - started

            async def lofty_models() -> float:
                started, count = time.perf_counter(), 0
                async for _ in lofty.leads.list(limit=100, concurrency=1):
                    count += 1
                assert count == records
                return time.perf_counter() - started

            bm_pages = [
                {"count": 1000, "starting_from_id": s, "api_key": "bench"}
                for s in range(1, records + 2, 1000)
            ]
            lofty_pages = [{"offset": o, "limit": 100} for o in range(0, records, 100)]

            async def bm_raw() -> float:
                return await _raw_orjson(base_b + "/api/v1/transactions", bm_pages, lambda b: b)

            async def lofty_raw() -> float:
                return await _raw_orjson(
                    base_l + "/v1.0/leads", lofty_pages, lambda b: (x["lead"] for x in b["leads"])
                )

            bm_raw_t, bm_t, lo_raw_t, lo_t = await _best_of(
                rounds, bm_raw, bm_models, lofty_raw, lofty_models
            )
    finally:
        await srv_b.close()
        await srv_l.close()
    bm_ratio, lo_ratio = bm_raw_t / bm_t, lo_raw_t / lo_t
    return _row(
        "10 listing into models vs raw aiohttp + orjson",
        f"Brokermint (pages of 1000) {bm_ratio:.2f}x, Lofty leads {lo_ratio:.2f}x",
        ">= 0.5x each",
        bm_ratio >= 0.5 and lo_ratio >= 0.5,
        brokermint_ratio=bm_ratio,
        lofty_ratio=lo_ratio,
    )


TARGETS: dict[str, Callable[[], Awaitable[Result]]] = {
    "7": export_vs_pager,
    "8": model_export_vs_raw,
    "9": to_dict_vs_from_dict,
    "10": listing_vs_raw,
}


async def _main() -> None:  # pragma: no cover - ``python -m benchmarks._export``
    for run in TARGETS.values():
        print(await run())


if __name__ == "__main__":  # pragma: no cover
    asyncio.run(_main())
