"""Replay: Lofty's published OpenAPI document, not our own fakes, says what comes back.

For every Lofty list or get the adapter maps, a response body is built from the document's
response schema (wrapper keys included, two records per list), served from localhost, and
read through the adapter: no record may be lost, and every documented field must arrive
typed (an int64 as an int, never ``None`` or a string; a field without a model attribute
is kept as sent in ``extra``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import LoftyClient, Model
from real_estate_async.models import _fields_of
from real_estate_async.pagination import AsyncPager

#: Lofty's published OpenAPI document, committed beside the tests (see its README there).
SPEC_CANDIDATES = [Path(__file__).resolve().parents[1] / "fixtures" / "lofty" / "openapi.json"]


def _load_spec() -> dict[str, Any] | None:
    for path in SPEC_CANDIDATES:
        if path.is_file():
            loaded: dict[str, Any] = json.loads(path.read_text())
            return loaded
    return None


SPEC = _load_spec()
assert SPEC is not None, "tests/fixtures/lofty/openapi.json is missing"


@attrs.frozen
class Replay:
    method: str
    path: str  # as in the document
    call: Callable[[LoftyClient], Any]
    many: bool  # a list operation (else one record)


REPLAYS = [
    Replay("get", "/v1.0/leads", lambda c: c.leads.list(), True),
    Replay("get", "/v1.0/leads/{leadId}", lambda c: c.leads.get(1), False),
    Replay("get", "/v1.0/leads/{leadId}/activities", lambda c: c.leads.activities(1), True),
    Replay("get", "/v1.0/leads/{leadId}/transactions", lambda c: c.leads.transactions(1), True),
    Replay("get", "/v1.0/leads/{leadId}/transaction/{transactionId}",
           lambda c: c.leads.get_transaction(1, 2), False),
    Replay("get", "/v1.0/leads/{leadId}/transaction/{transactionId}/property/address",
           lambda c: c.leads.get_transaction_property_address(1, 2), False),
    Replay("post", "/v1.0/leads/assignee",
           lambda c: c.leads.find_assignees({"email": "a@b.c"}), True),
    Replay("get", "/v1.0/transaction/customfields",
           lambda c: c.leads.transaction_custom_fields(), True),
    Replay("get", "/v1.0/me", lambda c: c.members.me(), False),
    Replay("get", "/v1.0/members", lambda c: c.members.list(), True),
    Replay("get", "/v1.0/members/{account}", lambda c: c.members.get_by_account("a@b.c"), False),
    Replay("get", "/v1.0/users/{userId}", lambda c: c.members.get_user(1), False),
    Replay("get", "/v1.0/notes", lambda c: c.notes.list(lead_id=1), True),
    Replay("get", "/v1.0/notes/{noteId}", lambda c: c.notes.get(1), False),
    Replay("get", "/v1.0/tasks", lambda c: c.tasks.list(lead_id=1), True),
    Replay("get", "/v1.0/tasks/{taskId}", lambda c: c.tasks.get(1), False),
    Replay("get", "/v1.0/appts", lambda c: c.tasks.appointments(1), True),
    Replay("get", "/v1.0/calls", lambda c: c.calls.list(), True),
    Replay("get", "/v1.0/calls/{callId}", lambda c: c.calls.get(1), False),
    Replay("get", "/v1.0/communication/call", lambda c: c.communication.calls(), True),
    Replay("get", "/v1.0/communication/call/v2", lambda c: c.communication.calls_v2(), True),
    Replay("get", "/v1.0/communication/email", lambda c: c.communication.emails(), True),
    Replay("get", "/v1.0/communication/text", lambda c: c.communication.texts(), True),
    Replay("post", "/v1.0/agent/communication", lambda c: c.communication.by_agent(), True),
    Replay("get", "/v1.0/logType", lambda c: c.log_types.list(), True),
    Replay("get", "/v1.0/logType/{logTypeId}", lambda c: c.log_types.get(1), False),
    Replay("get", "/v1.0/systemLogs", lambda c: c.system_logs.list(lead_id=1), True),
    Replay("get", "/v1.0/routing/member/list/{type}", lambda c: c.lead_routing.members(1), True),
    Replay("get", "/v1.0/routing/role/list", lambda c: c.lead_routing.roles(), True),
    Replay("get", "/v1.0/routing/rule/list/{type}", lambda c: c.lead_routing.rules(1), True),
    Replay("get", "/v1.0/routing/rule/supplement/{type}",
           lambda c: c.lead_routing.default_rule(1), False),
    Replay("get", "/v1.0/team-features/lead-pond/{id}",
           lambda c: c.team_features.get_lead_pond(1), False),
    Replay("get", "/v1.0/team-features/lead-ponds", lambda c: c.team_features.lead_ponds(), True),
    Replay("get", "/v1.0/teamFeatures/listCustomField",
           lambda c: c.team_features.custom_fields(), True),
    Replay("get", "/v1.0/teamFeatures/listTag", lambda c: c.team_features.tags(), True),
    Replay("get", "/v1.0/vendor/list", lambda c: c.vendor.list(), True),
    Replay("get", "/v1.0/webhooks", lambda c: c.webhooks.list(), True),
    Replay("post", "/v1.0/webhook",
           lambda c: c.webhooks.create({"callbackUrl": "https://x.test", "listId": 1}), False),
    Replay("get", "/v1.0/org", lambda c: c.organization.get(), False),
    Replay("get", "/v1.0/org/permission/profiles",
           lambda c: c.organization.permission_profiles(), True),
]  # fmt: skip
# Not replayed: GET /v1.0/listing (the document gives ``listIng``/``soldListing`` as
# untyped objects, no record structure) and GET /v1.0/getPublishedListings (XML text).


# ------------------------------------------------------------------ bodies from schemas


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    assert SPEC is not None
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = SPEC["components"]["schemas"][name]
    if "allOf" in schema:
        merged: dict[str, Any] = {"type": "object", "properties": {}}
        for part in schema["allOf"]:
            merged["properties"].update(_resolve(part).get("properties", {}))
        return merged
    return schema


def _wire_key(name: str) -> str:
    """The document renders the reference's ``_metadata`` as ``get_metadata`` (a Java
    getter's name); real responses carry ``_metadata``."""
    return "_" + name[4:] if name.startswith("get_") else name


