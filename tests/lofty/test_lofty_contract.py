"""Every Lofty adapter operation against the facts table of Lofty's OpenAPI document.

``tests/lofty/published_operations.json`` is extracted from the document by
``tools/lofty_facts.py`` (the first test checks it is current when the document is on this
machine). Each public method of every resource of ``LoftyClient`` has one row in
``CALLS`` (a test fails when a method has none); each row is called against a recording
server on localhost that answers in the document's shape for the operation requested
(the list under its list key, one object under its wrapper key). The contract:

- every request matches a documented method and path (v1.0 or v2.0), or one of the
  operations only the older Lofty API reference documents (``OLDER_REFERENCE``);
- its query parameters are documented ones (``vendorKey`` aside) and the required ones
  are present;
- a list operation yields exactly the one item the server put under the document's list
  key, and a typed single object comes from inside the document's wrapper key;
- together the rows reach every operation of the document (123 of 123).
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from real_estate_async.models import Model
from real_estate_async.pagination import AsyncPager
from real_estate_async.providers.base import Resource
from real_estate_async.providers.lofty import LoftyClient

ROOT = Path(__file__).resolve().parents[2]
TABLE = Path(__file__).resolve().parent / "published_operations.json"
FACTS: list[dict[str, Any]] = json.loads(TABLE.read_text(encoding="utf-8"))["operations"]
PUBLISHED_OPERATIONS = 123

#: Adapter operations only the older Lofty API reference documents (the published
#: OpenAPI document does not list them): kept, and checked for their path only.
OLDER_REFERENCE: dict[tuple[str, str], str] = {
    ("GET", "/v1.0/leads/createTime"): "Lofty API reference, 5.5.6",
    ("GET", "/v1.0/leads/updateTime"): "Lofty API reference, 5.5.8",
    ("POST", "/v1.0/leads/specified-url"): "Lofty API reference, 5.5.7",
    ("PUT", "/v1.0/users/{userId}"): "Lofty API reference, 5.6.5",
    ("POST", "/v1.0/agent"): "Lofty API reference, 5.10.1",
    ("PUT", "/v1.0/agent"): "Lofty API reference, 5.10.2",
    ("POST", "/v1.0/broker/team"): "Lofty API reference, 5.14.1",
    ("DELETE", "/v1.0/broker/team/{id}"): "Lofty API reference, 5.14.2",
    ("GET", "/v1.0/vendor/oauth/token-info/byold"): "Lofty API reference, 5.11.2",
}

#: Marks the record the recording server sends (it lands in ``model.extra``).
MARK = {"contract": "sample"}

#: Answers where the published document gives no shape to check against: the older
#: reference's operations, and ``GET /v1.0/listing``, whose ``listIng``/``soldListing``
#: the document leaves untyped (the adapter reads the older reference's keys there).
OTHER_ANSWERS: dict[tuple[str, str], Any] = {
    ("GET", "/v1.0/leads/createTime"): {"leads": [{"leadId": 8, **MARK}]},
    ("GET", "/v1.0/leads/updateTime"): {"leads": [{"leadId": 8, **MARK}]},
    ("POST", "/v1.0/leads/specified-url"): "https://a.lofty.com/?token=t",
    ("POST", "/v1.0/agent"): {"account": {"id": 7, **MARK}},
    ("PUT", "/v1.0/agent"): {"account": {"id": 7, **MARK}},
    ("GET", "/v1.0/vendor/oauth/token-info/byold"): {"data": {"teamId": 7, **MARK}},
    ("GET", "/v1.0/listing"): {"listings": [{"listingId": "L1", **MARK}],
                               "soldListings": [{"listingId": "S1", **MARK}]},
}  # fmt: skip


def _pattern(path: str) -> re.Pattern[str]:
    parts = re.split(r"\{[^}]+\}", path)
    return re.compile("^" + "[^/]+".join(re.escape(p) for p in parts) + "$")


_ROUTES = [(row, _pattern(row["path"])) for row in FACTS]
_OLD_ROUTES = [((m, p), _pattern(p)) for (m, p) in OLDER_REFERENCE]


def _route(method: str, path: str) -> tuple[int, dict[str, Any] | None, tuple[str, str] | None]:
    """(placeholders, facts row, older-reference key) of the best match of a request: a
    literal path before a templated one (``/leads/createTime`` is not ``/leads/{leadId}``)."""
    found: list[tuple[int, dict[str, Any] | None, tuple[str, str] | None]] = [
        (row["path"].count("{"), row, None)
        for row, pattern in _ROUTES
        if row["method"] == method and pattern.match(path)
    ]
    found += [
        (key[1].count("{"), None, key)
        for key, pattern in _OLD_ROUTES
        if key[0] == method and pattern.match(path)
    ]
    found.sort(key=lambda match: match[0])
    return found[0] if found else (0, None, None)


def documented(method: str, path: str) -> dict[str, Any] | None:
    """The facts row of a request (``None``: not in the published document)."""
    return _route(method, path)[1]


def older(method: str, path: str) -> tuple[str, str] | None:
    """The older-reference operation of a request, if that is what it is."""
    return _route(method, path)[2]


def record_of(row: dict[str, Any]) -> dict[str, Any]:
    """One record as the document describes it: its fields (``null``), ``id`` 7, a mark."""
    record: dict[str, Any] = dict.fromkeys(row.get("fields") or ())
    if "id" in record:
        record["id"] = 7
    return {**record, **MARK}


def answer_for(method: str, path: str) -> Any:
    """A response in the document's shape for the request (``None``: an empty body)."""
    _, row, old = _route(method, path)
    if row is None or (row["method"], row["path"]) in OTHER_ANSWERS:
        key = old if row is None else (row["method"], row["path"])
        return OTHER_ANSWERS.get(key) if key is not None else None
    shape = row["shape"]
    if shape == "array":
        return [record_of(row)]
    if shape == "list":
        body: Any = [record_of(row)]
        for key in reversed(row["list_key"].split(".")):
            body = {key: body}
        return body
    if shape == "wrapped":
        return {row["wrapper_key"]: record_of(row)}
    if shape == "object":
        return record_of(row)
    if shape == "scalar":
        return "ok"
    return None


