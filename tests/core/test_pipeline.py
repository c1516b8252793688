"""The request pipeline against real localhost servers: retries, errors, redaction, session."""

from __future__ import annotations

import asyncio
import logging
import warnings
from typing import Any

import pytest
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SessionClosedError,
    SessionManager,
    ValidationError,
)
from real_estate_async.providers.base import Resource

SECRET = "toy-secret-key"


def counting_app(
    responses: list[web.StreamResponse | None], seen: list[web.Request]
) -> web.Application:
    """Each request gets the next response; ``None`` aborts the connection (a reset)."""

    async def handler(request: web.Request) -> web.StreamResponse:
        seen.append(request)
        await request.read()
        response = responses.pop(0) if len(responses) > 1 else responses[0]
        if response is None:
            assert request.transport is not None
            request.transport.abort()
            raise web.HTTPInternalServerError()  # never reaches the client
        assert isinstance(response, web.Response)
        # A prepared response cannot be sent twice: answer with a copy.
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return web.Response(status=response.status, body=response.body, headers=headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


async def test_get_decodes_json_and_sends_auth(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(counting_app([web.json_response({"ok": 1})], seen))
    async with ToyClient(base_url=base) as client:
        assert await client.request("GET", "/things", params={"a": [1, 2], "b": True}) == {"ok": 1}
    assert seen[0].headers["Authorization"] == f"token {SECRET}"
    assert seen[0].headers["Content-Type"] == "application/json"
    assert seen[0].query.getall("a") == ["1", "2"] and seen[0].query["b"] == "true"


@pytest.mark.parametrize(
    ("params", "raw_query"),
    [
        # Unreserved characters only: written into the URL by the SDK.
        ({"offset": 100, "id": "A-1_b.c~"}, "offset=100&id=A-1_b.c~&api_key=k-1"),
        # Anything else: quoted by aiohttp from params=, as before.
        ({"q": "a b&c=d", "n": 5}, "q=a+b%26c%3Dd&n=5&api_key=k-1"),
        ({"when": "2024-01-02T03:04:05+00:00"}, "when=2024-01-02T03:04:05%2B00:00&api_key=k-1"),
    ],
)
async def test_query_on_the_wire(
    serve: ServerFactory, params: dict[str, Any], raw_query: str
) -> None:
    seen: list[web.Request] = []
    base = await serve(counting_app([web.json_response({"ok": 1})], seen))
    async with ToyClient("k-1", base_url=base, in_query=True) as client:
        assert await client.request("GET", "/things", params=params) == {"ok": 1}
        # A path that carries its own query: the pairs are added to it, not replaced.
        await client.request("GET", "/things?x=1", params={"offset": 7})
    assert seen[0].raw_path == "/things?" + raw_query
    assert seen[1].raw_path == "/things?x=1&offset=7&api_key=k-1"


@pytest.mark.parametrize(
    ("response", "expected"),
    [
        (web.Response(status=204), None),
        (web.Response(status=200, body=b""), None),
    ],
)
async def test_empty_and_non_json_success(
    serve: ServerFactory, response: web.Response, expected: Any
) -> None:
    base = await serve(counting_app([response], []))
    async with ToyClient(base_url=base) as client:
        assert await client.request("DELETE", "/x/1") == expected


async def test_503_then_success_is_retried(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(
        counting_app([web.json_response({}, status=503), web.json_response({"n": 2})], seen)
    )
    async with ToyClient(base_url=base) as client:
        assert await client.request("GET", "/x") == {"n": 2}
        assert client.stats["retries"] == 1
    assert len(seen) == 2


async def test_429_retry_after_is_honoured(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    limited = web.json_response({"message": "slow"}, status=429, headers={"Retry-After": "0.2"})
    base = await serve(counting_app([limited, web.json_response({"ok": True})], seen))
    async with ToyClient(base_url=base) as client:
        loop = asyncio.get_running_loop()
        start = loop.time()
        assert await client.request("GET", "/x") == {"ok": True}
        assert loop.time() - start >= 0.19
        assert client.stats["rate_limited"] == 1


async def test_429_with_retry_after_beyond_cap_raises_with_retry_after(
    serve: ServerFactory,
) -> None:
    limited = web.json_response(
        {"message": "daily quota"}, status=429, headers={"Retry-After": "86400"}
    )
    seen: list[web.Request] = []
    base = await serve(counting_app([limited], seen))
    async with ToyClient(base_url=base) as client:
        with pytest.raises(RateLimitError) as info:
            await client.request("GET", "/x")
    assert info.value.retry_after == 86400
    assert len(seen) == 1


async def test_connection_reset_is_retried(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(counting_app([None, web.json_response({"ok": 1})], seen))
    async with ToyClient(base_url=base) as client:
        assert await client.request("GET", "/x") == {"ok": 1}
    assert len(seen) == 2


async def test_resets_exhaust_retries_into_connection_error(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(counting_app([None], seen))
    async with ToyClient(base_url=base, in_query=True, max_retries=2) as client:
        with pytest.raises(APIConnectionError) as info:
            await client.request("GET", "/x")
        assert client.stats["requests"] == 3  # 1 try + 2 retries (aiohttp may add its own)
    assert len(seen) >= 3
    assert SECRET not in str(info.value) and SECRET not in repr(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


async def test_timeout_raises_api_timeout_error(serve: ServerFactory) -> None:
    never = asyncio.Event()
    calls = 0

    async def slow(request: web.Request) -> web.Response:
        nonlocal calls
        calls += 1
        await never.wait()
        return web.json_response({})

    app = web.Application()
    app.router.add_get("/slow", slow)
    base = await serve(app)
    async with ToyClient(base_url=base, timeout=0.1, max_retries=1) as client:
        with pytest.raises(APITimeoutError):
            await client.request("GET", "/slow")
    assert calls == 2


async def test_post_is_not_retried_by_default(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(
        counting_app([web.json_response({}, status=503), web.json_response({})], seen)
    )
    async with ToyClient(base_url=base) as client:
        with pytest.raises(ServerError):
            await client.request("POST", "/x", json={"a": 1})
        assert len(seen) == 1
        # ... unless the caller opts in for this call.
        assert await client.request("POST", "/x", json={"a": 1}, retry_non_idempotent=True) == {}


async def test_max_retries_per_call_overrides_client(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(counting_app([web.json_response({}, status=500)], seen))
    async with ToyClient(base_url=base, max_retries=5) as client:
        with pytest.raises(ServerError):
            await client.request("GET", "/x", max_retries=0)
    assert len(seen) == 1


@pytest.mark.parametrize(
    ("status", "body", "cls", "message"),
    [
        (400, b'{"message": "bad field"}', ValidationError, "bad field"),
        (401, b'{"message": "who?"}', AuthenticationError, "who?"),
        (403, b"", PermissionDeniedError, "Forbidden"),
        (404, b"<html>nope</html>", NotFoundError, "<html>nope</html>"),
        (
            404,
            b'{"errorCode": "INVALID_API_KEY", "message": "bad key"}',
            AuthenticationError,
            "bad key",
        ),
        (409, b'{"error": "taken"}', ConflictError, "taken"),
        (422, b'{"code": 7, "message": "no"}', ValidationError, "no"),
        (418, b"teapot", APIStatusError, "teapot"),
        (502, b"", ServerError, "Bad Gateway"),
    ],
)
async def test_error_mapping(
    serve: ServerFactory, status: int, body: bytes, cls: type[APIStatusError], message: str
) -> None:
    base = await serve(counting_app([web.Response(status=status, body=body)], []))
    async with ToyClient(base_url=base, max_retries=0) as client:
        with pytest.raises(cls) as info:
            await client.request("GET", "/x/1")
    error = info.value
    assert type(error) is cls
    assert error.status_code == status and error.message == message
    assert error.method == "GET" and error.url.endswith("/x/1")


async def test_secrets_are_redacted_everywhere(
    serve: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    body = f'{{"message": "key {SECRET} is not valid"}}'.encode()
    base = await serve(counting_app([web.Response(status=401, body=body)], []))
    caplog.set_level(logging.DEBUG, logger="real_estate_async")
    async with ToyClient(base_url=base, in_query=True) as client:
        with pytest.raises(AuthenticationError) as info:
            await client.request("GET", "/x", params={"q": "visible"})
        assert SECRET not in repr(client)
    error = info.value
    for text in (str(error), repr(error), error.url, error.message, caplog.text):
        assert SECRET not in text
    assert "api_key=***" in error.url and "q=visible" in error.url
    assert "api_key=***" in caplog.text


async def test_header_secret_is_not_logged(
    serve: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    base = await serve(counting_app([web.json_response({})], []))
    caplog.set_level(logging.DEBUG, logger="real_estate_async")
    async with ToyClient(base_url=base) as client:
        await client.request("GET", "/x")
    assert "GET" in caplog.text and SECRET not in caplog.text


async def test_shared_session_outlives_clients(serve: ServerFactory) -> None:
    base = await serve(counting_app([web.json_response({"ok": 1})], []))
    async with SessionManager() as manager:
        async with ToyClient(base_url=base, session=manager) as one:
            await one.request("GET", "/x")
        two = ToyClient("other-key", base_url=base, session=manager)
        assert await two.request("GET", "/x") == {"ok": 1}
        assert one.session.session() is two.session.session()
    assert manager.closed
    with pytest.raises(SessionClosedError):
        await two.request("GET", "/x")


async def test_closed_client_raises_and_leaves_no_unclosed_warning(serve: ServerFactory) -> None:
    base = await serve(counting_app([web.json_response({})], []))
    client = ToyClient(base_url=base)
    await client.request("GET", "/x")
    await client.aclose()
    await client.aclose()  # idempotent
    with pytest.raises(SessionClosedError):
        await client.request("GET", "/x")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(SessionClosedError):
            async with client:
                pass


async def test_session_is_created_lazily_in_the_running_loop() -> None:
    manager = SessionManager()
    assert "idle" in repr(manager)
    session = manager.session()
    assert session.connector is not None and session.connector.limit == manager.limit
    await manager.aclose()


def test_bad_settings_raise_configuration_error() -> None:
    with pytest.raises(ConfigurationError):
        ToyClient("")
    with pytest.raises(ConfigurationError):
        ToyClient(timeout=0)
    with pytest.raises(ConfigurationError):
        ToyClient(max_retries=-1)
    with pytest.raises(ConfigurationError):
        ToyClient(rate_limit=(0, 60))


async def test_ids_are_encoded_and_absolute_paths_refused(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(counting_app([web.json_response({})], seen))
    async with ToyClient(base_url=base) as client:
        path = Resource(client)._path  # how every vendor resource builds its paths
        await client.request("GET", path("/leads/{}", "../admin?x=1"))
        with pytest.raises(ValueError):
            path("/leads/{}", None)
        with pytest.raises(ValueError):
            path("/leads/{}", "..")
        with pytest.raises(TypeError):
            path("/leads/{}", True)
        with pytest.raises(ValueError):
            await client.request("GET", "http://evil.test/steal")
    assert seen[0].raw_path.startswith("/leads/..%2Fadmin%3Fx%3D1")
    assert len(seen) == 1


async def test_with_options_shares_session_and_changes_defaults(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(counting_app([web.json_response({}, status=500)], seen))
    async with ToyClient(base_url=base, max_retries=3) as client:
        quick = client.with_options(max_retries=0, timeout=5)
        with pytest.raises(ServerError):
            await quick.request("GET", "/x")
        assert len(seen) == 1
        assert quick.session is client.session and quick.timeout == 5
        await quick.aclose()  # does not close the parent's session
        assert not client.session.closed


async def test_extra_headers_and_query_per_call(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(counting_app([web.json_response({})], seen))
    async with ToyClient(base_url=base) as client:
        await client.request("GET", "/x", extra_headers={"X-Trace": "t1"}, extra_query={"debug": 1})
    assert seen[0].headers["X-Trace"] == "t1" and seen[0].query["debug"] == "1"


def test_json_decoding_falls_back_for_what_orjson_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import math

    from real_estate_async import _pipeline as base

    decoded = base._decode_body(b'{"a": NaN, "big": 123456789012345678901234567890}')
    assert math.isnan(decoded["a"]) and decoded["big"] == 123456789012345678901234567890
    monkeypatch.setattr(base, "_loads", json.loads)  # without the "speed" extra
    assert base._decode_body(b'{"ok": [1, 2]}') == {"ok": [1, 2]}
    assert base._decode_body(b"not json") == "not json"  # error bodies keep their text
    with pytest.raises(ValueError):
        base._decode_json(b"not json")
    assert base._decode_body(b"") is None
