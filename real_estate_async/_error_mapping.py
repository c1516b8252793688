"""Error mapping: a vendor's answer or a failed attempt -> the SDK's exception.

The status picks the class (``status_error_class``), a vendor's ``(status, code)`` pair
may override it (``error_overrides``), the vendor parses its own error body
(``_parse_error``) and may add a hint; every message, URL, header and body is redacted
with the client's secrets before it is raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._errors import (
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    RateLimitError,
    status_error_class,
)
from ._params import QueryPairs
from ._redact import redact_headers, redact_url, scrub, scrub_deep
from ._response import vendor_request_id as _vendor_request_id

if TYPE_CHECKING:
    from ._client import ProviderClient

__all__ = ["connection_error", "response_error", "status_error"]


def response_error(
    client: ProviderClient,
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
    secrets = client._all_secrets()
    content_type = headers.get("Content-Type", "") or "no content type"
    excerpt = scrub(raw[:200].decode("utf-8", "replace"), secrets)
    excerpt = " ".join(excerpt.split())[:200]
    detail = f"{what}: {content_type}"
    location = headers.get("Location")
    if location:
        detail += f" -> {scrub(redact_url(location, client.secret_params), secrets)}"
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
        url=client._redacted(client._full_url(url, query)),
        headers=redact_headers(headers, client.secret_params, secrets),
    )


def status_error(
    client: ProviderClient,
    status: int,
    body: Any,
    headers: Mapping[str, str],
    method: str,
    url: str,
    query: QueryPairs,
    request_ids: list[str],
) -> APIStatusError:
    try:
        code, message = client._parse_error(body)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
        code, message = None, None  # a hostile error body never escapes as a raw error
    if code is not None and (isinstance(code, bool) or not isinstance(code, (str, int))):
        code = str(code)[:100]
    cls = client.error_overrides.get((status, str(code))) if code is not None else None
    cls = cls or status_error_class(status)
    if not message:
        if isinstance(body, str) and body.strip():
            message = body.strip()[:500]
        else:
            message = _REASONS.get(status, "HTTP error")
    secrets = client._all_secrets()
    message = scrub(str(message), secrets)
    kwargs: dict[str, Any] = dict(
        status_code=status,
        code=code,
        body=scrub_deep(body, secrets),  # vendors may echo the request back
        request_ids=tuple(request_ids),
        request_id=_vendor_request_id(request_ids, headers),
        method=method,
        url=client._redacted(client._full_url(url, query)),
        headers=redact_headers(headers, client.secret_params, secrets),
    )
    if issubclass(cls, RateLimitError):
        retry_after = client._asked_wait(status, headers)
        error: APIStatusError = cls(message, retry_after=retry_after, **kwargs)
    else:
        error = cls(message, **kwargs)
    hint = client._error_hint(error)
    if hint:
        error.message = f"{error.message} ({hint})"
        error.args = (error.message,)
    return error


def connection_error(
    client: ProviderClient,
    exc: BaseException,
    method: str,
    url: str,
    query: QueryPairs,
    timed_out: bool,
    request_ids: list[str] = [],  # noqa: B006 - read only
) -> APIConnectionError:
    redacted = client._redacted(client._full_url(url, query))
    detail = (
        scrub(redact_url(str(exc), client.secret_params), client._all_secrets())
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
