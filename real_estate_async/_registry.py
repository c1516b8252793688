"""What the CLI can export or fetch: provider -> client factory, resource -> pager and getter."""

from __future__ import annotations

import datetime as _dt
import importlib
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol

import attrs

from ._client import ProviderClient
from .models import Model, wire_names
from .pagination import AsyncPager, SinglePage

ListFn = Callable[[Any, "_dt.datetime | None", int, "Mapping[str, Any] | None"], AsyncPager[Any]]
GetFn = Callable[[Any, str], Awaitable[Any]]


@attrs.frozen
class ResourceEntry:
    list: ListFn
    get: GetFn | None = None
    since: bool = False  # whether --since filters this resource
    endpoint: str = ""  # what the export lists, for --help and docs/EXPORT.md
    model: Callable[[], type[Model]] | None = None  # its fields name an empty CSV's columns

    def columns(self) -> tuple[str, ...]:
        """The CSV header of an export with no records: the model's wire names."""
        return wire_names(self.model()) if self.model is not None else ()


class _ClientClass(Protocol):
    @property
    def credential_env(self) -> Mapping[str, str]: ...

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


def _model(vendor: str, name: str) -> Callable[[], type[Model]]:
    def load() -> type[Model]:
        module = importlib.import_module(f".providers.{vendor}.models", __package__)
        return getattr(module, name)  # type: ignore[no-any-return]

    return load


def _lofty_leads(c: Any, since: _dt.datetime | None, _: int, state: Any) -> AsyncPager[Any]:
    # Keyset scrolling (scrollId), never deep offsets: a lead added or deleted while the
    # export runs neither duplicates nor skips another one.
    if since is not None:
        return c.leads.list_by_update_time(since, resume_from=state, raw=True)  # type: ignore[no-any-return]
    return c.leads.scroll(resume_from=state, raw=True)  # type: ignore[no-any-return]


PROVIDERS: dict[str, ProviderEntry] = {
    "lofty": ProviderEntry(
        "lofty",
        _lofty,
        {
            "leads": ResourceEntry(
                _lofty_leads,
                lambda c, id_: c.leads.get(_int_id(id_), raw=True),
                since=True,
                endpoint="GET /leads (scrollId); GET /leads/updateTime with --since",
                model=_model("lofty", "Lead"),
            ),
            "members": ResourceEntry(
                # Offset pages with _metadata.total (Lofty OpenAPI document, GET
                # /v1.0/members): the one exported listing whose pages can be fetched
                # concurrently, so --concurrency reaches it.
                lambda c, since, conc, state: c.members.list(
                    concurrency=conc, resume_from=state, raw=True
                ),
                lambda c, account: c.members.get_by_account(account, raw=True),
                endpoint="GET /members (limit/offset, total: --concurrency)",
                model=_model("lofty", "Member"),
            ),
            "notes": ResourceEntry(
                lambda c, since, conc, state: c.notes.list(resume_from=state, raw=True),
                lambda c, id_: c.notes.get(_int_id(id_), raw=True),
                endpoint="GET /notes",
                model=_model("lofty", "Note"),
            ),
            "tasks": ResourceEntry(
                lambda c, since, conc, state: c.tasks.list(resume_from=state, raw=True),
                lambda c, id_: c.tasks.get(_int_id(id_), raw=True),
                endpoint="GET /tasks",
                model=_model("lofty", "Task"),
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
                endpoint="GET /transactions (starting_from_id; updated_since)",
                model=_model("brokermint", "Transaction"),
            ),
            "contacts": ResourceEntry(
                lambda c, since, conc, state: c.contacts.list(
                    updated_since=since, resume_from=state, raw=True
                ),
                lambda c, id_: c.contacts.get(_int_id(id_), raw=True),
                since=True,
                endpoint="GET /contacts (starting_from_id; updated_since)",
                model=_model("brokermint", "Contact"),
            ),
            "users": ResourceEntry(
                lambda c, since, conc, state: c.users.list(
                    updated_since=since, resume_from=state, raw=True
                ),
                lambda c, id_: c.users.get(_int_id(id_), raw=True),
                since=True,
                endpoint="GET /users (starting_from_id; updated_since)",
                model=_model("brokermint", "User"),
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
                endpoint="GET /agents (limit/offset)",
                model=_model("open_to_close", "Agent"),
            ),
            "contacts": ResourceEntry(
                lambda c, since, conc, state: c.contacts.list(resume_from=state, raw=True),
                lambda c, id_: c.contacts.get(_int_id(id_), raw=True),
                endpoint="GET /contacts (limit/offset)",
                model=_model("open_to_close", "Contact"),
            ),
            "properties": ResourceEntry(
                lambda c, since, conc, state: c.properties.list(resume_from=state, raw=True),
                lambda c, id_: c.properties.get(_int_id(id_), raw=True),
                endpoint="GET /properties (limit/offset)",
                model=_model("open_to_close", "Property"),
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
                endpoint="agency_offices.find (one answer; modifiedAfter)",
                model=_model("ovipro", "AgencyOffice"),
            ),
            "agents": ResourceEntry(
                lambda c, since, conc, state: _single(lambda: _agents(c, since), state),
                lambda c, id_: c.agents.get(id_, raw=True),
                since=True,
                endpoint="agents.find (one answer; modifiedAfter)",
                model=_model("ovipro", "Agent"),
            ),
        },
    ),
}


def resource_table() -> str:
    """Provider, resource, what is listed and whether ``--since`` applies: for --help."""
    rows = [
        f"  {p.name:<14} {name:<13} {'yes' if r.since else 'no ':<6} {r.endpoint}"
        for p in PROVIDERS.values()
        for name, r in p.resources.items()
    ]
    return "\n".join([f"  {'provider':<14} {'resource':<13} {'since':<6} lists", *rows])


async def _agents(client: Any, since: _dt.datetime | None) -> list[Any]:
    result = await client.agents.find(modified_after=since, raw=True)
    if isinstance(result, Mapping):
        agents = result.get("agents") or []
        return list(agents)
    return list(getattr(result, "agents", result))
