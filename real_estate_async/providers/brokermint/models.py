"""Brokermint models: snake_case on the wire, dates as 13-digit millisecond timestamps.

Every date field becomes an aware UTC ``datetime`` (``''`` and ``null`` become ``None``);
``to_dict()`` writes datetimes back as millisecond timestamps. Keys the SDK has no field for
are kept in ``model.extra``, so nothing Brokermint returns is dropped.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import attrs

from ..._timestamps import EpochMs
from ...models import Model, field

# ``@attrs.define(kw_only=True, slots=False)`` is what ``models.model`` does, spelled out so
# type checkers see the generated keyword-only ``__init__`` (``Contact(first_name=...)``).

__all__ = [
    "Backup",
    "BackupLink",
    "BrokermintModel",
    "Checklist",
    "Comment",
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


@attrs.define(kw_only=True, slots=False)
class BrokermintModel(Model):
    """Base of every Brokermint model."""

    __wire_case__ = "snake"
    __datetime_format__ = "epoch_ms"


@attrs.define(kw_only=True, slots=False)
class Representer(BrokermintModel):
    """``listing_side_representer`` / ``buying_side_representer``: ``{id, type}``."""

    id: int | None = None
    type: str | None = None


@attrs.define(kw_only=True, slots=False)
class CustomAttribute(BrokermintModel):
    """One custom attribute; the whole ``custom_attributes`` list is replaced on PUT."""

    name: str | None = None
    label: str | None = None
    type: str | None = None
    value: Any = None
    required: bool | None = None
    required_if_status: str | None = None
    options: list[Any] | None = None


@attrs.define(kw_only=True, slots=False)
class Comment(BrokermintModel):
    """A comment on a contact or checklist task (the Ruby gem's ``CommentMapping``)."""

    text: str | None = None
    author: str | None = None
    author_id: int | None = None
    created_at: EpochMs | None = None


@attrs.define(kw_only=True, slots=False)
class Transaction(BrokermintModel):
    """A transaction (lists return a short form with the same fields, fewer filled)."""

    id: int | None = None
    external_id: str | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    status: str | None = None
    transaction_type: str | None = None
    price: float | None = None
    representing: str | None = None
    acceptance_date: EpochMs | None = None
    expiration_date: EpochMs | None = None
    closing_date: EpochMs | None = None
    listing_date: EpochMs | None = None
    created_at: EpochMs | None = None
    updated_at: EpochMs | None = None
    closed_at: EpochMs | None = None
    custom_attributes: list[CustomAttribute] | None = None
    total_gross_commission: float | None = None
    listing_side_representer: Representer | None = None
    buying_side_representer: Representer | None = None
    timezone: float | None = None
    commissions_finalized_at: EpochMs | None = None
    custom_id: str | None = None


@attrs.define(kw_only=True, slots=False)
class Contact(BrokermintModel):
    id: int | None = None
    external_id: str | None = None
    contact_type: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile_phone: str | None = None
    fax: str | None = None
    comments: list[Comment] | None = None
    created_at: EpochMs | None = None
    updated_at: EpochMs | None = None
    lead_source: str | None = None
    custom_attributes: list[CustomAttribute] | None = None
    created_by: int | None = None
    private: bool | None = None


@attrs.define(kw_only=True, slots=False)
class Participant(BrokermintModel):
    """A transaction participant: ``type`` is ``User`` or ``Contact``."""

    id: int | None = None
    type: str | None = None
    role: str | None = None
    owner: bool | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None


@attrs.define(kw_only=True, slots=False)
class User(BrokermintModel):
    id: int | None = None
    external_id: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    phone: str | None = None
    company: str | None = None
    role: str | None = None
    team: Any = None
    sponsor: Any = None
    office: Any = None
    created_at: EpochMs | None = None
    updated_at: EpochMs | None = None
    anniversary_date: EpochMs | None = None
    birthday: EpochMs | None = None
    avatar_url: str | None = None
    active: bool | None = None
    address: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    # The wire key is ``license_#``; the Ruby gem names the attribute ``license_number``.
    license_number: str | None = field(default=None, wire="license_#")
    license_expiration: EpochMs | None = None


@attrs.define(kw_only=True, slots=False)
class SsoToken(BrokermintModel):
    sso_token: str | None = None

    @property
    def login_url(self) -> str:
        """Where to send the user to be logged in with this token."""
        return SSO_LOGIN_URL + quote(self.sso_token or "", safe="")


@attrs.define(kw_only=True, slots=False)
class CommissionTier(BrokermintModel):
    id: int | None = None
    commission_item_id: int | None = None
    low_limit: float | None = None
    value: float | None = None
    uom: str | None = None


@attrs.define(kw_only=True, slots=False)
class CommissionItem(BrokermintModel):
    id: int | None = None
    item_index: int | None = None
    name: str | None = None
    item_type: str | None = None
    side: str | None = None
    payer_id: int | None = None
    payer_type: str | None = None
    payee_id: int | None = None
    payee_type: str | None = None
    sliding_base: Any = None
    sliding_base_period: Any = None
    sliding_base_amount: Any = None
    custom_sliding_base_period: list[Any] | None = None
    calculated_dollar_amount: float | None = None
    minimum_dollar_amount: float | None = None
    pay_to: dict[str, Any] | None = None
    tags: list[str] | None = None
    tiers: list[CommissionTier] | None = None
    payee_name: str | None = None
    payee_first_name: str | None = None
    payee_last_name: str | None = None
    payee_company: str | None = None
    payer_name: str | None = None
    applied_plan: Any = None
    maximum_dollar_amount: float | None = None
    prorated_according_to: Any = None
    sliding_base_accrued_by: Any = None


@attrs.define(kw_only=True, slots=False)
class Backup(BrokermintModel):
    """A completed transaction backup; ``link`` expires 30 minutes after it is issued."""

    id: int | None = None
    transaction_id: int | None = None
    completed_at: EpochMs | None = None
    file_name: str | None = None
    link: str | None = None


@attrs.define(kw_only=True, slots=False)
class BackupLink(BrokermintModel):
    """The latest backup of one transaction: a download ``link`` valid for 30 minutes."""

    link: str | None = None


@attrs.define(kw_only=True, slots=False)
class DocumentUploadRequest(BrokermintModel):
    """A document upload request; ``upload_status`` is ``processing`` or ``complete``.

    ``path`` is what a create request sends (the public URL Brokermint fetches the file
    from); a fetched request answers with ``url`` instead (``null`` while processing), as
    the Ruby gem's ``TransactionDocumentMapping`` reads it.
    """

    id: int | None = None
    transaction_id: int | None = None
    task_id: int | None = None
    name: str | None = None
    content_type: str | None = None
    path: str | None = None
    url: str | None = None
    upload_status: str | None = None


@attrs.define(kw_only=True, slots=False)
class Report(BrokermintModel):
    id: str | None = None
    name: str | None = None


@attrs.define(kw_only=True, slots=False)
class ReportFilterOption(BrokermintModel):
    val: str | None = None
    text: str | None = None


@attrs.define(kw_only=True, slots=False)
class ReportFilter(BrokermintModel):
    column: str | None = None
    type: str | None = None
    comparison: str | None = None
    dynamic: bool | None = None
    options: list[ReportFilterOption] | None = None


@attrs.define(kw_only=True, slots=False)
class Checklist(BrokermintModel):
    id: int | None = None
    name: str | None = None
    tasks: list[Any] | None = None


@attrs.define(kw_only=True, slots=False)
class Task(BrokermintModel):
    id: int | None = None
    name: str | None = None
    description: str | None = None
    document_required: bool | None = None
    done: bool | None = None
    deadline: EpochMs | None = None
    status: str | None = None
    comments: list[Comment] | None = None
    created_at: EpochMs | None = None
    updated_at: EpochMs | None = None
    submitted_at: EpochMs | None = None
    exemption: Any = None
    document_id: int | None = None


@attrs.define(kw_only=True, slots=False)
class Note(BrokermintModel):
    id: int | None = None
    text: str | None = None
    created_at: EpochMs | None = None


@attrs.define(kw_only=True, slots=False)
class OfferAttachment(BrokermintModel):
    id: int | None = None
    name: str | None = None
    content_type: str | None = None
    url: str | None = None


@attrs.define(kw_only=True, slots=False)
class Offer(BrokermintModel):
    id: int | None = None
    status: str | None = None
    price: float | None = None
    created_at: EpochMs | None = None
    updated_at: EpochMs | None = None
    attachments: list[OfferAttachment] | None = None


@attrs.define(kw_only=True, slots=False)
class CommissionPlan(BrokermintModel):
    id: int | None = None
    name: str | None = None
