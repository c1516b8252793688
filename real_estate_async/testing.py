"""Helpers for testing code that uses this SDK (and for this SDK's own tests).

A pytest plugin: ``pytest_plugins = ["real_estate_async.testing"]`` in a top-level
``conftest.py`` gives the ``sandbox`` fixture (fake vendor servers on localhost) and the
``sandbox`` marker. Needs pytest and pytest-asyncio (the ``test`` extra).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio

if TYPE_CHECKING:
    from .sandbox import Sandbox

__all__ = ["SANDBOX_DEFAULTS", "aioresponses_compat", "pytest_configure", "sandbox"]

#: What the ``sandbox`` fixture starts unless a ``@pytest.mark.sandbox(...)`` says otherwise:
#: small data and rate limits that never get in the way of a test.
SANDBOX_DEFAULTS: dict[str, Any] = {"records": 100, "seed": 1}


class _NoStreamWriter:
    output_size = 0


@contextlib.contextmanager
def aioresponses_compat() -> Iterator[None]:
    """Make aioresponses 0.7.x build responses on aiohttp >= 3.14.

    aiohttp 3.14 made ``stream_writer`` a required argument of ``ClientResponse``;
    aioresponses does not pass it yet (aioresponses issue #289). Inside this context the
    mock's response class gets a no-op writer. Harmless on older aiohttp.
    """
    import aioresponses.core as core
    from aiohttp import ClientResponse

    original = getattr(core, "ClientResponse")  # noqa: B009 - not re-exported

    class _CompatResponse(ClientResponse):
        def __init__(self, method: str, url: Any, **kwargs: Any) -> None:
            kwargs.setdefault("stream_writer", _NoStreamWriter())
            super().__init__(method, url, **kwargs)

    setattr(core, "ClientResponse", _CompatResponse)  # noqa: B010
    try:
        yield
    finally:
        setattr(core, "ClientResponse", original)  # noqa: B010


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``sandbox`` marker (this module is a pytest plugin)."""
    config.addinivalue_line(
        "markers",
        "sandbox(**kwargs): arguments for the sandbox fixture's Sandbox(...) "
        "(records, seed, latency, faults, rate_limits, sizes, vendors)",
    )


@pytest_asyncio.fixture
async def sandbox(request: pytest.FixtureRequest) -> AsyncIterator[Sandbox]:
    """A started :class:`~real_estate_async.sandbox.Sandbox` for one test.

    Enable it with ``pytest_plugins = ["real_estate_async.testing"]`` in your top-level
    ``conftest.py``. By default 100 records per collection, seed 1, relaxed rate limits;
    change that per test with ``@pytest.mark.sandbox(records=500, faults=FaultConfig(...))``
    or ``@pytest.mark.parametrize("sandbox", [{"records": 500}], indirect=True)``.
    Clients connect with ``LoftyClient(**sandbox.client_kwargs("lofty"))`` and the like.
    """
    from .sandbox import RateLimits, Sandbox

    options: dict[str, Any] = {**SANDBOX_DEFAULTS, "rate_limits": RateLimits.relaxed()}
    marker = request.node.get_closest_marker("sandbox")
    if marker is not None:
        options.update(marker.kwargs)
    options.update(getattr(request, "param", None) or {})
    records = options.pop("records")
    async with Sandbox(records, **options) as sb:
        yield sb
