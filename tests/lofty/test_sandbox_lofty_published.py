"""The Lofty operations only Lofty's OpenAPI document publishes, each called through
``LoftyClient`` against the sandbox (which answers in the document's shapes): the typed
result, paging to the end across several pages, and the sandbox's state after writes."""

from __future__ import annotations

import datetime as dt

import pytest

from real_estate_async import LoftyClient
from real_estate_async._errors import NotFoundError, ValidationError
from real_estate_async.providers.lofty import (
    ActivityV2,
    CalendarCreateResult,
    CalendarItem,
    CallRecordingUrl,
    CallScript,
    CallSummary,
    EmailSendResult,
    LeadPipeline,
    ListingItem,
    MeetingSlot,
    MuteStatus,
    PlanTask,
    SalesAgent,
    SalesAgentQuota,
    SalesAgentSettings,
    SmsSendResult,
    TaskRequestV2,
    TaskV2,
    TransactionPipeline,
    TransactionV2,
    WorkingLead,
)
from real_estate_async.providers.lofty.models import Call, Communication, Email, Text
from real_estate_async.sandbox import LoftyServer, RateLimits, Sandbox

RECORDS = 120
LEAD0 = 100_000_000
MEMBER0 = 5_000

pytestmark = pytest.mark.sandbox(
    records=RECORDS, vendors=["lofty"], rate_limits=RateLimits.relaxed()
)


def _client(sb: Sandbox) -> LoftyClient:
    return LoftyClient(**sb.client_kwargs("lofty"), max_retries=0)


def _server(sb: Sandbox) -> LoftyServer:
    server = sb.server("lofty")
    assert isinstance(server, LoftyServer)
    return server


# ------------------------------------------------------------------ tasks v2


async def test_tasks_v2_lifecycle(sb: Sandbox) -> None:
    async with _client(sb) as lofty:
        created = await lofty.tasks_v2.create(
            TaskRequestV2(lead_id=LEAD0 + 1, type="Call", content="Ring", time_zone_code="UTC")
        )
        task_id = created["taskId"]
        task = await lofty.tasks_v2.get(task_id)
        assert isinstance(task, TaskV2) and task.content == "Ring" and task.lead_id == LEAD0 + 1
        assert task.finish_flag is False
        await lofty.tasks_v2.finish(task_id)
        assert (await lofty.tasks_v2.get(task_id)).finish_flag is True
        await lofty.tasks_v2.unfinish(task_id)
        assert (await lofty.tasks_v2.get(task_id, raw=True))["finishFlag"] is False
        await lofty.tasks_v2.update(task_id, {"content": "Ring again"})
        of_lead = await lofty.tasks_v2.list(LEAD0 + 1)
        assert [t.content for t in of_lead if t.id == task_id] == ["Ring again"]
        assert all(isinstance(t, TaskV2) and t.lead_id == LEAD0 + 1 for t in of_lead)
        await lofty.tasks_v2.delete(task_id)
        with pytest.raises(NotFoundError):
            await lofty.tasks_v2.get(task_id)


async def test_my_tasks_pages_by_last_id_through_every_task(sb: Sandbox) -> None:
    state = _server(sb).published
    async with _client(sb) as lofty:
        pager = lofty.tasks_v2.my_tasks(limit=7)
        tasks = await pager.collect()
    # Sorted by start time, so ids are not ascending: the id only anchors the position.
    assert len(tasks) == len(state.tasks) and pager.pages_fetched > 2
    assert len({t.id for t in tasks}) == len(tasks)
    starts = [t.start_at or "" for t in tasks]
    assert starts == sorted(starts, reverse=True)
    assert [t.id for t in tasks] != sorted(t.id or 0 for t in tasks)


async def test_my_tasks_resumes_mid_page_exactly(sb: Sandbox) -> None:
    async with _client(sb) as lofty:
        every = [t.id for t in await lofty.tasks_v2.my_tasks(limit=10).collect()]
        first = lofty.tasks_v2.my_tasks(limit=10)
        head = [t.id for t in await first.collect(13)]
        rest = [
            t.id for t in await lofty.tasks_v2.my_tasks(limit=10, resume_from=first.state).collect()
        ]
    assert head + rest == every


