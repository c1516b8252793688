"""Every operation of the Lofty API v1.0 reference (sections 5.1-5.18): request shape and
decoded result.

One table row per operation (plus the second style of the two endpoints that have two:
``GET /leads`` scroll and ``GET /listing`` sold listings). Each row is sent through a real
``LoftyClient`` against aioresponses; the test checks the method, the path (raw, so URL
encoding is visible), the query, the auth headers, the JSON body and the decoded result.
docs/VENDORS.md (Lofty, Coverage) lists the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from real_estate_async.pagination import AsyncPager
from real_estate_async.providers.lofty import (
    Account,
    AssignMember,
    AssignRole,
    Call,
    CallHistory,
    Communication,
    CustomAttribute,
    CustomField,
    Email,
    Lead,
    LeadActivity,
    LeadAssigneeInfo,
    LeadPond,
    Listing,
    LoftyClient,
    LogType,
    Member,
    Note,
    OauthTokenInfo,
    Organization,
    PermissionProfile,
    RoutingRule,
    RoutingType,
    SupplementRoutingRule,
    SystemLog,
    Tag,
    Task,
    Text,
    Transaction,
    TransactionPropertyAddress,
    VendorInfo,
    Webhook,
)
from real_estate_async.providers.lofty.models import (
    Appointment,
    EditLeadRequest,
    LeadAssignment,
    LeadRequest,
    LogTypeRequest,
    NoteRequest,
    TaskRequest,
    WebhookRequest,
)

API_KEY = "lofty-api-key-123"
VENDOR_KEY = "vendor-key-456"
UTC = dt.timezone.utc


@attrs.frozen
class Op:
    id: str  # "<reference section> <client method>"
    call: Callable[[LoftyClient], Any]
    method: str
    path: str  # raw path after /v1.0
    query: list[tuple[str, str]]
    body: Any
    response: Any
    expect: Callable[[Any], bool]


def _is(cls: type, **fields: Any) -> Callable[[Any], bool]:
    def check(result: Any) -> bool:
        return isinstance(result, cls) and all(getattr(result, k) == v for k, v in fields.items())

    return check


def _all(cls: type, n: int = 1, **fields: Any) -> Callable[[Any], bool]:
    def check(result: Any) -> bool:
        return (
            isinstance(result, list)
            and len(result) == n
            and all(_is(cls, **fields)(r) for r in result)
        )

    return check


def _eq(value: Any) -> Callable[[Any], bool]:
    return lambda result: result == value


OK = "success"

OPS: list[Op] = [
    # 5.1 Agent User
    Op("5.1.1 agent_users.create", lambda c: c.agent_users.create({"accountInfo": {"firstName": "Ann"}}),
       "POST", "/agent/profile/add", [], {"accountInfo": {"firstName": "Ann"}}, OK, _eq(OK)),
    # 5.2 Calls
    Op("5.2.1 calls.list", lambda c: c.calls.list(lead_id=7, limit=50).collect(),
       "GET", "/calls", [("leadId", "7"), ("limit", "50"), ("offset", "0")], None,
       {"_metadata": {"collection": "calls", "total": 1}, "calls": [{"id": 1, "duration": 30}]},
       _all(Call, id=1, duration=30)),
    Op("5.2.2 calls.get", lambda c: c.calls.get(9),
       "GET", "/calls/9", [], None, {"calls": {"id": 9, "direction": "Outbound", "price": 0.5}},
       _is(Call, id=9, direction="Outbound", price=0.5)),
    # 5.3 Communication
    Op("5.3.1 communication.by_agent",
       lambda c: c.communication.by_agent(type="CALL", start_time=1000, end_time=2000,
                                          team_view=True, limit=10).collect(),
       "POST", "/agent/communication", [],
       {"type": "CALL", "startTime": 1000, "endTime": 2000, "teamView": True, "offset": 0, "limit": 10},
       {"hasMore": False, "limit": 10, "offset": 0, "pageData": [{"id": 3, "eventType": "Call"}]},
       _all(Communication, id=3, event_type="Call")),
    Op("5.3.2 communication.calls", lambda c: c.communication.calls(lead_id=7, limit=10).collect(),
       "GET", "/communication/call", [("leadId", "7"), ("limit", "10")], None,
       [{"id": 1, "leadId": 7}], _all(Call, id=1, lead_id=7)),
    Op("5.3.3 communication.calls_v2", lambda c: c.communication.calls_v2(lead_id=7, current_id=40).collect(),
       "GET", "/communication/call/v2", [("currentId", "40"), ("leadId", "7"), ("limit", "1000")], None,
       [{"id": 41, "leadPhoneNumber": "555"}], _all(CallHistory, id=41, lead_phone_number="555")),
    Op("5.3.4 communication.emails", lambda c: c.communication.emails(lead_id=7).collect(),
       "GET", "/communication/email", [("leadId", "7"), ("limit", "1000")], None,
       [{"id": 2, "emailSubject": "Hi", "fromPond": False}], _all(Email, id=2, email_subject="Hi", from_pond=False)),
    Op("5.3.5 communication.texts", lambda c: c.communication.texts(lead_id=7).collect(),
       "GET", "/communication/text", [("leadId", "7"), ("limit", "1000")], None,
       [{"id": 3, "textOutcome": "Delivered"}], _all(Text, id=3, text_outcome="Delivered")),
    # 5.4 LeadRouting
    Op("5.4.1 lead_routing.members", lambda c: c.lead_routing.members(1, role_id=3),
       "GET", "/routing/member/list/1", [("roleId", "3")], None,
       [{"id": 1, "name": "Ann", "type": 1}], _all(AssignMember, id=1, name="Ann")),
    Op("5.4.2 lead_routing.roles", lambda c: c.lead_routing.roles(),
       "GET", "/routing/role/list", [], None, [{"id": 2, "name": "Agent"}], _all(AssignRole, name="Agent")),
    Op("5.4.3 lead_routing.rules", lambda c: c.lead_routing.rules(RoutingType.ASSISTANT_LEAD, role_id=5),
       "GET", "/routing/rule/list/4", [("roleId", "5")], None,
       [{"id": 8, "name": "r", "ruleSwitch": True, "tagNames": ["a"]}],
       _all(RoutingRule, id=8, rule_switch=True, tag_names=["a"])),
    Op("5.4.4 lead_routing.default_rule", lambda c: c.lead_routing.default_rule(2),
       "GET", "/routing/rule/supplement/2", [], None, {"businessType": 2, "strategyType": 1},
       _is(SupplementRoutingRule, business_type=2, strategy_type=1)),
    Op("5.4.5 lead_routing.update_default_rule",
       lambda c: c.lead_routing.update_default_rule(1, {"strategyType": 1, "assigneeAgentId": 9}),
       "PUT", "/routing/rule/supplement/1", [], {"strategyType": 1, "assigneeAgentId": 9}, OK, _eq(OK)),
    Op("5.4.6 lead_routing.update_rule", lambda c: c.lead_routing.update_rule(1, {"id": 8, "activeHours": {}}),
       "PUT", "/routing/rule/1", [], {"id": 8, "activeHours": {}}, OK, _eq(OK)),
    # 5.5 Leads
    Op("5.5.1 leads.update_from_brokermint", lambda c: c.leads.update_from_brokermint({"externalId": "e1"}),
       "PUT", "/brokermint/lead", [], {"externalId": "e1"}, OK, _eq(OK)),
    Op("5.5.2 leads.update_transaction_from_brokermint",
       lambda c: c.leads.update_transaction_from_brokermint({"id": 4, "status": "closed"}),
       "PUT", "/brokermint/transaction", [], {"id": 4, "status": "closed"}, OK, _eq(OK)),
    Op("5.5.3 leads.create", lambda c: c.leads.create({"firstName": "A", "leadRouting": True}, hide_vendor_id=12),
       "POST", "/leads", [("hideVendorId", "12")], {"firstName": "A", "leadRouting": True}, 555, _eq(555)),
    Op("5.5.4 leads.list",
       lambda c: c.leads.list(any_tags=["a", "b"], stage="New", contacted=False, segment_ids=[1, 2],
                              desc=True, sort="CreateTime", limit=20).collect(),
       "GET", "/leads",
       [("anyTags", "a"), ("anyTags", "b"), ("contacted", "false"), ("desc", "true"), ("limit", "20"),
        ("offset", "0"), ("segmentIds", "1"), ("segmentIds", "2"), ("sort", "CreateTime"), ("stage", "New")],
       None,
       {"_metadata": {"collection": "leads", "limit": 20, "offset": 0, "total": 1},
        "leads": [{"lead": {"leadId": 1, "firstName": "Kunkun", "lastName": "An"}}]},
       _all(Lead, lead_id=1, first_name="Kunkun")),
    Op("5.5.4 leads.scroll",
       lambda c: c.leads.scroll(all_tags=["x"], assigned_user_id=3, limit=50).collect(),
       "GET", "/leads", [("allTags", "x"), ("assignedUserId", "3"), ("limit", "50")], None,
       {"_metadata": {"scrollId": None}, "leads": [{"lead": {"leadId": 2}}]}, _all(Lead, lead_id=2)),
    Op("5.5.5 leads.find_assignees", lambda c: c.leads.find_assignees({"email": "a@b.c"}),
       "POST", "/leads/assignee", [], {"email": "a@b.c"},
       [{"leadId": 1, "customRoleAssignees": [{"role": "Agent", "assigneeId": 3}]}],
       lambda r: _all(LeadAssigneeInfo, lead_id=1)(r) and r[0].custom_role_assignees[0].assignee_id == 3),
    Op("5.5.6 leads.list_by_create_time",
       lambda c: c.leads.list_by_create_time(dt.datetime(2024, 1, 1, 7, 0, tzinfo=UTC), source="Zillow").collect(),
       "GET", "/leads/createTime",
       [("leadCreateTime", "2024-01-01 00:00:00"), ("limit", "100"), ("source", "Zillow")], None,
       {"_metadata": {}, "leads": [{"lead": {"leadId": 3}}]}, _all(Lead, lead_id=3)),
    Op("5.5.7 leads.specified_url", lambda c: c.leads.specified_url(1, "https://ann.lofty.com/home"),
       "POST", "/leads/specified-url", [], {"leadId": 1, "loftyWebsiteURL": "https://ann.lofty.com/home"},
       "https://ann.lofty.com/home?token=t", _eq("https://ann.lofty.com/home?token=t")),
    Op("5.5.8 leads.list_by_update_time",
       lambda c: c.leads.list_by_update_time("2024-02-01 08:00:00", stage=["Closed"], groups=["g"]).collect(),
       "GET", "/leads/updateTime",
       [("groups", "g"), ("leadUpdateTime", "2024-02-01 08:00:00"), ("limit", "100"), ("stage", "Closed")],
       None, {"leads": [{"lead": {"leadId": 4}}]}, _all(Lead, lead_id=4)),
    Op("5.5.9 leads.get", lambda c: c.leads.get(5, with_trash=True),
       "GET", "/leads/5", [("withTrash", "true")], None,
       {"lead": {"leadId": 5, "tags": [{"tagName": "vip"}], "newField": 1}},
       lambda r: _is(Lead, lead_id=5)(r) and r.tags[0].tag_name == "vip" and r.extra == {"newField": 1}),
    Op("5.5.10 leads.update", lambda c: c.leads.update(5, {"tagsAdd": ["vip"]}),
       "PUT", "/leads/5", [], {"tagsAdd": ["vip"]}, OK, _eq(OK)),
    Op("5.5.11 leads.delete", lambda c: c.leads.delete(5, reason="duplicate"),
       "DELETE", "/leads/5", [("reason", "duplicate")], None, OK, _eq(OK)),
    Op("5.5.12 leads.activities", lambda c: c.leads.activities(5).collect(),
       "GET", "/leads/5/activities", [("curPage", "0")], None,
       [{"type": "View", "created": 1700000000000}], _all(LeadActivity, type="View")),
    Op("5.5.13 leads.add_activity", lambda c: c.leads.add_activity(5, {"type": "View", "link": "u"}),
       "POST", "/leads/5/activity", [], {"type": "View", "link": "u"}, OK, _eq(OK)),
    Op("5.5.14 leads.assign", lambda c: c.leads.assign(5, [{"assiginee": "a@b.c", "role": "Agent"}]),
       "POST", "/leads/5/assignment", [], [{"assiginee": "a@b.c", "role": "Agent"}], OK, _eq(OK)),
    Op("5.5.15 leads.add_inquiry", lambda c: c.leads.add_inquiry(5, {"priceMax": 500000}),
       "POST", "/leads/5/inquiry", [], {"priceMax": 500000}, OK, _eq(OK)),
    Op("5.5.16 leads.add_property", lambda c: c.leads.add_property(5, {"city": "Austin"}),
       "POST", "/leads/5/property", [], {"city": "Austin"}, OK, _eq(OK)),
    Op("5.5.17 leads.add_transaction", lambda c: c.leads.add_transaction(5, {"homePrice": 1.5}),
       "POST", "/leads/5/transaction", [], {"homePrice": 1.5}, 77, _eq(77)),
    Op("5.5.18 leads.update_transaction_property_address",
       lambda c: c.leads.update_transaction_property_address(5, {"transactionId": 6, "city": "Austin"}),
       "POST", "/leads/5/transaction/property/address", [], {"transactionId": 6, "city": "Austin"}, OK, _eq(OK)),
    Op("5.5.19 leads.get_transaction", lambda c: c.leads.get_transaction(5, 6),
       "GET", "/leads/5/transaction/6", [], None,
       {"transactionId": 6, "gci": 100.5, "commissions": {"split": [{"payType": "AGENT", "value": 5023}]}},
       lambda r: _is(Transaction, transaction_id=6, gci=100.5)(r) and r.commissions.split[0].value == 5023),
    Op("5.5.20 leads.update_transaction", lambda c: c.leads.update_transaction(5, 6, {"transactionStatus": "Closed"}),
       "PUT", "/leads/5/transaction/6", [], {"transactionStatus": "Closed"}, OK, _eq(OK)),
    Op("5.5.21 leads.get_transaction_property_address", lambda c: c.leads.get_transaction_property_address(5, 6),
       "GET", "/leads/5/transaction/6/property/address", [], None, {"transactionId": 6, "unit": "2B"},
       _is(TransactionPropertyAddress, transaction_id=6, unit="2B")),
    Op("5.5.22 leads.transactions", lambda c: c.leads.transactions(5),
       "GET", "/leads/5/transactions", [], None, [{"transactionId": 6}, {"transactionId": 7}],
       lambda r: [t.transaction_id for t in r] == [6, 7] and isinstance(r[0], Transaction)),
    Op("5.5.23 leads.transaction_custom_fields", lambda c: c.leads.transaction_custom_fields(),
       "GET", "/transaction/customfields", [], None, [{"id": 1, "name": "Escrow", "type": "text"}],
       _all(CustomField, name="Escrow")),
    # 5.6 Members
    Op("5.6.1 members.me", lambda c: c.members.me(),
       "GET", "/me", [], None, {"id": 1, "email": "me@x.com", "isAdmin": True},
       _is(Member, id=1, is_admin=True)),
    Op("5.6.2 members.list", lambda c: c.members.list(group_ids=[1, 2], limit=10).collect(),
       "GET", "/members", [("groupIds", "1"), ("groupIds", "2"), ("limit", "10"), ("offset", "0")], None,
       {"_metadata": {"total": 1}, "members": [{"id": 3, "agentInfo": {"licenseId": "L1"}}]},
       lambda r: _all(Member, id=3)(r) and r[0].agent_info.license_id == "L1"),
    Op("5.6.3 members.get_by_account", lambda c: c.members.get_by_account("ann@x.com"),
       "GET", "/members/ann%40x.com", [], None, {"id": 4, "email": "ann@x.com"}, _is(Member, id=4)),
    Op("5.6.4 members.get_user", lambda c: c.members.get_user(3),
       "GET", "/users/3", [], None, {"id": 3, "firstName": "Ann"}, _is(Member, first_name="Ann")),
    Op("5.6.5 members.update_user", lambda c: c.members.update_user(3, {"timeZoneId": "America/Halifax"}),
       "PUT", "/users/3", [], {"timeZoneId": "America/Halifax"}, OK, _eq(OK)),
    # 5.7 Notes
    Op("5.7.1 notes.create", lambda c: c.notes.create({"leadId": 5, "content": "hi", "isPin": True}),
       "POST", "/notes", [], {"leadId": 5, "content": "hi", "isPin": True}, 31, _eq(31)),
    Op("5.7.2 notes.list", lambda c: c.notes.list(lead_id=5, include_system_note=False).collect(),
       "GET", "/notes", [("includeSystemNote", "false"), ("leadId", "5")], None,
       [{"noteId": 31, "content": "hi"}, {"noteId": 32, "systemNote": True}],
       lambda r: [n.note_id for n in r] == [31, 32] and isinstance(r[0], Note)),
    Op("5.7.3 notes.get", lambda c: c.notes.get(31),
       "GET", "/notes/31", [], None, {"note": {"noteId": 31, "isPin": True}}, _is(Note, note_id=31, is_pin=True)),
    Op("5.7.4 notes.update", lambda c: c.notes.update(31, {"content": "edited"}),
       "PUT", "/notes/31", [], {"content": "edited"}, None, _eq(None)),
    Op("5.7.5 notes.delete", lambda c: c.notes.delete(31),
       "DELETE", "/notes/31", [], None, None, _eq(None)),
    # 5.8 Tasks & Appointments
    Op("5.8.1 tasks.appointments", lambda c: c.tasks.appointments(5),
       "GET", "/appts", [("leadId", "5")], None, [{"id": 1, "allDay": True, "deadline": 1700000000000}],
       _all(Appointment, id=1, all_day=True)),
    Op("5.8.2 tasks.create", lambda c: c.tasks.create({"leadId": 5, "content": "call", "deadline": 1}),
       "POST", "/tasks", [], {"leadId": 5, "content": "call", "deadline": 1}, 41, _eq(41)),
    Op("5.8.3 tasks.list", lambda c: c.tasks.list(lead_id=5).collect(),
       "GET", "/tasks", [("leadId", "5")], None, [{"id": 41, "type": "Call"}], _all(Task, id=41, type="Call")),
    Op("5.8.4 tasks.get", lambda c: c.tasks.get(41),
       "GET", "/tasks/41", [], None, {"task": {"id": 41, "finishFlag": False}}, _is(Task, id=41, finish_flag=False)),
    Op("5.8.5 tasks.update", lambda c: c.tasks.update(41, {"content": "email"}),
       "PUT", "/tasks/41", [], {"content": "email"}, OK, _eq(OK)),
    Op("5.8.6 tasks.delete", lambda c: c.tasks.delete(41),
       "DELETE", "/tasks/41", [], None, OK, _eq(OK)),
    # 5.9 TeamFeatures
    Op("5.9.1 team_features.get_lead_pond", lambda c: c.team_features.get_lead_pond(2),
       "GET", "/team-features/lead-pond/2", [], None, {"id": 2, "pondName": "P", "agentIds": [1]},
       _is(LeadPond, id=2, agent_ids=[1])),
    Op("5.9.2 team_features.lead_ponds", lambda c: c.team_features.lead_ponds(),
       "GET", "/team-features/lead-ponds", [], None, [{"id": 2}, {"id": 3}],
       lambda r: [p.id for p in r] == [2, 3]),
    Op("5.9.3 team_features.add_custom_field",
       lambda c: c.team_features.add_custom_field({"attributeName": "Budget", "attributeType": "text"}),
       "POST", "/teamFeatures/custom-field", [], {"attributeName": "Budget", "attributeType": "text"}, OK, _eq(OK)),
    Op("5.9.4 team_features.custom_fields", lambda c: c.team_features.custom_fields(),
       "GET", "/teamFeatures/listCustomField", [], None, [{"attributeName": "Budget"}],
       _all(CustomAttribute, attribute_name="Budget")),
    Op("5.9.5 team_features.tags", lambda c: c.team_features.tags(),
       "GET", "/teamFeatures/listTag", [], None, [{"tagId": 1, "tagName": "vip"}], _all(Tag, tag_name="vip")),
    # 5.10 User Account
    Op("5.10.1 accounts.create", lambda c: c.accounts.create({"emailAddress": "a@x.com", "firstName": "A"}),
       "POST", "/agent", [], {"emailAddress": "a@x.com", "firstName": "A"}, {"agentId": 9, "teamId": 1},
       _is(Account, agent_id=9, team_id=1)),
    Op("5.10.2 accounts.update", lambda c: c.accounts.update({"teamMemberUserId": 9, "phone": "1"}),
       "PUT", "/agent", [], {"teamMemberUserId": 9, "phone": "1"}, {"agentId": 9, "phone": "1"},
       _is(Account, agent_id=9, phone="1")),
    # 5.11 Vendor
    Op("5.11.1 vendor.list", lambda c: c.vendor.list().collect(),
       "GET", "/vendor/list", [], None, [{"id": 1, "companyName": "Acme"}], _all(VendorInfo, company_name="Acme")),
    Op("5.11.2 vendor.token_info_by_old_api_key", lambda c: c.vendor.token_info_by_old_api_key(),
       "GET", "/vendor/oauth/token-info/byold", [], None, {"token": "t", "refreshToken": "r"},
       _is(OauthTokenInfo, token="t", refresh_token="r")),
    # 5.12 Webhooks
    Op("5.12.1 webhooks.create", lambda c: c.webhooks.create({"callbackUrl": "https://h/x", "listId": 2}),
       "POST", "/webhook", [], {"callbackUrl": "https://h/x", "listId": 2}, {"subscribeId": 8, "listId": 2},
       _is(Webhook, subscribe_id=8, list_id=2)),
    Op("5.12.2 webhooks.delete", lambda c: c.webhooks.delete(8),
       "DELETE", "/webhook/8", [], None, OK, _eq(OK)),
    Op("5.12.3 webhooks.list", lambda c: c.webhooks.list().collect(),
       "GET", "/webhooks", [], None, [{"subscribeId": 8, "callbackUrl": "https://h/x"}],
       _all(Webhook, subscribe_id=8)),
    # 5.13 Agent Organization
    Op("5.13.1 organization.get", lambda c: c.organization.get(),
       "GET", "/org", [], None, {"orgType": 2, "multiTeamInfo": {"multiTeamId": 4}},
       lambda r: _is(Organization, org_type=2)(r) and r.multi_team_info.multi_team_id == 4),
    Op("5.13.2 organization.update_company", lambda c: c.organization.update_company({"name": "Acme"}),
       "POST", "/org/company", [], {"name": "Acme"}, OK, _eq(OK)),
    Op("5.13.3 organization.update_office", lambda c: c.organization.update_office({"id": 3, "name": "North"}),
       "POST", "/org/office", [], {"id": 3, "name": "North"}, OK, _eq(OK)),
    Op("5.13.4 organization.add_office", lambda c: c.organization.add_office({"name": "South"}),
       "PUT", "/org/office", [], {"name": "South"}, OK, _eq(OK)),
    Op("5.13.5 organization.permission_profiles", lambda c: c.organization.permission_profiles(),
       "GET", "/org/permission/profiles", [], None, [{"id": 1, "name": "Admin"}],
       _all(PermissionProfile, name="Admin")),
    # 5.14 Broker
    Op("5.14.1 broker.create_team", lambda c: c.broker.create_team({"teamName": "T", "seatLimit": 5}),
       "POST", "/broker/team", [], {"teamName": "T", "seatLimit": 5}, OK, _eq(OK)),
    Op("5.14.2 broker.remove_team", lambda c: c.broker.remove_team(12),
       "DELETE", "/broker/team/12", [], None, OK, _eq(OK)),
    # 5.15 Listing
    Op("5.15.1 listings.published", lambda c: c.listings.published("LuxVT"),
       "GET", "/getPublishedListings", [("type", "LuxVT")], None, "<listings><l id='1'/></listings>",
       _eq("<listings><l id='1'/></listings>")),
    Op("5.15.2 listings.list",
       lambda c: c.listings.list(user_id=9, agent_listings=True, street="Main", limit=20).collect(),
       "GET", "/listing",
       [("agentListings", "true"), ("limit", "20"), ("street", "Main"), ("userId", "9")], None,
       {"listings": [{"listingId": "L1", "price": 10}], "nextPageKey": None},
       lambda r: _all(Listing, listing_id="L1")(r) and r[0].extra == {"price": 10}),
    Op("5.15.2 listings.list_sold", lambda c: c.listings.list_sold(sold_listing_id="S0").collect(),
       "GET", "/listing", [("soldListingId", "S0")], None,
       {"soldListings": [{"listingId": "S1"}], "soldNextPageKey": ""}, _all(Listing, listing_id="S1")),
    # 5.16 LogType
    Op("5.16.1 log_types.create", lambda c: c.log_types.create({"leadId": 5, "logType": "logCall"}),
       "POST", "/logType", [], {"leadId": 5, "logType": "logCall"}, 61, _eq(61)),
    Op("5.16.2 log_types.list", lambda c: c.log_types.list(lead_id=5, log_type="logText", limit=200).collect(),
       "GET", "/logType", [("leadId", "5"), ("limit", "200"), ("logType", "logText")], None,
       [{"id": 61, "isPin": False}], _all(LogType, id=61)),
    Op("5.16.3 log_types.get", lambda c: c.log_types.get(61),
       "GET", "/logType/61", [], None, {"logType": {"id": 61, "callingOutcome": "Talked"}},
       _is(LogType, id=61, calling_outcome="Talked")),
    Op("5.16.4 log_types.delete", lambda c: c.log_types.delete(61),
       "DELETE", "/logType/61", [], None, None, _eq(None)),
    # 5.17 Opportunity
    Op("5.17.1 opportunities.send_notification",
       lambda c: c.opportunities.send_notification({"leadId": 5, "message": "m", "notificationType": 1}),
       "POST", "/agent/send-notification", [], {"leadId": 5, "message": "m", "notificationType": 1}, OK, _eq(OK)),
    # 5.18 System Logs
    Op("5.18.1 system_logs.list",
       lambda c: c.system_logs.list(lead_id=5, start_time=dt.datetime(2024, 1, 1, tzinfo=UTC),
                                    end_time=1704153600000, page_size=50).collect(),
       "GET", "/systemLogs",
       [("endTime", "1704153600000"), ("leadId", "5"), ("pageNumber", "0"), ("pageSize", "50"),
        ("startTime", "1704067200000")], None,
       [{"id": 1, "timelineType": 3}], _all(SystemLog, id=1, timeline_type=3)),
]  # fmt: skip

REFERENCE_OPERATIONS = 80


def test_every_reference_operation_has_a_row() -> None:
    sections = {op.id.split()[0] for op in OPS}
    assert len(sections) == REFERENCE_OPERATIONS
    assert len({op.id for op in OPS}) == len(OPS)


def _register(mock_http: Any, op: Op) -> None:
    if isinstance(op.response, str) and op.response.startswith("<"):
        mock_http.add(re.compile(r".*"), method=op.method, body=op.response,
                      content_type="application/xml")  # fmt: skip
    elif op.response is None:
        mock_http.add(re.compile(r".*"), method=op.method, status=204, body="")
    else:
        mock_http.add(re.compile(r".*"), method=op.method, payload=op.response)


@pytest.mark.parametrize("op", OPS, ids=[op.id.replace(" ", "-") for op in OPS])
async def test_operation(mock_http: Any, op: Op) -> None:
    _register(mock_http, op)
    async with LoftyClient(API_KEY, vendor_key=VENDOR_KEY, max_retries=0) as client:
        result = op.call(client)
        if not isinstance(result, AsyncPager):
            result = await result
    assert op.expect(result), result

    assert len(mock_http.requests) == 1
    ((method, url), calls) = next(iter(mock_http.requests.items()))
    assert len(calls) == 1
    kwargs = calls[0].kwargs
    assert method == op.method
    assert url.raw_path == "/v1.0" + op.path
    # The query as sent: in the URL, or added by aiohttp from params= (the mock merges both).
    params = list(url.query.items())
    assert ("vendorKey", VENDOR_KEY) in params
    assert sorted(p for p in params if p[0] != "vendorKey") == sorted(op.query)
    headers = kwargs["headers"]
    assert headers["Authorization"] == f"token {API_KEY}"
    assert headers["Content-Type"] == "application/json"
    expected_accept = (
        "application/xml" if op.method == "GET" and "Published" in op.path else "application/json"
    )
    assert headers["Accept"] == expected_accept
    body = kwargs.get("data")
    assert (None if body is None else json.loads(body)) == op.body


async def test_raw_returns_vendor_dicts(mock_http: Any) -> None:
    mock_http.get(re.compile(r".*"), payload={"lead": {"leadId": 5, "x": 1}})
    mock_http.get(
        re.compile(r".*"), payload={"_metadata": {"total": 1}, "leads": [{"lead": {"leadId": 6}}]}
    )
    async with LoftyClient(API_KEY, vendor_key=VENDOR_KEY) as client:
        one: Any = await client.leads.get(5, raw=True)  # raw: the vendor's dicts
        listed: Any = await client.leads.list(raw=True).collect()
    assert one == {"leadId": 5, "x": 1}
    assert listed == [{"leadId": 6}]


async def test_model_round_trips_to_vendor_keys(mock_http: Any) -> None:
    payload = {"leadId": 5, "firstName": "A", "tags": [{"tagName": "vip", "odd": 1}], "newKey": [1]}
    mock_http.get(re.compile(r".*"), payload={"lead": payload})
    async with LoftyClient(API_KEY, vendor_key=VENDOR_KEY) as client:
        lead = await client.leads.get(5)
    assert lead.to_dict() == payload


@pytest.mark.parametrize(
    ("call", "body"),
    [
        (lambda c: c.leads.create(LeadRequest(first_name="A", lead_routing=True, tags=["x"])),
         {"firstName": "A", "leadRouting": True, "tags": ["x"]}),
        (lambda c: c.leads.update(5, EditLeadRequest(tags_add=["vip"])), {"tagsAdd": ["vip"]}),
        (lambda c: c.leads.assign(5, [LeadAssignment(assignee="a@b.c", role="Agent")]),
         [{"assiginee": "a@b.c", "role": "Agent"}]),
        (lambda c: c.notes.create(NoteRequest(lead_id=5, content="hi")), {"leadId": 5, "content": "hi"}),
        (lambda c: c.tasks.create(TaskRequest(lead_id=5, deadline=1, type="Call")),
         {"leadId": 5, "deadline": 1, "type": "Call"}),
        (lambda c: c.log_types.create(LogTypeRequest(lead_id=5, log_type="logCall")),
         {"leadId": 5, "logType": "logCall"}),
        (lambda c: c.webhooks.create(WebhookRequest(callback_url="https://h", list_id=2)),
         {"callbackUrl": "https://h", "listId": 2}),
    ],
    ids=["LeadRequest", "EditLeadRequest", "LeadAssignment", "NoteRequest", "TaskRequest",
         "LogTypeRequest", "WebhookRequest"],
)  # fmt: skip
async def test_request_models_as_bodies(
    mock_http: Any, call: Callable[[LoftyClient], Any], body: Any
) -> None:
    mock_http.add(re.compile(r".*"), method="POST", payload=OK)
    mock_http.add(re.compile(r".*"), method="PUT", payload=OK)
    async with LoftyClient(API_KEY, vendor_key=VENDOR_KEY) as client:
        await call(client)
    ((_, _), calls) = next(iter(mock_http.requests.items()))
    assert json.loads(calls[0].kwargs["data"]) == body
