"""The ``sandbox`` pytest fixture users get from ``real_estate_async.testing``, and the
``python -m real_estate_async.sandbox serve`` command."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import subprocess
import sys

import aiohttp
import pytest

import real_estate_async.testing as sdk_testing
from real_estate_async import BrokermintClient, LoftyClient
from real_estate_async.sandbox import FaultConfig, Sandbox, main, serve_forever
from real_estate_async.sandbox.serve import build_parser, describe

pytest_plugins = ["pytester"]
sandbox = sdk_testing.sandbox  # the fixture users get from the plugin


async def test_fixture_gives_a_started_small_sandbox(sandbox: Sandbox) -> None:
    assert sandbox.count("lofty", "leads") == 100
    async with LoftyClient(**sandbox.client_kwargs("lofty")) as lofty:
        leads = await lofty.leads.list(limit=100).collect()
    assert len(leads) == 100
    assert set(sandbox.credentials) == {"lofty", "brokermint", "open_to_close", "ovipro"}


@pytest.mark.parametrize(
    "sandbox", [{"records": 30, "vendors": ["brokermint"], "faults": FaultConfig()}], indirect=True
)
async def test_fixture_takes_options_from_a_parameter(sandbox: Sandbox) -> None:
    async with BrokermintClient(**sandbox.client_kwargs("brokermint")) as bm:
        assert len(await bm.contacts.list(count=7).collect()) == 30
    with pytest.raises(KeyError):
        sandbox.url("lofty")


def test_users_enable_the_plugin_and_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makeconftest('pytest_plugins = ["real_estate_async.testing"]')
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.sandbox(records=7, vendors=["open_to_close"])
        async def test_users_own(sandbox):
            assert sandbox.count("open_to_close", "agents") == 7
            assert sandbox.open_to_close_url.endswith("/v1")
        """
    )
    result = pytester.runpytest_subprocess(
        "-p", "asyncio", "-o", "asyncio_mode=auto", "-W", "error::pytest.PytestUnknownMarkWarning"
    )
    result.assert_outcomes(passed=1)


async def test_serve_forever_prints_urls_and_keys_and_stops() -> None:
    stop = asyncio.Event()
    out = io.StringIO()
    ready: list[Sandbox] = []

    def on_ready(sb: Sandbox) -> None:
        ready.append(sb)
        stop.set()

    await serve_forever(5, stop=stop, on_ready=on_ready)
    assert ready and "lofty" in describe(ready[0])
    stop2 = asyncio.Event()
    stop2.set()
    await serve_forever(5, stop=stop2, out=out)
    text = out.getvalue()
    assert "/v1.0" in text and "/api/v1" in text and "api_key" in text and "Ctrl-C" in text


def test_parser_and_bad_arguments() -> None:
    args = build_parser().parse_args(["serve", "--records", "10", "--port-base", "9000"])
    assert args.records == 10 and args.port_base == 9000
    assert main(["serve", "--records", "-1"]) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process")
async def test_module_command_serves_until_ctrl_c() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "real_estate_async.sandbox", "serve", "--records", "10"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline() for _ in range(2)]
        assert lines[0].startswith("real_estate_async sandbox")
        url = lines[1].split(": ", 1)[1].strip()
        key = proc.stdout.readline().split("= ", 1)[1].strip()
        async with (
            aiohttp.ClientSession(headers={"Authorization": f"token {key}"}) as http,
            http.get(f"{url}/leads") as resp,
        ):
            assert resp.status == 200
            assert (await resp.json())["_metadata"]["total"] == 10
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
