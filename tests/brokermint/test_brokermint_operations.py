"""Request shape and decoding of every Brokermint operation (aioresponses).

One row per operation: the call, the HTTP method, the path under the base URL, the query
(without ``api_key``), the JSON body, the canned response and what the call must return.
Reference rows come from the Brokermint API v1 reference; ``wider`` rows from the vendor's wider
API as covered by the sync ``brokermint`` 0.0.4 client.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import FormData
from conftest import ServerFactory

from real_estate_async import AsyncPager
from real_estate_async.providers.brokermint import (
    Backup,
    BackupLink,
    BrokermintClient,
    Checklist,
    CommissionItem,
    CommissionPlan,
    Contact,
    DocumentUploadRequest,
    Note,
    Offer,
    OfferAttachment,
    Participant,
    Report,
    ReportFilter,
    SsoToken,
    Task,
    Transaction,
    User,
)

BASE = "https://my.brokermint.com/api/v1"
KEY = "bm-secret-key-0042"
UTC = dt.timezone.utc
MS_2015_04_06 = 1428278400000

Call = Callable[[BrokermintClient], Awaitable[Any]]


def pager(make: Callable[[BrokermintClient], AsyncPager[Any]]) -> Call:
    async def run(bm: BrokermintClient) -> Any:
        p = make(bm)
        assert isinstance(p, AsyncPager)  # returned at once, no await
        return await p.collect()

    return run


TX = {"id": 12345, "address": "11332 Demo St", "status": "listing", "created_at": MS_2015_04_06}
CONTACT = {"id": 870, "first_name": "Andrew", "created_at": MS_2015_04_06, "external_id": "F4501"}
USER = {"id": 222, "first_name": "MARTY", "birthday": 261538320000, "anniversary_date": None}
PART = {"id": 342, "type": "User", "role": "Agent", "owner": True}
COMM = {
    "id": 48037,
    "item_type": "award_distribution",
    "tiers": [
        {"id": 20340, "commission_item_id": 48037, "low_limit": 0, "value": 100, "uom": "% of tgc"}
    ],
    "pay_to": {"name": ""},
    "tags": ["1099"],
}
BACKUP = {"id": 3415, "completed_at": 1429147920000, "file_name": "a.zip", "link": "https://s3/x"}

# name, in the v1 reference?, call, method, path, query, body, response, check
ROWS: list[tuple[str, bool, Call, str, str, dict[str, str], Any, Any, Callable[[Any], bool]]] = [
    # ---------------------------------------------------------------- transactions
    (
        "transactions.list",
        True,
        pager(
            lambda bm: bm.transactions.list(
                created_since="2015-04-06",
                updated_since=dt.date(2015, 4, 6),
                closed_since=dt.datetime(2015, 4, 6, tzinfo=UTC),
                owned_by=("User", 230),
            )
        ),
        "GET",
        "/transactions",
        {
            "count": "1000",
            "created_since": "2015-04-06",  # dates go out as given (v1 reference)
            "updated_since": "2015-04-06",
            "closed_since": str(MS_2015_04_06),
            "owned_by": "User-230",
        },
        None,
        [TX, {"id": 876, "status": "pending"}],
        lambda r: [t.id for t in r] == [12345, 876] and isinstance(r[0], Transaction),
    ),
    (
        "transactions.list (wider filters)",
        False,
        pager(
            lambda bm: bm.transactions.list(
                statuses=["listing", "pending"], external_ids=["SF1", "SF2"], owned_by="Contact-9"
            )
        ),
        "GET",
        "/transactions",
        {
            "count": "1000",
            "statuses": "listing,pending",
            "external_ids": "SF1,SF2",
            "owned_by": "Contact-9",
        },
        None,
        [],
        lambda r: r == [],
    ),
    (
        "transactions.get",
        True,
        lambda bm: bm.transactions.get(12345),
        "GET",
        "/transactions/12345",
        {},
        None,
        TX,
        lambda t: (
            t.created_at == dt.datetime(2015, 4, 6, tzinfo=UTC) and t.address == "11332 Demo St"
        ),
    ),
    (
        "transactions.create",
        True,
        lambda bm: bm.transactions.create(
            {
                "address": "1 Main",
                "price": 415000,
                "closing_date": dt.datetime(2015, 4, 6, tzinfo=UTC),
            }
        ),
        "POST",
        "/transactions",
        {},
        {"address": "1 Main", "price": 415000, "closing_date": MS_2015_04_06},
        {"id": 1, "address": "1 Main", "closing_date": MS_2015_04_06},
        lambda t: t.id == 1 and t.closing_date == dt.datetime(2015, 4, 6, tzinfo=UTC),
    ),
    (
        "transactions.update",
        True,
        lambda bm: bm.transactions.update(12345, {"status": "pending"}),
        "PUT",
        "/transactions/12345",
        {},
        {"status": "pending"},
        {**TX, "status": "pending"},
        lambda t: t.status == "pending",
    ),
    (
        "transactions.delete",
        True,
        lambda bm: bm.transactions.delete(12345),
        "DELETE",
        "/transactions/12345",
        {},
        None,
        None,
        lambda r: r is None,
    ),
    # --------------------------------------------------------------------- contacts
    (
        "contacts.list",
        True,
        pager(
            lambda bm: bm.contacts.list(
                created_since="2015-04-06",
                updated_since=dt.date(2015, 4, 6),
                full_info=True,
                external_ids=["F4501", "F4502"],
            )
        ),
        "GET",
        "/contacts",
        {
            "count": "1000",
            "created_since": "2015-04-06",
            "updated_since": "2015-04-06",
            "full_info": "1",
            "external_ids": "F4501,F4502",
        },
        None,
        [CONTACT],
        lambda r: isinstance(r[0], Contact) and r[0].external_id == "F4501",
    ),
    (
        "contacts.get",
        True,
        lambda bm: bm.contacts.get(870),
        "GET",
        "/contacts/870",
        {},
        None,
        {**CONTACT, "private": True, "comments": [], "brand_new_field": 7},
        lambda c: c.private is True and c.extra == {"brand_new_field": 7},
    ),
    (
        "contacts.create",
        True,
        lambda bm: bm.contacts.create(Contact(first_name="Andrew", email="a@b.c")),
        "POST",
        "/contacts",
        {},
        {"first_name": "Andrew", "email": "a@b.c"},
        CONTACT,
        lambda c: c.id == 870,
    ),
    (
        "contacts.update",
        True,
        lambda bm: bm.contacts.update(870, {"email": "x@y.z"}),
        "PUT",
        "/contacts/870",
        {},
        {"email": "x@y.z"},
        CONTACT,
        lambda c: isinstance(c, Contact),
    ),
    (
        "contacts.delete",
        True,
        lambda bm: bm.contacts.delete(870),
        "DELETE",
        "/contacts/870",
        {},
        None,
        {"status": "ok"},
        lambda r: r == {"status": "ok"},
    ),
    # ----------------------------------------------------------------- participants
    (
        "participants.list",
        True,
        pager(lambda bm: bm.participants.list(85)),
        "GET",
        "/transactions/85/participants",
        {},
        None,
        [PART, {"id": 342, "type": "Contact", "role": "Buyer", "owner": False}],
        lambda r: [(p.type, p.role) for p in r] == [("User", "Agent"), ("Contact", "Buyer")],
    ),
    (
        "participants.get_contact",
        True,
        lambda bm: bm.participants.get_contact(85, 342),
        "GET",
        "/transactions/85/participants/contacts/342",
        {},
        None,
        {**PART, "type": "Contact"},
        lambda p: isinstance(p, Participant) and p.type == "Contact",
    ),
    (
        "participants.get_user",
        True,
        lambda bm: bm.participants.get_user(85, 342, full_info=True),
        "GET",
        "/transactions/85/participants/users/342",
        {"full_info": "1"},
        None,
        PART,
        lambda p: p.owner is True,
    ),
    (
        "participants.create_contact",
        True,
        lambda bm: bm.participants.create_contact(85, {"id": 342, "role": "Buyer"}),
        "POST",
        "/transactions/85/participants/contacts",
        {},
        {"id": 342, "role": "Buyer"},
        {**PART, "type": "Contact", "role": "Buyer"},
        lambda p: p.role == "Buyer",
    ),
    (
        "participants.create_user",
        True,
        lambda bm: bm.participants.create_user(85, {"id": 342, "role": "Agent", "owner": True}),
        "POST",
        "/transactions/85/participants/users",
        {},
        {"id": 342, "role": "Agent", "owner": True},
        PART,
        lambda p: p.role == "Agent",
    ),
    (
        "participants.update_contact",
        True,
        lambda bm: bm.participants.update_contact(85, 342, {"role": "Seller"}),
        "PUT",
        "/transactions/85/participants/contacts/342",
        {},
        {"role": "Seller", "id": 342},
        {**PART, "role": "Seller"},
        lambda p: p.role == "Seller",
    ),
    (
        "participants.update_user",
        True,
        lambda bm: bm.participants.update_user(85, 342, {"owner": True}),
        "PUT",
        "/transactions/85/participants/users/342",
        {},
        {"owner": True, "id": 342},
        PART,
        lambda p: p.owner is True,
    ),
    (
        "participants.delete_contact",
        True,
        lambda bm: bm.participants.delete_contact(85, 342),
        "DELETE",
        "/transactions/85/participants/contacts/342",
        {},
        None,
        None,
        lambda r: r is None,
    ),
    (
        "participants.delete_user",
        True,
        lambda bm: bm.participants.delete_user(85, 342),
        "DELETE",
        "/transactions/85/participants/users/342",
        {},
        None,
        None,
        lambda r: r is None,
    ),
    (
        "participants.list_users",
        False,
        pager(lambda bm: bm.participants.list_users(85)),
        "GET",
        "/transactions/85/participants/users",
        {},
        None,
        [PART],
        lambda r: r[0].id == 342,
    ),
    (
        "participants.list_contacts",
        False,
        pager(lambda bm: bm.participants.list_contacts(85, full_info=True)),
        "GET",
        "/transactions/85/participants/contacts",
        {"full_info": "1"},
        None,
        [],
        lambda r: r == [],
    ),
    # ------------------------------------------------------------------------ users
    (
        "users.sso_token",
        True,
        lambda bm: bm.users.sso_token(222),
        "GET",
        "/users/222/sso_token",
        {},
        None,
        {"sso_token": "kDsn+U/6="},
        lambda t: (
            isinstance(t, SsoToken)
            and t.login_url
            == "https://my.brokermint.com/users/sign_in_by_token?token=kDsn%2BU%2F6%3D"
        ),
    ),
    (
        "users.list",
        True,
        pager(
            lambda bm: bm.users.list(
                created_since="2015-04-06",
                updated_since="2015-04-06",
                full_info=True,
                external_ids="SF02390U",
            )
        ),
        "GET",
        "/users",
        {
            "count": "1000",
            "created_since": "2015-04-06",
            "updated_since": "2015-04-06",
            "full_info": "1",
            "external_ids": "SF02390U",
        },
        None,
        [USER],
        lambda r: (
            isinstance(r[0], User) and r[0].birthday == dt.datetime.fromtimestamp(261538320, UTC)
        ),
    ),
    (
        "users.list (wider filters)",
        False,
        pager(lambda bm: bm.users.list(active=False, emails=["a@b.c", "d@e.f"], count=50)),
        "GET",
        "/users",
        {"count": "50", "active": "0", "emails": "a@b.c,d@e.f"},
        None,
        [],
        lambda r: r == [],
    ),
    (
        "users.get",
        True,
        lambda bm: bm.users.get(222),
        "GET",
        "/users/222",
        {},
        None,
        USER,
        lambda u: u.anniversary_date is None and u.first_name == "MARTY",
    ),
    (
        "users.create",
        False,
        lambda bm: bm.users.create(
            {"email": "m@x.com", "first_name": "M", "last_name": "W"}, send_instructions=True
        ),
        "POST",
        "/users",
        {"send_instructions": "1"},
        {"email": "m@x.com", "first_name": "M", "last_name": "W"},
        USER,
        lambda u: u.id == 222,
    ),
    (
        "users.update",
        False,
        lambda bm: bm.users.update(222, {"email": "m@x.com", "first_name": "M", "last_name": "W"}),
        "PUT",
        "/users/222",
        {},
        {"email": "m@x.com", "first_name": "M", "last_name": "W"},
        USER,
        lambda u: u.id == 222,
    ),
    # ------------------------------------------------------------------ commissions
    (
        "commissions.list",
        True,
        pager(lambda bm: bm.commissions.list(4398)),
        "GET",
        "/transactions/4398/commissions",
        {},
        None,
        [COMM],
        lambda r: isinstance(r[0], CommissionItem) and (r[0].tiers or [])[0].uom == "% of tgc",
    ),
    # ---------------------------------------------------------------------- backups
    (
        "backups.list",
        True,
        pager(
            lambda bm: bm.backups.list(
                completed_since="2015-04-06", exclude_backup_ids=[23, 44, 67]
            )
        ),
        "GET",
        "/backups",
        {"count": "1000", "completed_since": "2015-04-06", "exclude_backup_ids": "23,44,67"},
        None,
        [BACKUP],
        lambda r: (
            isinstance(r[0], Backup)
            and r[0].completed_at == dt.datetime(2015, 4, 16, 1, 32, tzinfo=UTC)
        ),
    ),
    (
        "backups.get",
        True,
        lambda bm: bm.backups.get(4398),
        "GET",
        "/transactions/4398/backup",
        {},
        None,
        {"link": "https://s3/x"},
        lambda b: isinstance(b, BackupLink) and b.link == "https://s3/x",
    ),
    (
        "backups.list_for_transaction",
        False,
        pager(lambda bm: bm.backups.list_for_transaction(4398, count=10)),
        "GET",
        "/transactions/4398/backups",
        {"count": "10"},
        None,
        [BACKUP],
        lambda r: r[0].id == 3415,
    ),
    # -------------------------------------------------------------------- documents
    (
        "documents.create",
        True,
        lambda bm: bm.documents.create(
            4398,
            {
                "name": "Listing agreement.pdf",
                "content_type": "application/pdf",
                "path": "https://s3/f",
            },
        ),
        "POST",
        "/transactions/4398/documents",
        {},
        {
            "name": "Listing agreement.pdf",
            "content_type": "application/pdf",
            "path": "https://s3/f",
            "transaction_id": 4398,
        },
        {"id": 112},
        lambda d: isinstance(d, DocumentUploadRequest) and d.id == 112,
    ),
    (
        "documents.get",
        True,
        lambda bm: bm.document_upload_requests.get(4398, 112),
        "GET",
        "/transactions/4398/documents/112",
        {},
        None,
        {"id": 112, "name": "Listing agreement.pdf", "upload_status": "processing"},
        lambda d: d.upload_status == "processing",
    ),
    # ----------------------------------------------------------------- incoming
    (
        "incoming_transactions.create",
        True,
        lambda bm: bm.incoming_transactions.create(
            "salesforce.com",
            [
                {
                    "id": "SF098323",
                    "price": 950000,
                    "listing_date": dt.datetime(2015, 4, 6, tzinfo=UTC),
                    "custom_attributes": {"Bedrooms": "2"},
                }
            ],
        ),
        "POST",
        "/incoming_transactions",
        {},
        {
            "source_id": "salesforce.com",
            "transactions": [
                {
                    "id": "SF098323",
                    "price": 950000,
                    "listing_date": MS_2015_04_06,
                    "custom_attributes": {"Bedrooms": "2"},
                }
            ],
        },
        {"status": "ok"},
        lambda r: r == {"status": "ok"},
    ),
    # --------------------------------------------------------------------- reports
    (
        "reports.list",
        True,
        pager(lambda bm: bm.reports.list()),
        "GET",
        "/reports",
        {},
        None,
        [{"name": "Agent profile report", "id": "agents_profile"}],
        lambda r: isinstance(r[0], Report) and r[0].id == "agents_profile",
    ),
    (
        "reports.data",
        True,
        lambda bm: bm.reports.data(
            "cancelled_sales", timezone=-7, expiration_date="0-1475539199999", location=["a", "b"]
        ),
        "GET",
        "/reports/cancelled_sales",
        {"timezone": "-7", "expiration_date": "0-1475539199999", "location": "a,b"},
        None,
        [{"id": 53, "listing_date": 1410505200000}],
        lambda r: r == [{"id": 53, "listing_date": 1410505200000}],
    ),
    (
        "reports.filters",
        True,
        pager(lambda bm: bm.reports.filters("cancelled_sales")),
        "GET",
        "/reports/cancelled_sales/filters",
        {},
        None,
        [
            {
                "dynamic": True,
                "column": "location",
                "options": [{"val": "*", "text": "all locations"}],
            }
        ],
        lambda r: isinstance(r[0], ReportFilter) and (r[0].options or [])[0].val == "*",
    ),
    # ------------------------------------------------------------- wider: checklists
    (
        "checklists.list",
        False,
        pager(lambda bm: bm.checklists.list(85)),
        "GET",
        "/transactions/85/checklists",
        {},
        None,
        [{"id": 7, "name": "Listing"}],
        lambda r: isinstance(r[0], Checklist) and r[0].name == "Listing",
    ),
    (
        "checklists.get",
        False,
        lambda bm: bm.checklists.get(85, 7),
        "GET",
        "/transactions/85/checklists/7",
        {},
        None,
        {"id": 7, "name": "Listing"},
        lambda c: c.id == 7,
    ),
    (
        "tasks.list",
        False,
        pager(lambda bm: bm.tasks.list(85, 7)),
        "GET",
        "/transactions/85/checklists/7/tasks",
        {},
        None,
        [{"id": 9, "name": "Sign", "deadline": MS_2015_04_06}],
        lambda r: isinstance(r[0], Task) and r[0].deadline == dt.datetime(2015, 4, 6, tzinfo=UTC),
    ),
    (
        "tasks.get",
        False,
        lambda bm: bm.tasks.get(85, 7, 9),
        "GET",
        "/transactions/85/checklists/7/tasks/9",
        {},
        None,
        {"id": 9, "name": "Sign", "done": False},
        lambda t: t.done is False,
    ),
    (
        "tasks.create",
        False,
        lambda bm: bm.tasks.create(85, 7, {"name": "Sign", "deadline": dt.date(2015, 4, 6)}),
        "POST",
        "/transactions/85/checklists/7/tasks",
        {},
        {"name": "Sign", "deadline": MS_2015_04_06},
        {"id": 9, "name": "Sign"},
        lambda t: t.id == 9,
    ),
    (
        "tasks.update",
        False,
        lambda bm: bm.tasks.update(85, 7, 9, {"name": "Sign", "done": True}),
        "PUT",
        "/transactions/85/checklists/7/tasks/9",
        {},
        {"name": "Sign", "done": True},
        {"id": 9, "name": "Sign", "done": True},
        lambda t: t.done is True,
    ),
    (
        "tasks.comment",
        False,
        lambda bm: bm.tasks.comment(85, 7, 9, "looks good"),
        "POST",
        "/transactions/85/checklists/7/tasks/9/add_comment",
        {},
        {"text": "looks good"},
        {"id": 1, "text": "looks good"},
        lambda r: r["text"] == "looks good",
    ),
    # ------------------------------------------------------------------ wider: rest
    (
        "notes.create",
        False,
        lambda bm: bm.notes.create(85, "called the buyer"),
        "POST",
        "/transactions/85/notes",
        {},
        {"text": "called the buyer"},
        {"id": 3, "text": "called the buyer", "created_at": MS_2015_04_06},
        lambda n: isinstance(n, Note) and n.created_at == dt.datetime(2015, 4, 6, tzinfo=UTC),
    ),
    (
        "offers.list",
        False,
        pager(lambda bm: bm.offers.list(85)),
        "GET",
        "/transactions/85/offers",
        {},
        None,
        [{"id": 4, "price": 400000, "attachments": [{"id": 8, "name": "offer.pdf"}]}],
        lambda r: isinstance(r[0], Offer) and (r[0].attachments or [])[0].id == 8,
    ),
    (
        "offers.get",
        False,
        lambda bm: bm.offers.get(85, 4),
        "GET",
        "/transactions/85/offers/4",
        {},
        None,
        {"id": 4},
        lambda o: o.id == 4,
    ),
    (
        "offers.get_attachment",
        False,
        lambda bm: bm.offers.get_attachment(85, 4, 8),
        "GET",
        "/transactions/85/offers/4/attachments/8",
        {},
        None,
        {"id": 8, "name": "offer.pdf", "url": "https://s3/o"},
        lambda a: isinstance(a, OfferAttachment) and a.url == "https://s3/o",
    ),
    (
        "commission_plans.list",
        False,
        pager(lambda bm: bm.commission_plans.list()),
        "GET",
        "/commission_plans",
        {},
        None,
        [{"id": 1, "name": "Standard 70/30"}],
        lambda r: isinstance(r[0], CommissionPlan) and r[0].name == "Standard 70/30",
    ),
    (
        "commission_plans.list_for_user",
        False,
        pager(lambda bm: bm.commission_plans.list_for_user(222)),
        "GET",
        "/users/222/commission_plans",
        {},
        None,
        [{"id": 1}],
        lambda r: r[0].id == 1,
    ),
    (
        "commission_plans.assign",
        False,
        lambda bm: bm.commission_plans.assign(222, 1),
        "POST",
        "/users/222/commission_plans",
        {},
        {"commission_plan_id": 1},
        {"id": 1},
        lambda r: r == {"id": 1},
    ),
    (
        "commission_plans.unassign",
        False,
        lambda bm: bm.commission_plans.unassign(222, 1),
        "DELETE",
        "/users/222/commission_plans/1",
        {},
        None,
        None,
        lambda r: r is None,
    ),
]


def _url_re(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(BASE + path) + r"(\?.*)?$")


@pytest.mark.parametrize(
    ("call", "method", "path", "query", "body", "response", "check"),
    [pytest.param(*row[2:], id=row[0]) for row in ROWS],
)
async def test_operation(
    mock_http: Any,
    call: Call,
    method: str,
    path: str,
    query: dict[str, str],
    body: Any,
    response: Any,
    check: Callable[[Any], bool],
) -> None:
    mock_http.add(_url_re(path), method=method, payload=response, status=200)
    async with BrokermintClient(KEY) as bm:
        result = await call(bm)
    assert check(result), result
    ((key, calls),) = mock_http.requests.items()
    assert key[0] == method
    assert key[1].path == "/api/v1" + path
    sent = calls[0].kwargs
    # The query as sent: in the URL, or added by aiohttp from params= (the mock merges both).
    pairs = list(key[1].query.items())
    assert ("api_key", KEY) in pairs  # the credential travels as a query parameter
    assert {k: v for k, v in pairs if k != "api_key"} == query
    assert len(pairs) == len(query) + 1  # no key sent twice
    if body is None:
        assert sent["data"] is None
    else:
        assert json.loads(sent["data"]) == body


def test_reference_covers_31_operations() -> None:
    reference_ops = {r[0] for r in ROWS if r[1] and "(" not in r[0]}
    assert len(reference_ops) == 31, sorted(reference_ops)


async def test_submit_document_is_multipart(serve: ServerFactory) -> None:
    from aiohttp import web

    seen: dict[str, Any] = {}

    async def handler(request: web.Request) -> web.Response:
        seen["query"] = dict(request.query)
        seen["path"] = request.path
        seen["ctype"] = request.content_type
        form = await request.post()
        upload = form["file"]
        assert isinstance(upload, web.FileField)
        seen["file"] = (upload.filename, upload.content_type, upload.file.read())
        return web.json_response({"id": 5, "status": "submitted"})

    app = web.Application()
    app.router.add_post(
        "/api/v1/transactions/{t}/checklists/{c}/tasks/{k}/submit_document", handler
    )
    base = await serve(app)
    async with BrokermintClient(KEY, base_url=base + "/api/v1") as bm:
        result = await bm.tasks.submit_document(
            85, 7, 9, b"%PDF-1.4", filename="deed.pdf", content_type="application/pdf"
        )
    assert result == {"id": 5, "status": "submitted"}
    assert seen["path"] == "/api/v1/transactions/85/checklists/7/tasks/9/submit_document"
    assert seen["query"] == {"api_key": KEY}
    assert seen["ctype"] == "multipart/form-data"
    assert seen["file"] == ("deed.pdf", "application/pdf", b"%PDF-1.4")
    assert isinstance(FormData, type)


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda bm: bm.transactions.get("85/../users"), id="path-traversal"),
        pytest.param(lambda bm: bm.transactions.get(0), id="zero-id"),
        pytest.param(lambda bm: bm.transactions.get(True), id="bool-id"),
        pytest.param(lambda bm: bm.contacts.create({}), id="empty-body"),
        pytest.param(
            lambda bm: bm.participants.create_user(1, {"id": 2}), id="participant-without-role"
        ),
        pytest.param(lambda bm: bm.users.create({"email": "a@b.c"}), id="user-without-names"),
        pytest.param(lambda bm: bm.documents.create(1, {"name": "x"}), id="document-without-path"),
        pytest.param(lambda bm: bm.incoming_transactions.create("", [{"id": 1}]), id="no-source"),
        pytest.param(lambda bm: bm.incoming_transactions.create("crm", []), id="no-transactions"),
        pytest.param(lambda bm: bm.tasks.create(1, 2, {"done": True}), id="task-without-name"),
        pytest.param(lambda bm: bm.notes.create(1, "  "), id="empty-note"),
        pytest.param(
            lambda bm: bm.tasks.submit_document(1, 2, 3, b"", filename="a"), id="empty-file"
        ),
    ],
)
async def test_bad_input_is_refused_before_sending(mock_http: Any, call: Call) -> None:
    async with BrokermintClient(KEY) as bm:
        with pytest.raises((ValueError, TypeError)):
            await call(bm)
    assert not mock_http.requests


async def test_string_report_ids_are_url_encoded(serve: ServerFactory) -> None:
    from aiohttp import web

    seen: list[str] = []

    async def handler(request: web.Request) -> web.Response:
        seen.append(request.raw_path.split("?")[0])
        return web.json_response([])

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    base = await serve(app)
    async with BrokermintClient(KEY, base_url=base + "/api/v1") as bm:
        await bm.reports.filters("../users?x").collect()
        await bm.reports.data("agents profile")
    assert seen == [
        "/api/v1/reports/..%2Fusers%3Fx/filters",
        "/api/v1/reports/agents%20profile",
    ]
