"""The twelve Ovipro Agency API operations, grouped as the Ovipro Agency API 1.0
document groups them."""

from __future__ import annotations

import datetime as _dt
import uuid
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

from ..._params import body_of, require_non_empty
from ..._resource import Body
from ._resource import OviproResource
from ._validate import aware_datetime, coordinate, uuid_list, uuid_param
from .models import Agency, AgencyOffice, Agent, AgentSearchResult, OfficeContact

if TYPE_CHECKING:
    pass

__all__ = ["Agencies", "AgencyOffices", "Agents"]

UUIDLike = str | uuid.UUID
DatetimeLike = _dt.datetime | str


class Agencies(OviproResource):
    """``client.agencies``: find the agencies of an agent; get one agency."""

    @overload
    async def find(self, *, agent_id: UUIDLike, raw: Literal[False] = ...) -> list[Agency]: ...
    @overload
    async def find(self, *, agent_id: UUIDLike, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def find(
        self, *, agent_id: UUIDLike, raw: bool = False
    ) -> list[Agency] | list[dict[str, Any]]:
        """Agencies visible to the agent (``agentId`` query, required)."""
        params = {"agentId": uuid_param(agent_id, "agent_id")}
        data = await self._call("agencies.find", params=params)
        return self._many(Agency, data, "agencies", raw=raw)

    @overload
    async def get(self, agency_id: UUIDLike, *, raw: Literal[False] = ...) -> Agency: ...
    @overload
    async def get(self, agency_id: UUIDLike, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, agency_id: UUIDLike, *, raw: bool = False) -> Agency | dict[str, Any]:
        """The agency ``agency_id``."""
        ids = {"agency_id": uuid_param(agency_id, "agency_id")}
        data = await self._call("agencies.get", ids)
        return self._one(Agency, data, raw=raw)


class AgencyOffices(OviproResource):
    """``client.agency_offices``: search, read and update offices and their public agents."""

    @overload
    async def find(
        self,
        *,
        agency_id: UUIDLike | None = None,
        agent_id: UUIDLike | None = None,
        modified_after: DatetimeLike | None = None,
        raw: Literal[False] = ...,
    ) -> list[AgencyOffice]: ...
    @overload
    async def find(
        self,
        *,
        agency_id: UUIDLike | None = None,
        agent_id: UUIDLike | None = None,
        modified_after: DatetimeLike | None = None,
        raw: Literal[True],
    ) -> list[dict[str, Any]]: ...
    async def find(
        self,
        *,
        agency_id: UUIDLike | None = None,
        agent_id: UUIDLike | None = None,
        modified_after: DatetimeLike | None = None,
        raw: bool = False,
    ) -> list[AgencyOffice] | list[dict[str, Any]]:
        """Offices by agency and/or agent (the Agency API document's "Find agency
        offices" explains how the two combine); with no
        criteria, every office the authenticated user can see. ``modified_after`` must be
        timezone-aware; it is sent as ISO 8601 with its offset."""
        params = {
            "agencyId": None if agency_id is None else uuid_param(agency_id, "agency_id"),
            "agentId": None if agent_id is None else uuid_param(agent_id, "agent_id"),
            "modifiedAfter": aware_datetime(modified_after, "modified_after"),
        }
        data = await self._call("agency_offices.find", params=params)
        return self._many(AgencyOffice, data, "agencyOffices", raw=raw)

    @overload
    async def get(
        self, agency_office_id: UUIDLike, *, raw: Literal[False] = ...
    ) -> AgencyOffice: ...
    @overload
    async def get(self, agency_office_id: UUIDLike, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(
        self, agency_office_id: UUIDLike, *, raw: bool = False
    ) -> AgencyOffice | dict[str, Any]:
        """The office ``agency_office_id``."""
        data = await self._call("agency_offices.get", self._office(agency_office_id))
        return self._one(AgencyOffice, data, raw=raw)

    @overload
    async def update(
        self,
        agency_office_id: UUIDLike,
        data: Body,
        *,
        raw: Literal[False] = ...,
    ) -> AgencyOffice | None: ...
    @overload
    async def update(
        self,
        agency_office_id: UUIDLike,
        data: Body,
        *,
        raw: Literal[True],
    ) -> dict[str, Any] | None: ...
    async def update(
        self,
        agency_office_id: UUIDLike,
        data: Body,
        *,
        raw: bool = False,
    ) -> AgencyOffice | None | dict[str, Any] | None:
        """Update the office. ``data`` uses the vendor's camelCase keys; ``agencyOfficeId``
        is filled in from the path id (and must match it if given). Returns the office when
        the vendor sends it back, else ``None``."""
        ids = self._office(agency_office_id)
        body = require_non_empty(data)
        given = body.get("agencyOfficeId")
        if given is not None and uuid_param(given, "agencyOfficeId") != ids["agency_office_id"]:
            raise ValueError(
                f"data['agencyOfficeId'] ({given}) differs from agency_office_id "
                f"({ids['agency_office_id']})"
            )
        body["agencyOfficeId"] = ids["agency_office_id"]
        result = await self._call("agency_offices.update", ids, json=body)
        if raw or not isinstance(result, Mapping) or not result:
            return result or None
        return AgencyOffice.from_dict(result)

    async def update_coordinates(
        self, agency_office_id: UUIDLike, *, latitude: float, longitude: float
    ) -> Any:
        """Set the office's coordinates (degrees; both required)."""
        ids = self._office(agency_office_id)
        body = {
            "latitude": coordinate(latitude, "latitude", 90.0),
            "longitude": coordinate(longitude, "longitude", 180.0),
        }
        return await self._call("agency_offices.update_coordinates", ids, json=body)

    @overload
    async def update_contacts(
        self,
        agency_office_id: UUIDLike,
        contacts: Sequence[Body],
        *,
        office_description: Sequence[Body] | None = None,
        raw: Literal[False] = ...,
    ) -> list[OfficeContact]: ...
    @overload
    async def update_contacts(
        self,
        agency_office_id: UUIDLike,
        contacts: Sequence[Body],
        *,
        office_description: Sequence[Body] | None = None,
        raw: Literal[True],
    ) -> list[dict[str, Any]]: ...
    async def update_contacts(
        self,
        agency_office_id: UUIDLike,
        contacts: Sequence[Body],
        *,
        office_description: Sequence[Body] | None = None,
        raw: bool = False,
    ) -> list[OfficeContact] | list[dict[str, Any]]:
        """Replace the office's contacts: entries without ``id`` are added, entries with one
        are updated, and **existing contacts missing from ``contacts`` are deleted** by the
        vendor. Returns the office's new contacts."""
        ids = self._office(agency_office_id)
        if isinstance(contacts, (str, bytes, Mapping)) or not isinstance(contacts, Sequence):
            raise TypeError("contacts must be a list of dicts or models")
        body: dict[str, Any] = {"contacts": [body_of(c, name="contact") for c in contacts]}
        if office_description is not None:
            body["officeDescription"] = [
                body_of(d, name="office_description item") for d in office_description
            ]
        data = await self._call("agency_offices.update_contacts", ids, json=body)
        return self._many(OfficeContact, data, "contacts", raw=raw)

    @overload
    async def public_agents(
        self, agency_office_id: UUIDLike, *, raw: Literal[False] = ...
    ) -> list[Agent]: ...
    @overload
    async def public_agents(
        self, agency_office_id: UUIDLike, *, raw: Literal[True]
    ) -> list[dict[str, Any]]: ...
    async def public_agents(
        self, agency_office_id: UUIDLike, *, raw: bool = False
    ) -> list[Agent] | list[dict[str, Any]]:
        """The public agents of the office."""
        data = await self._call("agency_offices.public_agents", self._office(agency_office_id))
        return self._many(Agent, data, "agents", raw=raw)

    async def add_public_agent(self, agency_office_id: UUIDLike, agent_id: UUIDLike) -> Any:
        """Add ``agent_id`` to the office's public agents (body ``{"agentId": ...}``)."""
        ids = self._office(agency_office_id)
        body = {"agentId": uuid_param(agent_id, "agent_id")}
        return await self._call("agency_offices.add_public_agent", ids, json=body)

    async def delete_public_agent(self, agency_office_id: UUIDLike, agent_id: UUIDLike) -> Any:
        """Remove ``agent_id`` from the office's public agents."""
        ids = self._office(agency_office_id)
        ids["agent_id"] = uuid_param(agent_id, "agent_id")
        return await self._call("agency_offices.delete_public_agent", ids)

    @staticmethod
    def _office(agency_office_id: UUIDLike) -> dict[str, str]:
        return {"agency_office_id": uuid_param(agency_office_id, "agency_office_id")}


class Agents(OviproResource):
    """``client.agents``: search agents; get one agent."""

    @overload
    async def find(
        self,
        *,
        agency_office_id: UUIDLike | None = None,
        modified_after: DatetimeLike | None = None,
        agent_ids: Sequence[UUIDLike] | UUIDLike | None = None,
        raw: Literal[False] = ...,
    ) -> AgentSearchResult: ...
    @overload
    async def find(
        self,
        *,
        agency_office_id: UUIDLike | None = None,
        modified_after: DatetimeLike | None = None,
        agent_ids: Sequence[UUIDLike] | UUIDLike | None = None,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def find(
        self,
        *,
        agency_office_id: UUIDLike | None = None,
        modified_after: DatetimeLike | None = None,
        agent_ids: Sequence[UUIDLike] | UUIDLike | None = None,
        raw: bool = False,
    ) -> AgentSearchResult | dict[str, Any]:
        """Agents matching the criteria: ``result.agents`` and ``result.total_count``.
        ``agent_ids`` goes out as repeated ``agentId`` keys; ``modified_after`` must be
        timezone-aware."""
        params = {
            "agencyOfficeId": (
                None
                if agency_office_id is None
                else uuid_param(agency_office_id, "agency_office_id")
            ),
            "modifiedAfter": aware_datetime(modified_after, "modified_after"),
            "agentId": uuid_list(agent_ids, "agent_ids") or None,
        }
        data = await self._call("agents.find", params=params)
        if raw:
            found: dict[str, Any] = data  # the decoded JSON as the vendor sent it
            return found
        if isinstance(data, list):  # tolerate a bare array
            data = {"agents": data, "totalCount": len(data)}
        return AgentSearchResult.from_dict(data if isinstance(data, Mapping) else {})

    @overload
    async def get(self, agent_id: UUIDLike, *, raw: Literal[False] = ...) -> Agent: ...
    @overload
    async def get(self, agent_id: UUIDLike, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, agent_id: UUIDLike, *, raw: bool = False) -> Agent | dict[str, Any]:
        """The agent ``agent_id``."""
        data = await self._call("agents.get", {"agent_id": uuid_param(agent_id, "agent_id")})
        return self._one(Agent, data, raw=raw)
