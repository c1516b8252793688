"""Brokermint models: snake_case on the wire, dates as 13-digit millisecond timestamps.

Every date field becomes an aware UTC ``datetime`` (``''`` and ``null`` become ``None``);
``to_dict()`` writes datetimes back as millisecond timestamps. Keys the SDK has no field for
are kept in ``model.extra``, so nothing Brokermint returns is dropped.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any
from urllib.parse import quote

import attrs

from ...models import Model, field

# ``@attrs.define(kw_only=True)`` is what ``models.model`` does, spelled out so type
# checkers see the generated keyword-only ``__init__`` (``Contact(first_name=...)``).

__all__ = [
    "Backup",
    "BackupLink",
    "BrokermintModel",
    "Checklist",
    "CommissionItem",
    "CommissionPlan",
    "CommissionTier",
    "Contact",
    "CustomAttribute",
    "DocumentUploadRequest",
    "Note",
    "Offer",
    "OfferAttachment",
    "Participant",
    "Report",
    "ReportFilter",
    "ReportFilterOption",
    "Representer",
    "SsoToken",
    "Task",
    "Transaction",
    "User",
]

SSO_LOGIN_URL = "https://my.brokermint.com/users/sign_in_by_token?token="


@attrs.define(kw_only=True)
class BrokermintModel(Model):
    """Base of every Brokermint model."""

    __wire_case__ = "snake"
    __datetime_format__ = "epoch_ms"


@attrs.define(kw_only=True)
class Representer(BrokermintModel):
    """``listing_side_representer`` / ``buying_side_representer``: ``{id, type}``."""

    id: int | None = field()
    type: str | None = field()


@attrs.define(kw_only=True)
class CustomAttribute(BrokermintModel):
    """One custom attribute; the whole ``custom_attributes`` list is replaced on PUT."""

    name: str | None = field()
    label: str | None = field()
    type: str | None = field()
    value: Any = field()
    required: bool | None = field()
    required_if_status: str | None = field()
    options: list[Any] | None = field()


@attrs.define(kw_only=True)
class Transaction(BrokermintModel):
    """A transaction (lists return a short form with the same fields, fewer filled)."""

    id: int | None = field()
    external_id: str | None = field()
    address: str | None = field()
    city: str | None = field()
    state: str | None = field()
    zip: str | None = field()
    status: str | None = field()
    transaction_type: str | None = field()
    price: float | None = field()
    representing: str | None = field()
    acceptance_date: _dt.datetime | None = field()
    expiration_date: _dt.datetime | None = field()
    closing_date: _dt.datetime | None = field()
    listing_date: _dt.datetime | None = field()
    created_at: _dt.datetime | None = field()
    updated_at: _dt.datetime | None = field()
    closed_at: _dt.datetime | None = field()
    custom_attributes: list[CustomAttribute] | None = field()
    total_gross_commission: float | None = field()
    listing_side_representer: Representer | None = field()
    buying_side_representer: Representer | None = field()
    timezone: float | None = field()


@attrs.define(kw_only=True)
class Contact(BrokermintModel):
    id: int | None = field()
    external_id: str | None = field()
    contact_type: str | None = field()
    first_name: str | None = field()
    last_name: str | None = field()
    company: str | None = field()
    address: str | None = field()
    city: str | None = field()
    state: str | None = field()
    zip: str | None = field()
    email: str | None = field()
    phone: str | None = field()
    mobile_phone: str | None = field()
    fax: str | None = field()
    comments: list[Any] | None = field()
    created_at: _dt.datetime | None = field()
    updated_at: _dt.datetime | None = field()
    lead_source: str | None = field()
    custom_attributes: list[CustomAttribute] | None = field()
    created_by: int | None = field()
    private: bool | None = field()


@attrs.define(kw_only=True)
class Participant(BrokermintModel):
    """A transaction participant: ``type`` is ``User`` or ``Contact``."""

    id: int | None = field()
    type: str | None = field()
    role: str | None = field()
    owner: bool | None = field()


@attrs.define(kw_only=True)
class User(BrokermintModel):
    id: int | None = field()
    external_id: str | None = field()
    first_name: str | None = field()
    last_name: str | None = field()
    email: str | None = field()
    phone: str | None = field()
    company: str | None = field()
    role: str | None = field()
    team: Any = field()
    sponsor: Any = field()
    office: Any = field()
    created_at: _dt.datetime | None = field()
    updated_at: _dt.datetime | None = field()
    anniversary_date: _dt.datetime | None = field()
    birthday: _dt.datetime | None = field()
    avatar_url: str | None = field()
    active: bool | None = field()


@attrs.define(kw_only=True)
class SsoToken(BrokermintModel):
    sso_token: str | None = field()

    @property
    def login_url(self) -> str:
        """Where to send the user to be logged in with this token."""
        return SSO_LOGIN_URL + quote(self.sso_token or "", safe="")


@attrs.define(kw_only=True)
class CommissionTier(BrokermintModel):
    id: int | None = field()
    commission_item_id: int | None = field()
    low_limit: float | None = field()
    value: float | None = field()
    uom: str | None = field()


@attrs.define(kw_only=True)
class CommissionItem(BrokermintModel):
    id: int | None = field()
    item_index: int | None = field()
    name: str | None = field()
    item_type: str | None = field()
    side: str | None = field()
    payer_id: int | None = field()
    payer_type: str | None = field()
    payee_id: int | None = field()
    payee_type: str | None = field()
    sliding_base: Any = field()
    sliding_base_period: Any = field()
    sliding_base_amount: Any = field()
    custom_sliding_base_period: list[Any] | None = field()
    calculated_dollar_amount: float | None = field()
    minimum_dollar_amount: float | None = field()
    pay_to: dict[str, Any] | None = field()
    tags: list[str] | None = field()
    tiers: list[CommissionTier] | None = field()
    payee_name: str | None = field()
    payee_first_name: str | None = field()
    payee_last_name: str | None = field()
    payer_name: str | None = field()


@attrs.define(kw_only=True)
class Backup(BrokermintModel):
    """A completed transaction backup; ``link`` expires 30 minutes after it is issued."""

    id: int | None = field()
    transaction_id: int | None = field()
    completed_at: _dt.datetime | None = field()
    file_name: str | None = field()
    link: str | None = field()


@attrs.define(kw_only=True)
class BackupLink(BrokermintModel):
    """The latest backup of one transaction: a download ``link`` valid for 30 minutes."""

    link: str | None = field()


@attrs.define(kw_only=True)
class DocumentUploadRequest(BrokermintModel):
    """A document upload request; ``upload_status`` is ``processing`` or ``complete``."""

    id: int | None = field()
    transaction_id: int | None = field()
    task_id: int | None = field()
    name: str | None = field()
    content_type: str | None = field()
    path: str | None = field()
    upload_status: str | None = field()


@attrs.define(kw_only=True)
class Report(BrokermintModel):
    id: str | None = field()
    name: str | None = field()


@attrs.define(kw_only=True)
class ReportFilterOption(BrokermintModel):
    val: str | None = field()
    text: str | None = field()


@attrs.define(kw_only=True)
class ReportFilter(BrokermintModel):
    column: str | None = field()
    type: str | None = field()
    comparison: str | None = field()
    dynamic: bool | None = field()
    options: list[ReportFilterOption] | None = field()


@attrs.define(kw_only=True)
class Checklist(BrokermintModel):
    id: int | None = field()
    name: str | None = field()
    tasks: list[Any] | None = field()


@attrs.define(kw_only=True)
class Task(BrokermintModel):
    id: int | None = field()
    name: str | None = field()
    description: str | None = field()
    document_required: bool | None = field()
    done: bool | None = field()
    deadline: _dt.datetime | None = field()
    status: str | None = field()


@attrs.define(kw_only=True)
class Note(BrokermintModel):
    id: int | None = field()
    text: str | None = field()
    created_at: _dt.datetime | None = field()


@attrs.define(kw_only=True)
class OfferAttachment(BrokermintModel):
    id: int | None = field()
    name: str | None = field()
    content_type: str | None = field()
    url: str | None = field()


@attrs.define(kw_only=True)
class Offer(BrokermintModel):
    id: int | None = field()
    status: str | None = field()
    price: float | None = field()
    created_at: _dt.datetime | None = field()
    updated_at: _dt.datetime | None = field()
    attachments: list[OfferAttachment] | None = field()


@attrs.define(kw_only=True)
class CommissionPlan(BrokermintModel):
    id: int | None = field()
    name: str | None = field()
