"""Ovipro Agency API models (camelCase on the wire).

Only the top-level fields of the seed's response samples are typed; nested objects stay
plain dicts/lists, and anything else the API returns is kept in ``model.extra``.
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
    agency_id: str | None = field()
    agency_number: int | None = field()
    agency_organization_group_id: str | None = field()
    business_identification: Any = field()
    invoicing: Any = field()
    marketing_name: str | None = field()
    official_name: str | None = field()
    visiting_address: Any = field()


@model
class OfficeContact(OviproModel):
    """One contact of an agency office (``contacts`` array)."""

    id: str | None = field()


@model
class AgencyOffice(OviproModel):
    agency_office_id: str | None = field()
    agency_office_number: int | None = field()
    agency: Any = field()
    agency_organization_group: Any = field()
    contacts: list[Any] | None = field()
    name: str | None = field()
    marketing_name: list[Any] | None = field()
    description: list[Any] | None = field()
    current_news_description: list[Any] | None = field()
    location: Any = field()
    postal_address: Any = field()
    visiting_address: Any = field()
    contracts: list[Any] | None = field()
    tags: list[Any] | None = field()
    links: list[Any] | None = field()
    contact_recipient_code: str | None = field()
    agent_sort_order_code: str | None = field()
    recommendation: Any = field()
    phone_description: list[Any] | None = field()
    financial_accounts: list[Any] | None = field()
    financial_account_for_down_payments: Any = field()
    billing: Any = field()
    branding: Any = field()
    reporting_name: str | None = field()
    supplier_assigned_identifiers: list[Any] | None = field()


@model
class Agent(OviproModel):
    agent_id: str | None = field()
    first_name: str | None = field()
    last_name: str | None = field()
    email_address: str | None = field()
    phone_number: str | None = field()
    title: str | None = field()
    description: str | None = field()
    birth_date: _dt.date | None = field()
    languages: list[Any] | None = field()
    degrees: list[Any] | None = field()
    customer_feedback: Any = field()
    recommendation: Any = field()
    special_skills: list[Any] | None = field()
    contacts: list[Any] | None = field()
    profile_picture_url: str | None = field()
    supplier_assigned_identifiers: list[Any] | None = field()
    public_agent_agency_office_ids: list[str] | None = field()
    state: str | None = field()
    default_agency_office_id: str | None = field()
    modification_time: _dt.datetime | None = field()


@model
class AgentSearchResult(OviproModel):
    """``agents.find()``: the matching ``agents`` and the vendor's ``total_count``."""

    agents: list[Agent] = field(factory=list)
    total_count: int | None = field()
