"""Frozen baseline: ``providers/base.py`` as released in 0.1.0 (never edited).

ProviderClient: the one request pipeline every vendor adapter uses, and the Resource base.

A vendor subclass sets a few class attributes and overrides small hooks (auth, error body
parsing, default limits); everything else (limiter, retries, JSON decoding, error mapping,
redaction, logging) happens here, once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json as _json
import logging
import os
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar, overload

import aiohttp
import attrs
from aiohttp import hdrs
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from real_estate_async._errors import (
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    PaginationError,
    RateLimitError,
    status_error_class,
)
from real_estate_async._orjson import orjson
from real_estate_async._params import (
    DatetimeFormatter,
    QueryPairs,
    encode_query,
    epoch_ms_datetime,
    iso_datetime,
    path_segment,
)
from real_estate_async._redact import (
    SECRET_PARAMS,
    redact_headers,
    redact_url,
    scrub,
    scrub_deep,
    url_password,
)
from real_estate_async._redact import secret_fingerprint as fingerprint
from real_estate_async._response import RECORDER, APIResponse, RawResponseView, _Recorder
from real_estate_async._retry import RETRYABLE_STATUSES, RetryPolicy, parse_retry_after, server_time
from real_estate_async._session import SessionClosedError, SessionManager
from real_estate_async.hooks import (
    CallTrace,
    EventHooks,
    Hook,
    LimiterWaitHook,
    RequestHook,
    ResponseHook,
    RetryHook,
)
from real_estate_async.models import Model, converter
from real_estate_async.pagination import AsyncPager, PaginationStrategy
from real_estate_async.ratelimit import (
    AdaptiveRateLimiter,
    CompositeRateLimiter,
    HeaderWindow,
    RateLimiter,
    WindowRateLimiter,
    limiter_for,
)
from real_estate_async.ratelimit.adaptive import blamed_cap, reset_wait_after_429
from real_estate_async.ratelimit.base import release

__all__ = ["ProviderClient", "RateLimitSpec", "Resource"]

log = logging.getLogger("real_estate_async")

RateLimitSpec = tuple[int, float] | RateLimiter | None
_Self = TypeVar("_Self", bound="ProviderClient")
M = TypeVar("M", bound=Model)
_H = TypeVar("_H", bound=Hook)

_DATETIME_FORMATS: dict[str, DatetimeFormatter] = {
    "iso": iso_datetime,
    "epoch_ms": epoch_ms_datetime,
}


@attrs.frozen
class _Call:
    """Per-call options after defaults are applied."""

    timeout: float
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, Any]
    retry_non_idempotent: bool
    expects_json: bool  # False when the caller asked for another type (Accept: application/xml)


class ProviderClient:
    """Base of ``LoftyClient``, ``BrokermintClient``, ``OpenToCloseClient``, ``OviproClient``."""

    vendor_name: ClassVar[str] = ""
    default_base_url: ClassVar[str] = ""
    env_prefix: ClassVar[str] = ""
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
        if rate_limit is not None and not isinstance(rate_limit, RateLimiter):
            _check_rate_tuple(rate_limit)
        self._credential = credential
        self.base_url = (
            base_url or os.environ.get(f"{self.env_prefix}_BASE_URL") or self.default_base_url
        ).rstrip("/")
        self._session_manager = session or SessionManager()
        self._owns_session = session is None
        self._closed = False
        self.timeout = float(timeout)
        self.retry_policy = attrs.evolve(retry_policy or RetryPolicy(), max_retries=max_retries)
        self._rate_limit = rate_limit
        self._limiter_cache: tuple[asyncio.AbstractEventLoop, RateLimiter] | None = None
        self._timeouts: dict[float, aiohttp.ClientTimeout] = {}
        self.stats = _new_stats()
        self._observers = EventHooks()  # shared by with_options copies

    # ----------------------------------------------------------------- construction

    @classmethod
    def _env_credential(cls, value: str | None, variable: str) -> str | None:
        return value if value is not None else os.environ.get(variable) or None

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
            clone.base_url = base_url.rstrip("/")
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
            f"credential=***{fingerprint(self._credential)[:6]}>"
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
        return fingerprint(self._credential)

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
        if max_retries is not None and (isinstance(max_retries, bool) or max_retries < 0):
            raise ValueError(f"max_retries must be >= 0, not {max_retries!r}")
        merged = {**(headers or {}), **(extra_headers or {})} if headers or extra_headers else {}
        call = _Call(
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
            result = await self._send(method, self._url(path), query, body, call, None, recorder)
            return recorder.response(result) if with_response else result  # type: ignore[union-attr]
        except asyncio.CancelledError:
            if manager._closed_under(task):
                raise self._closed_while_waiting() from None
            raise
        finally:
            manager._leave(task)

    if not TYPE_CHECKING:
        request = _call

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
                result = await self._send(method, url, query, body, call, trace)
            else:
                with telemetry.current(trace.span):
                    result = await self._send(method, url, query, body, call, trace)
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

    async def _send(
        self,
        method: str,
        url: str,
        query: QueryPairs,
        body: Any,
        call: _Call,
        trace: CallTrace | None = None,
        recorder: _Recorder | None = None,
    ) -> Any:
        policy = self.retry_policy
        manager = self._session_manager
        session = manager.session()
        limiter = self.limiter
        max_bytes = self.max_response_bytes or manager.max_response_bytes
        request_ids: list[str] = []
        call_started = time.monotonic() if recorder is not None and trace is None else 0.0
        target = _URLS.get(url)
        if target is None:
            if len(_URLS) >= 512:  # ids in paths make many distinct URLs: stay small
                _URLS.clear()
            target = _URLS[url] = URL(url, encoded=True)
        make_form = body if callable(body) else None
        data: Any = None
        if body is not None and make_form is None:
            data = _json.dumps(body, separators=(",", ":"), default=str)
        timeout = self._timeouts.get(call.timeout)
        if timeout is None:
            timeout = self._timeouts[call.timeout] = aiohttp.ClientTimeout(total=call.timeout)
        attempt = 0
        refreshed = False
        while True:
            headers = {"Accept": "application/json"}
            if make_form is None:
                headers["Content-Type"] = "application/json"
            else:
                data = make_form()
            headers.update(self._auth_headers())
            if self.request_id_header:
                request_id = self._new_request_id()
                if request_id:
                    headers[self.request_id_header] = request_id
                    request_ids.append(request_id)
            if call.extra_headers:
                headers.update(call.extra_headers)
            full_query = query + self._auth_query()
            if trace is None:
                await limiter.acquire(max_wait=policy.max_wait)
            else:
                waiting = time.monotonic()
                await limiter.acquire(max_wait=policy.max_wait)
                try:  # an async hook may be cancelled here: the slot must not leak
                    await trace.waited(time.monotonic() - waiting, attempt, full_query)
                    await trace.request(full_query, attempt)
                except BaseException:
                    await release(limiter)
                    raise
            # From here to the ``finally`` the slot is ours: it goes back exactly once
            # (feedback), whatever happens: an answer, a failure before anything was sent
            # (a bad header value), a cancel, a closed session.
            status = 0
            resp_headers: Mapping[str, str] = _NO_HEADERS
            failure: BaseException | None = None
            raw = b""
            try:
                self.stats["requests"] += 1
                started = time.monotonic()
                async with session.request(
                    method,
                    target,
                    params=full_query or None,
                    data=data,
                    headers=headers,
                    timeout=timeout,
                    allow_redirects=False,
                ) as resp:
                    status, resp_headers = resp.status, resp.headers
                    length = resp_headers.get(hdrs.CONTENT_LENGTH)
                    if (
                        length is not None
                        and hdrs.CONTENT_ENCODING not in resp_headers
                        and int(length) <= max_bytes
                    ):
                        raw = await resp.read()  # the size is known (and read no further)
                    else:
                        raw = await _read_capped(resp, max_bytes)
            except (aiohttp.ClientError, asyncio.TimeoutError, _TooLarge) as exc:
                failure = exc
                self._scrub_request_info(exc)
            except RuntimeError:
                if not session.closed:
                    raise
                failure = _SESSION_CLOSED
            finally:
                await limiter.feedback(status, resp_headers)
            if trace is not None:
                await trace.response(status, resp_headers, failure)
            # Errors are raised outside the ``except`` so no aiohttp exception (whose
            # request_info holds the URL and Authorization) is chained as __context__.
            if failure is not None:
                if failure is _SESSION_CLOSED:
                    raise SessionClosedError(
                        f"{type(self).__name__}: the session was closed during the call"
                    )
                if isinstance(failure, _TooLarge):
                    raise self._response_error(
                        status, failure.head, resp_headers, method, url, full_query,
                        request_ids, f"body larger than max_response_bytes={max_bytes}",
                    )  # fmt: skip
                timed_out = isinstance(failure, asyncio.TimeoutError)
                self._log(method, url, full_query, None, started, attempt, failure)
                if attempt < call.max_retries and self._retry_allowed(method, call):
                    backoff = policy.backoff(attempt)  # one draw: the event says the real wait
                    if trace is not None:
                        await trace.retry(type(failure).__name__, backoff)
                    await asyncio.sleep(backoff)
                    attempt += 1
                    self.stats["retries"] += 1
                    continue
                raise self._connection_error(
                    failure, method, url, full_query, timed_out, request_ids
                ) from None
            if type(self)._on_response is not _BASE_ON_RESPONSE:
                self._on_response(status, resp_headers)
            self._log(method, url, full_query, status, started, attempt, None)
            if status < 300:
                if status == 204 or not raw.strip():
                    result: Any = None
                else:
                    try:
                        result = _decode_json(raw)
                    except ValueError:
                        if call.expects_json:
                            raise self._response_error(
                                status, raw, resp_headers, method, url, full_query, request_ids,
                                "the success body is not JSON",
                            ) from None  # fmt: skip
                        result = raw.decode("utf-8", "replace")
                # Only a body that decoded is a success (a span that ended as one stays so).
                if trace is not None:
                    trace.succeeded(status, resp_headers, request_ids)
                elif recorder is not None:
                    recorder.record(
                        self, method, url, full_query, status, resp_headers,
                        _vendor_request_id(request_ids, resp_headers), attempt + 1, call_started,
                    )  # fmt: skip
                return result
            if status < 400:
                raise self._response_error(
                    status, raw, resp_headers, method, url, full_query, request_ids,
                    "a redirect (not followed)",
                )  # fmt: skip
            decoded = _decode_body(raw)
            error = self._status_error(
                status, decoded, resp_headers, method, url, full_query, request_ids
            )
            if status == 401 and not refreshed:
                refreshed = True
                if await self._refresh_auth():
                    if trace is not None:
                        await trace.retry("status 401", 0.0)
                    continue
            if status == 429:
                self.stats["rate_limited"] += 1
            if (
                status in RETRYABLE_STATUSES
                and attempt < call.max_retries
                and (policy.status_allows_retry(status) or self._retry_allowed(method, call))
                and self._may_retry(status, resp_headers)
            ):
                asked = self._asked_wait(status, resp_headers)
                wait = policy.backoff(attempt) if asked is None else asked
                if status == 429 and wait > policy.max_wait:
                    raise error
                if trace is not None:
                    await trace.retry(f"status {status}", min(wait, policy.max_wait))
                await asyncio.sleep(min(wait, policy.max_wait))
                attempt += 1
                self.stats["retries"] += 1
                continue
            raise error

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

    def _response_error(
        self,
        status: int,
        raw: bytes,
        headers: Mapping[str, str],
        method: str,
        url: str,
        query: QueryPairs,
        request_ids: list[str],
        what: str,
    ) -> APIResponseError:
        """An answer that is not an API response (redirect, HTML page, oversized body)."""
        secrets = self._all_secrets()
        content_type = headers.get("Content-Type", "") or "no content type"
        excerpt = scrub(raw[:200].decode("utf-8", "replace"), secrets)
        excerpt = " ".join(excerpt.split())[:200]
        detail = f"{what}: {content_type}"
        location = headers.get("Location")
        if location:
            detail += f" -> {scrub(redact_url(location, self.secret_params), secrets)}"
        if excerpt:
            detail += f": {excerpt!r}"
        return APIResponseError(
            detail,
            content_type=content_type,
            excerpt=excerpt,
            status_code=status,
            request_ids=tuple(request_ids),
            request_id=_vendor_request_id(request_ids, headers),
            method=method,
            url=self._redacted(self._full_url(url, query)),
            headers=redact_headers(headers, self.secret_params, secrets),
        )

    def _status_error(
        self,
        status: int,
        body: Any,
        headers: Mapping[str, str],
        method: str,
        url: str,
        query: QueryPairs,
        request_ids: list[str],
    ) -> APIStatusError:
        try:
            code, message = self._parse_error(body)
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
            code, message = None, None  # a hostile error body never escapes as a raw error
        if code is not None and (isinstance(code, bool) or not isinstance(code, (str, int))):
            code = str(code)[:100]
        cls = self.error_overrides.get((status, str(code))) if code is not None else None
        cls = cls or status_error_class(status)
        if not message:
            if isinstance(body, str) and body.strip():
                message = body.strip()[:500]
            else:
                message = _REASONS.get(status, "HTTP error")
        secrets = self._all_secrets()
        message = scrub(str(message), secrets)
        kwargs: dict[str, Any] = dict(
            status_code=status,
            code=code,
            body=scrub_deep(body, secrets),  # vendors may echo the request back
            request_ids=tuple(request_ids),
            request_id=_vendor_request_id(request_ids, headers),
            method=method,
            url=self._redacted(self._full_url(url, query)),
            headers=redact_headers(headers, self.secret_params, secrets),
        )
        if issubclass(cls, RateLimitError):
            retry_after = self._asked_wait(status, headers)
            error: APIStatusError = cls(message, retry_after=retry_after, **kwargs)
        else:
            error = cls(message, **kwargs)
        hint = self._error_hint(error)
        if hint:
            error.message = f"{error.message} ({hint})"
            error.args = (error.message,)
        return error

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

    def _connection_error(
        self,
        exc: BaseException,
        method: str,
        url: str,
        query: QueryPairs,
        timed_out: bool,
        request_ids: list[str] = [],  # noqa: B006 - read only
    ) -> APIConnectionError:
        redacted = self._redacted(self._full_url(url, query))
        detail = (
            scrub(redact_url(str(exc), self.secret_params), self._all_secrets())
            or type(exc).__name__
        )
        cls = APITimeoutError if timed_out else APIConnectionError
        what = "timed out" if timed_out else f"failed: {type(exc).__name__}: {detail}"
        return cls(
            f"{method} {redacted} {what}",
            method=method,
            url=redacted,
            request_ids=tuple(request_ids),
        )

    def _log(
        self,
        method: str,
        url: str,
        query: QueryPairs,
        status: int | None,
        started: float,
        attempt: int,
        exc: BaseException | None,
    ) -> None:
        if not log.isEnabledFor(logging.DEBUG):
            return
        elapsed = (time.monotonic() - started) * 1000
        outcome = status if exc is None else f"{type(exc).__name__}"
        redacted = self._redacted(self._full_url(url, query))
        log.debug(
            "%s %s -> %s in %.1fms (attempt %d)",
            method,
            redacted,
            outcome,
            elapsed,
            attempt + 1,
            # Structured fields for JSON log handlers (all free of credentials).
            extra={
                "vendor": self.vendor_name,
                "http_method": method,
                "url": redacted,
                "status": status,
                "error": None if exc is None else type(exc).__name__,
                "attempt": attempt + 1,
                "elapsed_ms": round(elapsed, 3),
            },
        )

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _path(template: str, *ids: Any, names: tuple[str, ...] = ()) -> str:
        """Fill ``{}`` placeholders with validated, URL-encoded ids."""
        segments = [
            path_segment(value, names[i] if i < len(names) else "id") for i, value in enumerate(ids)
        ]
        return template.format(*segments)


# base URL + path -> its yarl URL (building one costs about a microsecond per call).
_URLS: dict[str, URL] = {}
_BASE_PREPARE = ProviderClient._prepare
_BASE_ON_RESPONSE = ProviderClient._on_response


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
            f"rate_limit must be (max_calls, period_seconds) or a RateLimiter, not {spec!r}"
        )


_NO_HEADERS: Mapping[str, str] = {}


class _TooLarge(Exception):
    """The body passed the size cap (internal: becomes an APIResponseError)."""

    def __init__(self, head: bytes) -> None:
        super().__init__(len(head))
        self.head = head


_SESSION_CLOSED = RuntimeError("session closed")


async def _read_capped(resp: aiohttp.ClientResponse, cap: int) -> bytes:
    """The whole body, or ``_TooLarge`` past ``cap`` bytes (counted after decompression).

    The caller takes the fast path (``resp.read()``) when Content-Length says the body is
    plain and under the cap; here the size is unknown, compressed or too large.
    """
    length = resp.headers.get(hdrs.CONTENT_LENGTH)
    if length is not None and hdrs.CONTENT_ENCODING not in resp.headers:
        raise _TooLarge(b"")  # a plain body said to be too large: do not read it at all
    chunks: list[bytes] = []
    total = 0
    async for chunk in resp.content.iter_any():
        total += len(chunk)
        if total > cap:
            raise _TooLarge(chunks[0][:200] if chunks else chunk[:200])
        chunks.append(chunk)
    return b"".join(chunks)


def _expects_json(headers: Mapping[str, str]) -> bool:
    for key, value in headers.items():
        if key.lower() == "accept":
            return "json" in str(value).lower() or "*/*" in str(value)
    return True


def _vendor_request_id(request_ids: list[str], headers: Mapping[str, str]) -> str | None:
    if request_ids:
        return request_ids[-1]
    return headers.get("X-Request-Id") or headers.get("Request-ID")


def _decode(raw: bytes, status: int) -> Any:
    if status == 204:
        return None
    return _decode_body(raw)


def _decode_json(raw: bytes) -> Any:
    """The decoded JSON; ``ValueError`` when the body is not JSON (or absurdly nested)."""
    try:
        try:
            return _loads(raw)
        except ValueError:
            pass
        return _json.loads(raw)  # orjson refuses a few things json accepts (NaN, huge ints)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _decode_body(raw: bytes) -> Any:
    """JSON when the body is JSON, ``None`` when empty, else the text (error bodies)."""
    if not raw.strip():
        return None
    try:
        return _decode_json(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


# The "speed" extra: orjson decodes large pages about twice as fast as json.
_loads: Callable[[bytes], Any] = orjson.loads if orjson is not None else _json.loads


_REASONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    415: "Unsupported Media Type",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


class Resource:
    """A group of endpoints on a client (``client.leads``); holds no state but the client.

    The helpers below are the one way every vendor builds paths, unwraps one model and
    reads a list out of a response body.
    """

    def __init__(self, client: ProviderClient) -> None:
        self._client = client

    @property
    def with_raw_response(self) -> RawResponseView:
        """This resource's methods returning :class:`APIResponse` (``.parse()`` for the
        result): ``await client.leads.with_raw_response.get(5)``."""
        return RawResponseView(self)

    def _id(self, value: Any, name: str) -> Any:
        """Check one path id before it is encoded; vendors with integer ids override this."""
        return value

    def _path(
        self,
        template: str,
        *ids: Any,
        names: tuple[str, ...] = (),
        named: Mapping[str, Any] | None = None,
    ) -> str:
        """``template`` with its ``{}`` placeholders (``ids``, called ``names`` in errors)
        and ``{name}`` ones (``named``) filled by checked, URL-encoded ids."""
        segments = []
        for i, value in enumerate(ids):
            name = names[i] if i < len(names) else "id"
            segments.append(path_segment(self._id(value, name), name))
        keyed = {k: path_segment(self._id(v, k), k) for k, v in (named or {}).items()}
        return template.format(*segments, **keyed)

    @staticmethod
    def _one(cls: type[M], data: Any, *keys: str, raw: bool = False) -> M | dict[str, Any]:
        """One ``cls`` from a response body, unwrapped from ``{key: {...}}`` for the first of
        ``keys`` that holds an object; with ``raw=True`` the (unwrapped) decoded JSON. A body
        that is not an object (an empty 204, a vendor's ``true``) is returned as it is."""
        inner: dict[str, Any] = unwrap(data, *keys)  # the decoded JSON object
        if raw or type(inner) is not dict:
            return inner
        return cls.from_dict(inner)

    @staticmethod
    def _many(
        cls: type[M], data: Any, *keys: str, unwrap: str | None = None, raw: bool = False
    ) -> list[Any]:
        """The ``cls`` items of a list body (see :func:`items_in`), each unwrapped from
        ``{unwrap: {...}}`` when asked; dicts with ``raw=True``."""
        items = items_in(*keys)(data)
        parse = model_parser(cls, raw, unwrap)
        return list(items) if parse is None else [parse(item) for item in items]

    async def _request(self, method: str, path: str, **kwargs: Any) -> Any:
        return await self._client.request(method, path, **kwargs)

    def _pager(
        self,
        method: str,
        path: str,
        strategy: PaginationStrategy,
        *,
        params: Mapping[str, Any] | None = None,
        json: Mapping[str, Any] | None = None,
        page_in: str = "query",
        parse: Callable[[Any], Any] | None = None,
        resume_from: Mapping[str, Any] | None = None,
        concurrency: int = 1,
        **request_options: Any,
    ) -> AsyncPager[Any]:
        """An AsyncPager whose every page repeats the caller's filters (query or body)."""
        client = self._client
        base_params = dict(params or {})
        base_json = dict(json) if json is not None else None
        # One recorder for every page (pager.last_response builds its APIResponse on read).
        recorder = _Recorder()

        def fetch(page_args: Mapping[str, Any]) -> Awaitable[Any]:
            # The coroutine itself, not an ``async def`` around it (see ``request``).
            if page_in == "json":
                return client._call(
                    method,
                    path,
                    params=base_params,
                    json={**(base_json or {}), **page_args},
                    recorder=recorder,
                    **request_options,
                )
            return client._call(
                method,
                path,
                params={**base_params, **page_args},
                json=base_json,
                recorder=recorder,
                **request_options,
            )

        pager = AsyncPager(
            fetch, strategy, parse=parse, resume_from=resume_from, concurrency=concurrency
        )
        pager._recorder = recorder
        return pager


def model_parser(
    cls: type[M], raw: bool = False, unwrap: str | None = None
) -> Callable[[Any], Any] | None:
    """Item parser for pagers: unwrap ``{"lead": {...}}`` when asked, then build ``cls``
    (``raw=True`` keeps dicts). ``None`` means "items as they are", the fastest path.

    This runs once per item of every export, so it avoids ABC ``isinstance`` checks.
    """
    if unwrap is None:
        return None if raw else cls.from_dict
    structure = converter.get_structure_hook(cls)

    def unwrapped(item: Any) -> Any:
        inner = item.get(unwrap) if type(item) is dict else None
        return inner if type(inner) is dict else item

    def parse(item: Any) -> Any:
        inner = item.get(unwrap) if type(item) is dict else None
        return structure(inner if type(inner) is dict else item, cls)

    return unwrapped if raw else parse


#: A request body as users pass it: the vendor's JSON object, or a model of it.
Body = Mapping[str, Any] | Model


def unwrap(data: Any, *keys: str) -> Any:
    """``{"lead": {...}}`` -> ``{...}`` for the first of ``keys`` holding an object; else
    ``data`` unchanged. An object with its own ``id`` is the item, not an envelope."""
    if type(data) is dict and "id" not in data:
        for key in keys:
            inner = data.get(key)
            if type(inner) is dict:
                return inner
    return data


def items_in(*keys: str) -> Callable[[Any], Sequence[Any]]:
    """Items getter of a list body: a bare JSON array, or the array under the first of
    ``keys`` present in an object (``{"_metadata": ..., "leads": [...]}``).

    An empty body, ``null`` or an object with none of ``keys`` is an empty list; anything
    else that is not a list is a vendor change worth a :class:`PaginationError` (not
    silent data loss), the same for every vendor.
    """

    def get(raw: Any) -> Sequence[Any]:
        if raw is None:
            return []
        if isinstance(raw, list):
            return raw
        if isinstance(raw, Mapping):
            for key in keys:
                if key in raw:
                    node = raw[key]
                    if node is None:
                        return []
                    if isinstance(node, list):
                        return node
                    raise PaginationError(
                        f"expected a list at {key!r} of the response, got {type(node).__name__}"
                    )
            return []
        wanted = " or ".join([f"an object with {k!r}" for k in keys] + ["a JSON array"])
        raise PaginationError(f"expected {wanted} in the response, got {type(raw).__name__}")

    return get
