"""Lofty models, from the definitions in section 6 of seed 002.

Field names are the snake_case form of Lofty's camelCase keys; anything Lofty returns that
is not listed here is kept in ``model.extra`` and ``model.to_dict()`` gives the original
payload back. Times Lofty documents as plain strings stay strings (their format varies by
endpoint); int64 timestamps stay ints (epoch milliseconds).
"""

from __future__ import annotations

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

    collection: str | None = field()
    limit: int | None = field()
    offset: int | None = field()
    scroll_id: str | None = field()
    total: int | None = field()


@model
class CustomAttribute(LoftyModel):
    """6.20 A custom field (team definition or a lead's value)."""

    attribute_name: str | None = field()
    attribute_type: str | None = field()
    params: str | None = field()
    value: str | None = field()


@model
class CustomRole(LoftyModel):
    """6.23"""

    assignee: str | None = field()
    assignee_id: int | None = field()
    role: str | None = field()
    role_id: int | None = field()


@model
class LeadFamilyMember(LoftyModel):
    """6.37"""

    birthday: str | None = field()
    emails: list[str] | None = field()
    first_name: str | None = field()
    last_name: str | None = field()
    phones: list[str] | None = field()
    relationship: str | None = field()


@model
class Location(LoftyModel):
    """6.49"""

    city: str | None = field()
    county: str | None = field()
    description: str | None = field()
    state_code: str | None = field()
    street_address: str | None = field()
    zip_code: str | None = field()


@model
class LeadInquiry(LoftyModel):
    """6.39 LeadInquiryRes"""

    bathrooms_max: str | None = field()
    bathrooms_min: str | None = field()
    bedrooms_max: int | None = field()
    bedrooms_min: int | None = field()
    create_time: str | None = field()
    default_value: bool | None = field()
    id: int | None = field()
    lead_user_id: int | None = field()
    locations: list[Location] | None = field()
    modify_by_agent: bool | None = field()
    price_max: int | None = field()
    price_min: int | None = field()
    property_type: list[str] | None = field()
    update_time: str | None = field()


@model
class LeadProperty(LoftyModel):
    """6.43 LeadPropertyRes"""

    auto_listing_id: int | None = field()
    bathrooms: float | None = field()
    bedrooms: int | None = field()
    city: str | None = field()
    county: str | None = field()
    floors: int | None = field()
    id: int | None = field()
    label: str | None = field()
    label_list: str | None = field()
    label_type: str | None = field()
    lead_user_id: int | None = field()
    listing_id: str | None = field()
    listing_status: str | None = field()
    lot_size: float | None = field()
    mail_address: bool | None = field()
    note: str | None = field()
    parking_space: int | None = field()
    picture_url: str | None = field()
    price: int | None = field()
    property_type: str | None = field()
    site_listing_url: str | None = field()
    square_feet: int | None = field()
    state: str | None = field()
    street_address: str | None = field()
    zip_code: str | None = field()


@model
class LeadTag(LoftyModel):
    """6.79 UserLeadTagVo: a tag on a lead."""

    create_time: str | None = field()
    creator_user_id: int | None = field()
    lead_id: int | None = field()
    tag_id: int | None = field()
    tag_name: str | None = field()
    update_time: str | None = field()
    visible_type: int | None = field()


@model
class Tag(LeadTag):
    """6.78 UserLeadTag: a team tag (``GET /teamFeatures/listTag``)."""


