"""Embedded fake vendor servers: try, test and demo the SDK with no account and no network.

```python
from real_estate_async import LoftyClient
from real_estate_async.sandbox import Sandbox

async with Sandbox(records=1000, seed=1) as sb:
    async with LoftyClient(**sb.client_kwargs("lofty")) as lofty:
        lead = await lofty.leads.get(sb.first_id("lofty", "leads"))
```

One aiohttp server per vendor on ``127.0.0.1`` (free ports unless ``port_base`` is given),
each behaving as its vendor documents it: paths, envelopes, pagination, auth, error bodies and
rate-limit headers. Data is generated record by record from ``(seed, vendor, resource,
index)``, so ``records=1_000_000`` costs nothing until a page is asked for; create, update
and delete change it. ``latency``, ``faults`` (:class:`FaultConfig`) and ``rate_limits``
(:class:`RateLimits`) are the knobs; ``sb.stats`` counts what happened.
``sb.mutate(vendor, resource, n)`` changes records between two runs and stamps their
update time, so incremental syncs can be tested; :class:`SandboxThread` runs a sandbox
on a background loop for synchronous callers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from ._faults import FaultConfig, RateLimit, RateLimits, VendorStats
from ._server import ServerConfig, VendorServer
from ._thread import SandboxThread
from .brokermint import BrokermintServer
from .lofty import LoftyServer
from .open_to_close import OpenToCloseServer
from .ovipro import OviproServer

__all__ = [
    "VENDORS",
    "BrokermintServer",
    "FaultConfig",
    "LoftyServer",
    "OpenToCloseServer",
    "OviproServer",
    "RateLimit",
    "RateLimits",
    "Sandbox",
    "SandboxThread",
    "VendorStats",
    "main",
    "serve_forever",
]

#: vendor name -> server class, in the order the servers start (and ports are assigned).
VENDORS: dict[str, type[VendorServer]] = {
    "lofty": LoftyServer,
    "brokermint": BrokermintServer,
    "open_to_close": OpenToCloseServer,
    "ovipro": OviproServer,
}


class Sandbox:
    """Fake Lofty, Brokermint, Open To Close and Ovipro servers on localhost.

    ``records``: size of each main collection (leads, transactions, contacts, agents...;
    the Ovipro directory is capped at 5000 agents unless ``sizes`` says otherwise).
    ``sizes``: exact sizes per ``"<vendor>.<resource>"`` (``{"ovipro.agents": 50}``).
    ``seed``: same seed, same data. ``latency``: seconds added to every answer.
    ``faults``: what goes wrong how often. ``rate_limits``: the vendors' limits
    (default: as the vendor documents say, e.g. Lofty 10/minute without a vendor key;
    ``RateLimits.relaxed()`` for demos). ``vendors``: start only some of them.
    ``port_base``: listen on ``port_base + i`` instead of free ports.
    ``demo=True``: relaxed rate limits unless ``rate_limits`` is given.
    ``tenants``: distinct Brokermint keys accepted (:meth:`tenant_kwargs`), one window each.
    """

    def __init__(
        self,
        records: int = 1000,
        *,
        seed: int = 1,
        latency: float = 0.0,
        faults: FaultConfig | None = None,
        rate_limits: RateLimits | None = None,
        sizes: Mapping[str, int] | None = None,
        vendors: list[str] | tuple[str, ...] | None = None,
        port_base: int | None = None,
        demo: bool = False,
        tenants: int = 1,
    ) -> None:
        if isinstance(records, bool) or not isinstance(records, int) or records < 0:
            raise ValueError(f"records must be an int >= 0, not {records!r}")
        if latency < 0:
            raise ValueError(f"latency must be >= 0, not {latency!r}")
        chosen = list(VENDORS) if vendors is None else list(vendors)
        unknown = [v for v in chosen if v not in VENDORS]
        if unknown:
            raise ValueError(f"unknown vendor(s) {unknown}; known: {list(VENDORS)}")
        self.config = ServerConfig(
            records=records,
            seed=seed,
            latency=latency,
            faults=faults or FaultConfig(),
            rate_limits=rate_limits or (RateLimits.relaxed() if demo else RateLimits()),
            sizes=dict(sizes or {}),
            tenants=tenants,
        )
        self.port_base = port_base
        self.servers: dict[str, VendorServer] = {
            name: VENDORS[name](self.config) for name in chosen
        }
        self._started = False

    # -------------------------------------------------------------- lifecycle

    async def start(self) -> Sandbox:
        if self._started:
            return self
        try:
            for i, server in enumerate(self.servers.values()):
                port = 0 if self.port_base is None else self.port_base + i
                await server.start(port)
        except BaseException:
            await self.stop()
            raise
        self._started = True
        return self

    async def stop(self) -> None:
        self._started = False
        await asyncio.gather(*(s.stop() for s in self.servers.values()), return_exceptions=True)

    async def __aenter__(self) -> Sandbox:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    # ---------------------------------------------------------------- access

    def server(self, vendor: str) -> VendorServer:
        try:
            return self.servers[vendor]
        except KeyError:
            raise KeyError(
                f"the {vendor} sandbox is not running (vendors={list(self.servers)})"
            ) from None

    def url(self, vendor: str) -> str:
        """Base URL of ``vendor`` (pass it as ``base_url=``)."""
        return self.server(vendor).url

    @property
    def lofty_url(self) -> str:
        return self.url("lofty")

    @property
    def brokermint_url(self) -> str:
        return self.url("brokermint")

    @property
    def open_to_close_url(self) -> str:
        return self.url("open_to_close")

    @property
    def ovipro_url(self) -> str:
        return self.url("ovipro")

    @property
    def urls(self) -> dict[str, str]:
        return {name: server.url for name, server in self.servers.items()}

    @property
    def credentials(self) -> dict[str, dict[str, str]]:
        """Accepted fake credentials per vendor, keyed like the client arguments.

        Lofty has both an API key and an OAuth access token (the client takes one of them):
        ``credentials["lofty"]`` holds ``api_key``, ``access_token`` and ``vendor_key``.
        """
        return {name: dict(server.credentials) for name, server in self.servers.items()}

    def client_kwargs(self, vendor: str, *, vendor_key: bool = True) -> dict[str, Any]:
        """Keyword arguments for the vendor's client: credential and ``base_url``.

        Lofty: the API key (and the vendor key unless ``vendor_key=False``).
        """
        creds = self.server(vendor).credentials
        kwargs: dict[str, Any] = {"base_url": self.url(vendor)}
        if vendor == "lofty":
            kwargs["api_key"] = creds["api_key"]
            if vendor_key:
                kwargs["vendor_key"] = creds["vendor_key"]
        elif vendor == "ovipro":
            kwargs["access_token"] = creds["access_token"]
        else:
            kwargs["api_key"] = creds["api_key"]
        return kwargs

    def tenant_kwargs(self, vendor: str, tenant: int) -> dict[str, Any]:
        """:meth:`client_kwargs` with tenant ``tenant``'s own credential (``tenants=`` of
        the sandbox; Brokermint only): each key has its own rate-limit windows."""
        kwargs = self.client_kwargs(vendor)
        keys = getattr(self.server(vendor), "api_keys", (kwargs.get("api_key"),))
        if not 0 <= tenant < len(keys):
            raise ValueError(f"{vendor}: the sandbox has {len(keys)} tenant credential(s)")
        kwargs["api_key"] = keys[tenant]
        return kwargs

    @property
    def stats(self) -> dict[str, VendorStats]:
        """Per vendor: ``requests``, ``rate_limited`` (429s sent), ``faults`` injected."""
        return {name: server.stats for name, server in self.servers.items()}

    def count(self, vendor: str, resource: str) -> int:
        """How many records ``vendor``'s ``resource`` holds right now."""
        return len(self.server(vendor).collections[resource])

    def record(self, vendor: str, resource: str, position: int) -> dict[str, Any]:
        """The record at ``position`` (0-based, current order) of a collection."""
        coll = self.server(vendor).collections[resource]
        found = coll.view().slice(position, 1)
        if not found:
            raise IndexError(f"{vendor}.{resource} has no record at position {position}")
        return found[0]

    def mutate(
        self, vendor: str, resource: str, n: int = 1, *, step: int | None = None
    ) -> list[Any]:
        """Change ``n`` records of ``vendor``'s ``resource`` and stamp their update time
        (Brokermint ``updated_at``, Lofty leads ``lastUpdateTime``, Ovipro
        ``modificationTime``, Open To Close ``updated``) one clock tick past any earlier
        change, so the vendor's update-time filter finds exactly them. Returns their ids.
        Records are spread over the collection (every ``len // n``-th, or every ``step``-th).
        """
        return self.server(vendor).mutate(resource, n, step=step)

    def advance_clock(self, seconds: float = 1.0) -> int:
        """Move the sandbox clock (update times of changed records) forward; epoch ms."""
        return self.config.clock.advance(seconds)

    def first_id(self, vendor: str, resource: str) -> Any:
        coll = self.server(vendor).collections[resource]
        return self.record(vendor, resource, 0)[coll.id_key]

    def __repr__(self) -> str:
        state = "started" if self._started else "stopped"
        return f"<Sandbox {state} records={self.config.records} seed={self.config.seed}>"


from .serve import main, serve_forever  # noqa: E402  (serve imports Sandbox from here)
