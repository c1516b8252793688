"""The pipeline under stress: slots always come back, cancels are never lost, closing wakes
every waiter, hostile answers raise SDK errors. Real localhost servers throughout."""

from __future__ import annotations

import asyncio
import gzip
import logging
import random
import sys
import traceback
from typing import Any

import pytest
from _toy import HeaderToyClient, ToyClient
from aiohttp import web

from real_estate_async import (
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    RateLimitError,
    RealEstateError,
    ServerError,
    SessionClosedError,
    SessionManager,
)
from real_estate_async.providers.brokermint.client import BURST_WINDOW, HOUR_WINDOW
from real_estate_async.ratelimit import (
    AdaptiveRateLimiter,
    CompositeRateLimiter,
    HeaderWindow,
    QuotaExhaustedError,
    WindowRateLimiter,
)
from real_estate_async.ratelimit._signal import Signal
from real_estate_async.ratelimit.adaptive import window_wait

SECRET = "toy-secret-key"
LOFTY_WINDOW = HeaderWindow("X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Limit")


def app_of(handler: Any) -> web.Application:
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


async def ok(request: web.Request) -> web.Response:
    return web.json_response({"ok": True})


def gated() -> tuple[web.Application, asyncio.Event, list[web.Request]]:
    """A server whose answers wait for ``gate``; ``seen`` lists the requests that arrived."""
    gate = asyncio.Event()
    seen: list[web.Request] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(request)
        await gate.wait()
        return web.json_response({})

    return app_of(handler), gate, seen


# ------------------------------------------------------ limiter slots always come back


@pytest.mark.parametrize(
    "bad_headers", [{"X-Bad": 5}, {"X-Bad": "a\r\nInjected: 1"}], ids=["non-str", "crlf"]
)
@pytest.mark.parametrize("client_cls", [ToyClient, HeaderToyClient], ids=["window", "probe"])
async def test_a_call_that_fails_before_sending_gives_its_slot_back(
    serve: Any, client_cls: type[ToyClient], bad_headers: dict[str, Any]
) -> None:
    seen: list[int] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(1)
        return web.json_response({})

    base = await serve(app_of(handler))
    async with client_cls(base_url=base, rate_limit=(1, 30.0)) as client:
        with pytest.raises((TypeError, ValueError)):
            await client.request("GET", "/x", extra_headers=bad_headers)
        # Not hung: the probe-first layer was told, and the window slot is not lost
        # (counted for the window, since nobody can know whether it left).
        window = client.limiter
        parts = window.limiters if isinstance(window, CompositeRateLimiter) else (window,)
        for part in parts:
            assert getattr(part, "_in_flight", 0) == 0
    assert seen == []


async def test_cancel_in_the_second_part_of_a_composite_returns_the_first(serve: Any) -> None:
    app, gate, seen = gated()
    base = await serve(app)
    async with HeaderToyClient(base_url=base, rate_limit=(10, 60.0)) as client:
        composite = client.limiter
        assert isinstance(composite, CompositeRateLimiter)
        window, adaptive = composite.limiters
        assert isinstance(window, WindowRateLimiter) and isinstance(adaptive, AdaptiveRateLimiter)
        # Cold header layer: one probe goes, the other 9 hold a window slot each and wait
        # in the second part for the probe's headers ... then are cancelled.
        calls = [asyncio.ensure_future(client.request("GET", "/x")) for _ in range(10)]
        while not seen or window._in_flight < 10:
            await asyncio.sleep(0)  # the probe reached the server, the 9 hold their slots
        for call in calls:
            call.cancel()
        results = await asyncio.gather(*calls, return_exceptions=True)
        assert all(isinstance(r, asyncio.CancelledError) for r in results)
        # The probe was cancelled in flight (counted: it was sent); the 9 that never left
        # gave their window slot back.
        assert window._in_flight == 0 and len(window._done) == 1
        assert adaptive._in_flight == 0
        gate.set()
        await asyncio.wait_for(asyncio.gather(*(client.request("GET", "/x") for _ in range(9))), 5)
    assert len(seen) == 10


async def test_composite_rolls_back_when_a_later_part_refuses() -> None:
    window = WindowRateLimiter(5, 60.0)
    adaptive = AdaptiveRateLimiter([HeaderWindow("R", "Reset", window_seconds=60.0)])
    await adaptive.feedback(200, {"R": "0", "Reset": "50"})
    composite = CompositeRateLimiter([window, adaptive])
    with pytest.raises(QuotaExhaustedError):
        await composite.acquire(max_wait=1.0)
    assert window._in_flight == 0 and not window._done


