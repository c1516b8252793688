"""Wrong SDK usage that ``mypy --strict`` must reject.

Each line ending in ``# error: <code>`` must get exactly that mypy error code, and no other
line may get one; ``tests/core/test_typing.py`` checks both, so a type that became too loose
(``Any``) fails the test.
"""

from __future__ import annotations

from typing import Any

from real_estate_async import (
    APIResponse,
    AsyncPager,
    BrokermintClient,
    LoftyClient,
    OpenToCloseClient,
    OviproClient,
    with_response,
)
from real_estate_async.hooks import ResponseEvent
from real_estate_async.providers.brokermint.models import Contact
from real_estate_async.providers.lofty.models import Lead, LeadRequest
from real_estate_async.providers.open_to_close.models import Agent as OpenToCloseAgent
from real_estate_async.providers.open_to_close.models import PropertyNote
from real_estate_async.providers.ovipro.models import Agent


async def wrong(
    lofty: LoftyClient, bm: BrokermintClient, ovipro: OviproClient, otc: OpenToCloseClient
) -> None:
    lead: Lead = await lofty.leads.get(1, raw=True)  # error: assignment
    leads: AsyncPager[Lead] = lofty.leads.list(raw=True)  # error: assignment
    model_pager: AsyncPager[dict[str, Any]] = lofty.leads.list()  # error: assignment
    contact: Contact = await bm.contacts.get(1, raw=True)  # error: assignment
    agent: Agent = await ovipro.agents.get("x", raw=True)  # error: assignment
    as_dict: dict[str, Any] = await lofty.leads.get(1)  # error: assignment
    LeadRequest(first_name=42)  # error: arg-type
    LeadRequest(first_nme="Ada")  # error: call-arg
    OpenToCloseAgent(commission_rate="high")  # error: arg-type
    Contact(first_name=["Ada"])  # error: arg-type
    await lofty.leads.get(1, rwa=True)  # error: call-overload
    oa: OpenToCloseAgent = await otc.agents.create({"name": "x"}, raw=True)  # error: assignment
    otc_pager: AsyncPager[OpenToCloseAgent] = otc.property_notes.list(1)  # error: assignment
    await otc.contacts.get(agent_id=5)  # error: call-overload
    await otc.property_notes.get(1, task_id=5)  # error: call-overload
    await otc.property_tasks.delete_property_task(1, note_id=5)  # error: call-arg
    pn: PropertyNote = await otc.property_notes.retrieve_property_note(1, 2)  # error: assignment

    # A hook for one event registered for another, or an event name with a typo.
    def on_response(event: ResponseEvent) -> None: ...

    lofty.on("request", on_response)  # error: call-overload
    lofty.on("respnose", on_response)  # error: call-overload
    meta: APIResponse[Lead] = await with_response(lofty.leads.get(1, raw=True))  # error: arg-type
    fetched = await lofty.leads.get(1)
    print(fetched.frist_name)  # error: attr-defined
    fetched.first_name = 5  # error: assignment
    print(lead, leads, model_pager, contact, agent, as_dict, oa, otc_pager, pn, meta)