# ------------------------------------------------------------------ calendar


async def test_calendar_lifecycle_and_page_paging(sb: Sandbox) -> None:
    state = _server(sb).published
    async with _client(sb) as lofty:
        pager = lofty.calendar.list(start_time=dt.datetime(2020, 1, 1), page_size=9)
        items = await pager.collect()
        assert len(items) == len(state.calendar) and pager.pages_fetched >= 3
        assert all(isinstance(i, CalendarItem) for i in items)
        assert pager.total == len(state.calendar)

        made = await lofty.calendar.create(
            {"type": "APPOINTMENT", "content": "Showing", "leadId": LEAD0 + 2,
             "timeZoneCode": "UTC", "startAt": "2026-03-01T14:00:00+00:00"}
        )  # fmt: skip
        assert isinstance(made, CalendarCreateResult) and made.id and made.type == "APPOINTMENT"
        await lofty.calendar.update(made.id, {"content": "Showing at 3"})
        await lofty.calendar.finish(made.id)
        assert state.calendar[made.id]["finished"] is True
        await lofty.calendar.unfinish(made.id)
        of_lead = await lofty.calendar.list(start_time_ms=0, lead_id=LEAD0 + 2).collect()
        assert [i.content for i in of_lead if i.id == made.id] == ["Showing at 3"]
        await lofty.calendar.delete(made.id)
        assert made.id not in state.calendar
        with pytest.raises(ValueError, match="start_time or end_time"):
            lofty.calendar.list()


async def test_available_meetings(sb: Sandbox) -> None:
    start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    async with _client(sb) as lofty:
        slots = await lofty.calendar.available_meetings(
            start_time=start, end_time=start + dt.timedelta(days=2), limit=5
        )
    assert len(slots) == 5 and all(isinstance(s, MeetingSlot) for s in slots)


# --------------------------------------------------------------- sales agent


async def test_sales_agent_reads_and_settings(sb: Sandbox) -> None:
    state = _server(sb).published
    working = next(iter(state.working))
    async with _client(sb) as lofty:
        settings = await lofty.sales_agent.settings()
        assert isinstance(settings, SalesAgentSettings) and settings.assistant_name == "Ava"
        assert settings.active_days == [1, 2, 3, 4, 5]
        await lofty.sales_agent.update_settings({"assistantName": "Max"})
        assert (await lofty.sales_agent.settings()).assistant_name == "Max"
        current = await lofty.sales_agent.current()
        assert isinstance(current, SalesAgent) and current.assistant_name == "Max"
        assert (await lofty.sales_agent.for_lead(working)).user_id == MEMBER0
        quota = await lofty.sales_agent.quota()
        assert isinstance(quota, SalesAgentQuota) and quota.used_quota == len(state.working)
        status = await lofty.sales_agent.mute_status(working)
        assert isinstance(status, MuteStatus) and status.mute == "false"


async def test_sales_agent_messages(sb: Sandbox) -> None:
    state = _server(sb).published
    async with _client(sb) as lofty:
        await lofty.sales_agent.send_sms_to_agent({"agentId": MEMBER0, "content": "hi"})
        await lofty.sales_agent.send_ai_number_sms_to_agent({"agentId": MEMBER0, "content": "yo"})
        await lofty.sales_agent.send_email_to_agent({"agentId": MEMBER0, "subject": "s"})
        await lofty.sales_agent.send_task_reminder({"agentId": MEMBER0, "taskId": 1})
    paths = [m["path"].rsplit("/", 1)[-1] for m in state.outbox]
    assert paths == ["send-to-agent", "send-sms-to-agent", "send-to-agent", "send-task-reminder"]
    assert state.outbox[1]["content"] == "yo"


# ------------------------------------------------------------- working leads


