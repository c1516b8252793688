"""Open To Close client: construction, api_token auth and redaction, error mapping, input
validation before any request."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import (
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    RetryPolicy,
    ServerError,
    ValidationError,
)
from real_estate_async.providers.open_to_close import Agent, OpenToCloseClient

KEY = "otc-secret-key-123456"
FAST = RetryPolicy(backoff_base=0.001, backoff_cap=0.01)


def error_app(status: int, body: Any, seen: list[web.Request]) -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        seen.append(request)
        if isinstance(body, (dict, list)):
            return web.json_response(body, status=status)
        return web.Response(text=body, status=status)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


# ------------------------------------------------------------------ construction


def test_missing_key_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPEN_TO_CLOSE_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="OPEN_TO_CLOSE_API_KEY"):
        OpenToCloseClient()


async def test_key_from_environment_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPEN_TO_CLOSE_API_KEY", KEY)
    monkeypatch.delenv("OPEN_TO_CLOSE_BASE_URL", raising=False)
    async with OpenToCloseClient() as client:
        assert client.base_url == "https://api.opentoclose.com/v1"
        assert KEY not in repr(client)
        assert "api_token" in client.secret_params


async def test_base_url_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPEN_TO_CLOSE_BASE_URL", "http://127.0.0.1:1/v9/")
    async with OpenToCloseClient(KEY) as client:
        assert client.base_url == "http://127.0.0.1:1/v9"


async def test_api_token_travels_in_the_query(serve: ServerFactory) -> None:
    seen: list[dict[str, Any]] = []

    async def handle(request: web.Request) -> web.Response:
        seen.append({"path": request.path, "query": dict(request.query), "h": request.headers})
        return web.json_response({"id": 7, "name": "Ann", "license_number": "RE1"})

    app = web.Application()
    app.router.add_get("/v1/agents/7", handle)
    base = await serve(app)
    async with OpenToCloseClient(KEY, base_url=f"{base}/v1") as client:
        agent = await client.agents.get(7)
    assert isinstance(agent, Agent) and agent.name == "Ann" and agent.license_number == "RE1"
    assert seen[0]["query"] == {"api_token": KEY}
    assert "Authorization" not in seen[0]["h"]
    assert seen[0]["h"]["Accept"] == "application/json"


async def test_request_shape_with_aioresponses(mock_http: Any) -> None:
    """The same POST through the aioresponses mock: JSON body, api_token query."""
    url = re.compile(r"^https://api\.opentoclose\.com/v1/agents\?api_token=.*$")
    mock_http.post(url, payload={"id": 5, "name": "Bo"}, status=201)
    async with OpenToCloseClient(KEY) as client:
        created = await client.agents.create_agent({"name": "Bo", "team_id": 3})
    assert created == {"id": 5, "name": "Bo"}
    ((method, called_url), calls), *_ = mock_http.requests.items()
    assert method == "POST" and called_url.path == "/v1/agents"
    assert called_url.query["api_token"] == KEY
    assert json.loads(calls[0].kwargs["data"]) == {"name": "Bo", "team_id": 3}


# ---------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("status", "body", "cls", "message"),
    [
        (401, {"message": "Invalid API token"}, AuthenticationError, "Invalid API token"),
        (400, {"message": "limit must be an integer"}, ValidationError, "limit must be"),
        (
            422,
            {"message": "Validation failed", "errors": {"email": ["is invalid"]}},
            ValidationError,
            "Validation failed (email: is invalid)",
        ),
        (404, {"error": "Agent not found"}, NotFoundError, "Agent not found"),
        (404, {"error": {"message": "No such property", "code": "E404"}}, NotFoundError, "No such"),
        (404, {"detail": "Not found."}, NotFoundError, "Not found."),
        (404, "<html>missing</html>", NotFoundError, "<html>missing</html>"),
        (404, "", NotFoundError, "Not Found"),
        (500, {"message": "boom"}, ServerError, "boom"),
        (418, {"message": "teapot"}, APIStatusError, "teapot"),
    ],
)
async def test_error_mapping_keeps_vendor_message(
    serve: ServerFactory, status: int, body: Any, cls: type[APIStatusError], message: str
) -> None:
    seen: list[web.Request] = []
    base = await serve(error_app(status, body, seen))
    async with OpenToCloseClient(KEY, base_url=base, max_retries=0) as client:
        with pytest.raises(cls) as info:
            await client.agents.retrieve_agent(1)
    err = info.value
    assert type(err) is cls
    assert err.status_code == status
    assert message in err.message
    assert KEY not in str(err) and KEY not in repr(err) and KEY not in err.url
    assert "api_token=***" in err.url
    assert len(seen) == 1


async def test_error_code_is_kept(serve: ServerFactory) -> None:
    base = await serve(error_app(404, {"error": {"message": "gone", "code": "E404"}}, []))
    async with OpenToCloseClient(KEY, base_url=base) as client:
        with pytest.raises(NotFoundError) as info:
            await client.properties.get(3)
    assert info.value.code == "E404"


async def test_server_error_is_retried_then_succeeds(serve: ServerFactory) -> None:
    calls: list[int] = []

    async def handle(request: web.Request) -> web.Response:
        calls.append(1)
        if len(calls) == 1:
            return web.json_response({"message": "busy"}, status=503)
        return web.json_response([{"id": 1}])

    app = web.Application()
    app.router.add_get("/agents", handle)
    base = await serve(app)
    async with OpenToCloseClient(KEY, base_url=base, retry_policy=FAST) as client:
        assert await client.agents.list_agents({"limit": 5}) == [{"id": 1}]
    assert len(calls) == 2


async def test_429_retry_after_is_honoured(serve: ServerFactory) -> None:
    calls: list[int] = []

    async def handle(request: web.Request) -> web.Response:
        calls.append(1)
        if len(calls) == 1:
            return web.json_response(
                {"message": "slow down"}, status=429, headers={"Retry-After": "0"}
            )
        return web.json_response({"id": 2})

    app = web.Application()
    app.router.add_get("/teams/2", handle)
    base = await serve(app)
    async with OpenToCloseClient(KEY, base_url=base, retry_policy=FAST) as client:
        assert (await client.teams.get(2)).id == 2
    assert len(calls) == 2


# ------------------------------------------------------------ input validation


def _no_requests(mock_http: Any) -> None:
    assert not mock_http.requests, "a request was sent before validation"


@pytest.mark.parametrize("bad", [0, -1, "abc", True, None, 1.5, "", "1/2"])
async def test_bad_ids_fail_before_any_request(mock_http: Any, bad: Any) -> None:
    async with OpenToCloseClient(KEY) as client:
        for call in (
            lambda: client.agents.retrieve_agent(bad),
            lambda: client.agents.get(bad),
            lambda: client.agents.update_agent(bad, {"name": "x"}),
            lambda: client.agents.delete_agent(bad),
            lambda: client.property_contacts.list_property_contacts(bad),
            lambda: client.property_contacts.retrieve_property_contact(bad, 1),
            lambda: client.property_contacts.retrieve_property_contact(1, bad),
            lambda: client.property_contacts.delete(1, bad),
            lambda: client.contacts.retrieve_contact(bad),
            lambda: client.property_documents.get(1, bad),
        ):
            with pytest.raises((ValueError, TypeError)):
                await call()
        with pytest.raises((ValueError, TypeError)):
            client.property_notes.list(bad)
    _no_requests(mock_http)


@pytest.mark.parametrize("bad", [{}, None, [], "name=x", 3])
async def test_create_needs_a_non_empty_dict(mock_http: Any, bad: Any) -> None:
    async with OpenToCloseClient(KEY) as client:
        with pytest.raises((ValueError, TypeError)):
            await client.agents.create_agent(bad)
        with pytest.raises((ValueError, TypeError)):
            await client.agents.create(bad)
        with pytest.raises((ValueError, TypeError)):
            await client.property_contacts.create_property_contact(1, bad)
        with pytest.raises((ValueError, TypeError)):
            await client.users.update_user(1, bad)
    _no_requests(mock_http)


async def test_error_message_names_the_parameter(mock_http: Any) -> None:
    async with OpenToCloseClient(KEY) as client:
        with pytest.raises(ValueError, match="agent_id"):
            await client.agents.retrieve_agent(0)
        with pytest.raises(ValueError, match="property_id"):
            await client.property_contacts.list_property_contacts(-4)
        with pytest.raises(ValueError, match="contact_id"):
            await client.property_contacts.retrieve_property_contact(1, 0)
        with pytest.raises(ValueError, match="agent_data"):
            await client.agents.create_agent({})
        with pytest.raises(TypeError, match="params"):
            await client.agents.list_agents("limit=5")  # type: ignore[arg-type]
    _no_requests(mock_http)


async def test_digit_string_ids_are_accepted(serve: ServerFactory) -> None:
    async def handle(request: web.Request) -> web.Response:
        return web.json_response({"id": int(request.match_info["id"])})

    app = web.Application()
    app.router.add_get("/agents/{id}", handle)
    base = await serve(app)
    async with OpenToCloseClient(KEY, base_url=base) as client:
        assert (await client.agents.retrieve_agent("42")) == {"id": 42}  # type: ignore[arg-type]


async def test_with_options_keeps_resources_and_key(serve: ServerFactory) -> None:
    async def handle(request: web.Request) -> web.Response:
        return web.json_response({"id": 1, "token_ok": request.query.get("api_token") == KEY})

    app = web.Application()
    app.router.add_get("/tags/1", handle)
    base = await serve(app)
    async with OpenToCloseClient(KEY, base_url="http://127.0.0.1:9") as client:
        other = client.with_options(base_url=base, timeout=5)
        tag = await other.tags.retrieve_tag(1)
    assert tag == {"id": 1, "token_ok": True}
