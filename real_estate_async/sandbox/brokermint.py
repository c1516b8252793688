"""Fake Brokermint API v1 (the Brokermint API v1 reference, plus the vendor's wider API),
under ``/api/v1``.

Auth: the ``api_key`` query parameter (401 ``{"error": ..., "status": 401}`` otherwise).
Lists (``/transactions``, ``/contacts``, ``/users``, ``/backups``) are bare JSON arrays in
ascending id order, paged by ``count`` (default 1000) and ``starting_from_id`` (inclusive).
Filters: ``created_since`` / ``updated_since`` (13-digit ms or ``YYYY-MM-DD``),
``closed_since``, ``external_ids``, ``statuses``, ``completed_since``,
``exclude_backup_ids``. Show/create/update/delete for transactions and contacts (PUT
replaces the fields sent, ``custom_attributes`` included); show and ``sso_token`` for users;
``/transactions/{id}/backup``, ``/transactions/{id}/participants``,
``/transactions/{id}/commissions`` (the plural path both the Ruby ``brokermint`` gem and the
PyPI ``brokermint`` client call). Records carry the fields the gem's recorded fixtures
show (transaction ``custom_id``/``commissions_finalized_at``, user address and
``license_#``, commission item tiers). Timestamps are 13-digit epoch milliseconds.

Limits: 100 requests per 10 s burst and 2000 per hour per key (fixed windows), announced
in ``X-Brokermint-Burst-Remaining``, ``X-Brokermint-Hour-Remaining`` and
``X-Brokermint-Hour-Reset`` (epoch ms); 429 without ``Retry-After``. Failed requests count
down ``X-Brokermint-Errors-Remaining`` (100 per hour); at 0 the key is locked out (403).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import random
from collections.abc import Callable
from typing import Any

from aiohttp import web

from ._changes import Stamp
from ._data import (
    Collection,
    Record,
    View,
    created_ms,
    first_name,
    index_created_since,
    index_updated_since,
    last_name,
    updated_ms,
)
from ._faults import FixedWindow, RateLimit
from ._server import (
    RateCheck,
    SandboxError,
    ServerConfig,
    VendorServer,
    int_param,
    json_response,
    object_body,
)

__all__ = ["BrokermintServer"]

_STATUSES = ("listing", "pending", "closed", "cancelled", "expired")
_CITIES = (("San Diego", "CA", "92123"), ("Carlsbad", "CA", "92079"), ("Austin", "TX", "78701"))
_CONTACT_TYPES = ("lead", "client", "vendor")
DEFAULT_COUNT = 1000


def _now_ms() -> int:
    return int(_dt.datetime.now(_dt.timezone.utc).timestamp() * 1000)


def _since(request: web.Request, name: str) -> int | None:
    raw = request.query.get(name)
    if raw is None or raw == "":
        return None
    if raw.isdigit():
        if len(raw) != 13:
            raise SandboxError(400, f"{name} must be YYYY-MM-DD or a 13-digit timestamp")
        return int(raw)
    try:
        day = _dt.datetime.strptime(raw, "%Y-%m-%d").replace(tzinfo=_dt.timezone.utc)
    except ValueError:
        raise SandboxError(400, f"{name} must be YYYY-MM-DD or a 13-digit timestamp") from None
    return int(day.timestamp() * 1000)


class BrokermintServer(VendorServer):
    name = "brokermint"
    base_path = "/api/v1"
    stamps = {
        "transactions": Stamp("updated_at", "ms", "address"),
        "contacts": Stamp("updated_at", "ms", "last_name"),
        "users": Stamp("updated_at", "ms", "last_name"),
    }

    def __init__(self, config: ServerConfig) -> None:
        tag = hashlib.sha256(f"brokermint:{config.seed}".encode()).hexdigest()
        self.api_key = f"bm-{tag[:24]}"
        # tenant i > 0 gets its own key (and so its own burst/hour windows)
        extra = (f"bm-{tag[:20]}-t{i:03d}" for i in range(1, max(1, config.tenants)))
        self.api_keys = (self.api_key, *extra)
        limits = config.rate_limits
        self.burst = FixedWindow(limits.brokermint_burst)
        self.hour = FixedWindow(limits.brokermint_hour)
        self.errors = FixedWindow(RateLimit(limits.brokermint_errors, 3600.0))
        super().__init__(config)

    @property
    def credentials(self) -> dict[str, str]:
        return {"api_key": self.api_key}

    # -------------------------------------------------------------------- data

    def setup(self) -> None:
        n = self.config.records
        self.transactions = self.collection("transactions", n, self._transaction)
        self.contacts = self.collection("contacts", n, self._contact)
        self.users = self.collection("users", max(1, min(n, 2000)), self._user)
        self.backups = self.collection("backups", max(1, n // 10), self._backup)
        r = self.route
        for name in ("transactions", "contacts", "users", "backups"):
            r("GET", f"/{name}", self._list(name))
        for name in ("transactions", "contacts", "users"):
            r("GET", f"/{name}/{{item_id}}", self._show(name))
        for name in ("transactions", "contacts"):
            r("POST", f"/{name}", self._create(name))
            r("PUT", f"/{name}/{{item_id}}", self._update(name))
            r("DELETE", f"/{name}/{{item_id}}", self._delete(name))
        r("GET", "/users/{item_id}/sso_token", self.sso_token)
        r("GET", "/transactions/{item_id}/backup", self.transaction_backup)
        r("GET", "/transactions/{item_id}/participants", self.participants)
        r("GET", "/transactions/{item_id}/commissions", self.commissions)

    def _transaction(self, index: int, rng: random.Random) -> Record:
        city, state, zip_code = rng.choice(_CITIES)
        status = rng.choice(_STATUSES)
        created = created_ms(index)
        return {
            "id": index + 1,
            "address": f"{rng.randrange(1, 99999)} Demo St",
            "city": city,
            "state": state,
            "zip": zip_code,
            "status": status,
            "transaction_type": "traditional sale",
            "price": rng.randrange(100, 5000) * 1000,
            "representing": rng.choice(("buyer", "seller")),
            "acceptance_date": created + 86_400_000,
            "created_at": created,
            "updated_at": updated_ms(index),
            "closed_at": created + 30 * 86_400_000 if status == "closed" else None,
            "commissions_finalized_at": created + 31 * 86_400_000 if status == "closed" else None,
            "custom_id": f"TR-{1970 + index // 100_000}-{index + 1:06d}",
            "total_gross_commission": rng.choice((3, 5, 6)),
            "custom_attributes": [],
            "listing_side_representer": {"id": 1 + rng.randrange(len(self.users)), "type": "User"},
            "external_id": f"TX{index + 1}",
            "timezone": -7,
        }

    def _contact(self, index: int, rng: random.Random) -> Record:
        first, last = first_name(rng), last_name(rng)
        return {
            "id": index + 1,
            "contact_type": rng.choice(_CONTACT_TYPES),
            "first_name": first,
            "last_name": last,
            "email": f"contact{index + 1}@example.com",
            "phone": f"+1555{index % 10_000_000:07d}",
            "company": "",
            "created_at": created_ms(index),
            "updated_at": updated_ms(index),
            "custom_attributes": [],
            "private": False,
            "external_id": f"C{index + 1}",
        }

    def _user(self, index: int, rng: random.Random) -> Record:
        return {
            "id": index + 1,
            "first_name": first_name(rng),
            "last_name": last_name(rng),
            "email": f"user{index + 1}@example.com",
            "role": "Agent" if index else "Broker",
            "active": True,
            "created_at": created_ms(index),
            "updated_at": updated_ms(index),
            "external_id": f"U{index + 1}",
            "address": None,
            "city": None,
            "state": None,
            "zip": None,
            "license_#": f"L{index + 1:06d}",
            "license_expiration": None,
        }

    def _backup(self, index: int, rng: random.Random) -> Record:
        return {
            "id": index + 1,
            "transaction_id": index * 10 + 1,
            "completed_at": created_ms(index),
            "file_name": f"backup_{index + 1}.zip",
            "link": f"https://sandbox.invalid/backups/{index + 1}.zip",
        }

    # ----------------------------------------------------------- auth, limits

    def authenticate(self, request: web.Request) -> str:
        key = request.query.get("api_key")
        if not key:
            raise SandboxError(401, "API key is missing")
        if key not in self.api_keys:
            raise SandboxError(401, "Invalid API key")
        if self.errors.peek(key).remaining <= 0:
            raise SandboxError(403, "Too many failed requests: the account is locked for an hour")
        return key

    def _limit_headers(self, key: str) -> dict[str, str]:
        burst, hour = self.burst.peek(key), self.hour.peek(key)
        return {
            "X-Brokermint-Burst-Remaining": str(burst.remaining),
            "X-Brokermint-Hour-Remaining": str(hour.remaining),
            "X-Brokermint-Hour-Reset": str(math.ceil(hour.reset_at * 1000)),
        }

    def rate_check(self, request: web.Request, key: str) -> RateCheck:
        if self.burst.peek(key).remaining <= 0 or self.hour.peek(key).remaining <= 0:
            headers = self._limit_headers(key)
            return headers, self.error(429, "Rate limit exceeded", headers=headers)
        self.burst.hit(key)
        self.hour.hit(key)
        return self._limit_headers(key), None

    def burst_response(self, request: web.Request) -> web.StreamResponse:
        key = request.query.get("api_key", "")
        headers = self._limit_headers(key)
        headers["X-Brokermint-Burst-Remaining"] = "0"
        return self.error(429, "Rate limit exceeded", headers=headers)

    def after(self, request: web.Request, key: str | None, status: int) -> dict[str, str]:
        if key is None and request.query.get("api_key") in self.api_keys:
            key = request.query.get("api_key")
        if key is None:
            return {}
        if 400 <= status < 500:  # failed requests (429 included) spend the error budget
            self.errors.hit(key)
        return {"X-Brokermint-Errors-Remaining": str(self.errors.peek(key).remaining)}

    def error_body(self, status: int, message: str, code: Any, extra: Any) -> Any:
        return {"error": message, "status": status}

    # ------------------------------------------------------------------ lists

    def _view(self, name: str, request: web.Request) -> View:
        coll = self.collections[name]
        created = _since(request, "created_since")
        if name == "backups":
            created = _since(request, "completed_since")
        updated = _since(request, "updated_since")
        start = 0
        checks: list[Callable[[Record], bool]] = []
        if created is not None:
            start = max(start, index_created_since(created))
            key = "completed_at" if name == "backups" else "created_at"
            checks.append(lambda rec: int(rec.get(key) or 0) >= created)
        if updated is not None:
            start = max(start, index_updated_since(updated))
            checks.append(lambda rec: int(rec.get("updated_at") or 0) >= updated)
        if not checks:
            return coll.view()
        return coll.view(start, None, lambda rec: all(check(rec) for check in checks))

    def _filters(self, name: str, request: web.Request) -> Callable[[Record], bool] | None:
        checks: list[Callable[[Record], bool]] = []
        closed = _since(request, "closed_since") if name == "transactions" else None
        if closed is not None:
            checks.append(
                lambda rec: rec.get("closed_at") is not None and rec["closed_at"] >= closed
            )
        external = request.query.get("external_ids")
        if external:
            wanted = {part.strip() for part in external.split(",") if part.strip()}
            checks.append(lambda rec: rec.get("external_id") in wanted)
        statuses = request.query.get("statuses")
        if statuses and name == "transactions":
            allowed = {part.strip() for part in statuses.split(",")}
            checks.append(lambda rec: rec.get("status") in allowed)
        excluded = request.query.get("exclude_backup_ids")
        if excluded and name == "backups":
            try:
                skip = {int(part) for part in excluded.split(",") if part.strip()}
            except ValueError:
                raise SandboxError(400, "exclude_backup_ids must be ids, comma-separated") from None
            checks.append(lambda rec: rec.get("id") not in skip)
        if name == "users" and request.query.get("active") in ("0", "1"):
            active = request.query["active"] == "1"
            checks.append(lambda rec: bool(rec.get("active")) is active)
        if not checks:
            return None
        return lambda rec: all(check(rec) for check in checks)

    def _list(self, name: str) -> Any:
        async def handler(request: web.Request) -> web.StreamResponse:
            count = int_param(request, "count", DEFAULT_COUNT, minimum=1) or DEFAULT_COUNT
            view = self._view(name, request)
            start_id = int_param(request, "starting_from_id")
            position = 0
            if start_id is not None:
                position = view.position_at_or_after(max(0, start_id - 1))
            match = self._filters(name, request)
            if match is None:
                items = view.slice(position, count)
            else:
                items, _ = view.scan(position, count, match)
            if name in ("contacts", "users") and request.query.get("full_info") != "1":
                keys = ("id", "first_name", "last_name", "email", "contact_type", "external_id")
                items = [{k: v for k, v in rec.items() if k in keys} for rec in items]
            return json_response(items)

        return handler

    # ------------------------------------------------------------------- CRUD

    def _find(self, name: str, request: web.Request) -> tuple[str, Record]:
        item_id = request.match_info["item_id"]
        record = self.collections[name].get(item_id)
        if record is None:
            raise SandboxError(404, f"{name[:-1].capitalize()} not found")
        return item_id, record

    def _show(self, name: str) -> Any:
        async def handler(request: web.Request) -> web.StreamResponse:
            return json_response(self._find(name, request)[1])

        return handler

    def _create(self, name: str) -> Any:
        coll: Collection = self.collections[name]
        required = "address" if name == "transactions" else "first_name"

        async def handler(request: web.Request) -> web.StreamResponse:
            body = await object_body(request, 422)
            if not body.get(required):
                raise SandboxError(422, f"{required} can't be blank")
            body.pop("created_at", None)
            body.pop("updated_at", None)
            now = self.now_stamp(name)

            def build(index: int, record: Record) -> Record:
                record["created_at"] = created_ms(index)
                record["updated_at"] = now
                record.setdefault("custom_attributes", [])
                return record

            return json_response(coll.create(body, build))

        return handler

    def _update(self, name: str) -> Any:
        coll = self.collections[name]

        async def handler(request: web.Request) -> web.StreamResponse:
            item_id, _ = self._find(name, request)
            body = await object_body(request, 422)
            for read_only in ("id", "created_at", "updated_at"):
                body.pop(read_only, None)
            if name == "contacts" and "email" in body and not body["email"]:
                raise SandboxError(422, "email can't be blank")
            body["updated_at"] = self.now_stamp(name)
            return json_response(coll.update(item_id, body))

        return handler

    def _delete(self, name: str) -> Any:
        coll = self.collections[name]

        async def handler(request: web.Request) -> web.StreamResponse:
            item_id, _ = self._find(name, request)
            coll.delete(item_id)
            return json_response({"status": "ok"})

        return handler

    async def sso_token(self, request: web.Request) -> web.StreamResponse:
        item_id, _ = self._find("users", request)
        token = hashlib.sha256(f"{self.seed}:sso:{item_id}".encode()).hexdigest()
        return json_response({"sso_token": token})

    async def transaction_backup(self, request: web.Request) -> web.StreamResponse:
        item_id, _ = self._find("transactions", request)
        if (int(item_id) - 1) % 10 != 0:
            raise SandboxError(404, "No backup available for this transaction")
        return json_response({"link": f"https://sandbox.invalid/transactions/{item_id}.zip"})

    async def participants(self, request: web.Request) -> web.StreamResponse:
        _, tx = self._find("transactions", request)
        rep = tx.get("listing_side_representer") or {"id": 1}
        return json_response(
            [
                {"id": rep.get("id", 1), "type": "User", "role": "Agent", "owner": True},
                {"id": tx["id"], "type": "Contact", "role": "Buyer", "owner": False},
            ]
        )

    async def commissions(self, request: web.Request) -> web.StreamResponse:
        _, tx = self._find("transactions", request)
        base = int(tx["id"]) * 10
        price = float(tx.get("price") or 0)
        rate = float(tx.get("total_gross_commission") or 0)
        payer = {"payer_id": 1, "payer_type": "Account", "payee_id": 1, "payee_type": "Account"}

        def item(offset: int, item_type: str, side: str | None, share: float) -> Record:
            # The shape of the Ruby gem's transaction_commissions/all.json fixture.
            return {
                "id": base + offset,
                "name": "",
                "item_type": item_type,
                "side": side,
                **payer,
                "sliding_base": None,
                "sliding_base_period": None,
                "calculated_dollar_amount": round(price * share / 100, 2),
                "minimum_dollar_amount": 0,
                "pay_to": {},
                "custom_sliding_base_period": [],
                "sliding_base_amount": None,
                "applied_plan": None,
                "maximum_dollar_amount": None,
                "prorated_according_to": None,
                "sliding_base_accrued_by": None,
                "tiers": [
                    {
                        "id": base + offset,
                        "commission_item_id": base + offset,
                        "low_limit": 0,
                        "value": share,
                        "uom": "% of price sold",
                    }
                ],
                "tags": [],
                "payee_name": "Sandbox Realty",
                "payee_first_name": None,
                "payee_last_name": None,
                "payee_company": "Sandbox Realty",
                "payer_name": "Sandbox Realty",
            }

        return json_response(
            [
                item(0, "tgc", None, rate),
                item(1, "award_distribution", "listing", rate / 2),
                item(2, "award_distribution", "buying", rate / 2),
            ]
        )
