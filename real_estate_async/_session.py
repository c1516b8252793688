"""SessionManager: the one aiohttp connection pool that any number of clients share."""

from __future__ import annotations

import asyncio
from types import TracebackType

import aiohttp

from ._errors import ConfigurationError

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "SessionClosedError", "SessionManager"]

#: Largest response body read by default (after decompression): 64 MiB.
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024


class SessionClosedError(ConfigurationError):
    """The session (or the client that owns it) was closed; make a new one."""


class SessionManager:
    """Owns one :class:`aiohttp.ClientSession`, created lazily inside the running loop.

    ``limit`` caps open connections in total, ``limit_per_host`` per vendor host (default:
    the same as ``limit``, so one busy vendor may use the whole pool). The session is closed
    exactly once, by ``aclose()`` or leaving ``async with``; using the manager afterwards
    raises :class:`SessionClosedError` at once, and calls still waiting (for a limiter slot,
    a retry or an answer) when it closes raise :class:`SessionClosedError` instead of
    hanging. ``max_response_bytes`` caps every response body, counted after decompression
    (a gzip bomb stops there); a larger body raises ``APIResponseError``.
    """

    def __init__(
        self,
        *,
        limit: int = 100,
        limit_per_host: int | None = None,
        connect_timeout: float = 10.0,
        user_agent: str | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
    ) -> None:
        from . import __version__

        if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int):
            raise ConfigurationError(
                f"max_response_bytes must be an int, not {type(max_response_bytes).__name__}"
            )
        if max_response_bytes < 1:
            raise ConfigurationError(f"max_response_bytes must be >= 1, not {max_response_bytes}")
        self.limit = limit
        self.limit_per_host = limit if limit_per_host is None else limit_per_host
        self.connect_timeout = connect_timeout
        self.user_agent = user_agent or f"real_estate_async/{__version__}"
        self.max_response_bytes = max_response_bytes
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        # Tasks inside a call on this session, and those that aclose() cancelled: their
        # CancelledError becomes SessionClosedError (see ProviderClient.request).
        self._calls: set[asyncio.Task[object]] = set()
        self._closing: set[asyncio.Task[object]] = set()

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

    # ------------------------------------------------------------ calls in flight

    def _enter(self) -> asyncio.Task[object] | None:
        """Register the running task as inside a call (so ``aclose`` can wake it)."""
        task = asyncio.current_task()
        if task is not None:
            self._calls.add(task)
        return task

    def _leave(self, task: asyncio.Task[object] | None) -> None:
        if task is not None:
            self._calls.discard(task)

    def _closed_under(self, task: asyncio.Task[object] | None) -> bool:
        """Whether ``task``'s CancelledError came from ``aclose`` (and only from it)."""
        if task is None or task not in self._closing:
            return False
        self._closing.discard(task)
        uncancel = getattr(task, "uncancel", None)  # 3.11+: keep the cancel count honest
        # If someone else cancelled it too, that cancel wins.
        return not (uncancel is not None and uncancel() > 0)

    async def aclose(self) -> None:
        """Close the pool (idempotent). Calls still in flight raise ``SessionClosedError``."""
        if self._closed:
            return
        self._closed = True
        current = asyncio.current_task()
        for task in list(self._calls):
            if task is not current and not task.done():
                self._closing.add(task)
                task.cancel()
        self._calls.clear()
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
