"""SessionManager transport options against real localhost servers: a forwarding proxy,
HTTP_PROXY/NO_PROXY, TLS with a self-signed CA, aiohttp trace configs and middlewares,
and a session the user owns."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from _proxy import forwarding_proxy
from _toy import ToyClient
from aiohttp import web
from aiohttp.test_utils import TestServer
from conftest import ServerFactory

from real_estate_async import APIConnectionError, ConfigurationError, SessionManager

SECRET = "toy-secret-key"


def upstream_app(seen: list[str]) -> web.Application:
    async def handler(request: web.Request) -> web.Response:
        seen.append(request.path)
        return web.json_response({"path": request.path, "via": request.headers.get("Via")})

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    return app


async def test_explicit_proxy_carries_every_call(serve: ServerFactory) -> None:
    upstream: list[str] = []
    through: list[tuple[str, str, str | None]] = []
    base = await serve(upstream_app(upstream))
    proxy = await serve(forwarding_proxy(through))
    auth = ("proxyuser", "proxy-pass-123")
    async with SessionManager(proxy=proxy, proxy_auth=auth) as session:
        client = ToyClient(base_url=f"{base}/v1", session=session, in_query=True)
        assert await client.request("GET", "/leads/5") == {"path": "/v1/leads/5", "via": None}
        assert await client.request("GET", "/leads/6") == {"path": "/v1/leads/6", "via": None}
        assert "proxy-pass-123" not in repr(session)
    # Both calls went through the proxy, as absolute URIs, with the proxy's credentials.
    assert [t[1].split("?")[0] for t in through] == [f"{base}/v1/leads/5", f"{base}/v1/leads/6"]
    assert all(t[2] == aiohttp.encode_basic_auth(*auth) for t in through)
    assert upstream == ["/v1/leads/5", "/v1/leads/6"]


async def test_proxy_password_in_the_url_is_redacted() -> None:
    session = SessionManager(proxy="http://user:hunter2@127.0.0.1:9")
    assert "hunter2" not in repr(session) and "***" in repr(session)
    # The proxy refuses the connection: the error names no password.
    client = ToyClient(base_url="http://127.0.0.1:9/v1", session=session, max_retries=0)
    with pytest.raises(APIConnectionError) as info:
        await client.request("GET", "/x")
    assert "hunter2" not in str(info.value)
    await session.aclose()


async def test_trust_env_honours_http_proxy_and_no_proxy(
    serve: ServerFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    through: list[tuple[str, str, str | None]] = []
    base = await serve(upstream_app([]))
    proxy = await serve(forwarding_proxy(through))
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    # Default: the environment is ignored.
    async with SessionManager() as session:
        await ToyClient(base_url=base, session=session).request("GET", "/a")
    assert through == []
    async with SessionManager(trust_env=True) as session:
        await ToyClient(base_url=base, session=session).request("GET", "/b")
    assert [t[1] for t in through] == [f"{base}/b"]
    # NO_PROXY naming the vendor host goes direct again.
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    async with SessionManager(trust_env=True) as session:
        await ToyClient(base_url=base, session=session).request("GET", "/c")
    assert [t[1] for t in through] == [f"{base}/b"]


@pytest.fixture
def self_signed(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


async def test_tls_default_verifies_and_ca_bundle_or_ssl_false_connect(
    self_signed: tuple[Path, Path],
) -> None:
    cert, key = self_signed
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server = TestServer(upstream_app([]), host="127.0.0.1")
    await server.start_server(ssl=context)
    base = str(server.make_url("")).rstrip("/")
    assert base.startswith("https://")
    try:
        async with SessionManager() as session:
            client = ToyClient(base_url=base, session=session, max_retries=0)
            with pytest.raises(APIConnectionError, match=r"certificate|SSL"):
                await client.request("GET", "/x")
        for options in ({"ca_bundle": cert}, {"ssl": False},
                        {"ssl": ssl.create_default_context(cafile=str(cert))}):  # fmt: skip
            async with SessionManager(**options) as session:
                client = ToyClient(base_url=base, session=session)
                assert (await client.request("GET", "/x"))["path"] == "/x"
    finally:
        await server.close()


async def test_trace_configs_and_middlewares_are_passed_to_aiohttp(serve: ServerFactory) -> None:
    base = await serve(upstream_app([]))
    started: list[str] = []
    trace = aiohttp.TraceConfig()

    async def on_start(session: Any, context: Any, params: aiohttp.TraceRequestStartParams) -> None:
        started.append(params.url.path)

    trace.on_request_start.append(on_start)
    seen_by_middleware: list[str] = []

    async def middleware(request: aiohttp.ClientRequest, handler: Any) -> aiohttp.ClientResponse:
        seen_by_middleware.append(request.url.path)
        request.headers["X-From-Middleware"] = "1"
        response: aiohttp.ClientResponse = await handler(request)
        return response

    async with SessionManager(trace_configs=[trace], middlewares=[middleware]) as session:
        await ToyClient(base_url=base, session=session).request("GET", "/traced")
    assert started == ["/traced"] and seen_by_middleware == ["/traced"]


async def test_keepalive_and_pool_limits_reach_the_connector() -> None:
    async with SessionManager(limit=7, limit_per_host=3, keepalive_timeout=2.5) as manager:
        connector = manager.session().connector
        assert isinstance(connector, aiohttp.TCPConnector)
        assert (connector.limit, connector.limit_per_host) == (7, 3)
        assert connector._keepalive_timeout == 2.5


async def test_a_user_session_is_used_and_not_closed(serve: ServerFactory) -> None:
    base = await serve(upstream_app([]))
    async with aiohttp.ClientSession(headers={"User-Agent": "mine"}) as own:
        async with SessionManager(session=own) as manager:
            assert manager.session() is own
            assert (await ToyClient(base_url=base, session=manager).request("GET", "/u"))[
                "path"
            ] == "/u"
        assert manager.closed and not own.closed


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"proxy": "socks5://127.0.0.1:1080"}, "http:// or https://"),
        ({"proxy": "ftp://user:pw@host"}, "ftp://user:\\*\\*\\*@host"),
        ({"proxy_auth": ("u", "p")}, "needs proxy="),
        ({"proxy": "http://p:1", "proxy_auth": ("u", 1)}, "login, password"),
        ({"ssl": "yes"}, "SSLContext"),
        ({"ca_bundle": "/nonexistent/ca.pem"}, "not a file"),
        ({"ssl": False, "ca_bundle": __file__}, "not both"),
        ({"ca_bundle": __file__}, "not a PEM CA bundle"),
        ({"keepalive_timeout": -1}, "keepalive_timeout"),
        ({"limit": -1}, "limit"),
        ({"trust_env": "yes"}, "trust_env"),
        ({"trace_configs": [object()]}, "TraceConfig"),
        ({"middlewares": [1]}, "callables"),
        ({"session": object()}, "aiohttp.ClientSession"),
    ],
)
def test_bad_transport_options_are_configuration_errors(
    options: dict[str, Any], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        SessionManager(**options)


async def test_a_user_session_with_transport_options_is_refused() -> None:
    async with aiohttp.ClientSession() as own:
        with pytest.raises(ConfigurationError, match="proxy, ssl"):
            SessionManager(session=own, proxy="http://p:1", ssl=False)
