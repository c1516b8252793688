"""examples/observability.py runs against the sandbox (and a real local proxy), and the
README's proxy/metadata/hooks/OpenTelemetry snippets are taken from it line by line."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from _proxy import forwarding_proxy
from conftest import ServerFactory

from real_estate_async import LoftyClient
from real_estate_async.sandbox import RateLimits, Sandbox

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.sandbox(records=20, vendors=["lofty"], rate_limits=RateLimits.relaxed())


def example() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "observability", ROOT / "examples/observability.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["observability"] = module
    spec.loader.exec_module(module)
    return module


async def test_every_example_runs(sb: Sandbox, serve: ServerFactory) -> None:
    module = example()
    through: list[tuple[str, str, str | None]] = []
    proxy = await serve(forwarding_proxy(through))
    assert await module.through_a_proxy(proxy, **sb.client_kwargs("lofty")) == 5
    assert through and all("/leads" in url for _, url, _ in through)
    async with LoftyClient(**sb.client_kwargs("lofty")) as lofty:
        first = (await lofty.leads.list().collect(max_items=1))[0]
        await module.response_metadata(lofty, first.lead_id)
        assert await module.event_hooks(lofty, first.lead_id) == [200]
        await module.opentelemetry(lofty, first.lead_id)
