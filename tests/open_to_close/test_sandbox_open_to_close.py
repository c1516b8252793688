"""The fake Open To Close server: limit/offset bare arrays without a total, property
sub-resources, CRUD and the 400/401/404/422 error bodies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import aiohttp
import pytest

from real_estate_async import AsyncPager, OpenToCloseClient
from real_estate_async._errors import AuthenticationError, NotFoundError, ValidationError
from real_estate_async.sandbox import RateLimit, RateLimits, Sandbox

RECORDS = 180


pytestmark = pytest.mark.sandbox(records=RECORDS, vendors=["open_to_close"], rate_limits=None)


async def _call(
    sb: Sandbox, method: str, path: str, *, token: str | None = "", json: Any = None, **params: Any
) -> tuple[int, Any, Any]:
    if token == "":
        token = sb.credentials["open_to_close"]["api_key"]
    if token is not None:
        params["api_token"] = token
    async with (
        aiohttp.ClientSession() as http,
        http.request(method, f"{sb.open_to_close_url}{path}", params=params, json=json) as resp,
    ):
        return resp.status, await resp.json(), resp.headers


async def test_limit_offset_pages_are_bare_arrays_without_total(sb: Sandbox) -> None:
    seen: list[int] = []
    offset = 0
    while True:
        status, page, _ = await _call(sb, "GET", "/agents", limit=50, offset=offset)
        assert status == 200 and isinstance(page, list)
        seen += [a["id"] for a in page]
        if len(page) < 50:
            break
        offset += 50
    assert seen == list(range(1, RECORDS + 1))
    _, active, _ = await _call(sb, "GET", "/agents", status="Active", limit=500)
    assert active and all(a["status"] == "Active" for a in active)
    _, links, _ = await _call(sb, "GET", "/properties/4/contacts")
    # the open-to-close SDK's "Association Data" shape
    assert [link["property"] for link in links] == [{"id": 4}] * 3
    assert all(
        set(link) == {"id", "created", "priority", "property", "contact", "contact_role"}
        for link in links
    )


async def test_error_bodies(sb: Sandbox) -> None:
    status, body, _ = await _call(sb, "GET", "/agents", token=None)
    assert status == 401 and body == {"message": "Unauthenticated."}
    status, body, _ = await _call(sb, "GET", "/agents/99999")
    assert status == 404 and "message" in body
    status, body, _ = await _call(sb, "GET", "/agents", limit=0)
    assert status == 400 and "limit" in body["message"]
    status, body, _ = await _call(sb, "POST", "/agents", json={"email": "not-an-email"})
    assert status == 422 and body["errors"] == {
        "email": ["The email must be a valid email address."]
    }
    status, body, _ = await _call(sb, "GET", "/properties/99999/contacts")
    assert status == 404


async def test_optional_rate_limit_sends_retry_after() -> None:
    limits = RateLimits(open_to_close=RateLimit(2, 1_000_000.0))
    async with Sandbox(5, vendors=["open_to_close"], rate_limits=limits) as box:
        statuses = [(await _call(box, "GET", "/tags")) for _ in range(3)]
        assert [s[0] for s in statuses] == [200, 200, 429]
        assert int(statuses[2][2]["Retry-After"]) >= 1


#: collection -> the client's pager over it (page sizes that do and do not divide it).
COLLECTIONS: dict[str, Callable[[OpenToCloseClient], AsyncPager[Any]]] = {
    "agents": lambda otc: otc.agents.list(limit=40),
    "contacts": lambda otc: otc.contacts.list(limit=64),
    "properties": lambda otc: otc.properties.list(limit=100),
}


@pytest.mark.parametrize("name", list(COLLECTIONS))
async def test_client_lists_every_record_once(sb: Sandbox, name: str) -> None:
    async with OpenToCloseClient(**sb.client_kwargs("open_to_close")) as otc:
        ids = [item.id for item in await COLLECTIONS[name](otc).collect()]
    assert ids == list(range(1, RECORDS + 1))


async def test_client_sync_sdk_names_work(sb: Sandbox) -> None:
    async with OpenToCloseClient(**sb.client_kwargs("open_to_close")) as otc:
        assert len(await otc.agents.list_agents()) == RECORDS
        assert len(await otc.agents.list_agents({"limit": 5, "offset": 10})) == 5
        links = await otc.property_contacts.list_property_contacts(7)
        assert len(links) == 3


async def test_client_crud_and_errors(sb: Sandbox) -> None:
    async with OpenToCloseClient(**sb.client_kwargs("open_to_close")) as otc:
        agent = await otc.agents.create_agent({"name": "Ada", "email": "ada@example.com"})
        assert agent["id"] == RECORDS + 1
        updated = await otc.agents.update_agent(agent["id"], {"status": "Inactive"})
        assert updated["status"] == "Inactive" and updated["name"] == "Ada"
        assert (await otc.agents.retrieve_agent(agent["id"]))["status"] == "Inactive"
        await otc.agents.delete_agent(agent["id"])
        with pytest.raises(NotFoundError):
            await otc.agents.retrieve_agent(agent["id"])
        with pytest.raises(ValidationError):
            await otc.agents.create_agent({"email": "nope"})
        link = await otc.property_contacts.create_property_contact(
            2, {"contact_id": 9, "role": "Buyer"}
        )
        assert link["property"] == {"id": 2} and link["contact"]["id"] == 9
        assert len(await otc.property_contacts.list_property_contacts(2)) == 4
        await otc.property_contacts.delete_property_contact(2, link["id"])
        assert len(await otc.property_contacts.list_property_contacts(2)) == 3
    async with OpenToCloseClient("wrong", base_url=sb.open_to_close_url) as otc:
        with pytest.raises(AuthenticationError):
            await otc.agents.retrieve_agent(1)


async def test_served_shapes_come_typed_through_the_adapter(sb: Sandbox) -> None:
    """Epoch-second ``created``, PHP ``DateTime`` contact dates, the link shape of a
    property contact and grouped property fields, as the ``open-to-close`` SDK saw them."""
    from real_estate_async.providers.open_to_close import OpenToCloseClient

    async with OpenToCloseClient(**sb.client_kwargs("open_to_close")) as otc:
        prop = await otc.properties.get(3)
        raw_prop = await otc.properties.get(3, raw=True)
        contact = await otc.contacts.get(4)
        links = await otc.property_contacts.list(3).collect()
        fields = await otc.property_fields.list().collect()
        groups = await otc.property_fields.list_property_fields()
    assert isinstance(raw_prop["created"], int) and prop.created is not None
    assert prop.to_dict()["created"] == raw_prop["created"]
    assert contact.created is not None and contact.created.datetime is not None
    assert len(links) == 3 and all(link.property_id == 3 for link in links)
    assert all(link.linked_contact_id and link.contact and link.roles == [] for link in links)
    assert [f.id for f in fields] == list(range(1, 21))
    assert len(groups) == 2 and all(f.group_title and f.section_title for f in fields)
