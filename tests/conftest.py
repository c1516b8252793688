"""Shared fixtures: localhost aiohttp servers and an aioresponses mock that works on aiohttp 3.14."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from real_estate_async.sandbox import Sandbox
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


__all__ = ["ServerFactory", "aiohttp", "pytest_configure", "sandbox"]
