"""Shared fixtures: localhost aiohttp servers and an aioresponses mock that works on aiohttp 3.14."""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from real_estate_async.sandbox import RateLimits, Sandbox, SandboxThread
from real_estate_async.testing import aioresponses_compat, pytest_configure, sandbox

ServerFactory = Callable[[web.Application], Awaitable[str]]


@pytest.fixture
def mock_http() -> Iterator[object]:
    """aioresponses, patched for aiohttp 3.14 (see ``real_estate_async.testing``)."""
    from aioresponses import aioresponses

    with aioresponses_compat(), aioresponses() as mocked:
        yield mocked


@pytest.fixture
async def serve() -> AsyncIterator[ServerFactory]:
    """Start an ``aiohttp.web.Application`` on localhost; returns its base URL."""
    servers: list[TestServer] = []

    async def start(app: web.Application) -> str:
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        servers.append(server)
        return str(server.make_url("")).rstrip("/")

    yield start
    for server in servers:
        await server.close()


@pytest.fixture
def sb(sandbox: Sandbox) -> Sandbox:
    """A started sandbox for one test: the fixture users get from
    ``real_estate_async.testing``, configured by the module's
    ``pytestmark = pytest.mark.sandbox(records=..., vendors=[...])``."""
    return sandbox


@pytest.fixture
def lofty_box() -> Iterator[SandboxThread]:
    """A Lofty sandbox in its own thread, for tests that run CLI processes against it."""
    sandbox = Sandbox(records=300, vendors=["lofty"], rate_limits=RateLimits.relaxed())
    with SandboxThread(sandbox) as running:
        yield running


@pytest.fixture
def lofty_env(lofty_box: SandboxThread, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The environment a ``real-estate-async webhooks`` process reads: the sandbox's Lofty
    credentials and a fresh webhook token; no Redis configured."""
    creds = lofty_box.sandbox.credentials["lofty"]
    for key, value in {
        "LOFTY_WEBHOOK_TOKEN": secrets.token_urlsafe(24),
        "LOFTY_API_KEY": creds["api_key"],
        "LOFTY_VENDOR_KEY": creds["vendor_key"],
        "LOFTY_BASE_URL": lofty_box.sandbox.lofty_url,
    }.items():
        monkeypatch.setenv(key, value)
    for key in ("LOFTY_ACCESS_TOKEN", "REAL_ESTATE_WEBHOOK_REDIS", "REAL_ESTATE_FLEET_REDIS"):
        monkeypatch.delenv(key, raising=False)
    return dict(os.environ)


__all__ = ["ServerFactory", "aiohttp", "pytest_configure", "sandbox"]