_MATCHES: dict[str, type | tuple[type, ...]] = {
    "integer": int, "number": (int, float), "boolean": bool, "string": str,
}  # fmt: skip


def _sample(schema: dict[str, Any], numbers: Iterator[int], depth: int = 0) -> Any:
    schema = _resolve(schema)
    kind = schema.get("type", "object" if "properties" in schema else None)
    if "enum" in schema:
        return schema["enum"][0]
    example = schema.get("example")
    if kind in ("number", "boolean") and isinstance(example, _MATCHES[kind]):
        return example
    if kind == "integer":
        return next(numbers)  # distinct and ascending: keyset pagers see ascending ids
    if kind == "number":
        return 12.5
    if kind == "boolean":
        return True
    if kind == "string":
        fmt = schema.get("format")
        if fmt == "date-time":
            return "2024-05-06T07:08:09Z"
        if fmt == "date":
            return "2024-05-06"
        return example if isinstance(example, str) else "text"
    if kind == "array":
        count = 2 if depth < 3 else 1
        return [_sample(schema.get("items", {}), numbers, depth + 1) for _ in range(count)]
    if depth > 4:
        return {}
    props = schema.get("properties", {})
    return {_wire_key(k): _sample(v, numbers, depth + 1) for k, v in props.items()}


def _operation(replay: Replay) -> dict[str, Any]:
    assert SPEC is not None
    op: dict[str, Any] = SPEC["paths"][replay.path][replay.method]
    return op


def _response_schema(replay: Replay) -> dict[str, Any]:
    content = _operation(replay)["responses"]["200"]["content"]
    return _resolve(next(iter(content.values()))["schema"])


