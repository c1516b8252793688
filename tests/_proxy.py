"""A tiny real HTTP forwarding proxy (absolute-URI requests), for the transport tests."""

from __future__ import annotations

import aiohttp
from aiohttp import web


def forwarding_proxy(seen: list[tuple[str, str, str | None]]) -> web.Application:
    """Forwards each ``GET http://host/path`` it receives; records (method, absolute URL,
    Proxy-Authorization) so a test can assert the call went through it."""

    async def forward(request: web.Request) -> web.Response:
        target = str(request.url)
        seen.append((request.method, target, request.headers.get("Proxy-Authorization")))
        headers = {
            k: v
            for k, v in request.headers.items()
            if k.lower() not in {"host", "proxy-authorization", "proxy-connection", "connection"}
        }
        body = await request.read()
        async with (
            aiohttp.ClientSession() as session,
            session.request(
                request.method, target, headers=headers, data=body or None, allow_redirects=False
            ) as upstream,
        ):
            payload = await upstream.read()
            return web.Response(
                status=upstream.status,
                body=payload,
                headers={
                    "Content-Type": upstream.headers.get("Content-Type", "text/plain"),
                    "Via": "1.1 test-proxy",
                },
            )

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    return app
