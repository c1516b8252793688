"""dlt sources over the SDK's pagers: one resource per table, merged on the primary key,
incremental on the vendor's update-time field where the vendor can filter by it.

dlt runs async generators in an event loop of its own (a background thread), so nothing
that belongs to a loop is made here: the SessionManager and the clients are created
inside the generators, on dlt's loop, and shared by the resources of one source (one
connection pool; one limiter per credential, as everywhere in the SDK). Credentials stay
in a Python closure: they are not dlt source/resource arguments, so dlt never resolves,
stores or traces them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from typing import Any

import attrs
import dlt
from dlt.extract.source import DltSource

from ..._errors import ConfigurationError
from ..._session import SessionManager
from ._specs import VENDORS, ResourceSpec, Row, VendorSpec
from ._text import escape_unencodable

__all__ = ["Progress", "SourceStats", "vendor_source"]

#: progress(resource, rows fetched so far, requests so far, finished)
Progress = Callable[[str, int, int, bool], None]


@attrs.define
class SourceStats:
    """Filled while dlt extracts: rows fetched and HTTP requests made, per resource."""

    fetched: dict[str, int] = attrs.field(factory=dict)
    requests: dict[str, int] = attrs.field(factory=dict)
    _lock: threading.Lock = attrs.field(factory=threading.Lock, repr=False)

    def add(self, resource: str, rows: int, requests: int) -> None:
        with self._lock:
            self.fetched[resource] = self.fetched.get(resource, 0) + rows
            self.requests[resource] = requests


class _Clients:
    """The resources' clients on dlt's loop: one SessionManager while any resource runs."""

    def __init__(self, vendor: VendorSpec, client_kwargs: dict[str, Any]) -> None:
        self._vendor = vendor
        self._kwargs = client_kwargs
        self._session: SessionManager | None = None
        self._users = 0

    def acquire(self) -> Any:
        """A client on the shared session (made on first use, in the running loop)."""
        if self._session is None:
            self._session = SessionManager()
        self._users += 1
        return self._vendor.make_client(**self._kwargs, session=self._session)

    async def release(self, client: Any) -> None:
        """Close ``client``; the session too when no resource uses it any more."""
        try:
            await client.aclose()  # given a session: leaves it open for the others
        finally:
            self._users -= 1
            if self._users == 0 and self._session is not None:
                session, self._session = self._session, None
                await session.aclose()


def vendor_source(
    vendor: str,
    resources: Sequence[str] | None = None,
    *,
    client_kwargs: dict[str, Any] | None = None,
    stats: SourceStats | None = None,
    progress: Progress | None = None,
) -> DltSource:
    """The dlt source of ``vendor`` with ``resources`` (default: all of them).

    ``client_kwargs`` go to the vendor's client (``api_key=...``, ``base_url=...``; by
    default credentials come from the environment, as for the client itself).
    """
    spec = VENDORS.get(vendor)
    if spec is None:
        raise ConfigurationError(f"unknown provider {vendor!r}; choose from {', '.join(VENDORS)}")
    chosen = list(resources or spec.resources)
    unknown = [r for r in chosen if r not in spec.resources]
    if unknown:
        raise ConfigurationError(
            f"unknown resource {unknown[0]!r} for {vendor}; choose from {', '.join(spec.resources)}"
        )
    clients = _Clients(spec, dict(client_kwargs or {}))
    built = [_resource(spec.resources[name], clients, stats, progress) for name in chosen]

    def resources_of_source() -> Any:
        return built

    # max_table_nesting=0: nested lists/objects stay JSON columns, one table per resource
    factory = dlt.source(resources_of_source, name=vendor, max_table_nesting=0)
    source: DltSource = factory()
    return source


def _resource(
    res: ResourceSpec,
    clients: _Clients,
    stats: SourceStats | None,
    progress: Progress | None,
) -> Any:
    async def rows(since: Any) -> AsyncIterator[list[Row]]:
        fetched = 0
        last_report = 0.0
        # acquire/release rather than an async context manager: no extra async generator
        # for dlt's loop to finalise when a run is interrupted
        client = clients.acquire()
        try:
            async for page in res.fetch(client, since):
                fetched += len(page)
                requests = int(client.stats["requests"])
                if stats is not None:
                    stats.add(res.name, len(page), requests)
                now = time.monotonic()
                if progress is not None and now - last_report >= 0.5:
                    last_report = now
                    progress(res.name, fetched, requests, False)
                if page:
                    yield escape_unencodable(page)
            if stats is not None:
                stats.add(res.name, 0, int(client.stats["requests"]))
            if progress is not None:
                progress(res.name, fetched, int(client.stats["requests"]), True)
        finally:
            await clients.release(client)

    if res.cursor is not None and res.since is not None:
        to_filter = res.since

        async def incremental(
            cursor: Any = dlt.sources.incremental(res.cursor),  # noqa: B008 - dlt's idiom
        ) -> AsyncIterator[list[Row]]:
            # the last synced update time -> the vendor's "changed since" filter; dlt drops
            # rows it has already loaded at exactly that time (the filters are inclusive)
            start = cursor.last_value
            async for page in rows(None if start is None else to_filter(start)):
                yield page

        gen: Callable[..., AsyncIterator[list[Row]]] = incremental
    else:

        async def full() -> AsyncIterator[list[Row]]:
            async for page in rows(None):
                yield page

        gen = full
    return dlt.resource(gen, name=res.name, primary_key=res.primary_key, write_disposition="merge")
