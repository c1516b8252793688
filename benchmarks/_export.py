"""Export, listing and model speed, each a ratio of runs interleaved in one process.

- export: export to JSONL vs the pager alone over the same raw Lofty leads, at 100k and
  1M records (>= 0.9x at both; pages come from a server in its own process);
- list: dict listing vs raw aiohttp + orjson, pages of 100 (>= 0.95x);
- 8: exporting models vs exporting raw dicts (>= 0.5x);
- 9: ``Model.to_dict`` vs ``Model.from_dict`` per Lofty lead (<= 2x the time);
- 10: listing into models vs raw aiohttp + orjson, Brokermint pages of 1000 and Lofty
  leads (>= 0.5x each).

Servers answer with pre-encoded pages, so both sides pay the same for the fake vendor.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import time
import timeit
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import attrs
import orjson
from aiohttp import web

from real_estate_async._timestamps import from_epoch_ms
from real_estate_async.export import export
from real_estate_async.providers.brokermint import BrokermintClient
from real_estate_async.providers.lofty import LoftyClient
from real_estate_async.providers.lofty.models import Lead

from ._common import fmt, info, n_rounds, per_round, point, rounds_of, row, scaled
from ._pageserver import PageServerProcess
from ._servers import LeadServer, lead, start, transaction

Result = dict[str, Any]
Runner = Callable[[], Awaitable[float]]


_row = row


def _lofty(base: str) -> LoftyClient:
    return LoftyClient(
        api_key="bench", vendor_key="bench", base_url=base + "/v1.0", rate_limit=(10**6, 1.0)
    )


async def _best_of(rounds: int, *runs: Callable[[], Awaitable[float]]) -> list[float]:
    """Each run's best time over ``rounds`` interleaved rounds."""
    return [min(t) for t in await rounds_of(rounds, *runs)]


async def _lead_server(records: int) -> tuple[Any, str]:
    server = LeadServer(records)
    for offset in range(0, records, 100):
        server.page(offset, 100)  # pre-encode: measure the client, not the fake
    return await start(server.app())


#: Record counts of the export row (``--export-sizes``); a million takes minutes.
EXPORT_SIZES: tuple[int, ...] = (100_000, 1_000_000)


def _rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # not Linux
        pass
    return 0.0


async def _export_at(records: int, rounds: int, tmp: Path) -> dict[str, Any]:
    """Pager alone vs export to JSONL at one size, from a page server in its own process
    (so neither side pays for building pages), with this process's RSS sampled."""
    async with PageServerProcess(records) as base, _lofty(base) as lofty:

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

        peak, before = 0.0, _rss_mb()

        async def sample() -> None:
            nonlocal peak
            while True:
                peak = max(peak, _rss_mb())
                await asyncio.sleep(0.2)

        sampler = asyncio.ensure_future(sample())
        try:
            pager_t, export_t = await rounds_of(rounds, pager, exported)
        finally:
            sampler.cancel()
    # The floor of any JSONL export: orjson encoding each record once, measured on up to
    # 20k records one page at a time (as the export holds them) and scaled to the size.
    sample_n = min(records, 20_000)
    pages = [orjson.dumps([lead(i) for i in range(o, o + 100)]) for o in range(0, sample_n, 100)]
    spent = 0.0
    for body in pages:
        items = orjson.loads(body)
        started = time.perf_counter()
        for item in items:
            orjson.dumps(item, option=orjson.OPT_APPEND_NEWLINE)
        spent += time.perf_counter() - started
    encode_t = spent * records / sample_n
    return {
        "records": records,
        "ratio": per_round(pager_t, export_t),
        "ideal": [p / (p + encode_t) for p in pager_t],
        "pager_s": pager_t,
        "export_s": export_t,
        "rss_growth_mb": round(peak - before, 1),
    }


