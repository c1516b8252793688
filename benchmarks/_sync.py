"""Sync benchmark: rows/s loading Brokermint transactions into DuckDB through dlt
(``integrations.dlt.sync``, full refresh) vs our own JSONL export of the same records
from the same sandbox, interleaved in one run, best of three rounds each."""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

RECORDS = 20_000


def _export_once(box: Any, out: Path) -> float:
    from real_estate_async import BrokermintClient
    from real_estate_async.export import export

    async def go() -> float:
        async with BrokermintClient(**box.sandbox.client_kwargs("brokermint")) as bm:
            started = time.monotonic()
            result = await export(
                lambda state: bm.transactions.list(resume_from=state, raw=True), out, overwrite=True
            )
            elapsed = time.monotonic() - started
        assert result.records == RECORDS, result.records
        return elapsed

    return asyncio.run(go())


def _sync_once(box: Any, db: Path) -> float:
    from real_estate_async.integrations.dlt import sync

    started = time.monotonic()
    result = sync(
        "brokermint",
        ["transactions"],
        db=str(db),
        full_refresh=True,
        client_kwargs=box.sandbox.client_kwargs("brokermint"),
    )
    elapsed = time.monotonic() - started
    assert result.tables[0].loaded == RECORDS, result.tables
    return elapsed


def _run(rounds: int = 3) -> dict[str, Any]:
    from real_estate_async.sandbox import Sandbox, SandboxThread

    exports: list[float] = []
    syncs: list[float] = []
    with (
        SandboxThread(Sandbox(records=RECORDS, demo=True, vendors=["brokermint"])) as box,
        tempfile.TemporaryDirectory() as tmp,
    ):
        for _ in range(rounds):  # interleaved: machine noise hits both sides alike
            exports.append(_export_once(box, Path(tmp) / "tx.jsonl"))
            syncs.append(_sync_once(box, Path(tmp) / "tx.duckdb"))
    export_rate = RECORDS / min(exports)
    sync_rate = RECORDS / min(syncs)
    ratio = sync_rate / export_rate
    return {
        "target": f"sync: {RECORDS:,} Brokermint transactions into DuckDB vs JSONL export",
        "measured": (
            f"{sync_rate:,.0f} rows/s into DuckDB vs {export_rate:,.0f} rows/s to JSONL = "
            f"{ratio:.2f}x"
        ),
        "goal": ">= 0.2x of the JSONL export",
        "pass": ratio >= 0.2,
        "ratio": ratio,
        "sync_rows_per_s": sync_rate,
        "export_rows_per_s": export_rate,
        "sync_seconds": syncs,
        "export_seconds": exports,
    }


async def sync_vs_jsonl() -> dict[str, Any]:
    try:
        import dlt  # noqa: F401
        import duckdb  # noqa: F401
    except ImportError:
        return {
            "target": "sync into DuckDB vs JSONL export",
            "measured": "skipped: the 'dlt' extra is not installed",
            "goal": "-",
            "pass": True,
            "skipped": True,
        }
    return await asyncio.to_thread(_run)
