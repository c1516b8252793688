"""Lofty webhook subscriptions: ``client.webhooks``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body, items_in, model_parser
from ...pagination import AsyncPager, SinglePage
from ._resource import (
    LoftyResource,
)
from .models import (
    Webhook,
)

if TYPE_CHECKING:
    from ...webhooks import SubscriptionPlan, Wanted

__all__ = ["Webhooks"]


class Webhooks(LoftyResource):
    """``client.webhooks`` (5.12). ``listId``: the 12 event types of Lofty's OpenAPI
    document, tag "Webhooks" (:class:`real_estate_async.webhooks.EventType`)."""

    @overload
    async def create(self, webhook: Body, *, raw: Literal[False] = ...) -> Webhook: ...
    @overload
    async def create(self, webhook: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def create(self, webhook: Body, *, raw: bool = False) -> Webhook | dict[str, Any]:
        """``POST /webhook``: subscribe (WebhookRequest: ``callbackUrl``, ``listId``,
        ``limit`` per 30 minutes, at most 5000)."""
        data = await self._request(
            "POST", "/webhook", json=require_non_empty(webhook, name="webhook")
        )
        return self._one(Webhook, data, "webhook", bare=True, raw=raw)

    async def delete(self, subscribe_id: int) -> Any:
        """``DELETE /webhook/{subscribeId}``."""
        return await self._request("DELETE", self._path("/webhook/{}", subscribe_id))

    @overload
    def list(
        self, *, resume_from: Mapping[str, Any] | None = None, raw: Literal[False] = ...
    ) -> AsyncPager[Webhook]: ...
    @overload
    def list(
        self, *, resume_from: Mapping[str, Any] | None = None, raw: Literal[True]
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, *, resume_from: Mapping[str, Any] | None = None, raw: bool = False
    ) -> AsyncPager[Webhook] | AsyncPager[dict[str, Any]]:
        """``GET /webhooks``: every webhook of the current team (one response)."""
        return self._pager(
            "GET", "/webhooks", SinglePage(items=items_in("webhooks", "data")),
            parse=model_parser(Webhook, raw), resume_from=resume_from,
        )  # fmt: skip

    async def sync(
        self,
        wanted: Iterable[Wanted],
        *,
        ours: Callable[[Mapping[str, Any]], bool] | str | None = None,
        dry_run: bool = False,
    ) -> SubscriptionPlan:
        """Make this team's subscriptions match ``wanted``: ``GET /webhooks``, then
        ``DELETE /webhook/{subscribeId}`` for ours that are not wanted and ``POST
        /webhook`` for the missing ones; others' subscriptions are left alone (see
        :func:`real_estate_async.webhooks.sync_subscriptions`)."""
        from ...webhooks import sync_subscriptions  # the webhooks package imports clients

        return await sync_subscriptions(self._client, wanted, ours=ours, dry_run=dry_run)
