"""Every webhook type the Lofty API lets us fetch, end to end: a change in the sandbox, the
subscription's delivery, the receiver, the processor, and one row per record in DuckDB
(``lofty_<resource>``), deletions marked; listing alerts kept as received."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest
from test_webhooks import Harness
from test_webhooks import harness as harness  # the fixture, re-exported

from real_estate_async import APIStatusError, NotFoundError
from real_estate_async.webhooks import ROUTES, Wanted, fetch_records, parse_batch
from real_estate_async.webhooks._fetch import activity_key


def rows_of(h: Harness, table: str) -> dict[str, tuple[Any, ...]]:
    rows = h.sink.rows(table)
    assert len(rows) == len({r[1] for r in rows}), "one row per record"
    return {r[1]: r for r in rows}


def lofty(h: Harness) -> Any:
    return h.sb.server("lofty")


def published_fields() -> dict[str, set[str]]:
    """``"GET /v1.0/appts"`` -> the fields of its answer (Lofty OpenAPI document)."""
    published = Path(__file__).parents[1] / "lofty" / "published_operations.json"
    return {
        f"{op['method']} {op['path']}": set(op.get("fields", ()))
        for op in json.loads(published.read_text())["operations"]
    }


async def post(h: Harness, body: Any) -> None:
    """POST ``body`` to the receiver as Lofty would and wait until it is processed."""
    target = h.processor.stats.batches + 1
    async with aiohttp.ClientSession() as http, http.post(h.url, json=body) as resp:
        assert resp.status == 200
    while True:
        h.processor.processed.clear()
        if h.processor.stats.batches >= target:  # checked after clear(): no lost wake-up
            return
        await asyncio.wait_for(h.processor.processed.wait(), 30)


async def one_round(h: Harness, change: Any) -> int:
    """Run ``change`` (a coroutine) with the processor stopped, then process everything it
    emitted in one round: the API requests that round made (no timing involved)."""
    await h.processor.stop()
    await change
    await h.deliveries.drained()
    before = h.processor.stats.requests
    assert await h.processor.process_once(timeout=5) == h.deliveries.stats.batches
    assert h.store.qsize() == 0
    return h.processor.stats.requests - before


# listId, the sandbox collection whose records change, the table they land in
COLLECTIONS = [
    pytest.param(1, "members", "agents", id="1-agent"),
    pytest.param(2, "leads", "leads", id="2-lead"),
    pytest.param(5, "transactions", "transactions", id="5-transaction"),
    pytest.param(6, "calls", "calls", id="6-call"),
    pytest.param(7, "emails", "emails", id="7-email"),
    pytest.param(8, "texts", "texts", id="8-text"),
    pytest.param(9, "notes", "notes", id="9-note"),
    pytest.param(10, "tasks", "tasks", id="10-task"),
    pytest.param(11, "appointments", "appointments", id="11-appointment"),
]


@pytest.mark.parametrize(("list_id", "source", "table"), COLLECTIONS)
async def test_each_routed_type_lands_in_its_table_and_deletions_are_marked(
    harness: Harness, list_id: int, source: str, table: str
) -> None:
    server = lofty(harness)
    coll, field = server.collections[source], server.stamps[source].change
    await harness.client.webhooks.sync([Wanted(list_id, harness.url)])
    ids = harness.sb.mutate("lofty", source, 4)
    await harness.settle()
    rows = rows_of(harness, table)
    assert set(rows) == {str(i) for i in ids}
    for i in ids:
        data = json.loads(rows[str(i)][2])
        assert data[field] == coll.get(i)[field], "the changed record, as the API has it now"
        assert rows[str(i)][4] is None
    gone = server.remove(source, ids[:1])
    await harness.settle()
    rows = rows_of(harness, table)
    assert set(rows) == {str(i) for i in ids}
    assert [k for k, r in rows.items() if r[4] is not None] == [str(gone[0])]
    assert json.loads(rows[str(gone[0])][2])[field] is not None  # last known data kept


async def test_one_leads_transactions_take_one_request(harness: Harness) -> None:
    """Events of several records of one lead: one list of the lead's transactions."""
    await harness.client.webhooks.sync([Wanted(5, harness.url)])
    lead = harness.sb.first_id("lofty", "leads")

    async def add_three() -> None:
        for k in range(3):
            await harness.client.leads.add_transaction(lead, {"transactionName": f"{k} Elm"})

    assert await one_round(harness, add_three()) == 1
    rows = rows_of(harness, "transactions")
    names = sorted(json.loads(r[2])["transactionName"] for r in rows.values())
    assert names == ["0 Elm", "1 Elm", "2 Elm"]
    assert {json.loads(r[2])["leadId"] for r in rows.values()} == {lead}


