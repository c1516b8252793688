"""Responses recorded by third parties, replayed through the Brokermint and Open To Close
adapters on a localhost server: no item lost, no documented field left untyped or
mistyped, ``to_dict()`` gives back exactly what was sent.

Brokermint bodies are the Ruby ``brokermint`` gem's test fixtures, served at the paths its
tests stub; Open To Close bodies are the ``open-to-close`` SDK's live-tested examples. See
``tests/fixtures/*/README.md`` for where each file comes from.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import AsyncPager, NotFoundError, PaginationError
from real_estate_async.models import Model
from real_estate_async.providers.brokermint import (
    Backup,
    BackupLink,
    BrokermintClient,
    Checklist,
    CommissionItem,
    Contact,
    DocumentUploadRequest,
    Participant,
    Report,
    ReportFilter,
    SsoToken,
    Task,
    Transaction,
    User,
)
from real_estate_async.providers.open_to_close import (
    Contact as OtcContact,
)
from real_estate_async.providers.open_to_close import (
    OpenToCloseClient,
    Property,
    PropertyContact,
    PropertyField,
)

FIXTURES = Path(__file__).parents[1] / "fixtures"
BM_KEY = "alohomora"
OTC_KEY = "otc-replay-token-0001"
UTC = dt.timezone.utc

#: Keys every reference calls dates: they must read as datetimes wherever they are set.
DATE_KEYS = frozenset(
    {
        "created_at",
        "updated_at",
        "submitted_at",
        "deadline",
        "commissions_finalized_at",
        "closed_at",
        "completed_at",
        "anniversary_date",
        "birthday",
        "license_expiration",
        "acceptance_date",
        "expiration_date",
        "closing_date",
        "listing_date",
    }
)


def load(vendor: str, name: str) -> Any:
    return json.loads((FIXTURES / vendor / f"{name}.json").read_text())


def assert_typed(model: Model, raw: dict[str, Any], where: str = "") -> None:
    """Every key of ``raw`` is a typed field that reads without error; dates are datetimes;
    nested models alike; and ``to_dict()`` is ``raw`` itself."""
    label = where or type(model).__name__
    assert model.extra == {}, f"{label}: untyped keys {sorted(model.extra)}"
    for f in attrs.fields(type(model)):
        if f.name == "extra":
            continue
        value = getattr(model, f.name)  # FieldValueError if mistyped
        if isinstance(value, Model):
            wire = f.metadata.get("wire") or f.name
            assert_typed(value, raw[wire], f"{label}.{f.name}")
        elif isinstance(value, list):
            wire = f.metadata.get("wire") or f.name
            for i, item in enumerate(value):
                if isinstance(item, Model):
                    assert_typed(item, raw[wire][i], f"{label}.{f.name}[{i}]")
    for key in DATE_KEYS & set(raw):
        if raw[key] is not None:
            value = next(
                getattr(model, f.name)
                for f in attrs.fields(type(model))
                if (f.metadata.get("wire") or f.name) == key
            )
            assert isinstance(value, dt.datetime) and value.tzinfo is not None, (label, key)
    assert model.to_dict() == raw, f"{label}: to_dict() differs from the vendor's body"


# ------------------------------------------------------------------------- Brokermint

#: (path the gem's tests stub, fixture)
BM_ROUTES = {
    "/transactions": "transactions_all",
    "/transactions/1234": "transactions_1234",
    "/transactions/1234/checklists": "transaction_checklists_all",
    "/transactions/1234/checklists/1234": "transaction_checklists_1234",
    "/transactions/1234/checklists/1234/tasks": "transaction_tasks_all",
    "/transactions/1234/checklists/1234/tasks/1234": "transaction_tasks_1234",
    "/transactions/1234/checklists/1234/tasks/5678": "transaction_tasks_5678",
    "/transactions/1234/checklists/1234/tasks/9012": "transaction_tasks_9012",
    "/transactions/1234/documents/1234": "transaction_documents_1234",
    "/transactions/1234/documents/5678": "transaction_documents_5678",
    "/transactions/1234/commissions": "transaction_commissions_all",
    "/transactions/1234/participants": "transaction_participants_all",
    "/transactions/1234/participants/contacts": "transaction_participants_contacts",
    "/transactions/1234/participants/users": "transaction_participants_users",
    "/transactions/1234/participants/contacts/1234": "transaction_participants_contact_1234",
    "/transactions/1234/participants/users/1234": "transaction_participants_user_1234",
    "/transactions/1234/backup": "transaction_backups_1234",
    "/backups": "transaction_backups_all",
    "/users": "users_all",
    "/users/1234": "users_1234",
    "/users/1234/sso_token": "users_sso_token",
    "/contacts": "contacts_all",
    "/contacts/1234": "contacts_1234",
    "/reports": "reports_all",
    "/reports/agents/filters": "reports_filters",
}

BmCall = Callable[[BrokermintClient], Awaitable[Any]]


def listed(make: Callable[[BrokermintClient], AsyncPager[Any]]) -> BmCall:
    async def run(bm: BrokermintClient) -> Any:
        return await make(bm).collect()

    return run


#: (operation, call, fixture it must reproduce, model of each item)
BM_CASES: list[tuple[str, BmCall, str, type[Model]]] = [
    ("transactions.list", listed(lambda bm: bm.transactions.list()), "transactions_all", Transaction),
    ("transactions.get", lambda bm: bm.transactions.get(1234), "transactions_1234", Transaction),
    ("checklists.list", listed(lambda bm: bm.checklists.list(1234)), "transaction_checklists_all", Checklist),
    ("checklists.get", lambda bm: bm.checklists.get(1234, 1234), "transaction_checklists_1234", Checklist),
    ("tasks.list", listed(lambda bm: bm.tasks.list(1234, 1234)), "transaction_tasks_all", Task),
    ("tasks.get 1234", lambda bm: bm.tasks.get(1234, 1234, 1234), "transaction_tasks_1234", Task),
    ("tasks.get 5678", lambda bm: bm.tasks.get(1234, 1234, 5678), "transaction_tasks_5678", Task),
    ("tasks.get 9012", lambda bm: bm.tasks.get(1234, 1234, 9012), "transaction_tasks_9012", Task),
    ("documents.get processing", lambda bm: bm.documents.get(1234, 1234), "transaction_documents_1234", DocumentUploadRequest),
    ("documents.get complete", lambda bm: bm.documents.get(1234, 5678), "transaction_documents_5678", DocumentUploadRequest),
    ("commissions.list", listed(lambda bm: bm.commissions.list(1234)), "transaction_commissions_all", CommissionItem),
    ("participants.list", listed(lambda bm: bm.participants.list(1234)), "transaction_participants_all", Participant),
    ("participants.list_contacts", listed(lambda bm: bm.participants.list_contacts(1234)), "transaction_participants_contacts", Participant),
    ("participants.list_users", listed(lambda bm: bm.participants.list_users(1234)), "transaction_participants_users", Participant),
    ("participants.get_contact", lambda bm: bm.participants.get_contact(1234, 1234), "transaction_participants_contact_1234", Participant),
    ("participants.get_user", lambda bm: bm.participants.get_user(1234, 1234), "transaction_participants_user_1234", Participant),
    ("backups.get", lambda bm: bm.backups.get(1234), "transaction_backups_1234", BackupLink),
    ("backups.list", listed(lambda bm: bm.backups.list()), "transaction_backups_all", Backup),
    ("users.list", listed(lambda bm: bm.users.list()), "users_all", User),
    ("users.get", lambda bm: bm.users.get(1234), "users_1234", User),
    ("users.sso_token", lambda bm: bm.users.sso_token(1234), "users_sso_token", SsoToken),
    ("contacts.list", listed(lambda bm: bm.contacts.list()), "contacts_all", Contact),
    ("contacts.get", lambda bm: bm.contacts.get(1234), "contacts_1234", Contact),
    ("reports.list", listed(lambda bm: bm.reports.list()), "reports_all", Report),
    ("reports.filters", listed(lambda bm: bm.reports.filters("agents")), "reports_filters", ReportFilter),
]  # fmt: skip


def bm_app(seen: list[tuple[str, dict[str, str]]]) -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        path = request.path.removeprefix("/api/v1")
        query = dict(request.query)
        if query.pop("api_key", None) != BM_KEY:
            return web.json_response({"error": "Wrong API key", "status": 401}, status=401)
        seen.append((path, query))
        name = BM_ROUTES.get(path)
        if name is None:
            return web.json_response({"error": f"{path} not found", "status": 404}, status=404)
        return web.json_response(load("brokermint", name))

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    return app


@pytest.mark.parametrize(("name", "call", "fixture", "cls"), BM_CASES, ids=[c[0] for c in BM_CASES])
async def test_brokermint_gem_fixtures_replay(
    serve: ServerFactory, name: str, call: BmCall, fixture: str, cls: type[Model]
) -> None:
    seen: list[tuple[str, dict[str, str]]] = []
    base = await serve(bm_app(seen))
    async with BrokermintClient(BM_KEY, base_url=base + "/api/v1") as bm:
        result = await call(bm)
    body = load("brokermint", fixture)
    items, raws = (result, body) if isinstance(body, list) else ([result], [body])
    assert len(items) == len(raws)  # no item lost
    for item, raw in zip(items, raws, strict=True):
        assert isinstance(item, cls)
        assert_typed(item, raw, name)
    assert all(path in BM_ROUTES for path, _ in seen)  # only the gem's own paths were asked


async def test_brokermint_documented_fields_read_as_the_gem_reads_them(
    serve: ServerFactory,
) -> None:
    base = await serve(bm_app([]))
    async with BrokermintClient(BM_KEY, base_url=base + "/api/v1") as bm:
        task = await bm.tasks.get(1234, 1234, 9012)
        done = await bm.documents.get(1234, 5678)
        user = await bm.users.get(1234)
        tx = (await bm.transactions.list().collect())[0]
        tasks = await bm.tasks.list(1234, 1234).collect()
    assert task.submitted_at == dt.datetime(2014, 4, 4, 8, 16, 30, 310000, tzinfo=UTC)
    assert task.created_at == dt.datetime(2013, 12, 27, 6, 50, 44, 996000, tzinfo=UTC)
    assert task.document_id == 1234
    assert tasks[0].comments is not None and tasks[0].comments[0].author == "John Pushdo"
    assert tasks[0].comments[0].created_at == dt.datetime(2014, 1, 13, 0, 3, 15, 834000, tzinfo=UTC)
    # A fetched document answers ``url``; ``path`` is only what a create request sends.
    assert done.url == "https://www.toyota.com/content/ebrochure/2020/sienna_ebrochure.pdf"
    assert done.path is None and done.upload_status == "complete"
    assert tx.custom_id == "TR-2019-640224" and tx.commissions_finalized_at is None
    assert user.license_number is None and "license_#" in user.to_dict()
    assert user.avatar_url == "/assets/no-logo.png"


async def test_transactions_list_full_info_is_sent_as_the_gem_sends_it(
    serve: ServerFactory,
) -> None:
    seen: list[tuple[str, dict[str, str]]] = []
    base = await serve(bm_app(seen))
    async with BrokermintClient(BM_KEY, base_url=base + "/api/v1") as bm:
        rows = await bm.transactions.list(full_info=True, statuses=["listing"]).collect()
        await bm.transactions.list().collect()
    assert [r.id for r in rows] == [t["id"] for t in load("brokermint", "transactions_all")]
    assert seen[0][0] == "/transactions" and seen[0][1]["full_info"] == "1"
    assert "full_info" not in seen[1][1]


async def test_commissions_fall_back_to_the_reference_path_once_and_remember_it(
    serve: ServerFactory,
) -> None:
    """An account that only answers the singular path the Brokermint API reference prints:
    one 404 on the plural path, then that client (and its copies) go straight there."""
    seen: list[str] = []
    body = load("brokermint", "transaction_commissions_all")

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.path)
        if request.path == "/api/v1/transaction/1234/commissions":
            return web.json_response(body)
        return web.json_response({"error": "Not found", "status": 404}, status=404)

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    base = await serve(app)
    async with BrokermintClient(BM_KEY, base_url=base + "/api/v1") as bm:
        first = await bm.commissions.list(1234).collect()
        again = await bm.commissions.list(1234).collect()
        copy = await bm.with_options(timeout=5).commissions.list(1234).collect()
    assert len(first) == len(again) == len(copy) == len(body)
    assert seen == [
        "/api/v1/transactions/1234/commissions",
        "/api/v1/transaction/1234/commissions",
        "/api/v1/transaction/1234/commissions",
        "/api/v1/transaction/1234/commissions",
    ]


async def test_commissions_of_a_missing_transaction_raise_the_first_404(
    serve: ServerFactory,
) -> None:
    seen: list[str] = []
    base = await serve(bm_app([]))

    async def handle(request: web.Request) -> web.Response:
        seen.append(request.path)
        return web.json_response({"error": "transaction 1 not found", "status": 404}, status=404)

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    base = await serve(app)
    async with BrokermintClient(BM_KEY, base_url=base + "/api/v1") as bm:
        with pytest.raises(NotFoundError):
            await bm.commissions.list(1).collect()
        assert bm._paths == {}  # nothing answered, nothing remembered
    assert seen == ["/api/v1/transactions/1/commissions", "/api/v1/transaction/1/commissions"]


# ---------------------------------------------------------------------- Open To Close

OTC_ROUTES = {
    "/v1/properties/997625": "properties_997625",
    "/v1/contacts/6011149": "contacts_6011149",
    "/v1/properties/997625/contacts/7484664": "property_contacts_7484664",
    "/v1/properties/997625/contacts": "property_contacts_7484664",
    "/v1/propertyFields": "property_fields",
}


def otc_app() -> web.Application:
    async def handle(request: web.Request) -> web.Response:
        if request.query.get("api_token") != OTC_KEY:
            return web.json_response({"message": "Unauthenticated."}, status=401)
        name = OTC_ROUTES.get(request.path)
        if name is None:
            return web.json_response({"message": "Not found."}, status=404)
        body = load("open_to_close", name)
        if request.path.endswith("/contacts"):
            body = [body]
        return web.json_response(body)

    app = web.Application()
    app.router.add_get("/{tail:.*}", handle)
    return app


async def test_open_to_close_sdk_examples_replay(serve: ServerFactory) -> None:
    base = await serve(otc_app())
    async with OpenToCloseClient(OTC_KEY, base_url=base + "/v1") as otc:
        prop = await otc.properties.get(997625)
        contact = await otc.contacts.get(6011149)
        link = await otc.property_contacts.get(997625, 7484664)
        links = await otc.property_contacts.list(997625).collect()
    assert isinstance(prop, Property) and isinstance(contact, OtcContact)
    assert_typed(prop, load("open_to_close", "properties_997625"))
    assert_typed(contact, load("open_to_close", "contacts_6011149"))
    raw_link = load("open_to_close", "property_contacts_7484664")
    assert isinstance(link, PropertyContact)
    assert_typed(link, raw_link)
    assert len(links) == 1 and links[0].to_dict() == raw_link

    # epoch seconds, not a string; given back as the vendor's number
    assert prop.created == dt.datetime(2025, 6, 4, 12, 18, 7, tzinfo=UTC)
    assert prop.to_dict()["created"] == 1749039487
    assert contact.created is not None
    assert contact.created.datetime == dt.datetime(2025, 6, 4, 1, 18, 7, 797121, tzinfo=UTC)
    # the link: contact, property, roles, created
    assert link.contact is not None and link.contact.email == "john.smith@email.com"
    assert link.linked_contact_id == 6011149 and link.property_id == 997625
    assert link.roles == [] and link.priority == ""
    assert link.created is not None
    assert link.created.datetime == dt.datetime(2025, 6, 4, 1, 18, 8, 767548, tzinfo=UTC)


async def test_open_to_close_property_fields_flatten_groups_and_sections(
    serve: ServerFactory,
) -> None:
    base = await serve(otc_app())
    async with OpenToCloseClient(OTC_KEY, base_url=base + "/v1") as otc:
        fields = await otc.property_fields.list().collect()
        as_sent = await otc.property_fields.list_property_fields()
    body = load("open_to_close", "property_fields")
    expected = [
        (f["id"], f["key"], g["group"]["title"], s["section"]["title"])
        for g in body
        for s in g["group"]["sections"]
        for f in s["section"]["fields"]
    ]
    assert len(expected) == 4  # every field of every section, none lost
    assert all(isinstance(f, PropertyField) for f in fields)
    assert [(f.id, f.key, f.group_title, f.section_title) for f in fields] == expected
    assert fields[1].options == {"buyer": 797212, "seller": 797213, "dual": 797214}
    assert all(f.extra == {} for f in fields)
    assert as_sent == body  # the sync SDK's name returns the answer as sent


@pytest.mark.parametrize(
    "body",
    [
        {"groups": []},
        [{"group": {"title": "x", "sections": {"section": {}}}}],
        [{"group": {"sections": [{"fields": []}]}}],
        [{"title": "neither a group nor a field"}],
    ],
    ids=["object", "sections-not-a-list", "section-unwrapped", "unknown-entry"],
)
async def test_open_to_close_property_fields_unknown_shape_raises(
    serve: ServerFactory, body: Any
) -> None:
    async def handle(request: web.Request) -> web.Response:
        return web.json_response(body)

    app = web.Application()
    app.router.add_get("/v1/propertyFields", handle)
    base = await serve(app)
    async with OpenToCloseClient(OTC_KEY, base_url=base + "/v1") as otc:
        with pytest.raises(PaginationError):
            await otc.property_fields.list().collect()


def test_open_to_close_epoch_seconds_are_lossless_when_set_in_python() -> None:
    moment = dt.datetime(2025, 6, 4, 12, 18, 7, tzinfo=UTC)
    assert Property(created=moment).to_dict() == {"created": 1749039487}
    built = Property.from_dict({"id": 1, "created": "1749039487"})
    assert built.created == moment
    assert built.to_dict() == {"id": 1, "created": "1749039487"}  # the vendor's own value
