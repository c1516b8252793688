"""Injected faults are observable (5xx, connection reset, truncated body, 429 bursts), and
the SDK still reads every record exactly once through them."""

from __future__ import annotations

import aiohttp
import pytest

from real_estate_async import BrokermintClient, LoftyClient
from real_estate_async._retry import RetryPolicy
from real_estate_async.sandbox import FaultConfig, RateLimits, Sandbox

FAST_RETRY = RetryPolicy(backoff_base=0.001, backoff_cap=0.005)


async def _fetch(url: str, **params: str) -> tuple[int, bytes]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(url, params=params) as resp,
    ):
        return resp.status, await resp.read()


async def test_each_fault_kind_is_observable() -> None:
    async with Sandbox(50, vendors=["brokermint"], faults=FaultConfig(error_rate=1.0)) as sb:
        key = sb.credentials["brokermint"]["api_key"]
        status, body = await _fetch(f"{sb.brokermint_url}/transactions", api_key=key)
        assert status in (500, 502, 503) and b'"status"' in body
        assert sb.stats["brokermint"].faults == 1
    async with Sandbox(50, vendors=["brokermint"], faults=FaultConfig(reset_rate=1.0)) as sb:
        key = sb.credentials["brokermint"]["api_key"]
        with pytest.raises(aiohttp.ClientConnectionError):
            await _fetch(f"{sb.brokermint_url}/transactions", api_key=key)
        assert sb.stats["brokermint"].by_kind["reset"] >= 1
    async with Sandbox(50, vendors=["brokermint"], faults=FaultConfig(truncate_rate=1.0)) as sb:
        key = sb.credentials["brokermint"]["api_key"]
        with pytest.raises(aiohttp.ClientPayloadError):
            await _fetch(f"{sb.brokermint_url}/transactions", api_key=key)
        assert sb.stats["brokermint"].by_kind == {"truncate": 1}
    burst = FaultConfig(burst_rate=1.0, burst_length=2, vendors=["lofty"])
    async with Sandbox(5, vendors=["lofty"], faults=burst) as sb:
        headers = {"Authorization": f"token {sb.credentials['lofty']['api_key']}"}
        async with (
            aiohttp.ClientSession(headers=headers) as http,
            http.get(f"{sb.lofty_url}/members") as resp,
        ):
            assert resp.status == 429
            assert resp.headers["X-RateLimit-Remaining"] == "0"
            assert await resp.json() == {"message": "Too Many Requests"}
        assert sb.stats["lofty"].rate_limited == 1


async def test_clients_read_everything_exactly_once_through_faults() -> None:
    faults = FaultConfig(error_rate=0.15, reset_rate=0.05, truncate_rate=0.05, seed=11)
    async with Sandbox(400, seed=3, faults=faults, rate_limits=RateLimits.relaxed(),
                       vendors=["lofty", "brokermint"]) as sb:  # fmt: skip
        async with BrokermintClient(
            **sb.client_kwargs("brokermint"), max_retries=8, retry_policy=FAST_RETRY
        ) as bm:
            ids = [t.id for t in await bm.transactions.list(count=25).collect()]
        assert ids == list(range(1, 401))
        async with LoftyClient(
            **sb.client_kwargs("lofty"), max_retries=8, retry_policy=FAST_RETRY
        ) as lofty:
            leads = [lead.lead_id for lead in await lofty.leads.scroll(limit=50).collect()]
            calls = [call.id for call in await lofty.communication.calls(limit=50).collect()]
        assert len(leads) == len(set(leads)) == 400
        assert len(calls) == len(set(calls)) == 400
        stats = sb.stats
        assert stats["brokermint"].faults > 0 and stats["lofty"].faults > 0
        assert set(stats["brokermint"].by_kind) <= {"error", "reset", "truncate"}
