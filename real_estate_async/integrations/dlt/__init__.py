"""Sync into a database with dlt: one source per vendor, merged on primary keys and
incremental on the vendor's update-time field (extra ``dlt``; see docs/SYNC.md).

```python
import dlt
from real_estate_async.integrations.dlt import brokermint_source

pipeline = dlt.pipeline("crm", destination=dlt.destinations.duckdb("crm.duckdb"),
                        dataset_name="brokermint")   # DuckDB: file name != dataset name
pipeline.run(brokermint_source(["transactions"]))    # credentials from the environment
```

Or all of it in one call: :func:`sync` (what ``real-estate-async sync`` runs).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

try:
    from dlt.extract.source import DltSource
except ImportError as exc:  # pragma: no cover - depends on the extra
    raise ImportError(
        "real_estate_async.integrations.dlt needs the dlt extra: "
        "pip install 'real_estate_async[dlt]'"
    ) from exc

from ._errors import DestinationError, DestinationLockedError
from ._runner import DEFAULT_DUCKDB, DESTINATIONS, SyncResult, TableResult, sync
from ._source import SourceStats, vendor_source
from ._specs import VENDORS, ResourceSpec

__all__ = [
    "DEFAULT_DUCKDB",
    "DESTINATIONS",
    "VENDORS",
    "DestinationError",
    "DestinationLockedError",
    "ResourceSpec",
    "SourceStats",
    "SyncResult",
    "TableResult",
    "brokermint_source",
    "lofty_source",
    "open_to_close_source",
    "ovipro_source",
    "sync",
    "vendor_source",
]


def lofty_source(resources: Sequence[str] | None = None, **client_kwargs: Any) -> DltSource:
    """Lofty ``leads`` (incremental on ``lastUpdateTime`` via ``GET /leads/updateTime``),
    ``notes``, ``tasks``. ``client_kwargs`` as for :class:`LoftyClient` (``api_key=``,
    ``vendor_key=``, ``base_url=``...)."""
    return vendor_source("lofty", resources, client_kwargs=client_kwargs)


def brokermint_source(resources: Sequence[str] | None = None, **client_kwargs: Any) -> DltSource:
    """Brokermint ``transactions``, ``contacts``, ``users``, each incremental on
    ``updated_at`` (``GET /<resource>?updated_since=``). ``client_kwargs`` as for
    :class:`BrokermintClient`."""
    return vendor_source("brokermint", resources, client_kwargs=client_kwargs)


def open_to_close_source(resources: Sequence[str] | None = None, **client_kwargs: Any) -> DltSource:
    """Open To Close ``agents``, ``contacts``, ``properties`` (no update-time filter in the
    API: each run lists everything and merges on ``id``)."""
    return vendor_source("open_to_close", resources, client_kwargs=client_kwargs)


def ovipro_source(resources: Sequence[str] | None = None, **client_kwargs: Any) -> DltSource:
    """Ovipro ``offices`` and ``agents``, incremental on ``modificationTime``
    (``modifiedAfter``). ``client_kwargs`` as for :class:`OviproClient`."""
    return vendor_source("ovipro", resources, client_kwargs=client_kwargs)