@attrs.define
class Recorded:
    method: str
    path: str
    query: list[str]


async def record(
    call: Callable[[LoftyClient], Any],
) -> tuple[list[Recorded], Any, Exception | None]:
    """Run ``call`` against a recording localhost server: the requests it sent, its
    result, and the exception it raised (the requests are kept either way)."""
    seen: list[Recorded] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        seen.append(Recorded(request.method, request.path, list(request.query.keys())))
        body = answer_for(request.method, request.path)
        if body is None:
            return web.Response(status=200)
        return web.json_response(body)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    async with TestServer(app, host="127.0.0.1") as server:
        base = str(server.make_url("/v1.0"))
        async with LoftyClient("key", vendor_key="vk", base_url=base, max_retries=0) as client:
            try:
                result = call(client)
                if isinstance(result, AsyncPager):
                    result = await result.collect()
                elif hasattr(result, "__await__"):
                    result = await result
            except Exception as exc:  # the per-row test raises it; the census counts requests
                return seen, None, exc
    return seen, result, None


async def _deleted(plan: Any) -> Any:
    return (await plan).deleted


def payload(result: Any) -> Any:
    if isinstance(result, Model):
        return result.to_dict()
    if isinstance(result, list):
        return [payload(item) for item in result]
    return result


@attrs.frozen
class Call:
    name: str  # "<resource>.<method>"
    call: Callable[[LoftyClient], Any]


