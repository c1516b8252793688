"""Transport options, response metadata, event hooks and OpenTelemetry, end to end.

    python examples/observability.py      # against the sandbox, no account needed

Each function shows one topic of docs/OBSERVABILITY.md; tests/core/test_hooks_examples.py runs
every one of them against the sandbox.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from real_estate_async import LoftyClient, SessionManager, with_response
from real_estate_async.hooks import ResponseEvent, RetryEvent

log = logging.getLogger("my_app")


async def through_a_proxy(proxy: str, **lofty_options: Any) -> int:
    # Every call through one proxy; trust_env=True would read HTTPS_PROXY/NO_PROXY instead,
    # and ca_bundle="corp-ca.pem" (or ssl=an SSLContext) trusts a TLS-inspecting proxy.
    async with SessionManager(proxy=proxy, keepalive_timeout=30) as session:
        lofty = LoftyClient(session=session, **lofty_options)
        leads = await lofty.leads.list(limit=5).collect(max_items=5)
    return len(leads)


async def response_metadata(lofty: LoftyClient, lead_id: int) -> None:
    response = await lofty.leads.with_raw_response.get(lead_id)
    lead = response.parse()  # the Lead that lofty.leads.get(lead_id) returns
    print(response.status_code, response.request_id, response.attempts, response.elapsed)
    print("quota left:", response.rate_limit_remaining, "url:", response.url)  # redacted
    typed = await with_response(lofty.leads.get(lead_id))  # APIResponse[Lead] for mypy
    assert typed.parse() == lead
    pager = lofty.leads.list(limit=50)
    async for _page in pager.pages():
        assert pager.last_response is not None
        print("page", pager.last_response.url, pager.last_response.rate_limit_remaining)


async def event_hooks(lofty: LoftyClient, lead_id: int) -> list[int]:
    statuses: list[int] = []

    @lofty.on("response")
    def count(event: ResponseEvent) -> None:
        statuses.append(event.status)

    @lofty.on("retry")
    async def warn(event: RetryEvent) -> None:  # async hooks are awaited
        log.warning("%s %s: retry in %.1fs (%s)", event.method, event.url, event.wait, event.reason)

    await lofty.leads.get(lead_id)
    return statuses


async def opentelemetry(lofty: LoftyClient, lead_id: int) -> None:
    # pip install "real_estate_async[otel]"; spans go to the globally configured provider
    # unless tracer_provider=/meter_provider= are given.
    from opentelemetry import trace

    from real_estate_async.telemetry import instrument

    instrument(lofty)
    with trace.get_tracer("my_app").start_as_current_span("nightly-sync"):
        await lofty.leads.get(lead_id)  # span "lofty GET /leads/{id}", attempts as children


async def main() -> None:
    from real_estate_async.sandbox import Sandbox

    async with (
        Sandbox(records=20, vendors=["lofty"]) as sb,
        LoftyClient(**sb.client_kwargs("lofty")) as lofty,
    ):
        first = (await lofty.leads.list().collect(max_items=1))[0]
        assert first.lead_id is not None
        await response_metadata(lofty, first.lead_id)
        print("statuses seen by the hook:", await event_hooks(lofty, first.lead_id))
        try:
            await opentelemetry(lofty, first.lead_id)
        except ImportError:
            print("opentelemetry-api is not installed: pip install real_estate_async[otel]")


if __name__ == "__main__":
    asyncio.run(main())
