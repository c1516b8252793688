"""Target 14: what the request pipeline costs per request against its 0.1.0 release.

Side by side in one run, interleaved: the pipeline as it is now with every feature off
(hooks, telemetry, response metadata), the pipeline as released in 0.1.0 (a frozen copy in
``benchmarks/_frozen``), and, for information, the pipeline with one no-op hook and with
OpenTelemetry on a no-op tracer. Each round sends ``calls`` small GETs to a localhost
server per variant; the figure is the median over rounds of the per-round time ratio.
"""

from __future__ import annotations

import gc
import statistics
import time
from typing import Any

from aiohttp import web

from real_estate_async import SessionManager
from real_estate_async.pagination import OffsetLimit
from real_estate_async.providers import base as current

from ._servers import LeadServer, start


def _load_before() -> Any:
    from ._frozen import pipeline_0_1

    return pipeline_0_1


def _client(module: Any, base: str, session: SessionManager) -> Any:
    class Bench(module.ProviderClient):  # type: ignore[misc,name-defined]
        vendor_name = "bench"

        def _auth_headers(self) -> dict[str, str]:
            return {"Authorization": "token bench"}

    return Bench(credential="bench", base_url=base, session=session)


async def per_request_overhead(calls: int = 300, rounds: int = 15) -> dict[str, Any]:
    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"id": 1, "name": "x"})

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    srv, url = await start(app)
    before = _load_before()
    try:
        async with SessionManager() as session:
            variants = {
                "off": _client(current, url, session),
                "before": _client(before, url, session),
                "hook": _client(current, url, session),
            }
            variants["hook"].on("response", lambda event: None)
            try:
                from real_estate_async.telemetry import instrument

                variants["otel"] = _client(current, url, session)
                instrument(variants["otel"])  # global providers: no-op unless configured
            except ImportError:  # the extra is not installed
                pass
            times: dict[str, list[float]] = {k: [] for k in variants}
            for client in variants.values():  # warm the pool and the code
                for _ in range(50):
                    await client.request("GET", "/warm")
            for i in range(rounds):
                order = list(variants) if i % 2 == 0 else list(reversed(variants))
                for key in order:
                    client = variants[key]
                    started = time.perf_counter()
                    for _ in range(calls):
                        await client.request("GET", "/x/1")
                    times[key].append(time.perf_counter() - started)
    finally:
        await srv.close()
    ratio = {
        key: statistics.median(t / b for t, b in zip(times[key], times["before"]))
        for key in times
        if key != "before"
    }
    per_call_us = statistics.median(times["before"]) / calls * 1e6
    measured = ", ".join(f"{k} {v:.3f}x" for k, v in ratio.items())
    return {
        "target": "14 per-request cost of hooks/telemetry (time vs the 0.1.0 pipeline)",
        "measured": f"{measured} ({per_call_us:.0f} us/call before)",
        "goal": "features off <= 1.02x",
        "pass": ratio["off"] <= 1.02,
        **{f"{k}_ratio": v for k, v in ratio.items()},
        "before_us_per_call": per_call_us,
    }


async def _export(module: Any, client: Any, records: int) -> float:
    # From a collected heap: a full collection costs 10-30 ms here (a fifth of a run),
    # and without this it lands on whichever side the allocation count reaches it in,
    # which moves with the heap's size (it put 9 or 10 of 15 on one side: 1.1-1.3x).
    gc.collect()
    strategy = OffsetLimit(
        items=current.items_in("leads"), limit=100, total_path=("_metadata", "total")
    )
    pager = module.Resource(client)._pager("GET", "/v1.0/leads", strategy)
    started = time.perf_counter()
    count = 0
    async for _ in pager:
        count += 1
    assert count == records
    return time.perf_counter() - started


async def pager_overhead(records: int = 10_000, rounds: int = 9) -> dict[str, Any]:
    """Target 15: a dict export through ``Resource._pager`` (which now records each page's
    APIResponse for ``pager.last_response``) vs the 0.1.0 pager, interleaved."""
    server = LeadServer(records)
    srv, url = await start(server.app())
    before = _load_before()
    try:
        for offset in range(0, records, 100):
            server.page(offset, 100)
        async with SessionManager() as session:
            now_client, old_client = _client(current, url, session), _client(before, url, session)
            await _export(current, now_client, records)
            await _export(before, old_client, records)
            ratios = []
            for i in range(rounds):
                if i % 2:
                    old = await _export(before, old_client, records)
                    now = await _export(current, now_client, records)
                else:
                    now = await _export(current, now_client, records)
                    old = await _export(before, old_client, records)
                ratios.append(now / old)
    finally:
        await srv.close()
    ratio = statistics.median(ratios)
    return {
        "target": "15 dict export with pager.last_response (time vs the 0.1.0 pager)",
        "measured": f"{ratio:.3f}x",
        "goal": "<= 1.02x",
        "pass": ratio <= 1.02,
        "ratio": ratio,
    }
