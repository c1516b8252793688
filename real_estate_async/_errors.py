"""The exception hierarchy and the mapping from HTTP status (and vendor codes) to classes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "APIConnectionError",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "ConfigurationError",
    "ConflictError",
    "NotFoundError",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RealEstateError",
    "ResponseShapeError",
    "ServerError",
    "ValidationError",
    "status_error_class",
]


class RealEstateError(Exception):
    """Base class of every error this SDK raises on purpose."""


class ConfigurationError(RealEstateError):
    """Bad or missing settings, raised before any request is sent."""


class PaginationError(RealEstateError):
    """A vendor's pagination misbehaved (for example returned the same cursor twice)."""


class ResponseShapeError(PaginationError):
    """A successful response whose shape the SDK does not recognise: a list answer that is
    neither a JSON array nor an object holding one of the list keys the vendor documents,
    or a one-record answer holding neither a known wrapper key nor the record's own fields.

    Raised instead of yielding an empty page or a model whose every field is ``None``:
    a vendor that renamed its wrapper key must never look like "no records". ``keys`` are
    the keys the object held (``()`` when it was not an object), ``expected`` the keys
    the SDK looked for. A :class:`PaginationError`, so list code catching that sees it.
    """

    def __init__(
        self, message: str, *, keys: tuple[str, ...] = (), expected: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.keys = keys
        self.expected = expected


def shape_error(what: str, body: Any, expected: tuple[str, ...]) -> ResponseShapeError:
    """The :class:`ResponseShapeError` for ``body`` (``what``: "a JSON array or an object
    with 'calls'"), naming the keys it held (the first 20) or its JSON type."""
    if isinstance(body, Mapping):
        keys = tuple(str(k) for k in body)
        shown = ", ".join(repr(k) for k in keys[:20]) + (", ..." if len(keys) > 20 else "")
        got = f"an object with keys [{shown}]" if keys else "an empty object"
    else:
        keys = ()
        got = type(body).__name__
    return ResponseShapeError(
        f"unrecognised response shape: expected {what}, got {got}", keys=keys, expected=expected
    )


class APIConnectionError(RealEstateError):
    """The request never got an HTTP answer (connection refused/reset, broken body) after retries."""

    def __init__(
        self,
        message: str,
        *,
        method: str = "",
        url: str = "",
        request_ids: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.method = method
        self.url = url
        #: The request id sent with each attempt (vendors with a request-id header).
        self.request_ids = tuple(request_ids)
        self.request_id = self.request_ids[-1] if self.request_ids else None


class APITimeoutError(APIConnectionError):
    """The request timed out after retries."""


class APIStatusError(RealEstateError):
    """The vendor answered with an HTTP error status.

    ``url`` never contains a credential: query-string secrets are redacted before the
    error is built. ``request_id`` is the id of the last attempt (sent by the SDK, else
    the vendor's ``X-Request-Id``/``Request-ID`` header); ``request_ids`` holds the id
    sent with every attempt, in order, when the vendor has a request-id header.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        code: str | int | None = None,
        body: Any = None,
        request_id: str | None = None,
        method: str = "",
        url: str = "",
        headers: Mapping[str, str] | None = None,
        request_ids: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.code = code
        self.body = body
        self.request_ids = tuple(request_ids)
        self.request_id = request_id or (self.request_ids[-1] if self.request_ids else None)
        self.method = method
        self.url = url
        self.headers: Mapping[str, str] = dict(headers or {})

    def __str__(self) -> str:
        code = f" [{self.code}]" if self.code not in (None, "") else ""
        where = f" ({self.method} {self.url})" if self.method else ""
        rid = f" request_id={self.request_id}" if self.request_id else ""
        return f"{self.status_code}{code}: {self.message}{where}{rid}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code!r}, code={self.code!r}, "
            f"message={self.message!r}, method={self.method!r}, url={self.url!r}, "
            f"request_id={self.request_id!r})"
        )


class APIResponseError(APIStatusError):
    """The vendor answered, but not with an API response: a redirect (3xx; redirects are
    never followed, they could carry the credential elsewhere), a non-JSON body on a
    success (an HTML login or maintenance page, a proxy's error page), a body larger than
    the session's ``max_response_bytes``, or JSON too deeply nested to decode.

    ``content_type`` and ``excerpt`` (the first 200 characters of the body, credentials
    scrubbed) say what came back; ``url`` is redacted.
    """

    def __init__(
        self,
        message: str,
        *,
        content_type: str = "",
        excerpt: str = "",
        **kw: Any,
    ) -> None:
        super().__init__(message, **kw)
        self.content_type = content_type
        self.excerpt = excerpt


class ValidationError(APIStatusError):
    """400 / 422: the vendor rejected the input."""


class AuthenticationError(APIStatusError):
    """401, or a vendor-specific answer that means the credential is wrong."""


class PermissionDeniedError(APIStatusError):
    """403: the credential is valid but not allowed to do this."""


class NotFoundError(APIStatusError):
    """404: no such resource."""


class ConflictError(APIStatusError):
    """409: the request conflicts with the resource's current state."""


class RateLimitError(APIStatusError):
    """429: too many requests. ``retry_after`` is the wait the vendor asked for, in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kw: Any) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ServerError(APIStatusError):
    """5xx: the vendor failed."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: ValidationError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    """The default class for an HTTP error status (vendor code overrides come first)."""
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return ServerError
    return APIStatusError


#: The sync ``open_to_close`` SDK's "general API error" (Open To Close Agents API
#: documentation, "exceptions"), for code ported from it. An alias of :class:`APIStatusError`, so every status error (``NotFoundError``,
#: ``ValidationError``, ``AuthenticationError``, ...) is an instance and
#: ``except OpenToCloseAPIError`` keeps catching them, as in that SDK.
OpenToCloseAPIError = APIStatusError