async def test_working_leads_offset_pages_add_get_mute(sb: Sandbox) -> None:
    state = _server(sb).published
    async with _client(sb) as lofty:
        pager = lofty.working_leads.list(limit=11)
        leads = await pager.collect()
        assert len(leads) == len(state.working) and pager.pages_fetched >= 3
        assert all(isinstance(w, WorkingLead) for w in leads)
        stage = await lofty.working_leads.list(ai_stage="AI_MONITORING").collect()
        assert stage and all(w.extra["aiStage"] == "AI_MONITORING" for w in stage)

        newcomer = LEAD0 + 1  # odd leads are not working leads in the sandbox
        with pytest.raises(NotFoundError):
            await lofty.working_leads.get(newcomer)
        await lofty.working_leads.add({"leadIds": [newcomer]})
        got = await lofty.working_leads.get(newcomer)
        assert isinstance(got, WorkingLead) and got.lead_id == newcomer
        await lofty.working_leads.mute(newcomer)
        assert (await lofty.sales_agent.mute_status(newcomer)).mute == "true"


async def test_plan_tasks(sb: Sandbox) -> None:
    working = next(iter(_server(sb).published.working))
    async with _client(sb) as lofty:
        result = await lofty.plan_tasks.create([working, LEAD0 + 1])
        assert result["data"] == {"succeeded": [working], "failed": [LEAD0 + 1]}
        tasks = await lofty.plan_tasks.list(working)
    assert len(tasks) == 1 and isinstance(tasks[0], PlanTask) and tasks[0].task_type == "CALL"


# -------------------------------------------------------------- transactions


