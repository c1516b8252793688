"""The request pipeline: one SDK call as attempts, each answer through the retry decision,
and the wait before a retry (:func:`send`, :func:`attempt`, :func:`retry_wait`,
:func:`wait_before_retry`); plus header checks, the capped body read and JSON decoding.
"""

from __future__ import annotations

import asyncio
import json as _json
import logging
import re
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import aiohttp
import attrs
from aiohttp import hdrs
from yarl import URL

from ._error_mapping import connection_error, response_error, status_error
from ._errors import ConfigurationError
from ._orjson import orjson
from ._params import QueryPairs
from ._response import vendor_request_id
from ._retry import RETRYABLE_STATUSES
from ._session import SessionClosedError
from .ratelimit.base import release

if TYPE_CHECKING:
    from ._client import ProviderClient
    from ._response import _Recorder
    from .hooks import CallTrace
    from .ratelimit import RateLimiter

__all__ = ["attempt", "retry_wait", "send", "wait_before_retry"]

log = logging.getLogger("real_estate_async")


@attrs.frozen
class _Call:
    """Per-call options after defaults are applied."""

    timeout: float
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, Any]
    retry_non_idempotent: bool
    expects_json: bool  # False when the caller asked for another type (Accept: application/xml)


_NO_HEADERS: Mapping[str, str] = {}
#: The last auth headers that passed ``_check_headers`` (a copy: equal values pass again).
_checked_auth: dict[str, Any] = {}
# What aiohttp refuses in a header name or value (RFC 9110, section 5.5): controls but tab.
_FORBIDDEN_HEADER_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _check_headers(headers: Mapping[str, Any]) -> None:
    """Refuse what aiohttp would refuse while sending, with the same exception types:
    ``TypeError`` for a name or value that is not a string, ``ValueError`` for a control
    character (header injection). Values are never quoted (they may be credentials)."""
    search = _FORBIDDEN_HEADER_CHARS.search
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            what = "name" if not isinstance(name, str) else f"{name!r} value"
            bad = name if not isinstance(name, str) else value
            raise TypeError(f"header {what} must be a str, not {type(bad).__name__}")
        if search(value) is not None or search(name) is not None:
            raise ValueError(f"header {name!r}: control characters (CR, LF, NUL) are not allowed")


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


# Origins (scheme://host:port) of URLs already checked as sendable.
_ORIGINS: set[str] = set()
# Query keys and values that no quoter changes (RFC 3986 unreserved characters).
_PLAIN = re.compile(r"[A-Za-z0-9._~-]*").fullmatch

#: What one attempt came back with: status (0 without an answer), response headers, body,
#: the failure that stood in for an answer (or None), the query sent, when it started.
_Answer = tuple[int, Mapping[str, str], bytes, BaseException | None, QueryPairs, float]


