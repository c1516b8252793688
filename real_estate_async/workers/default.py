"""A fleet configured by environment variables: what ``real-estate-async fleet`` uses when
no ``--app`` is given (and a template for your own module).

- ``REAL_ESTATE_FLEET_REDIS``: the broker's Redis (default ``redis://localhost:6379/0``);
- ``REAL_ESTATE_FLEET_SECRETS``: a JSON secrets file ``{tenant: {provider: {kwargs}}}``;
  without it, credentials come from ``TENANT_<TENANT>_<CLIENT VARIABLE>``
  (``TENANT_ACME_BROKERMINT_API_KEY``);
- ``REAL_ESTATE_FLEET_DESTINATION``: ``auto`` (default), ``duckdb``, ``postgres``, ``jsonl``;
- ``REAL_ESTATE_FLEET_DB``: where, with ``{tenant}`` and ``{provider}`` filled in
  (default ``fleet-{tenant}.duckdb``; a folder for ``jsonl``; a DSN for ``postgres``);
- ``REAL_ESTATE_FLEET_RATES``: quotas per credential, ``brokermint=100/10,lofty=20/60``;
- ``REAL_ESTATE_FLEET_TENANT_CAP``, ``_SLICE``, ``_JOB_SECONDS``, ``_LEASE``, ``_IDLE``, ``_POLL``,
  ``_RETRY_DELAY``, ``_ATTEMPTS`` (``max_retries``): see :class:`real_estate_async.workers.Fleet`.
"""

from __future__ import annotations

import os

from ._resolvers import env_resolver, secrets_file_resolver
from ._taskiq import Fleet

__all__ = ["broker", "fleet", "from_env"]


def _rates(text: str) -> dict[str, tuple[int, float]]:
    out: dict[str, tuple[int, float]] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        provider, _, quota = part.partition("=")
        calls, _, seconds = quota.partition("/")
        out[provider.strip()] = (int(calls), float(seconds or 1))
    return out


def from_env() -> Fleet:
    env = os.environ.get
    secrets = env("REAL_ESTATE_FLEET_SECRETS")
    where = env("REAL_ESTATE_FLEET_DB")
    destination = env("REAL_ESTATE_FLEET_DESTINATION", "auto")
    default_where = "fleet-out" if destination == "jsonl" else "fleet-{tenant}.duckdb"
    pattern = where or default_where
    return Fleet(
        env("REAL_ESTATE_FLEET_REDIS", "redis://localhost:6379/0"),
        secrets_file_resolver(secrets) if secrets else env_resolver(),
        destination=destination,
        location=lambda tenant, provider: pattern.format(tenant=tenant, provider=provider),
        rates=_rates(env("REAL_ESTATE_FLEET_RATES", "")),
        tenant_cap=int(env("REAL_ESTATE_FLEET_TENANT_CAP", "1")),
        slice_records=int(env("REAL_ESTATE_FLEET_SLICE", "1000")),
        job_seconds=float(env("REAL_ESTATE_FLEET_JOB_SECONDS", "10")),
        lease_ttl=float(env("REAL_ESTATE_FLEET_LEASE", "30")),
        idle_timeout=float(env("REAL_ESTATE_FLEET_IDLE", "60")),
        poll=float(env("REAL_ESTATE_FLEET_POLL", "2")),
        retry_delay=float(env("REAL_ESTATE_FLEET_RETRY_DELAY", "0.5")),
        max_retries=int(env("REAL_ESTATE_FLEET_ATTEMPTS", "3")),
    )


fleet = from_env()
broker = fleet.broker