@model
class Lead(LoftyModel):
    """6.45 LeadResponse."""

    assign_completion_status: bool | None = field()
    assign_time: str | None = field()
    assigned_user: str | None = field()
    assigned_user_id: int | None = field()
    birthday: str | None = field()
    buy_house: str | None = field()
    buying_time_frame: str | None = field()
    cannot_call: bool | None = field()
    cannot_email: bool | None = field()
    cannot_text: bool | None = field()
    city: str | None = field()
    create_time: str | None = field()
    custom_attributes: list[CustomAttribute] | None = field()
    custom_role_list: list[CustomRole] | None = field()
    emails: list[str] | None = field()
    facebook: str | None = field()
    first_name: str | None = field()
    fthb: str | None = field()
    groups: list[str] | None = field()
    house_to_sell: str | None = field()
    language: str | None = field()
    last_name: str | None = field()
    last_touch: str | None = field()
    last_update_time: str | None = field()
    last_visit: str | None = field()
    lead_family_member_list: list[LeadFamilyMember] | None = field()
    lead_id: int | None = field()
    lead_inquiry: LeadInquiry | None = field()
    lead_property_list: list[LeadProperty] | None = field()
    lead_source: int | None = field()
    lead_type: int | None = field()
    lead_types: list[int] | None = field()
    lead_user_id: int | None = field()
    lender_user_id: int | None = field()
    mortgage: str | None = field()
    opportunity: str | None = field()
    phone_statuses: list[int] | None = field()
    phones: list[str] | None = field()
    pond_id: int | None = field()
    pond_name: str | None = field()
    pre_qual: str | None = field()
    private_flag: bool | None = field()
    referred_by: str | None = field()
    score: int | None = field()
    segments: list[str] | None = field()
    selling_time_frame: str | None = field()
    source: str | None = field()
    stage: str | None = field()
    stage_id: int | None = field()
    state: str | None = field()
    street_address: str | None = field()
    tags: list[LeadTag] | None = field()
    team_id: int | None = field()
    twitter: str | None = field()
    unsubscription: bool | None = field()
    with_buyer_agent: str | None = field()
    with_listing_agent: str | None = field()
    zip_code: str | None = field()


@model
class LeadActivity(LoftyModel):
    """6.33 LeadActivityRes."""

    created: int | None = field()
    link: str | None = field()
    listing: Any = field()
    page_name: str | None = field()
    picture: str | None = field()
    scheduled_date: str | None = field()
    text: str | None = field()
    type: str | None = field()


@model
class CustomRoleAssignee(LoftyModel):
    """6.24"""

    agent_full_name: str | None = field()
    assignee: str | None = field()
    assignee_id: int | None = field()
    permission_profile_name: str | None = field()
    role: str | None = field()
    role_id: int | None = field()


@model
class LeadAssigneeInfo(LoftyModel):
    """6.36 LeadCustomRoleAssigneeInfo (``POST /leads/assignee``)."""

    custom_role_assignees: list[CustomRoleAssignee] | None = field()
    first_name: str | None = field()
    last_name: str | None = field()
    lead_id: int | None = field()
    lead_user_id: int | None = field()


@model
class Commission(LoftyModel):
    """6.14"""

    calculate_type: str | None = field()
    desc: str | None = field()
    id: int | None = field()
    pay_to: int | None = field()
    pay_to_name: str | None = field()
    pay_type: str | None = field()
    split_pay_to: int | None = field()
    split_pay_to_name: str | None = field()
    split_pay_type: str | None = field()
    value: int | None = field()


@model
class Commissions(LoftyModel):
    """6.15"""

    post_split: list[Commission] | None = field()
    pre_split: list[Commission] | None = field()
    split: list[Commission] | None = field()


@model
class CustomFieldValue(LoftyModel):
    """6.21 CustomFieldRequest: a custom field value on a transaction."""

    id: int | None = field()
    value: str | None = field()


@model
class Transaction(LoftyModel):
    """6.46 LeadTransaction (dates are epoch milliseconds)."""

    agent_revenue: float | None = field()
    agreement_signed_date: int | None = field()
    appointment_date: int | None = field()
    appraisal_date: int | None = field()
    assigned_agent: int | None = field()
    close_date: int | None = field()
    commission_rate: float | None = field()
    commissions: Commissions | None = field()
    contract_date: int | None = field()
    created: int | None = field()
    custom_fields: list[CustomFieldValue] | None = field()
    escrow_date: int | None = field()
    expected_close_date: int | None = field()
    expiration: int | None = field()
    gci: float | None = field()
    home_inspection_date: int | None = field()
    home_price: float | None = field()
    lead_name: str | None = field()
    offer_date: int | None = field()
    team_revenue: float | None = field()
    transaction_id: int | None = field()
    transaction_name: str | None = field()
    transaction_status: str | None = field()
    transaction_type: str | None = field()
    updated: int | None = field()


@model
class TransactionPropertyAddress(LoftyModel):
    """6.47 LeadTransactionPropertyAddress."""

    city: str | None = field()
    county: str | None = field()
    label: str | None = field()
    state: str | None = field()
    street_address: str | None = field()
    transaction_id: int | None = field()
    unit: str | None = field()
    zip_code: str | None = field()


@model
class CustomField(LoftyModel):
    """6.22 CustomFieldResponse (``GET /transaction/customfields``)."""

    id: int | None = field()
    name: str | None = field()
    params: str | None = field()
    type: str | None = field()


