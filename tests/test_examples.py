"""The examples run end to end against the sandbox."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from real_estate_async.sandbox import Sandbox

EXAMPLES = Path(__file__).parent.parent / "examples"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


async def test_aiohttp_app_shares_one_client_across_requests() -> None:
    app_module = load("aiohttp_app")
    async with Sandbox(records=50, vendors=["lofty"], demo=True) as sb:
        app = app_module.create_app(**sb.client_kwargs("lofty"))
        async with TestClient(TestServer(app)) as http:
            listing = await http.get("/leads?limit=5")
            ids = [lead["leadId"] for lead in await listing.json()]
            assert len(ids) == 5
            one = await http.get(f"/leads/{ids[0]}")
            assert one.status == 200 and (await one.json())["leadId"] == ids[0]
            two = await http.get(f"/leads/{ids[1]}")
            assert two.status == 200 and (await two.json())["leadId"] == ids[1]
            missing = await http.get("/leads/999999")
            assert missing.status == 404
            bad = await http.get("/leads/abc")
            assert bad.status == 400
            client = app[app_module.LOFTY]
            assert client.stats["requests"] >= 4
        assert client.session.closed  # the cleanup context closed the pool


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server binary not found")
async def test_arq_worker_exports_in_burst_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from arq import create_pool
    from arq.connections import RedisSettings
    from arq.worker import Worker
    from test_redis_ratelimit import RedisServer

    redis = RedisServer(tmp_path)
    try:
        async with Sandbox(records=130, vendors=["brokermint"], demo=True) as sb:
            kwargs: dict[str, Any] = sb.client_kwargs("brokermint")
            monkeypatch.setenv("BROKERMINT_API_KEY", kwargs["api_key"])
            monkeypatch.setenv("BROKERMINT_BASE_URL", kwargs["base_url"])
            monkeypatch.setenv("REDIS_URL", redis.url)
            worker_module = load("arq_worker")
            settings = RedisSettings.from_dsn(redis.url)
            pool = await create_pool(settings)
            out = tmp_path / "tx.jsonl"
            export_job = await pool.enqueue_job("export_transactions", str(out))
            fetch_job = await pool.enqueue_job("fetch_transaction", 7)
            assert export_job is not None and fetch_job is not None
            worker = Worker(
                functions=worker_module.WorkerSettings.functions,
                on_startup=worker_module.startup,
                on_shutdown=worker_module.shutdown,
                redis_settings=settings,
                burst=True,
                handle_signals=False,
                poll_delay=0.01,
            )
            await worker.main()
            await worker.close()
            assert await export_job.result(timeout=5) == 130
            assert len(out.read_text().splitlines()) == 130
            assert (await fetch_job.result(timeout=5))["id"] == 7
            await pool.aclose()
    finally:
        redis.stop()
