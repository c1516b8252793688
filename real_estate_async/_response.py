"""APIResponse: what a successful call returned besides its body (status, headers, ids)."""

from __future__ import annotations

import contextvars
import datetime
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from ._client import ProviderClient
    from ._params import QueryPairs

__all__ = ["APIResponse", "RawResponseView", "with_response"]

T = TypeVar("T")


class APIResponse(Generic[T]):
    """The last HTTP response of one SDK call, and the call's result (``parse()``).

    ``headers`` are the vendor's, with credential-carrying values redacted; ``url`` is
    redacted too (no query-string key). ``elapsed`` covers the whole call (limiter waits,
    retries included), ``attempts`` counts HTTP attempts (1 without a retry).
    ``rate_limit_remaining`` is the smallest "remaining" the vendor announced in its
    rate-limit headers, or ``None`` if it sent none. ``request_id`` is the id the SDK sent
    (Ovipro) or the vendor's ``X-Request-Id``/``Request-ID``.

    Redaction happens when ``url``/``headers`` are first read: a pager records every page's
    response, and most are never looked at.
    """

    __slots__ = (
        "_client",
        "_headers",
        "_query",
        "_raw_headers",
        "_raw_url",
        "_url",
        "_value",
        "attempts",
        "elapsed",
        "method",
        "request_id",
        "status_code",
        "vendor",
    )  # fmt: skip

    def __init__(
        self,
        *,
        client: ProviderClient,
        method: str,
        url: str,
        query: QueryPairs,
        status_code: int,
        raw_headers: Mapping[str, str],
        request_id: str | None,
        elapsed: datetime.timedelta,
        attempts: int,
        value: Any = None,
    ) -> None:
        self.vendor = client.vendor_name
        self.method = method
        self.status_code = status_code
        self.request_id = request_id
        self.elapsed = elapsed
        self.attempts = attempts
        self._value = value
        self._client = client
        self._raw_url = url
        self._query = query
        self._raw_headers = raw_headers
        self._url: str | None = None
        self._headers: Mapping[str, str] | None = None

    @property
    def url(self) -> str:
        """The URL of the last attempt, query included, credentials redacted."""
        if self._url is None:
            client = self._client
            self._url = client._redacted(client._full_url(self._raw_url, self._query))
        return self._url

    @property
    def headers(self) -> Mapping[str, str]:
        """The response headers (case-insensitive), credential-carrying values redacted."""
        if self._headers is None:
            from multidict import CIMultiDict, CIMultiDictProxy

            from ._redact import redact_headers

            client = self._client
            redacted = redact_headers(
                self._raw_headers, client.secret_params, client._all_secrets()
            )
            self._headers = CIMultiDictProxy(CIMultiDict(redacted))
        return self._headers

    @property
    def rate_limit_remaining(self) -> int | None:
        found: list[int] = []
        for window in self._client.rate_limit_headers:
            value = self._raw_headers.get(window.remaining_header)
            if value is not None:
                try:
                    found.append(int(float(value)))
                except (ValueError, OverflowError):
                    continue
        return min(found) if found else None

    def parse(self) -> T:
        """The call's result, exactly what the call without metadata returns."""
        value: T = self._value
        return value

    def __repr__(self) -> str:
        return (
            f"<APIResponse {self.vendor} {self.method} {self.url} -> {self.status_code} "
            f"attempts={self.attempts} elapsed={self.elapsed.total_seconds():.3f}s "
            f"request_id={self.request_id!r} headers={dict(self.headers)!r}>"
        )


class _Recorder:
    """Keeps what the last HTTP response of a call was, cheaply (see :func:`with_response`);
    the :class:`APIResponse` is built only when asked for."""

    __slots__ = ("_raw",)

    def __init__(self) -> None:
        self._raw: tuple[Any, ...] | None = None

    def record(
        self,
        client: ProviderClient,
        method: str,
        url: str,
        query: QueryPairs,
        status: int,
        headers: Mapping[str, str],
        request_id: str | None,
        attempts: int,
        started: float,
    ) -> None:
        self._raw = (
            client, method, url, query, status, headers, request_id, attempts,
            time.monotonic() - started,
        )  # fmt: skip

    def response(self, value: Any) -> APIResponse[Any] | None:
        if self._raw is None:
            return None
        client, method, url, query, status, headers, request_id, attempts, elapsed = self._raw
        return APIResponse(
            client=client, method=method, url=url, query=query, status_code=status,
            raw_headers=headers, request_id=request_id,
            elapsed=datetime.timedelta(seconds=elapsed), attempts=attempts, value=value,
        )  # fmt: skip


def vendor_request_id(request_ids: list[str], headers: Mapping[str, str]) -> str | None:
    """The id of the last attempt: the one the SDK sent (Ovipro's ``Request-ID``), else the
    vendor's ``X-Request-Id``/``Request-ID`` response header."""
    if request_ids:
        return request_ids[-1]
    return headers.get("X-Request-Id") or headers.get("Request-ID")


#: The recorder of the innermost ``with_response`` running in this context, if any.
RECORDER: contextvars.ContextVar[_Recorder | None] = contextvars.ContextVar(
    "real_estate_async_recorder", default=None
)


async def with_response(call: Awaitable[T]) -> APIResponse[T]:
    """Await one SDK call and return its :class:`APIResponse` (``.parse()`` gives the result).

    ``resp = await with_response(client.leads.get(5))`` is typed ``APIResponse[Lead]``. A
    method that makes several HTTP calls (a read-modify-write PUT) reports the last one;
    a call that made no HTTP request raises ``LookupError``.
    """
    recorder = _Recorder()
    token = RECORDER.set(recorder)
    try:
        value = await call
    finally:
        RECORDER.reset(token)
    response = recorder.response(value)
    if response is None:
        raise LookupError("the call made no HTTP request, so it has no response metadata")
    return response


class RawResponseView:
    """``resource.with_raw_response``: the resource's methods returning ``APIResponse``.

    ``await client.leads.with_raw_response.get(5)`` is ``with_response(client.leads.get(5))``.
    The view forwards any method by name (no per-method copies), so its results are typed
    ``APIResponse[Any]``; use :func:`with_response` for the exact ``APIResponse[Lead]``.
    Listing methods return pagers: read ``pager.last_response`` instead.
    """

    __slots__ = ("_resource",)

    def __init__(self, resource: object) -> None:
        self._resource = resource

    def __getattr__(self, name: str) -> Callable[..., Awaitable[APIResponse[Any]]]:
        method = getattr(self._resource, name)
        if not callable(method) or name.startswith("_"):
            raise AttributeError(f"{type(self._resource).__name__}.{name} is not an API method")

        async def call(*args: Any, **kwargs: Any) -> APIResponse[Any]:
            result = method(*args, **kwargs)
            if not isinstance(result, Awaitable):
                raise TypeError(
                    f"{name}() does not return an awaitable call (a pager?): "
                    "iterate it and read pager.last_response"
                )
            return await with_response(result)

        return call

    def __repr__(self) -> str:
        return f"<RawResponseView of {type(self._resource).__name__}>"
