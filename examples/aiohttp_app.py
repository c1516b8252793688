"""An aiohttp web app that shares one Lofty client across all requests.

    LOFTY_API_KEY=... LOFTY_VENDOR_KEY=... python examples/aiohttp_app.py

The client (and its connection pool and rate limiter) is made once in the app's
cleanup context and closed when the app stops; handlers just ``await`` it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from aiohttp import web

from real_estate_async import NotFoundError, RateLimitError, SessionManager
from real_estate_async.providers.lofty import LoftyClient

LOFTY = web.AppKey("lofty", LoftyClient)


def create_app(**lofty_options: Any) -> web.Application:
    """``lofty_options`` go to LoftyClient (credentials default to the environment)."""
    app = web.Application()

    async def lofty_client(app: web.Application) -> AsyncIterator[None]:
        async with SessionManager() as session:
            app[LOFTY] = LoftyClient(session=session, **lofty_options)
            yield

    app.cleanup_ctx.append(lofty_client)
    app.router.add_get("/leads/{lead_id}", get_lead)
    app.router.add_get("/leads", list_leads)
    return app


async def get_lead(request: web.Request) -> web.Response:
    """``GET /leads/{id}``: one lead from Lofty, as the vendor's JSON."""
    try:
        lead_id = int(request.match_info["lead_id"])
    except ValueError:
        raise web.HTTPBadRequest(text="lead id must be an integer") from None
    try:
        lead = await request.app[LOFTY].leads.get(lead_id)
    except NotFoundError:
        raise web.HTTPNotFound(text=f"no lead {lead_id}") from None
    except RateLimitError as exc:
        retry = str(int(exc.retry_after or 1))
        raise web.HTTPTooManyRequests(headers={"Retry-After": retry}) from None
    return web.json_response(lead.to_dict())


async def list_leads(request: web.Request) -> web.Response:
    """``GET /leads?limit=N``: the first N leads (one vendor page or a few)."""
    limit = min(int(request.query.get("limit", "20")), 100)
    leads = await request.app[LOFTY].leads.list(limit=limit).collect(max_items=limit)
    return web.json_response([lead.to_dict() for lead in leads])


if __name__ == "__main__":
    web.run_app(create_app(), port=8080)
