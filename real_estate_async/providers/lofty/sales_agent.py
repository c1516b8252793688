"""Lofty AI Sales Agent: ``client.sales_agent`` (Lofty OpenAPI document, Sales Agent)."""

from __future__ import annotations

from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body
from ._resource import LoftyResource
from ._shapes import object_at
from .published_models import MuteStatus, SalesAgent, SalesAgentQuota, SalesAgentSettings

__all__ = ["SalesAgentResource"]


class SalesAgentResource(LoftyResource):
    """``client.sales_agent``: the AI Sales Agent's settings, seat, quota and messages."""

    @overload
    async def settings(self, *, raw: Literal[False] = ...) -> SalesAgentSettings: ...
    @overload
    async def settings(self, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def settings(self, *, raw: bool = False) -> SalesAgentSettings | dict[str, Any]:
        """``GET /v2.0/sales-agent/settings``: the team's Sales Agent settings."""
        data = await self._request("GET", "/v2.0/sales-agent/settings")
        return object_at(SalesAgentSettings, data, raw=raw)

    async def update_settings(self, settings: Body) -> Any:
        """``PUT /v2.0/sales-agent/settings``: edit the settings (SalesAgentSettingRequest)."""
        return await self._request(
            "PUT", "/v2.0/sales-agent/settings", json=require_non_empty(settings, name="settings")
        )

    @overload
    async def current(self, *, raw: Literal[False] = ...) -> SalesAgent: ...
    @overload
    async def current(self, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def current(self, *, raw: bool = False) -> SalesAgent | dict[str, Any]:
        """``GET /v2.0/sales-agents/current``: the caller's Sales Agent."""
        data = await self._request("GET", "/v2.0/sales-agents/current")
        return object_at(SalesAgent, data, raw=raw)

    @overload
    async def for_lead(self, lead_id: int, *, raw: Literal[False] = ...) -> SalesAgent: ...
    @overload
    async def for_lead(self, lead_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def for_lead(self, lead_id: int, *, raw: bool = False) -> SalesAgent | dict[str, Any]:
        """``GET /v2.0/sales-agents/by-lead``: the Sales Agent following a lead."""
        data = await self._request("GET", "/v2.0/sales-agents/by-lead", params={"leadId": lead_id})
        return object_at(SalesAgent, data, raw=raw)

    @overload
    async def quota(self, *, raw: Literal[False] = ...) -> SalesAgentQuota: ...
    @overload
    async def quota(self, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def quota(self, *, raw: bool = False) -> SalesAgentQuota | dict[str, Any]:
        """``GET /v2.0/sales-agents/quota``: the team's Sales Agent quota."""
        data = await self._request("GET", "/v2.0/sales-agents/quota")
        return object_at(SalesAgentQuota, data, raw=raw)

    @overload
    async def mute_status(self, lead_id: int, *, raw: Literal[False] = ...) -> MuteStatus: ...
    @overload
    async def mute_status(self, lead_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def mute_status(self, lead_id: int, *, raw: bool = False) -> MuteStatus | dict[str, Any]:
        """``GET /v2.0/sales-agent/lead/mute-status``: whether the Sales Agent is muted for
        a lead (``mute`` is the string ``"true"`` or ``"false"``; unwrapped from ``data``)."""
        data = await self._request(
            "GET", "/v2.0/sales-agent/lead/mute-status", params={"leadId": lead_id}
        )
        return object_at(MuteStatus, data, "data", raw=raw)

    async def send_sms_to_agent(self, message: Body) -> Any:
        """``POST /v2.0/sales-agent/message/sms/send-to-agent``: text an agent
        (SendSmsToAgentRequest)."""
        return await self._request(
            "POST", "/v2.0/sales-agent/message/sms/send-to-agent",
            json=require_non_empty(message, name="message"),
        )  # fmt: skip

    async def send_ai_number_sms_to_agent(self, message: Body) -> Any:
        """``POST /v2.0/sales-agent/ai-number/send-sms-to-agent``: text an agent from the
        Sales Agent's AI number (SendSmsToAgentRequest)."""
        return await self._request(
            "POST", "/v2.0/sales-agent/ai-number/send-sms-to-agent",
            json=require_non_empty(message, name="message"),
        )  # fmt: skip

    async def send_email_to_agent(self, message: Body) -> Any:
        """``POST /v2.0/sales-agent/message/email/send-to-agent``: email an agent
        (SendEmailToAgentRequest)."""
        return await self._request(
            "POST", "/v2.0/sales-agent/message/email/send-to-agent",
            json=require_non_empty(message, name="message"),
        )  # fmt: skip

    async def send_task_reminder(self, reminder: Body) -> Any:
        """``POST /v2.0/sales-agent/notification/app-push/send-task-reminder``: push a task
        reminder to an agent's app (SendTaskReminderPushRequest)."""
        return await self._request(
            "POST", "/v2.0/sales-agent/notification/app-push/send-task-reminder",
            json=require_non_empty(reminder, name="reminder"),
        )  # fmt: skip
