"""Ovipro Agency API models (camelCase on the wire).

Only the top-level fields of the response samples in the Ovipro Agency API 1.0 document are
typed; nested objects stay plain dicts/lists, and anything else the API returns is kept in
``model.extra``.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ...models import Model, field, model

__all__ = [
    "Agency",
    "AgencyOffice",
    "Agent",
    "AgentSearchResult",
    "OfficeContact",
    "OviproModel",
]


@model
class OviproModel(Model):
    """Base of every Ovipro model."""


@model
class Agency(OviproModel):
    agency_id: str | None = field(default=None)
    agency_number: int | None = field(default=None)
    agency_organization_group_id: str | None = field(default=None)
    business_identification: Any = field(default=None)
    invoicing: Any = field(default=None)
    marketing_name: str | None = field(default=None)
    official_name: str | None = field(default=None)
    visiting_address: Any = field(default=None)


@model
class OfficeContact(OviproModel):
    """One contact of an agency office (``contacts`` array)."""

    id: str | None = field(default=None)


@model
class AgencyOffice(OviproModel):
    agency_office_id: str | None = field(default=None)
    agency_office_number: int | None = field(default=None)
    agency: Any = field(default=None)
    agency_organization_group: Any = field(default=None)
    contacts: list[Any] | None = field(default=None)
    name: str | None = field(default=None)
    marketing_name: list[Any] | None = field(default=None)
    description: list[Any] | None = field(default=None)
    current_news_description: list[Any] | None = field(default=None)
    location: Any = field(default=None)
    postal_address: Any = field(default=None)
    visiting_address: Any = field(default=None)
    contracts: list[Any] | None = field(default=None)
    tags: list[Any] | None = field(default=None)
    links: list[Any] | None = field(default=None)
    contact_recipient_code: str | None = field(default=None)
    agent_sort_order_code: str | None = field(default=None)
    recommendation: Any = field(default=None)
    phone_description: list[Any] | None = field(default=None)
    financial_accounts: list[Any] | None = field(default=None)
    financial_account_for_down_payments: Any = field(default=None)
    billing: Any = field(default=None)
    branding: Any = field(default=None)
    reporting_name: str | None = field(default=None)
    supplier_assigned_identifiers: list[Any] | None = field(default=None)


@model
class Agent(OviproModel):
    agent_id: str | None = field(default=None)
    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    email_address: str | None = field(default=None)
    phone_number: str | None = field(default=None)
    title: str | None = field(default=None)
    description: str | None = field(default=None)
    birth_date: _dt.date | None = field(default=None)
    languages: list[Any] | None = field(default=None)
    degrees: list[Any] | None = field(default=None)
    customer_feedback: Any = field(default=None)
    recommendation: Any = field(default=None)
    special_skills: list[Any] | None = field(default=None)
    contacts: list[Any] | None = field(default=None)
    profile_picture_url: str | None = field(default=None)
    supplier_assigned_identifiers: list[Any] | None = field(default=None)
    public_agent_agency_office_ids: list[str] | None = field(default=None)
    state: str | None = field(default=None)
    default_agency_office_id: str | None = field(default=None)
    modification_time: _dt.datetime | None = field(default=None)


@model
class AgentSearchResult(OviproModel):
    """``agents.find()``: the matching ``agents`` and the vendor's ``total_count``."""

    agents: list[Agent] = field(factory=list)
    total_count: int | None = field(default=None)
