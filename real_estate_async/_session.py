"""SessionManager: the one aiohttp connection pool that any number of clients share."""

from __future__ import annotations

import asyncio
import os
import ssl as _ssl
from collections.abc import Sequence
from types import TracebackType
from typing import Any

import aiohttp
from yarl import URL

from ._errors import ConfigurationError
from ._redact import redact_url

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

    Transport (docs/OBSERVABILITY.md, "Transport"): ``trust_env=True`` honours
    ``HTTP(S)_PROXY``/``NO_PROXY`` (and ``~/.netrc``); ``proxy=`` (with
    ``proxy_auth=(login, password)``) sends every call through one proxy; ``ssl=`` is an
    :class:`ssl.SSLContext`, or ``False`` to skip certificate checks (a local test server
    only), ``ca_bundle=`` a PEM file of trusted CAs; ``keepalive_timeout`` is how long an
    idle connection is kept; ``trace_configs`` and ``middlewares`` go to aiohttp as they
    are. ``session=`` uses your own ``aiohttp.ClientSession`` instead (its connector,
    headers and transport: no transport option may be given with it); the SDK never
    closes it.
    """

    def __init__(
        self,
        *,
        limit: int = 100,
        limit_per_host: int | None = None,
        connect_timeout: float = 10.0,
        user_agent: str | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        trust_env: bool = False,
        proxy: str | None = None,
        proxy_auth: tuple[str, str] | None = None,
        ssl: _ssl.SSLContext | bool | None = None,
        ca_bundle: str | os.PathLike[str] | None = None,
        keepalive_timeout: float = 15.0,
        trace_configs: Sequence[aiohttp.TraceConfig] | None = None,
        middlewares: Sequence[Any] | None = None,
        session: aiohttp.ClientSession | None = None,
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
        self._transport = _transport(
            limit=limit, limit_per_host=limit_per_host, trust_env=trust_env, proxy=proxy,
            proxy_auth=proxy_auth, ssl=ssl, ca_bundle=ca_bundle,
            keepalive_timeout=keepalive_timeout, trace_configs=trace_configs,
            middlewares=middlewares, user_session=session,
        )  # fmt: skip
        self.trust_env = trust_env
        self.proxy = proxy
        self._session: aiohttp.ClientSession | None = session
        self._owns_session = session is None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closed = False
        # Tasks inside a call on this session, and those that aclose() cancelled: their
        # CancelledError becomes SessionClosedError (see ProviderClient.request).
        self._calls: set[asyncio.Task[object]] = set()
        self._closing: set[asyncio.Task[object]] = set()

    def _secrets(self) -> tuple[str, ...]:
        """The proxy's password(s), to scrub from error messages."""
        password = self._transport["proxy_password"]
        return (password,) if password else ()

    @property
    def closed(self) -> bool:
        return self._closed

    def session(self) -> aiohttp.ClientSession:
        """The shared ``ClientSession`` (made on first use, in the running loop)."""
        if self._closed:
            raise SessionClosedError("this SessionManager is closed; create a new one")
        if self._session is None:
            self._loop = asyncio.get_running_loop()
            t = self._transport
            connector = aiohttp.TCPConnector(
                limit=self.limit,
                limit_per_host=self.limit_per_host,
                ttl_dns_cache=300,
                keepalive_timeout=t["keepalive_timeout"],
                ssl=t["ssl"],
            )
            extra: dict[str, Any] = {}
            if t["middlewares"]:
                extra["middlewares"] = t["middlewares"]
            self._session = aiohttp.ClientSession(
                connector=connector,
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=self.connect_timeout),
                headers={"User-Agent": self.user_agent},
                # Query values are encoded by the SDK; ids in paths are already quoted.
                raise_for_status=False,
                trust_env=t["trust_env"],
                proxy=t["proxy"],
                trace_configs=t["trace_configs"],
                **extra,
            )
        elif self._loop is None:
            self._loop = asyncio.get_running_loop()  # a session the user gave us
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
        if session is not None and self._owns_session:
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
        proxy = f" proxy={redact_url(self.proxy)!r}" if self.proxy else ""
        own = "" if self._owns_session else " user-session"
        return (
            f"<SessionManager {state} limit={self.limit} per_host={self.limit_per_host}"
            f"{proxy}{own}>"
        )