@model
class AgentInfo(LoftyModel):
    """6.5"""

    agent_pid: str | None = field()
    company_address: str | None = field()
    company_name: str | None = field()
    license_id: str | None = field()
    mls_agent_id: str | None = field()
    position: str | None = field()


@model
class Member(LoftyModel):
    """6.81 UserResponse: a team member (also ``GET /me`` and ``GET /users/{id}``)."""

    account_status: str | None = field()
    agent_info: AgentInfo | None = field()
    assigned_lead_count: int | None = field()
    email: str | None = field()
    first_letter: str | None = field()
    first_name: str | None = field()
    group_id: int | None = field()
    group_name: str | None = field()
    id: int | None = field()
    invitor_user_id: int | None = field()
    is_admin: bool | None = field()
    last_name: str | None = field()
    member_user_id: int | None = field()
    new_lead_count: int | None = field()
    phone_number: str | None = field()
    role: int | None = field()
    role_name: str | None = field()
    status: int | None = field()
    time_zone_id: str | None = field()
    virtual_number: str | None = field()


@model
class Note(LoftyModel):
    """6.58 NoteResponse."""

    content: str | None = field()
    create_time: str | None = field()
    creator_id: int | None = field()
    creator_name: str | None = field()
    delete_flag: bool | None = field()
    id: int | None = field()
    is_pin: bool | None = field()
    last_editor_id: int | None = field()
    last_editor_name: str | None = field()
    last_update: str | None = field()
    lead_id: int | None = field()
    note_id: int | None = field()
    system_note: bool | None = field()


@model
class Task(LoftyModel):
    """6.75 TaskResponse."""

    assigned_role: str | None = field()
    assigned_user: str | None = field()
    assigned_user_id: int | None = field()
    body: str | None = field()
    content: str | None = field()
    create_time: str | None = field()
    creator_id: int | None = field()
    deadline: str | None = field()
    delete_flag: bool | None = field()
    finish_flag: bool | None = field()
    finish_time: str | None = field()
    id: int | None = field()
    last_update: str | None = field()
    lead_email: str | None = field()
    lead_first_name: str | None = field()
    lead_id: int | None = field()
    lead_last_name: str | None = field()
    lead_name: str | None = field()
    lead_phone: str | None = field()
    lead_user_id: int | None = field()
    overdue_flag: bool | None = field()
    pipeline_id: int | None = field()
    query_id: int | None = field()
    query_info: str | None = field()
    reminder_type: int | None = field()
    subject: str | None = field()
    team_id: int | None = field()
    type: str | None = field()


@model
class Appointment(LoftyModel):
    """6.7"""

    address: str | None = field()
    all_day: bool | None = field()
    assign_role_type: int | None = field()
    assign_to_uid: int | None = field()
    create_time: str | None = field()
    creator_id: int | None = field()
    deadline: int | None = field()
    delete_flag: bool | None = field()
    descr: str | None = field()
    end_time: int | None = field()
    finish_flag: bool | None = field()
    finish_time: int | None = field()
    id: int | None = field()
    last_update: str | None = field()
    lead_id: int | None = field()
    overdue: bool | None = field()


@model
class Call(LoftyModel):
    """6.13 CallResponse."""

    agent_id: int | None = field()
    calling_outcome: str | None = field()
    create_time: str | None = field()
    dialer_call_record_id: int | None = field()
    direction: str | None = field()
    duration: int | None = field()
    elapsed_time: str | None = field()
    end_time: str | None = field()
    id: int | None = field()
    is_machine_answered: bool | None = field()
    lead_id: int | None = field()
    lead_phone_number: str | None = field()
    note: str | None = field()
    price: float | None = field()
    rate_score: int | None = field()
    recording_switch: bool | None = field()
    show_user_number: str | None = field()
    start_time: str | None = field()
    status: str | None = field()
    update_time: str | None = field()
    user_id: int | None = field()
    user_phone_number: str | None = field()


@model
class CallHistory(LoftyModel):
    """6.11 (``GET /communication/call/v2``)."""

    agent_id: int | None = field()
    create_time: str | None = field()
    direction: str | None = field()
    id: int | None = field()
    lead_id: int | None = field()
    lead_phone_number: str | None = field()


@model
class Email(LoftyModel):
    """6.26 EmailResponse."""

    agent_id: int | None = field()
    direction: str | None = field()
    email_event_time: str | None = field()
    email_subject: str | None = field()
    email_type: str | None = field()
    event_type: str | None = field()
    from_pond: bool | None = field()
    id: int | None = field()
    lead_id: int | None = field()