async def send(
    client: ProviderClient,
    method: str,
    url: str,
    query: QueryPairs,
    body: Any,
    call: _Call,
    trace: CallTrace | None = None,
    recorder: _Recorder | None = None,
) -> Any:
    """One SDK call: attempts (see :func:`attempt`) until one succeeds or fails for good.

    Each answer goes through the retry decision (:func:`retry_wait`) and, when retried,
    the wait (:func:`wait_before_retry`). Returns the decoded JSON of the success; raises
    the SDK's exception for the last answer otherwise. ``body`` is the JSON to send, or a
    callable building a multipart body (called again for each attempt)."""
    manager = client._session_manager
    session = manager.session()
    limiter = client.limiter
    max_bytes = client.max_response_bytes or manager.max_response_bytes
    request_ids: list[str] = []
    call_started = time.monotonic() if recorder is not None and trace is None else 0.0
    make_form = body if callable(body) else None
    data: Any = None
    if body is not None and make_form is None:
        data = _json.dumps(body, separators=(",", ":"), default=str)
    timeout = client._timeouts.get(call.timeout)
    if timeout is None:
        timeout = client._timeouts[call.timeout] = aiohttp.ClientTimeout(total=call.timeout)
    attempt_no = 0
    refreshed = False
    while True:
        status, resp_headers, raw, failure, full_query, started = await attempt(
            client, session, limiter, method, url, query, data, make_form, call,
            timeout, max_bytes, request_ids, trace, attempt_no,
        )  # fmt: skip
        # Errors are raised outside the attempt's ``except`` so no aiohttp exception
        # (whose request_info holds the URL and Authorization) is chained as __context__.
        if failure is not None:
            if failure is _SESSION_CLOSED:
                raise SessionClosedError(
                    f"{type(client).__name__}: the session was closed during the call"
                )
            if isinstance(failure, _TooLarge):
                raise response_error(
                    client, status, failure.head, resp_headers, method, url, full_query,
                    request_ids, f"body larger than max_response_bytes={max_bytes}",
                )  # fmt: skip
            _log(client, method, url, full_query, None, started, attempt_no, failure)
            wait = retry_wait(client, method, call, attempt_no, failure=failure)
            if wait is None:
                timed_out = isinstance(failure, asyncio.TimeoutError)
                raise connection_error(
                    client, failure, method, url, full_query, timed_out, request_ids
                ) from None
            await wait_before_retry(client, trace, type(failure).__name__, wait)
            attempt_no += 1
            continue
        client._on_response(status, resp_headers)
        _log(client, method, url, full_query, status, started, attempt_no, None)
        if status < 300:
            result = _success_body(
                client, call, status, raw, resp_headers, method, url, full_query, request_ids
            )
            # Only a body that decoded is a success (a span that ended as one stays so).
            if trace is not None:
                trace.succeeded(status, resp_headers, request_ids)
            elif recorder is not None:
                recorder.record(
                    client, method, url, full_query, status, resp_headers,
                    vendor_request_id(request_ids, resp_headers), attempt_no + 1, call_started,
                )  # fmt: skip
            return result
        if status < 400:
            raise response_error(
                client, status, raw, resp_headers, method, url, full_query, request_ids,
                "a redirect (not followed)",
            )  # fmt: skip
        error = status_error(
            client, status, _decode_body(raw), resp_headers, method, url, full_query, request_ids
        )
        if status == 401 and not refreshed:
            refreshed = True
            if await client._refresh_auth():
                # A new credential: the same attempt again, at once (not counted as a retry).
                if trace is not None:
                    await trace.retry("status 401", 0.0)
                continue
        if status == 429:
            client.stats["rate_limited"] += 1
        wait = retry_wait(client, method, call, attempt_no, status, resp_headers)
        if wait is None:
            raise error
        await wait_before_retry(client, trace, f"status {status}", wait)
        attempt_no += 1


