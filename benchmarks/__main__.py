"""Run every benchmark side by side in one process run; print a table, write results.json.

Each figure is a ratio of two measurements taken in the same run on localhost fake
servers, so a slow or noisy machine shifts both sides alike.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp

from real_estate_async import SessionManager
from real_estate_async.providers.brokermint import BrokermintClient
from real_estate_async.providers.lofty import LoftyClient

from . import _common
from ._common import load
from ._export import TARGETS as EXPORT_TARGETS
from ._export import dict_listing_vs_raw, export_vs_pager
from ._fleet import fleet_quota
from ._limits import cancellation, margin, redis_loss, redis_quota
from ._models import models_vs_msgspec
from ._observability import pager_overhead, per_request_overhead
from ._overhead import pager_vs_raw_in_flight, typed_get_vs_raw
from ._servers import BrokermintServer, LeadServer, WindowServer, start
from ._sync import sync_vs_hand_loader
from ._webhooks import webhooks_latency

HERE = Path(__file__).parent
Result = dict[str, Any]


def row(target: str, measured: str, goal: str, ok: bool, **figures: Any) -> Result:
    return {"target": target, "measured": measured, "goal": goal, "pass": ok, **figures}


async def rate_limit_utilisation(calls: int = 600, tasks: int = 100) -> Result:
    server = WindowServer(limit=50, window=1.0)
    srv, base = await start(server.app())
    try:
        async with LoftyClient(
            api_key="bench", vendor_key="bench", base_url=base + "/v1.0", rate_limit=(50, 1.0)
        ) as lofty:
            queue = list(range(1, calls + 1))

            async def worker() -> None:
                while queue:
                    await lofty.leads.get(queue.pop(), raw=True)

            started = time.monotonic()
            await asyncio.gather(*(worker() for _ in range(tasks)))
            elapsed = time.monotonic() - started
    finally:
        await srv.close()
    # ``calls`` requests at 50 per window need at least calls/50 - 1 full windows.
    ideal = (calls / 50 - 1) * 1.0
    utilisation = ideal / elapsed
    ok = server.rejected == 0 and utilisation >= 0.95
    return row(
        "1 rate-limit utilisation (50/s window, 600 calls, 100 tasks)",
        f"{utilisation:.1%} of allowed rate, {server.rejected} x 429",
        ">= 95%, zero 429s",
        ok,
        utilisation=utilisation,
        rejected=server.rejected,
        elapsed=elapsed,
    )


async def _export_time(base: str, concurrency: int, raw: bool = True) -> tuple[float, int]:
    async with LoftyClient(
        api_key="bench", vendor_key="bench", base_url=base + "/v1.0", rate_limit=(10**6, 1.0)
    ) as lofty:
        started = time.monotonic()
        count = 0
        async for _ in lofty.leads.list(limit=100, concurrency=concurrency, raw=raw):
            count += 1
        return time.monotonic() - started, count


async def concurrent_export(records: int = 50_000, latency: float = 0.020) -> Result:
    # Compact records: this target measures how well pages overlap, not JSON decoding
    # (target 3 measures that, with full-size leads).
    server = LeadServer(records, latency=latency, compact=True)
    srv, base = await start(server.app())
    try:
        for offset in range(0, records, 100):
            server.page(offset, 100)  # pre-encode: measure the client, not the fake
        seq, n1 = await _export_time(base, 1)
        par, n8 = await _export_time(base, 8)
    finally:
        await srv.close()
    assert n1 == n8 == records
    pages = records // 100
    ideal = pages * latency / 8
    speedup, vs_ideal = seq / par, par / ideal
    return row(
        "2 concurrent export (50k compact, page 100, 20 ms, concurrency 8)",
        f"{speedup:.2f}x vs sequential, {vs_ideal:.2f}x of ideal ({par:.2f}s vs {ideal:.2f}s)",
        ">= 6x, <= 1.3x ideal",
        speedup >= 6 and vs_ideal <= 1.3,
        sequential_s=seq,
        concurrent_s=par,
        ideal_s=ideal,
    )


async def _raw_aiohttp(base: str, records: int) -> float:
    async with aiohttp.ClientSession() as session:
        started = time.monotonic()
        count = 0
        for offset in range(0, records, 100):
            async with session.get(
                base + "/v1.0/leads",
                params={"offset": offset, "limit": 100},
                headers={"Authorization": "token bench"},
            ) as resp:
                body = json.loads(await resp.read())
            for item in body["leads"]:
                count += 1
                _ = item["lead"]
        assert count == records
        return time.monotonic() - started


async def overhead_vs_raw(records: int = 20_000, rounds: int = 3) -> Result:
    server = LeadServer(records)
    srv, base = await start(server.app())
    try:
        for offset in range(0, records, 100):
            server.page(offset, 100)
        raw_t, dict_t, model_t = [], [], []
        for _ in range(rounds):  # interleaved so drift hits all three alike
            raw_t.append(await _raw_aiohttp(base, records))
            dict_t.append((await _export_time(base, 1, raw=True))[0])
            model_t.append((await _export_time(base, 1, raw=False))[0])
    finally:
        await srv.close()
    raw, dicts, models = min(raw_t), min(dict_t), min(model_t)
    dict_ratio, model_ratio = raw / dicts, raw / models
    return row(
        "3 overhead vs raw aiohttp + json.loads (items/s)",
        f"models {model_ratio:.2f}x, dicts {dict_ratio:.2f}x ({records / raw:,.0f} items/s raw)",
        "models >= 0.5x, dicts >= 0.85x",
        model_ratio >= 0.5 and dict_ratio >= 0.85,
        raw_items_per_s=records / raw,
        dict_items_per_s=records / dicts,
        model_items_per_s=records / models,
    )


async def _memory_run(base: str, records: int) -> dict[str, float]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "benchmarks._memory",
        base + "/v1.0",
        str(records),
        stdout=asyncio.subprocess.PIPE,
        cwd=str(HERE.parent),
    )
    out, _ = await proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"memory child failed ({proc.returncode})")
    result: dict[str, float] = json.loads(out)
    return result


async def memory_flat() -> Result:
    small, large = LeadServer(50_000), LeadServer(200_000)
    srv_s, base_s = await start(small.app())
    srv_l, base_l = await start(large.app())
    try:
        s = await _memory_run(base_s, 50_000)
        big = await _memory_run(base_l, 200_000)
    finally:
        await srv_s.close()
        await srv_l.close()
    growth = big["peak_mb"] - big["before_mb"]
    ratio = big["peak_mb"] / s["peak_mb"]
    return row(
        "4 memory: export 200k leads to JSONL",
        f"+{growth:.1f} MB peak RSS; peak 200k/50k = {ratio:.2f}",
        "< 64 MB, <= 1.2x",
        growth < 64 and ratio <= 1.2,
        growth_mb=growth,
        peak_200k_mb=big["peak_mb"],
        peak_50k_mb=s["peak_mb"],
    )


def _peer_client(base: str) -> Any:
    try:
        import brokermint
    except ImportError:
        return None
    client = brokermint.Client(api_key="bench")
    client.BASE_URL = base + "/api"
    return client


async def against_peer(by_id: int = 200, listing: int = 5000, latency: float = 0.020) -> Result:
    server = BrokermintServer(listing, latency=latency)
    srv, base = await start(server.app())
    try:
        peer = _peer_client(base)
        if peer is None:
            return row(
                "5 vs brokermint 0.0.4 (sync)",
                "skipped: pip install brokermint==0.0.4",
                ">= 10x by id, list no slower",
                False,
                skipped=True,
            )
        loop = asyncio.get_running_loop()

        def peer_by_id() -> float:
            started = time.monotonic()
            for i in range(1, by_id + 1):
                peer.get_transaction(i)
            return time.monotonic() - started

        def peer_list() -> float:
            started = time.monotonic()
            got, start_id = 0, 1
            while True:
                page = peer.list_transactions(count=1000, starting_from_id=start_id)
                got += len(page)
                if len(page) < 1000:
                    break
                start_id = page[-1]["id"] + 1
            assert got == listing
            return time.monotonic() - started

        peer_id_t = await loop.run_in_executor(None, peer_by_id)
        async with SessionManager() as sm:
            # The fake allows the burst; ours keeps 50 in flight, well within 100 per 10 s.
            bm = BrokermintClient(
                "bench", base_url=base + "/api/v1", session=sm, rate_limit=(10**6, 1.0)
            )
            gate = asyncio.Semaphore(50)

            async def one(i: int) -> None:
                async with gate:
                    await bm.transactions.get(i)

            started = time.monotonic()
            await asyncio.gather(*(one(i) for i in range(1, by_id + 1)))
            ours_id_t = time.monotonic() - started
            # Listing: best of three rounds each, interleaved, so drift hits both alike.
            peer_runs, dict_runs, model_runs = [], [], []
            for _ in range(3):
                peer_runs.append(await loop.run_in_executor(None, peer_list))
                started = time.monotonic()
                got = len(await bm.transactions.list(count=1000, raw=True).collect())
                dict_runs.append(time.monotonic() - started)
                started = time.monotonic()
                got_models = len(await bm.transactions.list(count=1000).collect())
                model_runs.append(time.monotonic() - started)
                assert got == got_models == listing
            peer_list_t, ours_list_t, ours_models_t = (
                min(peer_runs),
                min(dict_runs),
                min(model_runs),
            )
    finally:
        await srv.close()
    id_speedup, list_ratio = peer_id_t / ours_id_t, peer_list_t / ours_list_t
    model_ratio = peer_list_t / ours_models_t
    return row(
        "5 vs brokermint 0.0.4 (sync), 20 ms latency",
        f"by id {id_speedup:.1f}x faster; list 5k {list_ratio:.2f}x of peer speed as dicts "
        f"(like the peer), {model_ratio:.2f}x as models",
        ">= 10x by id, list (dicts) >= 1.0x",
        id_speedup >= 10 and list_ratio >= 1.0,
        peer_by_id_s=peer_id_t,
        ours_by_id_s=ours_id_t,
        peer_list_s=peer_list_t,
        ours_list_s=ours_list_t,
        ours_list_models_s=ours_models_t,
    )


#: The rows with a goal against the fastest honest reference, each measured beside it.
GOALS: dict[str, Callable[[], Awaitable[Result]]] = {
    "get": typed_get_vs_raw,
    "list": dict_listing_vs_raw,
    "pager": pager_vs_raw_in_flight,
    "export": export_vs_pager,
    "models": models_vs_msgspec,
    "sync": sync_vs_hand_loader,
    "fleet": fleet_quota,
    "redis": redis_quota,
    "webhooks": webhooks_latency,
}

#: Earlier names of rows that a goal row now measures.
ALIASES = {"6": "redis", "7": "export"}

TARGETS: dict[str, Callable[[], Awaitable[Result]]] = {
    **GOALS,
    "1": rate_limit_utilisation,
    "2": concurrent_export,
    "3": overhead_vs_raw,
    "4": memory_flat,
    "5": against_peer,
    **EXPORT_TARGETS,  # 8-10: model export and model speed
    "11": margin,
    "12": cancellation,
    "13": redis_loss,
    "14": per_request_overhead,
    "15": pager_overhead,
}


def print_table(results: list[Result]) -> None:
    width = max(len(r["target"]) for r in results)
    for r in results:
        verdict = "SKIP" if r.get("skipped") else ("PASS" if r["pass"] else "FAIL")
        loads = "/".join(f"{x:.1f}" for x in r.get("load", []))
        print(
            f"{verdict:4}  {r['target']:<{width}}  {r['measured']}  (goal {r['goal']})"
            f"  [load {loads}]"
        )


async def run(selected: list[str]) -> list[Result]:
    results = []
    for key in selected:
        before = load()
        result = await TARGETS[key]()
        result["key"] = key
        result["load"] = [before, load()]  # 1-minute load average before and after the row
        print_table([result])
        results.append(result)
    return results


def _selected(targets: list[str]) -> list[str]:
    """``goals`` alone: every goal row; ``goals NAME...``: those goal rows only (``goals
    webhooks``); elsewhere ``goals`` stands for every goal row."""
    named = [ALIASES.get(t, t) for t in targets[1:]]
    if targets[:1] == ["goals"] and named and all(k in GOALS for k in named):
        return named
    return [ALIASES.get(k, k) for t in targets for k in (GOALS if t == "goals" else [t])]


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Targets: " + ", ".join(TARGETS) + "; 'goals' selects "
        + ", ".join(GOALS) + " ('goals webhooks': that goal row alone). Default: every target.",
    )  # fmt: skip
    parser.add_argument("targets", nargs="*", default=list(TARGETS), help="which to run")
    parser.add_argument("--out", default=str(HERE / "results.json"))
    parser.add_argument(
        "--scale", type=float, default=1.0,
        help="multiply the default size of the goal rows (a smoke run: 0.05)",
    )  # fmt: skip
    parser.add_argument(
        "--export-sizes", default=None,
        help="record counts of the export row, comma-separated (default 100000,1000000)",
    )  # fmt: skip
    parser.add_argument(
        "--rounds", type=int, default=None,
        help="rounds of each goal row (default 3); more on a noisy machine",
    )  # fmt: skip
    parser.add_argument("--plot", metavar="PATH", help="draw the ratios against their goals")
    parser.add_argument(
        "--from-results", metavar="JSON",
        help="run nothing: print and plot the results saved in JSON by an earlier run",
    )  # fmt: skip
    args = parser.parse_args()
    _common.SCALE = args.scale
    _common.ROUNDS = args.rounds
    if args.export_sizes:
        from . import _export

        _export.EXPORT_SIZES = tuple(int(x) for x in args.export_sizes.split(","))
    if args.from_results:
        saved = json.loads(Path(args.from_results).read_text())
        results, meta = saved["results"], saved["meta"]
    else:
        selected = _selected(args.targets)
        unknown = [k for k in selected if k not in TARGETS]
        if unknown:
            parser.error(f"unknown target(s): {', '.join(unknown)}")
        started = time.monotonic()
        results = asyncio.run(run(selected))
        meta = {
            "python": sys.version.split()[0],
            "cpus": os.cpu_count(),
            "scale": args.scale,
            "rounds": args.rounds or 3,
            "seconds": time.monotonic() - started,
            "date": time.strftime("%Y-%m-%d %H:%M"),
        }
        Path(args.out).write_text(json.dumps({"meta": meta, "results": results}, indent=2))
    print("\nsummary")
    print_table(results)
    if args.plot:
        from ._plot import plot

        title = (
            f"Measured ratios against their goals ({meta.get('date', '')}, Python"
            f" {meta['python']}, {meta['cpus']} CPUs, scale {meta.get('scale', 1)})"
        )
        drawn = plot(results, args.plot, title)
        print(f"plot: {drawn} ratios drawn into {args.plot}")
    return 0 if all(r["pass"] or r.get("skipped") for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