@model
class Text(LoftyModel):
    """6.76 TextResponse."""

    agent_id: int | None = field()
    direction: str | None = field()
    id: int | None = field()
    lead_id: int | None = field()
    text_outcome: str | None = field()
    text_time: str | None = field()
    text_type: str | None = field()


@model
class Communication(LoftyModel):
    """6.17 CommunicationResponse (``POST /agent/communication`` page data)."""

    agent_id: int | None = field()
    call_duration: str | None = field()
    call_outcome: str | None = field()
    communication_time: str | None = field()
    communication_type: str | None = field()
    direction: str | None = field()
    event_type: str | None = field()
    from_pond: bool | None = field()
    id: int | None = field()
    lead_id: int | None = field()
    status: str | None = field()


@model
class AssignMember(LoftyModel):
    """6.8"""

    id: int | None = field()
    name: str | None = field()
    type: int | None = field()


@model
class AssignRole(LoftyModel):
    """6.9"""

    id: int | None = field()
    name: str | None = field()


@model
class RoutingRule(LoftyModel):
    """6.67 (nested ``activeHours``, ``locationRule``, ``routingStrategy`` kept as dicts)."""

    active_hours: Any = field()
    group_match_type: int | None = field()
    group_names: list[str] | None = field()
    id: int | None = field()
    lead_type: str | None = field()
    lead_type_filters: str | None = field()
    location_rule: Any = field()
    name: str | None = field()
    phone: str | None = field()
    price_max: int | None = field()
    price_min: int | None = field()
    routing_strategy: Any = field()
    rule_switch: bool | None = field()
    source_match_type: int | None = field()
    source_name: str | None = field()
    tag_match_type: int | None = field()
    tag_names: list[str] | None = field()
    update_time: int | None = field()


@model
class SupplementRoutingRule(LoftyModel):
    """6.71 the default routing rule."""

    assignee_agent_id: str | None = field()
    assignee_agent_name: str | None = field()
    assignee_group_id: str | None = field()
    assignee_group_name: str | None = field()
    business_type: int | None = field()
    role_id: int | None = field()
    strategy_type: int | None = field()
    touch_minutes: int | None = field()
    update_time: int | None = field()


@model
class LeadPond(LoftyModel):
    """6.41"""

    agent_ids: list[int] | None = field()
    id: int | None = field()
    pond_name: str | None = field()
    pond_owner_id: int | None = field()


@model
class Account(LoftyModel):
    """6.3 AccountResponse (``POST``/``PUT /agent``)."""

    agent_id: int | None = field()
    allow_change_sending_email_address: bool | None = field()
    email_address: str | None = field()
    first_name: str | None = field()
    group_id: int | None = field()
    last_name: str | None = field()
    permissions: list[str] | None = field()
    phone: str | None = field()
    profile_id: int | None = field()
    seat_type: int | None = field()
    sending_email_address: str | None = field()
    team_id: int | None = field()


@model
class VendorInfo(LoftyModel):
    """6.82"""

    agent_user_id: int | None = field()
    company_address: str | None = field()
    company_name: str | None = field()
    email: str | None = field()
    first_name: str | None = field()
    id: int | None = field()
    last_name: str | None = field()
    phone_code: str | None = field()
    phone_country: str | None = field()
    phone_number: str | None = field()
    role_name: str | None = field()


@model
class OauthTokenInfo(LoftyModel):
    """6.59 (expire times kept as Lofty sends them)."""

    refresh_token: str | None = field()
    refresh_token_expire_time: Any = field()
    token: str | None = field()
    token_expire_time: Any = field()


@model
class Webhook(LoftyModel):
    """6.85 WebhookResponse."""

    callback_url: str | None = field()
    limit: int | None = field()
    list_id: int | None = field()
    subscribe_id: int | None = field()
    team_id: int | None = field()
    vendor_id: int | None = field()


@model
class VisibleOrgInfo(LoftyModel):
    """6.83"""

    group_id: int | None = field()
    group_name: str | None = field()
    parent_id: int | None = field()


@model
class EnterpriseInfo(LoftyModel):
    """6.27"""

    group_id: int | None = field()
    group_name: str | None = field()
    profile_id: int | None = field()
    profile_name: str | None = field()
    visible_org_info_list: list[VisibleOrgInfo] | None = field()


