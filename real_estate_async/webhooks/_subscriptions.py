"""Make the account's webhook subscriptions match a wanted set (idempotent).

Lofty has no update operation for a subscription (Lofty OpenAPI document, tag
"Webhooks": ``POST /v1.0/webhook``, ``GET /v1.0/webhooks``, ``DELETE
/v1.0/webhook/{subscribeId}``), so a subscription whose ``limit`` or ``permissionMode``
differs from the wanted one is deleted and created again. Subscriptions that are not
"ours" (another callback URL, by default) are never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import attrs

from .._redact import REDACTED
from ._receiver import DEFAULT_PREFIX

__all__ = [
    "SubscriptionPlan",
    "Wanted",
    "redact_callback",
    "redacted",
    "sync_subscriptions",
]


def redact_callback(url: str, prefix: str = DEFAULT_PREFIX) -> str:
    """``url`` with the secret part of a callback path hidden (for output and logs)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return REDACTED
    path = parts.path
    if path.startswith(prefix.rstrip("/") + "/"):
        path = prefix.rstrip("/") + "/" + REDACTED
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


@attrs.frozen
class Wanted:
    """One subscription to have: ``list_id`` (1-12), ``callback_url``, ``limit`` (events
    per batch, 1-5000) and ``permission_mode`` (0 assignment-based, 1 ownership-based)."""

    list_id: int
    callback_url: str = attrs.field(repr=redact_callback)
    limit: int = 100
    permission_mode: int = 0

    def __attrs_post_init__(self) -> None:
        if not 1 <= int(self.list_id) <= 12:
            raise ValueError(f"listId must be 1 to 12, not {self.list_id}")
        if not 1 <= self.limit <= 5000:
            raise ValueError(f"limit must be 1 to 5000, not {self.limit}")
        if self.permission_mode not in (0, 1):
            raise ValueError(f"permissionMode must be 0 or 1, not {self.permission_mode}")

    def body(self) -> dict[str, Any]:
        """The ``POST /v1.0/webhook`` body (WebhookRequest)."""
        return {
            "listId": int(self.list_id),
            "callbackUrl": self.callback_url,
            "limit": self.limit,
            "permissionMode": self.permission_mode,
        }

    def matches(self, sub: Mapping[str, Any]) -> bool:
        return (
            _int(sub.get("listId")) == int(self.list_id)
            and sub.get("callbackUrl") == self.callback_url
            and _int(sub.get("limit"), 100) == self.limit
            and _int(sub.get("permissionMode"), 0) == self.permission_mode
        )


@attrs.frozen
class SubscriptionPlan:
    """What :func:`sync_subscriptions` did (or would do with ``dry_run``): subscriptions as
    Lofty lists them (``subscribeId``, ``listId``, ``callbackUrl``...)."""

    created: list[dict[str, Any]] = attrs.field(repr=lambda subs: _redact_subs(subs))
    deleted: list[dict[str, Any]] = attrs.field(repr=lambda subs: _redact_subs(subs))
    kept: list[dict[str, Any]] = attrs.field(repr=lambda subs: _redact_subs(subs))
    others: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.deleted)


async def sync_subscriptions(
    client: Any,
    wanted: Iterable[Wanted],
    *,
    ours: Callable[[Mapping[str, Any]], bool] | str | None = None,
    dry_run: bool = False,
) -> SubscriptionPlan:
    """Create the missing ``wanted`` subscriptions and delete ours that are not wanted.

    ``ours``: which existing subscriptions this app owns: a callable, a callback URL
    prefix, or by default those whose ``callbackUrl`` is one of the wanted ones. Calls
    ``GET /v1.0/webhooks``, then ``DELETE /v1.0/webhook/{subscribeId}`` and ``POST
    /v1.0/webhook`` as needed. Running it twice changes nothing the second time.
    """
    want = list(dict.fromkeys(wanted))
    urls = {w.callback_url for w in want}
    owned: Callable[[Mapping[str, Any]], bool]
    if ours is None:
        owned = lambda sub: sub.get("callbackUrl") in urls  # noqa: E731
    elif isinstance(ours, str):
        prefix = ours
        owned = lambda sub: str(sub.get("callbackUrl") or "").startswith(prefix)  # noqa: E731
    else:
        owned = ours
    existing = [dict(s) for s in await client.webhooks.list(raw=True).collect()]
    mine = [s for s in existing if owned(s)]
    kept: list[dict[str, Any]] = []
    missing: list[Wanted] = []
    for w in want:
        match = next((s for s in mine if w.matches(s) and s not in kept), None)
        if match is None:
            missing.append(w)
        else:
            kept.append(match)
    stale = [s for s in mine if s not in kept]
    created: list[dict[str, Any]] = []
    if not dry_run:
        for sub in stale:
            await client.webhooks.delete(sub["subscribeId"])
        for w in missing:
            created.append(dict(await client.webhooks.create(w.body(), raw=True)))
    else:
        created = [w.body() for w in missing]
    return SubscriptionPlan(
        created=created, deleted=stale, kept=kept, others=len(existing) - len(mine)
    )


def redacted(sub: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of subscription ``sub`` whose ``callbackUrl`` hides the secret."""
    out = dict(sub)
    if isinstance(out.get("callbackUrl"), str):
        out["callbackUrl"] = redact_callback(out["callbackUrl"])
    return out


def _redact_subs(subs: list[dict[str, Any]]) -> str:
    return repr([redacted(s) for s in subs])


def _int(value: Any, default: int | None = None) -> int | None:
    if value is None:
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