async def test_aclose_wakes_every_waiter_with_session_closed_error(serve: Any) -> None:
    app, gate, seen = gated()
    base = await serve(app)
    client = HeaderToyClient(base_url=base, rate_limit=(3, 3600.0))
    # One probe in flight, two waiting for its headers, five waiting for the window.
    calls = [asyncio.ensure_future(client.request("GET", "/x")) for _ in range(8)]
    while not seen:
        await asyncio.sleep(0)  # let the probe reach the server (no event exists for it)
    await client.aclose()
    results = await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), 5)
    assert all(isinstance(r, SessionClosedError) for r in results), results
    gate.set()
    with pytest.raises(SessionClosedError):
        await client.request("GET", "/x")


async def test_a_shared_session_closed_under_a_call_raises_session_closed(serve: Any) -> None:
    app, gate, seen = gated()
    base = await serve(app)
    manager = SessionManager()
    client = ToyClient(base_url=base, session=manager)
    call = asyncio.ensure_future(client.request("GET", "/x"))
    while not seen:
        await asyncio.sleep(0)
    await manager.aclose()
    with pytest.raises(SessionClosedError):
        await asyncio.wait_for(call, 5)
    gate.set()


async def test_a_user_cancel_during_close_stays_a_cancel(serve: Any) -> None:
    app, gate, seen = gated()
    base = await serve(app)
    manager = SessionManager()
    client = ToyClient(base_url=base, session=manager)
    call = asyncio.ensure_future(client.request("GET", "/x"))
    while not seen:
        await asyncio.sleep(0)
    call.cancel()
    await manager.aclose()
    # Python 3.10 cannot tell the two cancels apart (no Task.uncancel): closing wins there.
    expected = asyncio.CancelledError if sys.version_info >= (3, 11) else SessionClosedError
    with pytest.raises(expected):
        await call
    gate.set()


def test_bad_response_cap_is_a_configuration_error() -> None:
    from real_estate_async import ConfigurationError

    for bad in (0, -1, 1.5, True):
        with pytest.raises(ConfigurationError):
            SessionManager(max_response_bytes=bad)  # type: ignore[arg-type]


def test_limit_per_host_defaults_to_the_pool_limit() -> None:
    assert SessionManager().limit_per_host == 100
    assert SessionManager(limit=64).limit_per_host == 64
    assert SessionManager(limit=64, limit_per_host=8).limit_per_host == 8


# ------------------------------------------------------- cancellation is never lost


async def _race(limiter: Any, wake: Any, trials: int = 200) -> None:
    """A waiter is cancelled in the same loop iteration in which it is woken; the cancel
    must win every time, and the waiter must hold nothing afterwards."""
    rng = random.Random(13)
    for _ in range(trials):
        await limiter.acquire()  # take the only slot
        waiter = asyncio.ensure_future(limiter.acquire())
        for _ in range(rng.randrange(1, 4)):
            await asyncio.sleep(0)  # the waiter is now parked in the limiter
        await wake()  # frees the slot and wakes the waiter ...
        assert waiter.cancel()  # ... and the cancel arrives in the same iteration
        with pytest.raises(asyncio.CancelledError):
            await waiter


async def test_window_limiter_never_swallows_a_cancel_200_times() -> None:
    limiter = WindowRateLimiter(1, 1e-9)  # a completed call leaves the window at once

    async def wake() -> None:
        await limiter.feedback(200, {})

    await _race(limiter, wake)
    assert limiter._in_flight == 0


async def test_probe_wait_never_swallows_a_cancel_200_times() -> None:
    limiter = AdaptiveRateLimiter([LOFTY_WINDOW])

    async def wake() -> None:
        await limiter.feedback(0, {})  # the probe ended without an answer

    await _race(limiter, wake)
    assert limiter._in_flight == 0


async def test_signal_timeout_racing_a_cancel_200_times() -> None:
    rng = random.Random(7)
    signal = Signal()
    for _ in range(200):
        waiter = asyncio.ensure_future(signal.wait(0))
        for _ in range(rng.randrange(0, 3)):
            await asyncio.sleep(0)
        if waiter.cancel():
            with pytest.raises(asyncio.CancelledError):
                await waiter
        assert signal.waiting == 0