def _records(replay: Replay, body: Any) -> tuple[list[Any], dict[str, Any]]:
    """The records in a document-shaped ``body`` and their (resolved) schema."""
    schema = _response_schema(replay)
    if schema.get("type") == "array":
        return list(body), _resolve(schema["items"])
    props = schema.get("properties", {})
    if replay.many:
        for key, sub in props.items():
            sub = _resolve(sub)
            if sub.get("type") == "array":
                return list(body[_wire_key(key)]), _resolve(sub.get("items", {}))
        raise AssertionError(f"{replay.path}: no array in the documented response")
    wrappers = [k for k, v in props.items() if "$ref" in v and len(props) == 1]
    if wrappers:  # {"calls": {...}}, {"task": {...}}: the document wraps the one record
        return [body[wrappers[0]]], _resolve(props[wrappers[0]])
    return [body], schema


def _finished(body: Any) -> Any:
    """The body as the listing's only page: totals match, no cursor asks for more."""
    if isinstance(body, dict):
        if isinstance(body.get("_metadata"), dict):
            records = [v for v in body.values() if isinstance(v, list)]
            body["_metadata"]["total"] = len(records[0]) if records else 0
            body["_metadata"].pop("scrollId", None)
        if "hasMore" in body:
            body["hasMore"] = 0 if isinstance(body["hasMore"], int) else False
        body.pop("nextPageKey", None)
    return body


# ------------------------------------------------------------------ typed-field checks


def _typed(kind: str | None, value: Any, sent: Any) -> bool:
    if value is None:
        return False
    if kind == "string" and isinstance(sent, str) and sent.isdigit():
        return type(value) is int or value == sent  # a digit-string id read as an int
    if kind == "integer":
        return (type(value) is int) or isinstance(value, dt.datetime)
    if kind == "number":
        return isinstance(value, (int, float, decimal.Decimal)) and type(value) is not bool
    if kind == "boolean":
        return type(value) is bool
    if kind == "string":
        return isinstance(value, (str, dt.datetime, dt.date))
    if kind == "array":
        return isinstance(value, list)
    return isinstance(value, (Model, dict))


def _problems(record: Any, sent: dict[str, Any], schema: dict[str, Any]) -> list[str]:
    assert isinstance(record, Model), f"expected a model, got {type(record).__name__}"
    attrs_by_wire = {wire: name for name, wire, _ in _fields_of(type(record))}
    out = []
    for key, sub in schema.get("properties", {}).items():
        key = _wire_key(key)
        kind = _resolve(sub).get("type", "object")
        if key in attrs_by_wire:
            value = getattr(record, attrs_by_wire[key])
            if not _typed(kind, value, sent[key]):
                out.append(f"{key}: documented {kind}, got {value!r}")
        elif record.extra.get(key) != sent[key]:
            out.append(f"{key}: lost (no field, not in extra)")
    return out


@pytest.mark.parametrize("replay", REPLAYS, ids=[f"{r.method.upper()} {r.path}" for r in REPLAYS])
async def test_document_shaped_responses_lose_nothing_and_stay_typed(
    serve: ServerFactory, replay: Replay
) -> None:
    body = _finished(_sample(_response_schema(replay), itertools.count(101)))
    served = json.loads(json.dumps(body))
    seen: list[str] = []

    async def handler(request: web.Request) -> web.StreamResponse:
        seen.append(request.path)
        return web.json_response(served)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    base = await serve(app)
    async with LoftyClient("k", base_url=base) as client:
        result = replay.call(client)
        got = await (result.collect() if isinstance(result, AsyncPager) else result)
    records, schema = _records(replay, body)
    got = got if replay.many else [got]
    assert len(got) == len(records) and len(records) >= 1, f"records lost: {got!r}"
    if schema.get("type", "object") != "object" or not schema.get("properties"):
        return  # untyped records (PageResult.pageData is a list of bare objects)
    problems = [p for g, r in zip(got, records, strict=True) for p in _problems(g, r, schema)]
    assert not problems, problems
