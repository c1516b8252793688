"""Code written the way an SDK user writes it, for every vendor.

``tests/core/test_typing.py`` checks this file with ``mypy --strict`` (it must pass with no
error and no ignore comment) and also runs it against the sandbox, so the static types
and what the calls return at run time are the same thing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from real_estate_async import (
    APIResponse,
    APIStatusError,
    AsyncPager,
    BrokermintClient,
    FieldValueError,
    LoftyClient,
    NotFoundError,
    OpenToCloseClient,
    OviproClient,
    Page,
    RealEstateError,
    with_response,
)
from real_estate_async.hooks import ResponseEvent
from real_estate_async.providers.brokermint.models import Contact as BrokermintContact
from real_estate_async.providers.lofty.models import Lead, LeadRequest, NoteRequest
from real_estate_async.providers.open_to_close.models import Agent as OpenToCloseAgent
from real_estate_async.providers.open_to_close.models import PropertyNote
from real_estate_async.providers.ovipro.models import Agency, Agent


async def lofty_code(lofty: LoftyClient) -> None:
    # Request models take only the fields a user sets.
    request = LeadRequest(first_name="Ada", last_name="Lovelace", emails=["ada@example.com"])
    note = NoteRequest(content="called back")
    assert request.to_dict()["firstName"] == "Ada" and note.content == "called back"

    first: Lead | None = None
    async for lead in lofty.leads.list(limit=50):
        first = lead
        break
    assert first is not None and first.lead_id is not None
    one: Lead = await lofty.leads.get(first.lead_id)
    as_dict: dict[str, Any] = await lofty.leads.get(first.lead_id, raw=True)
    assert isinstance(one, Lead) and isinstance(as_dict, dict)
    assert as_dict["leadId"] == one.lead_id

    pager: AsyncPager[dict[str, Any]] = lofty.leads.list(limit=10, raw=True)
    page: Page[dict[str, Any]]
    async for page in pager.pages():
        assert all(isinstance(item, dict) for item in page.items)
        break
    leads: list[Lead] = await lofty.leads.list(limit=10).collect(max_items=15)
    dicts: list[dict[str, Any]] = await lofty.leads.scroll(raw=True).collect(max_items=5)
    assert len(leads) == 15 and len(dicts) == 5 and isinstance(dicts[0], dict)

    try:
        await lofty.leads.get(999_999_999)
    except NotFoundError as error:
        code: int = error.status_code
        assert code == 404
    quick = lofty.with_options(timeout=5, max_retries=0)
    assert quick.timeout == 5.0

    # Response metadata: exactly typed through with_response, loosely through the view.
    meta: APIResponse[Lead] = await with_response(lofty.leads.get(first.lead_id))
    parsed: Lead = meta.parse()
    status: int = meta.status_code
    remaining: int | None = meta.rate_limit_remaining
    assert parsed == one and status == 200 and meta.attempts >= 1 and remaining is not None
    raw_view: APIResponse[Any] = await lofty.leads.with_raw_response.get(first.lead_id)
    assert raw_view.request_id is None or isinstance(raw_view.request_id, str)
    body: APIResponse[Any] = await lofty.request("GET", "/leads", with_response=True)
    assert body.headers["Content-Type"].startswith("application/json")
    assert pager.last_response is not None and pager.last_response.elapsed.total_seconds() > 0

    seen: list[ResponseEvent] = []

    @lofty.on("response")
    def on_response(event: ResponseEvent) -> None:
        seen.append(event)

    await lofty.leads.get(first.lead_id)
    lofty.off("response", on_response)
    assert seen and seen[-1].status == 200


async def brokermint_code(bm: BrokermintClient) -> None:
    contact = BrokermintContact(first_name="Ada", email="ada@example.com")
    assert contact.to_dict() == {"first_name": "Ada", "email": "ada@example.com"}
    contacts: list[BrokermintContact] = await bm.contacts.list(count=20).collect(max_items=3)
    contact_id = contacts[0].id
    assert contact_id is not None
    again: BrokermintContact = await bm.contacts.get(contact_id)
    raw_contact: dict[str, Any] = await bm.contacts.get(contact_id, raw=True)
    assert again.id == raw_contact["id"] == contact_id
    async for item in bm.contacts.list(count=5, raw=True):
        assert isinstance(item, dict)
        break
    async for tx in bm.transactions.list(count=5):
        try:
            closed: datetime | None = tx.closed_at  # converted on this first read
        except FieldValueError as bad:
            where: tuple[str, str, str] = (bad.model, bad.field, bad.wire)
            print(where, bad.value)
        else:
            print(closed)


async def open_to_close_code(otc: OpenToCloseClient) -> None:
    draft = OpenToCloseAgent(name="Ada Lovelace", email="ada@example.com")
    created: OpenToCloseAgent = await otc.agents.create(draft)
    assert created.id is not None and created.name == "Ada Lovelace"
    fetched: dict[str, Any] = await otc.agents.get(created.id, raw=True)
    assert fetched["email"] == "ada@example.com"
    agents: list[dict[str, Any]] = await otc.agents.list_agents()  # the sync SDK's name
    by_keyword: OpenToCloseAgent = await otc.agents.get(agent_id=created.id)
    assert by_keyword.email == "ada@example.com"
    models: list[OpenToCloseAgent] = await otc.agents.list(limit=10).collect(max_items=2)
    raw_pager: AsyncPager[dict[str, Any]] = otc.agents.list(raw=True)
    assert models and all(isinstance(a, OpenToCloseAgent) for a in models)
    assert [item async for item in raw_pager]
    assert any(a["id"] == created.id for a in agents)
    try:
        await otc.agents.get(987_654_321)
    except APIStatusError as error:
        assert error.status_code == 404

    # A property's notes: the uniform verbs and the sync SDK's names, by keyword too.
    note: PropertyNote = await otc.property_notes.create(7, {"title": "Order inspection"})
    assert note.id is not None
    same: PropertyNote = await otc.property_notes.get(property_id=7, note_id=note.id)
    as_dicts: list[dict[str, Any]] = await otc.property_notes.list_property_notes(7)
    edited: dict[str, Any] = await otc.property_notes.update_property_note(
        property_id=7, note_id=note.id, note_data={"title": "Book inspection"}
    )
    assert same.id == note.id and edited["title"] == "Book inspection"
    assert any(n["id"] == note.id for n in as_dicts)
    gone: dict[str, Any] = await otc.property_notes.delete_property_note(
        property_id=7, note_id=note.id
    )
    assert isinstance(gone, dict)


async def ovipro_code(ovipro: OviproClient) -> None:
    result = await ovipro.agents.find()
    agent: Agent = result.agents[0]
    assert agent.agent_id is not None
    same: Agent = await ovipro.agents.get(agent.agent_id)
    raw_agent: dict[str, Any] = await ovipro.agents.get(agent.agent_id, raw=True)
    assert same.first_name == raw_agent["firstName"]
    agencies: list[Agency] = await ovipro.agencies.find(agent_id=agent.agent_id)
    raw_agencies: list[dict[str, Any]] = await ovipro.agencies.find(
        agent_id=agent.agent_id, raw=True
    )
    assert len(agencies) == len(raw_agencies)
    try:
        await ovipro.agents.get("00000000-0000-4000-8000-000000000000")
    except RealEstateError as error:
        assert isinstance(error, NotFoundError)
