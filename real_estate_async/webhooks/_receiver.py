"""The callback endpoint: check the secret in the path, cap the body, store the batch.

Lofty's OpenAPI document names no signature for callbacks, so the secret is the callback
URL itself: ``/webhooks/lofty/<token>`` (one tenant) or ``/webhooks/lofty/<tenant>/<token>``.
Tokens are compared in constant time; anything that does not match is a bare 404, so a
prober learns nothing. The answer is 2xx only once the batch is stored (at-least-once);
processing happens elsewhere (:class:`~real_estate_async.webhooks.WebhookProcessor`).
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Mapping
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from .._redact import REDACTED
from ._store import BatchStore, StoredBatch

__all__ = ["DEFAULT_MAX_BODY", "DEFAULT_PREFIX", "Receiver", "RedactingAccessLogger"]

log = logging.getLogger("real_estate_async.webhooks")

DEFAULT_PREFIX = "/webhooks/lofty"
#: 5000 events (the largest batch a subscription allows) of a few hundred bytes each.
DEFAULT_MAX_BODY = 8 * 1024 * 1024
DEFAULT_TENANT = "default"

_OK = b'{"ok":true}'
_RESPONSES = {404: b"", 405: b"", 400: b'{"error":"body is not JSON"}'}


def _digest_equal(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


class Receiver:
    """Checks, caps and stores callback batches; usable from any web framework.

    ``tokens``: the secret of each tenant (a plain string: one tenant, ``"default"``).
    ``store``: where accepted batches go (:class:`MemoryStore`, :class:`RedisStore`).
    """

    def __init__(
        self,
        tokens: Mapping[str, str] | str,
        store: BatchStore,
        *,
        prefix: str = DEFAULT_PREFIX,
        max_body: int = DEFAULT_MAX_BODY,
    ) -> None:
        self.tokens = {DEFAULT_TENANT: tokens} if isinstance(tokens, str) else dict(tokens)
        if not self.tokens or any(len(t) < 16 for t in self.tokens.values()):
            raise ValueError("every webhook token must be at least 16 characters")
        if any("/" in name or not name for name in self.tokens):
            raise ValueError("tenant names must be non-empty and contain no '/'")
        self.store = store
        self.prefix = prefix.rstrip("/")
        self.max_body = max_body
        self.accepted = 0
        self.refused = 0

    def __repr__(self) -> str:
        return f"<Receiver prefix={self.prefix!r} tenants={sorted(self.tokens)}>"

    # ------------------------------------------------------------------ checks

    def tenant_of(self, path: str) -> str | None:
        """The tenant whose secret ``path`` carries, or None (constant time per token)."""
        if not path.startswith(self.prefix + "/"):
            return None
        parts = path[len(self.prefix) + 1 :].split("/")
        if len(parts) == 1:
            found = None
            for tenant, token in self.tokens.items():  # no early exit: time says nothing
                if _digest_equal(parts[0], token) and found is None:
                    found = tenant
            return found
        if len(parts) == 2:
            tenant, given = parts
            expected = self.tokens.get(tenant)
            # compare against something even for an unknown tenant
            ok = _digest_equal(given, expected if expected is not None else "\0" * 32)
            return tenant if ok and expected is not None else None
        return None

    def redact_path(self, path: str) -> str:
        """``path`` with everything after the prefix hidden (for logs)."""
        if path.startswith(self.prefix + "/"):
            return f"{self.prefix}/{REDACTED}"
        return path

    # ------------------------------------------------------------------ handle

    async def handle(
        self,
        path: str,
        body: bytes,
        headers: Mapping[str, str] | None = None,
        *,
        method: str = "POST",
    ) -> tuple[int, bytes]:
        """Check and store one callback: ``(status, response body)``.

        404 (empty) unless ``path`` carries a tenant's secret; 405 for a method other than
        POST; 413 past ``max_body``; 400 when the body is not JSON; 503 when the store
        failed (Lofty retries); 200 once the batch is stored. ``headers`` are not
        checked (Lofty's OpenAPI document names no signature header); frameworks pass
        theirs as they are.
        """
        tenant = self.tenant_of(path)
        if tenant is None:
            self.refused += 1
            log.info("webhook refused: unknown path %s", self.redact_path(path))
            return 404, _RESPONSES[404]
        if method.upper() != "POST":
            self.refused += 1
            return 405, _RESPONSES[405]
        if len(body) > self.max_body:
            self.refused += 1
            log.warning("webhook refused: body of %d bytes (tenant %s)", len(body), tenant)
            return 413, b'{"error":"body too large"}'
        try:
            json.loads(body)
        except ValueError:
            self.refused += 1
            log.warning("webhook refused: body is not JSON (tenant %s)", tenant)
            return 400, _RESPONSES[400]
        try:
            await self.store.put(StoredBatch(tenant=tenant, body=body))
        except Exception as exc:  # store down: a 5xx makes Lofty deliver again
            log.error("webhook batch not stored (tenant %s): %s", tenant, type(exc).__name__)
            return 503, b'{"error":"not stored"}'
        self.accepted += 1
        return 200, _OK

    # ------------------------------------------------------------------ aiohttp

    async def aiohttp_handler(self, request: web.Request) -> web.StreamResponse:
        """An aiohttp handler for ``POST /webhooks/lofty/{token}`` (any path under the
        prefix): reads at most ``max_body`` bytes, then :meth:`handle`."""
        if self.tenant_of(request.path) is None:
            self.refused += 1
            log.info("webhook refused: unknown path %s", self.redact_path(request.path))
            return web.Response(status=404)
        length = request.content_length
        if length is not None and length > self.max_body:
            self.refused += 1
            return web.Response(status=413, body=b'{"error":"body too large"}')
        body = await _read_capped(request, self.max_body)
        if body is None:
            self.refused += 1
            return web.Response(status=413, body=b'{"error":"body too large"}')
        status, answer = await self.handle(
            request.path, body, request.headers, method=request.method
        )
        return web.Response(status=status, body=answer, content_type="application/json")

    def aiohttp_app(self) -> web.Application:
        """A sub-application to mount at the prefix: ``app.add_subapp("/webhooks/lofty",
        receiver.aiohttp_app())``. Every path and method under it goes to the receiver."""
        app = web.Application(client_max_size=self.max_body + 1)
        app.router.add_route("*", "/{tail:.*}", self.aiohttp_handler)
        return app


async def _read_capped(request: web.Request, limit: int) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(65536):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class RedactingAccessLogger(AbstractAccessLogger):
    """An aiohttp access log that never writes the secret part of a callback path:
    ``web.AppRunner(app, access_log_class=RedactingAccessLogger)``. Under the prefix the
    rest of the path is hidden; elsewhere everything after the first segment is (a token
    posted to a wrong path is still a token)."""

    prefix = DEFAULT_PREFIX

    def log(self, request: Any, response: Any, time: float) -> None:
        path = str(request.path)
        if path.startswith(self.prefix + "/"):
            path = f"{self.prefix}/{REDACTED}"
        else:
            head, sep, _rest = path.lstrip("/").partition("/")
            path = f"/{head}/{REDACTED}" if sep else path
        self.logger.info(
            '%s "%s %s" %s %.3fs', request.remote, request.method, path, response.status, time
        )
