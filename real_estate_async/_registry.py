"""What the CLI can export or fetch: provider -> client factory, resource -> pager and getter."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

import attrs

from .pagination import AsyncPager, SinglePage
from .providers.base import ProviderClient

ListFn = Callable[[Any, "_dt.datetime | None", int, "Mapping[str, Any] | None"], AsyncPager[Any]]
GetFn = Callable[[Any, str], Awaitable[Any]]


@attrs.frozen
class ResourceEntry:
    list: ListFn
    get: GetFn | None = None
    since: bool = False  # whether --since filters this resource


class _ClientClass(Protocol):
    credential_env: Mapping[str, str]

    def __call__(self, *args: Any, **kw: Any) -> ProviderClient: ...


@attrs.frozen
class ProviderEntry:
    name: str
    client: Callable[[], _ClientClass]  # imports the client class on first use
    resources: Mapping[str, ResourceEntry]

    @property
    def env(self) -> tuple[str, ...]:
        """Credential variables, any one of which is enough (declared on the client class)."""
        return tuple(self.client().credential_env.values())

    def make(self, **kw: Any) -> ProviderClient:
        return self.client()(**kw)


def _single(
    fetch: Callable[[], Awaitable[Any]], resume_from: Mapping[str, Any] | None
) -> AsyncPager[Any]:
    """A pager over an endpoint that answers with everything at once."""

    async def page(_: Mapping[str, Any]) -> Any:
        return await fetch()

    return AsyncPager(page, SinglePage(), resume_from=resume_from)


def _lofty() -> _ClientClass:
    from .providers.lofty import LoftyClient

    return LoftyClient


def _brokermint() -> _ClientClass:
    from .providers.brokermint import BrokermintClient

    return BrokermintClient


def _open_to_close() -> _ClientClass:
    from .providers.open_to_close import OpenToCloseClient

    return OpenToCloseClient


def _ovipro() -> _ClientClass:
    from .providers.ovipro import OviproClient

    return OviproClient


def _int_id(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"id must be an integer, got {value!r}") from None


PROVIDERS: dict[str, ProviderEntry] = {
    "lofty": ProviderEntry(
        "lofty",
        _lofty,
        {
            "leads": ResourceEntry(
                lambda c, since, conc, state: c.leads.list(
                    limit=100, concurrency=conc, resume_from=state, raw=True
                ),
                lambda c, id_: c.leads.get(_int_id(id_), raw=True),
            ),
            "notes": ResourceEntry(
                lambda c, since, conc, state: c.notes.list(resume_from=state, raw=True),
                lambda c, id_: c.notes.get(_int_id(id_), raw=True),
            ),
            "tasks": ResourceEntry(
                lambda c, since, conc, state: c.tasks.list(resume_from=state, raw=True),
                lambda c, id_: c.tasks.get(_int_id(id_), raw=True),
            ),
        },
    ),
    "brokermint": ProviderEntry(
        "brokermint",
        _brokermint,
        {
            "transactions": ResourceEntry(
                lambda c, since, conc, state: c.transactions.list(
                    updated_since=since, resume_from=state, raw=True
                ),
                lambda c, id_: c.transactions.get(_int_id(id_), raw=True),
                since=True,
            ),
            "contacts": ResourceEntry(
                lambda c, since, conc, state: c.contacts.list(resume_from=state, raw=True),
                lambda c, id_: c.contacts.get(_int_id(id_), raw=True),
            ),
            "users": ResourceEntry(
                lambda c, since, conc, state: c.users.list(resume_from=state, raw=True),
                lambda c, id_: c.users.get(_int_id(id_), raw=True),
            ),
        },
    ),
    "open_to_close": ProviderEntry(
        "open_to_close",
        _open_to_close,
        {
            "agents": ResourceEntry(
                lambda c, since, conc, state: c.agents.list(resume_from=state, raw=True),
                lambda c, id_: c.agents.get(_int_id(id_), raw=True),
            ),
            "contacts": ResourceEntry(
                lambda c, since, conc, state: c.contacts.list(resume_from=state, raw=True),
                lambda c, id_: c.contacts.get(_int_id(id_), raw=True),
            ),
            "properties": ResourceEntry(
                lambda c, since, conc, state: c.properties.list(resume_from=state, raw=True),
                lambda c, id_: c.properties.get(_int_id(id_), raw=True),
            ),
        },
    ),
    "ovipro": ProviderEntry(
        "ovipro",
        _ovipro,
        {
            "offices": ResourceEntry(
                lambda c, since, conc, state: _single(
                    lambda: c.agency_offices.find(modified_after=since, raw=True), state
                ),
                lambda c, id_: c.agency_offices.get(id_, raw=True),
                since=True,
            ),
            "agents": ResourceEntry(
                lambda c, since, conc, state: _single(lambda: _agents(c, since), state),
                lambda c, id_: c.agents.get(id_, raw=True),
                since=True,
            ),
        },
    ),
}


async def _agents(client: Any, since: _dt.datetime | None) -> list[Any]:
    result = await client.agents.find(modified_after=since, raw=True)
    if isinstance(result, Mapping):
        agents = result.get("agents") or []
        return list(agents)
    return list(getattr(result, "agents", result))