async def test_transactions_page_num_paging_with_filters(sb: Sandbox) -> None:
    state = _server(sb).published
    async with _client(sb) as lofty:
        pager = lofty.transactions.list(transaction_type="All", page_size=13)
        every = await pager.collect()
        assert len(every) == len(state.transactions) and pager.pages_fetched == -(-RECORDS // 13)
        assert all(isinstance(t, TransactionV2) for t in every)
        listing = await lofty.transactions.list(transaction_type="Listing", page_size=5).collect()
        assert listing and {t.transaction_type for t in listing} == {"Listing"}
        assert len(listing) == sum(t["transactionType"] == "Listing" for t in state.transactions)
        pipelines = await lofty.transactions.pipelines()
    assert [p.transaction_type for p in pipelines] == ["Purchase", "Listing", "Lease", "Other"]
    assert isinstance(pipelines[0], TransactionPipeline) and pipelines[0].stages
    assert pipelines[0].stages[0].name == "Open"


# ------------------------------------------------------------------------ AI


async def test_ai_operations(sb: Sandbox) -> None:
    async with _client(sb) as lofty:
        insight = await lofty.ai.prepare_insight({"leadId": LEAD0})
        assert insight["code"] == 0
        created = await lofty.ai.create_lead_analysis({"leadIds": [LEAD0, LEAD0 + 1]})
        assert created["data"]["leadIds"] == [LEAD0, LEAD0 + 1]
        page = await lofty.ai.lead_analyses(page_num=1, page_size=10)
        assert page["data"]["total"] == 1
        await lofty.ai.generate_call_summary({"callRecordId": 5, "leadId": LEAD0})
        summary = await lofty.ai.call_summary(5)
        assert isinstance(summary, CallSummary) and summary.recording_id == 5
        assert summary.keywords and summary.keywords[0].content == "showing"
        script = await lofty.ai.call_script({"leadId": LEAD0})
    assert isinstance(script, CallScript) and script.key_talking_points
    assert script.key_talking_points[0].title == "Budget"


# -------------------------------------------------------- messages and agents


async def test_messages_to_leads(sb: Sandbox) -> None:
    async with _client(sb) as lofty:
        sms = await lofty.messages.send_sms({"leadId": LEAD0 + 3, "content": "Hello"})
        assert isinstance(sms, SmsSendResult) and sms.phone_number == "5550000003"
        email = await lofty.messages.send_email(
            {"leadId": LEAD0 + 3, "subject": "Homes", "content": "See these"}
        )
        assert isinstance(email, EmailSendResult) and email.to_email == "lead3@example.com"
        with pytest.raises(ValidationError):
            await lofty.messages.send_sms({"leadId": LEAD0 + 3})


async def test_agents_deactivate_reactivate_tag(sb: Sandbox) -> None:
    state = _server(sb).published
    async with _client(sb) as lofty:
        await lofty.agents.deactivate(MEMBER0 + 1)
        assert MEMBER0 + 1 in state.deactivated
        await lofty.agents.reactivate(MEMBER0 + 1)
        assert MEMBER0 + 1 not in state.deactivated
        answer = await lofty.agents.add_tags(MEMBER0 + 1, ["VIP", "Top"], auto_create=True)
        assert answer["data"] is True
        with pytest.raises(NotFoundError):
            await lofty.agents.deactivate(1)
    assert state.agent_tags[MEMBER0 + 1] == ["VIP", "Top"]


# ---------------------------------------------------------- communication v2


async def test_communication_v2_by_id(sb: Sandbox) -> None:
    server = _server(sb)
    call_id = server.calls.id_of(4)
    async with _client(sb) as lofty:
        call = await lofty.communication_v2.get_call(call_id)
        email = await lofty.communication_v2.get_email(server.emails.id_of(4))
        text = await lofty.communication_v2.get_text(server.texts.id_of(4))
        url = await lofty.calls.recording_url(call_id)
    assert isinstance(call, Call) and call.id == call_id and call.lead_id == LEAD0 + 4
    assert isinstance(email, Email) and email.email_subject == "Homes for you #4"
    assert isinstance(text, Text) and text.id == server.texts.id_of(4)
    assert isinstance(url, CallRecordingUrl) and url.id == call_id


async def test_agent_communication_follows_the_cursor_to_the_end(sb: Sandbox) -> None:
    start = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    end = start + dt.timedelta(days=90)
    server = _server(sb)
    expected = []
    for i in range(server.communications.total_indexes):
        rec = server.communications.record(i)
        assert rec is not None
        moment = dt.datetime.fromisoformat(rec["communicationTime"].replace("Z", "+00:00"))
        if start <= moment <= end and rec["eventType"] == "Call":
            expected.append(rec["id"])
    async with _client(sb) as lofty:
        pager = lofty.communication_v2.by_agent(
            start_time=start, end_time=end, type="CALL", limit=7
        )
        items = await pager.collect()
    assert [c.id for c in items] == expected and expected
    assert all(isinstance(c, Communication) for c in items)
    assert pager.pages_fetched > 2


# ------------------------------------------ activities, listings, lead pipelines


async def test_activities_v2_by_last_id(sb: Sandbox) -> None:
    async with _client(sb) as lofty:
        pager = lofty.leads.activities_v2(LEAD0 + 5, limit=4, time_zone_code="UTC")
        items = await pager.collect()
    assert len(items) == 25 and pager.pages_fetched == 7
    assert all(isinstance(a, ActivityV2) and a.lead_id == LEAD0 + 5 for a in items)
    assert len({a.id for a in items}) == 25


async def test_listing_search_pages_in_the_body_until_has_more_is_false(sb: Sandbox) -> None:
    server = _server(sb)
    async with _client(sb) as lofty:
        pager = lofty.listings.search({"searchScope": "all", "pageNum": 9}, page_size=25)
        active = await pager.collect()
        sold = await lofty.listings.search({"soldFlag": True}, page_size=100).collect()
    assert len(active) == len(server.listings) and pager.pages_fetched == -(-RECORDS // 25)
    assert all(isinstance(item, ListingItem) for item in active)
    assert len(sold) == len(server.sold)
    assert {item.extra["status"] for item in sold} == {"Sold"}


async def test_lead_pipelines_curr_page_paging_with_a_name_filter(sb: Sandbox) -> None:
    async with _client(sb) as lofty:
        pager = lofty.team_features.lead_pipelines(page_size=5)
        every = await pager.collect()
        buyers = await lofty.team_features.lead_pipelines(name="buyer", page_size=2).collect()
    assert len(every) == 23 and pager.pages_fetched == 5
    assert all(isinstance(p, LeadPipeline) for p in every)
    assert buyers and all((p.name or "").startswith("Buyer") for p in buyers)
    assert len(buyers) == sum((p.name or "").startswith("Buyer") for p in every)
