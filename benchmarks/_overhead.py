"""The client against raw aiohttp + orjson doing the same requests, side by side per round.

- ``get``: 4000 typed ``leads.get()`` calls one after another, and ``client.request()``,
  against one ``aiohttp.ClientSession`` GET + ``orjson.loads`` each (time ratio, <= 1.05x);
- ``pager``: the pager with 8 pages in flight against a hand-written sliding window of 8
  aiohttp requests, pages yielded in order on both sides (time ratio, <= 1.05x), and both
  against the ideal (pages x latency / 8).

Both sides send the same headers and query (``vendorKey``) to the same localhost server,
whose bodies are encoded once before timing starts.
"""

from __future__ import annotations

import asyncio
import collections
import time
from typing import Any

import aiohttp
import orjson

from real_estate_async.providers.lofty import LoftyClient

from ._common import Result, Runner, fmt, info, n_rounds, per_round, point, rounds_of, row, scaled
from ._servers import LeadServer, start

HEADERS = {"Authorization": "token bench"}
QUERY = {"vendorKey": "bench"}


def _lofty(base: str) -> LoftyClient:
    return LoftyClient(
        api_key="bench", vendor_key="bench", base_url=base + "/v1.0", rate_limit=(10**6, 1.0)
    )


async def typed_get_vs_raw(calls: int = 4000, rounds: int = 3) -> Result:
    rounds = n_rounds(rounds)
    calls = scaled(calls, 50)
    server = LeadServer(calls)
    for i in range(1, calls + 1):
        server.one(i)
    srv, base = await start(server.app())
    try:
        async with _lofty(base) as lofty, aiohttp.ClientSession() as session:
            url = base + "/v1.0/leads/"

            # Interleaved in chunks of 100 calls, so a burst of load from elsewhere on the
            # machine lands on every side alike rather than on one whole run.
            def chunk(ids: range) -> list[Runner]:
                async def raw() -> float:
                    started = time.perf_counter()
                    for i in ids:
                        params, headers = QUERY, HEADERS
                        async with session.get(url + str(i), params=params, headers=headers) as r:
                            r.raise_for_status()
                            item = orjson.loads(await r.read())["lead"]
                        assert item["leadId"] == i
                    return time.perf_counter() - started

                async def typed() -> float:
                    started = time.perf_counter()
                    for i in ids:
                        lead = await lofty.leads.get(i)
                        assert lead.lead_id == i
                    return time.perf_counter() - started

                async def request() -> float:
                    started = time.perf_counter()
                    for i in ids:
                        body = await lofty.request("GET", f"/leads/{i}")
                        assert body["lead"]["leadId"] == i
                    return time.perf_counter() - started

                return [raw, typed, request]

            chunks = [chunk(range(c, min(c + 100, calls + 1))) for c in range(1, calls + 1, 100)]
            for runs in chunks[:5]:  # warm the pool, the code, the caches
                await rounds_of(1, *runs)
            raw_t, typed_t, request_t = [], [], []
            for _ in range(rounds):
                sums = [0.0, 0.0, 0.0]
                for c, runs in enumerate(chunks):
                    # The first of ours to fetch an id builds its URL (yarl keeps the last
                    # 128); the second finds it: get() and request() take turns being first.
                    for i in (0, 1, 2) if c % 2 == 0 else (0, 2, 1):
                        sums[i] += await runs[i]()
                raw_t.append(sums[0])
                typed_t.append(sums[1])
                request_t.append(sums[2])
    finally:
        await srv.close()
    typed_r, request_r = per_round(typed_t, raw_t), per_round(request_t, raw_t)
    per_call_us = min(raw_t) / calls * 1e6
    return row(
        f"get: typed get() per request vs raw aiohttp + orjson ({calls} GETs)",
        f"get() {fmt(typed_r)} the time, request() {fmt(request_r)}"
        f" (raw {per_call_us:.0f} us/call)",
        "<= 1.05x each",
        points=[
            point("get() vs raw, time", typed_r, 1.05, "<="),
            point("request() vs raw, time", request_r, 1.05, "<="),
        ],
        reference="aiohttp.ClientSession GET + orjson.loads, same headers and query",
        calls=calls,
        raw_s=raw_t,
        typed_s=typed_t,
        request_s=request_t,
    )


async def _raw_in_flight(
    session: aiohttp.ClientSession, url: str, records: int, limit: int, depth: int
) -> int:
    """What a careful hand-written fetcher does: ``depth`` requests in flight, each page
    used in order as soon as it and every earlier one are in."""

    async def fetch(offset: int) -> Any:
        params: dict[str, str | int] = {"offset": offset, "limit": limit, **QUERY}
        async with session.get(url, params=params, headers=HEADERS) as resp:
            resp.raise_for_status()
            return orjson.loads(await resp.read())

    offsets = iter(range(0, records, limit))
    window: collections.deque[asyncio.Task[Any]] = collections.deque(
        asyncio.ensure_future(fetch(o)) for _, o in zip(range(depth), offsets)
    )
    count = 0
    while window:
        body = await window.popleft()
        nxt = next(offsets, None)
        if nxt is not None:
            window.append(asyncio.ensure_future(fetch(nxt)))
        for item in body["leads"]:
            _ = item["lead"]
            count += 1
    return count


async def pager_vs_raw_in_flight(
    records: int = 50_000, latency: float = 0.020, depth: int = 8, rounds: int = 3
) -> Result:
    rounds = n_rounds(rounds)
    records = scaled(records, 2000)
    # Compact records: this row measures how well pages overlap, not JSON decoding.
    server = LeadServer(records, latency=latency, compact=True)
    for offset in range(0, records, 100):
        server.page(offset, 100)
    srv, base = await start(server.app())
    try:
        async with _lofty(base) as lofty, aiohttp.ClientSession() as session:
            url = base + "/v1.0/leads"

            async def raw() -> float:
                started = time.perf_counter()
                assert await _raw_in_flight(session, url, records, 100, depth) == records
                return time.perf_counter() - started

            async def ours() -> float:
                started, count = time.perf_counter(), 0
                async for _ in lofty.leads.list(limit=100, concurrency=depth, raw=True):
                    count += 1
                assert count == records
                return time.perf_counter() - started

            await rounds_of(1, raw, ours)
            raw_t, ours_t = await rounds_of(rounds, raw, ours)
    finally:
        await srv.close()
    ideal = -(-records // 100) * latency / depth
    ratio = per_round(ours_t, raw_t)
    ours_ideal = [t / ideal for t in ours_t]
    raw_ideal = [t / ideal for t in raw_t]
    return row(
        f"pager: {depth} pages in flight vs raw aiohttp with {depth} in flight"
        f" ({records:,} compact leads, {latency * 1000:.0f} ms)",
        f"{fmt(ratio)} the time; of the ideal ({ideal:.2f}s): ours {fmt(ours_ideal)},"
        f" raw {fmt(raw_ideal)}",
        "<= 1.05x of raw",
        points=[
            point("pager 8 in flight vs raw, time", ratio, 1.05, "<="),
            info("pager vs ideal, time", ours_ideal),
            info("raw vs ideal, time", raw_ideal),
        ],
        reference=f"a sliding window of {depth} aiohttp GETs + orjson, pages in order",
        records=records,
        ideal_s=ideal,
        raw_s=raw_t,
        ours_s=ours_t,
    )
