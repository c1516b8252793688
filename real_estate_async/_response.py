"""APIResponse: what a successful call returned besides its body (status, headers, ids)."""

from __future__ import annotations

import contextvars
import datetime
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Generic, TypeVar

import attrs

__all__ = ["APIResponse", "RawResponseView", "with_response"]

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class APIResponse(Generic[T]):
    """The last HTTP response of one SDK call, and the call's result (``parse()``).

    ``headers`` are the vendor's, with credential-carrying values redacted; ``url`` is
    redacted too (no query-string key). ``elapsed`` covers the whole call (limiter waits,
    retries included), ``attempts`` counts HTTP attempts (1 without a retry).
    ``rate_limit_remaining`` is the smallest "remaining" the vendor announced in its
    rate-limit headers, or ``None`` if it sent none.
    """

    vendor: str
    method: str
    url: str
    status_code: int
    headers: Mapping[str, str]
    request_id: str | None
    elapsed: datetime.timedelta
    attempts: int
    rate_limit_remaining: int | None
    _value: Any = attrs.field(repr=False, alias="value")

    def parse(self) -> T:
        """The call's result, exactly what the call without metadata returns."""
        value: T = self._value
        return value

    def _with_value(self, value: Any) -> APIResponse[Any]:
        return attrs.evolve(self, value=value)


class _Recorder:
    """Keeps the last APIResponse recorded in its context (see :func:`with_response`)."""

    __slots__ = ("last",)

    def __init__(self) -> None:
        self.last: APIResponse[Any] | None = None


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
    if recorder.last is None:
        raise LookupError("the call made no HTTP request, so it has no response metadata")
    return recorder.last._with_value(value)


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
