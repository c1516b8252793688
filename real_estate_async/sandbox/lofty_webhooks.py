"""Fake Lofty webhooks: the three subscription operations and the deliveries.

Operations as Lofty's OpenAPI document (tag "Webhooks") gives them: ``POST /webhook``
(WebhookRequest: ``listId`` 1-12, ``callbackUrl``, ``limit`` 1-5000 default 100,
``permissionMode`` 0/1; 400 ``WEBHOOK_TYPE_ERROR``, ``WEBHOOK_CALLBACK_URL_INVALID``,
``WEBHOOK_EXCEED_LIMIT``), ``GET /webhooks`` (a bare array of WebhookResponse) and
``DELETE /webhook/{subscribeId}`` (empty body; 400 ``WEBHOOK_DELETE_NOT_EXIST``).
The document requires an HTTPS callback; the sandbox also accepts plain HTTP on
``127.0.0.1``/``localhost`` so a local receiver can be tested.

Deliveries: every change of a record the webhook types name (``Sandbox.mutate``, and the
create, update and delete routes; see :data:`EVENT_SOURCES`) becomes an event for each
subscription to that type's ``listId``; each subscription gets its events POSTed as JSON
arrays of at most ``limit`` events, in order. A 5xx answer or a connection error is
retried with the same body (backoff from ``retry_delay``, ``max_attempts`` in all); a 4xx
drops the batch. The event envelope (the payload page is not in the document):
``{"eventId", "listId", "eventType": "created"|"updated"|"deleted", <id key>, "leadId",
"eventTime" (epoch ms), "subscribeId"}``, the id key as :data:`EVENT_SOURCES` gives it
(``timelineId`` for calls, emails and texts: the id the document's "Webhook follow-up"
notes pass to ``GET /v2.0/communication/{call|email|text}/{communicationId}``). A lead's
stage change also emits a pipeline change (``listId`` 12); a site activity added to a
lead emits a lead activity (``listId`` 3) naming the lead. Listing alerts (``listId`` 4)
are accepted as subscriptions and never emitted (the sandbox stores no listing alerts).
``permissionMode`` is stored, not applied (one user).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp
import attrs
from aiohttp import web

from ._server import SandboxError, json_response, object_body

if TYPE_CHECKING:
    from .lofty import LoftyServer

__all__ = ["EVENT_SOURCES", "DeliveryStats", "WebhookDeliveries", "add_webhook_routes"]

#: collection of the fake Lofty -> (``listId``, envelope key of the record's id).
EVENT_SOURCES: dict[str, tuple[int, str]] = {
    "members": (1, "userId"),
    "leads": (2, "leadId"),
    "transactions": (5, "transactionId"),
    "calls": (6, "timelineId"),
    "emails": (7, "timelineId"),
    "texts": (8, "timelineId"),
    "notes": (9, "noteId"),
    "tasks": (10, "taskId"),
    "appointments": (11, "appointmentId"),
}

log = logging.getLogger("real_estate_async.sandbox")

MAX_SUBSCRIPTIONS = 50
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@attrs.define
class DeliveryStats:
    """What the deliveries did: ``batches`` accepted (2xx), ``events`` in them,
    ``attempts`` (every POST), ``retries`` (after a 5xx or a connection error),
    ``dropped`` batches (4xx, or out of attempts), ``statuses`` answered, in order."""

    batches: int = 0
    events: int = 0
    attempts: int = 0
    retries: int = 0
    dropped: int = 0
    statuses: list[int] = attrs.field(factory=list)
    batch_sizes: list[int] = attrs.field(factory=list)


class WebhookDeliveries:
    """Subscriptions of the fake Lofty and the task that delivers their events."""

    def __init__(
        self, server: LoftyServer, *, retry_delay: float = 0.05, max_attempts: int = 8
    ) -> None:
        self.server = server
        self.subscriptions: dict[int, dict[str, Any]] = {}
        self.retry_delay = retry_delay
        self.max_attempts = max_attempts
        self.stats = DeliveryStats()
        self._ids = itertools.count(563172647619608)
        self._events = itertools.count(1)
        self._pending: dict[int, list[dict[str, Any]]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None
        self._idle: asyncio.Event | None = None
        self._inflight = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        self._idle.set()
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        self._task = asyncio.create_task(self._deliver_forever(), name="sandbox-webhooks")

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    async def drained(self) -> None:
        """Wait until every pending event was delivered (or dropped)."""
        assert self._idle is not None, "the sandbox is not started"
        while self._pending_count():
            self._idle.clear()
            await self._idle.wait()

    # ------------------------------------------------------------------ events

    def emit(
        self, list_id: int, action: str, refs: Iterable[Mapping[str, Any]], time_ms: int
    ) -> int:
        """Queue one event per ``refs`` item (the ids the envelope names, e.g.
        ``{"noteId": 1, "leadId": 2}``) for every subscription to ``list_id``; how many
        events. Safe to call from any thread."""
        subs = [s for s in self.subscriptions.values() if s["listId"] == list_id]
        if not subs:
            return 0
        events = [
            {"eventId": f"evt-{next(self._events)}", "listId": list_id, "eventType": action,
             **ref, "eventTime": time_ms}
            for ref in refs
        ]  # fmt: skip
        if not events:
            return 0
        loop = self._loop
        if loop is None:
            return 0  # not started: nobody can be called back
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._queue(subs, events)
        else:
            loop.call_soon_threadsafe(self._queue, subs, events)
        return len(events) * len(subs)

    def _queue(self, subs: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
        for sub in subs:
            sid = sub["subscribeId"]
            self._pending.setdefault(sid, []).extend(dict(e, subscribeId=sid) for e in events)
        if self._idle is not None:
            self._idle.clear()
        if self._wake is not None:
            self._wake.set()

    def _pending_count(self) -> int:
        """Events waiting or being delivered."""
        return sum(len(v) for v in self._pending.values()) + self._inflight

    async def _deliver_forever(self) -> None:
        assert self._wake is not None and self._idle is not None
        while True:
            await self._wake.wait()
            self._wake.clear()
            while any(self._pending.values()):
                await asyncio.gather(
                    *(self._deliver_one(sid) for sid in list(self._pending) if self._pending[sid])
                )
            self._idle.set()

    async def _deliver_one(self, sid: int) -> None:
        sub = self.subscriptions.get(sid)
        queue = self._pending.get(sid, [])
        if sub is None:  # deleted meanwhile: its events go nowhere
            self._pending.pop(sid, None)
            return
        batch, self._pending[sid] = queue[: sub["limit"]], queue[sub["limit"] :]
        self._inflight += len(batch)
        try:
            await self._deliver_batch(sub, batch)
        finally:
            self._inflight -= len(batch)

    async def _deliver_batch(self, sub: dict[str, Any], batch: list[dict[str, Any]]) -> None:
        body = json.dumps(batch, separators=(",", ":")).encode()
        delay = self.retry_delay
        for attempt in range(1, self.max_attempts + 1):
            status = await self._post(sub["callbackUrl"], body)
            self.stats.attempts += 1
            self.stats.statuses.append(status)
            if 200 <= status < 300:
                self.stats.batches += 1
                self.stats.events += len(batch)
                self.stats.batch_sizes.append(len(batch))
                return
            if 400 <= status < 500:
                break
            if attempt < self.max_attempts:
                self.stats.retries += 1
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)
        self.stats.dropped += 1
        log.warning("sandbox webhook batch of %d event(s) dropped", len(batch))

    async def _post(self, url: str, body: bytes) -> int:
        assert self._session is not None
        try:
            async with self._session.post(
                url, data=body, headers={"Content-Type": "application/json"}
            ) as resp:
                await resp.read()
                return resp.status
        except (aiohttp.ClientError, OSError, asyncio.TimeoutError):
            return 0  # no answer: retried like a 5xx

    # ------------------------------------------------------------------ routes

    async def create(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 400)
        list_id = body.get("listId")
        if isinstance(list_id, bool) or not isinstance(list_id, int) or not 1 <= list_id <= 12:
            raise SandboxError(400, "unsupported listId", "WEBHOOK_TYPE_ERROR")
        url = body.get("callbackUrl")
        if not isinstance(url, str) or not _callback_ok(url):
            raise SandboxError(400, "invalid callbackUrl", "WEBHOOK_CALLBACK_URL_INVALID")
        limit = body.get("limit", 100)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 5000:
            raise SandboxError(400, "limit must be 1 to 5000", 400)
        mode = body.get("permissionMode", 0)
        if mode not in (0, 1) or isinstance(mode, bool):
            raise SandboxError(400, "permissionMode must be 0 or 1", 400)
        if len(self.subscriptions) >= MAX_SUBSCRIPTIONS:
            raise SandboxError(400, "subscription quota exceeded", "WEBHOOK_EXCEED_LIMIT")
        sid = next(self._ids)
        sub = {
            "subscribeId": sid,
            "teamId": 13233324,
            "listId": list_id,
            "vendorId": 123,
            "callbackUrl": url,
            "limit": limit,
            "permissionMode": mode,
        }
        self.subscriptions[sid] = sub
        return json_response(sub)

    async def list(self, request: web.Request) -> web.StreamResponse:
        return json_response(list(self.subscriptions.values()))

    async def delete(self, request: web.Request) -> web.StreamResponse:
        raw = request.match_info["subscribe_id"]
        sid = int(raw) if raw.isdigit() else None
        if sid is None or self.subscriptions.pop(sid, None) is None:
            raise SandboxError(400, "subscription does not exist", "WEBHOOK_DELETE_NOT_EXIST")
        self._pending.pop(sid, None)
        return web.Response(status=200)


def _callback_ok(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS


def add_webhook_routes(server: LoftyServer) -> WebhookDeliveries:
    """Register the subscription operations on ``server``; its deliveries object."""
    deliveries = WebhookDeliveries(server)
    server.route("POST", "/webhook", deliveries.create)
    server.route("GET", "/webhooks", deliveries.list)
    server.route("DELETE", "/webhook/{subscribe_id}", deliveries.delete)
    return deliveries
