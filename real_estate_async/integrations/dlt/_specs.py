"""What each vendor's dlt source holds: per resource, its primary key, how to list it, and
the update-time field plus the vendor filter that asks for "changed since"."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import attrs

Row = dict[str, Any]
#: (client, "changed since" filter value or None) -> pages of raw vendor records
Fetch = Callable[[Any, Any], AsyncIterator[list[Row]]]


@attrs.frozen
class ResourceSpec:
    """One table: ``primary_key`` for merging; ``cursor`` (the vendor's update-time field)
    with ``since`` turning its last synced value into the vendor's filter argument."""

    name: str
    primary_key: str
    fetch: Fetch
    cursor: str | None = None
    since: Callable[[Any], Any] | None = None


@attrs.frozen
class VendorSpec:
    name: str
    client: str  # class name in real_estate_async
    resources: Mapping[str, ResourceSpec]

    def make_client(self, **kwargs: Any) -> Any:
        import real_estate_async

        return getattr(real_estate_async, self.client)(**kwargs)


def _iso(value: Any) -> _dt.datetime:
    """An ISO 8601 update time (``...Z``) as an aware datetime; naive = UTC."""
    if isinstance(value, _dt.datetime):
        moment = value
    else:
        moment = _dt.datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.timezone.utc)


def _lofty(value: Any) -> Any:
    """Lofty's ``lastUpdateTime`` back into ``leadUpdateTime``: an ISO time with an offset
    as a datetime (the SDK converts it to Lofty's UTC-7), epoch milliseconds likewise;
    anything else (a wall-clock time in Lofty's own zone) goes back exactly as it came."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.isdigit()):
        return _dt.datetime.fromtimestamp(int(value) / 1000, tz=_dt.timezone.utc)
    text = str(value)
    if text.endswith(("Z", "z")) or re.search(r"[+-]\d\d:?\d\d$", text):
        return _iso(text)
    return text


def _ms(value: Any) -> int:
    """Brokermint's 13-digit millisecond update time, sent back as it came."""
    return int(value)


def _pages(make: Callable[[Any, Any], Any]) -> Fetch:
    """Pages of an :class:`AsyncPager` built by ``make(client, since)``."""

    async def fetch(client: Any, since: Any) -> AsyncIterator[list[Row]]:
        async for page in make(client, since).pages():
            yield list(page.items)

    return fetch


def _single(call: Callable[[Any, Any], Any], key: str | None = None) -> Fetch:
    """An endpoint that answers with everything at once (Ovipro)."""

    async def fetch(client: Any, since: Any) -> AsyncIterator[list[Row]]:
        result = await call(client, since)
        if key is not None and isinstance(result, Mapping):
            result = result.get(key) or []
        yield list(result)

    return fetch


def _brokermint(name: str) -> Fetch:
    """Brokermint lists; contacts and users only carry ``updated_at`` with ``full_info``."""

    def make(client: Any, since: Any) -> Any:
        if name == "transactions":
            return client.transactions.list(updated_since=since, raw=True)
        return getattr(client, name).list(updated_since=since, full_info=True, raw=True)

    return _pages(make)


def _pk(name: str, key: str, make: Callable[[Any, Any], Any]) -> ResourceSpec:
    """A resource with no update-time filter: every run lists it all; merge keeps one row."""
    return ResourceSpec(name, key, _pages(make))


VENDORS: dict[str, VendorSpec] = {
    "lofty": VendorSpec(
        "lofty",
        "LoftyClient",
        {
            # GET /leads/updateTime: leads updated at or after leadUpdateTime (inclusive)
            "leads": ResourceSpec(
                "leads",
                "leadId",
                _pages(lambda c, since: c.leads.list_by_update_time(since, limit=100, raw=True)),
                cursor="lastUpdateTime",
                since=_lofty,
            ),
            "notes": _pk("notes", "id", lambda c, _: c.notes.list(raw=True)),
            "tasks": _pk("tasks", "id", lambda c, _: c.tasks.list(raw=True)),
        },
    ),
    "brokermint": VendorSpec(
        "brokermint",
        "BrokermintClient",
        {
            # GET /transactions|/contacts|/users?updated_since=<ms> (inclusive)
            name: ResourceSpec(name, "id", _brokermint(name), cursor="updated_at", since=_ms)
            for name in ("transactions", "contacts", "users")
        },
    ),
    "open_to_close": VendorSpec(
        "open_to_close",
        "OpenToCloseClient",
        {
            # no update-time filter in the API: full listing, merged on id
            "agents": _pk("agents", "id", lambda c, _: c.agents.list(raw=True)),
            "contacts": _pk("contacts", "id", lambda c, _: c.contacts.list(raw=True)),
            "properties": _pk("properties", "id", lambda c, _: c.properties.list(raw=True)),
        },
    ),
    "ovipro": VendorSpec(
        "ovipro",
        "OviproClient",
        {
            # GET /agency-offices|/agents?modifiedAfter=<ISO 8601> (strictly after)
            "offices": ResourceSpec(
                "offices",
                "agencyOfficeId",
                _single(lambda c, since: c.agency_offices.find(modified_after=since, raw=True)),
                cursor="modificationTime",
                since=_iso,
            ),
            "agents": ResourceSpec(
                "agents",
                "agentId",
                _single(lambda c, since: c.agents.find(modified_after=since, raw=True), "agents"),
                cursor="modificationTime",
                since=_iso,
            ),
        },
    ),
}
