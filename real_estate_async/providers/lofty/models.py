"""Lofty models, from the definitions in section 6 of the Lofty API v1.0 reference.

Field names are the snake_case form of Lofty's camelCase keys; anything Lofty returns that
is not listed here is kept in ``model.extra`` and ``model.to_dict()`` gives the original
payload back. Times Lofty documents as plain strings stay strings (their format varies by
endpoint); int64 timestamps stay ints (epoch milliseconds).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ...models import Model, field, model

__all__ = [
    "Account",
    "AgentInfo",
    "Appointment",
    "AssignMember",
    "AssignRole",
    "BrokerTeam",
    "Call",
    "CallHistory",
    "Commission",
    "Commissions",
    "Communication",
    "Contact",
    "CustomAttribute",
    "CustomField",
    "CustomFieldValue",
    "CustomRole",
    "CustomRoleAssignee",
    "EditLeadRequest",
    "Email",
    "EnterpriseInfo",
    "Lead",
    "LeadActivity",
    "LeadActivityRequest",
    "LeadAssigneeInfo",
    "LeadAssigneeRequest",
    "LeadAssignment",
    "LeadFamilyMember",
    "LeadInquiry",
    "LeadPond",
    "LeadProperty",
    "LeadRequest",
    "LeadTag",
    "Listing",
    "Location",
    "LogType",
    "LogTypeRequest",
    "Member",
    "MetaData",
    "MultiTeamInfo",
    "Note",
    "NoteRequest",
    "OauthTokenInfo",
    "OpportunityNotificationRequest",
    "Organization",
    "PermissionProfile",
    "RoutingRule",
    "SupplementRoutingRule",
    "SystemLog",
    "Tag",
    "Task",
    "TaskRequest",
    "Text",
    "Transaction",
    "TransactionPropertyAddress",
    "UserRequest",
    "VendorInfo",
    "VisibleOrgInfo",
    "Webhook",
    "WebhookRequest",
]


class LoftyModel(Model):
    """Base of the Lofty models (camelCase on the wire)."""


@model
class MetaData(LoftyModel):
    """6.55 ``_metadata`` of a list response."""

    collection: str | None = field(default=None)
    limit: int | None = field(default=None)
    offset: int | None = field(default=None)
    scroll_id: str | None = field(default=None)
    total: int | None = field(default=None)


@model
class CustomAttribute(LoftyModel):
    """6.20 A custom field (team definition or a lead's value)."""

    attribute_name: str | None = field(default=None)
    attribute_type: str | None = field(default=None)
    params: str | None = field(default=None)
    value: str | None = field(default=None)


@model
class CustomRole(LoftyModel):
    """6.23"""

    assignee: str | None = field(default=None)
    assignee_id: int | None = field(default=None)
    role: str | None = field(default=None)
    role_id: int | None = field(default=None)


@model
class LeadFamilyMember(LoftyModel):
    """6.37"""

    birthday: str | None = field(default=None)
    emails: list[str] | None = field(default=None)
    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    phones: list[str] | None = field(default=None)
    relationship: str | None = field(default=None)


@model
class Location(LoftyModel):
    """6.49"""

    city: str | None = field(default=None)
    county: str | None = field(default=None)
    description: str | None = field(default=None)
    state_code: str | None = field(default=None)
    street_address: str | None = field(default=None)
    zip_code: str | None = field(default=None)


@model
class LeadInquiry(LoftyModel):
    """6.39 LeadInquiryRes"""

    bathrooms_max: str | None = field(default=None)
    bathrooms_min: str | None = field(default=None)
    bedrooms_max: int | None = field(default=None)
    bedrooms_min: int | None = field(default=None)
    create_time: str | None = field(default=None)
    default_value: bool | None = field(default=None)
    id: int | None = field(default=None)
    lead_user_id: int | None = field(default=None)
    locations: list[Location] | None = field(default=None)
    modify_by_agent: bool | None = field(default=None)
    price_max: int | None = field(default=None)
    price_min: int | None = field(default=None)
    property_type: list[str] | None = field(default=None)
    update_time: str | None = field(default=None)


@model
class LeadProperty(LoftyModel):
    """6.43 LeadPropertyRes"""

    auto_listing_id: int | None = field(default=None)
    bathrooms: float | None = field(default=None)
    bedrooms: int | None = field(default=None)
    city: str | None = field(default=None)
    county: str | None = field(default=None)
    floors: int | None = field(default=None)
    id: int | None = field(default=None)
    label: str | None = field(default=None)
    label_list: str | None = field(default=None)
    label_type: str | None = field(default=None)
    lead_user_id: int | None = field(default=None)
    listing_id: str | None = field(default=None)
    listing_status: str | None = field(default=None)
    lot_size: float | None = field(default=None)
    mail_address: bool | None = field(default=None)
    note: str | None = field(default=None)
    parking_space: int | None = field(default=None)
    picture_url: str | None = field(default=None)
    price: int | None = field(default=None)
    property_type: str | None = field(default=None)
    site_listing_url: str | None = field(default=None)
    square_feet: int | None = field(default=None)
    state: str | None = field(default=None)
    street_address: str | None = field(default=None)
    zip_code: str | None = field(default=None)


@model
class LeadTag(LoftyModel):
    """6.79 UserLeadTagVo: a tag on a lead."""

    create_time: str | None = field(default=None)
    creator_user_id: int | None = field(default=None)
    lead_id: int | None = field(default=None)
    tag_id: int | None = field(default=None)
    tag_name: str | None = field(default=None)
    update_time: str | None = field(default=None)
    visible_type: int | None = field(default=None)


@model
class Tag(LeadTag):
    """6.78 UserLeadTag: a team tag (``GET /teamFeatures/listTag``)."""


@model
class Lead(LoftyModel):
    """6.45 LeadResponse."""

    assign_completion_status: bool | None = field(default=None)
    assign_time: str | None = field(default=None)
    assigned_user: str | None = field(default=None)
    assigned_user_id: int | None = field(default=None)
    birthday: str | None = field(default=None)
    buy_house: str | None = field(default=None)
    buying_time_frame: str | None = field(default=None)
    cannot_call: bool | None = field(default=None)
    cannot_email: bool | None = field(default=None)
    cannot_text: bool | None = field(default=None)
    city: str | None = field(default=None)
    create_time: str | None = field(default=None)
    custom_attributes: list[CustomAttribute] | None = field(default=None)
    custom_role_list: list[CustomRole] | None = field(default=None)
    emails: list[str] | None = field(default=None)
    facebook: str | None = field(default=None)
    first_name: str | None = field(default=None)
    fthb: str | None = field(default=None)
    groups: list[str] | None = field(default=None)
    house_to_sell: str | None = field(default=None)
    language: str | None = field(default=None)
    last_name: str | None = field(default=None)
    last_touch: str | None = field(default=None)
    last_update_time: str | None = field(default=None)
    last_visit: str | None = field(default=None)
    lead_family_member_list: list[LeadFamilyMember] | None = field(default=None)
    lead_id: int | None = field(default=None)
    lead_inquiry: LeadInquiry | None = field(default=None)
    lead_property_list: list[LeadProperty] | None = field(default=None)
    lead_source: int | None = field(default=None)
    lead_type: int | None = field(default=None)
    lead_types: list[int] | None = field(default=None)
    lead_user_id: int | None = field(default=None)
    lender_user_id: int | None = field(default=None)
    mortgage: str | None = field(default=None)
    opportunity: str | None = field(default=None)
    phone_statuses: list[int] | None = field(default=None)
    phones: list[str] | None = field(default=None)
    pond_id: int | None = field(default=None)
    pond_name: str | None = field(default=None)
    pre_qual: str | None = field(default=None)
    private_flag: bool | None = field(default=None)
    referred_by: str | None = field(default=None)
    score: int | None = field(default=None)
    segments: list[str] | None = field(default=None)
    selling_time_frame: str | None = field(default=None)
    source: str | None = field(default=None)
    stage: str | None = field(default=None)
    stage_id: int | None = field(default=None)
    state: str | None = field(default=None)
    street_address: str | None = field(default=None)
    tags: list[LeadTag] | None = field(default=None)
    team_id: int | None = field(default=None)
    twitter: str | None = field(default=None)
    unsubscription: bool | None = field(default=None)
    with_buyer_agent: str | None = field(default=None)
    with_listing_agent: str | None = field(default=None)
    zip_code: str | None = field(default=None)


@model
class LeadActivity(LoftyModel):
    """6.33 LeadActivityRes."""

    created: int | None = field(default=None)
    link: str | None = field(default=None)
    listing: Any = field(default=None)
    page_name: str | None = field(default=None)
    picture: str | None = field(default=None)
    scheduled_date: str | None = field(default=None)
    text: str | None = field(default=None)
    type: str | None = field(default=None)


@model
class CustomRoleAssignee(LoftyModel):
    """6.24"""

    agent_full_name: str | None = field(default=None)
    assignee: str | None = field(default=None)
    assignee_id: int | None = field(default=None)
    permission_profile_name: str | None = field(default=None)
    role: str | None = field(default=None)
    role_id: int | None = field(default=None)


@model
class LeadAssigneeInfo(LoftyModel):
    """6.36 LeadCustomRoleAssigneeInfo (``POST /leads/assignee``)."""

    custom_role_assignees: list[CustomRoleAssignee] | None = field(default=None)
    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    lead_user_id: int | None = field(default=None)


@model
class Commission(LoftyModel):
    """6.14"""

    calculate_type: str | None = field(default=None)
    desc: str | None = field(default=None)
    id: int | None = field(default=None)
    pay_to: int | None = field(default=None)
    pay_to_name: str | None = field(default=None)
    pay_type: str | None = field(default=None)
    split_pay_to: int | None = field(default=None)
    split_pay_to_name: str | None = field(default=None)
    split_pay_type: str | None = field(default=None)
    value: int | None = field(default=None)


@model
class Commissions(LoftyModel):
    """6.15"""

    post_split: list[Commission] | None = field(default=None)
    pre_split: list[Commission] | None = field(default=None)
    split: list[Commission] | None = field(default=None)


@model
class CustomFieldValue(LoftyModel):
    """6.21 CustomFieldRequest: a custom field value on a transaction."""

    id: int | None = field(default=None)
    value: str | None = field(default=None)


@model
class Transaction(LoftyModel):
    """6.46 LeadTransaction (dates are epoch milliseconds)."""

    agent_revenue: float | None = field(default=None)
    agreement_signed_date: int | None = field(default=None)
    appointment_date: int | None = field(default=None)
    appraisal_date: int | None = field(default=None)
    assigned_agent: int | None = field(default=None)
    close_date: int | None = field(default=None)
    commission_rate: float | None = field(default=None)
    commissions: Commissions | None = field(default=None)
    contract_date: int | None = field(default=None)
    created: int | None = field(default=None)
    custom_fields: list[CustomFieldValue] | None = field(default=None)
    escrow_date: int | None = field(default=None)
    expected_close_date: int | None = field(default=None)
    expiration: int | None = field(default=None)
    gci: float | None = field(default=None)
    home_inspection_date: int | None = field(default=None)
    home_price: float | None = field(default=None)
    lead_name: str | None = field(default=None)
    offer_date: int | None = field(default=None)
    team_revenue: float | None = field(default=None)
    transaction_id: int | None = field(default=None)
    transaction_name: str | None = field(default=None)
    transaction_status: str | None = field(default=None)
    transaction_type: str | None = field(default=None)
    updated: int | None = field(default=None)


@model
class TransactionPropertyAddress(LoftyModel):
    """6.47 LeadTransactionPropertyAddress."""

    city: str | None = field(default=None)
    county: str | None = field(default=None)
    label: str | None = field(default=None)
    state: str | None = field(default=None)
    street_address: str | None = field(default=None)
    transaction_id: int | None = field(default=None)
    unit: str | None = field(default=None)
    zip_code: str | None = field(default=None)


@model
class CustomField(LoftyModel):
    """6.22 CustomFieldResponse (``GET /transaction/customfields``)."""

    id: int | None = field(default=None)
    name: str | None = field(default=None)
    params: str | None = field(default=None)
    type: str | None = field(default=None)


@model
class AgentInfo(LoftyModel):
    """6.5"""

    agent_pid: str | None = field(default=None)
    company_address: str | None = field(default=None)
    company_name: str | None = field(default=None)
    license_id: str | None = field(default=None)
    mls_agent_id: str | None = field(default=None)
    position: str | None = field(default=None)


@model
class Member(LoftyModel):
    """6.81 UserResponse: a team member (also ``GET /me`` and ``GET /users/{id}``)."""

    account_status: str | None = field(default=None)
    agent_info: AgentInfo | None = field(default=None)
    assigned_lead_count: int | None = field(default=None)
    email: str | None = field(default=None)
    first_letter: str | None = field(default=None)
    first_name: str | None = field(default=None)
    group_id: int | None = field(default=None)
    group_name: str | None = field(default=None)
    id: int | None = field(default=None)
    invitor_user_id: int | None = field(default=None)
    is_admin: bool | None = field(default=None)
    last_name: str | None = field(default=None)
    member_user_id: int | None = field(default=None)
    new_lead_count: int | None = field(default=None)
    phone_number: str | None = field(default=None)
    role: int | None = field(default=None)
    role_name: str | None = field(default=None)
    status: int | None = field(default=None)
    time_zone_id: str | None = field(default=None)
    virtual_number: str | None = field(default=None)


@model
class Note(LoftyModel):
    """6.58 NoteResponse."""

    content: str | None = field(default=None)
    create_time: str | None = field(default=None)
    creator_id: int | None = field(default=None)
    creator_name: str | None = field(default=None)
    delete_flag: bool | None = field(default=None)
    id: int | None = field(default=None)
    is_pin: bool | None = field(default=None)
    last_editor_id: int | None = field(default=None)
    last_editor_name: str | None = field(default=None)
    last_update: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    note_id: int | None = field(default=None)
    system_note: bool | None = field(default=None)


@model
class Task(LoftyModel):
    """6.75 TaskResponse."""

    assigned_role: str | None = field(default=None)
    assigned_user: str | None = field(default=None)
    assigned_user_id: int | None = field(default=None)
    body: str | None = field(default=None)
    content: str | None = field(default=None)
    create_time: str | None = field(default=None)
    creator_id: int | None = field(default=None)
    deadline: str | None = field(default=None)
    delete_flag: bool | None = field(default=None)
    finish_flag: bool | None = field(default=None)
    finish_time: str | None = field(default=None)
    id: int | None = field(default=None)
    last_update: str | None = field(default=None)
    lead_email: str | None = field(default=None)
    lead_first_name: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    lead_last_name: str | None = field(default=None)
    lead_name: str | None = field(default=None)
    lead_phone: str | None = field(default=None)
    lead_user_id: int | None = field(default=None)
    overdue_flag: bool | None = field(default=None)
    pipeline_id: int | None = field(default=None)
    query_id: int | None = field(default=None)
    query_info: str | None = field(default=None)
    reminder_type: int | None = field(default=None)
    subject: str | None = field(default=None)
    team_id: int | None = field(default=None)
    type: str | None = field(default=None)


@model
class Appointment(LoftyModel):
    """6.7"""

    address: str | None = field(default=None)
    all_day: bool | None = field(default=None)
    assign_role_type: int | None = field(default=None)
    assign_to_uid: int | None = field(default=None)
    create_time: str | None = field(default=None)
    creator_id: int | None = field(default=None)
    deadline: int | None = field(default=None)
    delete_flag: bool | None = field(default=None)
    descr: str | None = field(default=None)
    end_time: int | None = field(default=None)
    finish_flag: bool | None = field(default=None)
    finish_time: int | None = field(default=None)
    id: int | None = field(default=None)
    last_update: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    overdue: bool | None = field(default=None)


@model
class Call(LoftyModel):
    """6.13 CallResponse."""

    agent_id: int | None = field(default=None)
    calling_outcome: str | None = field(default=None)
    create_time: str | None = field(default=None)
    dialer_call_record_id: int | None = field(default=None)
    direction: str | None = field(default=None)
    duration: int | None = field(default=None)
    elapsed_time: str | None = field(default=None)
    end_time: str | None = field(default=None)
    id: int | None = field(default=None)
    is_machine_answered: bool | None = field(default=None)
    lead_id: int | None = field(default=None)
    lead_phone_number: str | None = field(default=None)
    note: str | None = field(default=None)
    price: float | None = field(default=None)
    rate_score: int | None = field(default=None)
    recording_switch: bool | None = field(default=None)
    show_user_number: str | None = field(default=None)
    start_time: str | None = field(default=None)
    status: str | None = field(default=None)
    update_time: str | None = field(default=None)
    user_id: int | None = field(default=None)
    user_phone_number: str | None = field(default=None)


@model
class CallHistory(LoftyModel):
    """6.11 (``GET /communication/call/v2``)."""

    agent_id: int | None = field(default=None)
    create_time: str | None = field(default=None)
    direction: str | None = field(default=None)
    id: int | None = field(default=None)
    lead_id: int | None = field(default=None)
    lead_phone_number: str | None = field(default=None)


@model
class Email(LoftyModel):
    """6.26 EmailResponse."""

    agent_id: int | None = field(default=None)
    direction: str | None = field(default=None)
    email_event_time: str | None = field(default=None)
    email_subject: str | None = field(default=None)
    email_type: str | None = field(default=None)
    event_type: str | None = field(default=None)
    from_pond: bool | None = field(default=None)
    id: int | None = field(default=None)
    lead_id: int | None = field(default=None)


@model
class Text(LoftyModel):
    """6.76 TextResponse."""

    agent_id: int | None = field(default=None)
    direction: str | None = field(default=None)
    id: int | None = field(default=None)
    lead_id: int | None = field(default=None)
    text_outcome: str | None = field(default=None)
    text_time: str | None = field(default=None)
    text_type: str | None = field(default=None)


@model
class Communication(LoftyModel):
    """6.17 CommunicationResponse (``POST /agent/communication`` page data)."""

    agent_id: int | None = field(default=None)
    call_duration: str | None = field(default=None)
    call_outcome: str | None = field(default=None)
    communication_time: str | None = field(default=None)
    communication_type: str | None = field(default=None)
    direction: str | None = field(default=None)
    event_type: str | None = field(default=None)
    from_pond: bool | None = field(default=None)
    id: int | None = field(default=None)
    lead_id: int | None = field(default=None)
    status: str | None = field(default=None)


@model
class AssignMember(LoftyModel):
    """6.8"""

    id: int | None = field(default=None)
    name: str | None = field(default=None)
    type: int | None = field(default=None)


@model
class AssignRole(LoftyModel):
    """6.9"""

    id: int | None = field(default=None)
    name: str | None = field(default=None)


@model
class RoutingRule(LoftyModel):
    """6.67 (nested ``activeHours``, ``locationRule``, ``routingStrategy`` kept as dicts)."""

    active_hours: Any = field(default=None)
    group_match_type: int | None = field(default=None)
    group_names: list[str] | None = field(default=None)
    id: int | None = field(default=None)
    lead_type: str | None = field(default=None)
    lead_type_filters: str | None = field(default=None)
    location_rule: Any = field(default=None)
    name: str | None = field(default=None)
    phone: str | None = field(default=None)
    price_max: int | None = field(default=None)
    price_min: int | None = field(default=None)
    routing_strategy: Any = field(default=None)
    rule_switch: bool | None = field(default=None)
    source_match_type: int | None = field(default=None)
    source_name: str | None = field(default=None)
    tag_match_type: int | None = field(default=None)
    tag_names: list[str] | None = field(default=None)
    update_time: int | None = field(default=None)


@model
class SupplementRoutingRule(LoftyModel):
    """6.71 the default routing rule."""

    assignee_agent_id: int | None = field(default=None)
    assignee_agent_name: str | None = field(default=None)
    assignee_group_id: int | None = field(default=None)
    assignee_group_name: str | None = field(default=None)
    business_type: int | None = field(default=None)
    role_id: int | None = field(default=None)
    strategy_type: int | None = field(default=None)
    touch_minutes: int | None = field(default=None)
    update_time: int | None = field(default=None)


@model
class LeadPond(LoftyModel):
    """6.41"""

    agent_ids: list[int] | None = field(default=None)
    id: int | None = field(default=None)
    pond_name: str | None = field(default=None)
    pond_owner_id: int | None = field(default=None)


@model
class Account(LoftyModel):
    """6.3 AccountResponse (``POST``/``PUT /agent``)."""

    agent_id: int | None = field(default=None)
    allow_change_sending_email_address: bool | None = field(default=None)
    email_address: str | None = field(default=None)
    first_name: str | None = field(default=None)
    group_id: int | None = field(default=None)
    last_name: str | None = field(default=None)
    permissions: list[str] | None = field(default=None)
    phone: str | None = field(default=None)
    profile_id: int | None = field(default=None)
    seat_type: int | None = field(default=None)
    sending_email_address: str | None = field(default=None)
    team_id: int | None = field(default=None)


@model
class VendorInfo(LoftyModel):
    """6.82"""

    agent_user_id: int | None = field(default=None)
    company_address: str | None = field(default=None)
    company_name: str | None = field(default=None)
    email: str | None = field(default=None)
    first_name: str | None = field(default=None)
    id: int | None = field(default=None)
    last_name: str | None = field(default=None)
    phone_code: str | None = field(default=None)
    phone_country: str | None = field(default=None)
    phone_number: str | None = field(default=None)
    role_name: str | None = field(default=None)


@model
class OauthTokenInfo(LoftyModel):
    """6.59 (expire times kept as Lofty sends them)."""

    refresh_token: str | None = field(default=None)
    refresh_token_expire_time: Any = field(default=None)
    token: str | None = field(default=None)
    token_expire_time: Any = field(default=None)


@model
class Webhook(LoftyModel):
    """6.85 WebhookResponse."""

    callback_url: str | None = field(default=None)
    limit: int | None = field(default=None)
    list_id: int | None = field(default=None)
    subscribe_id: int | None = field(default=None)
    team_id: int | None = field(default=None)
    vendor_id: int | None = field(default=None)


@model
class VisibleOrgInfo(LoftyModel):
    """6.83"""

    group_id: int | None = field(default=None)
    group_name: str | None = field(default=None)
    parent_id: int | None = field(default=None)


@model
class EnterpriseInfo(LoftyModel):
    """6.27"""

    group_id: int | None = field(default=None)
    group_name: str | None = field(default=None)
    profile_id: int | None = field(default=None)
    profile_name: str | None = field(default=None)
    visible_org_info_list: list[VisibleOrgInfo] | None = field(default=None)


@model
class MultiTeamInfo(LoftyModel):
    """6.56"""

    multi_team_id: int | None = field(default=None)
    multi_team_name: str | None = field(default=None)


@model
class Organization(LoftyModel):
    """6.62 OrganizationInfo (``GET /org``)."""

    enterprise_info: EnterpriseInfo | None = field(default=None)
    multi_team_info: MultiTeamInfo | None = field(default=None)
    org_type: int | None = field(default=None)


@model
class PermissionProfile(LoftyModel):
    """6.64"""

    id: int | None = field(default=None)
    name: str | None = field(default=None)


@model
class Listing(LoftyModel):
    """A listing from ``GET /listing``. The Lofty API v1.0 reference (section 5.15) gives
    no schema, so only the ids it names as filters are fields; everything else Lofty
    returns is in ``extra``."""

    id: Any = field(default=None)
    listing_id: str | None = field(default=None)
    mls_listing_id: str | None = field(default=None)


@model
class LogType(LoftyModel):
    """6.52 LogTypeResponse: a logged call, email or text."""

    agent_id: int | None = field(default=None)
    calling_outcome: str | None = field(default=None)
    create_time: str | None = field(default=None)
    id: int | None = field(default=None)
    is_pin: bool | None = field(default=None)
    lead_id: int | None = field(default=None)
    lead_phone_number: str | None = field(default=None)
    outbound_or_inbound: str | None = field(default=None)


@model
class SystemLog(LoftyModel):
    """6.73 SystemLogResponse. The API reference gives the times as epoch milliseconds,
    Lofty's OpenAPI document (SystemLogResponse) as ISO-8601 strings with an offset:
    both read as aware datetimes (written back as epoch milliseconds). ``content`` is a
    JSON object in the document, a string in the reference: kept as sent."""

    agent_id: int | None = field(default=None)
    can_sticky: bool | None = field(default=None)
    content: Any = field(default=None)
    create_time: _dt.datetime | None = field(default=None, datetime_format="epoch_ms")
    from_first_name: str | None = field(default=None)
    from_id: int | None = field(default=None)
    from_last_name: str | None = field(default=None)
    from_type: int | None = field(default=None)
    id: int | None = field(default=None)
    lead_full_name: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    sticky: bool | None = field(default=None)
    timeline_time: _dt.datetime | None = field(default=None, datetime_format="epoch_ms")
    timeline_type: int | None = field(default=None)
    to_first_name: str | None = field(default=None)
    to_id: int | None = field(default=None)
    to_last_name: str | None = field(default=None)
    to_type: int | None = field(default=None)
    update_time: _dt.datetime | None = field(default=None, datetime_format="epoch_ms")


# ---------------------------------------------------------------------------------------
# Request bodies (section 6). Any write method also takes a plain dict; fields left None
# are not sent.


@model
class EditLeadRequest(LoftyModel):
    """6.25 ``PUT /leads/{leadId}``: ``tags`` replaces every tag, ``tags_add`` adds."""

    assigned_user_id: int | None = field(default=None)
    birthday: str | None = field(default=None)
    buy_house: str | None = field(default=None)
    buying_time_frame: str | None = field(default=None)
    cannot_call: bool | None = field(default=None)
    cannot_email: bool | None = field(default=None)
    cannot_text: bool | None = field(default=None)
    city: str | None = field(default=None)
    custom_attribute_list: list[CustomAttribute] | None = field(default=None)
    emails: list[str] | None = field(default=None)
    first_name: str | None = field(default=None)
    fthb: str | None = field(default=None)
    groups: list[str] | None = field(default=None)
    house_to_sell: str | None = field(default=None)
    inquiry: Any = field(default=None)
    is_private: bool | None = field(default=None)
    language: str | None = field(default=None)
    last_name: str | None = field(default=None)
    lead_family_member_list: list[LeadFamilyMember] | None = field(default=None)
    lead_transaction: Any = field(default=None)
    lead_type: int | None = field(default=None)
    lead_types: list[int] | None = field(default=None)
    mortgage: str | None = field(default=None)
    phones: list[str] | None = field(default=None)
    pre_qual: str | None = field(default=None)
    property: Any = field(default=None)
    referred_by: str | None = field(default=None)
    segments: list[str] | None = field(default=None)
    selling_time_frame: str | None = field(default=None)
    source: str | None = field(default=None)
    stage: str | None = field(default=None)
    state: str | None = field(default=None)
    street_address: str | None = field(default=None)
    tags: list[str] | None = field(default=None)
    tags_add: list[str] | None = field(default=None)
    unsubscription: bool | None = field(default=None)
    with_buyer_agent: str | None = field(default=None)
    with_listing_agent: str | None = field(default=None)
    zip_code: str | None = field(default=None)


@model
class LeadRequest(EditLeadRequest):
    """6.44 ``POST /leads``: every field of :class:`EditLeadRequest` plus the options that
    only apply when a lead is created. Lead routing applies only with ``lead_routing=True``."""

    assign_group_id: int | None = field(default=None)
    content: str | None = field(default=None)
    is_pin: bool | None = field(default=None)
    lead_alert: bool | None = field(default=None)
    lead_routing: bool | None = field(default=None)
    welcome_email: bool | None = field(default=None)


@model
class NoteRequest(LoftyModel):
    """6.57 ``POST /notes``, ``PUT /notes/{noteId}``."""

    content: str | None = field(default=None)
    is_pin: bool | None = field(default=None)
    lead_id: int | None = field(default=None)


@model
class TaskRequest(LoftyModel):
    """6.74 ``POST /tasks``, ``PUT /tasks/{taskId}`` (``deadline`` in epoch ms)."""

    assigned_role: str | None = field(default=None)
    content: str | None = field(default=None)
    deadline: int | None = field(default=None)
    lead_id: int | None = field(default=None)
    type: str | None = field(default=None)


@model
class LogTypeRequest(LoftyModel):
    """6.51 ``POST /logType`` (``log_type``: logCall, logEmail or logText)."""

    calling_outcome: str | None = field(default=None)
    content: str | None = field(default=None)
    is_pin: bool | None = field(default=None)
    lead_id: int | None = field(default=None)
    lead_phone_number: str | None = field(default=None)
    log_type: str | None = field(default=None)
    outbound_or_inbound: str | None = field(default=None)


@model
class WebhookRequest(LoftyModel):
    """6.84 ``POST /webhook`` (``list_id``: 1 agents, 2 leads, 3 lead activity, 4 alerts)."""

    callback_url: str | None = field(default=None)
    limit: int | None = field(default=None)
    list_id: int | None = field(default=None)


@model
class LeadAssigneeRequest(LoftyModel):
    """6.35 ``POST /leads/assignee``: find a lead's assignees by lead info."""

    birthday: str | None = field(default=None)
    email: str | None = field(default=None)
    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    phone: str | None = field(default=None)


@model
class LeadAssignment(LoftyModel):
    """6.34 LeadAssigineeRequest, one item of ``POST /leads/{leadId}/assignment``
    (Lofty spells the key ``assiginee``)."""

    assignee: str | None = field(wire="assiginee", default=None)
    role: str | None = field(default=None)


@model
class LeadActivityRequest(LoftyModel):
    """6.32 LeadActivityReq, ``POST /leads/{leadId}/activity``."""

    created: int | None = field(default=None)
    link: str | None = field(default=None)
    listing: Any = field(default=None)
    page_name: str | None = field(default=None)
    picture: str | None = field(default=None)
    scheduled_date: str | None = field(default=None)
    text: str | None = field(default=None)
    type: str | None = field(default=None)


@model
class OpportunityNotificationRequest(LoftyModel):
    """6.61 ``POST /agent/send-notification``."""

    description: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    link: str | None = field(default=None)
    message: str | None = field(default=None)
    notification_type: int | None = field(default=None)


@model
class BrokerTeam(LoftyModel):
    """6.10 ``POST /broker/team``."""

    email: str | None = field(default=None)
    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    phone: str | None = field(default=None)
    seat_limit: int | None = field(default=None)
    team_name: str | None = field(default=None)


@model
class UserRequest(LoftyModel):
    """6.80 ``PUT /users/{userId}``."""

    agent_info: AgentInfo | None = field(default=None)
    email: str | None = field(default=None)
    first_name: str | None = field(default=None)
    head_portrait: str | None = field(default=None)
    last_name: str | None = field(default=None)
    phone_number: str | None = field(default=None)
    time_zone_id: str | None = field(default=None)


@model
class Contact(LoftyModel):
    """6.19 Contacts, ``PUT /brokermint/lead``."""

    address: str | None = field(default=None)
    bm_private: bool | None = field(default=None)
    city: str | None = field(default=None)
    contact_type: str | None = field(default=None)
    email: str | None = field(default=None)
    external_id: str | None = field(default=None)
    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    lead_source: str | None = field(default=None)
    phone: str | None = field(default=None)
    state: str | None = field(default=None)
    zip: str | None = field(default=None)
