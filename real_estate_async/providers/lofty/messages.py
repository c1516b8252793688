"""Texts and emails sent to leads: ``client.messages`` (Lofty OpenAPI document, Message)."""

from __future__ import annotations

from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body
from ._resource import LoftyResource
from ._shapes import object_at
from .published_models import EmailSendResult, SmsSendResult

__all__ = ["Messages"]


class Messages(LoftyResource):
    """``client.messages``: send a text or an email to a lead."""

    @overload
    async def send_sms(self, message: Body, *, raw: Literal[False] = ...) -> SmsSendResult: ...
    @overload
    async def send_sms(self, message: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def send_sms(self, message: Body, *, raw: bool = False) -> SmsSendResult | dict[str, Any]:
        """``POST /v1.0/message/sms/send``: text a lead (SmsRequest: ``leadId``,
        ``content``; ``phoneNumber``/``phoneCode`` default to the lead's phone)."""
        data = await self._request(
            "POST", "/message/sms/send", json=require_non_empty(message, name="message")
        )
        return object_at(SmsSendResult, data, raw=raw)

    @overload
    async def send_email(self, message: Body, *, raw: Literal[False] = ...) -> EmailSendResult: ...
    @overload
    async def send_email(self, message: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def send_email(
        self, message: Body, *, raw: bool = False
    ) -> EmailSendResult | dict[str, Any]:
        """``POST /v1.0/message/email/send``: email a lead (EmailSendRequest: ``leadId``,
        ``subject``, ``content``; ``toEmail`` defaults to the lead's email)."""
        data = await self._request(
            "POST", "/message/email/send", json=require_non_empty(message, name="message")
        )
        return object_at(EmailSendResult, data, raw=raw)
