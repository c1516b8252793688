"""Ready-made tenant -> credentials resolvers: environment variables or a secrets file.

Any ``async (tenant, provider) -> client kwargs`` works (a vault, a database); these two
cover the simple deployments. Both run inside the worker, so nothing secret is queued.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._errors import ConfigurationError
from .._registry import PROVIDERS
from ._runtime import Resolver

__all__ = ["env_resolver", "secrets_file_resolver"]


def _sourced(resolve: Resolver, source: str) -> Resolver:
    """``resolve`` with a ``source`` attribute: where its credentials come from (the
    worker's start line)."""
    setattr(resolve, "source", source)  # noqa: B010 - a function's attribute
    return resolve


def _tenant_var(tenant: str) -> str:
    return re.sub(r"[^A-Z0-9]", "_", tenant.upper())


def env_resolver(prefix: str = "TENANT") -> Resolver:
    """Credentials from ``<prefix>_<TENANT>_<client variable>``: tenant ``acme``'s
    Brokermint key is ``TENANT_ACME_BROKERMINT_API_KEY`` (the client's own variable
    name, ``BROKERMINT_API_KEY``, behind the tenant's prefix); ``..._BROKERMINT_BASE_URL``
    optionally."""

    async def resolve(tenant: str, provider: str) -> Mapping[str, Any]:
        entry = PROVIDERS.get(provider)
        if entry is None:
            raise ConfigurationError(f"unknown provider {provider!r}")
        head = f"{prefix}_{_tenant_var(tenant)}_"
        found: dict[str, Any] = {}
        for kwarg, variable in entry.client().credential_env.items():
            value = os.environ.get(head + variable)
            if value:
                found[kwarg] = value
        if not found:
            names = " or ".join(head + v for v in entry.client().credential_env.values())
            raise ConfigurationError(f"tenant {tenant!r}: no {provider} credentials: set {names}")
        base = os.environ.get(f"{head}{provider.upper()}_BASE_URL")
        if base:
            found["base_url"] = base
        return found

    return _sourced(resolve, f"environment variables {prefix}_<TENANT>_*")


def secrets_file_resolver(path: str | os.PathLike[str]) -> Resolver:
    """Credentials from a JSON file ``{"<tenant>": {"<provider>": {client kwargs}}}``
    (e.g. a mounted Kubernetes secret), read again whenever it changes."""
    source = Path(path)
    cache: dict[str, Any] = {"mtime": None, "data": {}}

    def load() -> Mapping[str, Any]:
        mtime = source.stat().st_mtime_ns
        if cache["mtime"] != mtime:
            cache["data"] = json.loads(source.read_text(encoding="utf-8"))
            cache["mtime"] = mtime
        data: Mapping[str, Any] = cache["data"]
        return data

    async def resolve(tenant: str, provider: str) -> Mapping[str, Any]:
        data = await asyncio.to_thread(load)
        found = (data.get(tenant) or {}).get(provider)
        if not found:
            # the file's name only: its content is secret
            raise ConfigurationError(f"tenant {tenant!r}: no {provider} entry in {source.name}")
        return dict(found)

    return _sourced(resolve, f"secrets file {source}")
