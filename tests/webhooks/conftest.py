"""Fixtures shared by the webhook CLI tests: the sandbox in its own thread and the
environment a ``real-estate-async webhooks`` process reads."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator

import pytest

from real_estate_async.sandbox import RateLimits, Sandbox, SandboxThread

TOKEN = secrets.token_urlsafe(24)


@pytest.fixture
def box() -> Iterator[SandboxThread]:
    sandbox = Sandbox(records=300, vendors=["lofty"], rate_limits=RateLimits.relaxed())
    with SandboxThread(sandbox) as running:
        yield running


@pytest.fixture
def env(box: SandboxThread, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The sandbox's Lofty credentials and the webhook token; no Redis configured."""
    creds = box.sandbox.credentials["lofty"]
    for key, value in {
        "LOFTY_WEBHOOK_TOKEN": TOKEN,
        "LOFTY_API_KEY": creds["api_key"],
        "LOFTY_VENDOR_KEY": creds["vendor_key"],
        "LOFTY_BASE_URL": box.sandbox.lofty_url,
    }.items():
        monkeypatch.setenv(key, value)
    for key in ("LOFTY_ACCESS_TOKEN", "REAL_ESTATE_WEBHOOK_REDIS", "REAL_ESTATE_FLEET_REDIS"):
        monkeypatch.delenv(key, raising=False)
    return dict(os.environ)
