"""``client.with_options(...)``: the constructor's checks, and a copy with its own stats."""

from __future__ import annotations

import math

import pytest
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import ConfigurationError


@pytest.mark.parametrize("timeout", [-5, 0, math.nan, True, "5"])
async def test_with_options_rejects_a_timeout_the_constructor_rejects(timeout: object) -> None:
    with pytest.raises(ConfigurationError, match="timeout"):
        ToyClient(timeout=timeout)
    async with ToyClient() as client:
        with pytest.raises(ConfigurationError, match="timeout"):
            client.with_options(timeout=timeout)  # type: ignore[arg-type]
        assert client.timeout == 30.0


@pytest.mark.parametrize("max_retries", [-1, 1.5, True])
async def test_with_options_rejects_bad_max_retries(max_retries: object) -> None:
    async with ToyClient() as client:
        with pytest.raises(ConfigurationError, match="max_retries"):
            client.with_options(max_retries=max_retries)  # type: ignore[arg-type]


async def test_with_options_copy_counts_its_own_stats(serve: ServerFactory) -> None:
    async def ok(_: web.Request) -> web.Response:
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/x", ok)
    base = await serve(app)
    async with ToyClient(base_url=base) as client:
        await client.request("GET", "/x")
        quick = client.with_options(timeout=5)
        assert quick.stats is not client.stats
        assert quick.stats["requests"] == 0
        await quick.request("GET", "/x")
        await quick.request("GET", "/x")
        assert (client.stats["requests"], quick.stats["requests"]) == (1, 2)
        assert quick.session is client.session and quick.timeout == 5.0