async def test_cancelled_workers_stop_and_send_nothing_more(serve: Any) -> None:
    seen: list[int] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(1)
        return web.json_response({})

    base = await serve(app_of(handler))
    async with HeaderToyClient(base_url=base, rate_limit=(5, 0.05)) as client:

        async def worker() -> None:
            while True:
                await client.request("GET", "/x")

        tasks = [asyncio.ensure_future(worker()) for _ in range(100)]
        while len(seen) < 20:
            await asyncio.sleep(0.01)
        for task in tasks:
            task.cancel()
        done, pending = await asyncio.wait(tasks, timeout=5)
        assert not pending and all(t.cancelled() for t in done)
        sent = len(seen)
        # Under wait_for(0.2), calls that wait in the limiter time out and never leave.
        results = await asyncio.gather(
            *(asyncio.wait_for(client.request("GET", "/x"), 0.02) for _ in range(50)),
            return_exceptions=True,
        )
        late = sum(isinstance(r, asyncio.TimeoutError) for r in results)
        # Every call that returned was sent once; a call that timed out may have been sent
        # just before its caller gave up (on a loaded machine), never after.
        assert 50 - late <= len(seen) - sent <= 50
        settled = len(seen)
        await client.request("GET", "/x")  # queued behind every earlier call
        assert len(seen) == settled + 1  # nothing a timed-out caller left behind went out
        window = client.limiter.limiters[0]  # type: ignore[attr-defined]
        assert window._in_flight == 0


# ------------------------------------------------------------- retries and ids


async def test_a_429_is_retried_for_post_but_a_503_is_not(serve: Any) -> None:
    answers = [429, 200, 503, 200]
    seen: list[str] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(request.method)
        return web.json_response({}, status=answers.pop(0), headers={"Retry-After": "0"})

    base = await serve(app_of(handler))
    async with ToyClient(base_url=base) as client:
        assert await client.request("POST", "/agent/communication", json={}) == {}
        with pytest.raises(ServerError):
            await client.request("POST", "/leads/assignee", json={})
    assert seen == ["POST", "POST", "POST"]


# ------------------------------------------------------------ what comes back


async def test_redirects_and_html_raise_api_response_error(serve: Any) -> None:
    async def handler(request: web.Request) -> web.Response:
        if request.path == "/moved":
            return web.Response(
                status=301, headers={"Location": f"https://login.test/?api_key={SECRET}&x=1"}
            )
        return web.Response(text="<html><title>Sign in</title></html>", content_type="text/html")

    base = await serve(app_of(handler))
    async with ToyClient(base_url=base, in_query=True) as client:
        with pytest.raises(APIResponseError) as moved:
            await client.request("GET", "/moved")
        with pytest.raises(APIResponseError) as html:
            await client.request("GET", "/page")
    assert moved.value.status_code == 301 and "api_key=***" in str(moved.value)
    assert moved.value.headers["Location"] == "https://login.test/?api_key=***&x=1"
    assert html.value.status_code == 200 and html.value.content_type.startswith("text/html")
    assert "Sign in" in html.value.excerpt and "Sign in" in str(html.value)
    for error in (moved.value, html.value):
        assert isinstance(error, APIStatusError)
        assert SECRET not in str(error) and SECRET not in repr(error)
        assert "api_key=***" in error.url


async def test_ovipro_find_on_an_html_page_raises(serve: Any) -> None:
    from real_estate_async import OviproClient

    async def handler(request: web.Request) -> web.Response:
        return web.Response(text="<html>maintenance</html>", content_type="text/html")

    base = await serve(app_of(handler))
    async with OviproClient("jwt-token-value", base_url=base) as client:
        with pytest.raises(APIResponseError) as info:
            await client.agencies.find(agent_id="3fa85f64-5717-4562-b3fc-2c963f66afa6")
    assert "maintenance" in info.value.excerpt


async def test_a_caller_asking_for_xml_still_gets_text(serve: Any) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(text="<listings/>", content_type="application/xml")

    base = await serve(app_of(handler))
    async with ToyClient(base_url=base) as client:
        assert await client.request("GET", "/x", headers={"Accept": "application/xml"}) == (
            "<listings/>"
        )


async def test_body_over_the_cap_raises_also_when_compressed(serve: Any) -> None:
    bomb = gzip.compress(b"[" + b" " * (4 * 1024 * 1024) + b"]")

    async def handler(request: web.Request) -> web.StreamResponse:
        if request.path == "/big":
            return web.Response(body=b"[" + b"0," * 600_000 + b"0]")
        response = web.StreamResponse(headers={"Content-Encoding": "gzip"})
        response.content_type = "application/json"
        await response.prepare(request)
        await response.write(bomb)  # chunked, no length: only the decompressed size tells
        await response.write_eof()
        return response

    base = await serve(app_of(handler))
    async with SessionManager(max_response_bytes=1024 * 1024) as manager:
        client = ToyClient(base_url=base, session=manager)
        for path in ("/big", "/bomb"):
            with pytest.raises(APIResponseError) as info:
                await client.request("GET", path)
            assert "max_response_bytes" in str(info.value)
        client.max_response_bytes = 8 * 1024 * 1024  # per client
        assert await client.request("GET", "/bomb") == []


