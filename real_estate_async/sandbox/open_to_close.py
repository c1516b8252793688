"""Fake Open To Close API (the Open To Close Agents and Property Contacts API
documentation, plus the live API's paths and shapes), under ``/v1``.

Auth: the ``api_token`` query parameter (401 ``{"message": "Unauthenticated."}``).
Collections ``/agents``, ``/contacts``, ``/properties``, ``/teams``, ``/tags``, ``/users``
and per property ``/properties/{id}/contacts|notes|tasks|emails|documents``: ``limit``
(default 100) / ``offset`` pages of a bare JSON array, no total; any other query parameter
naming a field filters on it (``status=Active``, ``team_id=5``). Full CRUD:
``POST`` creates (201), ``GET/PUT/DELETE /{id}``. ``/propertyFields`` is one answer.

Shapes follow the ``open-to-close`` Python SDK's live-tested examples: a property's
``created`` is epoch seconds; a contact's ``created`` is a serialised PHP ``DateTime``
(``{date, timezone_type, timezone}``); a property contact is ``{id, created, priority,
property: {id}, contact: {...}, contact_role: []}`` (``POST`` takes ``contact_id``);
``/propertyFields`` answers ``[{"group": {"title", "sections": [{"section": {"title",
"fields": [...]}}]}}]``.

Errors: 400 ``{"message"}`` (bad paging, malformed JSON), 401, 404 ``{"message"}``,
422 ``{"message", "errors": {field: [...]}}`` (an invalid ``email``, an empty body). An
optional rate limit (``RateLimits.open_to_close``) answers 429 with ``Retry-After``.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import random
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from ._changes import Stamp
from ._data import Collection, Record, View, created_ms, first_name, iso_ms, last_name, updated_ms
from ._faults import FixedWindow
from ._server import (
    RateCheck,
    SandboxError,
    ServerConfig,
    VendorServer,
    int_param,
    json_body,
    json_response,
)

__all__ = ["OpenToCloseServer"]

PER_PROPERTY = 3
DEFAULT_LIMIT = 100
_RESERVED = frozenset({"limit", "offset", "api_token", "sort"})
_SUBS = ("contacts", "notes", "tasks", "emails", "documents")
_TOP = ("agents", "contacts", "properties", "teams", "tags", "users")
FIELDS_PER_SECTION = 5
SECTIONS_PER_GROUP = 2


def php_date(ms: int, zone: str = "UTC") -> dict[str, Any]:
    """Epoch milliseconds as the vendor's serialised PHP ``DateTime``."""
    moment = _dt.datetime.fromtimestamp(ms / 1000, tz=_dt.timezone.utc)
    return {"date": moment.strftime("%Y-%m-%d %H:%M:%S.%f"), "timezone_type": 3, "timezone": zone}


def _property_of(record: Record) -> Any:
    """The owning property's id: ``property.id`` (contacts) or ``property_id``."""
    owner = record.get("property")
    if isinstance(owner, dict):
        return owner.get("id")
    return record.get("property_id")


