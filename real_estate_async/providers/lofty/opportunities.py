"""Lofty opportunity notifications: ``client.opportunities``."""

from __future__ import annotations

from typing import Any

from ..._params import require_non_empty
from ..._resource import Body
from ._resource import (
    LoftyResource,
)

__all__ = ["Opportunities"]


class Opportunities(LoftyResource):
    """``client.opportunities`` (5.17)."""

    async def send_notification(self, notification: Body) -> Any:
        """``POST /agent/send-notification``: send an opportunity notification
        (OpportunityNotificationRequest: ``leadId``, ``message``, ``notificationType``,
        ``description`` and ``link`` together)."""
        return await self._request(
            "POST", "/agent/send-notification",
            json=require_non_empty(notification, name="notification"),
        )  # fmt: skip
