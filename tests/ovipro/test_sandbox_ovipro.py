"""The fake Ovipro server: the adapter's path table, Request-ID, bearer auth, the Agency API
document's error codes, ``totalCount`` and ``modifiedAfter``."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import aiohttp
import pytest

from real_estate_async import OviproClient
from real_estate_async._errors import AuthenticationError, NotFoundError
from real_estate_async.sandbox import OviproServer, Sandbox

RECORDS = 120


pytestmark = pytest.mark.sandbox(records=RECORDS, vendors=["ovipro"], rate_limits=None)


async def _get(sb: Sandbox, path: str, headers: dict[str, str], **params: Any) -> tuple[int, Any]:
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{sb.ovipro_url}{path}", params=params, headers=headers) as resp,
    ):
        return resp.status, await resp.json()


async def test_request_id_and_auth_errors(sb: Sandbox) -> None:
    token = sb.credentials["ovipro"]["access_token"]
    good = {"Authorization": f"Bearer {token}", "Request-ID": str(uuid.uuid4())}
    status, body = await _get(sb, "/agents", good)
    assert status == 200 and body["totalCount"] == RECORDS == len(body["agents"])
    status, body = await _get(sb, "/agents", {"Authorization": f"Bearer {token}"})
    assert status == 400 and body["errorCode"] == "BAD_REQUEST_PARAMETERS"
    assert set(body) == {"errorCode", "message", "errors"}
    status, body = await _get(sb, "/agents", {"Request-ID": str(uuid.uuid4())})
    assert status == 401 and body["errorCode"] == "UNAUTHORIZED"
    status, body = await _get(sb, "/agents", {**good, "Authorization": "Bearer nope"})
    assert status == 404 and body["errorCode"] == "INVALID_API_KEY"
    status, body = await _get(sb, f"/agents/{uuid.uuid4()}", good)
    assert status == 404 and body["errorCode"] == "INVALID_ID"
    status, body = await _get(sb, "/agencies", good)
    assert status == 400 and body["errorCode"] == "VALUE_REQUIRED"


async def test_client_finds_agents_offices_and_agencies(sb: Sandbox) -> None:
    async with OviproClient(**sb.client_kwargs("ovipro")) as ovipro:
        result = await ovipro.agents.find()
        assert result.total_count == RECORDS and len({a.agent_id for a in result.agents}) == RECORDS
        agent = result.agents[15]
        assert agent.agent_id is not None
        assert (await ovipro.agents.get(agent.agent_id)).first_name == agent.first_name
        offices = await ovipro.agency_offices.find()
        assert len(offices) == RECORDS // 10
        office = offices[1]
        in_office = await ovipro.agents.find(agency_office_id=office.agency_office_id)
        assert in_office.total_count == 10
        agencies = await ovipro.agencies.find(agent_id=agent.agent_id)
        assert len(agencies) == 1
        agency_offices = await ovipro.agency_offices.find(agency_id=agencies[0].agency_id)
        assert office.agency_office_id in {o.agency_office_id for o in agency_offices}
        picked = await ovipro.agents.find(
            agent_ids=[a.agent_id for a in result.agents[:3] if a.agent_id]
        )
        assert picked.total_count == 3
        cutoff = dt.datetime(2020, 6, 1, tzinfo=dt.timezone(dt.timedelta(hours=2)))
        recent = await ovipro.agents.find(modified_after=cutoff)
        expected = [
            a
            for a in result.agents
            if a.modification_time is not None and a.modification_time > cutoff
        ]
        assert recent.total_count == len(expected) and 0 < len(expected) < RECORDS


async def test_client_updates_offices_and_public_agents(sb: Sandbox) -> None:
    async with OviproClient(**sb.client_kwargs("ovipro")) as ovipro:
        offices = await ovipro.agency_offices.find()
        office, other = offices[0].agency_office_id, offices[1].agency_office_id
        outsider = (await ovipro.agents.find(agency_office_id=other)).agents[0].agent_id
        assert office and outsider
        assert len(await ovipro.agency_offices.public_agents(office)) == 10
        await ovipro.agency_offices.add_public_agent(office, outsider)
        assert len(await ovipro.agency_offices.public_agents(office)) == 11
        await ovipro.agency_offices.delete_public_agent(office, outsider)
        assert len(await ovipro.agency_offices.public_agents(office)) == 10
        await ovipro.agency_offices.update_coordinates(office, latitude=60.17, longitude=24.94)
        fetched = await ovipro.agency_offices.get(office, raw=True)
        assert fetched["location"] == {"latitude": 60.17, "longitude": 24.94}
        contacts = await ovipro.agency_offices.update_contacts(office, [{"name": "Desk"}])
        assert len(contacts) == 1
        with pytest.raises(NotFoundError):
            await ovipro.agents.get(uuid.uuid4())
    async with OviproClient("nope", base_url=sb.ovipro_url) as ovipro:
        with pytest.raises(AuthenticationError):
            await ovipro.agents.find()


async def test_expired_token_is_refreshed_through_the_token_provider(sb: Sandbox) -> None:
    server = sb.server("ovipro")
    assert isinstance(server, OviproServer)
    issued: list[str] = []

    async def provider() -> str:
        token = server.issue_token(ttl=0.0 if not issued else 900.0)  # the first one is stale
        issued.append(token)
        return token

    async with OviproClient(token_provider=provider, base_url=sb.ovipro_url) as ovipro:
        result = await ovipro.agents.find()
    assert result.total_count == RECORDS
    assert len(issued) == 2