class OpenToCloseServer(VendorServer):
    name = "open_to_close"
    base_path = "/v1"
    stamps = {
        "agents": Stamp("updated", "iso", "name"),
        "contacts": Stamp("updated", "iso", "last_name"),
        "properties": Stamp("updated", "iso", "title"),
    }

    def __init__(self, config: ServerConfig) -> None:
        tag = hashlib.sha256(f"otc:{config.seed}".encode()).hexdigest()
        self.api_token = f"otc-{tag[:24]}"
        rate = config.rate_limits.open_to_close
        self.window = FixedWindow(rate) if rate is not None else None
        super().__init__(config)

    @property
    def credentials(self) -> dict[str, str]:
        return {"api_key": self.api_token}

    # -------------------------------------------------------------------- data

    def setup(self) -> None:
        n = self.config.records
        small = max(1, min(n, 50))
        self.collection("agents", n, self._agent)
        self.collection("contacts", n, self._contact)
        self.collection("properties", n, self._property)
        self.collection("teams", small, self._team)
        self.collection("tags", small, self._tag)
        self.collection("users", max(1, min(n, 200)), self._user)
        properties = len(self.collections["properties"])
        for sub in _SUBS:
            self.collection(f"property_{sub}", properties * PER_PROPERTY, self._child(sub))
        self.collection("propertyFields", 20, self._field)
        r = self.route
        for name in _TOP:
            r("GET", f"/{name}", self._list(name))
            r("POST", f"/{name}", self._create(name))
            r("GET", f"/{name}/{{item_id}}", self._show(name))
            r("PUT", f"/{name}/{{item_id}}", self._update(name))
            r("PATCH", f"/{name}/{{item_id}}", self._update(name))
            r("DELETE", f"/{name}/{{item_id}}", self._delete(name))
        for sub in _SUBS:
            base = f"/properties/{{property_id}}/{sub}"
            r("GET", base, self._list(f"property_{sub}", nested=True))
            r("POST", base, self._create(f"property_{sub}", nested=True))
            r("GET", base + "/{item_id}", self._show(f"property_{sub}", nested=True))
            r("PUT", base + "/{item_id}", self._update(f"property_{sub}", nested=True))
            r("DELETE", base + "/{item_id}", self._delete(f"property_{sub}", nested=True))
        r("GET", "/propertyFields", self.property_fields)

    def _agent(self, index: int, rng: random.Random) -> Record:
        first, last = first_name(rng), last_name(rng)
        return {
            "id": index + 1,
            "name": f"{first} {last}",
            "email": f"agent{index + 1}@realty.example",
            "phone": f"+1555{index % 10_000_000:07d}",
            "license_number": f"RE{100000 + index}",
            "team_id": 1 + rng.randrange(len(self.collections["teams"])),
            "status": rng.choice(("Active", "Active", "Inactive")),
            "commission_rate": rng.choice((0.025, 0.03, 0.06)),
            "created": iso_ms(created_ms(index)),
            "updated": iso_ms(updated_ms(index)),
        }

    def _contact(self, index: int, rng: random.Random) -> Record:
        first, last = first_name(rng), last_name(rng)
        return {
            "id": index + 1,
            "first_name": first,
            "last_name": last,
            "email": f"contact{index + 1}@example.com",
            "phone": f"+1555{index % 10_000_000:07d}",
            "created": php_date(created_ms(index), "GMT"),
            "updated": iso_ms(updated_ms(index)),
        }

    def _property(self, index: int, rng: random.Random) -> Record:
        return {
            "id": index + 1,
            "title": f"{rng.randrange(1, 9999)} Oak Ave",
            "status": rng.choice(("Active", "Pending", "Closed")),
            "price": rng.randrange(100, 3000) * 1000,
            "agent_id": 1 + rng.randrange(max(1, self.config.records)),
            "created": created_ms(index) // 1000,
            "updated": iso_ms(updated_ms(index)),
        }

    def _team(self, index: int, rng: random.Random) -> Record:
        return {"id": index + 1, "name": f"Team {index + 1}"}

    def _tag(self, index: int, rng: random.Random) -> Record:
        return {"id": index + 1, "name": f"tag-{index + 1}"}

    def _user(self, index: int, rng: random.Random) -> Record:
        return {
            "id": index + 1,
            "first_name": first_name(rng),
            "last_name": last_name(rng),
            "email": f"user{index + 1}@example.com",
        }

    def _field(self, index: int, rng: random.Random) -> Record:
        return {
            "id": index + 1,
            "key": f"field_{index + 1}",
            "title": f"Field {index + 1}",
            "type": ("text", "choice", "date", "number")[index % 4],
        }

    def _field_groups(self) -> list[dict[str, Any]]:
        """Every field, grouped as the vendor answers (groups of sections of fields)."""
        fields = self.collections["propertyFields"].view().slice(0, 10_000)
        per_group = FIELDS_PER_SECTION * SECTIONS_PER_GROUP
        groups = []
        for g in range(0, len(fields), per_group):
            sections = [
                {
                    "section": {
                        "id": g + s + 1,
                        "title": f"Section {g // per_group + 1}.{s // FIELDS_PER_SECTION + 1}",
                        "fields": fields[g + s : g + s + FIELDS_PER_SECTION],
                    }
                }
                for s in range(0, min(per_group, len(fields) - g), FIELDS_PER_SECTION)
            ]
            groups.append(
                {
                    "group": {
                        "id": g // per_group + 1,
                        "title": f"Group {g // per_group + 1}",
                        "sections": sections,
                    }
                }
            )
        return groups

    def _link(self, index: int, pid: int, contact_id: int) -> Record:
        """A property contact as the vendor answers it."""
        contact = self.collections["contacts"].get(str(contact_id)) or {"id": contact_id}
        keep = ("id", "first_name", "last_name", "email")
        return {
            "id": index + 1,
            "created": php_date(created_ms(index)),
            "priority": "",
            "property": {"id": pid},
            "contact": {k: contact[k] for k in keep if k in contact},
            "contact_role": [],
        }

    def _child(self, sub: str) -> Callable[[int, random.Random], Record]:
        def build(index: int, rng: random.Random) -> Record:
            pid = index // PER_PROPERTY + 1
            if sub == "contacts":
                return self._link(index, pid, 1 + rng.randrange(max(1, self.config.records)))
            record: Record = {"id": index + 1, "property_id": pid}
            if sub == "notes":
                record.update(content=f"Note {index + 1}")
            elif sub == "tasks":
                record.update(title=f"Task {index + 1}", completed=bool(index % 2))
            elif sub == "emails":
                record.update(subject=f"Email {index + 1}")
            else:
                record.update(name=f"document-{index + 1}.pdf")
            return record

        return build

    # ------------------------------------------------------------ auth, limits

    def authenticate(self, request: web.Request) -> str:
        token = request.query.get("api_token")
        if not token or token != self.api_token:
            raise SandboxError(401, "Unauthenticated.")
        return token

    def rate_check(self, request: web.Request, key: str) -> RateCheck:
        if self.window is None:
            return {}, None
        state = self.window.hit(key)
        if state.allowed:
            return {}, None
        wait = max(1, math.ceil(state.reset_at - time.time()))
        headers = {"Retry-After": str(wait)}
        return headers, self.error(429, "Too Many Attempts.", headers=headers)

    def burst_response(self, request: web.Request) -> web.StreamResponse:
        return self.error(429, "Too Many Attempts.", headers={"Retry-After": "1"})

    def error_body(self, status: int, message: str, code: Any, extra: Any) -> Any:
        body: dict[str, Any] = {"message": message}
        if extra.get("errors"):
            body["errors"] = extra["errors"]
        return body

    # -------------------------------------------------------------- handlers

    def _parent(self, request: web.Request) -> int:
        raw = request.match_info["property_id"]
        if self.collections["properties"].get(raw) is None:
            raise SandboxError(404, f"Property {raw} not found.")
        return int(raw)

    def _view(self, name: str, request: web.Request, nested: bool) -> View:
        coll = self.collections[name]
        if not nested:
            return coll.view()
        pid = self._parent(request)
        index = pid - 1

        def of_property(rec: Record) -> bool:
            return bool(_property_of(rec) == pid)

        if index < coll.size // PER_PROPERTY:
            return coll.view(index * PER_PROPERTY, (index + 1) * PER_PROPERTY, of_property)
        return coll.view(0, 0, of_property)

    def _list(self, name: str, nested: bool = False) -> Any:
        async def handler(request: web.Request) -> web.StreamResponse:
            limit = int_param(request, "limit", DEFAULT_LIMIT, minimum=1) or DEFAULT_LIMIT
            offset = int_param(request, "offset", 0, minimum=0) or 0
            view = self._view(name, request, nested)
            filters = {k: v for k, v in request.query.items() if k not in _RESERVED}
            if not filters:
                return json_response(view.slice(offset, limit))

            def match(rec: Record) -> bool:
                return all(str(rec.get(k)) == v for k, v in filters.items() if k in rec)

            # offset counts matching records: skip them, then take ``limit``
            skipped, pos = view.scan(0, offset, match) if offset else ([], 0)
            _ = skipped
            items, _pos = view.scan(pos, limit, match)
            return json_response(items)

        return handler

    async def property_fields(self, request: web.Request) -> web.StreamResponse:
        return json_response(self._field_groups())

    def _find(self, name: str, request: web.Request, nested: bool) -> tuple[str, Record]:
        item_id = request.match_info["item_id"]
        record = self.collections[name].get(item_id)
        if nested:
            pid = self._parent(request)
            if record is not None and _property_of(record) != pid:
                record = None
        if record is None:
            label = name.removeprefix("property_").rstrip("s").capitalize()
            raise SandboxError(404, f"{label} {item_id} not found.")
        return item_id, record

    def _show(self, name: str, nested: bool = False) -> Any:
        async def handler(request: web.Request) -> web.StreamResponse:
            return json_response(self._find(name, request, nested)[1])

        return handler

    async def _body(self, request: web.Request) -> dict[str, Any]:
        data = await json_body(request)
        if not isinstance(data, dict):
            raise SandboxError(400, "The request body must be a JSON object.")
        errors: dict[str, list[str]] = {}
        if not data:
            errors["body"] = ["At least one field is required."]
        email = data.get("email")
        if email is not None and (not isinstance(email, str) or "@" not in email):
            errors["email"] = ["The email must be a valid email address."]
        if errors:
            raise SandboxError(422, "The given data was invalid.", errors=errors)
        return data

    def _create(self, name: str, nested: bool = False) -> Any:
        coll: Collection = self.collections[name]

        async def handler(request: web.Request) -> web.StreamResponse:
            body = await self._body(request)
            if name == "property_contacts":
                body = self._link_body(coll, body, self._parent(request))
            elif nested:
                body["property_id"] = self._parent(request)
            body.pop("id", None)
            created = coll.create(body)
            return json_response(created, 201)

        return handler

    def _link_body(self, coll: Collection, body: dict[str, Any], pid: int) -> dict[str, Any]:
        """``POST /properties/{id}/contacts`` takes ``contact_id`` and answers the link;
        the vendor ignores ``role``, ``priority`` and ``notes`` (``contact_role`` stays
        ``[]``, ``priority`` ``""``), as the ``open-to-close`` SDK found."""
        contact_id = body.get("contact_id")
        if isinstance(contact_id, bool) or not isinstance(contact_id, int):
            raise SandboxError(
                422, "The given data was invalid.", errors={"contact_id": ["Required."]}
            )
        link = self._link(len(coll), pid, contact_id)
        del link["id"]
        return link

    def _update(self, name: str, nested: bool = False) -> Any:
        coll = self.collections[name]

        async def handler(request: web.Request) -> web.StreamResponse:
            item_id, _ = self._find(name, request, nested)
            body = await self._body(request)
            body.pop("id", None)
            if nested:
                body.pop("property_id", None)
                body.pop("property", None)
            stamp = self.now_stamp(name)
            if stamp is not None:
                body["updated"] = stamp
            return json_response(coll.update(item_id, body))

        return handler

    def _delete(self, name: str, nested: bool = False) -> Any:
        coll = self.collections[name]

        async def handler(request: web.Request) -> web.StreamResponse:
            item_id, _ = self._find(name, request, nested)
            coll.delete(item_id)
            return json_response({"success": True, "message": "Deleted."})

        return handler
