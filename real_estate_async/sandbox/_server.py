"""The part every fake vendor shares: the aiohttp app, the request pipeline (stats,
latency, faults, auth, rate limits, vendor error bodies) and the localhost listener."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import socket
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, ClassVar

import attrs
from aiohttp import web

from ._changes import Clock, Stamp, format_stamp
from ._data import Collection, Factory, Record
from ._faults import FaultConfig, FaultInjector, RateLimits, VendorStats

__all__ = ["RateCheck", "SandboxError", "ServerConfig", "VendorServer", "json_response"]

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
#: (headers to add to the answer, a 429 answer to send instead, or None)
RateCheck = tuple[dict[str, str], web.StreamResponse | None]

log = logging.getLogger("real_estate_async.sandbox")


class SandboxError(Exception):
    """Raised by a handler; answered with the vendor's error body."""

    def __init__(self, status: int, message: str, code: Any = None, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.extra = extra


@attrs.frozen
class ServerConfig:
    """What every fake vendor is built from."""

    records: int = 1000
    seed: int = 1
    latency: float = 0.0
    faults: FaultConfig = attrs.field(factory=FaultConfig)
    rate_limits: RateLimits = attrs.field(factory=RateLimits)
    #: Per-collection sizes overriding the ones derived from ``records``
    #: (keys ``"<vendor>.<resource>"``, e.g. ``"ovipro.agents"``).
    sizes: Mapping[str, int] = attrs.field(factory=dict)
    #: Distinct credentials each vendor accepts (one per tenant; each with its own rate
    #: windows). Brokermint only; the others accept their one credential.
    tenants: int = 1
    #: Update times of changed records (shared by the vendors of one sandbox).
    clock: Clock = attrs.field(factory=Clock, eq=False)


def json_response(
    data: Any, status: int = 200, headers: Mapping[str, str] | None = None
) -> web.Response:
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    return web.Response(text=body, status=status, content_type="application/json", headers=headers)


class VendorServer:
    """Base of the four fake vendors. Subclasses add routes and a few hooks."""

    name: ClassVar[str] = ""
    base_path: ClassVar[str] = ""
    #: collection -> its update-time field and the field :meth:`mutate` changes.
    stamps: ClassVar[Mapping[str, Stamp]] = {}

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.seed = config.seed
        self.stats = VendorStats()
        self.injector = FaultInjector(config.faults, self.name, config.seed)
        self.collections: dict[str, Collection] = {}
        self.app = web.Application(middlewares=[self._pipeline])
        self._runner: web.AppRunner | None = None
        self._socket: socket.socket | None = None
        self.port: int | None = None
        self.setup()

    # ------------------------------------------------------------------ building

    def setup(self) -> None:
        """Create collections and routes (subclasses)."""

    def size(self, resource: str, default: int) -> int:
        return int(self.config.sizes.get(f"{self.name}.{resource}", default))

    def collection(
        self,
        resource: str,
        size: int,
        factory: Factory,
        *,
        id_key: str = "id",
        id_of: Callable[[int], Any] | None = None,
        index_of: Callable[[Any], int | None] | None = None,
    ) -> Collection:
        coll = Collection(
            self.name,
            resource,
            self.size(resource, size),
            factory,
            seed=self.seed,
            id_key=id_key,
            id_of=id_of,
            index_of=index_of,
        )
        self.collections[resource] = coll
        return coll

    def route(self, method: str, path: str, handler: Handler) -> None:
        self.app.router.add_route(method, self.base_path + path, handler)

    # ------------------------------------------------------------------ changes

    def now_stamp(self, resource: str) -> int | str | None:
        """The update time a record of ``resource`` changed now carries (None: no field)."""
        stamp = self.stamps.get(resource)
        return None if stamp is None else format_stamp(stamp, self.config.clock.now_ms())

    def mutate(self, resource: str, n: int = 1, *, step: int | None = None) -> list[Any]:
        """Change ``n`` records of ``resource`` (spread over the collection unless ``step``
        says how far apart) and stamp their update time; returns their ids.

        The changed field gets a new value (``"<old> (rev 2)"`` for strings, ``+1`` for
        numbers); the clock moves on first, so the vendor's update-time filter with the
        previous sync's cursor returns exactly these records.
        """
        stamp = self.stamps.get(resource)
        if stamp is None:
            raise KeyError(f"{self.name}.{resource} has no update time to change")
        coll = self.collections[resource]
        view = coll.view()
        total = len(view)
        n = max(0, min(n, total))
        gap = step if step is not None else max(1, total // max(n, 1))
        when = format_stamp(stamp, self.config.clock.advance())
        ids: list[Any] = []
        for k in range(n):
            index = view.index_at((k * gap) % total)
            record = coll.record(index)
            if record is None:  # pragma: no cover - views hold live records only
                continue
            changes: Record = {stamp.change: _changed(record.get(stamp.change))}
            if stamp.field:  # a record with no update-time field only gets the change
                changes[stamp.field] = when
            coll.update(record[coll.id_key], changes)
            ids.append(record[coll.id_key])
        return ids

    # -------------------------------------------------------------------- hooks

    @property
    def credentials(self) -> dict[str, str]:
        raise NotImplementedError

    def authenticate(self, request: web.Request) -> str:
        """The rate-limit key of an accepted request; raise :class:`SandboxError` if not."""
        raise NotImplementedError

    def rate_check(self, request: web.Request, key: str) -> RateCheck:
        return {}, None

    def error_body(self, status: int, message: str, code: Any, extra: Mapping[str, Any]) -> Any:
        return {"message": message}

    def burst_response(self, request: web.Request) -> web.StreamResponse:
        """A 429 of an injected burst (the vendor's 429 shape)."""
        return self.error(429, "Too Many Requests")

    def after(self, request: web.Request, key: str | None, status: int) -> dict[str, str]:
        """Headers to add after the answer is known (Brokermint's error budget)."""
        return {}

    def error(
        self,
        status: int,
        message: str,
        code: Any = None,
        headers: Mapping[str, str] | None = None,
        **extra: Any,
    ) -> web.Response:
        return json_response(self.error_body(status, message, code, extra), status, headers)

    # ------------------------------------------------------------------ pipeline

    @web.middleware
    async def _pipeline(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        self.stats.requests += 1
        if self.config.latency > 0:
            await asyncio.sleep(self.config.latency)
        fault = self.injector.draw(request.method)
        key: str | None = None
        headers: dict[str, str] = {}
        response: web.StreamResponse
        if fault is not None and fault[0] != "truncate":
            kind, status = fault
            self.stats.fault(kind)
            if kind == "reset":
                _abort(request)
                raise asyncio.CancelledError  # nothing is sent; the client sees a reset
            if kind == "burst":
                self.stats.rate_limited += 1
                response = self.burst_response(request)
            else:
                response = self.error(status, "Injected server error (sandbox fault)")
        else:
            try:
                key = self.authenticate(request)
                headers, limited = self.rate_check(request, key)
                if limited is not None:
                    self.stats.rate_limited += 1
                    response = limited
                else:
                    try:
                        response = await handler(request)
                    except web.HTTPException as exc:  # routing: 404 / 405
                        response = self.error(exc.status, exc.reason)
            except SandboxError as exc:
                response = self.error(exc.status, exc.message, exc.code, **exc.extra)
        response.headers.update(headers)
        response.headers.update(self.after(request, key, response.status))
        if fault is not None and fault[0] == "truncate" and isinstance(response, web.Response):
            self.stats.fault("truncate")
            return await _truncate(request, response)
        return response

    # ------------------------------------------------------------------ listener

    @property
    def url(self) -> str:
        if self.port is None:
            raise RuntimeError(f"the {self.name} sandbox server is not started")
        return f"http://127.0.0.1:{self.port}{self.base_path}"

    async def start(self, port: int = 0) -> None:
        runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=0.5)
        await runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", port))
            site = web.SockSite(runner, sock)
            await site.start()
        except BaseException:
            sock.close()
            await runner.cleanup()
            raise
        self._runner, self._socket = runner, sock
        self.port = int(sock.getsockname()[1])

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
        sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()


def _changed(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return "changed"
    if isinstance(value, (int, float)):
        return value + 1
    text = str(value)
    head, sep, rev = text.rpartition(" (rev ")
    if sep and rev.endswith(")") and rev[:-1].isdigit():
        return f"{head} (rev {int(rev[:-1]) + 1})"
    return f"{text} (rev 2)"


def _abort(request: web.Request) -> None:
    transport = request.transport
    if transport is not None:
        transport.abort()


async def _truncate(request: web.Request, response: web.Response) -> web.StreamResponse:
    """Send the headers and half the body with the full Content-Length, then cut."""
    body = response.body if isinstance(response.body, bytes) else b""
    stream = web.StreamResponse(status=response.status, headers=response.headers)
    stream.content_length = len(body)
    await stream.prepare(request)
    with contextlib.suppress(ConnectionError):
        await stream.write(body[: len(body) // 2])
    _abort(request)
    raise asyncio.CancelledError


def int_param(
    request: web.Request,
    name: str,
    default: int | None = None,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    code: Any = None,
) -> int | None:
    """An integer query parameter (400 with the vendor's body when it is not one)."""
    raw = request.query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SandboxError(400, f"{name} must be an integer, got {raw!r}", code) from None
    if minimum is not None and value < minimum:
        raise SandboxError(400, f"{name} must be >= {minimum}, got {value}", code)
    if maximum is not None and value > maximum:
        raise SandboxError(400, f"{name} must be <= {maximum}, got {value}", code)
    return value


async def json_body(request: web.Request, code: Any = None) -> Any:
    """The decoded JSON body (400 when it is not JSON)."""
    raw = await request.read()
    if not raw.strip():
        return None
    try:
        return json.loads(raw)
    except ValueError:
        raise SandboxError(400, "the request body is not valid JSON", code) from None


async def object_body(request: web.Request, status: int = 400, code: Any = None) -> dict[str, Any]:
    """A JSON object body (``status`` with the vendor's body otherwise)."""
    data = await json_body(request, code)
    if not isinstance(data, dict) or not data:
        raise SandboxError(status, "the request body must be a non-empty JSON object", code)
    return data