async def test_notes_of_one_lead_take_one_list_and_the_missing_one_a_get(
    harness: Harness,
) -> None:
    await harness.client.webhooks.sync([Wanted(9, harness.url)])
    client, lead = harness.client, harness.sb.first_id("lofty", "leads")
    first, second = (await client.notes.list(lead_id=lead, raw=True).collect())[:2]

    async def change() -> None:
        await client.notes.create({"leadId": lead, "content": "new"})
        await client.notes.update(first["id"], {"content": "edited"})
        await client.notes.delete(second["id"])

    # GET /notes?leadId= for the three, then GET /notes/{id} for the one it lacks: 404
    assert await one_round(harness, change()) == 2
    rows = rows_of(harness, "notes")
    assert len(rows) == 3 and json.loads(rows[str(first["id"])][2])["content"] == "edited"
    assert [k for k, r in rows.items() if r[4] is not None] == [str(second["id"])]


async def test_site_activities_of_a_lead_are_fetched_once(harness: Harness) -> None:
    await harness.client.webhooks.sync([Wanted(3, harness.url)])
    lead = harness.sb.record("lofty", "leads", 5)["leadId"]  # 185 activities
    added = [{"type": "Search", "text": f"homes {k}", "link": "https://a.test/s"} for k in (1, 2)]

    async def add() -> None:
        for activity in added:
            await harness.client.leads.add_activity(lead, activity)

    requests = await one_round(harness, add())
    count = lofty(harness).activity_count(lead)
    assert count > 100 and requests == count // 100 + 1  # pages of 100 up to a short one
    rows = rows_of(harness, "lead_activities")
    assert len(rows) == count and all(k.startswith(f"{lead}:") for k in rows)
    texts = {json.loads(r[2])["text"] for r in rows.values()}
    assert {"homes 1", "homes 2"} <= texts
    again = await harness.client.leads.activities(lead, raw=True).collect()
    assert set(rows) == {activity_key(str(lead), a) for a in again}, "keys are stable"


async def test_a_pipeline_change_syncs_the_lead(harness: Harness) -> None:
    await harness.client.webhooks.sync([Wanted(12, harness.url)])
    lead = harness.sb.first_id("lofty", "leads")
    await harness.client.leads.update(lead, {"stage": "Under Contract"})
    await harness.client.leads.update(lead, {"lastName": "No pipeline event"})
    await harness.settle()
    assert harness.deliveries.stats.events == 1
    (row,) = rows_of(harness, "leads").values()
    assert json.loads(row[2])["stage"] == "Under Contract"


async def test_listing_alerts_are_kept_as_events(harness: Harness) -> None:
    """The document has no operation that reads a listing alert: kept as received."""
    body = [{"eventId": "a1", "listId": 4, "alertId": 77, "eventType": "updated", "x": [1]}]
    before = harness.sb.stats["lofty"].requests
    await post(harness, body)
    assert harness.sb.stats["lofty"].requests == before, "nothing fetched"
    kept = harness.sink._con.execute(
        "SELECT list_id, record_id, action, event FROM lofty_webhook_events"
    ).fetchall()
    assert [(k[0], k[1], k[2], json.loads(k[3])["x"]) for k in kept] == [(4, "77", "updated", [1])]


async def test_records_named_in_a_created_list_are_each_fetched(harness: Harness) -> None:
    """The document's email payload names records in ``createdEmail[].timelineId``."""
    emails = lofty(harness).emails
    ids = [emails.id_of(3), emails.id_of(5)]
    body = [{"eventId": "m1", "listId": 7, "leadId": 1,
             "createdEmail": [{"timelineId": i, "emailId": 1} for i in ids]}]  # fmt: skip
    events = parse_batch(body)
    assert [e.record_id for e in events] == [str(i) for i in ids]
    assert len({e.dedupe_key for e in events}) == 2 and {e.action for e in events} == {"created"}
    (odd,) = parse_batch([{"listId": 8, "createdText": [5]}])  # not an object: kept
    assert odd.raw == {"listId": 8, "eventType": "created", "value": 5} and odd.part == 0
    await post(harness, body)
    assert set(rows_of(harness, "emails")) == {str(i) for i in ids}


