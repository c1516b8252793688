"""Bulk export: JSONL/CSV output, checkpoints, a killed process resumed, faults survived."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import random
import signal
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from _lines import committed_at_least, read_until
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async.export import export, load_checkpoint
from real_estate_async.pagination import AsyncPager, OffsetLimit, items_at
from real_estate_async.providers.base import Resource

HERE = Path(__file__).parents[1]  # the shared test helpers


def records(n: int) -> list[dict[str, Any]]:
    return [{"id": i, "name": f"r{i}", "tags": ["a", "b"] if i % 2 else []} for i in range(n)]


def items_app(data: list[dict[str, Any]], gate: Any = None) -> web.Application:
    async def handler(request: web.Request) -> web.Response:
        if gate is not None:
            await gate(request)
        off, lim = int(request.query["offset"]), int(request.query["limit"])
        return web.json_response({"total": len(data), "items": data[off : off + lim]})

    app = web.Application()
    app.router.add_get("/items", handler)
    return app


def pager_factory(client: ToyClient, concurrency: int = 1) -> Any:
    def make(state: Mapping[str, Any] | None) -> AsyncPager[Any]:
        strategy = OffsetLimit(items=items_at("items"), limit=10, total_path=("total",))
        return Resource(client)._pager(
            "GET", "/items", strategy, resume_from=state, concurrency=concurrency
        )

    return make


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


async def test_jsonl_export_writes_every_record_and_a_final_checkpoint(
    serve: ServerFactory, tmp_path: Path
) -> None:
    data = records(95)
    base = await serve(items_app(data))
    out = tmp_path / "out.jsonl"
    seen: list[int] = []
    async with ToyClient(base_url=base) as client:
        result = await export(
            pager_factory(client, 4), out, progress=lambda r: seen.append(r.records)
        )
    assert read_jsonl(out) == data
    assert result.records == 95 and result.pages == 10 and result.total == 95
    assert seen == [10, 20, 30, 40, 50, 60, 70, 80, 90, 95]
    checkpoint = load_checkpoint(out)
    assert (
        checkpoint is not None and checkpoint["done"] and checkpoint["bytes"] == out.stat().st_size
    )
    # Resuming a finished export does nothing.
    async with ToyClient(base_url=base) as client:
        again = await export(pager_factory(client), out, resume=True)
    assert again.done and read_jsonl(out) == data


async def test_csv_export_keeps_late_keys_in_extra_column(
    serve: ServerFactory, tmp_path: Path
) -> None:
    data = records(25)
    data[20]["late"] = "x"
    base = await serve(items_app(data))
    out = tmp_path / "out.csv"
    async with ToyClient(base_url=base) as client:
        await export(pager_factory(client), out, format="csv")
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["id"]) for r in rows] == list(range(25))
    assert json.loads(rows[1]["tags"]) == ["a", "b"]
    assert json.loads(rows[20]["_extra"]) == {"late": "x"}
    with pytest.raises(ValueError):
        await export(pager_factory(client), out, format="xml")  # type: ignore[arg-type]


async def test_killed_export_resumes_with_every_record_exactly_once(
    serve: ServerFactory, tmp_path: Path
) -> None:
    data = records(200)
    requests = 0
    reached = asyncio.Event()
    never = asyncio.Event()
    hang = True

    async def gate(request: web.Request) -> None:
        nonlocal requests
        requests += 1
        if hang and requests >= 8:
            reached.set()
            await never.wait()  # the worker is killed while waiting here

    base = await serve(items_app(data, gate))
    out = tmp_path / "export.jsonl"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]),
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(HERE / "_export_worker.py"),
        base,
        str(out),
        "fresh",
        env=env,
        stdout=asyncio.subprocess.PIPE,
    )
    # A checkpoint past the first page is durable, and the worker is stuck mid-export.
    await read_until(proc.stdout, committed_at_least(1))
    await asyncio.wait_for(reached.wait(), 30)
    proc.send_signal(signal.SIGKILL)
    await proc.wait()
    checkpoint = load_checkpoint(out)
    assert checkpoint is not None and not checkpoint["done"]
    assert 0 < checkpoint["records"] < len(data)
    # A page torn by the crash: bytes past the checkpoint must not survive the resume.
    with out.open("a") as fh:
        fh.write('{"id": 99999, "torn": tr')
    hang = False
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        str(HERE / "_export_worker.py"),
        base,
        str(out),
        "resume",
        env=env,
        stdout=asyncio.subprocess.PIPE,
    )
    stdout, _ = await proc.communicate()
    assert proc.returncode == 0
    assert stdout.splitlines()[-1] == f"done {len(data)}".encode()
    assert read_jsonl(out) == data


async def test_export_survives_injected_faults(serve: ServerFactory, tmp_path: Path) -> None:
    data = records(300)
    rng = random.Random(7)
    faults = 0

    async def handler(request: web.Request) -> web.StreamResponse:
        nonlocal faults
        roll = rng.random()
        if roll < 0.1:
            faults += 1
            return web.json_response({"error": "boom"}, status=503)
        if roll < 0.15:
            faults += 1
            assert request.transport is not None
            request.transport.abort()
            return web.Response()
        off, lim = int(request.query["offset"]), int(request.query["limit"])
        return web.json_response({"total": len(data), "items": data[off : off + lim]})

    app = web.Application()
    app.router.add_get("/items", handler)
    base = await serve(app)
    out = tmp_path / "faulty.jsonl"
    async with ToyClient(base_url=base, max_retries=6) as client:
        result = await export(pager_factory(client, 3), out)
    assert faults > 0
    assert result.records == len(data) and read_jsonl(out) == data


async def test_sandbox_export_killed_mid_way_resumes_exactly_once(tmp_path: Path) -> None:
    from real_estate_async.sandbox import Sandbox

    async with Sandbox(records=3000, latency=0.01, vendors=["lofty"], demo=True) as sb:
        kw = sb.client_kwargs("lofty")
        out = tmp_path / "leads.jsonl"
        argv = [
            str(HERE / "_sandbox_export_worker.py"),
            kw["base_url"],
            kw["api_key"],
            kw["vendor_key"],
            str(out),
        ]
        proc = await asyncio.create_subprocess_exec(
            sys.executable, *argv, "fresh", stdout=asyncio.subprocess.PIPE
        )
        # Each line is an event from the worker (no sleeping, no polling); EOF fails.
        await read_until(proc.stdout, committed_at_least(300))
        proc.send_signal(signal.SIGKILL)
        await proc.wait()
        saved = load_checkpoint(out)
        assert saved is not None and 300 <= saved["records"] < 3000
        proc = await asyncio.create_subprocess_exec(
            sys.executable, *argv, "resume", stdout=asyncio.subprocess.PIPE
        )
        stdout, _ = await proc.communicate()
        assert proc.returncode == 0 and stdout.splitlines()[-1] == b"done 3000"
        expected = [json.dumps(sb.record("lofty", "leads", i), sort_keys=True) for i in range(3000)]
    got = [json.dumps(r, sort_keys=True) for r in read_jsonl(out)]
    assert got == expected


async def test_sandbox_export_with_injected_faults_keeps_every_record(tmp_path: Path) -> None:
    from real_estate_async import BrokermintClient
    from real_estate_async.sandbox import FaultConfig, Sandbox

    faults = FaultConfig(error_rate=0.1, reset_rate=0.05)
    async with Sandbox(records=2000, faults=faults, vendors=["brokermint"], demo=True) as sb:
        out = tmp_path / "tx.jsonl"
        async with BrokermintClient(**sb.client_kwargs("brokermint"), max_retries=8) as bm:
            result = await export(
                lambda s: bm.transactions.list(count=100, resume_from=s, raw=True), out
            )
        assert sb.stats["brokermint"].faults > 0
        ids = [r["id"] for r in read_jsonl(out)]
        assert result.records == 2000 and len(set(ids)) == 2000 == len(ids)


async def test_cancelled_export_like_ctrl_c_keeps_a_consistent_checkpoint(tmp_path: Path) -> None:
    """asyncio.run cancels the main task on Ctrl-C: the checkpoint must stay consistent."""
    from real_estate_async import LoftyClient
    from real_estate_async.export import ExportResult
    from real_estate_async.sandbox import Sandbox

    async with Sandbox(records=1500, vendors=["lofty"], demo=True) as sb:
        out = tmp_path / "leads.jsonl"
        async with LoftyClient(**sb.client_kwargs("lofty")) as lofty:

            def make(state: Mapping[str, Any] | None) -> AsyncPager[Any]:
                return lofty.leads.list(limit=100, concurrency=4, resume_from=state, raw=True)

            def interrupt(result: ExportResult) -> None:
                if result.pages == 4:
                    raise asyncio.CancelledError  # what Ctrl-C delivers to the running task

            with pytest.raises(asyncio.CancelledError):
                await export(make, out, progress=interrupt)
            saved = load_checkpoint(out)
            assert saved is not None and saved["records"] == 400 and not saved["done"]
            assert out.stat().st_size == saved["bytes"]
            result = await export(make, out, resume=True)
        assert result.records == 1500 and result.resumed
        ids = [r["leadId"] for r in read_jsonl(out)]
        assert ids == [sb.record("lofty", "leads", i)["leadId"] for i in range(1500)]


async def test_a_page_that_fails_to_encode_leaves_none_of_its_lines(
    serve: ServerFactory, tmp_path: Path
) -> None:
    """Pages are encoded straight into the write buffer: a record that fails half-way
    through a page must not leave that page's first lines under the previous page's state."""
    data = records(40)
    base = await serve(items_app(data))
    out = tmp_path / "out.jsonl"

    def record(item: dict[str, Any]) -> dict[str, Any]:
        if item["id"] == 25:  # the sixth record of page 3
            raise ValueError("cannot convert record 25")
        return item

    async with ToyClient(base_url=base) as client:
        with pytest.raises(ValueError, match="record 25"):
            await export(pager_factory(client), out, record=record)
    checkpoint = load_checkpoint(out)
    assert checkpoint is not None and not checkpoint["done"]
    assert checkpoint["bytes"] == out.stat().st_size  # nothing past the committed prefix
    assert read_jsonl(out) == data[:20]
    async with ToyClient(base_url=base) as client:
        result = await export(pager_factory(client), out, resume=True)
    assert result.done and read_jsonl(out) == data


async def test_cancel_while_the_writer_lags_leaves_no_gap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while pages queue behind a slow disk: every queued page still lands, in order,
    so the committed prefix holds exactly the checkpoint's records and a resume is exact."""
    import threading
    from types import SimpleNamespace

    from real_estate_async.export import _checkpoint, _run

    monkeypatch.setattr(_run, "_FLUSH_BYTES", 1)  # one hand-off per page
    release = threading.Event()
    real_save = _checkpoint.CheckpointWriter.save
    saves = 0

    def slow_save(self: Any, snap: Any) -> Any:
        nonlocal saves
        saves += 1
        if saves > 1:  # the first commit passes; later ones wait like a stalled fsync
            assert release.wait(10), "the test never cancelled while the writer lagged"
        return real_save(self, snap)

    monkeypatch.setattr(_checkpoint.CheckpointWriter, "save", slow_save)
    backed_up = asyncio.Event()
    full = _run._MAX_QUEUED + 1

    class Pager:
        total = None

        def __init__(self, state: Mapping[str, Any] | None) -> None:
            self.i = int((state or {}).get("i", 0))

        @property
        def state(self) -> dict[str, int]:
            return {"i": self.i}

        async def pages(self) -> Any:
            while self.i < 200:
                if self.i == full:  # more hand-offs queued than allowed: the export waits
                    backed_up.set()
                self.i += 1
                yield SimpleNamespace(raw={}, items=[{"n": self.i - 1}], state={"i": self.i})

    out = tmp_path / "out.jsonl"
    pager: Any = Pager  # duck-typed: what export uses of a pager (pages(), state, total)
    task = asyncio.ensure_future(export(pager, out, checkpoint_interval=0))
    await backed_up.wait()
    task.cancel()
    release.set()
    with pytest.raises(asyncio.CancelledError):
        await task
    checkpoint = load_checkpoint(out)
    assert checkpoint is not None
    prefix = out.read_bytes()[: checkpoint["bytes"]].splitlines()
    numbers = [json.loads(line)["n"] for line in prefix]
    assert numbers == list(range(checkpoint["records"])) == list(range(checkpoint["state"]["i"]))
    monkeypatch.setattr(_checkpoint.CheckpointWriter, "save", real_save)
    result = await export(pager, out, resume=True)
    assert result.done and [r["n"] for r in read_jsonl(out)] == list(range(200))