@model
class MultiTeamInfo(LoftyModel):
    """6.56"""

    multi_team_id: int | None = field()
    multi_team_name: str | None = field()


@model
class Organization(LoftyModel):
    """6.62 OrganizationInfo (``GET /org``)."""

    enterprise_info: EnterpriseInfo | None = field()
    multi_team_info: MultiTeamInfo | None = field()
    org_type: int | None = field()


@model
class PermissionProfile(LoftyModel):
    """6.64"""

    id: int | None = field()
    name: str | None = field()


@model
class Listing(LoftyModel):
    """A listing from ``GET /listing``. The seed gives no schema, so only the ids it names
    as filters are fields; everything else Lofty returns is in ``extra``."""

    id: Any = field()
    listing_id: str | None = field()
    mls_listing_id: str | None = field()


@model
class LogType(LoftyModel):
    """6.52 LogTypeResponse: a logged call, email or text."""

    agent_id: int | None = field()
    calling_outcome: str | None = field()
    create_time: str | None = field()
    id: int | None = field()
    is_pin: bool | None = field()
    lead_id: int | None = field()
    lead_phone_number: str | None = field()
    outbound_or_inbound: str | None = field()


@model
class SystemLog(LoftyModel):
    """6.73 SystemLogResponse (times are epoch milliseconds)."""

    agent_id: int | None = field()
    can_sticky: bool | None = field()
    content: str | None = field()
    create_time: int | None = field()
    from_first_name: str | None = field()
    from_id: int | None = field()
    from_last_name: str | None = field()
    from_type: int | None = field()
    id: int | None = field()
    lead_full_name: str | None = field()
    lead_id: int | None = field()
    sticky: bool | None = field()
    timeline_time: int | None = field()
    timeline_type: int | None = field()
    to_first_name: str | None = field()
    to_id: int | None = field()
    to_last_name: str | None = field()
    to_type: int | None = field()
    update_time: int | None = field()


# ---------------------------------------------------------------------------------------
# Request bodies (section 6). Any write method also takes a plain dict; fields left None
# are not sent.


@model
class LeadRequest(LoftyModel):
    """6.44 ``POST /leads``. Lead routing applies only with ``lead_routing=True``."""

    assign_group_id: int | None = field()
    assigned_user_id: int | None = field()
    birthday: str | None = field()
    buy_house: str | None = field()
    buying_time_frame: str | None = field()
    cannot_call: bool | None = field()
    cannot_email: bool | None = field()
    cannot_text: bool | None = field()
    city: str | None = field()
    content: str | None = field()
    custom_attribute_list: list[CustomAttribute] | None = field()
    emails: list[str] | None = field()
    first_name: str | None = field()
    fthb: str | None = field()
    groups: list[str] | None = field()
    house_to_sell: str | None = field()
    inquiry: Any = field()
    is_pin: bool | None = field()
    is_private: bool | None = field()
    language: str | None = field()
    last_name: str | None = field()
    lead_alert: bool | None = field()
    lead_family_member_list: list[LeadFamilyMember] | None = field()
    lead_routing: bool | None = field()
    lead_transaction: Any = field()
    lead_type: int | None = field()
    lead_types: list[int] | None = field()
    mortgage: str | None = field()
    phones: list[str] | None = field()
    pre_qual: str | None = field()
    property: Any = field()
    referred_by: str | None = field()
    segments: list[str] | None = field()
    selling_time_frame: str | None = field()
    source: str | None = field()
    stage: str | None = field()
    state: str | None = field()
    street_address: str | None = field()
    tags: list[str] | None = field()
    tags_add: list[str] | None = field()
    unsubscription: bool | None = field()
    welcome_email: bool | None = field()
    with_buyer_agent: str | None = field()
    with_listing_agent: str | None = field()
    zip_code: str | None = field()


