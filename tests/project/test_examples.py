"""The examples run end to end against the sandbox."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest
from aiohttp.test_utils import TestClient, TestServer

from real_estate_async.sandbox import Sandbox

EXAMPLES = Path(__file__).parents[2] / "examples"


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
def test_taskiq_worker_syncs_two_tenants_into_jsonl(tmp_path: Path) -> None:
    """The example's fleet: one `fleet worker --app taskiq_worker:fleet`, two tenants with
    their own keys from environment variables, JSONL output (no dlt needed)."""
    pytest.importorskip("taskiq_redis")
    from _fleet import Events, cli, redis_server, start_workers, stop_workers

    from real_estate_async.sandbox import SandboxThread

    with (
        redis_server(tmp_path) as url,
        SandboxThread(Sandbox(records=40, vendors=["brokermint"], tenants=2, demo=True)) as box,
    ):
        env = dict(os.environ, REDIS_URL=url, FLEET_DB=str(tmp_path / "out"), FLEET_SLICE="15")
        env["PYTHONPATH"] = os.pathsep.join([str(EXAMPLES), env.get("PYTHONPATH", "")])
        for i, tenant in enumerate(("acme", "globex")):
            kwargs = box.sandbox.tenant_kwargs("brokermint", i)
            env[f"TENANT_{tenant.upper()}_BROKERMINT_API_KEY"] = kwargs["api_key"]
            env[f"TENANT_{tenant.upper()}_BROKERMINT_BASE_URL"] = kwargs["base_url"]
        events = Events(url)
        workers = start_workers(1, env, tmp_path, app="taskiq_worker:fleet")
        try:
            deadline = time.monotonic() + 30
            while events.next(deadline)["kind"] != "worker":
                pass
            subprocess.run(
                [sys.executable, str(EXAMPLES / "taskiq_worker.py"), "acme", "globex"],
                env=env, check=True, capture_output=True,
            )  # fmt: skip
            done: set[str] = set()
            while len(done) < 2:
                event = events.next(deadline)
                if event["kind"] == "done":
                    done.add(event["tenant"])
            status = subprocess.run(
                cli("fleet", "status", "--app", "taskiq_worker:fleet"),
                env=env, check=True, capture_output=True, text=True,
            ).stdout  # fmt: skip
        finally:
            stop_workers(workers)
            events.close()
        expected = {box.sandbox.record("brokermint", "transactions", i)["id"] for i in range(40)}
    for tenant in ("acme", "globex"):
        folder = tmp_path / "out" / f"brokermint_{tenant}" / "transactions"
        rows = [
            json.loads(x)
            for f in sorted(folder.glob("*.jsonl"))
            for x in f.read_text().splitlines()
        ]
        assert sorted(r["id"] for r in rows) == sorted(expected)  # each record once
        assert len(list(folder.glob("*.jsonl"))) == 3  # 40 records in slices of 15
        assert tenant in status
