"""The twelve Ovipro operations: request shape (method, path, query, body, headers) and
decoding; UUID, datetime and coordinate validation before any request; the path table."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from conftest import ServerFactory
from multidict import MultiDict

from real_estate_async import ConfigurationError
from real_estate_async.providers.ovipro import (
    DEFAULT_PATHS,
    Agency,
    AgencyOffice,
    Agent,
    AgentSearchResult,
    OfficeContact,
    OviproClient,
)

TOKEN = "eyJhbGciOiJIUzI1NiJ9.ovipro-test-token.sig"
AGENCY_ID = "3ee33c0c-312b-49f6-b5b3-98e2cbaf832f"
OFFICE_ID = "edf9fb6b-00d6-4769-812e-d0c93a584c7b"
AGENT_ID = "ecddaeca-160a-46c4-987a-075942a4c512"
AGENT_2 = "abdb48eb-19d8-4b98-a045-63acf3306e79"

AGENCY = {
    "agencyId": AGENCY_ID,
    "agencyNumber": 1021,
    "agencyOrganizationGroupId": "4ba0a05e-6a35-4a79-a556-ec2a2a0e1dac",
    "businessIdentification": {"businessId": "1234567-8"},
    "marketingName": "Kiinteistöykkönen Pirkanmaa",
    "officialName": "Kiinteistöykkönen Pirkanmaa Oy LKV",
    "visitingAddress": {"city": "Tampere"},
}
OFFICE = {
    "agencyOfficeId": OFFICE_ID,
    "agencyOfficeNumber": 1055,
    "name": "Kiinteistöykkönen Tampere",
    "contacts": [{"id": "c1"}],
    "marketingName": [{"languageCode": "fi", "value": "Ykkönen"}],
    "contactRecipientCode": "RESPONSIBLE_AGENT",
    "agentSortOrderCode": "RANDOM",
    "futureField": 1,
}
AGENT = {
    "agentId": AGENT_ID,
    "firstName": "Ville",
    "lastName": "Välittäjä",
    "emailAddress": "ville.valittaja@example.com",
    "birthDate": "1985-05-12",
    "state": "ACTIVE",
    "defaultAgencyOfficeId": OFFICE_ID,
    "modificationTime": "2019-01-01T12:00:00Z",
}


@dataclass
class Seen:
    method: str
    path: str
    query: MultiDict[str]
    headers: dict[str, str]
    body: Any = field(default=None)


class FakeOvipro:
    """Answers every default path with the response samples of the Ovipro Agency API 1.0
    document; records requests."""

    def __init__(self) -> None:
        self.calls: list[Seen] = []

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.Response:
        text = await request.text()
        body = json.loads(text) if text else None
        self.calls.append(
            Seen(
                request.method, request.path, MultiDict(request.query), dict(request.headers), body
            )
        )
        key = (request.method, request.path)
        office = f"/agency-offices/{OFFICE_ID}"
        answers: dict[tuple[str, str], Any] = {
            ("GET", "/agencies"): {"agencies": [AGENCY]},
            ("GET", f"/agencies/{AGENCY_ID}"): AGENCY,
            ("GET", "/agency-offices"): {"agencyOffices": [OFFICE]},
            ("GET", office): OFFICE,
            ("PUT", office): None,
            ("PUT", f"{office}/coordinates"): None,
            ("PUT", f"{office}/contacts"): [{"id": "c1", "name": "Front desk"}, {"id": "c9"}],
            ("GET", f"{office}/public-agents"): {"agents": [AGENT]},
            ("POST", f"{office}/public-agents"): None,
            ("DELETE", f"{office}/public-agents/{AGENT_ID}"): {},
            ("GET", "/agents"): {"agents": [AGENT], "totalCount": 1},
            ("GET", f"/agents/{AGENT_ID}"): AGENT,
        }
        if key not in answers:
            return web.json_response(
                {"errorCode": "INVALID_ID", "message": f"no route {key}"}, status=404
            )
        answer = answers[key]
        if answer is None:
            return web.Response(status=204)
        return web.json_response(answer)


@pytest.fixture
async def fake(serve: ServerFactory) -> Any:
    server = FakeOvipro()
    base = await serve(server.app())
    async with OviproClient(TOKEN, base_url=base) as client:
        yield server, client


def _check_headers(seen: Seen) -> None:
    assert seen.headers["Authorization"] == f"Bearer {TOKEN}"
    assert uuid.UUID(seen.headers["Request-ID"]).version == 4


# -------------------------------------------------------------------- agencies


async def test_agencies_find(fake: Any) -> None:
    server, client = fake
    agencies = await client.agencies.find(agent_id=AGENT_ID)
    assert agencies == [Agency.from_dict(AGENCY)]
    assert agencies[0].marketing_name == "Kiinteistöykkönen Pirkanmaa"
    assert agencies[0].agency_number == 1021
    (seen,) = server.calls
    assert (seen.method, seen.path, list(seen.query.items())) == (
        "GET",
        "/agencies",
        [("agentId", AGENT_ID)],
    )
    _check_headers(seen)
    assert await client.agencies.find(agent_id=uuid.UUID(AGENT_ID), raw=True) == [AGENCY]


async def test_agencies_get(fake: Any) -> None:
    server, client = fake
    agency = await client.agencies.get(AGENCY_ID)
    assert isinstance(agency, Agency) and agency.agency_id == AGENCY_ID
    assert agency.to_dict() == AGENCY
    assert (server.calls[0].method, server.calls[0].path) == ("GET", f"/agencies/{AGENCY_ID}")
    _check_headers(server.calls[0])


# -------------------------------------------------------------- agency offices


async def test_agency_offices_find_all_criteria(fake: Any) -> None:
    server, client = fake
    tz = dt.timezone(dt.timedelta(hours=2))
    offices = await client.agency_offices.find(
        agency_id=AGENCY_ID,
        agent_id=AGENT_ID,
        modified_after=dt.datetime(2021, 11, 12, 12, 34, 56, tzinfo=tz),
    )
    assert offices == [AgencyOffice.from_dict(OFFICE)]
    assert offices[0].extra == {"futureField": 1}
    seen = server.calls[0]
    assert (seen.method, seen.path) == ("GET", "/agency-offices")
    # the '+' of the offset arrives intact (it is percent-encoded on the wire)
    assert dict(seen.query) == {
        "agencyId": AGENCY_ID,
        "agentId": AGENT_ID,
        "modifiedAfter": "2021-11-12T12:34:56+02:00",
    }


async def test_agency_offices_find_no_criteria(fake: Any) -> None:
    server, client = fake
    assert await client.agency_offices.find(raw=True) == [OFFICE]
    assert dict(server.calls[0].query) == {}


async def test_agency_offices_get(fake: Any) -> None:
    server, client = fake
    office = await client.agency_offices.get(OFFICE_ID)
    assert office.agency_office_number == 1055
    assert office.contact_recipient_code == "RESPONSIBLE_AGENT"
    assert office.to_dict() == OFFICE
    assert (server.calls[0].method, server.calls[0].path) == ("GET", f"/agency-offices/{OFFICE_ID}")


async def test_agency_offices_update_fills_the_id(fake: Any) -> None:
    server, client = fake
    result = await client.agency_offices.update(
        OFFICE_ID, {"agentSortOrderCode": "AGENT_NAME", "reportingName": "Tre"}
    )
    assert result is None  # 204
    seen = server.calls[0]
    assert (seen.method, seen.path) == ("PUT", f"/agency-offices/{OFFICE_ID}")
    assert seen.body == {
        "agentSortOrderCode": "AGENT_NAME",
        "reportingName": "Tre",
        "agencyOfficeId": OFFICE_ID,
    }
    assert seen.headers["Content-Type"] == "application/json"


async def test_agency_offices_update_accepts_a_model(fake: Any) -> None:
    server, client = fake
    office = AgencyOffice.from_dict(OFFICE)
    office.agent_sort_order_code = "NEWEST"
    await client.agency_offices.update(OFFICE_ID, office)
    assert server.calls[0].body["agentSortOrderCode"] == "NEWEST"
    assert server.calls[0].body["futureField"] == 1


async def test_agency_offices_update_rejects_mismatched_id(fake: Any) -> None:
    server, client = fake
    with pytest.raises(ValueError, match="differs"):
        await client.agency_offices.update(OFFICE_ID, {"agencyOfficeId": AGENCY_ID})
    with pytest.raises(ValueError):
        await client.agency_offices.update(OFFICE_ID, {})
    assert server.calls == []


async def test_agency_offices_update_coordinates(fake: Any) -> None:
    server, client = fake
    await client.agency_offices.update_coordinates(OFFICE_ID, latitude=61.48662, longitude=23.24047)
    seen = server.calls[0]
    assert (seen.method, seen.path) == ("PUT", f"/agency-offices/{OFFICE_ID}/coordinates")
    assert seen.body == {"latitude": 61.48662, "longitude": 23.24047}


@pytest.mark.parametrize(
    ("lat", "lon"), [(91, 0), (0, -181), (float("nan"), 0), (True, 0), ("61.4", 23.2)]
)
async def test_agency_offices_update_coordinates_validation(fake: Any, lat: Any, lon: Any) -> None:
    server, client = fake
    with pytest.raises((ValueError, TypeError)):
        await client.agency_offices.update_coordinates(OFFICE_ID, latitude=lat, longitude=lon)
    assert server.calls == []


async def test_agency_offices_update_contacts(fake: Any) -> None:
    server, client = fake
    contacts = await client.agency_offices.update_contacts(
        OFFICE_ID,
        [{"id": "c1", "name": "Front desk"}, {"name": "New"}],
        office_description=[{"languageCode": "fi", "value": "Kuvaus"}],
    )
    assert contacts == [
        OfficeContact.from_dict({"id": "c1", "name": "Front desk"}),
        OfficeContact(id="c9"),
    ]
    assert contacts[0].extra == {"name": "Front desk"}
    seen = server.calls[0]
    assert (seen.method, seen.path) == ("PUT", f"/agency-offices/{OFFICE_ID}/contacts")
    assert seen.body == {
        "contacts": [{"id": "c1", "name": "Front desk"}, {"name": "New"}],
        "officeDescription": [{"languageCode": "fi", "value": "Kuvaus"}],
    }
    with pytest.raises(TypeError):
        await client.agency_offices.update_contacts(OFFICE_ID, {"name": "not a list"})
    assert len(server.calls) == 1


async def test_agency_offices_public_agents(fake: Any) -> None:
    server, client = fake
    agents = await client.agency_offices.public_agents(OFFICE_ID)
    assert agents == [Agent.from_dict(AGENT)]
    assert (server.calls[0].method, server.calls[0].path) == (
        "GET",
        f"/agency-offices/{OFFICE_ID}/public-agents",
    )


async def test_agency_offices_add_public_agent(fake: Any) -> None:
    server, client = fake
    assert await client.agency_offices.add_public_agent(OFFICE_ID, AGENT_ID.upper()) is None
    seen = server.calls[0]
    assert (seen.method, seen.path) == ("POST", f"/agency-offices/{OFFICE_ID}/public-agents")
    assert seen.body == {"agentId": AGENT_ID}  # normalised to the document's lower-case pattern


async def test_agency_offices_delete_public_agent(fake: Any) -> None:
    server, client = fake
    assert await client.agency_offices.delete_public_agent(OFFICE_ID, AGENT_ID) == {}
    seen = server.calls[0]
    assert (seen.method, seen.path, seen.body) == (
        "DELETE",
        f"/agency-offices/{OFFICE_ID}/public-agents/{AGENT_ID}",
        None,
    )


# ---------------------------------------------------------------------- agents


async def test_agents_find_with_repeated_agent_ids(fake: Any) -> None:
    server, client = fake
    result = await client.agents.find(
        agency_office_id=OFFICE_ID,
        modified_after=dt.datetime(2021, 11, 12, 10, 34, 56, tzinfo=dt.timezone.utc),
        agent_ids=[AGENT_ID, uuid.UUID(AGENT_2)],
    )
    assert isinstance(result, AgentSearchResult)
    assert result.total_count == 1
    assert result.agents == [Agent.from_dict(AGENT)]
    assert result.agents[0].birth_date == dt.date(1985, 5, 12)
    assert result.agents[0].modification_time == dt.datetime(2019, 1, 1, 12, tzinfo=dt.timezone.utc)
    seen = server.calls[0]
    assert (seen.method, seen.path) == ("GET", "/agents")
    assert list(seen.query.items()) == [
        ("agencyOfficeId", OFFICE_ID),
        ("modifiedAfter", "2021-11-12T10:34:56+00:00"),
        ("agentId", AGENT_ID),
        ("agentId", AGENT_2),
    ]
    assert await client.agents.find(raw=True) == {"agents": [AGENT], "totalCount": 1}
    assert dict(server.calls[1].query) == {}


async def test_agents_find_single_id_and_string_datetime(fake: Any) -> None:
    server, client = fake
    await client.agents.find(agent_ids=AGENT_ID, modified_after="2021-11-12T12:34:56+02:00")
    assert list(server.calls[0].query.items()) == [
        ("modifiedAfter", "2021-11-12T12:34:56+02:00"),
        ("agentId", AGENT_ID),
    ]


async def test_agents_get(fake: Any) -> None:
    server, client = fake
    agent = await client.agents.get(AGENT_ID)
    assert agent.first_name == "Ville" and agent.state == "ACTIVE"
    assert agent.to_dict() == AGENT
    assert (server.calls[0].method, server.calls[0].path) == ("GET", f"/agents/{AGENT_ID}")


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    "bad",
    [
        "not-a-uuid",
        "",
        None,
        123,
        "edf9fb6b-00d6-0769-812e-d0c93a584c7b",  # version 0: outside the document's [1-5]
        "edf9fb6b-00d6-4769-c12e-d0c93a584c7b",  # variant 'c': outside [89ab]
        "edf9fb6b00d64769812ed0c93a584c7b",  # no dashes
        f"{OFFICE_ID}/../agents",
    ],
)
async def test_bad_uuids_fail_before_any_request(fake: Any, bad: Any) -> None:
    server, client = fake
    calls = [
        lambda: client.agencies.find(agent_id=bad),
        lambda: client.agencies.get(bad),
        lambda: client.agency_offices.get(bad),
        lambda: client.agency_offices.public_agents(bad),
        lambda: client.agency_offices.add_public_agent(OFFICE_ID, bad),
        lambda: client.agency_offices.delete_public_agent(bad, AGENT_ID),
        lambda: client.agency_offices.update_coordinates(bad, latitude=1, longitude=1),
        lambda: client.agents.get(bad),
        lambda: client.agents.find(agent_ids=[AGENT_ID, bad]),
    ]
    if bad is not None:
        calls += [
            lambda: client.agency_offices.find(agency_id=bad),
            lambda: client.agents.find(agency_office_id=bad),
        ]
    for call in calls:
        with pytest.raises((ValueError, TypeError)):
            await call()
    assert server.calls == []


async def test_naive_datetime_is_refused(fake: Any) -> None:
    server, client = fake
    with pytest.raises(ValueError, match="timezone-aware"):
        await client.agents.find(modified_after=dt.datetime(2021, 11, 12, 12, 0))
    with pytest.raises(ValueError, match="timezone-aware"):
        await client.agency_offices.find(modified_after="2021-11-12T12:00:00")
    with pytest.raises(ValueError, match="ISO 8601"):
        await client.agency_offices.find(modified_after="yesterday")
    with pytest.raises(TypeError):
        await client.agents.find(modified_after=dt.date(2021, 11, 12))
    assert server.calls == []


# ------------------------------------------------------------------ path table


async def test_paths_can_be_overridden(serve: ServerFactory) -> None:
    server = FakeOvipro()
    base = await serve(server.app())
    async with OviproClient(
        TOKEN,
        base_url=f"{base}/api",
        paths={
            "agents.get": "/v2/agents/{agent_id}",
            "agency_offices.update": "PATCH /agency-offices/{agency_office_id}",
        },
    ) as client:
        assert client.paths["agents.get"] == ("GET", "/v2/agents/{agent_id}")
        assert client.paths["agencies.get"] == ("GET", "/agencies/{agency_id}")
        with pytest.raises(Exception):  # noqa: B017 - the fake answers 404 for unknown paths
            await client.agents.get(AGENT_ID)
        with pytest.raises(Exception):  # noqa: B017
            await client.agency_offices.update(OFFICE_ID, {"reportingName": "x"})
    assert [(c.method, c.path) for c in server.calls] == [
        ("GET", f"/api/v2/agents/{AGENT_ID}"),
        ("PATCH", f"/api/agency-offices/{OFFICE_ID}"),
    ]


@pytest.mark.parametrize(
    "paths",
    [
        {"agents.nope": "/x"},
        {"agents.get": "/agents/{id}"},
        {"agents.get": "/agents"},
        {"agents.get": "FETCH /agents/{agent_id}"},
        {"agents.get": "agents/{agent_id}"},
        {"agents.get": "https://evil.example/agents/{agent_id}"},
    ],
)
def test_bad_path_overrides_are_refused(paths: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError):
        OviproClient(TOKEN, paths=paths)


def test_default_path_table_covers_the_twelve_operations() -> None:
    assert len(DEFAULT_PATHS) == 12
    client = OviproClient(TOKEN)
    for operation in DEFAULT_PATHS:
        group, name = operation.split(".")
        assert callable(getattr(getattr(client, group), name)), operation