# ------------------------------------------------------------------ secrets


async def test_password_in_base_url_is_redacted(
    serve: Any, caplog: pytest.LogCaptureFixture
) -> None:
    async def missing(request: web.Request) -> web.Response:
        return web.json_response({}, status=404)

    base = await serve(app_of(missing))
    secret_base = base.replace("http://", "http://user:hunter2pass@")
    caplog.set_level(logging.DEBUG, logger="real_estate_async")
    async with ToyClient(base_url=secret_base, in_query=True, max_retries=0) as client:
        with pytest.raises(APIStatusError) as info:
            await client.request("GET", "/x")
        assert "hunter2pass" not in repr(client)
    for text in (str(info.value), repr(info.value), info.value.url, caplog.text):
        assert "hunter2pass" not in text
    assert "user:***@" in info.value.url


async def test_echoed_query_credentials_are_redacted_in_headers(serve: Any) -> None:
    async def handler(request: web.Request) -> web.Response:
        url = str(request.url)
        return web.json_response(
            {"error": "no"}, status=400, headers={"X-Echo-Url": url, "Location": url}
        )

    base = await serve(app_of(handler))
    async with ToyClient(base_url=base, in_query=True) as client:
        with pytest.raises(APIStatusError) as info:
            await client.request("GET", "/x", params={"q": 1})
    assert all(SECRET not in v for v in info.value.headers.values())
    assert "api_key=***" in info.value.headers["X-Echo-Url"]


