"""Response metadata on success: ``with_raw_response``, ``with_response``,
``request(..., with_response=True)`` and ``pager.last_response``, against the sandbox and
localhost servers."""

from __future__ import annotations

import datetime

import pytest
from _scan import assert_no_secret
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import APIResponse, BrokermintClient, LoftyClient, with_response
from real_estate_async.providers.lofty.models import Lead
from real_estate_async.sandbox import RateLimits, Sandbox

pytestmark = pytest.mark.sandbox(
    records=30, vendors=["lofty", "brokermint"], rate_limits=RateLimits.relaxed()
)

SECRET = "toy-secret-key"


async def test_with_raw_response_on_a_resource_method(sb: Sandbox) -> None:
    async with LoftyClient(**sb.client_kwargs("lofty")) as lofty:
        first = (await lofty.leads.list().collect(1))[0]
        assert first.lead_id is not None
        response = await lofty.leads.with_raw_response.get(first.lead_id)
        lead = response.parse()
        assert isinstance(lead, Lead) and lead.lead_id == first.lead_id
        assert response.status_code == 200 and response.attempts == 1
        assert response.vendor == "lofty" and response.method == "GET"
        assert response.url.endswith(f"/leads/{first.lead_id}?vendorKey=***")
        creds = sb.client_kwargs("lofty")
        observed = [response.url, dict(response.headers), repr(response)]
        assert assert_no_secret(observed, [creds["api_key"], creds["vendor_key"]]) > 5
        assert (
            isinstance(response.elapsed, datetime.timedelta)
            and response.elapsed.total_seconds() > 0
        )
        # The sandbox announces X-RateLimit-Remaining like Lofty does.
        assert response.rate_limit_remaining is not None
        assert response.rate_limit_remaining == int(response.headers["X-RateLimit-Remaining"])
        typed: APIResponse[Lead] = await with_response(lofty.leads.get(first.lead_id))
        assert typed.parse() == lead


async def test_pager_exposes_the_last_page_response(sb: Sandbox) -> None:
    async with LoftyClient(**sb.client_kwargs("lofty")) as lofty:
        pager = lofty.leads.list(limit=10)
        assert pager.last_response is None
        pages = [page async for page in pager.pages()]
        assert len(pages) >= 3
        last = pager.last_response
        assert last is not None and last.status_code == 200
        assert "offset=" in last.url  # the last page's own URL
        with pytest.raises(TypeError, match="pager"):
            await lofty.leads.with_raw_response.list()


async def test_query_string_keys_never_reach_the_response(sb: Sandbox) -> None:
    kwargs = sb.client_kwargs("brokermint")
    async with BrokermintClient(**kwargs) as bm:
        first = (await bm.contacts.list().collect(1))[0]
        assert first.id is not None
        response = await bm.contacts.with_raw_response.get(first.id)
        assert response.parse().id == first.id
        assert "api_key=***" in response.url
        observed = [response.url, dict(response.headers), response.request_id, repr(response)]
        assert assert_no_secret(observed, [kwargs["api_key"]]) > 5


async def test_request_with_response_counts_attempts_and_redacts(serve: ServerFactory) -> None:
    answers = [
        web.Response(status=503),
        web.json_response({"ok": 1}, headers={"X-Request-Id": "req-7", "X-Echo": f"key={SECRET}"}),
    ]

    async def handler(request: web.Request) -> web.StreamResponse:
        return answers.pop(0)

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    base = await serve(app)
    async with ToyClient(base_url=base, in_query=True) as client:
        response = await client.request("GET", "/things", with_response=True)
        assert response.parse() == {"ok": 1}
        assert response.attempts == 2 and response.status_code == 200
        assert response.request_id == "req-7"
        assert response.rate_limit_remaining is None
        assert response.headers["x-echo"] == "key=***"  # case-insensitive, redacted
        assert (
            assert_no_secret([response.url, dict(response.headers), repr(response)], [SECRET]) > 5
        )
        # Without with_response the call returns the body itself, as before.
        answers.append(web.json_response([1]))
        assert await client.request("GET", "/things") == [1]


async def test_with_response_needs_an_http_call() -> None:
    async def no_call() -> int:
        return 1

    with pytest.raises(LookupError):
        await with_response(no_call())