async def test_fetch_marks_what_the_api_no_longer_has(harness: Harness) -> None:
    """404, the communication gets' 400 PERMISSION_DENIED, a lead gone from under its
    records, a record missing from its lead's list, and ``deleteFlag``."""
    server, client = lofty(harness), harness.client
    call = server.calls.id_of(2)
    server.remove("calls", [call])
    got = await fetch_records(client, "calls", {str(call), str(server.calls.id_of(3))}, None)
    assert got.deleted == {str(call)} and set(got.records) == {str(server.calls.id_of(3))}
    appt = server.appointments.record(4)
    lead, other = str(appt["leadId"]), str(server.appointments.id_of(5))
    server.appointments.update(appt["id"], {"deleteFlag": True})
    wanted = {str(appt["id"]): lead, "999": lead, other: "1"}
    got = await fetch_records(client, "appointments", set(wanted), None, leads=wanted)
    assert got.requests == 2  # one list per lead; lead "1" does not exist
    assert got.deleted == set(wanted) and set(got.records) == {str(appt["id"])}
    with pytest.raises(Exception, match="400"):  # any other error is not a deletion
        await fetch_records(client, "appointments", {"1"}, None, leads={"1": "x"})
    assert ROUTES["lead_activities"].every and not ROUTES["agents"].by_lead


def test_the_document_has_an_operation_for_every_route() -> None:
    known = published_fields()
    for resource, route in ROUTES.items():
        assert route.endpoint.split("?")[0] in known, resource


async def test_an_error_that_is_not_a_deletion_fails_the_fetch() -> None:
    async def refuse(*args: Any, **kwargs: Any) -> Any:
        raise APIStatusError("unavailable", status_code=503, code=503)

    client = SimpleNamespace(notes=SimpleNamespace(get=refuse))
    with pytest.raises(APIStatusError, match="503"):
        await fetch_records(client, "notes", {"1"}, None)


async def test_the_sandbox_serves_the_routed_lead_operations_as_published(
    harness: Harness,
) -> None:
    """``GET /v1.0/appts`` and the lead transactions answer in the document's shapes;
    a transaction updated or added through the API is synced from its event."""
    server, client = lofty(harness), harness.client
    fields = published_fields()
    tx = server.transactions.record(2)
    lead = tx["leadId"]
    one = await client.leads.get_transaction(lead, tx["transactionId"], raw=True)
    listed = await client.leads.transactions(lead, raw=True)
    appts = await client.tasks.appointments(lead, raw=True)
    assert listed == [one] and len(appts) == 1
    # beyond the document: the ids GET /v2.0/transactions also answers with
    assert set(one) - fields["GET /v1.0/leads/{leadId}/transaction/{transactionId}"] == {
        "id", "leadId",
    }  # fmt: skip
    assert set(appts[0]) <= fields["GET /v1.0/appts"]
    with pytest.raises(NotFoundError):  # another lead's transaction does "not exist"
        await client.leads.get_transaction(lead + 1, tx["transactionId"], raw=True)
    with pytest.raises(APIStatusError, match="transactionName"):
        await client.leads.add_transaction(lead, {"homePrice": 1})
    with pytest.raises(APIStatusError, match="leadId"):
        await client.tasks.appointments()
    await client.webhooks.sync([Wanted(5, harness.url)])
    await client.leads.update_transaction(lead, tx["transactionId"], {"homePrice": 123})
    await harness.settle()
    (row,) = rows_of(harness, "transactions").values()
    assert json.loads(row[2])["homePrice"] == 123
    assert server.changed("logTypes", "updated", [{"id": 1}]) == 0  # no webhook type


async def test_many_agents_are_found_in_one_members_listing(harness: Harness) -> None:
    server, client = lofty(harness), harness.client
    ids = {str(server.members.id_of(k)) for k in range(30)}
    gone = server.remove("members", [server.members.id_of(7)])
    before = harness.sb.stats["lofty"].requests
    got = await fetch_records(client, "agents", ids, None)
    # GET /members, 100 a page, read to its end (500 members) as one agent is missing from
    # it, then GET /users/{id} for that one: 404
    assert got.requests == 5 + 1 == harness.sb.stats["lofty"].requests - before
    assert got.deleted == {str(gone[0])} and set(got.records) == ids - got.deleted
    present = ids - got.deleted
    found = await fetch_records(client, "agents", present, None)
    assert found.requests == 1 and found.records == got.records  # all on the first page
    each = await fetch_records(client, "agents", ids, None, scroll_above=30)
    assert each.requests == 30 and each.records == got.records
    leads = {str(server.leads.id_of(k)) for k in range(21)}
    assert (await fetch_records(client, "leads", leads, None)).requests == 21  # no time: gets


async def test_a_record_read_under_its_lead_is_skipped_without_one(harness: Harness) -> None:
    for resource in ("transactions", "appointments"):
        got = await fetch_records(harness.client, resource, {"1"}, None)
        assert (got.records, got.deleted, got.requests) == ({}, set(), 0)