def _chain(error: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and len(out) < 20:
        out.append(current)
        current = current.__cause__ or current.__context__
    return out


def _no_secret_anywhere(error: BaseException) -> None:
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    assert SECRET not in text
    assert error.__cause__ is None and error.__suppress_context__
    for linked in _chain(error):  # what a debugger or Sentry would walk
        assert SECRET not in repr(linked) and SECRET not in str(linked)
        info = getattr(linked, "request_info", None)
        if info is not None:
            assert SECRET not in str(info.url) and SECRET not in str(info.real_url)
            assert SECRET not in str(dict(info.headers))


async def test_connection_errors_chain_no_request_info() -> None:
    async with ToyClient(base_url="http://127.0.0.1:9", in_query=True, max_retries=0) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.request("GET", "/x")
    _no_secret_anywhere(info.value)


def test_request_info_on_aiohttp_errors_is_redacted_in_place() -> None:
    import aiohttp
    from multidict import CIMultiDict, CIMultiDictProxy
    from yarl import URL

    client = ToyClient()
    url = URL(f"http://h.test/x?api_key={SECRET}&q=1")
    headers = CIMultiDictProxy(CIMultiDict({"Authorization": f"token {SECRET}"}))
    info = aiohttp.RequestInfo(url, "GET", headers, url)
    exc = aiohttp.ClientResponseError(info, (), status=400, message="Invalid constant string")
    client._scrub_request_info(exc)
    assert "api_key=***" in str(exc.request_info.url) and "q=1" in str(exc.request_info.url)
    assert exc.request_info.headers["Authorization"] == "***"
    assert SECRET not in repr(exc) and SECRET not in str(exc)


@pytest.mark.parametrize("in_query", [True, False], ids=["query", "header"])
async def test_protocol_errors_keep_no_credential_in_request_info(in_query: bool) -> None:
    async def garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: nope\r\n\r\n{}")
        await writer.drain()
        writer.close()

    server = await asyncio.start_server(garbage, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        async with ToyClient(
            base_url=f"http://127.0.0.1:{port}", in_query=in_query, max_retries=0
        ) as client:
            with pytest.raises(APIConnectionError) as info:
                await client.request("GET", "/x")
    finally:
        server.close()
        await server.wait_closed()
    _no_secret_anywhere(info.value)


# ------------------------------------------------------------------ hostile data


@pytest.mark.parametrize(
    ("status", "body", "headers"),
    [
        (400, b"[" * 100_000 + b"]" * 100_000, {}),
        (200, b"[" * 100_000 + b"]" * 100_000, {}),
        (400, b'{"code": {"a": [1]}, "message": ["x", {"y": 2}]}', {}),
        (200, b"\xff\xfe\x00garbage", {}),
        (429, b"{}", {"Retry-After": "nan", "X-RateLimit-Remaining": "inf"}),
        (429, b"{}", {"Retry-After": "1e400", "X-RateLimit-Reset": "-inf"}),
        (503, b"{}", {"Retry-After": "Mon, 99 Foo 20000 99:99:99 GMT", "Date": "garbage"}),
        (200, b'{"a": 1' + b"1" * 5000 + b"}", {}),
    ],
)
async def test_hostile_answers_raise_sdk_errors(
    serve: Any, status: int, body: bytes, headers: dict[str, str]
) -> None:
    async def handler(request: web.Request) -> web.Response:
        return web.Response(status=status, body=body, headers=headers)

    base = await serve(app_of(handler))
    # (no retries: a 429 without a usable Retry-After waits for the window, by design)
    async with HeaderToyClient(base_url=base, max_retries=0) as client:
        with pytest.raises(RealEstateError):
            await asyncio.wait_for(client.request("GET", "/x"), 10)


# ------------------------------------------------------------------ resets and clocks


async def test_a_huge_retry_after_caps_at_each_windows_own_length() -> None:
    limiter = AdaptiveRateLimiter([BURST_WINDOW, HOUR_WINDOW])
    await limiter.acquire()
    await limiter.feedback(429, {"Retry-After": "1e9"})  # no header says which window
    with pytest.raises(QuotaExhaustedError) as burst:
        await limiter.acquire(max_wait=0)
    assert burst.value.retry_after is not None and 9 < burst.value.retry_after <= 10
    hour = AdaptiveRateLimiter([BURST_WINDOW, HOUR_WINDOW])
    await hour.acquire()
    await hour.feedback(429, {"Retry-After": "1e9", "X-Brokermint-Hour-Remaining": "0"})
    with pytest.raises(QuotaExhaustedError) as spent:
        await hour.acquire(max_wait=0)
    assert spent.value.retry_after is not None and 3590 < spent.value.retry_after <= 3600


def test_epoch_resets_are_read_on_the_vendors_clock() -> None:
    import email.utils
    import time

    # The vendor's clock is 30 minutes behind ours; its reset is 20 s after its now.
    vendor_now = time.time() - 1800
    headers = {
        "Date": email.utils.formatdate(vendor_now, usegmt=True),
        "X-RateLimit-Reset": str(int(vendor_now) + 20),
        "X-RateLimit-Remaining": "0",
    }
    window = HeaderWindow(
        "X-RateLimit-Remaining", "X-RateLimit-Reset", window_seconds=60.0, max_reset_seconds=65.0
    )
    assert 18 <= window_wait(window, headers, float("inf")) <= 21


async def test_rate_limit_error_after_retries_is_still_a_rate_limit_error(serve: Any) -> None:
    async def limited(request: web.Request) -> web.Response:
        return web.json_response({}, status=429)

    base = await serve(app_of(limited))
    async with ToyClient(base_url=base, max_retries=0) as client:
        with pytest.raises(RateLimitError):
            await client.request("POST", "/x", json={})


def test_brokermint_caps_a_huge_retry_after_at_the_blamed_window() -> None:
    from real_estate_async import BrokermintClient

    client = BrokermintClient("bm-key")
    assert client._asked_wait(429, {"Retry-After": "1e9"}) == 10.0  # the burst window
    spent_hour = {"Retry-After": "1e9", "X-Brokermint-Hour-Remaining": "0"}
    assert client._asked_wait(429, spent_hour) == 3600.0
    assert client._asked_wait(429, {"Retry-After": "3"}) == 3.0


async def test_a_skewed_worker_pauses_the_redis_fleet_for_the_vendors_duration() -> None:
    pytest.importorskip("redis")
    import email.utils
    import time

    from real_estate_async.ratelimit.redis import RedisRateLimiter

    lofty = HeaderWindow(
        "X-RateLimit-Remaining", "X-RateLimit-Reset", window_seconds=60.0, max_reset_seconds=65.0
    )
    limiter = RedisRateLimiter("redis://127.0.0.1:1/0", "skew", 10, 60.0, windows=(lofty,))
    vendor_now = time.time() + 1800  # this host is 30 minutes behind the vendor
    headers = {
        "Date": email.utils.formatdate(vendor_now, usegmt=True),
        "X-RateLimit-Reset": str(int(vendor_now) + 12),
        "X-RateLimit-Remaining": "0",
    }
    pause = limiter._pause_for(200, headers)
    assert pause is not None and 10 <= pause <= 13
    assert limiter._pause_for(429, {"Retry-After": "1e9"}) == 65.0  # the window cap
    await limiter.aclose()
