"""Ovipro client: construction, bearer token and token_provider refresh on 401, Request-ID
(present, a UUID, fresh per call, stable across retries, in errors), the Agency API
document's error table, 429 with Retry-After, secret redaction."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import (
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    RateLimitError,
    RetryPolicy,
    ServerError,
    ValidationError,
)
from real_estate_async.providers.ovipro import OviproClient

TOKEN = "eyJhbGciOiJIUzI1NiJ9.ovipro-test-token.sig"
FRESH = "eyJhbGciOiJIUzI1NiJ9.ovipro-fresh-token.sig"
AGENT_ID = "ecddaeca-160a-46c4-987a-075942a4c512"
FAST = RetryPolicy(backoff_base=0.001, backoff_cap=0.01)

Handler = Callable[[web.Request], Any]


class Recorder:
    """One handler for every path; records the request headers it saw."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler
        self.headers: list[dict[str, str]] = []

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.headers.append(dict(request.headers))
        result = self.handler(request)
        if asyncio.iscoroutine(result):
            result = await result
        return result  # type: ignore[no-any-return]

    @property
    def request_ids(self) -> list[str]:
        return [h["Request-ID"] for h in self.headers]

    @property
    def tokens(self) -> list[str]:
        return [h.get("Authorization", "") for h in self.headers]


def agent_ok(request: web.Request) -> web.Response:
    return web.json_response({"agentId": AGENT_ID, "firstName": "Ville"})


class Provider:
    """An async token provider handing out the given tokens in turn."""

    def __init__(self, *tokens: str) -> None:
        self.tokens = list(tokens)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        await asyncio.sleep(0)
        return self.tokens[min(self.calls, len(self.tokens)) - 1]


