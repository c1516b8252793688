"""Fake vendor servers tuned for measuring: pages are pre-encoded, latency is exact."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


def lead(i: int) -> dict[str, Any]:
    """A Lofty lead as dense as the vendor's LeadVo (Lofty API reference, section 6)."""
    return {
        "leadId": i,
        "firstName": f"First{i}",
        "lastName": f"Last{i}",
        "emails": [f"lead{i}@example.test"],
        "phones": [f"+1555{i:07d}"],
        "phoneStatuses": [1],
        "source": "Zillow",
        "leadSource": 3,
        "stage": "New",
        "stageId": 11,
        "leadType": 1,
        "leadTypes": [1, 2],
        "tags": [{"tagId": 7, "tagName": "buyer", "leadId": i}],
        "segments": ["hot"],
        "groups": ["north"],
        "assignedUserId": 1000 + i % 17,
        "assignedUser": "Agent Smith",
        "assignTime": "2024-01-02T03:04:05Z",
        "assignCompletionStatus": True,
        "leadUserId": 5000 + i,
        "teamId": 42,
        "pondId": 0,
        "pondName": "",
        "createTime": "2024-01-02T03:04:05Z",
        "lastUpdateTime": "2024-02-03T04:05:06Z",
        "lastTouch": "2024-02-03T04:05:06Z",
        "lastVisit": "2024-02-01T00:00:00Z",
        "birthday": "",
        "streetAddress": f"{i} Main St",
        "city": "Springfield",
        "state": "IL",
        "zipCode": "62701",
        "language": "en",
        "score": i % 100,
        "buyingTimeFrame": "3-6 months",
        "sellingTimeFrame": "",
        "mortgage": "pre-approved",
        "preQual": "yes",
        "fthb": "no",
        "cannotCall": False,
        "cannotEmail": False,
        "cannotText": False,
        "privateFlag": False,
        "unsubscription": False,
        "referredBy": "",
        "customAttributes": [{"id": 1, "name": "budget", "value": str(300000 + i)}],
    }


def compact_lead(i: int) -> dict[str, Any]:
    """A small lead, for measuring pagination rather than JSON decoding."""
    return {"leadId": i, "firstName": f"First{i}", "lastName": f"Last{i}", "stage": "New"}


class LeadServer:
    """Lofty-style ``GET /leads``: offset/limit pages with ``_metadata.total``."""

    def __init__(self, total: int, *, latency: float = 0.0, compact: bool = False) -> None:
        self.total = total
        self.latency = latency
        self.compact = compact
        self.requests = 0
        self._pages: dict[tuple[int, int], bytes] = {}
        self._ones: dict[int, bytes] = {}

    def one(self, lead_id: int) -> bytes:
        """``GET /leads/{leadId}``'s body, encoded once per id."""
        body = self._ones.get(lead_id)
        if body is None:
            body = self._ones[lead_id] = json.dumps({"lead": lead(lead_id)}).encode()
        return body

    async def get_one(self, request: web.Request) -> web.Response:
        self.requests += 1
        body = self.one(int(request.match_info["lead_id"]))
        return web.Response(body=body, content_type="application/json")

    def page(self, offset: int, limit: int) -> bytes:
        key = (offset, limit)
        body = self._pages.get(key)
        if body is None:
            make = compact_lead if self.compact else lead
            rows = [{"lead": make(i)} for i in range(offset, min(offset + limit, self.total))]
            meta = {"collection": "leads", "offset": offset, "limit": limit, "total": self.total}
            body = self._pages[key] = json.dumps({"_metadata": meta, "leads": rows}).encode()
        return body

    async def handler(self, request: web.Request) -> web.Response:
        self.requests += 1
        if self.latency:
            await asyncio.sleep(self.latency)
        offset = int(request.query.get("offset", 0))
        limit = int(request.query.get("limit", 100))
        return web.Response(body=self.page(offset, limit), content_type="application/json")

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1.0/leads", self.handler)
        app.router.add_get("/v1.0/leads/{lead_id}", self.get_one)
        return app


class WindowServer:
    """Allows ``limit`` calls per fixed window, announces it Lofty-style, 429 beyond."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self.start = time.time()
        self.counts: dict[int, int] = {}
        self.served = 0
        self.rejected = 0

    async def handler(self, request: web.Request) -> web.Response:
        now = time.time()
        index = int((now - self.start) // self.window)
        used = self.counts[index] = self.counts.get(index, 0) + 1
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(max(0, self.limit - used)),
            "X-RateLimit-Reset": f"{self.start + (index + 1) * self.window:.3f}",
        }
        if used > self.limit:
            self.rejected += 1
            return web.json_response({"message": "Too Many Requests"}, status=429, headers=headers)
        self.served += 1
        return web.json_response({"lead": lead(self.served)}, headers=headers)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/v1.0/leads/{lead_id}", self.handler)
        return app


def transaction(i: int) -> dict[str, Any]:
    return {
        "id": i,
        "address": f"{i} Main St",
        "city": "Springfield",
        "state": "IL",
        "zip": "62701",
        "status": "pending",
        "price": 250000 + i,
        "created_at": 1704067200000 + i * 1000,
        "updated_at": 1706745600000 + i * 1000,
        "closing_date": 1709251200000,
        "custom_attributes": [{"name": "Source", "value": "Referral"}],
    }


class BrokermintServer:
    """Brokermint-style transactions (v1 and the peer client's v2 paths), fixed latency."""

    def __init__(self, total: int, *, latency: float) -> None:
        self.total = total
        self.latency = latency
        self.requests = 0

    async def listing(self, request: web.Request) -> web.Response:
        self.requests += 1
        await asyncio.sleep(self.latency)
        count = int(request.query.get("count", 1000))
        start = int(request.query.get("starting_from_id", 1))
        rows = [transaction(i) for i in range(max(1, start), min(self.total + 1, start + count))]
        return web.json_response(rows)

    async def show(self, request: web.Request) -> web.Response:
        self.requests += 1
        await asyncio.sleep(self.latency)
        return web.json_response(transaction(int(request.match_info["id"])))

    def app(self) -> web.Application:
        app = web.Application()
        for version in ("v1", "v2"):
            app.router.add_get(f"/api/{version}/transactions", self.listing)
            app.router.add_get(f"/api/{version}/transactions/{{id}}", self.show)
        return app


async def start(app: web.Application) -> tuple[TestServer, str]:
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    return server, str(server.make_url("")).rstrip("/")
