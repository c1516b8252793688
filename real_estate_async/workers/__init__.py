"""Many tenants, many workers: vendor syncs on taskiq with fleet-wide quotas (extra
``workers``; see docs/WORKERS.md).

```python
from real_estate_async.workers import Fleet, secrets_file_resolver

fleet = Fleet("redis://localhost:6379/0", secrets_file_resolver("/run/secrets/tenants.json"),
              location=lambda tenant, provider: f"/data/{tenant}.duckdb")
broker = fleet.broker      # real-estate-async fleet worker myapp.fleet:broker

async with fleet:          # the app enqueues (credentials stay in the workers)
    await fleet.enqueue("acme", "brokermint", "transactions")
```

The job bodies (:class:`FleetRuntime`) are engine-neutral: arq or Celery call them the
same way (README, "Running on workers").
"""

from __future__ import annotations

from ._dest import DESTINATIONS
from ._resolvers import env_resolver, secrets_file_resolver
from ._runtime import FleetConfig, FleetRuntime, Kick, Resolver
from ._status import TenantStatus, fleet_status, format_status, queue_depth
from ._store import Checkpoint, FleetStore

try:
    from ._taskiq import Fleet, FleetBroker
except ImportError as exc:  # pragma: no cover - depends on the extra
    _missing = exc

    def __getattr__(name: str) -> object:
        if name in ("Fleet", "FleetBroker"):
            raise ImportError(
                "real_estate_async.workers needs the workers extra: "
                "pip install 'real_estate_async[workers]'"
            ) from _missing
        raise AttributeError(name)


__all__ = [
    "DESTINATIONS",
    "Checkpoint",
    "Fleet",
    "FleetBroker",
    "FleetConfig",
    "FleetRuntime",
    "FleetStore",
    "Kick",
    "Resolver",
    "TenantStatus",
    "env_resolver",
    "fleet_status",
    "format_status",
    "queue_depth",
    "secrets_file_resolver",
]
