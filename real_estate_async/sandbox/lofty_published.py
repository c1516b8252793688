"""Fake Lofty: the operations only Lofty's OpenAPI document publishes (v1.0 and v2.0),
answering in that document's shapes.

Registered by :class:`~real_estate_async.sandbox.lofty.LoftyServer` through
:func:`add_published_routes`. v2.0 routes live under ``/v2.0`` beside the server's
``/v1.0`` base. Paging, as the document describes it:

- ``GET /v2.0/calendar``: ``page`` from 0 / ``pageSize`` (max 500), ``data.items`` +
  ``data.total``;
- ``GET /v2.0/transactions``: ``pageNum`` from 0 / ``pageSize`` (1-100), ``pageData`` +
  ``totalCount``;
- ``GET /v1.0/teamFeatures/lead-pipelines``: ``currPage`` from 0 / ``pageSize``,
  ``pipelines`` + ``_metadata.total``;
- ``POST /v2.0/listings/search``: body ``pageNum`` from 1 / ``pageSize`` (1-100),
  ``listing`` + ``metadata.hasMore``;
- ``GET /v2.0/communication/agent``: ``limit`` (1-1000) + opaque ``cursor``, ``data`` +
  ``nextCursor`` (null at the end);
- ``GET /v2.0/tasks/my-tasks`` and ``GET /v2.0/leads/{leadId}/activities``: ``currentId``
  = the id of the last item of the previous page (my-tasks are sorted by start time, not
  id), ``limit``;
- ``GET /v2.0/working-leads``: ``offset``/``limit`` (max 100), ``workingLeads`` +
  ``metadata.total``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import random
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import web

from ._data import BASE_MS, Record, first_name, iso_ms, last_name
from ._server import SandboxError, int_param, json_body, json_response, object_body

if TYPE_CHECKING:
    from .lofty import LoftyServer

__all__ = ["MAX_ITEMS", "TRANSACTION_TYPES", "PublishedState", "add_published_routes"]

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

TASK_V2_BASE = 310_000_000
TRANSACTION_V2_BASE = 320_000_000
ACTIVITY_V2_BASE = 330_000_000
PLAN_TASK_BASE = 340_000_000
LEAD_PIPELINE_BASE = 350_000
TRANSACTION_PIPELINE_BASE = 360_000
#: Size cap of the published-only collections (they are small lists in memory).
MAX_ITEMS = 300
ACTIVITIES_PER_LEAD = 25
LEAD_PIPELINES = 23
MESSAGE_OK = {"message": "success"}
COMMON_OK: dict[str, Any] = {"code": 0, "message": "success", "data": None}
TRANSACTION_TYPES = _TYPES = ("Purchase", "Listing", "Lease", "Other")
_STAGES = ("HIGH_PRIORITY", "AI_PROSPECTING", "AI_MONITORING")
_COMM_TYPES = {"Call": "CALL", "Text": "TEXT", "Sent Email": "EMAIL"}


def _ms(text: Any) -> int | None:
    if not isinstance(text, str):
        return None
    try:
        moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_dt.timezone.utc)
    return int(moment.timestamp() * 1000)


def _iso_z(ms: int) -> str:
    return _dt.datetime.fromtimestamp(ms / 1000, _dt.timezone.utc).isoformat()


def _required(request: web.Request, name: str) -> str:
    value = request.query.get(name)
    if not value:
        raise SandboxError(400, f"{name} is required", 20012)
    return value


def _id_in(request: web.Request, name: str) -> int:
    try:
        return int(request.match_info[name])
    except ValueError:
        raise SandboxError(400, f"{name} must be an integer", 20012) from None


class PublishedState:
    """The data behind the published-only operations of one fake Lofty server."""

    def __init__(self, server: LoftyServer) -> None:
        self.server = server
        self.seed = server.seed
        n = max(1, min(server.config.records, MAX_ITEMS))
        self.leads = max(1, server.config.records)
        self.tasks: dict[int, Record] = {}
        for i in range(n):
            self.tasks[TASK_V2_BASE + i] = self._task(i)
        self.next_task = TASK_V2_BASE + n
        self.calendar: dict[str, Record] = {}
        for task in list(self.tasks.values())[: max(1, n // 2)]:
            key = f"{task['id']}-task"
            self.calendar[key] = self._calendar_item(key, task)
        self.transaction_pipelines = [
            {"transactionType": name,
             "stages": [{"id": TRANSACTION_PIPELINE_BASE + k * 10 + s, "name": stage,
                         "default": s == 0}
                        for s, stage in enumerate(("Open", "Pending", "Closed"))]}
            for k, name in enumerate(_TYPES)
        ]  # fmt: skip
        self.lead_pipelines: list[Record] = [
            {"id": LEAD_PIPELINE_BASE + k, "name": f"{('Buyer', 'Seller', 'Renter')[k % 3]} {k}"}
            for k in range(LEAD_PIPELINES)
        ]
        self.working: dict[int, Record] = {}
        for i in range(0, min(n, self.leads)):
            lead_id = server.leads.id_of(i)
            if i % 2 == 0:
                self.working[lead_id] = self._working_lead(i, lead_id)
        self.muted: set[int] = set()
        self.deactivated: set[int] = set()
        self.agent_tags: dict[int, list[str]] = {}
        self.plan_tasks: dict[int, list[Record]] = {}
        self.outbox: list[Record] = []
        self.analyses: list[Record] = []
        self.settings: Record = {
            "id": 1, "assistantName": "Ava", "virtualNumber": "+15550000000",
            "virtualNumberCountry": "US", "callTransferType": "AGENT", "textChannel": True,
            "emailChannel": True, "startActiveHour": 8, "endActiveHour": 20,
            "activeDays": [1, 2, 3, 4, 5], "leadTypes": [1, 2], "newLeadEnable": True,
            "followUpRole": "Agent", "hostedStatus": "ON",
        }  # fmt: skip

    def _rng(self, kind: str, index: int) -> random.Random:
        return random.Random(f"{self.seed}:lofty:published:{kind}:{index}")

    def _task(self, i: int) -> Record:
        rng = self._rng("task", i)
        start = BASE_MS + rng.randrange(0, 400) * 86_400_000 + rng.randrange(24) * 3_600_000
        lead_index = i % self.leads
        return {
            "id": TASK_V2_BASE + i,
            "leadId": self.server.leads.id_of(lead_index),
            "creatorId": self.server.members.id_of(0),
            "content": rng.choice(("Call back", "Send CMA", "Showing")),
            "type": rng.choice(("Call", "Email", "Text", "Other")),
            "startAt": _iso_z(start),
            "endAt": _iso_z(start + 3_600_000),
            "timeZoneCode": "UTC",
            "allDay": False,
            "finishFlag": False,
            "overdueFlag": False,
            "assignedUserId": self.server.members.id_of(i % self.server.members_count),
        }

    def _calendar_item(self, key: str, task: Record) -> Record:
        return {
            "id": key, "type": "TASK", "content": task["content"], "leadId": task["leadId"],
            "startAt": task["startAt"], "endAt": task["endAt"], "timeZoneCode": "UTC",
            "finished": task["finishFlag"],
        }  # fmt: skip

    @property
    def transactions(self) -> list[Record]:
        """The transactions (kept by the server: ``GET /leads/{leadId}/transactions`` and
        ``GET /v2.0/transactions`` read the same records)."""
        coll = self.server.transactions
        return coll.view().slice(0, len(coll))

    def _working_lead(self, i: int, lead_id: int) -> Record:
        rng = self._rng("working", i)
        return {
            "leadId": lead_id, "firstName": first_name(rng), "lastName": last_name(rng),
            "email": f"lead{i}@example.com", "phone": f"555{i % 10_000_000:07d}",
            "aiStage": _STAGES[i % 3], "createdAt": iso_ms(BASE_MS + i * 60_000),
        }  # fmt: skip

    def activity(self, lead_index: int, k: int) -> Record:
        rng = self._rng("activity", lead_index * ACTIVITIES_PER_LEAD + k)
        return {
            "id": ACTIVITY_V2_BASE + lead_index * 1000 + k,
            "leadId": self.server.leads.id_of(lead_index),
            "communicationType": rng.choice(("CALL", "TEXT", "EMAIL")),
            "direction": rng.choice(("Outbound", "Inbound")),
            "activityTime": iso_ms(BASE_MS + lead_index * 60_000 + k * 1000),
            "agentId": self.server.members.id_of(0),
        }

    def cursor(self, position: int) -> str:
        sig = hashlib.sha256(f"{self.seed}:cursor:{position}".encode()).hexdigest()[:10]
        return f"c{position}.{sig}"

    def position(self, token: str) -> int:
        text, _, sig = token.partition(".")
        if (
            not text.startswith("c")
            or not text[1:].isdigit()
            or self.cursor(int(text[1:])) != token
        ):
            raise SandboxError(400, f"invalid cursor {token!r}", 20012)
        return int(text[1:]) if sig else 0


def add_published_routes(server: LoftyServer) -> None:
    """Register the published-only routes on ``server`` (keeps its state on it)."""
    state = PublishedState(server)
    server.published = state
    v1: Callable[[str, str, Handler], None] = server.route

    def v2(method: str, path: str, handler: Handler) -> None:
        server.app.router.add_route(method, "/v2.0" + path, handler)

    routes = _Routes(server, state)
    # Tasks v2
    v2("GET", "/tasks", routes.tasks_of_lead)
    v2("POST", "/tasks", routes.create_task)
    v2("GET", "/tasks/my-tasks", routes.my_tasks)
    v2("GET", "/tasks/{task_id}", routes.get_task)
    v2("PUT", "/tasks/{task_id}", routes.update_task)
    v2("DELETE", "/tasks/{task_id}", routes.delete_task)
    v2("POST", "/tasks/{task_id}/finish", routes.finish_task(True))
    v2("POST", "/tasks/{task_id}/unfinish", routes.finish_task(False))
    # Calendar v2
    v2("GET", "/calendar", routes.list_calendar)
    v2("POST", "/calendar", routes.create_calendar)
    v2("GET", "/calendar/meetings/available", routes.available_meetings)
    v2("PUT", "/calendar/{calendar_id}", routes.update_calendar)
    v2("DELETE", "/calendar/{calendar_id}", routes.delete_calendar)
    v2("POST", "/calendar/{calendar_id}/finish", routes.finish_calendar(True))
    v2("POST", "/calendar/{calendar_id}/unfinish", routes.finish_calendar(False))
    # Sales agent, working leads, plan tasks
    v2("GET", "/sales-agent/settings", routes.settings)
    v2("PUT", "/sales-agent/settings", routes.update_settings)
    v2("GET", "/sales-agents/current", routes.current_agent)
    v2("GET", "/sales-agents/by-lead", routes.agent_by_lead)
    v2("GET", "/sales-agents/quota", routes.quota)
    v2("GET", "/sales-agent/lead/mute-status", routes.mute_status)
    for path in ("/sales-agent/message/sms/send-to-agent",
                 "/sales-agent/ai-number/send-sms-to-agent",
                 "/sales-agent/message/email/send-to-agent",
                 "/sales-agent/notification/app-push/send-task-reminder"):  # fmt: skip
        v2("POST", path, routes.to_outbox(path))
    v2("GET", "/working-leads", routes.working_leads)
    v2("POST", "/working-leads/add", routes.add_working_leads)
    v2("GET", "/sales-agents/working-lead/{lead_id}", routes.working_lead)
    v2("PUT", "/sales-agents/working-lead/{lead_id}/mute", routes.mute_working_lead)
    v2("POST", "/plan-tasks/create", routes.create_plan_tasks)
    v2("GET", "/plan-tasks/lead/{lead_id}", routes.plan_tasks)
    # Transactions v2
    v2("GET", "/transactions", routes.transactions)
    v2("GET", "/transactions/pipelines", routes.transaction_pipelines)
    # AI
    v2("POST", "/ai/prepare-insight", routes.common_ok)
    v2("GET", "/ai/lead-analysis", routes.lead_analyses)
    v2("POST", "/ai/lead-analysis", routes.create_lead_analysis)
    v2("POST", "/ai/call-summary/generate", routes.generate_call_summary)
    v2("GET", "/ai/call-summary", routes.call_summary)
    v2("POST", "/ai/call-script", routes.call_script)
    # Agents
    v2("POST", "/agents/{agent_id}/deactivate", routes.set_active(False))
    v2("POST", "/agents/{agent_id}/reactivate", routes.set_active(True))
    v1("POST", "/agent/{agent_id}/tag/add", routes.add_agent_tags)
    # Communication v2, messages, recordings, activities, listings, lead pipelines
    v2("GET", "/communication/call/{item_id}", routes.communication_item("calls"))
    v2("GET", "/communication/email/{item_id}", routes.communication_item("emails"))
    v2("GET", "/communication/text/{item_id}", routes.communication_item("texts"))
    v2("GET", "/communication/agent", routes.agent_communication)
    v1("POST", "/message/sms/send", routes.send_sms)
    v1("POST", "/message/email/send", routes.send_email)
    v1("GET", "/call/url/{call_id}", routes.recording_url)
    v2("GET", "/leads/{lead_id}/activities", routes.activities)
    v2("POST", "/listings/search", routes.search_listings)
    v1("GET", "/teamFeatures/lead-pipelines", routes.lead_pipelines)


class _Routes:
    def __init__(self, server: LoftyServer, state: PublishedState) -> None:
        self.server = server
        self.state = state

    # ------------------------------------------------------------------ tasks v2

    def _task(self, request: web.Request) -> Record:
        task = self.state.tasks.get(_id_in(request, "task_id"))
        if task is None:
            raise SandboxError(404, "task not found", 20006)
        return task

    async def tasks_of_lead(self, request: web.Request) -> web.StreamResponse:
        lead_id = int(_required(request, "leadId"))
        return json_response(
            {"tasks": [t for t in self.state.tasks.values() if t["leadId"] == lead_id]}
        )

    async def create_task(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 20012)
        for key in ("leadId", "type", "content"):
            if key not in body:
                raise SandboxError(400, f"{key} is required", 20012)
        task_id = self.state.next_task
        self.state.next_task += 1
        self.state.tasks[task_id] = {"finishFlag": False, **body, "id": task_id}
        return json_response({"taskId": task_id})

    async def my_tasks(self, request: web.Request) -> web.StreamResponse:
        limit = int_param(request, "limit", 10, minimum=1, maximum=100, code=20042) or 10
        current = int_param(request, "currentId", 0, minimum=0, code=20012) or 0
        user = int_param(request, "userId", None, code=20012)
        ordered = sorted(
            (
                t
                for t in self.state.tasks.values()
                if user is None or t.get("assignedUserId") == user
            ),
            key=lambda t: (t.get("startAt") or "", t["id"]),
            reverse=True,
        )
        start = 0
        if current:
            ids = [t["id"] for t in ordered]
            start = ids.index(current) + 1 if current in ids else len(ids)
        return json_response({"tasks": ordered[start : start + limit]})

    async def get_task(self, request: web.Request) -> web.StreamResponse:
        return json_response({"task": self._task(request)})

    async def update_task(self, request: web.Request) -> web.StreamResponse:
        task = self._task(request)
        body = await object_body(request, 400, 20012)
        body.pop("id", None)
        task.update(body)
        return json_response(MESSAGE_OK)

    async def delete_task(self, request: web.Request) -> web.StreamResponse:
        self._task(request)
        del self.state.tasks[_id_in(request, "task_id")]
        return json_response(MESSAGE_OK)

    def finish_task(self, finished: bool) -> Handler:
        async def handle(request: web.Request) -> web.StreamResponse:
            self._task(request)["finishFlag"] = finished
            return json_response(MESSAGE_OK)

        return handle

    # ------------------------------------------------------------------ calendar

    async def list_calendar(self, request: web.Request) -> web.StreamResponse:
        q = request.query
        if not any(q.get(k) for k in ("startTime", "endTime", "startTimeMs", "endTimeMs")):
            raise SandboxError(400, "startTime or endTime is required", 20012)
        page = int_param(request, "page", 0, minimum=0, code=20012) or 0
        size = int_param(request, "pageSize", 20, minimum=1, maximum=500, code=20042) or 20
        lead = q.get("leadId")
        finished = q.get("includeFinished", "false").lower() == "true"
        items = [
            e for e in self.state.calendar.values()
            if (lead is None or str(e["leadId"]) == lead) and (finished or not e["finished"])
        ]  # fmt: skip
        items.sort(key=lambda e: (e["startAt"], e["id"]))
        page_items = items[page * size : (page + 1) * size]
        return json_response(
            {"data": {"total": len(items), "page": page, "pageSize": size, "items": page_items}}
        )

    async def create_calendar(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 20012)
        for key in ("type", "content", "leadId", "timeZoneCode"):
            if key not in body:
                raise SandboxError(400, f"{key} is required", 20012)
        kind = str(body["type"]).upper()
        key = f"{self.state.next_task}-{kind.lower()}"
        self.state.next_task += 1
        self.state.calendar[key] = {
            "startAt": "", "endAt": "", **body, "id": key, "type": kind, "finished": False
        }  # fmt: skip
        return json_response({"data": {"id": key, "type": kind, "message": "success"}})

    def _entry(self, request: web.Request) -> Record:
        entry = self.state.calendar.get(request.match_info["calendar_id"])
        if entry is None:
            raise SandboxError(404, "calendar entry not found", 20006)
        return entry

    async def update_calendar(self, request: web.Request) -> web.StreamResponse:
        entry = self._entry(request)
        body = await object_body(request, 400, 20012)
        body.pop("id", None)
        entry.update(body)
        return json_response(MESSAGE_OK)

    async def delete_calendar(self, request: web.Request) -> web.StreamResponse:
        self._entry(request)
        del self.state.calendar[request.match_info["calendar_id"]]
        return json_response(MESSAGE_OK)

    def finish_calendar(self, finished: bool) -> Handler:
        async def handle(request: web.Request) -> web.StreamResponse:
            self._entry(request)["finished"] = finished
            return json_response(MESSAGE_OK)

        return handle

    async def available_meetings(self, request: web.Request) -> web.StreamResponse:
        q = request.query
        start = _ms(q.get("startTime")) or int_param(request, "startTimeMs", None, code=20012)
        end = _ms(q.get("endTime")) or int_param(request, "endTimeMs", None, code=20012)
        if start is None or end is None or end <= start:
            raise SandboxError(400, "a start and a later end are required", 20012)
        if end - start > 90 * 86_400_000:
            raise SandboxError(400, "the range may not exceed 90 days", 20012)
        limit = int_param(request, "limit", 10, minimum=1, code=20012) or 10
        hour = 3_600_000
        first = (start // hour + 1) * hour
        slots = [
            {"startTime": _iso_z(t), "endTime": _iso_z(t + hour), "startTimeMs": t,
             "endTimeMs": t + hour}
            for t in range(first, end - hour + 1, 4 * hour)
        ]  # fmt: skip
        return json_response({"data": {"total": len(slots), "slots": slots[:limit]}})

    # --------------------------------------------------------------- sales agent

    async def settings(self, request: web.Request) -> web.StreamResponse:
        return json_response(self.state.settings)

    async def update_settings(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 20012)
        self.state.settings.update(body)
        return json_response(MESSAGE_OK)

    def _agent(self) -> Record:
        member = self.server.members.record(0) or {}
        return {
            "id": 1, "userId": member.get("id"), "agentName": "Ava",
            "assistantName": self.state.settings.get("assistantName"),
            "virtualNumber": self.state.settings.get("virtualNumber"),
            "email": member.get("email"), "status": "ACTIVE", "hasQuotaSeat": True,
        }  # fmt: skip

    async def current_agent(self, request: web.Request) -> web.StreamResponse:
        return json_response(self._agent())

    async def agent_by_lead(self, request: web.Request) -> web.StreamResponse:
        lead_id = int(_required(request, "leadId"))
        if lead_id not in self.state.working:
            raise SandboxError(404, "the lead is not followed by a sales agent", 20006)
        return json_response(self._agent())

    async def quota(self, request: web.Request) -> web.StreamResponse:
        used = len(self.state.working)
        total = max(used, 1000)
        return json_response({
            "totalQuota": total, "usedQuota": used, "remainingQuota": total - used,
            "hasQuotaAvailable": used < total, "usagePercentage": round(100 * used / total, 2),
            "isBorrowed": False,
        })  # fmt: skip

    async def mute_status(self, request: web.Request) -> web.StreamResponse:
        lead_id = int(_required(request, "leadId"))
        return json_response({"data": {"mute": "true" if lead_id in self.state.muted else "false"}})

    def to_outbox(self, path: str) -> Handler:
        async def handle(request: web.Request) -> web.StreamResponse:
            body = await object_body(request, 400, 20012)
            self.state.outbox.append({"path": path, **body})
            return json_response(MESSAGE_OK)

        return handle

    # ------------------------------------------------------------- working leads

    async def working_leads(self, request: web.Request) -> web.StreamResponse:
        limit = int_param(request, "limit", 20, minimum=1, maximum=100, code=20042) or 20
        offset = int_param(request, "offset", 0, minimum=0, code=20012) or 0
        stage = request.query.get("aiStage")
        if stage is not None and stage not in _STAGES:
            raise SandboxError(400, f"invalid aiStage {stage!r}", 20012)
        leads = [w for w in self.state.working.values() if stage is None or w["aiStage"] == stage]
        page = leads[offset : offset + limit]
        metadata = {"total": len(leads), "count": len(page), "offset": offset, "limit": limit}
        return json_response({"workingLeads": page, "metadata": metadata})

    async def add_working_leads(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 20012)
        ids = body.get("leadIds")
        if not isinstance(ids, list) or not ids or len(ids) > 100:
            raise SandboxError(400, "leadIds must hold 1 to 100 lead ids", 20012)
        for lead_id in ids:
            index = self.server.leads.index_of(lead_id)
            if index is None or self.server.leads.get(lead_id) is None:
                raise SandboxError(404, f"lead {lead_id} not found", 20006)
            self.state.working.setdefault(
                int(lead_id), self.state._working_lead(index, int(lead_id))
            )
        return json_response(MESSAGE_OK)

    def _working(self, request: web.Request) -> Record:
        lead = self.state.working.get(_id_in(request, "lead_id"))
        if lead is None:
            raise SandboxError(404, "not a working lead", 20006)
        return lead

    async def working_lead(self, request: web.Request) -> web.StreamResponse:
        return json_response(self._working(request))

    async def mute_working_lead(self, request: web.Request) -> web.StreamResponse:
        self.state.muted.add(int(self._working(request)["leadId"]))
        return json_response(MESSAGE_OK)

    async def create_plan_tasks(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 20012)
        ids = body.get("leadIds")
        if not isinstance(ids, list) or not ids or len(ids) > 100:
            raise SandboxError(400, "leadIds must hold 1 to 100 lead ids", 20012)
        succeeded = [i for i in ids if i in self.state.working]
        for lead_id in succeeded:
            tasks = self.state.plan_tasks.setdefault(lead_id, [])
            tasks.append({
                "id": PLAN_TASK_BASE + sum(map(len, self.state.plan_tasks.values())),
                "content": "Follow up", "taskType": "CALL", "status": "PENDING",
                "leadId": lead_id,
            })  # fmt: skip
        failed = [i for i in ids if i not in self.state.working]
        return json_response(
            {"code": 0, "message": "success", "data": {"succeeded": succeeded, "failed": failed}}
        )

    async def plan_tasks(self, request: web.Request) -> web.StreamResponse:
        return json_response(self.state.plan_tasks.get(_id_in(request, "lead_id"), []))

    # -------------------------------------------------------------- transactions

    async def transactions(self, request: web.Request) -> web.StreamResponse:
        size = int_param(request, "pageSize", 20, minimum=1, maximum=100, code=20042) or 20
        page = int_param(request, "pageNum", 0, minimum=0, code=20012) or 0
        kind = request.query.get("transactionType", "Purchase")
        if kind.capitalize() not in (*_TYPES, "All"):
            raise SandboxError(400, f"unknown transactionType {kind!r}", 20012)
        key = request.query.get("queryKey", "")[:15].lower()
        lead = request.query.get("leadId")
        found = [
            t for t in self.state.transactions
            if (kind.capitalize() == "All" or t["transactionType"] == kind.capitalize())
            and key in t["transactionName"].lower()
            and (lead is None or str(t["leadId"]) == lead)
        ]  # fmt: skip
        return json_response({
            "pageNum": page, "pageSize": size, "totalCount": len(found),
            "pageData": found[page * size : (page + 1) * size],
        })  # fmt: skip

    async def transaction_pipelines(self, request: web.Request) -> web.StreamResponse:
        return json_response({"pipelines": self.state.transaction_pipelines})

    # ------------------------------------------------------------------------ AI

    async def common_ok(self, request: web.Request) -> web.StreamResponse:
        await object_body(request, 400, 20012)
        return json_response({"code": 0, "message": "success", "data": {}})

    async def lead_analyses(self, request: web.Request) -> web.StreamResponse:
        page = int_param(request, "pageNum", 1, minimum=1, code=20012) or 1
        size = int_param(request, "pageSize", 10, minimum=1, code=20012) or 10
        items = self.state.analyses[(page - 1) * size : page * size]
        return json_response(
            {"code": 0, "message": "success",
             "data": {"list": items, "total": len(self.state.analyses)}}
        )  # fmt: skip

    async def create_lead_analysis(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 20012)
        ids = body.get("leadIds")
        if not isinstance(ids, list) or not ids:
            raise SandboxError(400, "leadIds is required", 20012)
        task = {"taskId": len(self.state.analyses) + 1, "leadIds": ids, "status": "PENDING"}
        self.state.analyses.append(task)
        return json_response({"code": 0, "message": "success", "data": task})

    async def generate_call_summary(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 20012)
        if "callRecordId" not in body or "leadId" not in body:
            raise SandboxError(400, "callRecordId and leadId are required", 20012)
        return json_response(MESSAGE_OK)

    async def call_summary(self, request: web.Request) -> web.StreamResponse:
        record_id = int(_required(request, "callRecordId"))
        return json_response({
            "status": {"code": 0, "msg": "ok"},
            "data": {"id": record_id + 1, "recordingId": record_id, "status": 2,
                     "summary": "The lead wants a showing on Saturday.", "score": 85,
                     "keywords": [{"type": "intent", "content": "showing"}]},
        })  # fmt: skip

    async def call_script(self, request: web.Request) -> web.StreamResponse:
        await object_body(request, 400, 20012)
        return json_response({
            "context": "Follow-up call after an open house.",
            "objectiveSuggestion": ["Book a showing"],
            "keyTalkingPoints": [{"title": "Budget", "value": ["Confirm the price range"]}],
        })  # fmt: skip

    # -------------------------------------------------------------------- agents

    def _member_id(self, request: web.Request) -> int:
        agent_id = _id_in(request, "agent_id")
        if self.server.members.get(agent_id) is None:
            raise SandboxError(404, f"agent {agent_id} not found", 20006)
        return agent_id

    def set_active(self, active: bool) -> Handler:
        async def handle(request: web.Request) -> web.StreamResponse:
            agent_id = self._member_id(request)
            if active:
                self.state.deactivated.discard(agent_id)
            else:
                self.state.deactivated.add(agent_id)
            return json_response(COMMON_OK)

        return handle

    async def add_agent_tags(self, request: web.Request) -> web.StreamResponse:
        agent_id = self._member_id(request)
        body = await object_body(request, 400, 20012)
        names = body.get("tagNames")
        if not isinstance(names, list) or not 1 <= len(names) <= 20:
            raise SandboxError(400, "tagNames must hold 1 to 20 names", 20012)
        tags = self.state.agent_tags.setdefault(agent_id, [])
        tags.extend(n for n in names if n not in tags)
        return json_response({"data": True, "errorCode": 0, "errorMsg": ""})

    # ------------------------------------------------- communication and friends

    def communication_item(self, collection: str) -> Handler:
        async def handle(request: web.Request) -> web.StreamResponse:
            record = self.server.collections[collection].get(request.match_info["item_id"])
            if record is None:  # the document: 400 PERMISSION_DENIED, no existence leak
                raise SandboxError(400, "communication does not exist", 20017)
            return json_response(record)

        return handle

    async def agent_communication(self, request: web.Request) -> web.StreamResponse:
        start = int(_required(request, "startTime"))
        end = int(_required(request, "endTime"))
        if end < start or end - start > 90 * 86_400_000:
            raise SandboxError(400, "the range may span at most 90 days", 20012)
        limit = int_param(request, "limit", 100, minimum=1, maximum=1000, code=20042) or 100
        kind = request.query.get("type", "ALL").upper()
        token = request.query.get("cursor")
        position = self.state.position(token) if token else 0
        comms = self.server.communications
        items: list[Record] = []
        scan = position
        stop = comms.total_indexes
        while scan < stop and len(items) < limit:
            record = comms.record(scan)
            scan += 1
            if record is None:
                continue
            moment = _ms(record.get("communicationTime")) or 0
            if not start <= moment <= end:
                continue
            if kind != "ALL" and _COMM_TYPES.get(record.get("eventType", "")) != kind:
                continue
            items.append(record)
        more = scan < stop
        return json_response({
            "data": items, "nextCursor": self.state.cursor(scan) if more else None,
            "hasMore": more, "limit": limit,
        })  # fmt: skip

    async def send_sms(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 20012)
        if "leadId" not in body or not body.get("content"):
            raise SandboxError(400, "leadId and content are required", 20012)
        lead = self.server.leads.get(body["leadId"])
        if lead is None:
            raise SandboxError(404, "lead not found", 20006)
        phone = body.get("phoneNumber") or (lead.get("phones") or [""])[0]
        self.state.outbox.append({"path": "/message/sms/send", **body})
        return json_response(
            {"messageId": f"sms-{len(self.state.outbox)}", "phoneNumber": phone,
             "phoneCode": body.get("phoneCode", "1")}
        )  # fmt: skip

    async def send_email(self, request: web.Request) -> web.StreamResponse:
        body = await object_body(request, 400, 20012)
        if "leadId" not in body or not body.get("subject") or not body.get("content"):
            raise SandboxError(400, "leadId, subject and content are required", 20012)
        lead = self.server.leads.get(body["leadId"])
        if lead is None:
            raise SandboxError(404, "lead not found", 20006)
        to = body.get("toEmail") or (lead.get("emails") or [""])[0]
        self.state.outbox.append({"path": "/message/email/send", **body})
        return json_response(
            {"messageId": f"email-{len(self.state.outbox)}", "toEmail": to,
             "subject": body["subject"]}
        )  # fmt: skip

    async def recording_url(self, request: web.Request) -> web.StreamResponse:
        call = self.server.calls.get(request.match_info["call_id"])
        if call is None:
            raise SandboxError(400, "call does not exist", 20017)
        url = f"https://recordings.sandbox.invalid/{call['id']}.mp3" if call["duration"] else ""
        return json_response({"calls": {"id": call["id"], "url": url}})

    async def activities(self, request: web.Request) -> web.StreamResponse:
        lead_id = request.match_info["lead_id"]
        index = self.server.leads.index_of(lead_id)
        if index is None or self.server.leads.get(lead_id) is None:
            raise SandboxError(404, "lead does not exist", 20006)
        limit = int_param(request, "limit", 10, minimum=1, maximum=1000, code=20042) or 10
        current = int_param(request, "currentId", 0, minimum=0, code=20012) or 0
        offset = int_param(request, "offset", 0, minimum=0, code=20012) or 0
        items = [self.state.activity(index, k) for k in range(ACTIVITIES_PER_LEAD)]
        if current:
            ids = [a["id"] for a in items]
            start = ids.index(current) + 1 if current in ids else len(ids)
        else:
            start = offset
        return json_response({"activities": items[start : start + limit]})

    async def search_listings(self, request: web.Request) -> web.StreamResponse:
        body = await json_body(request, 20012) or {}
        if not isinstance(body, dict):
            raise SandboxError(400, "the body must be a JSON object", 20012)
        page, size = body.get("pageNum", 1), body.get("pageSize", 25)
        if not isinstance(page, int) or page < 1:
            raise SandboxError(400, "pageNum starts from 1", 20012)
        if not isinstance(size, int) or not 1 <= size <= 100:
            raise SandboxError(400, "pageSize must be 1-100", 20042)
        coll = self.server.sold if body.get("soldFlag") else self.server.listings
        total = len(coll)
        records = [coll.record(i) for i in range((page - 1) * size, min(page * size, total))]
        items = [r for r in records if r is not None]
        pages = (total + size - 1) // size
        return json_response({
            "listing": items,
            "metadata": {"collection": "listing", "pageSize": size, "pageNum": page,
                         "totalCount": total, "totalPage": pages, "hasMore": page < pages},
        })  # fmt: skip

    async def lead_pipelines(self, request: web.Request) -> web.StreamResponse:
        page = int_param(request, "currPage", 0, minimum=0, code=20012) or 0
        size = int_param(request, "pageSize", 10, minimum=1, code=20012) or 10
        name = request.query.get("name", "").lower()
        found = [p for p in self.state.lead_pipelines if name in p["name"].lower()]
        return json_response({
            "_metadata": {"collection": "pipelines", "limit": size, "offset": page * size,
                          "total": len(found)},
            "pipelines": found[page * size : (page + 1) * size],
        })  # fmt: skip