B = {"x": 1}  # any non-empty body
CALLS: list[Call] = [
    Call("accounts.create", lambda c: c.accounts.create(B)),
    Call("accounts.update", lambda c: c.accounts.update(B)),
    Call("agent_users.create", lambda c: c.agent_users.create(B)),
    Call("agents.add_tags", lambda c: c.agents.add_tags(3, ["VIP"], auto_create=True)),
    Call("agents.deactivate", lambda c: c.agents.deactivate(3)),
    Call("agents.reactivate", lambda c: c.agents.reactivate(3)),
    Call("ai.call_script", lambda c: c.ai.call_script({"leadId": 8})),
    Call("ai.call_summary", lambda c: c.ai.call_summary(5)),
    Call("ai.create_lead_analysis", lambda c: c.ai.create_lead_analysis({"leadIds": [8]})),
    Call("ai.generate_call_summary", lambda c: c.ai.generate_call_summary({"callRecordId": 5})),
    Call("ai.lead_analyses", lambda c: c.ai.lead_analyses(page_num=1, page_size=10)),
    Call("ai.prepare_insight", lambda c: c.ai.prepare_insight({"leadId": 8})),
    Call("broker.create_team", lambda c: c.broker.create_team(B)),
    Call("broker.remove_team", lambda c: c.broker.remove_team(12)),
    Call("calendar.available_meetings",
         lambda c: c.calendar.available_meetings(start_time_ms=1, end_time_ms=2, limit=5)),
    Call("calendar.create", lambda c: c.calendar.create({"type": "TASK"})),
    Call("calendar.delete", lambda c: c.calendar.delete("12-task")),
    Call("calendar.finish", lambda c: c.calendar.finish("12-task")),
    Call("calendar.list",
         lambda c: c.calendar.list(start_time="2026-01-01T00:00:00+00:00", lead_id=8,
                                   include_finished=True, source_type=[1, 2])),
    Call("calendar.unfinish", lambda c: c.calendar.unfinish("12-task")),
    Call("calendar.update", lambda c: c.calendar.update("12-task", {"content": "c"})),
    Call("calls.get", lambda c: c.calls.get(9)),
    Call("calls.list", lambda c: c.calls.list(lead_id=7)),
    Call("calls.recording_url", lambda c: c.calls.recording_url(9)),
    Call("communication.by_agent", lambda c: c.communication.by_agent(start_time=1, end_time=2)),
    Call("communication.calls", lambda c: c.communication.calls(lead_id=7)),
    Call("communication.calls_v2", lambda c: c.communication.calls_v2(lead_id=7)),
    Call("communication.emails", lambda c: c.communication.emails(lead_id=7)),
    Call("communication.texts", lambda c: c.communication.texts(lead_id=7)),
    Call("communication_v2.by_agent",
         lambda c: c.communication_v2.by_agent(start_time=1, end_time=2, type="ALL")),
    Call("communication_v2.get_call", lambda c: c.communication_v2.get_call(4)),
    Call("communication_v2.get_email", lambda c: c.communication_v2.get_email(4)),
    Call("communication_v2.get_text", lambda c: c.communication_v2.get_text(4)),
    Call("lead_routing.default_rule", lambda c: c.lead_routing.default_rule(1, role_id=2)),
    Call("lead_routing.members", lambda c: c.lead_routing.members(1, role_id=2)),
    Call("lead_routing.roles", lambda c: c.lead_routing.roles()),
    Call("lead_routing.rules", lambda c: c.lead_routing.rules(1, role_id=2)),
    Call("lead_routing.update_default_rule", lambda c: c.lead_routing.update_default_rule(1, B)),
    Call("lead_routing.update_rule", lambda c: c.lead_routing.update_rule(1, B)),
    Call("leads.activities", lambda c: c.leads.activities(5)),
    Call("leads.activities_v2", lambda c: c.leads.activities_v2(5, time_zone_code="UTC")),
    Call("leads.add_activity", lambda c: c.leads.add_activity(5, B)),
    Call("leads.add_inquiry", lambda c: c.leads.add_inquiry(5, B)),
    Call("leads.add_property", lambda c: c.leads.add_property(5, B)),
    Call("leads.add_transaction", lambda c: c.leads.add_transaction(5, B)),
    Call("leads.assign", lambda c: c.leads.assign(5, [B])),
    Call("leads.create", lambda c: c.leads.create(B)),
    Call("leads.delete", lambda c: c.leads.delete(5, reason="duplicate")),
    Call("leads.find_assignees", lambda c: c.leads.find_assignees(B)),
    Call("leads.get", lambda c: c.leads.get(5, with_trash=True)),
    Call("leads.get_transaction", lambda c: c.leads.get_transaction(5, 6)),
    Call("leads.get_transaction_property_address",
         lambda c: c.leads.get_transaction_property_address(5, 6)),
    Call("leads.list", lambda c: c.leads.list(stage="New", any_tags=["a"])),
    Call("leads.list_by_create_time", lambda c: c.leads.list_by_create_time("2024-01-01 00:00:00")),
    Call("leads.list_by_update_time", lambda c: c.leads.list_by_update_time("2024-01-01 00:00:00")),
    Call("leads.scroll", lambda c: c.leads.scroll(stage="New")),
    Call("leads.specified_url", lambda c: c.leads.specified_url(5, "https://a.lofty.com")),
    Call("leads.transaction_custom_fields", lambda c: c.leads.transaction_custom_fields()),
    Call("leads.transactions", lambda c: c.leads.transactions(5)),
    Call("leads.update", lambda c: c.leads.update(5, B)),
    Call("leads.update_from_brokermint", lambda c: c.leads.update_from_brokermint(B)),
    Call("leads.update_transaction", lambda c: c.leads.update_transaction(5, 6, B)),
    Call("leads.update_transaction_from_brokermint",
         lambda c: c.leads.update_transaction_from_brokermint(B)),
    Call("leads.update_transaction_property_address",
         lambda c: c.leads.update_transaction_property_address(5, B)),
    Call("listings.list", lambda c: c.listings.list(user_id=3)),
    Call("listings.list_sold", lambda c: c.listings.list_sold(user_id=3)),
    Call("listings.published", lambda c: c.listings.published("zillow")),
    Call("listings.search", lambda c: c.listings.search({"searchScope": "all"})),
    Call("log_types.create", lambda c: c.log_types.create(B)),
    Call("log_types.delete", lambda c: c.log_types.delete(61)),
    Call("log_types.get", lambda c: c.log_types.get(61)),
    Call("log_types.list", lambda c: c.log_types.list(lead_id=5, log_type="logCall")),
    Call("members.get_by_account", lambda c: c.members.get_by_account("a@b.c")),
    Call("members.get_user", lambda c: c.members.get_user(3)),
    Call("members.list", lambda c: c.members.list(group_ids=[1])),
    Call("members.me", lambda c: c.members.me()),
    Call("members.update_user", lambda c: c.members.update_user(3, B)),
    Call("messages.send_email", lambda c: c.messages.send_email({"leadId": 8})),
    Call("messages.send_sms", lambda c: c.messages.send_sms({"leadId": 8})),
    Call("notes.create", lambda c: c.notes.create(B)),
    Call("notes.delete", lambda c: c.notes.delete(2)),
    Call("notes.get", lambda c: c.notes.get(2)),
    Call("notes.list", lambda c: c.notes.list(lead_id=5, include_system_note=True)),
    Call("notes.update", lambda c: c.notes.update(2, B)),
    Call("opportunities.send_notification", lambda c: c.opportunities.send_notification(B)),
    Call("organization.add_office", lambda c: c.organization.add_office(B)),
    Call("organization.get", lambda c: c.organization.get()),
    Call("organization.permission_profiles", lambda c: c.organization.permission_profiles()),
    Call("organization.update_company", lambda c: c.organization.update_company(B)),
    Call("organization.update_office", lambda c: c.organization.update_office(B)),
    Call("plan_tasks.create", lambda c: c.plan_tasks.create([8])),
    Call("plan_tasks.list", lambda c: c.plan_tasks.list(8)),
    Call("sales_agent.current", lambda c: c.sales_agent.current()),
    Call("sales_agent.for_lead", lambda c: c.sales_agent.for_lead(8)),
    Call("sales_agent.mute_status", lambda c: c.sales_agent.mute_status(8)),
    Call("sales_agent.quota", lambda c: c.sales_agent.quota()),
    Call("sales_agent.send_ai_number_sms_to_agent",
         lambda c: c.sales_agent.send_ai_number_sms_to_agent(B)),
    Call("sales_agent.send_email_to_agent", lambda c: c.sales_agent.send_email_to_agent(B)),
    Call("sales_agent.send_sms_to_agent", lambda c: c.sales_agent.send_sms_to_agent(B)),
    Call("sales_agent.send_task_reminder", lambda c: c.sales_agent.send_task_reminder(B)),
    Call("sales_agent.settings", lambda c: c.sales_agent.settings()),
    Call("sales_agent.update_settings", lambda c: c.sales_agent.update_settings(B)),
    Call("system_logs.list", lambda c: c.system_logs.list(lead_id=5, start_time=1, end_time=2)),
    Call("tasks.appointments", lambda c: c.tasks.appointments(5)),
    Call("tasks.create", lambda c: c.tasks.create(B)),
    Call("tasks.delete", lambda c: c.tasks.delete(41)),
    Call("tasks.get", lambda c: c.tasks.get(41)),
    Call("tasks.list", lambda c: c.tasks.list(lead_id=5)),
    Call("tasks.update", lambda c: c.tasks.update(41, B)),
    Call("tasks_v2.create", lambda c: c.tasks_v2.create(B)),
    Call("tasks_v2.delete", lambda c: c.tasks_v2.delete(41)),
    Call("tasks_v2.finish", lambda c: c.tasks_v2.finish(41)),
    Call("tasks_v2.get", lambda c: c.tasks_v2.get(41)),
    Call("tasks_v2.list", lambda c: c.tasks_v2.list(8)),
    Call("tasks_v2.my_tasks", lambda c: c.tasks_v2.my_tasks(user_id=3, time_zone_code="UTC")),
    Call("tasks_v2.unfinish", lambda c: c.tasks_v2.unfinish(41)),
    Call("tasks_v2.update", lambda c: c.tasks_v2.update(41, B)),
    Call("team_features.add_custom_field", lambda c: c.team_features.add_custom_field(B)),
    Call("team_features.custom_fields", lambda c: c.team_features.custom_fields()),
    Call("team_features.get_lead_pond", lambda c: c.team_features.get_lead_pond(4)),
    Call("team_features.lead_pipelines", lambda c: c.team_features.lead_pipelines(name="Buy")),
    Call("team_features.lead_ponds", lambda c: c.team_features.lead_ponds()),
    Call("team_features.tags", lambda c: c.team_features.tags()),
    Call("transactions.list",
         lambda c: c.transactions.list(query_key="Main", lead_id=8, transaction_type="All")),
    Call("transactions.pipelines", lambda c: c.transactions.pipelines()),
    Call("vendor.list", lambda c: c.vendor.list()),
    Call("vendor.token_info_by_old_api_key", lambda c: c.vendor.token_info_by_old_api_key()),
    Call("webhooks.create", lambda c: c.webhooks.create(B)),
    Call("webhooks.delete", lambda c: c.webhooks.delete(8)),
    Call("webhooks.list", lambda c: c.webhooks.list()),
    # dry run owning everything, wanting nothing: one GET, the listed items in .deleted
    Call("webhooks.sync", lambda c: _deleted(c.webhooks.sync([], ours=lambda s: True, dry_run=True))),
    Call("working_leads.add", lambda c: c.working_leads.add({"leadIds": [8]})),
    Call("working_leads.get", lambda c: c.working_leads.get(8)),
    Call("working_leads.list", lambda c: c.working_leads.list(ai_stage="AI_MONITORING")),
    Call("working_leads.mute", lambda c: c.working_leads.mute(8)),
]  # fmt: skip


