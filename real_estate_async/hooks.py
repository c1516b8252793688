"""Event hooks: see every request, response, retry and limiter wait of a client.

``client.on("response", hook)`` registers ``hook(event)`` (sync or async). Each event
carries the vendor, the HTTP method and the redacted URL (never a credential). A hook that
raises is logged (``real_estate_async`` logger, WARNING, with the traceback) and the call
goes on: an observer cannot break the calls it observes. Hooks run in the calling task, in
order, awaited before the call continues, so keep them short.
"""

from __future__ import annotations

import inspect
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from ._response import _Recorder, vendor_request_id

if TYPE_CHECKING:
    from ._client import ProviderClient
    from ._params import QueryPairs
    from .telemetry import Telemetry

__all__ = [
    "EVENTS",
    "Event",
    "EventHooks",
    "LimiterWaitEvent",
    "RequestEvent",
    "ResponseEvent",
    "RetryEvent",
]

log = logging.getLogger("real_estate_async")

EventName = Literal["request", "response", "retry", "limiter_wait"]
EVENTS: tuple[EventName, ...] = ("request", "response", "retry", "limiter_wait")


@attrs.frozen
class RequestEvent:
    """An HTTP attempt is about to be sent (``attempt`` counts from 1)."""

    vendor: str
    method: str
    url: str
    attempt: int


@attrs.frozen
class ResponseEvent:
    """An HTTP attempt ended: ``status`` (0 with ``error`` set when no answer came),
    ``elapsed`` seconds of that attempt, the vendor's headers redacted."""

    vendor: str
    method: str
    url: str
    attempt: int
    status: int
    elapsed: float
    headers: Mapping[str, str]
    error: str | None = None


@attrs.frozen
class RetryEvent:
    """A retry is scheduled after ``wait`` seconds; ``reason`` is ``"status 503"``,
    ``"status 429"``, ``"status 401"`` (new credential) or an exception class name."""

    vendor: str
    method: str
    url: str
    attempt: int
    reason: str
    wait: float


@attrs.frozen
class LimiterWaitEvent:
    """The rate limiter held this attempt back for ``seconds`` (reported from 1 ms)."""

    vendor: str
    method: str
    url: str
    attempt: int
    seconds: float


Event = RequestEvent | ResponseEvent | RetryEvent | LimiterWaitEvent
Hook = Callable[[Any], Awaitable[None] | None]
# One hook type per event, so mypy checks a hook against the event it is registered for.
RequestHook = TypeVar("RequestHook", bound=Callable[[RequestEvent], Awaitable[None] | None])
ResponseHook = TypeVar("ResponseHook", bound=Callable[[ResponseEvent], Awaitable[None] | None])
RetryHook = TypeVar("RetryHook", bound=Callable[[RetryEvent], Awaitable[None] | None])
LimiterWaitHook = TypeVar(
    "LimiterWaitHook", bound=Callable[[LimiterWaitEvent], Awaitable[None] | None]
)


class EventHooks:
    """The hooks (and telemetry) of one client, shared by its ``with_options`` copies.

    ``active`` is what the pipeline checks on every call: False while nothing observes.
    """

    __slots__ = ("_hooks", "active", "telemetry")

    def __init__(self) -> None:
        self._hooks: dict[str, list[Hook]] = {name: [] for name in EVENTS}
        self.telemetry: Telemetry | None = None
        self.active = False

    def _update(self) -> None:
        self.active = self.telemetry is not None or any(self._hooks.values())

    def set_telemetry(self, telemetry: Telemetry | None) -> None:
        self.telemetry = telemetry
        self._update()

    def add(self, event: str, hook: Hook) -> None:
        if event not in self._hooks:
            raise ValueError(f"unknown event {event!r}; events are {', '.join(EVENTS)}")
        if not callable(hook):
            raise TypeError(f"a hook must be callable, not {type(hook).__name__}")
        self._hooks[event].append(hook)
        self._update()

    def remove(self, event: str, hook: Hook) -> None:
        """Unregister ``hook`` (``ValueError`` if it was not registered for ``event``)."""
        self._hooks[event].remove(hook)
        self._update()

    def __bool__(self) -> bool:
        return any(self._hooks.values())

    async def emit(self, event: str, payload: Event) -> None:
        for hook in tuple(self._hooks[event]):
            try:
                result = hook(payload)
                if inspect.isawaitable(result):
                    await result
            except Exception:  # documented: logged, the call goes on
                log.warning("event hook %r for %r raised", hook, event, exc_info=True)