def accept_only(token: str) -> Handler:
    def handle(request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {token}":
            return web.json_response(
                {"errorCode": "UNAUTHORIZED", "message": "Unauthorized request."}, status=401
            )
        return agent_ok(request)

    return handle


# ------------------------------------------------------------------ construction


def test_missing_token_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OVIPRO_ACCESS_TOKEN", raising=False)
    with pytest.raises(ConfigurationError, match="OVIPRO_ACCESS_TOKEN"):
        OviproClient()


def test_token_provider_must_be_callable() -> None:
    with pytest.raises(ConfigurationError, match="token_provider"):
        OviproClient(token_provider="not callable")  # type: ignore[arg-type]


async def test_token_from_environment(
    monkeypatch: pytest.MonkeyPatch, serve: ServerFactory
) -> None:
    monkeypatch.setenv("OVIPRO_ACCESS_TOKEN", TOKEN)
    server = Recorder(agent_ok)
    monkeypatch.setenv("OVIPRO_BASE_URL", await serve(server.app()))
    async with OviproClient() as client:
        agent = await client.agents.get(AGENT_ID)
        assert TOKEN not in repr(client)
    assert agent.first_name == "Ville"
    assert server.tokens == [f"Bearer {TOKEN}"]


def test_default_base_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OVIPRO_BASE_URL", raising=False)
    assert OviproClient(TOKEN).base_url == "https://api.ovipro.fi/agency/v1"


# ---------------------------------------------------------------- Request-ID


async def test_request_id_is_a_fresh_uuid_per_call(serve: ServerFactory) -> None:
    server = Recorder(agent_ok)
    async with OviproClient(TOKEN, base_url=await serve(server.app())) as client:
        await client.agents.get(AGENT_ID)
        await client.agents.get(AGENT_ID)
        await asyncio.gather(*(client.agents.get(AGENT_ID) for _ in range(3)))
    ids = server.request_ids
    assert len(ids) == 5 and len(set(ids)) == 5
    assert all(uuid.UUID(i).version == 4 and str(uuid.UUID(i)) == i for i in ids)


async def test_every_attempt_gets_a_new_request_id(serve: ServerFactory) -> None:
    # Ovipro Agency API 1.0 document: Request-ID is "a unique id which identifies the HTTP
    # request"; a retry is a new HTTP request.
    attempts: list[int] = []

    def flaky(request: web.Request) -> web.Response:
        attempts.append(1)
        if len(attempts) < 3:
            return web.json_response(
                {"errorCode": "TECHNICAL_ERROR", "message": "down"}, status=503
            )
        return agent_ok(request)

    server = Recorder(flaky)
    async with OviproClient(TOKEN, base_url=await serve(server.app()), retry_policy=FAST) as c:
        await c.agents.get(AGENT_ID)
        await c.agents.get(AGENT_ID)
    first_call, second_call = server.request_ids[:3], server.request_ids[3:]
    assert len(set(first_call)) == 3  # 503, 503, 200: three HTTP requests, three ids
    assert len(second_call) == 1 and second_call[0] not in first_call


async def test_error_carries_the_request_id(serve: ServerFactory) -> None:
    def unavailable(request: web.Request) -> web.Response:
        return web.json_response({"errorCode": "TECHNICAL_ERROR", "message": "down"}, status=500)

    server = Recorder(unavailable)
    async with OviproClient(
        TOKEN, base_url=await serve(server.app()), retry_policy=FAST, max_retries=2
    ) as client:
        with pytest.raises(ServerError) as info:
            await client.agents.get(AGENT_ID)
    assert len(server.request_ids) == 3 and len(set(server.request_ids)) == 3
    assert info.value.request_ids == tuple(server.request_ids)
    assert info.value.request_id == server.request_ids[-1]
    assert f"request_id={server.request_ids[-1]}" in str(info.value)


# ---------------------------------------------------------------- error table

ERROR_TABLE = [
    (400, "BAD_REQUEST_PARAMETERS", ValidationError),
    (400, "BAD_REQUEST_BODY", ValidationError),
    (400, "VALUE_REQUIRED", ValidationError),
    (400, "INVALID_TYPE", ValidationError),
    (400, "INVALID_STATUS", ValidationError),
    (401, "UNAUTHORIZED", AuthenticationError),
    (404, "INVALID_ID", NotFoundError),
    (404, "INVALID_API_KEY", AuthenticationError),
    (415, "UNSUPPORTED_MEDIA_TYPE", ValidationError),
    (500, "TECHNICAL_ERROR", ServerError),
]


@pytest.mark.parametrize(("status", "code", "cls"), ERROR_TABLE, ids=[r[1] for r in ERROR_TABLE])
async def test_error_table(
    serve: ServerFactory, status: int, code: str, cls: type[APIStatusError]
) -> None:
    body = {
        "errorCode": code,
        "message": f"vendor says {code}",
        "errors": [{"field": "agentId", "message": "invalid"}],
    }
    server = Recorder(lambda request: web.json_response(body, status=status))
    async with OviproClient(TOKEN, base_url=await serve(server.app()), max_retries=0) as client:
        with pytest.raises(cls) as info:
            await client.agents.get(AGENT_ID)
    err = info.value
    assert type(err) is cls
    assert (err.status_code, err.code) == (status, code)
    assert err.message.startswith(f"vendor says {code}")
    assert err.body == body  # the "errors" details stay available
    assert err.request_id == server.request_ids[0]


async def test_unknown_code_falls_back_to_status(serve: ServerFactory) -> None:
    server = Recorder(
        lambda r: web.json_response({"errorCode": "SOMETHING_NEW", "message": "x"}, status=404)
    )
    async with OviproClient(TOKEN, base_url=await serve(server.app())) as client:
        with pytest.raises(NotFoundError) as info:
            await client.agencies.get("3ee33c0c-312b-49f6-b5b3-98e2cbaf832f")
    assert info.value.code == "SOMETHING_NEW"


async def test_invalid_api_key_gets_a_hint(serve: ServerFactory) -> None:
    server = Recorder(
        lambda r: web.json_response(
            {"errorCode": "INVALID_API_KEY", "message": "Missing or invalid API key."}, status=404
        )
    )
    async with OviproClient(TOKEN, base_url=await serve(server.app())) as client:
        with pytest.raises(AuthenticationError, match="check the access token"):
            await client.agents.get(AGENT_ID)


async def test_non_json_error_body(serve: ServerFactory) -> None:
    server = Recorder(lambda r: web.Response(text="Unsupported Media Type", status=415))
    async with OviproClient(TOKEN, base_url=await serve(server.app())) as client:
        with pytest.raises(APIStatusError) as info:
            await client.agents.get(AGENT_ID)
    assert info.value.status_code == 415 and "Unsupported" in info.value.message


# ------------------------------------------------------------------ 429


async def test_429_retry_after_is_honoured(serve: ServerFactory) -> None:
    attempts: list[int] = []

    def limited(request: web.Request) -> web.Response:
        attempts.append(1)
        if len(attempts) == 1:
            return web.json_response(
                {"message": "Too many requests"}, status=429, headers={"Retry-After": "0"}
            )
        return agent_ok(request)

    server = Recorder(limited)
    async with OviproClient(TOKEN, base_url=await serve(server.app()), retry_policy=FAST) as c:
        agent = await c.agents.get(AGENT_ID)
    assert agent.agent_id == AGENT_ID
    assert len(attempts) == 2
    assert len(set(server.request_ids)) == 2  # a new HTTP request, a new Request-ID


async def test_429_with_a_long_retry_after_raises_at_once(serve: ServerFactory) -> None:
    server = Recorder(
        lambda r: web.json_response(
            {"message": "later"}, status=429, headers={"Retry-After": "3600"}
        )
    )
    async with OviproClient(TOKEN, base_url=await serve(server.app())) as client:
        with pytest.raises(RateLimitError) as info:
            await client.agents.get(AGENT_ID)
    assert info.value.retry_after == 3600
    assert len(server.headers) == 1


# ------------------------------------------------------------ token provider


async def test_provider_is_asked_once_at_first_use(serve: ServerFactory) -> None:
    provider = Provider(TOKEN)
    server = Recorder(agent_ok)
    async with OviproClient(token_provider=provider, base_url=await serve(server.app())) as c:
        assert provider.calls == 0  # not at construction
        await asyncio.gather(*(c.agents.get(AGENT_ID) for _ in range(4)))
        await c.agents.get(AGENT_ID)
    assert provider.calls == 1
    assert server.tokens == [f"Bearer {TOKEN}"] * 5


async def test_provider_is_asked_again_on_401_and_the_call_retried(serve: ServerFactory) -> None:
    provider = Provider(TOKEN, FRESH)
    server = Recorder(accept_only(FRESH))
    async with OviproClient(token_provider=provider, base_url=await serve(server.app())) as c:
        agent = await c.agents.get(AGENT_ID)
        await c.agents.get(AGENT_ID)
    assert agent.first_name == "Ville"
    assert provider.calls == 2
    assert server.tokens == [f"Bearer {TOKEN}", f"Bearer {FRESH}", f"Bearer {FRESH}"]
    assert server.request_ids[0] != server.request_ids[1]  # each attempt has its own id


async def test_fixed_token_with_provider_refreshes(serve: ServerFactory) -> None:
    provider = Provider(FRESH)
    server = Recorder(accept_only(FRESH))
    async with OviproClient(
        TOKEN, token_provider=provider, base_url=await serve(server.app())
    ) as client:
        await client.agents.get(AGENT_ID)
    assert provider.calls == 1
    assert server.tokens == [f"Bearer {TOKEN}", f"Bearer {FRESH}"]


async def test_concurrent_401s_refresh_once(serve: ServerFactory) -> None:
    provider = Provider(FRESH)
    server = Recorder(accept_only(FRESH))
    async with OviproClient(
        TOKEN, token_provider=provider, base_url=await serve(server.app())
    ) as client:
        agents = await asyncio.gather(*(client.agents.get(AGENT_ID) for _ in range(5)))
    assert len(agents) == 5
    assert provider.calls == 1
    assert server.tokens.count(f"Bearer {FRESH}") == 5


async def test_refresh_is_asked_only_once_per_call(serve: ServerFactory) -> None:
    provider = Provider(TOKEN, FRESH, "third")
    server = Recorder(accept_only("never"))
    async with OviproClient(token_provider=provider, base_url=await serve(server.app())) as c:
        with pytest.raises(AuthenticationError) as info:
            await c.agents.get(AGENT_ID)
    assert provider.calls == 2  # first use + one refresh
    assert len(server.headers) == 2
    assert info.value.code == "UNAUTHORIZED"


async def test_provider_returning_the_same_token_fails_fast(serve: ServerFactory) -> None:
    provider = Provider(TOKEN)
    server = Recorder(accept_only("never"))
    async with OviproClient(token_provider=provider, base_url=await serve(server.app())) as c:
        with pytest.raises(AuthenticationError):
            await c.agents.get(AGENT_ID)
    assert provider.calls == 2 and len(server.headers) == 1


async def test_fixed_token_401_is_not_retried(serve: ServerFactory) -> None:
    server = Recorder(accept_only("never"))
    async with OviproClient(TOKEN, base_url=await serve(server.app())) as client:
        with pytest.raises(AuthenticationError):
            await client.agents.get(AGENT_ID)
    assert len(server.headers) == 1


async def test_sync_provider_is_accepted(serve: ServerFactory) -> None:
    server = Recorder(agent_ok)
    async with OviproClient(token_provider=lambda: TOKEN, base_url=await serve(server.app())) as c:
        await c.agents.get(AGENT_ID)
    assert server.tokens == [f"Bearer {TOKEN}"]


@pytest.mark.parametrize("bad", ["", None, 42])
async def test_provider_returning_garbage_is_a_clear_error(serve: ServerFactory, bad: Any) -> None:
    server = Recorder(agent_ok)

    async def provider() -> Any:
        return bad

    async with OviproClient(token_provider=provider, base_url=await serve(server.app())) as c:
        with pytest.raises(ConfigurationError, match="token_provider"):
            await c.agents.get(AGENT_ID)
    assert server.headers == []


async def test_placeholder_never_leaks_and_tokens_are_scrubbed(serve: ServerFactory) -> None:
    provider = Provider(TOKEN, FRESH)

    def echo(request: web.Request) -> web.Response:
        sent = request.headers.get("Authorization", "")
        return web.json_response(
            {"errorCode": "UNAUTHORIZED", "message": f"token {sent} expired"}, status=401
        )

    server = Recorder(echo)
    client = OviproClient(token_provider=provider, base_url=await serve(server.app()))
    placeholder = client._credential
    async with client:
        with pytest.raises(AuthenticationError) as info:
            await client.agents.get(AGENT_ID)
        secrets = client._secrets()
    assert set(secrets) == {TOKEN, FRESH}
    assert placeholder not in secrets
    assert all(placeholder not in t for t in server.tokens)
    shown = f"{info.value} {info.value!r} {client!r}"
    assert TOKEN not in shown and FRESH not in shown and placeholder not in shown
    assert "***" in info.value.message


async def test_with_options_shares_the_token(serve: ServerFactory) -> None:
    provider = Provider(TOKEN, FRESH)
    server = Recorder(accept_only(FRESH))
    async with OviproClient(token_provider=provider, base_url=await serve(server.app())) as c:
        other = c.with_options(timeout=5)
        await other.agents.get(AGENT_ID)  # first use + refresh through the copy
        await c.agents.get(AGENT_ID)  # the original already has the fresh token
    assert provider.calls == 2
    assert server.tokens[-1] == f"Bearer {FRESH}"


async def test_closed_client_does_not_ask_the_provider() -> None:
    provider = Provider(TOKEN)
    client = OviproClient(token_provider=provider)
    await client.aclose()
    with pytest.raises(ConfigurationError, match="closed"):
        await client.agents.get(AGENT_ID)
    assert provider.calls == 0