async def attempt(
    client: ProviderClient,
    session: aiohttp.ClientSession,
    limiter: RateLimiter,
    method: str,
    url: str,
    query: QueryPairs,
    data: Any,
    make_form: Callable[[], aiohttp.FormData] | None,
    call: _Call,
    timeout: aiohttp.ClientTimeout,
    max_bytes: int,
    request_ids: list[str],
    trace: CallTrace | None,
    attempt_no: int,
) -> _Answer:
    """One HTTP attempt: fresh headers (auth, request id), a limiter slot, the exchange.

    The slot goes back exactly once (``feedback``) whatever happens. A failure that stands
    in for an answer (connection error, timeout, oversized body, closed session) is
    returned, not raised (see :func:`send`); anything else propagates."""
    headers = {"Accept": "application/json"}
    if make_form is None:
        headers["Content-Type"] = "application/json"
    else:
        data = make_form()
    auth = client._auth_headers()
    if auth:
        global _checked_auth
        if auth != _checked_auth:  # the same credential each attempt: checked once
            _check_headers(auth)  # a credential read with its newline, say
            _checked_auth = dict(auth)
        headers.update(auth)
    if client.request_id_header:
        request_id = client._new_request_id()
        if request_id:
            headers[client.request_id_header] = request_id
            request_ids.append(request_id)
    if call.extra_headers:
        headers.update(call.extra_headers)
    full_query = query + client._auth_query()
    target, params = _target(client, url, full_query)
    max_wait = client.retry_policy.max_wait
    if trace is None:
        await limiter.acquire(max_wait=max_wait)
    else:
        waiting = time.monotonic()
        await limiter.acquire(max_wait=max_wait)
        try:  # an async hook may be cancelled here: the slot must not leak
            await trace.waited(time.monotonic() - waiting, attempt_no, full_query)
            await trace.request(full_query, attempt_no)
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
        client.stats["requests"] += 1
        started = time.monotonic()
        async with session.request(
            method,
            target,
            params=params,
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
        client._scrub_request_info(exc)
    except RuntimeError:
        if not session.closed:
            raise
        failure = _SESSION_CLOSED
    finally:
        await limiter.feedback(status, resp_headers)
    if trace is not None:
        await trace.response(status, resp_headers, failure)
    return status, resp_headers, raw, failure, full_query, started


def retry_wait(
    client: ProviderClient,
    method: str,
    call: _Call,
    attempt_no: int,
    status: int = 0,
    headers: Mapping[str, str] = _NO_HEADERS,
    failure: BaseException | None = None,
) -> float | None:
    """The retry decision: seconds to wait before the next attempt, or ``None`` when this
    answer (a status, or a connection ``failure``) is final.

    Connection errors and 5xx are retried for idempotent methods or when the caller opts
    in, a 429 for any method; never past ``max_retries``, nor when the vendor forbids it
    (``_may_retry``). The wait is what the vendor asked (``_asked_wait``), else the
    policy's backoff, capped at ``max_wait``; a 429 asking longer than that is final."""
    if attempt_no >= call.max_retries:
        return None
    policy = client.retry_policy
    if failure is not None:
        return policy.backoff(attempt_no) if client._retry_allowed(method, call) else None
    if (
        status not in RETRYABLE_STATUSES
        or not (policy.status_allows_retry(status) or client._retry_allowed(method, call))
        or not client._may_retry(status, headers)
    ):
        return None
    asked = client._asked_wait(status, headers)
    wait = policy.backoff(attempt_no) if asked is None else asked
    if status == 429 and wait > policy.max_wait:
        return None
    return min(wait, policy.max_wait)


async def wait_before_retry(
    client: ProviderClient, trace: CallTrace | None, reason: str, seconds: float
) -> None:
    """The wait before a retry: the ``retry`` event (with the real wait), then the sleep."""
    if trace is not None:
        await trace.retry(reason, seconds)
    await asyncio.sleep(seconds)
    client.stats["retries"] += 1


def _target(client: ProviderClient, url: str, query: QueryPairs) -> tuple[URL, QueryPairs | None]:
    """What aiohttp is given for ``url`` and ``query``: the URL, and the pairs it still has
    to add (``None`` when the query is already in the URL). Refused when it cannot be sent.

    Query pairs made only of unreserved characters (RFC 3986, section 2.3: what every
    quoter leaves as it is; ids, offsets, vendor keys) are written into the URL string,
    which yarl parses once: the same bytes on the wire as ``params=``, without aiohttp
    building a second URL from the first (about 11k instructions a call). Anything else goes
    through ``params=`` as before, so it is quoted exactly as aiohttp quotes it."""
    end = url.find("/", url.find("://") + 3) if "://" in url else -1
    origin = url if end < 0 else url[:end]
    if origin not in _ORIGINS:
        checked = URL(origin, encoded=True)
        if checked.scheme not in ("http", "https") or not checked.host:
            # Refused here, before the limiter: a call that can never be sent must not
            # spend a slot (nor be retried as a connection error).
            raise ConfigurationError(
                f"{client.vendor_name}: {client._redacted(url)!r} is not an http(s) URL with "
                "a host; check base_url"
            )
        if len(_ORIGINS) >= 64:
            _ORIGINS.clear()
        _ORIGINS.add(origin)
    if query:
        try:
            text = "".join([k + v for k, v in query])
        except TypeError:  # a value that is not a str (a vendor hook's): aiohttp formats it
            return URL(url, encoded=True), query
        if "?" in url or "#" in url or _PLAIN(text) is None:
            return URL(url, encoded=True), query
        url = url + "?" + "&".join([k + "=" + v for k, v in query])
    return URL(url, encoded=True), None


def _success_body(
    client: ProviderClient,
    call: _Call,
    status: int,
    raw: bytes,
    headers: Mapping[str, str],
    method: str,
    url: str,
    query: QueryPairs,
    request_ids: list[str],
) -> Any:
    """The decoded JSON of a 2xx (``None`` when empty); its text when the caller asked for
    another type; :class:`APIResponseError` for a body that is not JSON."""
    if status == 204 or not raw:
        return None
    try:
        return _decode_json(raw)
    except ValueError:
        if not raw.strip():  # only whitespace: empty (checked here: strip copies a page)
            return None
        if call.expects_json:
            raise response_error(
                client, status, raw, headers, method, url, query, request_ids,
                "the success body is not JSON",
            ) from None  # fmt: skip
        return raw.decode("utf-8", "replace")


def _log(
    client: ProviderClient,
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
    redacted = client._redacted(client._full_url(url, query))
    log.debug(
        "%s %s -> %s in %.1fms (attempt %d)",
        method,
        redacted,
        outcome,
        elapsed,
        attempt + 1,
        # Structured fields for JSON log handlers (all free of credentials).
        extra={
            "vendor": client.vendor_name,
            "http_method": method,
            "url": redacted,
            "status": status,
            "error": None if exc is None else type(exc).__name__,
            "attempt": attempt + 1,
            "elapsed_ms": round(elapsed, 3),
        },
    )