class CallTrace:
    """One observed SDK call: feeds hooks, telemetry and the response recorder.

    The pipeline builds one only when something observes the client (hooks, telemetry,
    ``with_response``); otherwise each of its checks is one ``is not None``.
    """

    __slots__ = (
        "_attempt_span",
        "_attempt_started",
        "_client",
        "_hooks",
        "_query",
        "_recorder",
        "_redacted",
        "_span",
        "_started",
        "_telemetry",
        "_url",
        "attempts",
        "limiter_wait",
        "method",
    )  # fmt: skip

    def __init__(
        self,
        client: ProviderClient,
        method: str,
        url: str,
        observers: EventHooks,
        recorder: _Recorder | None,
    ) -> None:
        telemetry = observers.telemetry
        self._client = client
        self._hooks = observers if observers else None
        self._telemetry = telemetry
        self._recorder = recorder
        self.method = method
        self._url = url
        self._query: QueryPairs = []
        self._redacted: str | None = None
        self._started = time.monotonic()
        self.attempts = 0
        self.limiter_wait = 0.0
        self._span: Any = None
        self._attempt_span: Any = None
        self._attempt_started = self._started
        if telemetry is not None:
            self._span = telemetry.start_call(client, method, url)

    @property
    def vendor(self) -> str:
        return self._client.vendor_name

    @property
    def span(self) -> Any:
        return self._span

    @property
    def _query_url(self) -> str:
        """The attempt's URL with its query, redacted (computed once, when first needed)."""
        if self._redacted is None:
            client = self._client
            self._redacted = client._redacted(client._full_url(self._url, self._query))
        return self._redacted

    async def waited(self, seconds: float, attempt: int, query: QueryPairs) -> None:
        if query != self._query:
            self._query, self._redacted = query, None
        self.limiter_wait += seconds
        if seconds < 0.001:
            return
        if self._telemetry is not None:
            self._telemetry.limiter_waited(self.vendor, seconds)
        if self._hooks is not None:
            await self._hooks.emit(
                "limiter_wait",
                LimiterWaitEvent(self.vendor, self.method, self._query_url, attempt + 1, seconds),
            )

    async def request(self, query: QueryPairs, attempt: int) -> None:
        if query != self._query:
            self._query, self._redacted = query, None
        self.attempts = attempt + 1
        self._attempt_started = time.monotonic()
        if self._telemetry is not None:
            self._attempt_span = self._telemetry.start_attempt(
                self._span, self.vendor, self.method, self._query_url, attempt + 1
            )
        if self._hooks is not None:
            await self._hooks.emit(
                "request", RequestEvent(self.vendor, self.method, self._query_url, attempt + 1)
            )

    async def response(
        self, status: int, headers: Mapping[str, str], failure: BaseException | None
    ) -> None:
        elapsed = time.monotonic() - self._attempt_started
        error = None if failure is None else type(failure).__name__
        if self._telemetry is not None:
            self._telemetry.end_attempt(self._attempt_span, self.vendor, status, error, elapsed)
            self._attempt_span = None
        if self._hooks is not None:
            await self._hooks.emit(
                "response",
                ResponseEvent(
                    self.vendor, self.method, self._query_url, self.attempts, status, elapsed,
                    self._redacted_headers(headers), error,
                ),
            )  # fmt: skip

    async def retry(self, reason: str, wait: float) -> None:
        if self._telemetry is not None:
            self._telemetry.retried(self.vendor, reason)
        if self._hooks is not None:
            await self._hooks.emit(
                "retry",
                RetryEvent(self.vendor, self.method, self._query_url, self.attempts, reason, wait),
            )

    def succeeded(self, status: int, headers: Mapping[str, str], request_ids: list[str]) -> None:
        if self._telemetry is not None:
            self._telemetry.end_call(self._span, self, status, None)
        if self._recorder is not None:
            self._recorder.record(
                self._client, self.method, self._url, self._query, status, headers,
                vendor_request_id(request_ids, headers), self.attempts, self._started,
            )  # fmt: skip

    def failed(self, error: BaseException) -> None:
        if self._attempt_span is not None and self._telemetry is not None:
            self._telemetry.end_attempt(
                self._attempt_span, self.vendor, 0, type(error).__name__, 0.0
            )
            self._attempt_span = None
        if self._telemetry is not None:
            status = getattr(error, "status_code", None)
            self._telemetry.end_call(self._span, self, status, error)

    def _redacted_headers(self, headers: Mapping[str, str]) -> Mapping[str, str]:
        from ._redact import redact_headers

        client = self._client
        return redact_headers(headers, client.secret_params, client._all_secrets())
