"""ProviderClient: the client base every vendor adapter subclasses.

A vendor subclass sets a few class attributes and overrides small hooks (auth, error body
parsing, default limits); everything else (limiter, retries, JSON decoding, error mapping,
redaction, logging) happens in the core, once.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, overload
from urllib.parse import urlsplit

import aiohttp
import attrs
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from ._errors import APIStatusError, ConfigurationError
from ._params import (
    DatetimeFormatter,
    QueryPairs,
    encode_query,
    epoch_ms_datetime,
    iso_datetime,
)
from ._pipeline import _Call, _check_headers, _expects_json, send
from ._redact import (
    SECRET_PARAMS,
    redact_headers,
    redact_url,
    scrub,
    secret_fingerprint,
    url_password,
)
from ._response import RECORDER, APIResponse, _Recorder
from ._retry import RetryPolicy, parse_retry_after, server_time
from ._session import SessionClosedError, SessionManager
from .hooks import (
    CallTrace,
    EventHooks,
    Hook,
    LimiterWaitHook,
    RequestHook,
    ResponseHook,
    RetryHook,
)
from .ratelimit import (
    AdaptiveRateLimiter,
    CompositeRateLimiter,
    HeaderWindow,
    RateLimiter,
    WindowRateLimiter,
    limiter_for,
)
from .ratelimit.adapters import AsyncLimiterAdapter, AsyncLimiterLike, is_async_limiter
from .ratelimit.adaptive import blamed_cap, reset_wait_after_429

__all__ = ["ProviderClient", "RateLimitSpec"]

#: ``(max_calls, period_seconds)``, a :class:`RateLimiter`, an ``aiolimiter.AsyncLimiter``
#: (through :class:`~real_estate_async.ratelimit.AsyncLimiterAdapter`) or ``None``.
RateLimitSpec = tuple[int, float] | RateLimiter | AsyncLimiterLike | None
_Self = TypeVar("_Self", bound="ProviderClient")
_H = TypeVar("_H", bound=Hook)

_DATETIME_FORMATS: dict[str, DatetimeFormatter] = {
    "iso": iso_datetime,
    "epoch_ms": epoch_ms_datetime,
}


class ProviderClient:
    """Base of ``LoftyClient``, ``BrokermintClient``, ``OpenToCloseClient``, ``OviproClient``."""

    vendor_name: ClassVar[str] = ""
    default_base_url: ClassVar[str] = ""
    env_prefix: ClassVar[str] = ""
    #: Constructor argument -> the environment variable it falls back to. These are
    #: alternative credentials (any one is enough); the CLI and worker resolvers read it.
    credential_env: ClassVar[Mapping[str, str]] = {}
    #: Other constructor arguments that fall back to an environment variable when not
    #: given (Lofty's ``vendor_key``); none of them is a credential on its own.
    option_env: ClassVar[Mapping[str, str]] = {}
    #: Query parameters whose values are secrets at this vendor (redacted everywhere).
    secret_params: ClassVar[frozenset[str]] = SECRET_PARAMS
    #: How datetimes are written into query strings: "iso" or "epoch_ms".
    datetime_format: ClassVar[str] = "iso"
    #: (status, vendor code) -> error class, checked before the status default.
    error_overrides: ClassVar[Mapping[tuple[int, str], type[APIStatusError]]] = {}
    #: Rate-limit headers this vendor sends (empty: no adaptive layer).
    rate_limit_headers: ClassVar[tuple[HeaderWindow, ...]] = ()
    #: Default local limit (calls, seconds) when the user gives none; None = unlimited.
    default_rate_limit: ClassVar[tuple[int, float] | None] = None
    #: Header that carries a per-attempt request id (Ovipro's Request-ID), if any; the
    #: value of each attempt comes from :meth:`_new_request_id`.
    request_id_header: ClassVar[str | None] = None
    #: Cap on one response body (after decompression); ``None`` = the session's
    #: ``max_response_bytes``. Set it on an instance to change it for one client.
    max_response_bytes: int | None = None

    def __init__(
        self,
        *,
        credential: str,
        base_url: str | None = None,
        session: SessionManager | None = None,
        max_retries: int = 3,
        timeout: float = 30.0,
        rate_limit: RateLimitSpec = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        if not credential:
            raise ConfigurationError(f"{self.vendor_name}: a credential is required")
        timeout = _checked_timeout(timeout)
        max_retries = _checked_max_retries(max_retries)
        spec: tuple[int, float] | RateLimiter | None
        if is_async_limiter(rate_limit):
            # An aiolimiter.AsyncLimiter a team already holds: it has no feedback().
            spec = AsyncLimiterAdapter(rate_limit)  # type: ignore[arg-type]
        else:
            spec = rate_limit  # type: ignore[assignment]
            if spec is not None and not isinstance(spec, RateLimiter):
                _check_rate_tuple(spec)
        self._credential = credential
        from_env = f"{self.env_prefix}_BASE_URL"
        self.base_url = self._checked_base_url(
            base_url or os.environ.get(from_env) or self.default_base_url,
            "base_url" if base_url else from_env,
        )
        self._session_manager = session or SessionManager()
        self._owns_session = session is None
        self._closed = False
        self.timeout = float(timeout)
        self.retry_policy = attrs.evolve(retry_policy or RetryPolicy(), max_retries=max_retries)
        self._rate_limit = spec
        self._limiter_cache: tuple[asyncio.AbstractEventLoop, RateLimiter] | None = None
        self._timeouts: dict[float, aiohttp.ClientTimeout] = {}
        self._default_options: _Call | None = None
        self.stats = _new_stats()
        self._observers = EventHooks()  # shared by with_options copies

    # ----------------------------------------------------------------- construction

    @classmethod
    def _from_env(cls, **given: Any) -> dict[str, Any]:
        """The constructor's ``given`` arguments, and every ``option_env`` one, with those
        left out (``None``) read from the environment as ``credential_env`` and
        ``option_env`` declare.

        The credentials are alternatives: only when none was given, the first variable of
        ``credential_env`` that is set fills its argument. Each ``option_env`` argument
        not given takes its variable. An empty variable counts as unset (``None``)."""
        found = dict(given)
        if all(found.get(argument) is None for argument in cls.credential_env):
            for argument, variable in cls.credential_env.items():
                value = os.environ.get(variable) or None
                if value is not None:
                    found[argument] = value
                    break
        for argument, variable in cls.option_env.items():
            if found.get(argument) is None:
                found[argument] = os.environ.get(variable) or None
        return found

    @classmethod
    def _checked_base_url(cls, url: Any, source: str) -> str:
        """``url`` without its trailing ``/``; a URL without an http(s) scheme or a host
        is a :class:`ConfigurationError` now, not a connection error at the first call."""
        text = url if isinstance(url, str) else ""
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - raises ValueError for a port out of range
            ok = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
        except ValueError:  # a malformed port or IPv6 literal
            ok = False
        if not ok:
            shown = redact_url(text, cls.secret_params) if text else url
            if isinstance(shown, str) and "@" in shown:  # user:pass@ unparsed without a scheme
                shown = "***@" + shown.rpartition("@")[2]
            raise ConfigurationError(
                f"{cls.vendor_name}: {source} {shown!r} is not an absolute http(s) URL;"
                f" give the scheme and host, as in {cls.default_base_url!r}"
            )
        return text.rstrip("/")

    def with_options(
        self: _Self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        base_url: str | None = None,
    ) -> _Self:
        """A copy with other defaults, sharing this client's session and rate limiter.

        The new values go through the constructor's checks; the copy counts its own
        ``stats``."""
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone._owns_session = False
        clone.stats = _new_stats()
        clone._timeouts = {}
        if timeout is not None:
            clone.timeout = _checked_timeout(timeout)
        if max_retries is not None:
            clone.retry_policy = attrs.evolve(
                self.retry_policy, max_retries=_checked_max_retries(max_retries)
            )
        if base_url is not None:
            clone.base_url = self._checked_base_url(base_url, "base_url")
        clone._bind_resources()
        return clone

    def _bind_resources(self) -> None:
        """Re-create resource attributes after ``with_options`` (subclasses override)."""

    # ------------------------------------------------------------------- hooks

    @overload
    def on(self, event: Literal["request"], hook: RequestHook) -> RequestHook: ...
    @overload
    def on(self, event: Literal["response"], hook: ResponseHook) -> ResponseHook: ...
    @overload
    def on(self, event: Literal["retry"], hook: RetryHook) -> RetryHook: ...
    @overload
    def on(self, event: Literal["limiter_wait"], hook: LimiterWaitHook) -> LimiterWaitHook: ...
    @overload
    def on(self, event: Literal["request"]) -> Callable[[RequestHook], RequestHook]: ...
    @overload
    def on(self, event: Literal["response"]) -> Callable[[ResponseHook], ResponseHook]: ...
    @overload
    def on(self, event: Literal["retry"]) -> Callable[[RetryHook], RetryHook]: ...
    @overload
    def on(
        self, event: Literal["limiter_wait"]
    ) -> Callable[[LimiterWaitHook], LimiterWaitHook]: ...

    def on(self, event: str, hook: _H | None = None) -> _H | Callable[[_H], _H]:
        """Call ``hook(event)`` (sync or async) on ``"request"``, ``"response"``, ``"retry"``
        or ``"limiter_wait"`` (see :mod:`real_estate_async.hooks`); returns ``hook``. With
        no hook, a decorator: ``@client.on("response")``. Copies from ``with_options``
        share the hooks."""
        if hook is None:

            def register(hook: _H) -> _H:
                self._observers.add(event, hook)
                return hook

            return register
        self._observers.add(event, hook)
        return hook

    def off(self, event: str, hook: Hook) -> None:
        """Unregister a hook added with :meth:`on`."""
        self._observers.remove(event, hook)

    # ------------------------------------------------------------------- lifecycle

    @property
    def session(self) -> SessionManager:
        return self._session_manager

    async def aclose(self) -> None:
        """Close the client; also closes the session if the client created it."""
        self._closed = True
        if self._owns_session:
            await self._session_manager.aclose()

    async def __aenter__(self: _Self) -> _Self:
        if self._closed:
            raise SessionClosedError(f"this {type(self).__name__} is closed")
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"<{type(self).__name__} base_url={redact_url(self.base_url, self.secret_params)!r} "
            f"credential=***{secret_fingerprint(self._credential)[:6]}>"
        )

    # ----------------------------------------------------------------- vendor hooks

    def _auth_headers(self) -> dict[str, str]:
        return {}

    def _auth_query(self) -> QueryPairs:
        return []

    def _secrets(self) -> tuple[str | None, ...]:
        return (self._credential,)

    def _parse_error(self, body: Any) -> tuple[str | int | None, str | None]:
        """(vendor code, message) from an error body."""
        if isinstance(body, Mapping):
            code = body.get("code") or body.get("errorCode")
            message = body.get("message") or body.get("error")
            return code, None if message is None else str(message)
        return None, None

    def _error_hint(self, error: APIStatusError) -> str | None:
        return None

    def _new_request_id(self) -> str | None:
        """A fresh id for one HTTP attempt, sent in ``request_id_header`` (called once per
        attempt: a retry is a new HTTP request with a new id; errors list them all)."""
        return None

    async def _prepare(self) -> None:
        """Awaited before each call is sent (Ovipro fetches its first token here)."""

    async def _refresh_auth(self) -> bool:
        """Called once on a 401; return True if the credential changed and a retry may help."""
        return False

    def _on_response(self, status: int, headers: Mapping[str, str]) -> None:
        """Sees every response's status and headers (vendor bookkeeping such as budgets)."""

    def _may_retry(self, status: int, headers: Mapping[str, str]) -> bool:
        """A vendor may forbid a retry that the status would allow (Brokermint error budget)."""
        return True

    def _default_limit(self) -> tuple[int, float] | None:
        """The local limit when the user gives none (Lofty: depends on the vendor key)."""
        return self.default_rate_limit

    def _rate_limit_key(self) -> str:
        return secret_fingerprint(self._credential)

    # ------------------------------------------------------------------ rate limits

    def _build_limiter(self) -> RateLimiter | None:
        spec = self._rate_limit
        if isinstance(spec, RateLimiter):
            return spec
        parts: list[RateLimiter] = []
        rate = spec or self._default_limit()
        if rate is not None:
            parts.append(WindowRateLimiter(int(rate[0]), float(rate[1])))
        if self.rate_limit_headers:
            parts.append(AdaptiveRateLimiter(self.rate_limit_headers))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else CompositeRateLimiter(parts)

    @property
    def limiter(self) -> RateLimiter:
        """This credential's limiter in the running loop (shared by every client using it)."""
        loop = asyncio.get_running_loop()
        cached = self._limiter_cache
        if cached is not None and cached[0] is loop:
            return cached[1]
        if isinstance(self._rate_limit, RateLimiter):
            limiter: RateLimiter = self._rate_limit
        else:
            key = (
                self.vendor_name,
                self._rate_limit_key(),
                self._rate_limit or self._default_limit(),
            )
            limiter = limiter_for(key, lambda: self._build_limiter() or _NoLimit())
        self._limiter_cache = (loop, limiter)
        return limiter

    # --------------------------------------------------------------------- pipeline

    def _url(self, path: str) -> str:
        # Always under base_url: an absolute URL here would carry the credential elsewhere.
        if "://" in path.split("?", 1)[0]:
            raise ValueError(f"path must be relative to base_url, got {path!r}")
        return f"{self.base_url}/{path.lstrip('/')}"

    def _all_secrets(self) -> tuple[str | None, ...]:
        """The credential(s) plus a password written into ``base_url`` (user:pass@host)."""
        password = url_password(self.base_url)
        secrets = self._secrets() + self._session_manager._secrets()
        return (*secrets, password) if password else secrets

    def _redacted(self, url: str) -> str:
        return scrub(redact_url(url, self.secret_params), self._all_secrets())

    if TYPE_CHECKING:
        # The public signature; at run time ``request`` is ``_call`` itself (no extra
        # coroutine frame, which every resumption of a streamed body would pass through).
        @overload
        async def request(
            self,
            method: str,
            path: str,
            *,
            params: Mapping[str, Any] | None = None,
            json: Any = None,
            form: Callable[[], aiohttp.FormData] | None = None,
            headers: Mapping[str, str] | None = None,
            timeout: float | None = None,
            max_retries: int | None = None,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            retry_non_idempotent: bool | None = None,
            with_response: Literal[False] = False,
        ) -> Any: ...

        @overload
        async def request(
            self,
            method: str,
            path: str,
            *,
            params: Mapping[str, Any] | None = None,
            json: Any = None,
            form: Callable[[], aiohttp.FormData] | None = None,
            headers: Mapping[str, str] | None = None,
            timeout: float | None = None,
            max_retries: int | None = None,
            extra_headers: Mapping[str, str] | None = None,
            extra_query: Mapping[str, Any] | None = None,
            retry_non_idempotent: bool | None = None,
            with_response: Literal[True],
        ) -> APIResponse[Any]: ...

        async def request(self, method: str, path: str, **options: Any) -> Any: ...

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        form: Callable[[], aiohttp.FormData] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, Any] | None = None,
        retry_non_idempotent: bool | None = None,
        with_response: bool = False,
        recorder: _Recorder | None = None,
    ) -> Any:
        """Send one API call through auth, limiter, retries and error mapping.

        ``path`` is relative to the client's base URL. Returns the decoded JSON (``None``
        for an empty body or 204). A success that is not JSON (an HTML login page), a
        redirect, or a body over ``max_response_bytes`` raises :class:`APIResponseError`;
        only a call that asked for another type (``Accept: application/xml``) gets text.
        ``form`` builds a multipart body (called again for each attempt, since aiohttp
        consumes a FormData once). If the session is closed while the call waits or is in
        flight, it raises :class:`SessionClosedError`. ``with_response=True`` returns an
        :class:`APIResponse` (status, headers, request id, attempts...) whose ``parse()``
        is the decoded JSON. (``recorder`` is internal: pagers record each page into one.)
        """
        if json is not None and form is not None:
            raise ValueError("give json or form, not both")
        if self._closed or self._session_manager.closed:
            raise SessionClosedError(f"this {type(self).__name__} is closed; make a new one")
        if (
            timeout is None
            and max_retries is None
            and not headers
            and not extra_headers
            and not extra_query
            and retry_non_idempotent is None
        ):
            call = self._default_call()  # the usual call: the client's own options
        else:
            call = self._call_options(
                timeout, max_retries, headers, extra_headers, extra_query, retry_non_idempotent
            )
        method = method.upper()
        fmt = _DATETIME_FORMATS[self.datetime_format]
        query = encode_query(params, fmt)
        if call.extra_query:
            query += encode_query(call.extra_query, fmt)
        body: Any = form if form is not None else json
        manager = self._session_manager
        if with_response:
            recorder = _Recorder()
        elif recorder is None:
            recorder = RECORDER.get()
        if self._observers.active:
            return await self._traced(method, path, query, body, call, recorder, with_response)
        task = manager._enter()
        try:
            if type(self)._prepare is not _BASE_PREPARE:  # skip a no-op coroutine per call
                await self._prepare()
            result = await send(self, method, self._url(path), query, body, call, None, recorder)
            return recorder.response(result) if with_response else result  # type: ignore[union-attr]
        except asyncio.CancelledError:
            if manager._closed_under(task):
                raise self._closed_while_waiting() from None
            raise
        finally:
            manager._leave(task)

    if not TYPE_CHECKING:
        request = _call

    def _default_call(self) -> _Call:
        """The options of a call that sets none itself, built again only when the client's
        ``timeout`` or ``retry_policy`` changed since."""
        cached = self._default_options
        if (
            cached is None
            or cached.timeout != self.timeout
            or cached.max_retries != self.retry_policy.max_retries
            or cached.retry_non_idempotent != self.retry_policy.retry_non_idempotent
        ):
            cached = self._default_options = self._call_options(None, None, None, None, None, None)
        return cached

    def _call_options(
        self,
        timeout: float | None,
        max_retries: int | None,
        headers: Mapping[str, str] | None,
        extra_headers: Mapping[str, str] | None,
        extra_query: Mapping[str, Any] | None,
        retry_non_idempotent: bool | None,
    ) -> _Call:
        """One call's options, checked, with the client's defaults filled in."""
        if max_retries is not None and (isinstance(max_retries, bool) or max_retries < 0):
            raise ValueError(f"max_retries must be >= 0, not {max_retries!r}")
        merged = {**(headers or {}), **(extra_headers or {})} if headers or extra_headers else {}
        if merged:
            # Checked before the limiter (see _send): a header aiohttp would refuse while
            # sending must not spend a slot.
            _check_headers(merged)
        return _Call(
            timeout=self.timeout if timeout is None else _checked_timeout(timeout),
            max_retries=self.retry_policy.max_retries if max_retries is None else max_retries,
            extra_headers=merged,
            extra_query=extra_query or {},
            retry_non_idempotent=(
                self.retry_policy.retry_non_idempotent
                if retry_non_idempotent is None
                else retry_non_idempotent
            ),
            expects_json=_expects_json(merged) if merged else True,
        )

    def _closed_while_waiting(self) -> SessionClosedError:
        """What a call cancelled by ``aclose()`` raises instead of ``CancelledError``."""
        return SessionClosedError(
            f"{type(self).__name__}: the session was closed while this call was waiting"
        )

    async def _traced(
        self,
        method: str,
        path: str,
        query: QueryPairs,
        body: Any,
        call: _Call,
        recorder: _Recorder | None,
        with_response: bool,
    ) -> Any:
        """``request`` when something observes it (hooks, telemetry, response metadata)."""
        manager = self._session_manager
        url = self._url(path)
        trace = CallTrace(self, method, url, self._observers, recorder)
        telemetry = self._observers.telemetry
        task = manager._enter()
        try:
            await self._prepare()
            if telemetry is None:
                result = await send(self, method, url, query, body, call, trace)
            else:
                with telemetry.current(trace.span):
                    result = await send(self, method, url, query, body, call, trace)
        except asyncio.CancelledError as exc:
            if manager._closed_under(task):
                error = self._closed_while_waiting()
                trace.failed(error)
                raise error from None
            trace.failed(exc)
            raise
        except BaseException as exc:
            trace.failed(exc)
            raise
        finally:
            manager._leave(task)
        if with_response and recorder is not None:
            return recorder.response(result)
        return result

    def _retry_allowed(self, method: str, call: _Call) -> bool:
        """5xx and connection errors are retried for idempotent methods, or when the caller
        opts in; a 429 for any method (the vendor did not process it)."""
        return call.retry_non_idempotent or self.retry_policy.method_allows_retry(method)

    def _reset_wait(self, status: int, headers: Mapping[str, str]) -> float | None:
        """After a 429 without Retry-After: seconds until the spent vendor window resets."""
        if status != 429:
            return None
        return reset_wait_after_429(self.rate_limit_headers, headers, float("inf"))

    def _asked_wait(self, status: int, headers: Mapping[str, str]) -> float | None:
        """Seconds the vendor asked to wait: ``Retry-After`` (on the vendor's clock), else
        after a 429 the reset of the spent window. A vendor with rate-limit windows has a
        429's wait capped at the blamed window's own length (a ``Retry-After: 1e9`` from
        Brokermint means its 10 s burst window, not a day)."""
        asked = parse_retry_after(headers.get("Retry-After"), now=server_time(headers))
        if status != 429:
            return asked
        if asked is None:
            return self._reset_wait(status, headers)
        if self.rate_limit_headers:
            asked = min(asked, blamed_cap(self.rate_limit_headers, headers))
        return asked

    def _full_url(self, url: str, query: QueryPairs) -> str:
        return str(URL(url, encoded=True).extend_query(query)) if query else url

    def _scrub_request_info(self, exc: BaseException) -> None:
        """aiohttp keeps the request (URL with query credentials, ``Authorization``) on
        some exceptions; Python may still chain them as ``__context__`` (3.10 does even
        outside the ``except``): redact it in place."""
        info = getattr(exc, "request_info", None)
        if not isinstance(info, aiohttp.RequestInfo):
            return
        secrets = self._all_secrets()
        redacted = URL(self._redacted(str(info.url)), encoded=True)
        real = URL(self._redacted(str(info.real_url)), encoded=True)
        headers = redact_headers(info.headers, self.secret_params, secrets)
        with contextlib.suppress(AttributeError, TypeError):
            exc.request_info = aiohttp.RequestInfo(  # type: ignore[attr-defined]
                redacted, info.method, CIMultiDictProxy(CIMultiDict(headers)), real
            )


_BASE_PREPARE = ProviderClient._prepare


class _NoLimit:
    async def acquire(self, *, max_wait: float | None = None) -> None:
        return None

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        return None


def _checked_timeout(timeout: Any) -> float:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0:
        raise ConfigurationError(f"timeout must be a positive number of seconds, not {timeout!r}")
    return float(timeout)


def _checked_max_retries(max_retries: Any) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ConfigurationError(f"max_retries must be an int >= 0, not {max_retries!r}")
    return max_retries


def _new_stats() -> dict[str, int]:
    return {"requests": 0, "retries": 0, "rate_limited": 0}


def _check_rate_tuple(spec: Any) -> None:
    ok = (
        isinstance(spec, tuple)
        and len(spec) == 2
        and isinstance(spec[0], int)
        and not isinstance(spec[0], bool)
        and spec[0] > 0
        and isinstance(spec[1], (int, float))
        and spec[1] > 0
    )
    if not ok:
        raise ConfigurationError(
            "rate_limit must be (max_calls, period_seconds), a RateLimiter or an "
            f"aiolimiter.AsyncLimiter, not {spec!r}"
        )
