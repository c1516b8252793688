"""Fake Lofty API v1.0 (the Lofty API v1.0 reference), served under ``/v1.0``.

Auth: ``Authorization: token <api key>`` or ``Bearer <access token>`` (an API key sent as
Bearer gets 400 code 200058); optional ``vendorKey`` query parameter (a wrong one is a
401). Rate limit: a fixed window per credential, 10 calls/minute without a vendor key
(configurable), announced in ``X-RateLimit-Limit/Remaining/Reset`` (Reset = UTC epoch
seconds); past it, 429 ``{"message":"Too Many Requests"}``. Errors ``{"code","message"}``.

Pagination styles, as the adapter sends them:

- ``GET /leads``: ``offset``/``limit`` with ``_metadata.total``; every answer also carries
  ``_metadata.scrollId`` while more remain, and ``scrollId`` continues after the last
  lead returned (keyset: deletes between pages lose nothing);
- ``GET /leads/createTime`` / ``/leads/updateTime``: the same scroll, filtered by
  ``leadCreateTime`` / ``leadUpdateTime`` (``YYYY-MM-DD HH:MM:SS`` in UTC-7);
- ``GET /calls``, ``/members``: offset/limit + ``_metadata.total``; ``GET /notes``,
  ``/tasks``: all of a lead's items in one answer (offset/limit honoured when sent);
- ``GET /communication/call|call/v2|email|text``, ``/logType``: from ``currentId``
  (inclusive, as section 5.3 of the reference says "starts from this ID"), ascending ids;
- ``GET /listing``: ``listings`` + ``nextPageKey`` and ``soldListings`` + ``soldNextPageKey``;
- ``GET /systemLogs``: ``pageNumber`` from 0 / ``pageSize``, with ``hasMore`` 1 or 0;
- ``POST /agent/communication``: body ``offset``/``limit``, answer ``hasMore`` + ``pageData``.

Response shapes follow Lofty's published OpenAPI document where it names them: lists under
``calls``, ``emails``, ``texts``, ``taskList`` (``GET /tasks``), ``logType``, ``timeLines``
(``GET /systemLogs``), ``notes``, ``members``, ``leads``; one call as ``{"calls": {...}}``,
one task, note or log as ``{"task"|"note"|"logType": {...}}``; a lead, a member and a user
bare. Only ``GET /leads`` keeps the API reference's ``{"lead": {...}}`` around each item
(section 3 of that reference) and ``GET /listing`` its ``listings``/``soldListings``
(the document gives no item structure for listings).

The operations only that document publishes (v1.0 and v2.0) are served by
:mod:`.lofty_published`, registered at the end of the routes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import random
import re
from collections.abc import Callable
from typing import Any

from aiohttp import web

from ._changes import Stamp
from ._data import (
    BASE_MS,
    Collection,
    Record,
    View,
    created_ms,
    first_name,
    index_created_since,
    index_updated_since,
    iso_ms,
    last_name,
    updated_ms,
)
from ._faults import FixedWindow
from ._server import (
    RateCheck,
    SandboxError,
    ServerConfig,
    VendorServer,
    int_param,
    json_body,
    json_response,
    object_body,
)
from .lofty_published import (
    MAX_ITEMS,
    TRANSACTION_TYPES,
    TRANSACTION_V2_BASE,
    PublishedState,
    add_published_routes,
)
from .lofty_webhooks import EVENT_SOURCES, WebhookDeliveries, add_webhook_routes

__all__ = ["API_KEY_AS_BEARER_CODE", "LoftyServer"]

API_KEY_AS_BEARER_CODE = 200058
LOFTY_TZ = _dt.timezone(_dt.timedelta(hours=-7))

LEAD_BASE = 100_000_000
MEMBER_BASE = 5_000
NOTE_BASE = 200_000_000
TASK_BASE = 300_000_000
CALL_BASE = 400_000_000
EMAIL_BASE = 500_000_000
TEXT_BASE = 600_000_000
LOG_BASE = 700_000_000
SYSLOG_BASE = 800_000_000
COMM_BASE = 900_000_000
APPOINTMENT_BASE = 370_000_000
NOTES_PER_LEAD = 2

_SOURCES = ("Zillow", "Realtor.com", "Website", "Referral", "Open House", "Facebook")
_STAGES = ("New", "Contacted", "Qualified", "Nurture", "Under Contract", "Closed")
_CITIES = (("Austin", "TX"), ("Denver", "CO"), ("Miami", "FL"), ("Seattle", "WA"))
_LOG_TYPES = ("logCall", "logEmail", "logText")
_COMM_TYPES = {
    "CALL": ("calls", "Call"),
    "EMAIL": ("emails", "Sent Email"),
    "TEXT": ("texts", "Text"),
}
_EMAIL_RE = re.compile(r"^lead(\d+)@example\.com$")
_MEMBER_RE = re.compile(r"^agent(\d+)@example\.com$")


def _based(base: int) -> tuple[Callable[[int], int], Callable[[Any], int | None]]:
    def id_of(index: int) -> int:
        return base + index

    def index_of(value: Any) -> int | None:
        try:
            return int(str(value)) - base
        except ValueError:
            return None

    return id_of, index_of


def _ms_from_iso(text: Any) -> int | None:
    if not isinstance(text, str):
        return None
    try:
        moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return int(moment.timestamp() * 1000)


def _now_ms() -> int:
    return int(_dt.datetime.now(_dt.timezone.utc).timestamp() * 1000)


class LoftyServer(VendorServer):
    name = "lofty"
    base_path = "/v1.0"
    # What ``mutate`` changes; records without an update-time field in the document only
    # get the change (and their webhook event).
    stamps = {
        "leads": Stamp("lastUpdateTime", "iso", "lastName"),
        "members": Stamp("", "iso", "lastName"),
        "notes": Stamp("", "iso", "content"),
        "tasks": Stamp("", "iso", "content"),
        "calls": Stamp("", "iso", "duration"),
        "emails": Stamp("", "iso", "emailSubject"),
        "texts": Stamp("", "iso", "textOutcome"),
        "transactions": Stamp("updated", "ms", "transactionName"),
        "appointments": Stamp("lastUpdate", "iso", "descr"),
    }
    published: PublishedState
    webhooks: WebhookDeliveries

    def __init__(self, config: ServerConfig) -> None:
        tag = hashlib.sha256(f"lofty:{config.seed}".encode()).hexdigest()
        self.api_key = f"lofty-key-{tag[:16]}"
        self.access_token = f"lofty-oauth-{tag[16:32]}"
        self.vendor_key = f"lofty-vendor-{tag[32:48]}"
        limits = config.rate_limits
        self.window = FixedWindow(limits.lofty)
        self.vendor_window = FixedWindow(limits.lofty_vendor_key)
        self._added_activities: dict[int, list[Record]] = {}
        super().__init__(config)

    @property
    def credentials(self) -> dict[str, str]:
        return {
            "api_key": self.api_key,
            "access_token": self.access_token,
            "vendor_key": self.vendor_key,
        }

    # ------------------------------------------------------------------ data

    def setup(self) -> None:
        n = self.config.records
        members = max(1, min(n, 500))
        self.members_count = self.size("members", members)
        self.leads = self.collection(
            "leads", n, self._lead, id_key="leadId", **self._ids(LEAD_BASE)
        )
        self.members = self.collection("members", members, self._member, **self._ids(MEMBER_BASE))
        self.notes = self.collection(
            "notes", n * NOTES_PER_LEAD, self._note, **self._ids(NOTE_BASE)
        )
        self.tasks = self.collection("tasks", n, self._task, **self._ids(TASK_BASE))
        self.calls = self.collection("calls", n, self._call, **self._ids(CALL_BASE))
        self.emails = self.collection("emails", n, self._email, **self._ids(EMAIL_BASE))
        self.texts = self.collection("texts", n, self._text, **self._ids(TEXT_BASE))
        self.logs = self.collection("logTypes", n, self._log, **self._ids(LOG_BASE))
        self.system_logs = self.collection(
            "systemLogs", n, self._system_log, **self._ids(SYSLOG_BASE)
        )
        self.communications = self.collection(
            "communications", n, self._communication, **self._ids(COMM_BASE)
        )
        # transactions and appointments: a few hundred, one per lead from the first
        few = max(1, min(n, MAX_ITEMS))
        self.transactions = self.collection(
            "transactions", few, self._transaction, id_key="transactionId",
            **self._ids(TRANSACTION_V2_BASE),
        )  # fmt: skip
        self.appointments = self.collection(
            "appointments", few, self._appointment, **self._ids(APPOINTMENT_BASE)
        )
        self.listings = self.collection("listings", n, self._listing, id_key="listingId")
        self.sold = self.collection("soldListings", max(0, n // 2), self._sold, id_key="listingId")
        self._routes()

    @staticmethod
    def _ids(base: int) -> dict[str, Any]:
        id_of, index_of = _based(base)
        return {"id_of": id_of, "index_of": index_of}

    def _lead(self, index: int, rng: random.Random) -> Record:
        city, state = rng.choice(_CITIES)
        return {
            "leadId": LEAD_BASE + index,
            "firstName": first_name(rng),
            "lastName": last_name(rng),
            "emails": [f"lead{index}@example.com"],
            "phones": [f"555{index % 10_000_000:07d}"],
            "source": rng.choice(_SOURCES),
            "stage": rng.choice(_STAGES),
            "leadType": rng.choice((1, 2)),
            "score": rng.randrange(100),
            "city": city,
            "state": state,
            "zipCode": f"{rng.randrange(10_000, 99_999)}",
            "assignedUserId": MEMBER_BASE + rng.randrange(self.members_count),
            "createTime": iso_ms(created_ms(index)),
            "lastUpdateTime": iso_ms(updated_ms(index)),
            "tags": [{"tagName": rng.choice(("vip", "buyer", "seller", "investor"))}],
        }

    def _member(self, index: int, rng: random.Random) -> Record:
        return {
            "id": MEMBER_BASE + index,
            "firstName": first_name(rng),
            "lastName": last_name(rng),
            "email": f"agent{index}@example.com",
            "role": 2 if index else 1,
            "roleName": "Agent" if index else "Owner",
            "isAdmin": index == 0,
            "status": 1,
            "accountStatus": "Active",
            "phoneNumber": f"+1555{index:07d}",
        }

    def _note(self, index: int, rng: random.Random) -> Record:
        return {
            "id": NOTE_BASE + index,
            "noteId": NOTE_BASE + index,
            "leadId": LEAD_BASE + index // NOTES_PER_LEAD,
            "content": f"Note {index}: {rng.choice(('called back', 'sent listings', 'met'))}",
            "createTime": iso_ms(created_ms(index)),
            "isPin": False,
            "systemNote": index % 5 == 4,
        }

    def _task(self, index: int, rng: random.Random) -> Record:
        return {
            "id": TASK_BASE + index,
            "leadId": LEAD_BASE + index,
            "content": rng.choice(("Call back", "Send CMA", "Schedule showing")),
            "deadline": created_ms(index) + 7 * 86_400_000,
            "type": "Call",
            "assignedUserId": MEMBER_BASE + rng.randrange(self.members_count),
        }

    def _call(self, index: int, rng: random.Random) -> Record:
        return {
            "id": CALL_BASE + index,
            "leadId": LEAD_BASE + index,
            "agentId": MEMBER_BASE + rng.randrange(self.members_count),
            "direction": rng.choice(("Outbound", "Inbound")),
            "duration": rng.randrange(600),
            "createTime": iso_ms(created_ms(index)),
            "leadPhoneNumber": f"555{index % 10_000_000:07d}",
            "status": "completed",
        }

    def _email(self, index: int, rng: random.Random) -> Record:
        return {
            "id": EMAIL_BASE + index,
            "leadId": LEAD_BASE + index,
            "agentId": MEMBER_BASE + rng.randrange(self.members_count),
            "direction": rng.choice(("Outbound", "Inbound")),
            "emailSubject": f"Homes for you #{index}",
            "emailEventTime": iso_ms(created_ms(index)),
            "eventType": rng.choice(("Sent", "Opened")),
            "emailType": "Manual",
        }

    def _text(self, index: int, rng: random.Random) -> Record:
        return {
            "id": TEXT_BASE + index,
            "leadId": LEAD_BASE + index,
            "agentId": MEMBER_BASE + rng.randrange(self.members_count),
            "direction": rng.choice(("Outbound", "Inbound")),
            "textTime": iso_ms(created_ms(index)),
            "textOutcome": "Delivered",
            "textType": "Manual",
        }

    def _log(self, index: int, rng: random.Random) -> Record:
        return {
            "id": LOG_BASE + index,
            "leadId": LEAD_BASE + index,
            "agentId": MEMBER_BASE + rng.randrange(self.members_count),
            "logType": _LOG_TYPES[index % 3],
            "createTime": iso_ms(created_ms(index)),
            "outboundOrInbound": rng.choice(("Outbound", "Inbound")),
            "isPin": False,
        }

    def _system_log(self, index: int, rng: random.Random) -> Record:
        return {
            "id": SYSLOG_BASE + index,
            "leadId": LEAD_BASE + index,
            "agentId": MEMBER_BASE + rng.randrange(self.members_count),
            "createTime": created_ms(index),
            "content": '{"event":"stage changed"}',
            "canSticky": False,
        }

    def _communication(self, index: int, rng: random.Random) -> Record:
        return {
            "id": COMM_BASE + index,
            "leadId": LEAD_BASE + index,
            "agentId": MEMBER_BASE + rng.randrange(self.members_count),
            "eventType": rng.choice(("Call", "Text", "Sent Email")),
            "communicationType": "MANUAL",
            "communicationTime": iso_ms(created_ms(index)),
            "direction": rng.choice(("Outbound", "Inbound")),
        }

    def _transaction(self, index: int, rng: random.Random) -> Record:
        created = created_ms(index)
        return {
            "transactionId": TRANSACTION_V2_BASE + index,
            "id": TRANSACTION_V2_BASE + index,
            "transactionName": f"{rng.randrange(1, 9999)} Main St",
            "transactionType": TRANSACTION_TYPES[index % len(TRANSACTION_TYPES)],
            "leadId": self.leads.id_of(index % max(1, self.leads.size)),
            "assignedAgent": MEMBER_BASE + rng.randrange(self.members_count),
            "homePrice": rng.randrange(150, 3000) * 1000,
            "transactionStatus": rng.choice(("Open", "Pending", "Closed")),
            "created": created,
            "updated": created,
        }

    def _appointment(self, index: int, rng: random.Random) -> Record:
        start = created_ms(index) + 3 * 86_400_000
        return {
            "id": APPOINTMENT_BASE + index,
            "descr": rng.choice(("Showing", "Listing presentation", "Closing")),
            "address": f"{rng.randrange(1, 9999)} Oak Ave",
            "createTime": iso_ms(created_ms(index)),
            "lastUpdate": iso_ms(created_ms(index)),
            "deadline": start,
            "endTime": start + 3_600_000,
            "allDay": False,
            "finishFlag": False,
            "deleteFlag": False,
            "overdue": False,
            "leadId": self.leads.id_of(index % max(1, self.leads.size)),
            "assignToUid": MEMBER_BASE + rng.randrange(self.members_count),
            "assignRoleType": 1,
            "creatorId": MEMBER_BASE,
        }

    def _listing(self, index: int, rng: random.Random) -> Record:
        city, state = rng.choice(_CITIES)
        return {
            "listingId": f"L{index + 1:08d}",
            "price": rng.randrange(150, 3000) * 1000,
            "street": f"{rng.randrange(1, 9999)} Main St",
            "city": city,
            "state": state,
            "status": "Active",
            "userId": MEMBER_BASE + rng.randrange(self.members_count),
        }

    def _sold(self, index: int, rng: random.Random) -> Record:
        record = self._listing(index, rng)
        record["listingId"] = f"S{index + 1:08d}"
        record["status"] = "Sold"
        return record

    # ------------------------------------------------------------ auth, limits

    def authenticate(self, request: web.Request) -> str:
        header = request.headers.get("Authorization", "").strip()
        scheme, _, value = header.partition(" ")
        value = value.strip()
        kind = scheme.lower()
        if (kind == "token" and value == self.api_key) or (
            kind == "bearer" and value == self.access_token
        ):
            credential = value
        elif kind == "bearer" and value == self.api_key:
            raise SandboxError(
                400,
                "The API key was sent as an OAuth access token; use 'Authorization: token <key>'",
                API_KEY_AS_BEARER_CODE,
            )
        else:
            raise SandboxError(401, "Unauthorized: missing or invalid credential", 401)
        vendor_key = request.query.get("vendorKey")
        if vendor_key is not None and vendor_key != self.vendor_key:
            raise SandboxError(401, "Unauthorized: invalid vendorKey", 401)
        return f"{credential}|{vendor_key or ''}"

    def rate_check(self, request: web.Request, key: str) -> RateCheck:
        window = self.vendor_window if key.endswith(f"|{self.vendor_key}") else self.window
        state = window.hit(key)
        headers = {
            "X-RateLimit-Limit": str(state.limit),
            "X-RateLimit-Remaining": str(state.remaining),
            "X-RateLimit-Reset": str(math.ceil(state.reset_at)),
        }
        if state.allowed:
            return headers, None
        return headers, json_response({"message": "Too Many Requests"}, 429, headers)

    def burst_response(self, request: web.Request) -> web.StreamResponse:
        reset = math.ceil(_dt.datetime.now(_dt.timezone.utc).timestamp()) + 1
        headers = {
            "X-RateLimit-Limit": str(self.config.rate_limits.lofty.limit),
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": str(reset),
        }
        return json_response({"message": "Too Many Requests"}, 429, headers)

    def error_body(self, status: int, message: str, code: Any, extra: Any) -> Any:
        if status == 429:
            return {"message": message}
        return {"code": code if code is not None else status, "message": message}

    # ------------------------------------------------------------------ routes

    def _routes(self) -> None:
        r = self.route
        r("GET", "/leads", self.list_leads)
        r("POST", "/leads", self.create_lead)
        r("GET", "/leads/createTime", self.leads_by_create_time)
        r("GET", "/leads/updateTime", self.leads_by_update_time)
        r("GET", "/leads/{lead_id}", self.get_lead)
        r("PUT", "/leads/{lead_id}", self.update_lead)
        r("DELETE", "/leads/{lead_id}", self.delete_lead)
        r("GET", "/leads/{lead_id}/activities", self.lead_activities)
        r("GET", "/leads/{lead_id}/transactions", self.lead_transactions)
        r("POST", "/leads/{lead_id}/transaction", self.add_transaction)
        r("GET", "/leads/{lead_id}/transaction/{item_id}", self.get_transaction)
        r("PUT", "/leads/{lead_id}/transaction/{item_id}", self.update_transaction)
        r("GET", "/appts", self.list_appointments)
        r("POST", "/leads/{lead_id}/activity", self.add_activity)
        r("GET", "/me", self.me)
        r("GET", "/members", self.list_members)
        r("GET", "/members/{account}", self.get_member)
        r("GET", "/users/{user_id}", self.get_user)
        for name, coll, key, many in (
            ("notes", "notes", "note", "notes"),
            ("tasks", "tasks", "task", "taskList"),
        ):
            r("GET", f"/{name}", self._child_list(coll, many))
            r("POST", f"/{name}", self._child_create(coll))
            r("GET", f"/{name}/{{item_id}}", self._item_get(coll, key))
            r("PUT", f"/{name}/{{item_id}}", self._item_update(coll, key))
            r("DELETE", f"/{name}/{{item_id}}", self._item_delete(coll))
        r("GET", "/calls", self.list_calls)
        r("GET", "/calls/{item_id}", self._item_get("calls", "calls"))
        r("GET", "/communication/call", self._history("calls", "calls", None))
        r("GET", "/communication/call/v2", self._history("calls", "calls", _call_v2))
        r("GET", "/communication/email", self._history("emails", "emails", None))
        r("GET", "/communication/text", self._history("texts", "texts", None))
        r("GET", "/logType", self._history("logTypes", "logType", None, type_param="logType"))
        r("POST", "/logType", self._child_create("logTypes"))
        r("GET", "/logType/{item_id}", self._item_get("logTypes", "logType"))
        r("DELETE", "/logType/{item_id}", self._item_delete("logTypes"))
        r("POST", "/agent/communication", self.agent_communication)
        r("GET", "/listing", self.list_listings)
        r("GET", "/systemLogs", self.list_system_logs)
        add_published_routes(self)  # the operations only Lofty's OpenAPI document lists
        self.webhooks = add_webhook_routes(self)  # subscriptions and their deliveries

    # ---------------------------------------------------------------- webhooks

    async def start(self, port: int = 0) -> None:
        await super().start(port)
        await self.webhooks.start()

    async def stop(self) -> None:
        await self.webhooks.stop()
        await super().stop()

    def mutate(self, resource: str, n: int = 1, *, step: int | None = None) -> list[Any]:
        ids = super().mutate(resource, n, step=step)
        coll = self.collections[resource]
        self.changed(resource, "updated", [r for r in map(coll.get, ids) if r is not None])
        return ids

    def remove(self, resource: str, ids: list[Any]) -> list[Any]:
        """Delete records of ``resource`` (as its DELETE route would, also for the
        resources that have none) and emit their webhook events; the ids deleted."""
        coll = self.collections[resource]
        gone = [rec for rec in map(coll.get, ids) if rec is not None]
        for rec in gone:
            coll.delete(rec[coll.id_key])
        self.changed(resource, "deleted", gone)
        return [rec[coll.id_key] for rec in gone]

    def changed(self, resource: str, action: str, records: list[Record]) -> int:
        """Emit the webhook event of each changed record of ``resource`` (none for a
        resource no webhook type names); how many events were queued."""
        source = EVENT_SOURCES.get(resource)
        if source is None or not records:
            return 0
        list_id, key = source
        id_key = self.collections[resource].id_key
        refs = [
            {key: rec[id_key]}
            if key == "leadId"
            else {key: rec[id_key], "leadId": rec.get("leadId")}
            for rec in records
        ]
        return self.webhooks.emit(list_id, action, refs, self.config.clock.now_ms())

    def _lead_event(self, action: str, ids: list[Any]) -> None:
        self.changed("leads", action, [{"leadId": i} for i in ids])

    # ------------------------------------------------------------------- leads

    def _scroll_sig(self, path: str, index: int) -> str:
        return hashlib.sha256(f"{self.seed}:{path}:{index}".encode()).hexdigest()[:10]

    def _scroll_token(self, path: str, index: int) -> str:
        return f"{index}.{self._scroll_sig(path, index)}"

    def _scroll_index(self, path: str, token: str) -> int:
        text, _, sig = token.partition(".")
        if not text.isdigit() or sig != self._scroll_sig(path, int(text)):
            raise SandboxError(400, f"invalid scrollId {token!r}", 400)
        return int(text)

    def _lead_limit(self, request: web.Request) -> int:
        limit = int_param(request, "limit", 10, minimum=1, maximum=100, code=400)
        assert limit is not None
        return limit

    def _lead_page(self, request: web.Request, view: View) -> web.Response:
        path = request.path
        limit = self._lead_limit(request)
        scroll = request.query.get("scrollId")
        if scroll:
            position = view.position_at_or_after(self._scroll_index(path, scroll))
            offset = position
        else:
            offset = int_param(request, "offset", 0, minimum=0, code=400) or 0
            position = offset
        indexes = list(view.indexes(position, limit))
        leads = [rec for rec in (self.leads.record(i) for i in indexes) if rec is not None]
        more = position + len(indexes) < len(view)
        metadata = {
            "collection": "leads",
            "limit": limit,
            "offset": offset,
            "total": len(view),
            "scrollId": self._scroll_token(path, indexes[-1] + 1) if more and indexes else None,
        }
        return json_response({"_metadata": metadata, "leads": [{"lead": rec} for rec in leads]})

    async def list_leads(self, request: web.Request) -> web.StreamResponse:
        email = request.query.get("email")
        if email:
            found = _EMAIL_RE.match(email)
            index = int(found.group(1)) if found else -1
            start, stop = (index, index + 1) if index >= 0 else (0, 0)

            def has_email(rec: Record) -> bool:
                return email in (rec.get("emails") or [])

            view = self.leads.view(start, stop, has_email)
        else:
            view = self.leads.view()
        return self._lead_page(request, view)

    async def leads_by_create_time(self, request: web.Request) -> web.StreamResponse:
        since = _lofty_time(request.query.get("leadCreateTime"))
        if since is None:
            return self._lead_page(request, self.leads.view())

        def created(rec: Record) -> bool:
            return (_ms_from_iso(rec.get("createTime")) or 0) >= since

        return self._lead_page(request, self.leads.view(index_created_since(since), None, created))

    async def leads_by_update_time(self, request: web.Request) -> web.StreamResponse:
        since = _lofty_time(request.query.get("leadUpdateTime"))
        if since is None:
            return self._lead_page(request, self.leads.view())

        def updated(rec: Record) -> bool:
            return (_ms_from_iso(rec.get("lastUpdateTime")) or 0) >= since

        start = index_updated_since(since)
        return self._lead_page(request, self.leads.view(start, None, updated))

    def _lead_or_404(self, request: web.Request) -> tuple[Any, Record]:
        lead_id = request.match_info["lead_id"]
        lead = self.leads.get(lead_id)
        if lead is None:
            index = self.leads.index_of(lead_id)
            trashed = request.query.get("withTrash", "").lower() == "true"
            if trashed and index is not None and index in self.leads.trash:
                return lead_id, dict(self.leads.trash[index], deleted=True)
            raise SandboxError(404, f"lead {lead_id} not found", 404)
        return lead_id, lead

    async def get_lead(self, request: web.Request) -> web.StreamResponse:
        return json_response(self._lead_or_404(request)[1])  # bare: LeadResponse

    async def create_lead(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 400)

        def build(index: int, record: Record) -> Record:
            record.setdefault("createTime", iso_ms(max(created_ms(index), BASE_MS)))
            record["lastUpdateTime"] = self.now_stamp("leads")
            return record

        created = self.leads.create(body, build)
        self._lead_event("created", [created["leadId"]])
        return json_response({"leadId": created["leadId"]})

    async def update_lead(self, request: web.Request) -> web.StreamResponse:
        lead_id, lead = self._lead_or_404(request)
        body = await object_body(request, 400, 400)
        body.pop("leadId", None)
        body["lastUpdateTime"] = self.now_stamp("leads")
        updated = self.leads.update(lead_id, body)
        self._lead_event("updated", [lead["leadId"]])
        if "stage" in body or "pipelineId" in body or "stageId" in body:
            refs = [{"leadId": lead["leadId"]}]
            self.webhooks.emit(12, "updated", refs, self.config.clock.now_ms())
        return json_response({"lead": updated})

    async def delete_lead(self, request: web.Request) -> web.StreamResponse:
        lead_id, lead = self._lead_or_404(request)
        self.leads.delete(lead_id)
        self._lead_event("deleted", [lead["leadId"]])
        return json_response({"code": 0, "message": "success"})

    def activity_count(self, lead_id: int) -> int:
        """How many activities lead ``lead_id`` has (0 to 250, deterministic)."""
        index = self.leads.index_of(lead_id)
        base = 0 if index is None or index >= self.leads.size else (index * 37) % 251
        return base + len(self._added_activities.get(lead_id, []))

    def _activity(self, lead_id: int, k: int) -> Record:
        rng = random.Random(f"{self.seed}:lofty:activity:{lead_id}:{k}")
        return {
            "created": BASE_MS + (lead_id - LEAD_BASE) * 60_000 + k * 1000,
            "type": rng.choice(("View Listing", "Search", "Favorite", "Showing Request")),
            "text": f"activity {k}",
            "link": f"https://sandbox.invalid/listing/{rng.randrange(1, 10_000)}",
            "picture": "https://sandbox.invalid/default.jpg",
        }

    async def lead_activities(self, request: web.Request) -> web.StreamResponse:
        lead_id = int(self._lead_or_404(request)[1]["leadId"])
        page = int_param(request, "curPage", 0, minimum=0, code=400) or 0
        added = self._added_activities.get(lead_id, [])
        generated = self.activity_count(lead_id) - len(added)
        start, stop = page * 100, min((page + 1) * 100, generated + len(added))
        items = [
            self._activity(lead_id, k) if k < generated else added[k - generated]
            for k in range(start, max(start, stop))
        ]
        return json_response(items)

    async def add_activity(self, request: web.Request) -> web.StreamResponse:
        lead_id = int(self._lead_or_404(request)[1]["leadId"])
        body = await object_body(request, 400, 400)
        body.setdefault("created", _now_ms())
        self._added_activities.setdefault(lead_id, []).append(body)
        self.webhooks.emit(3, "created", [{"leadId": lead_id}], self.config.clock.now_ms())
        return json_response({"code": 0, "message": "success"})

    # ---------------------------------------------------- transactions, appts

    async def lead_transactions(self, request: web.Request) -> web.StreamResponse:
        lead_id = int(self._lead_or_404(request)[1]["leadId"])
        view = self._of_lead(self.transactions, lead_id, 1)
        return json_response(view.slice(0, len(view)))  # a bare array of LeadTransaction

    def _transaction_of(self, request: web.Request) -> tuple[int, Record]:
        lead_id = int(self._lead_or_404(request)[1]["leadId"])
        found = self.transactions.get(request.match_info["item_id"])
        if found is None or found.get("leadId") != lead_id:  # cross-lead ids do "not exist"
            raise SandboxError(404, "transaction does not exist", 200060)
        return lead_id, found

    async def get_transaction(self, request: web.Request) -> web.StreamResponse:
        return json_response(self._transaction_of(request)[1])

    async def add_transaction(self, request: web.Request) -> web.StreamResponse:
        lead_id = int(self._lead_or_404(request)[1]["leadId"])
        body = await object_body(request, 400, 400)
        if not body.get("transactionName"):
            raise SandboxError(400, "transactionName is required", 400)
        now = self.config.clock.now_ms()
        body.update(leadId=lead_id, created=now, updated=now)

        def build(index: int, record: Record) -> Record:
            record["id"] = record["transactionId"]
            return record

        created = self.transactions.create(body, build)
        self.changed("transactions", "created", [created])
        return json_response(created)

    async def update_transaction(self, request: web.Request) -> web.StreamResponse:
        _, found = self._transaction_of(request)
        body = await object_body(request, 400, 400)
        for key in ("transactionId", "id", "leadId", "created"):
            body.pop(key, None)
        body["updated"] = self.config.clock.now_ms()
        updated = self.transactions.update(found["transactionId"], body)
        assert updated is not None
        self.changed("transactions", "updated", [updated])
        return json_response(updated)

    async def list_appointments(self, request: web.Request) -> web.StreamResponse:
        lead_id = int_param(request, "leadId", code=400)
        if lead_id is None:
            raise SandboxError(400, "leadId is required", 400)
        if self.leads.get(lead_id) is None:
            raise SandboxError(404, f"lead {lead_id} not found", 20006)
        view = self._of_lead(self.appointments, lead_id, 1)
        return json_response(view.slice(0, len(view)))  # a bare array of Appointment

    # ----------------------------------------------------------------- members

    def _offset_page(
        self, request: web.Request, view: View, key: str, default: int
    ) -> web.Response:
        offset = int_param(request, "offset", 0, minimum=0, code=400) or 0
        limit = int_param(request, "limit", default, minimum=1, code=400) or default
        items = view.slice(offset, limit)
        metadata = {"collection": key, "limit": limit, "offset": offset, "total": len(view)}
        return json_response({"_metadata": metadata, key: items})

    async def me(self, request: web.Request) -> web.StreamResponse:
        member = self.members.record(0)
        return json_response(member)

    async def list_members(self, request: web.Request) -> web.StreamResponse:
        return self._offset_page(request, self.members.view(), "members", 10)

    async def get_member(self, request: web.Request) -> web.StreamResponse:
        account = request.match_info["account"]
        found = _MEMBER_RE.match(account)
        member = self.members.record(int(found.group(1))) if found else None
        if member is None:
            raise SandboxError(404, f"member {account} not found", 404)
        return json_response(member)

    async def get_user(self, request: web.Request) -> web.StreamResponse:
        member = self.members.get(request.match_info["user_id"])
        if member is None:
            raise SandboxError(404, "user not found", 404)
        return json_response(member)

    # ------------------------------------------------------- notes, tasks, ...

    def _lead_view(self, coll: Collection, request: web.Request, per_lead: int) -> View | None:
        raw = request.query.get("leadId")
        if raw is None or raw == "":
            return None
        lead_id = int_param(request, "leadId", code=400)
        return self._of_lead(coll, lead_id, per_lead)

    def _of_lead(self, coll: Collection, lead_id: Any, per_lead: int) -> View:
        """The records of ``coll`` of one lead (generated ones sit at the lead's index)."""
        index = self.leads.index_of(lead_id)

        def of_lead(rec: Record) -> bool:
            return bool(rec.get("leadId") == lead_id)

        if index is None:
            return coll.view(0, 0, of_lead)
        return coll.view(index * per_lead, (index + 1) * per_lead, of_lead)

    def _child_list(self, name: str, key: str) -> Any:
        coll = self.collections[name]
        per_lead = NOTES_PER_LEAD if name == "notes" else 1

        async def handler(request: web.Request) -> web.StreamResponse:
            view = self._lead_view(coll, request, per_lead)
            if view is None:
                return self._offset_page(request, coll.view(), key, 100)
            if name == "notes" and request.query.get("includeSystemNote", "").lower() == "false":
                items, _ = view.scan(0, len(view), lambda rec: not rec.get("systemNote"))
                total = len(items)
                metadata = {"collection": key, "limit": total, "offset": 0, "total": total}
                return json_response({"_metadata": metadata, key: items})
            return self._offset_page(request, view, key, max(1, len(view)))

        return handler

    def _child_create(self, name: str) -> Any:
        coll = self.collections[name]

        async def handler(request: web.Request) -> web.StreamResponse:
            body = await object_body(request, 400, 400)
            lead_id = body.get("leadId")
            if lead_id is None or self.leads.get(lead_id) is None:
                raise SandboxError(400, "leadId is required and must be an existing lead", 400)

            def build(index: int, record: Record) -> Record:
                record.setdefault("createTime", iso_ms(created_ms(index)))
                return record

            created = coll.create(body, build)
            self.changed(name, "created", [created])
            return json_response({"id": created["id"]})

        return handler

    def _find(self, name: str, request: web.Request) -> tuple[str, Record]:
        item_id = request.match_info["item_id"]
        record = self.collections[name].get(item_id)
        if record is None:
            raise SandboxError(404, f"{name} {item_id} not found", 404)
        return item_id, record

    def _item_get(self, name: str, key: str) -> Any:
        async def handler(request: web.Request) -> web.StreamResponse:
            return json_response({key: self._find(name, request)[1]})

        return handler

    def _item_update(self, name: str, key: str) -> Any:
        async def handler(request: web.Request) -> web.StreamResponse:
            item_id, _ = self._find(name, request)
            body = await object_body(request, 400, 400)
            body.pop("id", None)
            updated = self.collections[name].update(item_id, body)
            self.changed(name, "updated", [updated] if updated else [])
            return json_response(updated)

        return handler

    def _item_delete(self, name: str) -> Any:
        async def handler(request: web.Request) -> web.StreamResponse:
            item_id, record = self._find(name, request)
            self.collections[name].delete(item_id)
            self.changed(name, "deleted", [record])
            return json_response({"code": 0, "message": "success"})

        return handler

    async def list_calls(self, request: web.Request) -> web.StreamResponse:
        view = self._lead_view(self.calls, request, 1) or self.calls.view()
        return self._offset_page(request, view, "calls", 10)

    # -------------------------------------------------------------- currentId

    def _history(
        self,
        name: str,
        key: str,
        shape: Callable[[Record], Record] | None,
        type_param: str | None = None,
    ) -> Any:
        coll = self.collections[name]

        async def handler(request: web.Request) -> web.StreamResponse:
            limit = int_param(request, "limit", 10, minimum=1, maximum=1000, code=400) or 10
            view = self._lead_view(coll, request, 1) or coll.view()
            current = int_param(request, "currentId", code=400)
            if current is not None:
                index = coll.index_of(current)
                if index is None:
                    base = coll.id_of(0)
                    index = 0 if current < base else coll.total_indexes
                position = view.position_at_or_after(index)
            else:
                position = int_param(request, "offset", 0, minimum=0, code=400) or 0
            wanted = request.query.get(type_param) if type_param else None
            if wanted:
                if wanted not in _LOG_TYPES:
                    raise SandboxError(400, f"logType must be one of {_LOG_TYPES}", 400)
                items, _ = view.scan(position, limit, lambda rec: rec.get("logType") == wanted)
            else:
                items = view.slice(position, limit)
            if shape is not None:
                items = [shape(rec) for rec in items]
            return json_response({key: items})

        return handler

    # ------------------------------------------------------------------ hasMore

    async def agent_communication(self, request: web.Request) -> web.StreamResponse:
        body = await json_body(request, 400)
        body = body if isinstance(body, dict) else {}
        offset, limit = body.get("offset", 0), body.get("limit", 10)
        if not isinstance(offset, int) or offset < 0 or not isinstance(limit, int):
            raise SandboxError(400, "offset and limit must be integers", 400)
        if not 1 <= limit <= 1000:
            raise SandboxError(400, "limit must be in [1, 1000]", 400)
        kind = body.get("type")
        coll = self.communications
        event = None
        if kind is not None:
            if kind not in _COMM_TYPES:
                raise SandboxError(400, "type must be CALL, EMAIL or TEXT", 400)
            name, event = _COMM_TYPES[kind]
            coll = self.collections[name]
        start, end = body.get("startTime"), body.get("endTime")
        if start is not None and end is not None:
            if not isinstance(start, int) or not isinstance(end, int) or end < start:
                raise SandboxError(400, "startTime/endTime must be epoch ms, start <= end", 400)
            if end - start > 86_400_000:
                raise SandboxError(400, "the time range may not exceed 24 hours", 400)
            view = coll.view(index_created_since(start), index_created_since(end + 1))
        else:
            view = coll.view()
        items = view.slice(offset, limit)
        if event is not None:
            items = [_as_communication(rec, event) for rec in items]
        has_more = offset + len(items) < len(view)
        return json_response(
            {"hasMore": has_more, "limit": limit, "offset": offset, "pageData": items}
        )

    # ------------------------------------------------------------ nextPageKey

    def _key_page(
        self, request: web.Request, coll: Collection, param: str, prefix: str
    ) -> tuple[list[Record], str | None]:
        limit = int_param(request, "limit", 20, minimum=1, maximum=1000, code=400) or 20
        view = coll.view()
        token = request.query.get(param)
        position = 0
        if token:
            text, _, sig = token.partition(".")
            if not text.isdigit() or sig != self._scroll_sig(prefix, int(text)):
                raise SandboxError(400, f"invalid {param} {token!r}", 400)
            position = view.position_at_or_after(int(text))
        indexes = list(view.indexes(position, limit))
        items = [rec for rec in (coll.record(i) for i in indexes) if rec is not None]
        more = position + len(indexes) < len(view)
        key = f"{indexes[-1] + 1}.{self._scroll_sig(prefix, indexes[-1] + 1)}" if more else None
        return items, key

    async def list_listings(self, request: web.Request) -> web.StreamResponse:
        listing_id = request.query.get("listingId")
        if listing_id:
            found = [
                rec
                for rec in (self.listings.get(_listing_number(listing_id)),)
                if rec is not None and rec.get("listingId") == listing_id
            ]
            return json_response({"listings": found, "nextPageKey": None})
        listings, key = self._key_page(request, self.listings, "nextPageKey", "listing")
        sold, sold_key = self._key_page(request, self.sold, "soldNextPageKey", "sold")
        return json_response(
            {
                "listings": listings,
                "nextPageKey": key,
                "soldListings": sold,
                "soldNextPageKey": sold_key,
            }
        )

    # ------------------------------------------------------------- pageNumber

    async def list_system_logs(self, request: web.Request) -> web.StreamResponse:
        page = int_param(request, "pageNumber", 0, minimum=0, code=400) or 0
        size = int_param(request, "pageSize", 10, minimum=1, maximum=1000, code=400) or 10
        view = self._lead_view(self.system_logs, request, 1)
        if view is None:
            start_ms = int_param(request, "startTime", code=400)
            end_ms = int_param(request, "endTime", code=400)
            start = index_created_since(start_ms) if start_ms is not None else 0
            stop = index_created_since(end_ms + 1) if end_ms is not None else None
            view = self.system_logs.view(start, stop)
        items = view.slice(page * size, size)
        more = (page + 1) * size < len(view)
        return json_response({"hasMore": int(more), "timeLines": items})


def _call_v2(rec: Record) -> Record:
    keys = ("id", "agentId", "createTime", "direction", "leadId", "leadPhoneNumber")
    return {k: rec.get(k) for k in keys}


def _as_communication(rec: Record, event: str) -> Record:
    return {
        "id": rec["id"],
        "leadId": rec.get("leadId"),
        "agentId": rec.get("agentId"),
        "eventType": event,
        "communicationType": "MANUAL",
        "communicationTime": rec.get("createTime")
        or rec.get("emailEventTime")
        or rec.get("textTime"),
        "direction": rec.get("direction"),
    }


def _listing_number(listing_id: str) -> int:
    digits = listing_id[1:]
    return int(digits) if digits.isdigit() else 0


def _lofty_time(value: str | None) -> int | None:
    """``YYYY-MM-DD HH:MM:SS`` in UTC-7 (or epoch ms digits) as epoch ms."""
    if value is None or value == "":
        return None
    if value.isdigit():
        return int(value)
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            moment = _dt.datetime.strptime(value, fmt).replace(tzinfo=LOFTY_TZ)
        except ValueError:
            continue
        return int(moment.timestamp() * 1000)
    raise SandboxError(400, f"invalid time {value!r}: expected 'YYYY-MM-DD HH:MM:SS'", 400)
