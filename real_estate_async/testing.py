"""Helpers for testing code that uses this SDK (and for this SDK's own tests)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

__all__ = ["aioresponses_compat"]


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
