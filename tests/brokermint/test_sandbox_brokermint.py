"""The fake Brokermint server: count + starting_from_id keyset pages, bare arrays, CRUD,
``{"error", "status"}`` bodies, the X-Brokermint-* headers, 429 and the error budget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import aiohttp
import pytest

from real_estate_async import AsyncPager, BrokermintClient
from real_estate_async._errors import AuthenticationError, NotFoundError, ValidationError
from real_estate_async.sandbox import RateLimit, RateLimits, Sandbox

RECORDS = 210


pytestmark = pytest.mark.sandbox(
    records=RECORDS, vendors=["brokermint"], rate_limits=RateLimits.relaxed()
)  # for the ``sb`` fixture (tests/conftest.py)


async def _call(
    sb: Sandbox, method: str, path: str, *, key: str | None = "", json: Any = None, **params: Any
) -> tuple[int, Any, Any]:
    if key == "":
        key = sb.credentials["brokermint"]["api_key"]
    if key is not None:
        params["api_key"] = key
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, f"{sb.brokermint_url}{path}", params=params, json=json) as resp,
    ):
        return resp.status, await resp.json(), resp.headers


async def test_keyset_pages_return_every_id_once_in_order(sb: Sandbox) -> None:
    seen: list[int] = []
    start: int | None = None
    while True:
        params: dict[str, Any] = {"count": 50}
        if start is not None:
            params["starting_from_id"] = start
        status, page, _ = await _call(sb, "GET", "/transactions", **params)
        assert status == 200 and isinstance(page, list)
        seen += [t["id"] for t in page]
        if len(page) < 50:
            break
        start = page[-1]["id"] + 1
    assert seen == list(range(1, RECORDS + 1))
    _, page, _ = await _call(sb, "GET", "/contacts", count=2, starting_from_id=7)
    assert [c["id"] for c in page] == [7, 8]  # inclusive of the id
    assert all(
        len(str(t)) == 13
        for t in (await _call(sb, "GET", "/transactions/5"))[1:2][0].values()
        if isinstance(t, int) and t > 10**12
    )


async def test_filters_and_timestamps(sb: Sandbox) -> None:
    _, page, _ = await _call(
        sb, "GET", "/transactions", created_since=1_577_836_800_000 + 200 * 60_000
    )
    assert [t["id"] for t in page] == list(range(201, RECORDS + 1))
    _, page, _ = await _call(sb, "GET", "/contacts", external_ids="C3,C9")
    assert [c["id"] for c in page] == [3, 9]
    _, record, _ = await _call(sb, "GET", "/transactions/1")
    assert len(str(record["created_at"])) == 13
    status, body, _ = await _call(sb, "GET", "/transactions", created_since="yesterday")
    assert status == 400 and body["status"] == 400


async def test_auth_errors_and_error_bodies(sb: Sandbox) -> None:
    status, body, headers = await _call(sb, "GET", "/transactions", key=None)
    assert status == 401 and set(body) == {"error", "status"}
    status, body, _ = await _call(sb, "GET", "/transactions", key="wrong")
    assert status == 401 and body == {"error": "Invalid API key", "status": 401}
    status, body, headers = await _call(sb, "GET", "/transactions/99999")
    assert status == 404 and body["status"] == 404
    assert headers["X-Brokermint-Errors-Remaining"] == "999999"
    status, body, _ = await _call(sb, "POST", "/transactions", json={"city": "X"})
    assert status == 422 and "address" in body["error"]


async def test_rate_limit_headers_429_without_retry_after_and_error_lockout() -> None:
    limits = RateLimits(
        brokermint_burst=RateLimit(3, 1_000_000.0),
        brokermint_hour=RateLimit(10, 1_000_000.0),
        brokermint_errors=2,
    )
    async with Sandbox(20, vendors=["brokermint"], rate_limits=limits) as box:
        answers = [await _call(box, "GET", "/users", count=5) for _ in range(4)]
        assert [a[0] for a in answers] == [200, 200, 200, 429]
        assert [a[2]["X-Brokermint-Burst-Remaining"] for a in answers] == ["2", "1", "0", "0"]
        assert [a[2]["X-Brokermint-Hour-Remaining"] for a in answers] == ["9", "8", "7", "7"]
        assert len(answers[0][2]["X-Brokermint-Hour-Reset"]) == 13  # epoch ms
        assert "Retry-After" not in answers[3][2]
        assert answers[3][1] == {"error": "Rate limit exceeded", "status": 429}
        # the 429 was a failed request: one left, then the account is locked
        assert answers[3][2]["X-Brokermint-Errors-Remaining"] == "1"
    limits = RateLimits(brokermint_errors=2)
    async with Sandbox(20, vendors=["brokermint"], rate_limits=limits) as box:
        assert (await _call(box, "GET", "/contacts/999"))[0] == 404
        assert (await _call(box, "GET", "/contacts/998"))[0] == 404
        status, body, headers = await _call(box, "GET", "/contacts/1")
        assert status == 403 and "locked" in body["error"]
        assert headers["X-Brokermint-Errors-Remaining"] == "0"


#: name (as the sandbox counts it) -> the client's pager over that collection.
COLLECTIONS: dict[str, Callable[[BrokermintClient], AsyncPager[Any]]] = {
    "transactions": lambda bm: bm.transactions.list(count=40),
    "contacts": lambda bm: bm.contacts.list(count=40, full_info=True),
    "users": lambda bm: bm.users.list(count=40),
    "backups": lambda bm: bm.backups.list(count=7),
}


@pytest.mark.parametrize("name", list(COLLECTIONS))
async def test_client_lists_every_collection_exactly_once(sb: Sandbox, name: str) -> None:
    async with BrokermintClient(**sb.client_kwargs("brokermint")) as bm:
        ids = [item.id for item in await COLLECTIONS[name](bm).collect()]
    assert ids == sorted(set(ids))
    assert len(ids) == sb.count("brokermint", name)


async def test_client_crud_changes_the_data(sb: Sandbox) -> None:
    async with BrokermintClient(**sb.client_kwargs("brokermint")) as bm:
        created = await bm.transactions.create({"address": "1 Test St", "price": 100})
        assert created.id == RECORDS + 1 and created.created_at is not None
        updated = await bm.transactions.update(created.id, {"price": 200})
        assert updated.price == 200 and updated.address == "1 Test St"
        await bm.transactions.delete(3)
        with pytest.raises(NotFoundError):
            await bm.transactions.get(3)
        ids = [t.id for t in await bm.transactions.list(count=100).collect()]
        assert 3 not in ids and ids[-1] == created.id and len(ids) == RECORDS
        with pytest.raises(ValidationError):
            await bm.contacts.create({"email": "no-name@example.com"})
        contact = await bm.contacts.create({"first_name": "Ada", "email": "ada@example.com"})
        assert contact.id is not None
        assert (await bm.contacts.get(contact.id)).first_name == "Ada"
        assert bm.errors_remaining is not None
    async with BrokermintClient("wrong", base_url=sb.brokermint_url) as bm:
        with pytest.raises(AuthenticationError):
            await bm.users.get(1)


async def test_commissions_and_typed_fields_as_the_vendor_sends_them(sb: Sandbox) -> None:
    """The sandbox answers the plural commissions path (the one both working clients
    call) with the Ruby gem's fixture shape, and the fields the gem reads come typed."""
    async with BrokermintClient(**sb.client_kwargs("brokermint")) as bm:
        items = await bm.commissions.list(3).collect()
        tx = await bm.transactions.get(3)
        user = await bm.users.get(2)
    assert [i.item_type for i in items] == ["tgc", "award_distribution", "award_distribution"]
    assert all(i.extra == {} and i.tiers for i in items)
    assert bm._paths == {"commissions": "/transactions/{}/commissions"}
    assert tx.custom_id and tx.extra == {}
    assert user.license_number == "L000002" and user.extra == {}
