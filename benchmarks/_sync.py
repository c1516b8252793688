"""Sync benchmark: Brokermint transactions into DuckDB through dlt (``integrations.dlt.sync``,
full refresh) vs a hand-written loader of the same records from the same sandbox (aiohttp
+ orjson pages of 1000 written as JSONL, then one DuckDB ``read_json`` into a table), and,
for information, vs our own JSONL export. Interleaved rounds in one run.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

from ._common import Result, fmt, info, n_rounds, point, row, scaled

RECORDS = 50_000


def _export_once(box: Any, out: Path, records: int) -> float:
    from real_estate_async import BrokermintClient
    from real_estate_async.export import export

    async def go() -> float:
        async with BrokermintClient(**box.sandbox.client_kwargs("brokermint")) as bm:
            started = time.perf_counter()
            result = await export(
                lambda state: bm.transactions.list(resume_from=state, raw=True), out, overwrite=True
            )
            elapsed = time.perf_counter() - started
        assert result.records == records, result.records
        return elapsed

    return asyncio.run(go())


def _hand_loader_once(box: Any, tmp: Path, records: int) -> float:
    """What a user writes without the SDK: fetch pages, write JSONL, ``read_json`` it."""
    import aiohttp
    import duckdb
    import orjson

    kwargs = box.sandbox.client_kwargs("brokermint")
    url, key = kwargs["base_url"].rstrip("/") + "/transactions", kwargs["api_key"]
    jsonl, db = tmp / "hand.jsonl", tmp / "hand.duckdb"

    async def fetch() -> int:
        got, start_id = 0, 1
        async with aiohttp.ClientSession() as session:
            with jsonl.open("wb") as out:
                while True:
                    params = {"count": 1000, "starting_from_id": start_id, "api_key": key}
                    async with session.get(url, params=params) as resp:
                        resp.raise_for_status()
                        items = orjson.loads(await resp.read())
                    out.write(b"".join(orjson.dumps(x, option=orjson.OPT_APPEND_NEWLINE)
                                       for x in items))  # fmt: skip
                    got += len(items)
                    if len(items) < 1000:
                        return got
                    start_id = items[-1]["id"] + 1

    started = time.perf_counter()
    assert asyncio.run(fetch()) == records
    with duckdb.connect(str(db)) as con:
        con.execute(
            "CREATE OR REPLACE TABLE transactions AS SELECT * FROM read_json(?,"
            " format='newline_delimited')",
            [str(jsonl)],
        )
        loaded = con.execute("SELECT count(*) FROM transactions").fetchone()
    elapsed = time.perf_counter() - started
    assert loaded is not None and loaded[0] == records, loaded
    return elapsed


def _sync_once(box: Any, db: Path, records: int) -> float:
    from real_estate_async.integrations.dlt import sync

    started = time.perf_counter()
    result = sync(
        "brokermint",
        ["transactions"],
        db=str(db),
        full_refresh=True,
        client_kwargs=box.sandbox.client_kwargs("brokermint"),
    )
    elapsed = time.perf_counter() - started
    assert result.tables[0].loaded == records, result.tables
    return elapsed


def _run(records: int, rounds: int) -> Result:
    from real_estate_async.sandbox import Sandbox, SandboxThread

    hand: list[float] = []
    syncs: list[float] = []
    exports: list[float] = []
    with (
        SandboxThread(Sandbox(records=records, demo=True, vendors=["brokermint"])) as box,
        tempfile.TemporaryDirectory() as tmp_,
    ):
        tmp = Path(tmp_)
        for _ in range(rounds):  # interleaved: machine noise hits every side alike
            hand.append(_hand_loader_once(box, tmp, records))
            syncs.append(_sync_once(box, tmp / "tx.duckdb", records))
            exports.append(_export_once(box, tmp / "tx.jsonl", records))
    vs_hand = [h / s for h, s in zip(hand, syncs)]
    vs_export = [e / s for e, s in zip(exports, syncs)]
    return row(
        f"sync: {records:,} Brokermint transactions into DuckDB vs a hand loader",
        f"{fmt(vs_hand)} of the hand loader's speed ({records / min(syncs):,.0f} vs"
        f" {records / min(hand):,.0f} rows/s); {fmt(vs_export)} of the JSONL export's",
        ">= 0.7x of the hand loader",
        points=[
            point("sync vs hand loader, speed", vs_hand, 0.7, ">="),
            info("sync vs JSONL export, speed", vs_export),
        ],
        reference="aiohttp + orjson pages of 1000 -> JSONL -> DuckDB read_json",
        records=records,
        sync_seconds=syncs,
        hand_seconds=hand,
        export_seconds=exports,
    )


async def sync_vs_hand_loader(rounds: int = 3) -> Result:
    rounds = n_rounds(rounds)
    try:
        import dlt  # noqa: F401
        import duckdb  # noqa: F401
    except ImportError:
        return row("sync into DuckDB vs a hand loader",
                   "skipped: the 'dlt' extra is not installed", "-", True, skipped=True)  # fmt: skip
    return await asyncio.to_thread(_run, scaled(RECORDS, 1000), rounds)
