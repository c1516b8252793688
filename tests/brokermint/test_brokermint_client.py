"""BrokermintClient: configuration, auth, error mapping, redaction, error budget, limits."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    SessionManager,
    ValidationError,
)
from real_estate_async.providers.brokermint import BrokermintClient
from real_estate_async.providers.brokermint.client import BURST_WINDOW, HOUR_WINDOW
from real_estate_async.ratelimit import HeaderWindow

KEY = "bm-secret-key-0042"
FAST = RetryPolicy(backoff_base=0.001, backoff_cap=0.005)
ERRORS = "X-Brokermint-Errors-Remaining"


def client(base: str, **kw: Any) -> BrokermintClient:
    kw.setdefault("retry_policy", FAST)
    kw.setdefault("rate_limit", (1000, 1.0))
    return BrokermintClient(KEY, base_url=base, **kw)


def _chain(exc: BaseException | None) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def assert_no_key(exc: BaseException) -> None:
    """The key is nowhere in the error, its attributes, its chain or its traceback."""
    texts = ["".join(traceback.format_exception(type(exc), exc, exc.__traceback__))]
    for e in _chain(exc):
        texts += [str(e), repr(e), repr(e.args)]
        texts += [repr(v) for v in vars(e).values()]
    for text in texts:
        assert KEY not in text, text


# ------------------------------------------------------------------ configuration


def test_env_key_and_missing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROKERMINT_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="BROKERMINT_API_KEY"):
        BrokermintClient()
    monkeypatch.setenv("BROKERMINT_API_KEY", KEY)
    monkeypatch.setenv("BROKERMINT_BASE_URL", "http://127.0.0.1:1/api/v1/")
    bm = BrokermintClient()
    assert bm.base_url == "http://127.0.0.1:1/api/v1"
    assert KEY not in repr(bm)
    assert bm._auth_query() == [("api_key", KEY)]


def test_defaults() -> None:
    bm = BrokermintClient(KEY)
    assert bm.base_url == "https://my.brokermint.com/api/v1"
    assert bm.datetime_format == "epoch_ms"
    assert bm._default_limit() == (100, 10.0)
    assert bm.rate_limit_headers == (BURST_WINDOW, HOUR_WINDOW)
    assert BURST_WINDOW.reset_header is None and BURST_WINDOW.window_seconds == 10.0
    assert BURST_WINDOW.limit == 100
    assert HOUR_WINDOW.reset_header == "X-Brokermint-Hour-Reset"
    assert HOUR_WINDOW.reset_unit == "ms" and HOUR_WINDOW.limit == 2000
    assert bm.error_budget_floor == 10 and bm.errors_remaining is None
    with pytest.raises(ConfigurationError):
        BrokermintClient(KEY, error_budget_floor=-1)


# ------------------------------------------------------------------- error mapping


def _error_app(status: int, body: Any, headers: dict[str, str] | None = None) -> web.Application:
    async def handler(request: web.Request) -> web.Response:
        text = body if isinstance(body, str) else json.dumps(body)
        return web.Response(status=status, text=text, headers=headers or {})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


@pytest.mark.parametrize(
    ("status", "body", "cls", "code", "message"),
    [
        (
            400,
            {"error": "Price is required", "status": 400},
            ValidationError,
            400,
            "Price is required",
        ),
        (
            401,
            {"error": "Invalid api_key " + KEY, "status": "401"},
            AuthenticationError,
            401,
            "Invalid api_key ***",
        ),
        (
            403,
            {"error": "Forbidden", "status": "forbidden"},
            PermissionDeniedError,
            "forbidden",
            "Forbidden",
        ),
        (404, {"error": "Not found", "status": "404"}, NotFoundError, 404, "Not found"),
        (
            422,
            {"error": {"email": ["is invalid"]}, "status": 422},
            ValidationError,
            422,
            "email: is invalid",
        ),
        (422, {"error": ["a", "b"], "status": 422}, ValidationError, 422, "a; b"),
        (404, "", NotFoundError, None, "Not Found"),
        (400, "<html>oops " + KEY + "</html>", ValidationError, None, "<html>oops ***</html>"),
        (500, {"error": "boom", "status": 500, "echo": {"api_key": KEY}}, ServerError, 500, "boom"),
    ],
)
async def test_error_mapping_and_redaction(
    serve: ServerFactory, status: int, body: Any, cls: type[APIStatusError], code: Any, message: str
) -> None:
    base = await serve(_error_app(status, body))
    async with client(base, max_retries=0) as bm:
        with pytest.raises(cls) as info:
            await bm.transactions.get(85)
    err = info.value
    assert err.status_code == status
    assert err.code == code
    assert err.message == message
    assert err.method == "GET" and "api_key=***" in err.url
    assert_no_key(err)


async def test_429_maps_to_rate_limit_error(serve: ServerFactory) -> None:
    base = await serve(_error_app(429, {"error": "Too many requests", "status": 429}))
    async with client(base, max_retries=0) as bm:
        with pytest.raises(RateLimitError) as info:
            await bm.users.get(1)
    # No Retry-After at Brokermint: the error says to wait for the 10 s burst window.
    assert info.value.retry_after == 10.0
    assert_no_key(info.value)


async def test_429_with_the_hour_spent_raises_with_the_hour_reset(serve: ServerFactory) -> None:
    hits: list[float] = []
    headers = {
        "X-Brokermint-Hour-Remaining": "0",
        "X-Brokermint-Hour-Reset": "1800000",  # 30 minutes, in ms
        "X-Brokermint-Burst-Remaining": "90",
    }
    base = await serve(_counting_app(429, headers, hits))
    async with client(base, max_retries=3) as bm:
        with pytest.raises(RateLimitError) as info:
            await bm.users.get(1)
    assert len(hits) == 1  # longer than max_wait: raised at once, no silent half-hour sleep
    assert info.value.retry_after is not None and 1790 < info.value.retry_after <= 1800


# ------------------------------------------------------------------------ redaction


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    sock.close()
    return port


async def test_connection_error_is_redacted(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="real_estate_async")
    base = f"http://127.0.0.1:{_closed_port()}/api/v1"
    async with client(base, max_retries=1) as bm:
        with pytest.raises(APIConnectionError) as info:
            await bm.contacts.get(1)
    assert not isinstance(info.value, APITimeoutError)
    assert "api_key=***" in info.value.url
    assert_no_key(info.value)
    assert caplog.records and KEY not in caplog.text


async def test_timeout_is_redacted(serve: ServerFactory, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="real_estate_async")
    never = asyncio.Event()

    async def stall(request: web.Request) -> web.Response:
        await never.wait()
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/api/v1/users/1", stall)
    base = await serve(app)
    async with client(base + "/api/v1", max_retries=0, timeout=0.05) as bm:
        with pytest.raises(APITimeoutError) as info:
            await bm.users.get(1)
    assert_no_key(info.value)
    assert KEY not in caplog.text
    never.set()


async def test_multipart_errors_are_redacted(serve: ServerFactory) -> None:
    base = await serve(_error_app(422, {"error": "bad file " + KEY, "status": 422}))
    async with client(base) as bm:
        with pytest.raises(ValidationError) as info:
            await bm.tasks.submit_document(1, 2, 3, b"x", filename="a.txt")
    assert info.value.message == "bad file ***"
    assert_no_key(info.value)
    refused = f"http://127.0.0.1:{_closed_port()}/api/v1"
    async with client(refused) as bm:
        with pytest.raises(APIConnectionError) as conn:
            await bm.tasks.submit_document(1, 2, 3, b"x", filename="a.txt")
    assert_no_key(conn.value)


async def test_logs_and_reprs_never_show_the_key(
    serve: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="real_estate_async")

    async def ok(request: web.Request) -> web.Response:
        return web.json_response([{"id": 1}])

    app = web.Application()
    app.router.add_get("/api/v1/users", ok)
    base = await serve(app)
    async with client(base + "/api/v1") as bm:
        pager = bm.users.list(count=5)
        await pager.collect()
        texts = [repr(bm), str(bm), repr(pager), repr(bm.limiter), repr(bm.with_options(timeout=1))]
    assert caplog.records
    assert "api_key=***" in caplog.text
    for text in [*texts, caplog.text]:
        assert KEY not in text


# ------------------------------------------------------------------------ error budget


def _counting_app(
    status: int, headers: dict[str, str], hits: list[float], body: Any = None
) -> web.Application:
    async def handler(request: web.Request) -> web.Response:
        hits.append(time.monotonic())
        return web.json_response(
            body if body is not None else {"error": "boom", "status": status},
            status=status,
            headers=headers,
        )

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


async def test_low_error_budget_stops_retrying(serve: ServerFactory) -> None:
    hits: list[float] = []
    base = await serve(_counting_app(503, {ERRORS: "7"}, hits))
    async with client(base, max_retries=3) as bm:
        with pytest.raises(ServerError) as info:
            await bm.transactions.get(1)
        assert bm.errors_remaining == 7
    assert len(hits) == 1  # no retry: the account keeps its last failed requests
    assert "budget low: 7 left" in str(info.value)
    assert_no_key(info.value)


async def test_healthy_error_budget_retries(serve: ServerFactory) -> None:
    hits: list[float] = []
    base = await serve(_counting_app(503, {ERRORS: "80"}, hits))
    async with client(base, max_retries=3) as bm:
        with pytest.raises(ServerError) as info:
            await bm.transactions.get(1)
        assert bm.errors_remaining == 80
    assert len(hits) == 4
    assert "budget" not in str(info.value)


async def test_error_budget_floor_is_configurable_and_shared(serve: ServerFactory) -> None:
    hits: list[float] = []
    base = await serve(_counting_app(500, {ERRORS: "40"}, hits))
    async with client(base, max_retries=3, error_budget_floor=50) as bm:
        other = bm.with_options(max_retries=5)
        with pytest.raises(ServerError):
            await other.contacts.get(1)
        assert bm.errors_remaining == 40  # one account, one budget
    assert len(hits) == 1


async def test_budget_is_tracked_on_success_and_stops_later_retries(serve: ServerFactory) -> None:
    state = {"n": 0}
    hits: list[float] = []

    async def handler(request: web.Request) -> web.Response:
        hits.append(time.monotonic())
        state["n"] += 1
        if state["n"] == 1:
            return web.json_response({"id": 1}, headers={ERRORS: "3"})
        return web.json_response({"error": "boom", "status": 502}, status=502)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    base = await serve(app)
    async with client(base, max_retries=3) as bm:
        await bm.users.get(1)
        assert bm.errors_remaining == 3
        with pytest.raises(ServerError):  # no header on the error: the last seen value holds
            await bm.users.get(1)
    assert len(hits) == 2


# --------------------------------------------------------------------------- limits


class QuickBurst(BrokermintClient):
    """Same headers, a 0.3 s burst window so the test does not wait 10 s."""

    vendor_name = "brokermint-quick-burst"
    rate_limit_headers = (
        HeaderWindow(
            "X-Brokermint-Burst-Remaining", None, window_seconds=0.3, limit=100, name="burst"
        ),
        HOUR_WINDOW,
    )


async def test_429_without_retry_after_waits_for_the_burst_window_only(
    serve: ServerFactory,
) -> None:
    hits: list[float] = []
    reset_ms = str(int((time.time() + 3600) * 1000))  # the hour resets in an hour

    async def handler(request: web.Request) -> web.Response:
        hits.append(time.monotonic())
        headers = {"X-Brokermint-Hour-Remaining": "1500", "X-Brokermint-Hour-Reset": reset_ms}
        if len(hits) == 1:
            headers["X-Brokermint-Burst-Remaining"] = "0"
            return web.json_response(
                {"error": "Rate limit", "status": 429}, status=429, headers=headers
            )
        return web.json_response({"id": 1}, headers=headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    base = await serve(app)
    async with QuickBurst(KEY, base_url=base, retry_policy=FAST, rate_limit=(1000, 1.0)) as bm:
        user = await bm.users.get(1)
    assert user.id == 1
    assert len(hits) == 2
    gap = hits[1] - hits[0]
    assert gap >= 0.25  # waited for the burst window...
    assert gap < 60  # ...not for the hourly reset an hour away


async def test_spent_hour_raises_instead_of_sleeping() -> None:
    bm = QuickBurst(KEY, rate_limit=(1000, 1.0))
    limiter = bm._build_limiter()
    assert limiter is not None
    await limiter.acquire()
    await limiter.feedback(
        200,
        {
            "X-Brokermint-Hour-Remaining": "0",
            "X-Brokermint-Hour-Reset": "3600000",  # ms until the reset
            "X-Brokermint-Burst-Remaining": "50",
        },
    )
    with pytest.raises(RateLimitError) as info:
        await limiter.acquire(max_wait=5)
    assert info.value.retry_after is not None and 3500 < info.value.retry_after <= 3600


async def test_burst_429_does_not_block_the_hour_window() -> None:
    bm = QuickBurst(KEY, rate_limit=(1000, 1.0))
    limiter = bm._build_limiter()
    assert limiter is not None
    await limiter.acquire()
    await limiter.feedback(
        429, {"X-Brokermint-Hour-Remaining": "1999", "X-Brokermint-Hour-Reset": "3599000"}
    )
    # Blocked for the 0.3 s burst window only: a max_wait of 5 s is enough.
    await limiter.acquire(max_wait=5)


async def test_hour_429_blocks_until_the_hour_reset() -> None:
    bm = QuickBurst(KEY, rate_limit=(1000, 1.0))
    limiter = bm._build_limiter()
    assert limiter is not None
    await limiter.acquire()
    await limiter.feedback(
        429,
        {
            "X-Brokermint-Hour-Remaining": "0",
            "X-Brokermint-Hour-Reset": "1800000",
            "X-Brokermint-Burst-Remaining": "99",
        },
    )
    with pytest.raises(RateLimitError):
        await limiter.acquire(max_wait=5)


async def test_one_limiter_per_key_shared_by_clients() -> None:
    async with SessionManager() as sm:
        a = BrokermintClient(KEY, session=sm)
        b = BrokermintClient(KEY, session=sm)
        c = BrokermintClient(KEY + "-other", session=sm)
        assert a.limiter is b.limiter
        assert a.limiter is not c.limiter


async def test_closed_client_raises_clearly() -> None:
    bm = BrokermintClient(KEY)
    await bm.aclose()
    with pytest.raises(ConfigurationError, match="closed"):
        await bm.transactions.get(1)
    with pytest.raises(ConfigurationError, match="closed"):
        await bm.tasks.submit_document(1, 2, 3, b"x", filename="a")


def test_parse_error_shapes() -> None:
    bm = BrokermintClient(KEY)
    assert bm._parse_error({"error": "x", "status": "404"}) == (404, "x")
    assert bm._parse_error({"error": "x", "status": 422}) == (422, "x")
    assert bm._parse_error({"error": "x", "status": "not_found"}) == ("not_found", "x")
    assert bm._parse_error({"errors": ["a", "b"]}) == (None, "a; b")
    assert bm._parse_error({"status": ""}) == (None, None)
    assert bm._parse_error("plain") == (None, None)
