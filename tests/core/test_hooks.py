"""Event hooks and structured log fields against localhost servers, with a secret scan of
every event and log record."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from _scan import assert_no_secret
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async.hooks import (
    LimiterWaitEvent,
    RequestEvent,
    ResponseEvent,
    RetryEvent,
)

SECRET = "toy-secret-key"
BEARER = "bearer-token-xyz"


def sequence_app(answers: list[web.Response]) -> web.Application:
    async def handler(request: web.Request) -> web.StreamResponse:
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        headers = {k: v for k, v in answer.headers.items() if k.lower() != "content-length"}
        return web.Response(status=answer.status, body=answer.body, headers=headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


def recorder(client: ToyClient) -> list[Any]:
    events: list[Any] = []

    def sync_hook(event: Any) -> None:
        events.append(event)

    async def async_hook(event: Any) -> None:
        await asyncio.sleep(0)
        events.append(event)

    client.on("request", sync_hook)
    client.on("response", async_hook)
    client.on("retry", sync_hook)
    client.on("limiter_wait", async_hook)
    return events


async def test_request_response_and_retry_events(
    serve: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    base = await serve(
        sequence_app(
            [
                web.Response(status=503),
                web.Response(status=429, headers={"Retry-After": "0"}),
                web.json_response({"ok": True}, headers={"X-Echo": f"api_key={SECRET}"}),
            ]
        )
    )
    caplog.set_level(logging.DEBUG, logger="real_estate_async")
    async with ToyClient(base_url=base, in_query=True) as client:
        events = recorder(client)
        assert await client.request("GET", "/things/9", params={"q": "a"}) == {"ok": True}
    kinds = [type(e).__name__ for e in events]
    assert kinds == [
        "RequestEvent", "ResponseEvent", "RetryEvent",
        "RequestEvent", "ResponseEvent", "RetryEvent",
        "RequestEvent", "ResponseEvent",
    ]  # fmt: skip
    responses = [e for e in events if isinstance(e, ResponseEvent)]
    assert [r.status for r in responses] == [503, 429, 200]
    assert [r.attempt for r in responses] == [1, 2, 3]
    retries = [e for e in events if isinstance(e, RetryEvent)]
    assert [r.reason for r in retries] == ["status 503", "status 429"]
    assert retries[1].wait == 0.0 and retries[0].wait > 0
    for event in events:
        assert event.vendor == "toy" and event.method == "GET"
        assert event.url == f"{base}/things/9?q=a&api_key=***"
    assert responses[-1].headers["X-Echo"] == "api_key=***"
    # Structured log fields, one record per attempt.
    records = [r for r in caplog.records if hasattr(r, "elapsed_ms")]
    assert [(r.vendor, r.status, r.attempt) for r in records] == [  # type: ignore[attr-defined]
        ("toy", 503, 1), ("toy", 429, 2), ("toy", 200, 3),
    ]  # fmt: skip
    assert all(r.elapsed_ms >= 0 for r in records)
    assert assert_no_secret([*events, *caplog.records], [SECRET]) > 30


async def test_connection_failure_and_limiter_wait_events(
    serve: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="real_estate_async")
    base = await serve(sequence_app([web.json_response([])]))
    async with ToyClient(BEARER, base_url=base, rate_limit=(1, 0.1)) as client:
        events = recorder(client)
        await client.request("GET", "/a")
        await client.request("GET", "/b", params={"n": 2})  # held back by the 1-per-0.1 s limiter
    waits = [e for e in events if isinstance(e, LimiterWaitEvent)]
    assert len(waits) == 1 and 0.03 < waits[0].seconds < 0.5
    assert waits[0].url == f"{base}/b?n=2"
    # A refused connection: a response event with no status and the error class.
    async with ToyClient(BEARER, base_url="http://127.0.0.1:9", max_retries=1) as client:
        events = recorder(client)
        with pytest.raises(Exception, match="failed"):
            await client.request("GET", "/down")
    failed = [e for e in events if isinstance(e, ResponseEvent)]
    assert [(e.status, e.error) for e in failed] == [(0, "ClientConnectorError")] * 2
    assert [e.reason for e in events if isinstance(e, RetryEvent)] == ["ClientConnectorError"]
    assert assert_no_secret([*events, *caplog.records], [BEARER]) > 10


async def test_a_failing_hook_is_logged_and_the_call_goes_on(
    serve: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    base = await serve(sequence_app([web.json_response({"x": 1})]))
    seen: list[RequestEvent] = []

    def broken(event: RequestEvent) -> None:
        raise RuntimeError("hook bug")

    async with ToyClient(base_url=base) as client:
        client.on("request", broken)
        client.on("request", seen.append)
        assert await client.request("GET", "/x") == {"x": 1}
        assert len(seen) == 1  # the next hook still ran
        failures = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert failures and "hook bug" in str(failures[0].exc_info[1])  # type: ignore[index]
        # A with_options copy shares the hooks; off() removes one for both.
        copy = client.with_options(timeout=5)
        await copy.request("GET", "/y")
        assert len(seen) == 2
        client.off("request", seen.append)
        client.off("request", broken)
        await copy.request("GET", "/z")
        assert len(seen) == 2
        assert not client._observers.active  # nothing observes: the untraced path again


def test_unknown_event_and_non_callable_hook_are_refused() -> None:
    client = ToyClient()
    with pytest.raises(ValueError, match="unknown event"):
        client.on("respnose", print)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="callable"):
        client.on("request", 42)  # type: ignore[call-overload]
