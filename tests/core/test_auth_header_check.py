"""Auth headers are checked once per value: a credential that changes to a bad one is
still refused before anything is sent."""

from __future__ import annotations

import pytest
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory


async def test_a_credential_turned_bad_after_good_calls_is_refused(
    serve: ServerFactory,
) -> None:
    seen: list[str] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(request.headers["Authorization"])
        return web.json_response({"ok": 1})

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    base = await serve(app)
    async with ToyClient(base_url=base) as client:
        for _ in range(3):  # the same good value: checked once, sent each time
            assert await client.request("GET", "/x") == {"ok": 1}
        client._credential = "rotated\r\nX-Injected: 1"  # read from a file with its newline
        with pytest.raises(ValueError, match="control characters"):
            await client.request("GET", "/x")
        client._credential = "toy-secret-key"
        assert await client.request("GET", "/x") == {"ok": 1}
    assert seen == ["token toy-secret-key"] * 4
