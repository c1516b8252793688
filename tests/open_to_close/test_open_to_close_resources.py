"""Every Open To Close operation: request shape (method, path, query, body) and decoding,
and the sync SDK's names returning the same data as the uniform verbs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import AsyncPager
from real_estate_async.providers.open_to_close import (
    Agent,
    Contact,
    OpenToCloseClient,
    Property,
    PropertyContact,
    PropertyDocument,
    PropertyEmail,
    PropertyField,
    PropertyNote,
    PropertyTask,
    Tag,
    Team,
    User,
)

KEY = "otc-secret-key-123456"


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    body: Any


class FakeOpenToClose:
    """A tiny Open To Close: lists of two items (bare array or {"data": [...]}), echoing
    creates/updates, 204 on delete; records every request."""

    def __init__(self, wrap: bool = False) -> None:
        self.wrap = wrap
        self.calls: list[Seen] = []

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/v1/{tail:.*}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        text = await request.text()
        body = json.loads(text) if text else None
        path = request.path[len("/v1") :]
        query = {k: v for k, v in request.query.items() if k != "api_token"}
        assert request.query.get("api_token") == KEY
        self.calls.append(Seen(request.method, path, query, body))
        last = path.rsplit("/", 1)[-1]
        is_item = last.isdigit() and not path.endswith(("/contacts", "/documents"))
        if request.method == "DELETE":
            return web.Response(status=204)
        if request.method == "GET" and not is_item:
            items = [{"id": 1, "name": "one", "x_custom": "kept"}, {"id": 2, "name": "two"}]
            return web.json_response({"data": items} if self.wrap else items)
        if request.method == "GET":
            item = {"id": int(last), "name": "item", "x_custom": "kept"}
            return web.json_response({"data": item} if self.wrap else item)
        ident = int(last) if is_item else 99
        return web.json_response({"id": ident, **(body or {})}, status=201)


@dataclass(frozen=True)
class Spec:
    attr: str
    model: type[Any]  # a model class (Any: the tests read its fields)
    collection: str  # with {pid} for property sub-resources
    singular: str  # sync SDK name stem: list_<plural>, create_<singular> ...
    plural: str
    data_arg: str
    nested: bool


SPECS = [
    Spec("agents", Agent, "/agents", "agent", "agents", "agent_data", False),
    Spec("contacts", Contact, "/contacts", "contact", "contacts", "contact_data", False),
    Spec("properties", Property, "/properties", "property", "properties", "property_data", False),
    Spec("teams", Team, "/teams", "team", "teams", "team_data", False),
    Spec("tags", Tag, "/tags", "tag", "tags", "tag_data", False),
    Spec("users", User, "/users", "user", "users", "user_data", False),
    Spec(
        "property_contacts",
        PropertyContact,
        "/properties/{pid}/contacts",
        "property_contact",
        "property_contacts",
        "contact_data",
        True,
    ),
    Spec(
        "property_documents",
        PropertyDocument,
        "/properties/{pid}/documents",
        "property_document",
        "property_documents",
        "document_data",
        True,
    ),
    Spec(
        "property_emails",
        PropertyEmail,
        "/properties/{pid}/emails",
        "property_email",
        "property_emails",
        "email_data",
        True,
    ),
    Spec(
        "property_notes",
        PropertyNote,
        "/properties/{pid}/notes",
        "property_note",
        "property_notes",
        "note_data",
        True,
    ),
    Spec(
        "property_tasks",
        PropertyTask,
        "/properties/{pid}/tasks",
        "property_task",
        "property_tasks",
        "task_data",
        True,
    ),
]
IDS = [s.attr for s in SPECS]
PID = 123


def _parent(spec: Spec) -> tuple[int, ...]:
    return (PID,) if spec.nested else ()


def _coll(spec: Spec) -> str:
    return spec.collection.format(pid=PID)


@pytest.fixture(params=[False, True], ids=["bare-array", "data-wrapped"])
async def fake(request: pytest.FixtureRequest, serve: ServerFactory) -> Any:
    server = FakeOpenToClose(wrap=request.param)
    base = await serve(server.app())
    async with OpenToCloseClient(KEY, base_url=f"{base}/v1") as client:
        yield server, client


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
async def test_list_uniform_and_sync_name(fake: Any, spec: Spec) -> None:
    server, client = fake
    resource = getattr(client, spec.attr)
    pager = resource.list(*_parent(spec), status="Active")
    assert isinstance(pager, AsyncPager)
    models = await pager.collect()
    assert [type(m) for m in models] == [spec.model, spec.model]
    assert [m.id for m in models] == [1, 2]
    assert models[0].extra["x_custom"] == "kept"
    assert server.calls[-1] == Seen(
        "GET", _coll(spec), {"status": "Active", "offset": "0", "limit": "100"}, None
    )

    via_sync_name = await getattr(resource, f"list_{spec.plural}")(
        *_parent(spec), {"status": "Active"}
    )
    raw = await resource.list(*_parent(spec), status="Active", raw=True).collect()
    # the sync SDK name returns exactly what the uniform verb returns (as dicts)
    assert via_sync_name == raw == [m.to_dict() for m in models]
    assert via_sync_name[0] == {"id": 1, "name": "one", "x_custom": "kept"}
    assert server.calls[-2].query == {"status": "Active", "offset": "0", "limit": "100"}


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
async def test_sync_name_with_explicit_page_sends_exactly_that(fake: Any, spec: Spec) -> None:
    server, client = fake
    resource = getattr(client, spec.attr)
    result = await getattr(resource, f"list_{spec.plural}")(
        *_parent(spec), {"limit": 2, "offset": 40, "sort": "name"}
    )
    assert [r["id"] for r in result] == [1, 2]
    assert len(server.calls) == 1  # one page, as the sync SDK sent
    assert server.calls[0].query == {"limit": "2", "offset": "40", "sort": "name"}


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
async def test_get_and_retrieve(fake: Any, spec: Spec) -> None:
    server, client = fake
    resource = getattr(client, spec.attr)
    model = await resource.get(*_parent(spec), 456)
    assert isinstance(model, spec.model) and model.id == 456
    via_sync_name = await getattr(resource, f"retrieve_{spec.singular}")(*_parent(spec), 456)
    assert via_sync_name == model.to_dict() == {"id": 456, "name": "item", "x_custom": "kept"}
    assert await resource.get(*_parent(spec), 456, raw=True) == via_sync_name
    assert [(c.method, c.path, c.body) for c in server.calls] == [
        ("GET", f"{_coll(spec)}/456", None)
    ] * 3


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
async def test_create(fake: Any, spec: Spec) -> None:
    server, client = fake
    resource = getattr(client, spec.attr)
    data = {"name": "New", "contact_id": 456, "primary": True}
    model = await resource.create(*_parent(spec), data)
    assert isinstance(model, spec.model) and model.id == 99
    via_sync_name = await getattr(resource, f"create_{spec.singular}")(*_parent(spec), data)
    assert via_sync_name == {"id": 99, **data} == model.to_dict()
    # keyword names of the sync SDK work too
    kwargs: dict[str, Any] = {spec.data_arg: data}
    if spec.nested:
        kwargs["property_id"] = PID
    assert await getattr(resource, f"create_{spec.singular}")(**kwargs) == via_sync_name
    assert [(c.method, c.path, c.body) for c in server.calls] == [("POST", _coll(spec), data)] * 3


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
async def test_update(fake: Any, spec: Spec) -> None:
    server, client = fake
    resource = getattr(client, spec.attr)
    data = {"status": "Inactive"}
    model = await resource.update(*_parent(spec), 456, data)
    assert isinstance(model, spec.model) and model.id == 456
    via_sync_name = await getattr(resource, f"update_{spec.singular}")(*_parent(spec), 456, data)
    assert via_sync_name == {"id": 456, "status": "Inactive"} == model.to_dict()
    assert [(c.method, c.path, c.body) for c in server.calls] == [
        ("PUT", f"{_coll(spec)}/456", data)
    ] * 2


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
async def test_delete(fake: Any, spec: Spec) -> None:
    server, client = fake
    resource = getattr(client, spec.attr)
    assert await resource.delete(*_parent(spec), 456) == {}
    assert await getattr(resource, f"delete_{spec.singular}")(*_parent(spec), 456) == {}
    assert [(c.method, c.path) for c in server.calls] == [("DELETE", f"{_coll(spec)}/456")] * 2


async def test_update_accepts_a_model(fake: Any) -> None:
    server, client = fake
    agent = Agent.from_dict({"id": 3, "name": "Old", "extra_key": 1})
    agent.name = "New"
    updated = await client.agents.update(3, agent)
    assert server.calls[-1].body == {"id": 3, "name": "New", "extra_key": 1}
    assert updated.name == "New"


async def test_delete_confirmation_body_is_returned(serve: ServerFactory) -> None:
    async def handle(request: web.Request) -> web.Response:
        return web.json_response({"success": True, "message": "Agent deleted"})

    app = web.Application()
    app.router.add_delete("/agents/5", handle)
    base = await serve(app)
    async with OpenToCloseClient(KEY, base_url=base) as client:
        assert await client.agents.delete_agent(5) == {"success": True, "message": "Agent deleted"}
        assert await client.agents.delete(5) == {"success": True, "message": "Agent deleted"}


async def test_property_fields(fake: Any) -> None:
    server, client = fake
    fields = await client.property_fields.list().collect()
    assert [type(f) for f in fields] == [PropertyField, PropertyField]
    assert await client.property_fields.list_property_fields() == [f.to_dict() for f in fields]
    one = await client.property_fields.get(7)
    assert isinstance(one, PropertyField) and one.id == 7
    assert await client.property_fields.retrieve_property_field(7) == one.to_dict()
    assert [(c.method, c.path, c.query) for c in server.calls] == [
        ("GET", "/propertyFields", {}),
        ("GET", "/propertyFields", {}),
        ("GET", "/propertyFields/7", {}),
        ("GET", "/propertyFields/7", {}),
    ]


async def test_property_contacts_quick_start(fake: Any) -> None:
    """The Property Contacts API documentation's quick start, with ``await`` added."""
    server, client = fake
    link = await client.property_contacts.create_property_contact(
        property_id=123, contact_data={"contact_id": 456, "role": "Buyer", "primary": True}
    )
    assert link["role"] == "Buyer"
    relationship = await client.property_contacts.retrieve_property_contact(
        property_id=123, contact_id=456
    )
    assert relationship["id"] == 456
    buyers = await client.property_contacts.list_property_contacts(
        property_id=123, params={"role": "Buyer"}
    )
    assert len(buyers) == 2
    await client.property_contacts.update_property_contact(
        property_id=123, contact_id=456, contact_data={"role": "Seller", "primary": False}
    )
    assert (
        await client.property_contacts.delete_property_contact(property_id=123, contact_id=456)
        == {}
    )
    assert [(c.method, c.path) for c in server.calls] == [
        ("POST", "/properties/123/contacts"),
        ("GET", "/properties/123/contacts/456"),
        ("GET", "/properties/123/contacts"),
        ("PUT", "/properties/123/contacts/456"),
        ("DELETE", "/properties/123/contacts/456"),
    ]
    typed = PropertyContact.from_dict(link)
    assert typed.contact_id == 456 and typed.primary is True
