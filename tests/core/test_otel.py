"""OpenTelemetry: spans and metrics through the SDK's in-memory exporter and reader, with
a secret scan of every span (name, attributes, status, events)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("opentelemetry.sdk")

from _scan import assert_no_secret
from _toy import ToyClient
from aiohttp import web
from conftest import ServerFactory
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from real_estate_async import APIResponseError, NotFoundError
from real_estate_async.telemetry import instrument, uninstrument

SECRET = "toy-secret-key"


def sequence_app(answers: list[web.Response]) -> web.Application:
    async def handler(request: web.Request) -> web.StreamResponse:
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        headers = {k: v for k, v in answer.headers.items() if k.lower() != "content-length"}
        return web.Response(status=answer.status, body=answer.body, headers=headers)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


@pytest.fixture
def otel() -> tuple[InMemorySpanExporter, InMemoryMetricReader, dict[str, Any]]:
    exporter = InMemorySpanExporter()
    tracer_provider = TracerProvider()
    tracer_provider.add_span_processor(SimpleSpanProcessor(exporter))
    reader = InMemoryMetricReader()
    providers = {"tracer_provider": tracer_provider, "meter_provider": MeterProvider([reader])}
    return exporter, reader, providers


def metric_points(reader: InMemoryMetricReader) -> dict[str, list[Any]]:
    data = reader.get_metrics_data()
    found: dict[str, list[Any]] = {}
    assert data is not None
    for resource in data.resource_metrics:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                found.setdefault(metric.name, []).extend(metric.data.data_points)
    return found


def span_texts(spans: tuple[ReadableSpan, ...]) -> list[Any]:
    return [
        [s.name, dict(s.attributes or {}), s.status.description, [e.attributes for e in s.events]]
        for s in spans
    ]


async def test_one_span_per_call_with_attempts_as_children(serve: ServerFactory, otel: Any) -> None:
    exporter, reader, providers = otel
    base = await serve(
        sequence_app(
            [
                web.Response(status=503),
                web.Response(status=429, headers={"Retry-After": "0"}),
                web.json_response({"ok": 1}),
            ]
        )
    )
    async with ToyClient(base_url=base, in_query=True, rate_limit=(1, 0.05)) as client:
        instrument(client, **providers)
        assert await client.request("GET", "/leads/123") == {"ok": 1}
    spans = exporter.get_finished_spans()
    calls = [s for s in spans if s.parent is None]
    attempts = [s for s in spans if s.parent is not None]
    assert len(calls) == 1 and len(attempts) == 3
    call = calls[0]
    assert call.name == "toy GET /leads/{id}"
    attributes = dict(call.attributes or {})
    assert attributes["real_estate.vendor"] == "toy"
    assert attributes["real_estate.operation"] == "GET /leads/{id}"
    assert attributes["real_estate.attempts"] == 3
    assert attributes["http.response.status_code"] == 200
    assert attributes["real_estate.limiter_wait_s"] > 0  # the attempts after the first waited
    assert "error.type" not in attributes
    assert call.context is not None
    assert all(s.parent is not None and s.parent.span_id == call.context.span_id for s in attempts)
    assert [dict(s.attributes or {}).get("http.response.status_code") for s in attempts] == [
        503, 429, 200,
    ]  # fmt: skip
    assert all("api_key=***" in str(dict(s.attributes or {})["url.full"]) for s in attempts)
    points = metric_points(reader)
    assert sum(p.value for p in points["real_estate.client.requests"]) == 3
    assert sum(p.value for p in points["real_estate.client.retries"]) == 2
    assert sum(p.value for p in points["real_estate.client.rate_limited"]) == 1
    assert sum(p.count for p in points["real_estate.client.limiter_wait"]) >= 1
    assert assert_no_secret([span_texts(spans), points], [SECRET]) > 20


async def test_an_error_marks_the_call_span(serve: ServerFactory, otel: Any) -> None:
    exporter, _reader, providers = otel
    base = await serve(sequence_app([web.json_response({"message": f"no {SECRET}"}, status=404)]))
    async with ToyClient(base_url=base, in_query=True) as client:
        instrument(client, **providers)
        with pytest.raises(NotFoundError):
            await client.request("GET", "/leads/5")
        uninstrument(client)
        with pytest.raises(NotFoundError):
            await client.request("GET", "/leads/6")  # not traced any more
    spans = exporter.get_finished_spans()
    call = next(s for s in spans if s.parent is None)
    assert len(spans) == 2
    attributes = dict(call.attributes or {})
    assert attributes["error.type"] == "NotFoundError"
    assert attributes["http.response.status_code"] == 404
    assert call.status.status_code.name == "ERROR"
    assert assert_no_secret(span_texts(spans), [SECRET]) > 5


async def test_calls_nest_under_the_users_span(serve: ServerFactory, otel: Any) -> None:
    exporter, _reader, providers = otel
    base = await serve(sequence_app([web.json_response([])]))
    tracer = providers["tracer_provider"].get_tracer("user")
    async with ToyClient(base_url=base) as client:
        instrument(client, **providers)
        with tracer.start_as_current_span("job") as job:
            await client.request("GET", "/a")
            await client.with_options(timeout=3).request("GET", "/b")  # copies are traced too
    spans = exporter.get_finished_spans()
    calls = [s for s in spans if s.name.startswith("toy GET /")]
    assert len(calls) == 2
    assert all(
        s.parent is not None and s.parent.span_id == job.get_span_context().span_id for s in calls
    )


async def test_secret_scan_across_vendors_with_everything_on(
    otel: Any, caplog: pytest.LogCaptureFixture
) -> None:
    """Brokermint and Open To Close put their key in the query string, Ovipro sends a
    bearer token: every span, metric point, hook event and log record of a get, a listing
    and a 404 at each is scanned for those credentials."""
    import logging

    from real_estate_async import BrokermintClient, OpenToCloseClient, OviproClient
    from real_estate_async.sandbox import RateLimits, Sandbox

    exporter, reader, providers = otel
    caplog.set_level(logging.DEBUG, logger="real_estate_async")
    events: list[Any] = []
    secrets: list[str] = []
    async with Sandbox(
        10, vendors=["brokermint", "open_to_close", "ovipro"], rate_limits=RateLimits.relaxed()
    ) as sb:
        clients: list[Any] = [
            BrokermintClient(**sb.client_kwargs("brokermint")),
            OpenToCloseClient(**sb.client_kwargs("open_to_close")),
            OviproClient(**sb.client_kwargs("ovipro")),
        ]
        for vendor in ("brokermint", "open_to_close", "ovipro"):
            secrets.extend(str(v) for v in sb.credentials[vendor].values())
        for client in clients:
            instrument(client, **providers)
            for name in ("request", "response", "retry", "limiter_wait"):
                client.on(name, events.append)
            async with client:
                if isinstance(client, OviproClient):
                    assert await client.agents.find()
                    with pytest.raises(NotFoundError):
                        await client.agents.get("00000000-0000-4000-8000-000000000000")
                else:
                    assert await client.contacts.list().collect(max_items=3)
                    with pytest.raises(NotFoundError):
                        await client.contacts.get(987_654_321)
    spans = exporter.get_finished_spans()
    assert {dict(s.attributes or {})["real_estate.vendor"] for s in spans} == {
        "brokermint", "open_to_close", "ovipro",
    }  # fmt: skip
    assert any("api_key=***" in e.url for e in events)
    scanned = [span_texts(spans), metric_points(reader), events, caplog.records]
    assert assert_no_secret(scanned, secrets) > 100


async def test_a_success_that_is_not_json_marks_the_call_span_as_an_error(
    serve: ServerFactory, otel: Any
) -> None:
    exporter, _reader, providers = otel
    html = web.Response(text="<html>login</html>", content_type="text/html")
    base = await serve(sequence_app([html]))
    async with ToyClient(base_url=base) as client:
        instrument(client, **providers)
        with pytest.raises(APIResponseError):
            await client.request("GET", "/leads/5")
    call = next(s for s in exporter.get_finished_spans() if s.parent is None)
    assert dict(call.attributes or {})["error.type"] == "APIResponseError"
    assert call.status.status_code.name == "ERROR"
