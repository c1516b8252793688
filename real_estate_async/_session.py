"""SessionManager: the one aiohttp connection pool that any number of clients share."""

from __future__ import annotations

import asyncio
from types import TracebackType

import aiohttp

from ._errors import ConfigurationError

__all__ = ["SessionClosedError", "SessionManager"]


class SessionClosedError(ConfigurationError):
    """The session (or the client that owns it) was closed; make a new one."""


class SessionManager:
    """Owns one :class:`aiohttp.ClientSession`, created lazily inside the running loop.

    ``limit`` caps open connections in total, ``limit_per_host`` per vendor host. The
    session is closed exactly once, by ``aclose()`` or leaving ``async with``; using the
    manager afterwards raises :class:`SessionClosedError` at once.
    """

    def __init__(
        self,
        *,
        limit: int = 100,
        limit_per_host: int = 32,
        connect_timeout: float = 10.0,
        user_agent: str | None = None,
    ) -> None:
        from . import __version__

        self.limit = limit
        self.limit_per_host = limit_per_host
        self.connect_timeout = connect_timeout
        self.user_agent = user_agent or f"real_estate_async/{__version__}"
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    def session(self) -> aiohttp.ClientSession:
        """The shared ``ClientSession`` (made on first use, in the running loop)."""
        if self._closed:
            raise SessionClosedError("this SessionManager is closed; create a new one")
        if self._session is None:
            self._loop = asyncio.get_running_loop()
            connector = aiohttp.TCPConnector(
                limit=self.limit, limit_per_host=self.limit_per_host, ttl_dns_cache=300
            )
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=self.connect_timeout),
                headers={"User-Agent": self.user_agent},
                # Query values are encoded by the SDK; ids in paths are already quoted.
                raise_for_status=False,
            )
        elif self._loop is not asyncio.get_running_loop():
            raise SessionClosedError(
                "this SessionManager belongs to another event loop; make one per loop"
            )
        return self._session

    async def aclose(self) -> None:
        """Close the pool (idempotent)."""
        if self._closed:
            return
        self._closed = True
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def __aenter__(self) -> SessionManager:
        if self._closed:
            raise SessionClosedError("this SessionManager is closed; create a new one")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        state = "closed" if self._closed else ("open" if self._session else "idle")
        return f"<SessionManager {state} limit={self.limit} per_host={self.limit_per_host}>"
