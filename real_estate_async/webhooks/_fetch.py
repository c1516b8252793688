"""Fetch exactly the records a group of events names, in as few requests as the API allows.

One table, :data:`ROUTES`, says for each resource how its records are read from Lofty's
OpenAPI document; one function, :func:`fetch_records`, applies it. The document has no
list-by-ids operation, so a route offers up to three operations and the cheapest is used:

- ``lead_list``, the records of one lead (``GET /notes?leadId=``, ``GET /appts?leadId=``,
  ``GET /leads/{leadId}/transactions``...): once per lead that has several wanted
  records (or for every lead, when the records cannot be read one by one);
- ``get`` (``GET /<resource>/{id}``) or ``lead_get`` (``GET /leads/{leadId}/transaction/
  {transactionId}``): for each record still wanted, at most ``concurrency`` at once; a
  record its lead's list did not hold is got this way too (a finished task, a system
  note may be left out of a list), and is deleted when there is no such operation;
- ``sweep``, a listing that holds many records at once: more ids than ``scroll_above``
  are looked for there first, page by page, stopped as soon as every wanted record was
  seen; the ones it did not hold are then got one by one. Leads whose events carry a
  time: a scroll of ``GET /leads/updateTime`` (100 leads a page, the largest page Lofty
  allows) from just before the oldest event; agents: ``GET /members`` (100 a page).

A record is reported deleted when the API answers 404 for it (or a ``gone`` error code:
the communication operations answer a missing record with 400 ``PERMISSION_DENIED``, so
as not to leak its existence), or when it comes back with ``deleted: true`` or
``deleteFlag: true``.

Listing alerts (``listId`` 4) have no route: the document has no operation that reads a
listing alert, so those events are kept as received.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import hashlib
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import attrs

from real_estate_async import APIStatusError, AsyncPager, NotFoundError

__all__ = ["ROUTED", "ROUTES", "FetchResult", "Fetcher", "Route", "fetch_records"]

#: Lofty's "PERMISSION_DENIED": how the communication gets answer a missing record.
PERMISSION_DENIED = "20017"

Get = Callable[[Any, Any], Awaitable[Any]]
LeadGet = Callable[[Any, Any, Any], Awaitable[Any]]
Sweep = Callable[[Any, "int | None"], "AsyncPager[Any] | None"]
#: a lead's records: an awaitable list, or a pager (each page is a request)
LeadList = Callable[[Any, Any], "Awaitable[Any] | AsyncPager[Any]"]


@attrs.frozen
class Route:
    """How the records of one resource are fetched.

    ``endpoint``: the operation that reads one record, as documentation. ``get(client,
    id)``: one record. ``lead_get(client, lead_id, id)``: one record under its lead.
    ``lead_list(client, lead_id)``: every record of a lead. ``key``: the id field of a
    listed record, or a function giving a listed record's key (records with no id of
    their own). ``every``: keep every listed record (the events name the lead, not the
    records).
    ``gone``: error codes meaning "no longer exists" besides 404. ``sweep(client,
    since_ms)``: a pager over many records (``None``: not for this round), its items
    wrapped under ``sweep_item`` when given.
    """

    endpoint: str
    get: Get | None = None
    lead_get: LeadGet | None = None
    lead_list: LeadList | None = None
    key: str | Callable[[Any, Mapping[str, Any]], str] = "id"
    every: bool = False
    gone: frozenset[str] = frozenset()
    sweep: Sweep | None = None
    sweep_item: str | None = None

    @property
    def by_lead(self) -> bool:
        """Its records are only read under their lead (the events must name it)."""
        return self.get is None

    @property
    def one_by_one(self) -> bool:
        """A record can be read alone (by id, or by lead and id)."""
        return self.get is not None or self.lead_get is not None

    def key_of(self, lead_id: Any, record: Mapping[str, Any]) -> str | None:
        if callable(self.key):
            return self.key(lead_id, record)
        value = record.get(self.key)
        return None if value is None else str(value)


def activity_key(lead_id: Any, activity: Mapping[str, Any]) -> str:
    """Key of a site activity, which has no id in the document (LeadActivity): its lead,
    its time and a digest of what it is (type, text, link), stable across fetches."""
    what = "|".join(str(activity.get(k, "")) for k in ("type", "text", "link", "pageName"))
    digest = hashlib.sha256(what.encode()).hexdigest()[:12]
    return f"{lead_id}:{activity.get('created', '')}:{digest}"


def _leads_since(client: Any, since_ms: int | None) -> AsyncPager[Any] | None:
    if since_ms is None:  # no time to scroll from
        return None
    since = _dt.datetime.fromtimestamp(since_ms / 1000, _dt.timezone.utc)
    pager: AsyncPager[Any] = client.leads.list_by_update_time(since, limit=100, raw=True)
    return pager


#: resource (table ``lofty_<resource>``) -> how its records are read.
ROUTES: dict[str, Route] = {
    "agents": Route(
        "GET /v1.0/users/{userId}", get=lambda c, i: c.members.get_user(i, raw=True),
        sweep=lambda c, since: c.members.list(limit=100, raw=True),
    ),
    "leads": Route(
        "GET /v1.0/leads/{leadId}", get=lambda c, i: c.leads.get(i, raw=True), key="leadId",
        sweep=_leads_since, sweep_item="lead",
    ),
    "lead_activities": Route(
        "GET /v1.0/leads/{leadId}/activities",
        lead_list=lambda c, lead: c.leads.activities(lead, raw=True), key=activity_key,
        every=True,
    ),
    "transactions": Route(
        "GET /v1.0/leads/{leadId}/transaction/{transactionId}",
        lead_get=lambda c, lead, i: c.leads.get_transaction(lead, i, raw=True),
        lead_list=lambda c, lead: c.leads.transactions(lead, raw=True),
        key="transactionId",
    ),
    "calls": Route(
        "GET /v2.0/communication/call/{communicationId}",
        get=lambda c, i: c.communication_v2.get_call(i, raw=True),
        gone=frozenset({PERMISSION_DENIED}),
    ),
    "emails": Route(
        "GET /v2.0/communication/email/{communicationId}",
        get=lambda c, i: c.communication_v2.get_email(i, raw=True),
        gone=frozenset({PERMISSION_DENIED}),
    ),
    "texts": Route(
        "GET /v2.0/communication/text/{communicationId}",
        get=lambda c, i: c.communication_v2.get_text(i, raw=True),
        gone=frozenset({PERMISSION_DENIED}),
    ),
    "notes": Route(
        "GET /v1.0/notes/{noteId}", get=lambda c, i: c.notes.get(i, raw=True),
        # "By default only user-created notes are returned" (the document)
        lead_list=lambda c, lead: c.notes.list(lead_id=lead, include_system_note=True, raw=True),
    ),
    "tasks": Route(
        "GET /v1.0/tasks/{taskId}", get=lambda c, i: c.tasks.get(i, raw=True),
        lead_list=lambda c, lead: c.tasks.list(lead_id=lead, raw=True),
    ),
    "appointments": Route(
        "GET /v1.0/appts?leadId={leadId}",
        lead_list=lambda c, lead: c.tasks.appointments(lead, raw=True),
    ),
}  # fmt: skip

#: The resources fetched from the API (the others are kept as events).
ROUTED = frozenset(ROUTES)


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
    leads: Mapping[str, str] | None = None,
    concurrency: int = 8,
    scroll_above: int = 20,
    since_margin_s: float = 30.0,
) -> FetchResult:
    """The current state of ``ids`` of ``resource`` (a key of :data:`ROUTES`) through
    ``client`` (a :class:`~real_estate_async.LoftyClient`). ``leads``: the lead of each
    id (a resource read under its lead skips an id without one: it is neither in
    ``records`` nor in ``deleted``); for a resource whose events name only the lead
    (``every``), ``ids`` are lead ids."""
    route = ROUTES[resource]
    result = FetchResult()
    gate = asyncio.Semaphore(concurrency)
    leads = leads or {}
    if route.every:
        await asyncio.gather(
            *(_list_lead(client, route, lead, None, result, gate) for lead in sorted(ids))
        )
        return result
    wanted = set(ids)
    if route.lead_list is not None:
        per_lead: dict[str, set[str]] = {}
        for key in wanted:
            if key in leads:
                per_lead.setdefault(leads[key], set()).add(key)
        await asyncio.gather(
            *(_list_lead(client, route, lead, keys, result, gate)
              for lead, keys in sorted(per_lead.items())
              if len(keys) > 1 or not route.one_by_one)
        )  # fmt: skip
        wanted -= result.records.keys()
    if route.sweep is not None and len(wanted) > scroll_above:
        since = None if since_ms is None else since_ms - int(since_margin_s * 1000)
        pager = route.sweep(client, since)
        if pager is not None:
            await _sweep(pager, route, wanted, result)
    await asyncio.gather(
        *(_get_one(client, route, k, leads.get(k), result, gate) for k in sorted(wanted))
    )
    return result


async def _sweep(
    pager: AsyncPager[Any], route: Route, wanted: set[str], result: FetchResult
) -> None:
    """Keep the wanted records of ``pager``'s pages (removed from ``wanted``) until none
    is left to find."""
    async for page in pager.pages():
        result.requests += 1
        for item in page.items:
            if route.sweep_item is not None and isinstance(item, dict):
                item = item.get(route.sweep_item, item)
            key = route.key_of(None, item) if isinstance(item, dict) else None
            if key is not None and key in wanted:
                _keep(result, key, item)
                wanted.discard(key)
        if not wanted:
            break


def _gone(route: Route, exc: Exception) -> bool:
    if isinstance(exc, NotFoundError):
        return True
    return isinstance(exc, APIStatusError) and str(exc.code) in route.gone


def _keep(result: FetchResult, key: str, record: Any) -> None:
    if not isinstance(record, dict):
        raise TypeError(f"expected a record object for {key}, got {type(record).__name__}")
    result.records[key] = record
    if record.get("deleted") is True or record.get("deleteFlag") is True:
        result.deleted.add(key)


def _arg(key: str) -> Any:
    return int(key) if key.isdigit() else key


async def _get_one(
    client: Any,
    route: Route,
    key: str,
    lead: str | None,
    result: FetchResult,
    gate: asyncio.Semaphore,
) -> None:
    """One record by id (or by lead and id); with no way to read it alone, a record its
    lead's list did not hold is gone."""
    if route.get is None and lead is None:
        return  # only readable under its lead, which the event did not name
    if not route.one_by_one:
        result.deleted.add(key)
        return
    async with gate:
        result.requests += 1
        try:
            if route.get is not None:
                record = await route.get(client, _arg(key))
            else:
                assert route.lead_get is not None and lead is not None
                record = await route.lead_get(client, _arg(lead), _arg(key))
        except APIStatusError as exc:
            if not _gone(route, exc):
                raise
            result.deleted.add(key)
            return
    _keep(result, key, record)


async def _list_lead(
    client: Any,
    route: Route,
    lead: str,
    only: set[str] | None,
    result: FetchResult,
    gate: asyncio.Semaphore,
) -> None:
    """The records of one lead (``only`` those, when given). A lead the API no longer
    has leaves its records to :func:`_get_one`."""
    assert route.lead_list is not None
    async with gate:
        result.requests += 1
        try:
            listing = route.lead_list(client, _arg(lead))
            if isinstance(listing, AsyncPager):
                listed = await listing.collect()
                result.requests += max(0, listing.pages_fetched - 1)
            else:
                listed = await listing
        except APIStatusError as exc:
            if not _gone(route, exc):
                raise
            return
    for item in listed if isinstance(listed, list) else []:
        key = route.key_of(lead, item) if isinstance(item, dict) else None
        if key is not None and (only is None or key in only):
            _keep(result, key, item)