async def export_vs_pager(rounds: int = 3) -> Result:
    rounds = n_rounds(rounds)
    tmp = Path(tempfile.mkdtemp(prefix="bench-export-"))
    sizes = [scaled(n, 1000) for n in EXPORT_SIZES]
    try:
        runs = [await _export_at(n, rounds, tmp) for n in sizes]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    measured = "; ".join(
        f"{r['records']:,}: {fmt(r['ratio'])} ({r['records'] / min(r['export_s']):,.0f} vs"
        f" {r['records'] / min(r['pager_s']):,.0f} rec/s, ideal {fmt(r['ideal'])},"
        f" RSS +{r['rss_growth_mb']:.0f} MB)"
        for r in runs
    )
    return row(
        "export: JSONL vs the pager alone (raw Lofty leads, concurrency 8)",
        measured,
        ">= 0.9x at each size",
        points=[point(f"export vs pager, {r['records']:,}", r["ratio"], 0.9, ">=") for r in runs],
        reference="the same pager iterated with nothing written; ideal = pager + orjson"
        " encoding each record once",
        runs=runs,
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
    """A model built from a payload converts its fields on first read, so ``from_dict``
    alone defers that work: the goal compares ``to_dict`` of a lead whose every field was
    read with ``from_dict`` plus that read (the conversion the eager builder did). The
    untouched figures (nothing read) are shown beside it."""
    payloads = [lead(i) for i in range(number)]
    names = [f.name for f in attrs.fields(Lead) if f.name != "extra"]
    untouched = [Lead.from_dict(p) for p in payloads]
    read = [Lead.from_dict(p) for p in payloads]
    for m in read:
        for name in names:
            getattr(m, name)
    assert all(m.to_dict() == p for ms in (untouched, read) for m, p in zip(ms, payloads))

    def build() -> None:
        for p in payloads:
            Lead.from_dict(p)

    def build_and_read() -> None:
        for p in payloads:
            m = Lead.from_dict(p)
            for name in names:
                getattr(m, name)

    def back(models: list[Lead]) -> Callable[[], None]:
        def run() -> None:
            for m in models:
                m.to_dict()

        return run

    runs = {
        "from": build,
        "from+read": build_and_read,
        "to": back(untouched),
        "to read": back(read),
    }
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(rounds):  # interleaved
        for key, run in runs.items():
            best[key] = min(best[key], timeit.timeit(run, number=1))
    us = {key: t / number * 1e6 for key, t in best.items()}
    ratio = best["to read"] / best["from+read"]
    return _row(
        "9 Model.to_dict vs from_dict (Lofty lead, 47 keys)",
        f"{ratio:.2f}x the time, every field read ({us['to read']:.1f} vs {us['from+read']:.1f} us);"
        f" untouched {us['to']:.2f} vs {us['from']:.2f} us",
        "<= 2x",
        ratio <= 2.0,
        to_dict_us=us["to read"],
        from_dict_and_read_us=us["from+read"],
        to_dict_untouched_us=us["to"],
        from_dict_untouched_us=us["from"],
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


async def _raw_orjson(
    url: str,
    pages: list[dict[str, Any]],
    items: Callable[[Any], Any],
    read: Callable[[Any], Any] | None = None,
) -> float:
    """The honest reference: one aiohttp session, orjson, every item touched (and
    ``read`` from, when given)."""
    async with aiohttp.ClientSession() as session:
        started, count = time.perf_counter(), 0
        for params in pages:
            async with session.get(url, params=params) as resp:
                body = orjson.loads(await resp.read())
            for item in items(body):
                if read is not None:
                    read(item)
                count += 1
        assert count
        return time.perf_counter() - started


async def listing_vs_raw(records: int = 20_000, rounds: int = 5) -> Result:
    tx = _TransactionPages(records)
    for start_id in range(1, records + 2, 1000):
        tx.page(start_id, 1000)
    srv_b, base_b = await start(tx.app())
    srv_l, base_l = await _lead_server(records)
    try:
        async with (
            BrokermintClient(
                api_key="bench", base_url=base_b + "/api/v1", rate_limit=(10**6, 1.0)
            ) as bm,
            _lofty(base_l) as lofty,
        ):

            def bm_models(read: Callable[[Any], Any] | None = None) -> Runner:
                async def run() -> float:
                    started, count = time.perf_counter(), 0
                    async for tx in bm.transactions.list(count=1000):
                        if read is not None:
                            read(tx)
                        count += 1
                    assert count == records
                    return time.perf_counter() - started

                return run

            def lofty_models(read: Callable[[Any], Any] | None = None) -> Runner:
                async def run() -> float:
                    started, count = time.perf_counter(), 0
                    async for lead in lofty.leads.list(limit=100, concurrency=1):
                        if read is not None:
                            read(lead)
                        count += 1
                    assert count == records
                    return time.perf_counter() - started

                return run

            bm_pages = [
                {"count": 1000, "starting_from_id": s, "api_key": "bench"}
                for s in range(1, records + 2, 1000)
            ]
            lofty_pages = [{"offset": o, "limit": 100} for o in range(0, records, 100)]

            def bm_raw(read: Callable[[Any], Any] | None = None) -> Runner:
                url = base_b + "/api/v1/transactions"
                return lambda: _raw_orjson(url, bm_pages, lambda b: b, read)

            def lofty_raw(read: Callable[[Any], Any] | None = None) -> Runner:
                url = base_l + "/v1.0/leads"
                return lambda: _raw_orjson(
                    url, lofty_pages, lambda b: (x["lead"] for x in b["leads"]), read
                )

            # The same three fields read on both sides, a converted one among them: the
            # raw side converts the timestamp itself, as its user would have to.
            def bm_read_raw(x: Any) -> Any:
                return x["id"], x["city"], from_epoch_ms(x["updated_at"])

            def bm_read_model(tx: Any) -> Any:
                return tx.id, tx.city, tx.updated_at

            def lofty_read_raw(x: Any) -> Any:
                return x["leadId"], x["firstName"], x["tags"][0]["tagName"]

            def lofty_read_model(lead: Any) -> Any:
                return lead.lead_id, lead.first_name, lead.tags[0].tag_name

            t = await _best_of(
                rounds,
                bm_raw(), bm_models(), lofty_raw(), lofty_models(),
                bm_raw(bm_read_raw), bm_models(bm_read_model),
                lofty_raw(lofty_read_raw), lofty_models(lofty_read_model),
            )  # fmt: skip
    finally:
        await srv_b.close()
        await srv_l.close()
    bm_ratio, lo_ratio, bm_read, lo_read = t[0] / t[1], t[2] / t[3], t[4] / t[5], t[6] / t[7]
    return _row(
        "10 listing into models vs raw aiohttp + orjson",
        f"Brokermint (pages of 1000) {bm_ratio:.2f}x, Lofty leads {lo_ratio:.2f}x; reading 3"
        f" fields of each record: {bm_read:.2f}x, {lo_read:.2f}x",
        ">= 0.5x each",
        min(bm_ratio, lo_ratio, bm_read, lo_read) >= 0.5,
        brokermint_ratio=bm_ratio,
        lofty_ratio=lo_ratio,
        brokermint_read_ratio=bm_read,
        lofty_read_ratio=lo_read,
    )


async def _raw_keyset(session: aiohttp.ClientSession, url: str, count: int) -> int:
    """Brokermint's keyset listing by hand: the next page starts after the last id."""
    got, start_id = 0, 1
    while True:
        params: dict[str, str | int] = {
            "count": count,
            "starting_from_id": start_id,
            "api_key": "bench",
        }
        async with session.get(url, params=params) as resp:
            resp.raise_for_status()
            items = orjson.loads(await resp.read())
        for _item in items:  # every record reaches the caller's loop, as on our side
            got += 1
        if len(items) < count:
            return got
        start_id = items[-1]["id"] + 1


async def dict_listing_vs_raw(records: int = 20_000, rounds: int = 3) -> Result:
    """Dicts through the pager, one page at a time, vs raw aiohttp + orjson fetching the
    same pages: Brokermint and Lofty pages of 100 (the goal) and Brokermint pages of 1000."""
    rounds = n_rounds(rounds)
    records = scaled(records, 1000)
    tx = _TransactionPages(records)
    for count in (100, 1000):
        for start_id in range(1, records + 2, count):
            tx.page(start_id, count)
    srv_b, base_b = await start(tx.app())
    srv_l, base_l = await _lead_server(records)
    try:
        async with (
            BrokermintClient(
                api_key="bench", base_url=base_b + "/api/v1", rate_limit=(10**6, 1.0)
            ) as bm,
            _lofty(base_l) as lofty,
            aiohttp.ClientSession() as session,
        ):
            bm_url, lofty_url = base_b + "/api/v1/transactions", base_l + "/v1.0/leads"
            lofty_pages: list[dict[str, str | int]] = [{"offset": o, "limit": 100, "vendorKey": "bench"}
                           for o in range(0, records, 100)]  # fmt: skip

            def bm_raw(count: int) -> Runner:
                async def run() -> float:
                    started = time.perf_counter()
                    assert await _raw_keyset(session, bm_url, count) == records
                    return time.perf_counter() - started

                return run

            def bm_dicts(count: int) -> Runner:
                async def run() -> float:
                    started, n = time.perf_counter(), 0
                    async for _ in bm.transactions.list(count=count, raw=True):
                        n += 1
                    assert n == records
                    return time.perf_counter() - started

                return run

            async def lofty_raw() -> float:
                started, n = time.perf_counter(), 0
                for params in lofty_pages:
                    async with session.get(lofty_url, params=params) as resp:
                        resp.raise_for_status()
                        body = orjson.loads(await resp.read())
                    for item in body["leads"]:
                        _ = item["lead"]
                        n += 1
                assert n == records
                return time.perf_counter() - started

            async def lofty_dicts() -> float:
                started, n = time.perf_counter(), 0
                async for _ in lofty.leads.list(limit=100, concurrency=1, raw=True):
                    n += 1
                assert n == records
                return time.perf_counter() - started

            runs = (bm_raw(100), bm_dicts(100), lofty_raw, lofty_dicts,
                    bm_raw(1000), bm_dicts(1000))  # fmt: skip
            await rounds_of(1, *runs)  # warm up
            t = await rounds_of(rounds, *runs)
    finally:
        await srv_b.close()
        await srv_l.close()
    bm100, lofty100, bm1000 = per_round(t[0], t[1]), per_round(t[2], t[3]), per_round(t[4], t[5])
    return row(
        f"list: dict listing vs raw aiohttp + orjson ({records:,} records, one page at a time)",
        f"pages of 100: Brokermint {fmt(bm100)}, Lofty {fmt(lofty100)}; Brokermint pages"
        f" of 1000 {fmt(bm1000)} (speed ratios)",
        ">= 0.95x at pages of 100",
        points=[
            point("Brokermint dicts, pages of 100, speed", bm100, 0.95, ">="),
            point("Lofty dicts, pages of 100, speed", lofty100, 0.95, ">="),
            info("Brokermint dicts, pages of 1000, speed", bm1000),
        ],
        reference="aiohttp.ClientSession GET + orjson.loads per page, every item touched",
        records=records,
        brokermint_100=bm100,
        lofty_100=lofty100,
        brokermint_1000=bm1000,
    )


TARGETS: dict[str, Callable[[], Awaitable[Result]]] = {
    "8": model_export_vs_raw,
    "9": to_dict_vs_from_dict,
    "10": listing_vs_raw,
}


async def _main() -> None:  # pragma: no cover - ``python -m benchmarks._export``
    for run in TARGETS.values():
        print(await run())


if __name__ == "__main__":  # pragma: no cover
    asyncio.run(_main())
