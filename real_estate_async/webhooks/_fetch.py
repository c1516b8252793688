"""Fetch exactly the records a group of events names, in as few requests as the API allows.

Lofty's OpenAPI document has no list-by-ids operation. So, per resource:

- a few ids: one ``GET /<resource>/{id}`` each, at most ``concurrency`` at once;
- many lead ids whose events carry a time: one scroll of ``GET /leads/updateTime``
  (100 leads a page, the largest page Lofty allows) from just before the oldest event,
  stopped as soon as every wanted lead was seen; the ones it did not find (deleted, or
  changed before the stated time) are then fetched one by one.

A record the API answers 404 for (or returns with ``deleted: true``) is reported deleted.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

import attrs

from real_estate_async import NotFoundError

__all__ = ["ROUTED", "FetchResult", "Fetcher", "fetch_records"]

#: The resources fetched by id: attributes of LoftyClient with a ``get(id, raw=True)``.
ROUTED = frozenset({"leads", "notes", "tasks", "calls"})


@attrs.define
class FetchResult:
    records: dict[str, dict[str, Any]] = attrs.field(factory=dict)
    deleted: set[str] = attrs.field(factory=set)
    requests: int = 0


Fetcher = Callable[[Any, str, set[str], "int | None"], Awaitable[FetchResult]]


async def fetch_records(
    client: Any,
    resource: str,
    ids: set[str],
    since_ms: int | None,
    *,
    concurrency: int = 8,
    scroll_above: int = 20,
    since_margin_s: float = 30.0,
) -> FetchResult:
    """The current state of ``ids`` of ``resource`` (``leads``, ``notes``, ``tasks``,
    ``calls``) through ``client`` (a :class:`~real_estate_async.LoftyClient`)."""
    result = FetchResult()
    wanted = set(ids)
    if resource == "leads" and len(wanted) > scroll_above and since_ms is not None:
        since = _dt.datetime.fromtimestamp(since_ms / 1000 - since_margin_s, _dt.timezone.utc)
        pager = client.leads.list_by_update_time(since, limit=100, raw=True)
        async for page in pager.pages():
            result.requests += 1
            for item in page.items:
                lead = item.get("lead", item) if isinstance(item, dict) else None
                key = str(lead.get("leadId")) if isinstance(lead, dict) else None
                if key is not None and key in wanted:
                    _keep(result, key, lead)
                    wanted.discard(key)
            if not wanted:
                break
    await _get_each(client, resource, wanted, result, concurrency)
    return result


def _keep(result: FetchResult, key: str, record: Any) -> None:
    if not isinstance(record, dict):
        raise TypeError(f"expected a record object for {key}, got {type(record).__name__}")
    result.records[key] = record
    if record.get("deleted") is True:
        result.deleted.add(key)


async def _get_each(
    client: Any, resource: str, ids: Iterable[str], result: FetchResult, concurrency: int
) -> None:
    getter = getattr(client, resource).get
    gate = asyncio.Semaphore(concurrency)

    async def one(key: str) -> None:
        async with gate:
            result.requests += 1
            try:
                record = await getter(int(key) if key.isdigit() else key, raw=True)
            except NotFoundError:
                result.deleted.add(key)
                return
            _keep(result, key, record)

    await asyncio.gather(*(one(k) for k in sorted(ids)))