def _transport(
    *,
    limit: int,
    limit_per_host: int | None,
    trust_env: bool,
    proxy: str | None,
    proxy_auth: tuple[str, str] | None,
    ssl: _ssl.SSLContext | bool | None,
    ca_bundle: str | os.PathLike[str] | None,
    keepalive_timeout: float,
    trace_configs: Sequence[aiohttp.TraceConfig] | None,
    middlewares: Sequence[Any] | None,
    user_session: aiohttp.ClientSession | None,
) -> dict[str, Any]:
    """Check the transport options once, at construction (a ``ConfigurationError`` names
    the bad one); returns what :meth:`SessionManager.session` passes to aiohttp."""
    for name, value in (("limit", limit), ("limit_per_host", limit_per_host)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise ConfigurationError(f"{name} must be an int >= 0 (0 = no cap), not {value!r}")
    if not isinstance(trust_env, bool):
        raise ConfigurationError(f"trust_env must be True or False, not {trust_env!r}")
    if proxy is not None and (
        not isinstance(proxy, str) or not proxy.startswith(("http://", "https://"))
    ):
        shown = redact_url(proxy) if isinstance(proxy, str) else type(proxy).__name__
        raise ConfigurationError(f"proxy must be an http:// or https:// URL, not {shown!r}")
    effective_proxy: URL | None = None if proxy is None else URL(proxy)
    if proxy_auth is not None:
        ok = isinstance(proxy_auth, tuple) and len(proxy_auth) == 2
        if not ok or not all(isinstance(part, str) for part in proxy_auth):
            raise ConfigurationError("proxy_auth must be a (login, password) tuple of str")
        if effective_proxy is None:
            raise ConfigurationError("proxy_auth needs proxy=")
        # In the proxy URL's user-info: aiohttp sends it as Proxy-Authorization (its
        # session-level proxy_auth= is deprecated).
        effective_proxy = effective_proxy.with_user(proxy_auth[0]).with_password(proxy_auth[1])
    if ssl is not None and not isinstance(ssl, (bool, _ssl.SSLContext)):
        raise ConfigurationError(
            f"ssl must be an ssl.SSLContext, True or False, not {type(ssl).__name__}"
        )
    context: _ssl.SSLContext | bool = True if ssl is None else ssl
    if ca_bundle is not None:
        if ssl is not None:
            raise ConfigurationError("give ssl= or ca_bundle=, not both")
        path = os.fspath(ca_bundle)
        if not os.path.isfile(path):
            raise ConfigurationError(f"ca_bundle {path!r} is not a file")
        try:
            context = _ssl.create_default_context(cafile=path)
        except (_ssl.SSLError, ValueError) as exc:
            raise ConfigurationError(f"ca_bundle {path!r} is not a PEM CA bundle: {exc}") from None
    if (
        isinstance(keepalive_timeout, bool)
        or not isinstance(keepalive_timeout, (int, float))
        or not keepalive_timeout >= 0
    ):
        raise ConfigurationError(
            f"keepalive_timeout must be a number of seconds >= 0, not {keepalive_timeout!r}"
        )
    if trace_configs is not None and not all(
        isinstance(t, aiohttp.TraceConfig) for t in trace_configs
    ):
        raise ConfigurationError("trace_configs must be aiohttp.TraceConfig objects")
    if middlewares:
        if not all(callable(m) for m in middlewares):
            raise ConfigurationError("middlewares must be callables (aiohttp client middlewares)")
        if "middlewares" not in aiohttp.ClientSession.__init__.__code__.co_varnames:
            raise ConfigurationError("middlewares= needs aiohttp >= 3.12")
    if user_session is not None:
        if not isinstance(user_session, aiohttp.ClientSession):
            raise ConfigurationError(
                f"session must be an aiohttp.ClientSession, not {type(user_session).__name__}"
            )
        given = [
            name
            for name, value, default in (
                ("trust_env", trust_env, False),
                ("proxy", proxy, None),
                ("ssl", ssl, None),
                ("ca_bundle", ca_bundle, None),
                ("keepalive_timeout", keepalive_timeout, 15.0),
                ("trace_configs", trace_configs, None),
                ("middlewares", middlewares, None),
            )
            if value != default
        ]
        if given:
            raise ConfigurationError(
                f"session= brings its own transport; set {', '.join(given)} on it instead"
            )
    return {
        "trust_env": trust_env,
        "proxy": effective_proxy,
        "proxy_password": effective_proxy.password if effective_proxy is not None else None,
        "ssl": context,
        "keepalive_timeout": float(keepalive_timeout),
        "trace_configs": list(trace_configs) if trace_configs else None,
        "middlewares": tuple(middlewares) if middlewares else (),
    }