def adapter_methods() -> set[str]:
    """``resource.method`` of every public method of every resource of a LoftyClient."""
    client = LoftyClient("key")
    names = set()
    for attr, resource in vars(client).items():
        if not isinstance(resource, Resource):
            continue
        for name in dir(type(resource)):
            if name.startswith("_") or hasattr(Resource, name):
                continue
            if callable(getattr(resource, name)):
                names.add(f"{attr}.{name}")
    return names


def _load_tool() -> Any:
    spec = importlib.util.spec_from_file_location("lofty_facts", ROOT / "tools" / "lofty_facts.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_table_matches_the_document() -> None:
    tool = _load_tool()
    document = tool.find_spec()
    assert document is not None, "tests/fixtures/lofty/openapi.json is missing"
    text = tool.render(json.loads(Path(document).read_text(encoding="utf-8")))
    assert TABLE.read_text(encoding="utf-8") == text, "run python tools/lofty_facts.py"


def test_table_holds_every_published_operation() -> None:
    assert len(FACTS) == PUBLISHED_OPERATIONS
    assert len({(r["method"], r["path"]) for r in FACTS}) == PUBLISHED_OPERATIONS
    # The document's list keys this project relies on, as extracted.
    keys = {(r["method"], r["path"]): r.get("list_key") for r in FACTS}
    assert keys["GET", "/v1.0/communication/call"] == "calls"
    assert keys["GET", "/v1.0/tasks"] == "taskList"
    assert keys["GET", "/v1.0/systemLogs"] == "timeLines"
    assert keys["GET", "/v2.0/calendar"] == "data.items"
    assert keys["GET", "/v2.0/communication/agent"] == "data"


def test_every_adapter_method_has_a_contract_row() -> None:
    rows = [c.name for c in CALLS]
    assert len(rows) == len(set(rows))
    assert adapter_methods() == set(rows)


@pytest.mark.parametrize("row", CALLS, ids=[c.name for c in CALLS])
async def test_operation_follows_the_document(row: Call) -> None:
    requests, result, error = await record(row.call)
    assert requests, "no request was sent"
    for req in requests:
        fact = documented(req.method, req.path)
        if fact is None:
            key = older(req.method, req.path)
            assert key is not None, f"{req.method} {req.path} is in no Lofty document"
            if error is not None:
                raise error
            continue
        names = {q["name"] for q in fact["query"]}
        extra = set(req.query) - names - {"vendorKey"}
        assert not extra, f"undocumented query parameters {sorted(extra)}"
        required = {q["name"] for q in fact["query"] if q["required"]}
        missing = required - set(req.query)
        assert not missing, f"required query parameters missing: {sorted(missing)}"
        if error is not None:
            raise error
        if (fact["method"], fact["path"]) in OTHER_ANSWERS:
            continue  # the document gives no shape to check
        shape = fact["shape"]
        if shape in ("list", "array"):
            where = fact.get("list_key") or "the top-level array"
            expected = [record_of(fact)]
            assert payload(result) == expected, f"the item under {where!r} was not yielded"
        elif shape == "wrapped" and isinstance(result, Model):
            one = record_of(fact)
            assert payload(result) == one, f"not unwrapped from {fact['wrapper_key']!r}"


async def test_every_published_operation_is_mapped() -> None:
    reached: set[tuple[str, str]] = set()
    old: set[tuple[str, str]] = set()
    for row in CALLS:
        requests, _, _ = await record(row.call)
        for req in requests:
            fact = documented(req.method, req.path)
            if fact is not None:
                reached.add((fact["method"], fact["path"]))
            elif (key := older(req.method, req.path)) is not None:
                old.add(key)
    unmapped = sorted({(r["method"], r["path"]) for r in FACTS} - reached)
    assert not unmapped, f"{len(reached)}/{len(FACTS)} mapped; unmapped: {unmapped}"
    assert old == set(OLDER_REFERENCE)


def test_v2_paths_replace_the_base_urls_version() -> None:
    client = LoftyClient("key")
    assert client._url("/v2.0/tasks") == "https://api.lofty.com/v2.0/tasks"
    assert client._url("/leads") == "https://api.lofty.com/v1.0/leads"
    proxied = LoftyClient("key", base_url="https://proxy.example/lofty")
    assert proxied._url("/v2.0/tasks") == "https://proxy.example/lofty/v2.0/tasks"
    with pytest.raises(ValueError, match="relative"):
        client._url("https://elsewhere.example/v2.0/tasks")