@model
class EditLeadRequest(LoftyModel):
    """6.25 ``PUT /leads/{leadId}``: ``tags`` replaces every tag, ``tags_add`` adds."""

    assigned_user_id: int | None = field()
    birthday: str | None = field()
    buy_house: str | None = field()
    buying_time_frame: str | None = field()
    cannot_call: bool | None = field()
    cannot_email: bool | None = field()
    cannot_text: bool | None = field()
    city: str | None = field()
    custom_attribute_list: list[CustomAttribute] | None = field()
    emails: list[str] | None = field()
    first_name: str | None = field()
    fthb: str | None = field()
    groups: list[str] | None = field()
    house_to_sell: str | None = field()
    inquiry: Any = field()
    is_private: bool | None = field()
    language: str | None = field()
    last_name: str | None = field()
    lead_family_member_list: list[LeadFamilyMember] | None = field()
    lead_transaction: Any = field()
    lead_type: int | None = field()
    lead_types: list[int] | None = field()
    mortgage: str | None = field()
    phones: list[str] | None = field()
    pre_qual: str | None = field()
    property: Any = field()
    referred_by: str | None = field()
    segments: list[str] | None = field()
    selling_time_frame: str | None = field()
    source: str | None = field()
    stage: str | None = field()
    state: str | None = field()
    street_address: str | None = field()
    tags: list[str] | None = field()
    tags_add: list[str] | None = field()
    unsubscription: bool | None = field()
    with_buyer_agent: str | None = field()
    with_listing_agent: str | None = field()
    zip_code: str | None = field()


@model
class NoteRequest(LoftyModel):
    """6.57 ``POST /notes``, ``PUT /notes/{noteId}``."""

    content: str | None = field()
    is_pin: bool | None = field()
    lead_id: int | None = field()


@model
class TaskRequest(LoftyModel):
    """6.74 ``POST /tasks``, ``PUT /tasks/{taskId}`` (``deadline`` in epoch ms)."""

    assigned_role: str | None = field()
    content: str | None = field()
    deadline: int | None = field()
    lead_id: int | None = field()
    type: str | None = field()


@model
class LogTypeRequest(LoftyModel):
    """6.51 ``POST /logType`` (``log_type``: logCall, logEmail or logText)."""

    calling_outcome: str | None = field()
    content: str | None = field()
    is_pin: bool | None = field()
    lead_id: int | None = field()
    lead_phone_number: str | None = field()
    log_type: str | None = field()
    outbound_or_inbound: str | None = field()


@model
class WebhookRequest(LoftyModel):
    """6.84 ``POST /webhook`` (``list_id``: 1 agents, 2 leads, 3 lead activity, 4 alerts)."""

    callback_url: str | None = field()
    limit: int | None = field()
    list_id: int | None = field()


@model
class LeadAssigneeRequest(LoftyModel):
    """6.35 ``POST /leads/assignee``: find a lead's assignees by lead info."""

    birthday: str | None = field()
    email: str | None = field()
    first_name: str | None = field()
    last_name: str | None = field()
    phone: str | None = field()


@model
class LeadAssignment(LoftyModel):
    """6.34 LeadAssigineeRequest, one item of ``POST /leads/{leadId}/assignment``
    (Lofty spells the key ``assiginee``)."""

    assignee: str | None = field(wire="assiginee")
    role: str | None = field()


@model
class LeadActivityRequest(LoftyModel):
    """6.32 LeadActivityReq, ``POST /leads/{leadId}/activity``."""

    created: int | None = field()
    link: str | None = field()
    listing: Any = field()
    page_name: str | None = field()
    picture: str | None = field()
    scheduled_date: str | None = field()
    text: str | None = field()
    type: str | None = field()


@model
class OpportunityNotificationRequest(LoftyModel):
    """6.61 ``POST /agent/send-notification``."""

    description: str | None = field()
    lead_id: int | None = field()
    link: str | None = field()
    message: str | None = field()
    notification_type: int | None = field()


@model
class BrokerTeam(LoftyModel):
    """6.10 ``POST /broker/team``."""

    email: str | None = field()
    first_name: str | None = field()
    last_name: str | None = field()
    phone: str | None = field()
    seat_limit: int | None = field()
    team_name: str | None = field()


@model
class UserRequest(LoftyModel):
    """6.80 ``PUT /users/{userId}``."""

    agent_info: AgentInfo | None = field()
    email: str | None = field()
    first_name: str | None = field()
    head_portrait: str | None = field()
    last_name: str | None = field()
    phone_number: str | None = field()
    time_zone_id: str | None = field()


@model
class Contact(LoftyModel):
    """6.19 Contacts, ``PUT /brokermint/lead``."""

    address: str | None = field()
    bm_private: bool | None = field()
    city: str | None = field()
    contact_type: str | None = field()
    email: str | None = field()
    external_id: str | None = field()
    first_name: str | None = field()
    last_name: str | None = field()
    lead_source: str | None = field()
    phone: str | None = field()
    state: str | None = field()
    zip: str | None = field()
