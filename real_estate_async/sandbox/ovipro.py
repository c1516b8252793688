"""Fake Ovipro Agency API 1.0, under ``/agency/v1``.

The Ovipro Agency API 1.0 document gives no URL paths; the fake serves the adapter's path table
(``real_estate_async.providers.ovipro.paths.DEFAULT_PATHS``): ``GET /agencies?agentId=``,
``GET /agencies/{agencyId}``, ``GET /agency-offices`` (``agencyId``, ``agentId``,
``modifiedAfter``), ``GET|PUT /agency-offices/{id}``, ``PUT .../coordinates``,
``PUT .../contacts``, ``GET|POST .../public-agents``, ``DELETE .../public-agents/{agentId}``,
``GET /agents`` (``agencyOfficeId``, ``modifiedAfter``, repeated ``agentId``; answers
``agents`` + ``totalCount``) and ``GET /agents/{agentId}``. No pagination.

Auth: ``Authorization: Bearer <token>``; missing -> 401 ``UNAUTHORIZED``, unknown token ->
404 ``INVALID_API_KEY`` (as the document's error table says). Every request needs a
``Request-ID`` UUID header (400 ``BAD_REQUEST_PARAMETERS`` otherwise), echoed back.
Errors ``{"errorCode", "message", "errors": []}``. Ids are version-4 UUIDs.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import random
import time
import uuid
from collections.abc import Callable
from typing import Any

from aiohttp import web

from ._changes import Stamp
from ._data import Record, created_ms, first_name, iso_ms, last_name
from ._faults import FixedWindow
from ._server import (
    RateCheck,
    SandboxError,
    ServerConfig,
    VendorServer,
    json_body,
    json_response,
)

__all__ = ["OviproServer", "ovipro_uuid"]

MAX_AGENTS = 5000
AGENTS_PER_OFFICE = 10
OFFICES_PER_AGENCY = 5
_KINDS = {"agency": 1, "office": 2, "agent": 3}
_ERROR_CODES = {
    400: "BAD_REQUEST_PARAMETERS",
    401: "UNAUTHORIZED",
    404: "INVALID_ID",
    405: "BAD_REQUEST_PARAMETERS",
    415: "UNSUPPORTED_MEDIA_TYPE",
    429: "TOO_MANY_REQUESTS",
    500: "TECHNICAL_ERROR",
    502: "TECHNICAL_ERROR",
    503: "TECHNICAL_ERROR",
}


def ovipro_uuid(seed: int, kind: str, index: int) -> str:
    """A version-4 UUID whose last 12 hex digits are ``index`` (so lookups are O(1))."""
    prefix = int(hashlib.sha256(f"{seed}:ovipro:{kind}".encode()).hexdigest()[:20], 16)
    value = (prefix << 48 | (_KINDS[kind] << 44) | index) & ((1 << 128) - 1)
    return str(uuid.UUID(int=value, version=4))


def _uuid_index(seed: int, kind: str, value: Any) -> int | None:
    text = str(value).lower()
    if len(text) != 36:
        return None
    try:
        index = int(text[-11:], 16)
    except ValueError:
        return None
    return index if ovipro_uuid(seed, kind, index) == text else None


def _parse_time(value: str) -> _dt.datetime:
    text = value.strip().replace(" ", "+")  # a raw '+' in a query string reads as a space
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = _dt.datetime.fromisoformat(text)
    except ValueError:
        raise SandboxError(
            400, f"modifiedAfter is not an ISO 8601 date-time: {value!r}", "INVALID_TYPE"
        ) from None
    if moment.tzinfo is None:
        raise SandboxError(400, "modifiedAfter needs a UTC offset", "INVALID_TYPE")
    return moment


def _modified(rec: Record) -> _dt.datetime:
    return _dt.datetime.fromisoformat(str(rec["modificationTime"]).replace("Z", "+00:00"))


class OviproServer(VendorServer):
    name = "ovipro"
    base_path = "/agency/v1"
    stamps = {
        "agencyOffices": Stamp("modificationTime", "iso", "name"),
        "agents": Stamp("modificationTime", "iso", "lastName"),
    }

    def __init__(self, config: ServerConfig) -> None:
        tag = hashlib.sha256(f"ovipro:{config.seed}".encode()).hexdigest()
        self.access_token = f"eyJhbGciOiJIUzI1NiJ9.sandbox.{tag[:32]}"
        self._issued: dict[str, float] = {}  # short-lived token -> monotonic expiry
        rate = config.rate_limits.ovipro
        self.window = FixedWindow(rate) if rate is not None else None
        super().__init__(config)

    @property
    def credentials(self) -> dict[str, str]:
        return {"access_token": self.access_token}

    def issue_token(self, ttl: float = 900.0) -> str:
        """A fresh bearer token valid for ``ttl`` seconds (Ovipro JWTs last ~15 minutes);
        an expired one gets 401 ``UNAUTHORIZED``, so a client's ``token_provider`` is asked
        again. Use it as the sandbox's token provider:
        ``OviproClient(token_provider=sb.server("ovipro").issue_token, ...)``."""
        token = f"eyJhbGciOiJIUzI1NiJ9.issued.{uuid.uuid4().hex}"
        self._issued[token] = time.monotonic() + ttl
        return token

    # -------------------------------------------------------------------- data

    def _ids(self, kind: str) -> dict[str, Any]:
        seed = self.seed

        def id_of(index: int) -> str:
            return ovipro_uuid(seed, kind, index)

        def index_of(value: Any) -> int | None:
            return _uuid_index(seed, kind, value)

        return {"id_of": id_of, "index_of": index_of}

    def setup(self) -> None:
        agents = max(1, min(self.config.records, MAX_AGENTS))
        self.agents = self.collection(
            "agents", agents, self._agent, id_key="agentId", **self._ids("agent")
        )
        offices = max(1, -(-len(self.agents) // AGENTS_PER_OFFICE))
        self.offices = self.collection(
            "agencyOffices", offices, self._office, id_key="agencyOfficeId", **self._ids("office")
        )
        agencies = max(1, -(-len(self.offices) // OFFICES_PER_AGENCY))
        self.agencies = self.collection(
            "agencies", agencies, self._agency, id_key="agencyId", **self._ids("agency")
        )
        r = self.route
        r("GET", "/agencies", self.find_agencies)
        r("GET", "/agencies/{agency_id}", self.get_agency)
        r("GET", "/agency-offices", self.find_offices)
        r("GET", "/agency-offices/{office_id}", self.get_office)
        r("PUT", "/agency-offices/{office_id}", self.update_office)
        r("PUT", "/agency-offices/{office_id}/coordinates", self.update_coordinates)
        r("PUT", "/agency-offices/{office_id}/contacts", self.update_contacts)
        r("GET", "/agency-offices/{office_id}/public-agents", self.public_agents)
        r("POST", "/agency-offices/{office_id}/public-agents", self.add_public_agent)
        r(
            "DELETE",
            "/agency-offices/{office_id}/public-agents/{agent_id}",
            self.delete_public_agent,
        )
        r("GET", "/agents", self.find_agents)
        r("GET", "/agents/{agent_id}", self.get_agent)

    def _modification(self, index: int, rng: random.Random) -> str:
        return iso_ms(created_ms(index) + rng.randrange(0, 365) * 86_400_000)

    def _office_of_agent(self, index: int) -> int:
        return min(index // AGENTS_PER_OFFICE, max(0, self.offices.size - 1))

    def _agent(self, index: int, rng: random.Random) -> Record:
        first, last = first_name(rng), last_name(rng)
        office = ovipro_uuid(self.seed, "office", index // AGENTS_PER_OFFICE)
        return {
            "agentId": ovipro_uuid(self.seed, "agent", index),
            "firstName": first,
            "lastName": last,
            "emailAddress": f"{first.lower()}.{last.lower()}.{index}@example.fi",
            "phoneNumber": f"+358 40 {index:07d}",
            "title": "LKV",
            "languages": ["fi", "en"],
            "state": "ACTIVE",
            "defaultAgencyOfficeId": office,
            "publicAgentAgencyOfficeIds": [office],
            "modificationTime": self._modification(index, rng),
        }

    def _office(self, index: int, rng: random.Random) -> Record:
        agency = index // OFFICES_PER_AGENCY
        return {
            "agencyOfficeId": ovipro_uuid(self.seed, "office", index),
            "agencyOfficeNumber": 1000 + index,
            "agency": {"agencyId": ovipro_uuid(self.seed, "agency", agency)},
            "name": f"Kiinteistöykkönen {index + 1}",
            "contacts": [],
            "location": {"latitude": 61.0 + rng.random(), "longitude": 23.0 + rng.random()},
            "contactRecipientCode": "RESPONSIBLE_AGENT",
            "agentSortOrderCode": "RANDOM",
            "tags": [],
            "links": [],
            "modificationTime": self._modification(index, rng),
        }

    def _agency(self, index: int, rng: random.Random) -> Record:
        return {
            "agencyId": ovipro_uuid(self.seed, "agency", index),
            "agencyNumber": 1000 + index,
            "marketingName": f"Kiinteistöykkönen Alue {index + 1}",
            "officialName": f"Kiinteistöykkönen Alue {index + 1} Oy LKV",
            "modificationTime": self._modification(index, rng),
        }

    # ------------------------------------------------------------ auth, limits

    def authenticate(self, request: web.Request) -> str:
        request_id = request.headers.get("Request-ID")
        try:
            uuid.UUID(str(request_id))
        except ValueError:
            raise SandboxError(
                400, "The Request-ID header must be a UUID.", "BAD_REQUEST_PARAMETERS"
            ) from None
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if not header or scheme.lower() != "bearer" or not token.strip():
            raise SandboxError(401, "Unauthorized request.", "UNAUTHORIZED")
        token = token.strip()
        expires = self._issued.get(token)
        if expires is not None:
            if time.monotonic() >= expires:
                raise SandboxError(401, "The access token has expired.", "UNAUTHORIZED")
            return token
        if token != self.access_token:
            raise SandboxError(404, "Missing or invalid API key.", "INVALID_API_KEY")
        return token

    def rate_check(self, request: web.Request, key: str) -> RateCheck:
        if self.window is None:
            return {}, None
        state = self.window.hit(key)
        if state.allowed:
            return {}, None
        headers = {"Retry-After": str(max(1, math.ceil(state.reset_at - time.time())))}
        return headers, self.error(429, "Too many requests.", "TOO_MANY_REQUESTS", headers)

    def burst_response(self, request: web.Request) -> web.StreamResponse:
        return self.error(429, "Too many requests.", "TOO_MANY_REQUESTS", {"Retry-After": "1"})

    def error_body(self, status: int, message: str, code: Any, extra: Any) -> Any:
        return {
            "errorCode": code or _ERROR_CODES.get(status, "TECHNICAL_ERROR"),
            "message": message,
            "errors": list(extra.get("errors") or []),
        }

    def after(self, request: web.Request, key: str | None, status: int) -> dict[str, str]:
        request_id = request.headers.get("Request-ID")
        return {"Request-ID": request_id} if request_id else {}

    # ---------------------------------------------------------------- helpers

    def _uuid_arg(self, value: str | None, name: str, required: bool = False) -> str | None:
        if value is None or value == "":
            if required:
                raise SandboxError(400, f"{name} is required.", "VALUE_REQUIRED")
            return None
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise SandboxError(400, f"{name} must be a UUID.", "INVALID_TYPE") from None

    def _get(self, coll_name: str, value: str, label: str) -> Record:
        record = self.collections[coll_name].get(str(value).lower())
        if record is None:
            raise SandboxError(404, f"{label} {value} was not found.", "INVALID_ID")
        return record

    def _since_filter(self, request: web.Request) -> Callable[[Record], bool]:
        raw = request.query.get("modifiedAfter")
        if not raw:
            return lambda rec: True
        after = _parse_time(raw)
        return lambda rec: _modified(rec) > after

    async def _object(self, request: web.Request) -> dict[str, Any]:
        if request.content_type not in ("application/json", ""):
            raise SandboxError(415, "Unsupported media type.", "UNSUPPORTED_MEDIA_TYPE")
        data = await json_body(request, "BAD_REQUEST_BODY")
        if not isinstance(data, dict):
            raise SandboxError(400, "Invalid request body", "BAD_REQUEST_BODY")
        return data

    # --------------------------------------------------------------- agencies

    async def find_agencies(self, request: web.Request) -> web.StreamResponse:
        agent_id = self._uuid_arg(request.query.get("agentId"), "agentId", required=True)
        agent = self._get("agents", str(agent_id), "Agent")
        offices = [agent.get("defaultAgencyOfficeId"), *agent.get("publicAgentAgencyOfficeIds", [])]
        agency_ids: list[str] = []
        for office_id in offices:
            office = self.offices.get(office_id)
            if office is not None:
                aid = office["agency"]["agencyId"]
                if aid not in agency_ids:
                    agency_ids.append(aid)
        agencies = [a for a in (self.agencies.get(aid) for aid in agency_ids) if a is not None]
        return json_response({"agencies": agencies})

    async def get_agency(self, request: web.Request) -> web.StreamResponse:
        self._uuid_arg(request.match_info["agency_id"], "agencyId")
        return json_response(self._get("agencies", request.match_info["agency_id"], "Agency"))

    # ---------------------------------------------------------------- offices

    async def find_offices(self, request: web.Request) -> web.StreamResponse:
        agency_id = self._uuid_arg(request.query.get("agencyId"), "agencyId")
        agent_id = self._uuid_arg(request.query.get("agentId"), "agentId")
        since = self._since_filter(request)
        visible: set[str] | None = None
        if agent_id is not None:
            agent = self._get("agents", agent_id, "Agent")
            visible = _offices_of(agent)

        def match(rec: Record) -> bool:
            if agency_id is not None and rec.get("agency", {}).get("agencyId") != agency_id:
                return False
            if visible is not None and rec.get("agencyOfficeId") not in visible:
                return False
            return since(rec)

        view = self.offices.view()
        offices, _ = view.scan(0, len(view), match)
        return json_response({"agencyOffices": offices})

    def _office_id(self, request: web.Request) -> str:
        value = request.match_info["office_id"]
        self._uuid_arg(value, "agencyOfficeId")
        self._get("agencyOffices", value, "Agency office")
        return value.lower()

    async def get_office(self, request: web.Request) -> web.StreamResponse:
        return json_response(self._get("agencyOffices", self._office_id(request), "Agency office"))

    async def update_office(self, request: web.Request) -> web.StreamResponse:
        office_id = self._office_id(request)
        body = await self._object(request)
        given = body.get("agencyOfficeId")
        if not given:
            raise SandboxError(400, "Invalid request body", "BAD_REQUEST_BODY",
                               errors=[{"field": "agencyOfficeId", "message": "required"}])  # fmt: skip
        if str(given).lower() != office_id:
            raise SandboxError(400, "agencyOfficeId differs from the path", "BAD_REQUEST_BODY")
        body["modificationTime"] = self.now_stamp("agencyOffices")
        self.offices.update(office_id, body)
        return web.Response(status=204)

    async def update_coordinates(self, request: web.Request) -> web.StreamResponse:
        office_id = self._office_id(request)
        body = await self._object(request)
        lat, lon = body.get("latitude"), body.get("longitude")
        bad = [
            {"field": name, "message": "must be a number"}
            for name, value in (("latitude", lat), ("longitude", lon))
            if isinstance(value, bool) or not isinstance(value, (int, float))
        ]
        if bad:
            raise SandboxError(400, "Invalid request body", "BAD_REQUEST_BODY", errors=bad)
        location = {"latitude": lat, "longitude": lon}
        self.offices.update(
            office_id, {"location": location, "modificationTime": self.now_stamp("agencyOffices")}
        )
        return web.Response(status=204)

    async def update_contacts(self, request: web.Request) -> web.StreamResponse:
        office_id = self._office_id(request)
        body = await self._object(request)
        contacts = body.get("contacts")
        if not isinstance(contacts, list):
            raise SandboxError(400, "contacts is required.", "VALUE_REQUIRED")
        saved = []
        for i, contact in enumerate(contacts):
            if not isinstance(contact, dict):
                raise SandboxError(400, "Invalid request body", "BAD_REQUEST_BODY")
            entry = dict(contact)
            entry.setdefault("id", str(uuid.uuid5(uuid.NAMESPACE_URL, f"{office_id}/{i}")))
            saved.append(entry)
        changes: dict[str, Any] = {
            "contacts": saved,
            "modificationTime": self.now_stamp("agencyOffices"),
        }
        if isinstance(body.get("officeDescription"), list):
            changes["description"] = body["officeDescription"]
        self.offices.update(office_id, changes)
        return json_response({"contacts": saved})

    async def public_agents(self, request: web.Request) -> web.StreamResponse:
        office_id = self._office_id(request)
        index = self.offices.index_of(office_id) or 0
        view = self.agents.view(
            index * AGENTS_PER_OFFICE,
            (index + 1) * AGENTS_PER_OFFICE,
            lambda rec: office_id in (rec.get("publicAgentAgencyOfficeIds") or []),
        )
        agents, _ = view.scan(
            0, len(view), lambda rec: office_id in (rec.get("publicAgentAgencyOfficeIds") or [])
        )
        return json_response({"agents": agents})

    async def add_public_agent(self, request: web.Request) -> web.StreamResponse:
        office_id = self._office_id(request)
        body = await self._object(request)
        agent_id = self._uuid_arg(body.get("agentId"), "agentId", required=True)
        agent = self._get("agents", str(agent_id), "Agent")
        offices = list(agent.get("publicAgentAgencyOfficeIds") or [])
        if office_id in offices:
            raise SandboxError(400, "The agent is already public in this office.", "INVALID_STATUS")
        self.agents.update(
            agent["agentId"],
            {
                "publicAgentAgencyOfficeIds": [*offices, office_id],
                "modificationTime": self.now_stamp("agents"),
            },
        )
        return web.Response(status=204)

    async def delete_public_agent(self, request: web.Request) -> web.StreamResponse:
        office_id = self._office_id(request)
        agent_id = self._uuid_arg(request.match_info["agent_id"], "agentId", required=True)
        agent = self._get("agents", str(agent_id), "Agent")
        offices = list(agent.get("publicAgentAgencyOfficeIds") or [])
        if office_id not in offices:
            raise SandboxError(404, "The agent is not public in this office.", "INVALID_ID")
        offices.remove(office_id)
        self.agents.update(
            agent["agentId"],
            {"publicAgentAgencyOfficeIds": offices, "modificationTime": self.now_stamp("agents")},
        )
        return json_response({})

    # ----------------------------------------------------------------- agents

    async def find_agents(self, request: web.Request) -> web.StreamResponse:
        office_id = self._uuid_arg(request.query.get("agencyOfficeId"), "agencyOfficeId")
        wanted = [self._uuid_arg(v, "agentId") for v in request.query.getall("agentId", [])]
        since = self._since_filter(request)
        if wanted:
            found = [self.agents.get(w) for w in wanted]
            agents = [a for a in found if a is not None and since(a)]
            if office_id is not None:
                agents = [a for a in agents if office_id in _offices_of(a)]
            return json_response({"agents": agents, "totalCount": len(agents)})
        if office_id is not None:
            index = self.offices.index_of(office_id)
            start = (index or 0) * AGENTS_PER_OFFICE
            view = self.agents.view(
                start,
                start + AGENTS_PER_OFFICE if index is not None else 0,
                lambda rec: office_id in _offices_of(rec),
            )
        else:
            view = self.agents.view()

        def match(rec: Record) -> bool:
            return since(rec) and (office_id is None or office_id in _offices_of(rec))

        agents, _ = view.scan(0, len(view), match)
        return json_response({"agents": agents, "totalCount": len(agents)})

    async def get_agent(self, request: web.Request) -> web.StreamResponse:
        value = request.match_info["agent_id"]
        self._uuid_arg(value, "agentId")
        return json_response(self._get("agents", value, "Agent"))


def _offices_of(agent: Record) -> set[str]:
    default = agent.get("defaultAgencyOfficeId")
    public = [str(o) for o in agent.get("publicAgentAgencyOfficeIds") or []]
    return {*public, str(default)} if default else set(public)
