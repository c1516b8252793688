"""OpenTelemetry for the SDK (extra ``otel``: ``pip install real_estate_async[otel]``).

``instrument(client)`` makes every SDK call of ``client`` (and of its ``with_options``
copies) one CLIENT span named ``"<vendor> <METHOD> <route>"`` with each HTTP attempt as a
child span, and records metrics. Only ``opentelemetry-api`` is needed at run time; it is
imported here, never by the rest of the SDK, so a client that is not instrumented pays
nothing. No attribute carries a credential: URLs are redacted, headers are not recorded.

Span attributes: ``real_estate.vendor``, ``real_estate.operation``,
``real_estate.attempts``, ``real_estate.limiter_wait_s``, ``http.request.method``,
``http.response.status_code``, ``error.type``; attempts add ``url.full`` (redacted) and
``real_estate.attempt``. Metrics (meter ``real_estate_async``):
``real_estate.client.requests`` (attempts, by vendor and status),
``real_estate.client.retries`` (by vendor and reason), ``real_estate.client.rate_limited``
(429 answers), ``real_estate.client.limiter_wait`` (seconds, histogram) and
``real_estate.client.attempt.duration`` (seconds, histogram).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from opentelemetry import metrics, trace
from opentelemetry.trace import SpanKind, Status, StatusCode

from . import __version__

if TYPE_CHECKING:
    from ._client import ProviderClient
    from .hooks import CallTrace

__all__ = ["Telemetry", "instrument", "uninstrument"]

_ID_SEGMENT = re.compile(r"^(?=.*\d)[^/]+$")


def _route(client: ProviderClient, url: str) -> str:
    """``https://api/v1/leads/5/notes`` -> ``/leads/{id}/notes``: a span name with few
    distinct values (ids out), as OpenTelemetry asks."""
    path = url[len(client.base_url) :] if url.startswith(client.base_url) else url
    parts = ["{id}" if _ID_SEGMENT.match(p) else p for p in path.split("/")]
    return "/".join(parts) or "/"


class Telemetry:
    """The tracer and instruments one :func:`instrument` call made."""

    def __init__(
        self,
        tracer_provider: trace.TracerProvider | None,
        meter_provider: metrics.MeterProvider | None,
    ) -> None:
        self.tracer = trace.get_tracer("real_estate_async", __version__, tracer_provider)
        meter = metrics.get_meter("real_estate_async", __version__, meter_provider)
        self.requests = meter.create_counter(
            "real_estate.client.requests", unit="{request}", description="HTTP attempts sent"
        )
        self.retries = meter.create_counter(
            "real_estate.client.retries", unit="{retry}", description="retries scheduled"
        )
        self.rate_limited = meter.create_counter(
            "real_estate.client.rate_limited", unit="{response}", description="429 answers"
        )
        self.limiter_wait = meter.create_histogram(
            "real_estate.client.limiter_wait", unit="s", description="time held by the limiter"
        )
        self.duration = meter.create_histogram(
            "real_estate.client.attempt.duration", unit="s", description="one HTTP attempt"
        )

    # The pipeline calls these through CallTrace.

    def start_call(self, client: ProviderClient, method: str, url: str) -> Any:
        operation = f"{method} {_route(client, url)}"
        return self.tracer.start_span(
            f"{client.vendor_name} {operation}",
            kind=SpanKind.CLIENT,
            attributes={
                "real_estate.vendor": client.vendor_name,
                "real_estate.operation": operation,
                "http.request.method": method,
            },
        )

    @contextmanager
    def current(self, span: Any) -> Iterator[None]:
        with trace.use_span(span, end_on_exit=False, record_exception=False):
            yield

    def start_attempt(self, parent: Any, vendor: str, method: str, url: str, attempt: int) -> Any:
        return self.tracer.start_span(
            f"{vendor} {method}",
            context=trace.set_span_in_context(parent),
            kind=SpanKind.CLIENT,
            attributes={
                "real_estate.vendor": vendor,
                "http.request.method": method,
                "url.full": url,
                "real_estate.attempt": attempt,
            },
        )

    def end_attempt(
        self, span: Any, vendor: str, status: int, error: str | None, elapsed: float
    ) -> None:
        attributes: dict[str, Any] = {"real_estate.vendor": vendor}
        if status:
            attributes["http.response.status_code"] = status
        if error is not None:
            attributes["error.type"] = error
        elif status >= 400:
            attributes["error.type"] = str(status)
        self.requests.add(1, attributes)
        if status == 429:
            self.rate_limited.add(1, {"real_estate.vendor": vendor})
        if elapsed:
            self.duration.record(elapsed, attributes)
        if span is not None:
            span.set_attributes(attributes)
            if "error.type" in attributes:
                span.set_status(Status(StatusCode.ERROR))
            span.end()

    def retried(self, vendor: str, reason: str) -> None:
        self.retries.add(1, {"real_estate.vendor": vendor, "real_estate.retry_reason": reason})

    def limiter_waited(self, vendor: str, seconds: float) -> None:
        self.limiter_wait.record(seconds, {"real_estate.vendor": vendor})

    def end_call(
        self, span: Any, call: CallTrace, status: int | None, error: BaseException | None
    ) -> None:
        attributes: dict[str, Any] = {
            "real_estate.attempts": call.attempts,
            "real_estate.limiter_wait_s": round(call.limiter_wait, 6),
        }
        if status:
            attributes["http.response.status_code"] = status
        if error is not None:
            attributes["error.type"] = type(error).__name__
        span.set_attributes(attributes)
        if error is not None:
            # The message is the SDK's own, already redacted; no traceback locals.
            span.set_status(Status(StatusCode.ERROR, str(error)[:200]))
        span.end()


def instrument(
    client: ProviderClient,
    *,
    tracer_provider: trace.TracerProvider | None = None,
    meter_provider: metrics.MeterProvider | None = None,
) -> Telemetry:
    """Trace and measure every call of ``client`` (global providers unless given)."""
    telemetry = Telemetry(tracer_provider, meter_provider)
    client._observers.set_telemetry(telemetry)
    return telemetry


def uninstrument(client: ProviderClient) -> None:
    """Stop tracing ``client``: its calls cost nothing extra again."""
    client._observers.set_telemetry(None)
