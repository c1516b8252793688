"""The one set of helpers on the core Resource that every vendor uses: list bodies, one
model out of an envelope, path ids; credentials declared once on each client class."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async import (
    BrokermintClient,
    LoftyClient,
    OpenToCloseClient,
    OviproClient,
    PaginationError,
    ResponseShapeError,
)
from real_estate_async._registry import PROVIDERS
from real_estate_async.providers.base import items_in, unwrap
from real_estate_async.providers.lofty.models import Tag

OFFICE = "3f2c1b8e-2d1a-4c8e-9a57-0b3c2d1e4f5a"


@pytest.mark.parametrize(
    ("body", "keys", "items"),
    [
        ([1, 2], ("leads",), [1, 2]),
        ({"leads": [1], "_metadata": {}}, ("leads",), [1]),
        ({"data": [3]}, ("leads", "data"), [3]),
        (None, ("leads",), []),
        ({"leads": None}, ("leads",), []),
        ({"leads": [], "_metadata": {"total": 0}}, ("leads",), []),
        ([], ("leads",), []),
    ],
    ids=["bare array", "under key", "first key present", "empty body", "null", "empty", "[]"],
)
def test_items_in_reads_every_documented_shape(
    body: Any, keys: tuple[str, ...], items: Any
) -> None:
    assert list(items_in(*keys)(body)) == items


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"leads": {"id": 1}}, "expected a list at 'leads'"),
        ({"leads": "x"}, "expected a list at 'leads'"),
        ("<html>oops</html>", "a JSON array or an object with 'leads', got str"),
        (5, "got int"),
        ({"_metadata": {"total": 0}}, r"got an object with keys \['_metadata'\]"),
        ({}, "got an empty object"),
    ],
    ids=["object at key", "string at key", "text body", "number body", "key absent", "{}"],
)
def test_items_in_refuses_a_malformed_body(body: Any, message: str) -> None:
    with pytest.raises(PaginationError, match=message):
        items_in("leads")(body)


def test_unwrap_takes_the_envelope_only() -> None:
    assert unwrap({"lead": {"id": 1}}, "lead") == {"id": 1}
    assert unwrap({"data": {"id": 2}}, "lead", "data") == {"id": 2}
    fields = frozenset({"id", "x"})
    item = {"id": 3, "data": {"x": 1}}  # an item with a field named "data" is the item
    assert unwrap(item, "data", fields=fields) is item
    bare = {"x": 4}
    assert unwrap(bare, "data", fields=fields) is bare  # documented bare: its own fields
    assert unwrap([1], "data") == [1] and unwrap(None, "data") is None
    assert unwrap(bare) is bare  # no wrapper keys: the body is the record


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"calls": {"id": 1}}, None),  # a wrapper the code does not know
        ({"id": 1}, None),  # bare, where the vendor documents only the wrapper
        ({"other": 1}, frozenset({"id", "x"})),  # bare, but none of the record's fields
        ({}, frozenset({"id"})),
    ],
    ids=["unknown wrapper", "undocumented bare", "foreign object", "empty object"],
)
def test_unwrap_refuses_an_unrecognised_object(
    body: dict[str, Any], fields: frozenset[str] | None
) -> None:
    with pytest.raises(ResponseShapeError, match="unrecognised response shape") as caught:
        unwrap(body, "call", fields=fields)
    assert caught.value.keys == tuple(body) and caught.value.expected == ("call",)


def _app(body: Any, seen: list[web.Request], lists: str = "\0") -> web.Application:
    """Answers ``body`` (``[]`` on paths starting with ``lists``); records the requests."""

    async def handler(request: web.Request) -> web.StreamResponse:
        seen.append(request)
        return web.json_response([] if request.path.startswith(lists) else body)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


Call = Callable[[Any], Awaitable[Any]]


async def _lofty_tags(base: str) -> Any:
    async with LoftyClient("k", base_url=base) as client:
        return await client.team_features.tags()


async def _ovipro_agencies(base: str) -> Any:
    async with OviproClient("t", base_url=base) as client:
        return await client.agency_offices.public_agents(OFFICE)


async def _otc_agents(base: str) -> Any:
    async with OpenToCloseClient("k", base_url=base) as client:
        return await client.agents.list_agents({"limit": 5})


async def _brokermint_reports(base: str) -> Any:
    async with BrokermintClient("k", base_url=base) as client:
        return await client.reports.list().collect()


VENDOR_LISTS = {
    "lofty": (_lofty_tags, "tags"),
    "ovipro": (_ovipro_agencies, "agents"),
    "open_to_close": (_otc_agents, "data"),
}


@pytest.mark.parametrize("vendor", sorted(VENDOR_LISTS))
async def test_every_vendor_refuses_a_malformed_list_body_alike(
    serve: ServerFactory, vendor: str
) -> None:
    """Ovipro used to answer ``[]`` here, losing the records without a word."""
    call, key = VENDOR_LISTS[vendor]
    seen: list[web.Request] = []
    with pytest.raises(PaginationError, match=f"expected a list at '{key}'"):
        await call(await serve(_app({key: {"id": 1}}, seen)))
    assert len(seen) == 1


async def test_brokermint_bare_array_lists_refuse_an_object(serve: ServerFactory) -> None:
    with pytest.raises(PaginationError):
        await _brokermint_reports(await serve(_app({"error": "?"}, [])))


async def test_lofty_list_and_one_model_use_the_shared_helpers(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(_app({"tags": [{"tagName": "hot"}], "data": {"id": 9}}, seen))
    async with LoftyClient("k", base_url=base) as client:
        tags = await client.team_features.tags()
        raw = await client.team_features.tags(raw=True)
    assert [type(t) for t in tags] == [Tag] and raw == [{"tagName": "hot"}]


async def test_ids_are_checked_and_encoded_before_any_request(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(_app({"id": 1}, seen, lists="/reports"))
    async with BrokermintClient("k", base_url=base) as bm:
        with pytest.raises(ValueError, match="contact_id"):
            await bm.contacts.get(0)
        await bm.reports.filters("agents profile").collect()  # report ids are names, not ints
    async with OpenToCloseClient("k", base_url=base) as otc:
        with pytest.raises(ValueError, match="note_id"):
            await otc.property_notes.get(1, -4)
        await otc.property_notes.get(property_id=7, note_id=8)
    async with LoftyClient("k", base_url=base) as lofty:
        with pytest.raises(ValueError):
            await lofty.leads.get("..")  # type: ignore[call-overload]
    assert [r.rel_url.raw_path for r in seen] == [
        "/reports/agents%20profile/filters",
        "/properties/7/notes/8",
    ]


async def test_every_listing_filter_reaches_its_query_name(serve: ServerFactory) -> None:
    seen: list[web.Request] = []
    base = await serve(_app({"listings": [], "soldListings": []}, seen))
    filters: dict[str, Any] = {
        "agent_listings": True, "building_address": "1 Main", "building_name": "Tower",
        "listing_id": "L1", "mls_listing_ids": "M1,M2", "office_listings": False,
        "show_condition": True, "sold_listing_id": "S1", "street": "Main", "user_id": 42,
    }  # fmt: skip
    async with LoftyClient("k", base_url=base) as client:
        await client.listings.list(**filters).collect()
        await client.listings.list_sold(**filters).collect()
    expected = {
        "agentListings": "true", "buildingAddress": "1 Main", "buildingName": "Tower",
        "listingId": "L1", "mlsListingIds": "M1,M2", "officeListings": "false",
        "showCondition": "true", "soldListingId": "S1", "street": "Main", "userId": "42",
    }  # fmt: skip
    assert [dict(r.query) for r in seen] == [expected, expected]


def test_old_lofty_import_paths_still_work() -> None:
    from real_estate_async.providers.lofty import communication, misc, people
    from real_estate_async.providers.lofty.calls import Calls
    from real_estate_async.providers.lofty.notes import Notes
    from real_estate_async.providers.lofty.vendor import Vendor

    assert misc.Vendor is Vendor and people.Notes is Notes and communication.Calls is Calls
    assert set(misc.__all__) == {
        "Accounts", "Broker", "LeadRouting", "Listings", "Opportunities", "Organization",
        "SystemLogs", "TeamFeatures", "Vendor", "Webhooks",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("name", "cls"),
    [
        ("lofty", LoftyClient),
        ("brokermint", BrokermintClient),
        ("open_to_close", OpenToCloseClient),
        ("ovipro", OviproClient),
    ],
)
def test_credentials_are_declared_once_on_the_client(
    name: str, cls: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry = PROVIDERS[name]
    assert entry.env == tuple(cls.credential_env.values()) and entry.env
    for variable in entry.env:
        monkeypatch.delenv(variable, raising=False)
    argument, variable = next(iter(cls.credential_env.items()))
    with pytest.raises(Exception, match=variable):  # the error names the variable to set
        cls()
    monkeypatch.setenv(variable, "from-the-environment")
    client = entry.make()
    assert isinstance(client, cls) and argument in cls.credential_env
