"""LoftyClient: credentials, headers, limits wiring, error mapping, redaction, validation."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import (
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    RateLimitError,
    RetryPolicy,
    ValidationError,
)
from real_estate_async.providers.lofty import LoftyClient
from real_estate_async.providers.lofty.misc import Vendor
from real_estate_async.ratelimit import (
    AdaptiveRateLimiter,
    CompositeRateLimiter,
    WindowRateLimiter,
)

API_KEY = "lofty-api-key-123"
VENDOR_KEY = "vendor-key-456"
FAST = RetryPolicy(backoff_base=0.001, backoff_cap=0.01)


Reply = Callable[[], web.StreamResponse]


def recording_app(responses: list[Reply], seen: list[tuple[float, web.Request]]) -> web.Application:
    """Answers with the next reply (the last one repeats); records (arrival time, request)."""

    async def handler(request: web.Request) -> web.StreamResponse:
        seen.append((time.time(), request))
        await request.read()
        reply = responses.pop(0) if len(responses) > 1 else responses[0]
        return reply()

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOFTY_API_KEY", "LOFTY_ACCESS_TOKEN", "LOFTY_VENDOR_KEY", "LOFTY_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


# ------------------------------------------------------------------ credentials


async def test_api_key_is_sent_as_token_and_vendor_key_as_query(serve: ServerFactory) -> None:
    seen: list[tuple[float, web.Request]] = []
    base = await serve(recording_app([lambda: web.json_response({"id": 1})], seen))
    async with LoftyClient(API_KEY, vendor_key=VENDOR_KEY, base_url=base) as client:
        await client.members.me()
        await client.notes.delete(3)
    for _, request in seen:
        assert request.headers["Authorization"] == f"token {API_KEY}"
        assert request.headers["Content-Type"] == "application/json"  # DELETE included
        assert request.query["vendorKey"] == VENDOR_KEY
    assert [r.method for _, r in seen] == ["GET", "DELETE"]


async def test_access_token_is_sent_as_bearer(serve: ServerFactory) -> None:
    seen: list[tuple[float, web.Request]] = []
    base = await serve(recording_app([lambda: web.json_response({"id": 1})], seen))
    async with LoftyClient(access_token="oauth-tok", base_url=base) as client:
        await client.members.me()
    assert seen[0][1].headers["Authorization"] == "Bearer oauth-tok"
    assert "vendorKey" not in seen[0][1].query


async def test_environment_fallbacks(monkeypatch: pytest.MonkeyPatch, serve: ServerFactory) -> None:
    seen: list[tuple[float, web.Request]] = []
    base = await serve(recording_app([lambda: web.json_response({"orgType": 1})], seen))
    monkeypatch.setenv("LOFTY_ACCESS_TOKEN", "env-token")
    monkeypatch.setenv("LOFTY_VENDOR_KEY", "env-vendor")
    monkeypatch.setenv("LOFTY_BASE_URL", base)
    async with LoftyClient() as client:
        await client.organization.get()
    assert seen[0][1].headers["Authorization"] == "Bearer env-token"
    assert seen[0][1].query["vendorKey"] == "env-vendor"
    monkeypatch.setenv("LOFTY_API_KEY", "env-key")
    async with LoftyClient() as client:  # the API key wins over the access token
        await client.organization.get()
    assert seen[1][1].headers["Authorization"] == "token env-key"


def test_missing_credential_names_the_variables() -> None:
    with pytest.raises(ConfigurationError, match=r"LOFTY_API_KEY.*LOFTY_ACCESS_TOKEN"):
        LoftyClient()


def test_both_credentials_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="either"):
        LoftyClient("k", access_token="t")


def test_defaults_and_vendor_attribute() -> None:
    client = LoftyClient(API_KEY)
    assert client.base_url == "https://api.lofty.com/v1.0"
    assert isinstance(client.vendor, Vendor)
    assert LoftyClient.vendor_name == "lofty"
    clone = client.with_options(timeout=5)
    assert isinstance(clone.vendor, Vendor) and clone.vendor is not client.vendor
    assert clone.leads._client is clone
    assert API_KEY not in repr(client)


# ------------------------------------------------------------------ limits wiring


async def test_without_vendor_key_the_limit_is_ten_a_minute() -> None:
    client = LoftyClient(API_KEY)
    limiter = client.limiter
    assert isinstance(limiter, CompositeRateLimiter)
    local, adaptive = limiter.limiters
    assert isinstance(local, WindowRateLimiter) and (local.max_calls, local.period) == (10, 60.0)
    assert isinstance(adaptive, AdaptiveRateLimiter)
    # every client on the same credential shares the budget
    assert LoftyClient(API_KEY).limiter is limiter
    assert LoftyClient("other-key").limiter is not limiter


async def test_with_vendor_key_the_headers_govern_unless_a_rate_is_given() -> None:
    assert isinstance(LoftyClient(API_KEY, vendor_key=VENDOR_KEY).limiter, AdaptiveRateLimiter)
    limiter = LoftyClient(API_KEY, vendor_key=VENDOR_KEY, rate_limit=(100, 10.0)).limiter
    assert isinstance(limiter, CompositeRateLimiter)
    local = limiter.limiters[0]
    assert isinstance(local, WindowRateLimiter) and (local.max_calls, local.period) == (100, 10.0)


# ------------------------------------------------------------------ errors


async def test_api_key_sent_as_bearer_maps_to_authentication_error_with_hint(
    serve: ServerFactory,
) -> None:
    body = {"code": 200058, "message": "invalid access token"}
    base = await serve(recording_app([lambda: web.json_response(body, status=400)], []))
    async with LoftyClient(access_token="actually-an-api-key", base_url=base) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.members.me()
    error = info.value
    assert error.status_code == 400 and str(error.code) == "200058"
    assert "api_key=" in error.message and "invalid access token" in error.message
    assert "actually-an-api-key" not in str(error) + repr(error)


async def test_other_400_stays_a_validation_error(serve: ServerFactory) -> None:
    base = await serve(
        recording_app(
            [lambda: web.json_response({"code": 100001, "message": "bad"}, status=400)], []
        )
    )
    async with LoftyClient(API_KEY, base_url=base) as client:
        with pytest.raises(ValidationError) as info:
            await client.notes.create({"content": "x"})
    assert not isinstance(info.value, AuthenticationError)
    assert info.value.code == 100001 and info.value.message == "bad"


async def test_not_found_and_non_json_error_body(serve: ServerFactory) -> None:
    base = await serve(
        recording_app([lambda: web.Response(status=404, text="<html>nope</html>")], [])
    )
    async with LoftyClient(API_KEY, base_url=base) as client:
        with pytest.raises(NotFoundError, match="nope"):
            await client.leads.get(1)


async def test_429_waits_for_the_reset_then_succeeds(serve: ServerFactory) -> None:
    seen: list[tuple[float, web.Request]] = []
    reset_at = time.time() + 0.4
    limited = lambda: web.json_response(  # noqa: E731
        {"message": "Too Many Requests"},
        status=429,
        headers={"X-RateLimit-Limit": "20", "X-RateLimit-Remaining": "0",
                 "X-RateLimit-Reset": f"{reset_at:.3f}"},
    )  # fmt: skip
    base = await serve(
        recording_app([limited, lambda: web.json_response({"lead": {"leadId": 1}})], seen)
    )
    async with LoftyClient(
        API_KEY, vendor_key=VENDOR_KEY, base_url=base, retry_policy=FAST
    ) as client:
        lead = await client.leads.get(1)
        assert lead.lead_id == 1
        assert client.stats["rate_limited"] == 1
    assert len(seen) == 2
    assert seen[1][0] >= reset_at - 0.02  # waited for the announced reset


async def test_429_without_retries_carries_retry_after_from_reset(serve: ServerFactory) -> None:
    limited = lambda: web.json_response(  # noqa: E731
        {"message": "Too Many Requests"}, status=429,
        headers={"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(time.time()) + 30)},
    )  # fmt: skip
    base = await serve(recording_app([limited], []))
    async with LoftyClient(API_KEY, vendor_key=VENDOR_KEY, base_url=base, max_retries=0) as client:
        with pytest.raises(RateLimitError) as info:
            await client.leads.get(1)
    assert info.value.message == "Too Many Requests"
    assert info.value.retry_after is not None and 25 < info.value.retry_after <= 31


async def test_vendor_key_is_redacted_in_errors_and_logs(
    serve: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    base = await serve(
        recording_app([lambda: web.json_response({"code": 1, "message": "boom"}, status=403)], [])
    )
    caplog.set_level(logging.DEBUG, logger="real_estate_async")
    async with LoftyClient(API_KEY, vendor_key=VENDOR_KEY, base_url=base) as client:
        with pytest.raises(Exception) as info:
            await client.leads.list(email="a@b.c").collect()
    error = info.value
    text = str(error) + repr(error) + caplog.text + str(getattr(error, "headers", ""))
    assert VENDOR_KEY not in text and API_KEY not in text
    assert "vendorKey=***" in error.url  # type: ignore[attr-defined]
    assert "vendorKey=***" in caplog.text


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize("limit", [0, 101, -5])
def test_lead_limit_outside_documented_range(limit: int) -> None:
    client = LoftyClient(API_KEY)
    for make in (client.leads.list, client.leads.scroll, client.leads.list_by_create_time,
                 client.leads.list_by_update_time):  # fmt: skip
        with pytest.raises(ValueError, match=r"\[1, 100\]"):
            make(limit=limit)


def test_other_documented_ranges() -> None:
    client = LoftyClient(API_KEY)
    with pytest.raises(ValueError, match="1000"):
        client.communication.calls(limit=1001)
    with pytest.raises(ValueError, match="1000"):
        client.log_types.list(limit=0)
    with pytest.raises(ValueError, match="24 hours"):
        client.communication.by_agent(start_time=0, end_time=25 * 3600 * 1000)
    with pytest.raises(ValueError):
        client.communication.by_agent(type="FAX")


async def test_bad_routing_type_and_ids_never_reach_the_network() -> None:
    client = LoftyClient(API_KEY)
    with pytest.raises(ValueError, match="AGENT_LEAD"):
        await client.lead_routing.rules(3)
    with pytest.raises(ValueError):
        await client.leads.get("..")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="required"):
        await client.notes.get(None)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="non-empty"):
        await client.notes.create({})
    await client.aclose()


async def test_ids_are_url_encoded(mock_http: Any) -> None:
    import re

    mock_http.get(re.compile(r".*"), payload={"id": 1})
    async with LoftyClient(API_KEY) as client:
        await client.members.get_by_account("a/../b?c")
    ((_, url),) = mock_http.requests
    assert url.raw_path == "/v1.0/members/a%2F..%2Fb%3Fc"
