"""Lofty models of the operations only Lofty's OpenAPI document publishes (v1.0 and
v2.0), typed from that document's schemas (named in each docstring).

Like the other Lofty models: snake_case names of the camelCase keys, unknown keys kept in
``model.extra``, ``to_dict()`` giving the payload back. Request models can be passed as a
body wherever a mapping is accepted.
"""

from __future__ import annotations

from typing import Any

from ...models import field, model
from .models import CustomFieldValue, LoftyModel

__all__ = [
    "ActivityV2",
    "AgentTagRequest",
    "CalendarCreateResult",
    "CalendarItem",
    "CalendarRequest",
    "CalendarUpdateRequest",
    "CallRecordingUrl",
    "CallScript",
    "CallScriptRequest",
    "CallSummary",
    "CallSummaryKeyword",
    "CallSummaryRequest",
    "EmailSendRequest",
    "EmailSendResult",
    "EmailToAgentRequest",
    "KeyTalkingPoint",
    "LeadAnalysisRequest",
    "LeadPipeline",
    "ListingItem",
    "ListingQueryRequest",
    "ListingSearchMetadata",
    "MeetingSlot",
    "MuteStatus",
    "PlanTask",
    "PlanTaskBatchRequest",
    "PrepareInsightRequest",
    "SalesAgent",
    "SalesAgentQuota",
    "SalesAgentSettings",
    "SalesAgentSettingsRequest",
    "SmsRequest",
    "SmsSendResult",
    "SmsToAgentRequest",
    "TaskReminderPushRequest",
    "TaskRequestV2",
    "TaskUpdateRequestV2",
    "TaskV2",
    "TransactionPipeline",
    "TransactionPipelineStage",
    "TransactionV2",
    "WorkingLead",
    "WorkingLeadRequest",
    "WorkingLeadsMetadata",
]


@model
class CallRecordingUrl(LoftyModel):
    """CallRecordingUrl (GET /v1.0/call/url/{callId})."""

    id: int | None = field(default=None)
    url: str | None = field(default=None)


@model
class SmsSendResult(LoftyModel):
    """SmsResponse (POST /v1.0/message/sms/send)."""

    message_id: str | None = field(default=None)
    phone_code: str | None = field(default=None)
    phone_number: str | None = field(default=None)


@model
class EmailSendResult(LoftyModel):
    """EmailSendResponse (POST /v1.0/message/email/send)."""

    message_id: str | None = field(default=None)
    subject: str | None = field(default=None)
    to_email: str | None = field(default=None)


@model
class LeadPipeline(LoftyModel):
    """PipelineResponse (GET /v1.0/teamFeatures/lead-pipelines)."""

    id: int | None = field(default=None)
    name: str | None = field(default=None)


@model
class KeyTalkingPoint(LoftyModel):
    """KeyTalkingPoint (part of CallScriptResponse)."""

    title: str | None = field(default=None)
    value: list[str] | None = field(default=None)


@model
class CallScript(LoftyModel):
    """CallScriptResponse (POST /v2.0/ai/call-script)."""

    context: str | None = field(default=None)
    key_talking_points: list[KeyTalkingPoint] | None = field(default=None)
    objective_suggestion: list[str] | None = field(default=None)


@model
class CallSummaryKeyword(LoftyModel):
    """Keyword (part of RecordingSummary)."""

    content: str | None = field(default=None)
    params: list[dict[str, Any]] | None = field(default=None)
    type: str | None = field(default=None)


@model
class CallSummary(LoftyModel):
    """RecordingSummary (GET /v2.0/ai/call-summary, under data)."""

    comment: str | None = field(default=None)
    id: int | None = field(default=None)
    keywords: list[CallSummaryKeyword] | None = field(default=None)
    recording_id: int | None = field(default=None)
    score: int | None = field(default=None)
    status: int | None = field(default=None)
    summary: str | None = field(default=None)
    text: str | None = field(default=None)
    user_id: int | None = field(default=None)


@model
class CalendarItem(LoftyModel):
    """CalendarItemV2 (GET /v2.0/calendar, under data.items)."""

    content: str | None = field(default=None)
    end_at: str | None = field(default=None)
    end_at_ms: int | None = field(default=None)
    finished: bool | None = field(default=None)
    id: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    source_type: int | None = field(default=None)
    start_at: str | None = field(default=None)
    start_at_ms: int | None = field(default=None)
    task_id: int | None = field(default=None)
    time_zone_code: str | None = field(default=None)
    title: str | None = field(default=None)
    type: str | None = field(default=None)


@model
class CalendarCreateResult(LoftyModel):
    """CalendarCreateResult (POST /v2.0/calendar, under data)."""

    id: str | None = field(default=None)
    message: str | None = field(default=None)
    type: str | None = field(default=None)


@model
class MeetingSlot(LoftyModel):
    """AvailableMeetingSlotV2 (GET /v2.0/calendar/meetings/available, under data.slots)."""

    end_time: str | None = field(default=None)
    end_time_ms: int | None = field(default=None)
    start_time: str | None = field(default=None)
    start_time_ms: int | None = field(default=None)


@model
class ActivityV2(LoftyModel):
    """ActivityItem (GET /v2.0/leads/{leadId}/activities)."""

    activity_time: str | None = field(default=None)
    agent_id: int | None = field(default=None)
    calling_outcome: str | None = field(default=None)
    channel: str | None = field(default=None)
    communication_type: str | None = field(default=None)
    direction: str | None = field(default=None)
    email_event_type: str | None = field(default=None)
    email_subject: str | None = field(default=None)
    id: int | None = field(default=None)
    lead_id: int | None = field(default=None)
    lead_phone_number: str | None = field(default=None)
    note: str | None = field(default=None)


@model
class ListingItem(LoftyModel):
    """ListingItem (POST /v2.0/listings/search)."""

    agent_id: str | None = field(default=None)
    agent_name: str | None = field(default=None)
    agent_org_id: str | None = field(default=None)
    agent_org_name: str | None = field(default=None)
    area: str | None = field(default=None)
    baths: float | None = field(default=None)
    beds: float | None = field(default=None)
    built_year: int | None = field(default=None)
    chime_area: str | None = field(default=None)
    chime_complex: str | None = field(default=None)
    chime_maintenance_fee: float | None = field(default=None)
    co_agent_id: str | None = field(default=None)
    co_agent_name: str | None = field(default=None)
    co_agent_org_id: str | None = field(default=None)
    co_agent_org_name: str | None = field(default=None)
    community: str | None = field(default=None)
    condo_fee: float | None = field(default=None)
    condo_fee_frequency: str | None = field(default=None)
    county: str | None = field(default=None)
    details_describe: str | None = field(default=None)
    exterior: str | None = field(default=None)
    garage_parking_spaces: float | None = field(default=None)
    hoa_fee: float | None = field(default=None)
    hoa_fee_frequency: str | None = field(default=None)
    interior_features: str | None = field(default=None)
    listing_city: str | None = field(default=None)
    listing_id: str | None = field(default=None)
    listing_state: str | None = field(default=None)
    listing_status: str | None = field(default=None)
    listing_street_name: str | None = field(default=None)
    listing_zipcode: list[str] | None = field(default=None)
    mls_list_date_l: int | None = field(default=None)
    mls_listing_id: str | None = field(default=None)
    open_house_schedules: str | None = field(default=None)
    open_house_schedules_end: str | None = field(default=None)
    open_house_schedules_start: str | None = field(default=None)
    picture_list: list[str] | None = field(default=None)
    price: str | None = field(default=None)
    property_type_primary: str | None = field(default=None)
    property_type_secondary: str | None = field(default=None)
    property_types: list[str] | None = field(default=None)
    purchase_type: str | None = field(default=None)
    sqft: float | None = field(default=None)
    sub_division_name: str | None = field(default=None)
    total_available_acres: str | None = field(default=None)


@model
class ListingSearchMetadata(LoftyModel):
    """ListingV2Metadata (POST /v2.0/listings/search, metadata)."""

    collection: str | None = field(default=None)
    has_more: bool | None = field(default=None)
    page_num: int | None = field(default=None)
    page_size: int | None = field(default=None)
    total_count: int | None = field(default=None)
    total_page: int | None = field(default=None)


@model
class PlanTask(LoftyModel):
    """PlanTaskResponseV2 (GET /v2.0/plan-tasks/lead/{leadId})."""

    assigned_to: int | None = field(default=None)
    content: str | None = field(default=None)
    created_at: str | None = field(default=None)
    creator_id: int | None = field(default=None)
    due_at: str | None = field(default=None)
    id: int | None = field(default=None)
    status: str | None = field(default=None)
    task_type: str | None = field(default=None)


@model
class SalesAgentSettings(LoftyModel):
    """SalesAgentSettingResponse (GET /v2.0/sales-agent/settings)."""

    active_days: list[int] | None = field(default=None)
    agent_experience: str | None = field(default=None)
    agent_ids: list[int] | None = field(default=None)
    assistant_name: str | None = field(default=None)
    call_transfer_type: str | None = field(default=None)
    email_channel: bool | None = field(default=None)
    end_active_hour: int | None = field(default=None)
    fixed_number: str | None = field(default=None)
    follow_up_role: str | None = field(default=None)
    head_url: str | None = field(default=None)
    hosted_status: str | None = field(default=None)
    id: int | None = field(default=None)
    lead_pipelines: list[int] | None = field(default=None)
    lead_pond_ids: list[int] | None = field(default=None)
    lead_sources: list[int] | None = field(default=None)
    lead_types: list[int] | None = field(default=None)
    new_lead_enable: bool | None = field(default=None)
    office_ids: list[int] | None = field(default=None)
    rental_business: bool | None = field(default=None)
    start_active_hour: int | None = field(default=None)
    text_channel: bool | None = field(default=None)
    virtual_number: str | None = field(default=None)
    virtual_number_country: str | None = field(default=None)
    visitors_enable: bool | None = field(default=None)
    website_channel: bool | None = field(default=None)


@model
class SalesAgent(LoftyModel):
    """SalesAgentResponseV2 (GET /v2.0/sales-agents/current and /by-lead)."""

    agent_experience: str | None = field(default=None)
    agent_head_url: str | None = field(default=None)
    agent_name: str | None = field(default=None)
    assistant_head_url: str | None = field(default=None)
    assistant_name: str | None = field(default=None)
    borrow_id: int | None = field(default=None)
    borrow_level: str | None = field(default=None)
    created_at: str | None = field(default=None)
    email: str | None = field(default=None)
    follow_up_role: str | None = field(default=None)
    has_quota_seat: bool | None = field(default=None)
    id: int | None = field(default=None)
    status: str | None = field(default=None)
    updated_at: str | None = field(default=None)
    user_id: int | None = field(default=None)
    virtual_number: str | None = field(default=None)
    virtual_number_country: str | None = field(default=None)


@model
class SalesAgentQuota(LoftyModel):
    """SalesAgentQuotaResponseV2 (GET /v2.0/sales-agents/quota)."""

    borrow_level: str | None = field(default=None)
    borrowed_from: int | None = field(default=None)
    has_quota_available: bool | None = field(default=None)
    is_borrowed: bool | None = field(default=None)
    remaining_quota: int | None = field(default=None)
    total_quota: int | None = field(default=None)
    usage_percentage: float | None = field(default=None)
    used_quota: int | None = field(default=None)


@model
class WorkingLead(LoftyModel):
    """WorkingLeadV2 (GET /v2.0/working-leads)."""

    created_at: str | None = field(default=None)
    email: str | None = field(default=None)
    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    phone: str | None = field(default=None)


@model
class WorkingLeadsMetadata(LoftyModel):
    """PaginationMetadata (GET /v2.0/working-leads, metadata)."""

    count: int | None = field(default=None)
    limit: int | None = field(default=None)
    offset: int | None = field(default=None)
    total: int | None = field(default=None)


@model
class TaskV2(LoftyModel):
    """TaskResponseV2 (GET /v2.0/tasks)."""

    address: str | None = field(default=None)
    all_day: bool | None = field(default=None)
    assigned_role: str | None = field(default=None)
    assigned_user: str | None = field(default=None)
    assigned_user_id: int | None = field(default=None)
    body: str | None = field(default=None)
    content: str | None = field(default=None)
    create_time: str | None = field(default=None)
    creator_id: int | None = field(default=None)
    end_at: str | None = field(default=None)
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
    start_at: str | None = field(default=None)
    subject: str | None = field(default=None)
    team_id: int | None = field(default=None)
    time_zone_code: str | None = field(default=None)
    type: str | None = field(default=None)


@model
class TransactionV2(LoftyModel):
    """TransactionV2Item (GET /v2.0/transactions)."""

    agent_name: str | None = field(default=None)
    agent_revenue: float | None = field(default=None)
    agreement_signed_date: int | None = field(default=None)
    appointment_date: int | None = field(default=None)
    appraisal_date: int | None = field(default=None)
    assigned_agent: int | None = field(default=None)
    close_date: int | None = field(default=None)
    commission_rate: float | None = field(default=None)
    contract_date: int | None = field(default=None)
    created: int | None = field(default=None)
    custom_fields: list[CustomFieldValue] | None = field(default=None)
    escrow_date: int | None = field(default=None)
    expected_close_date: int | None = field(default=None)
    expiration: int | None = field(default=None)
    gci: float | None = field(default=None)
    home_inspection_date: int | None = field(default=None)
    home_price: float | None = field(default=None)
    lead_id: int | None = field(default=None)
    lead_name: str | None = field(default=None)
    offer_date: int | None = field(default=None)
    property_id: int | None = field(default=None)
    team_revenue: float | None = field(default=None)
    transaction_id: int | None = field(default=None)
    transaction_name: str | None = field(default=None)
    transaction_status: str | None = field(default=None)
    transaction_type: str | None = field(default=None)
    updated: int | None = field(default=None)


@model
class TransactionPipelineStage(LoftyModel):
    """PipelineStageV2Item (part of PipelineV2Item)."""

    default: bool | None = field(default=None)
    id: int | None = field(default=None)
    name: str | None = field(default=None)


@model
class TransactionPipeline(LoftyModel):
    """PipelineV2Item (GET /v2.0/transactions/pipelines)."""

    stages: list[TransactionPipelineStage] | None = field(default=None)
    transaction_type: str | None = field(default=None)


@model
class MuteStatus(LoftyModel):
    """MuteStatusResponse.Data (GET /v2.0/sales-agent/lead/mute-status, under data)."""

    mute: str | None = field(default=None)


@model
class AgentTagRequest(LoftyModel):
    """AgentTagRequest (POST /v1.0/agent/{agentId}/tag/add)."""

    auto_create: bool | None = field(default=None)
    tag_names: list[str] | None = field(default=None)


@model
class SmsRequest(LoftyModel):
    """SmsRequest (POST /v1.0/message/sms/send). Required: ``content``, ``leadId``."""

    content: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    phone_code: str | None = field(default=None)
    phone_number: str | None = field(default=None)


@model
class EmailSendRequest(LoftyModel):
    """EmailSendRequest (POST /v1.0/message/email/send). Required: ``content``, ``leadId``, ``subject``."""

    content: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    subject: str | None = field(default=None)
    to_email: str | None = field(default=None)


@model
class CallScriptRequest(LoftyModel):
    """GenerateCallScriptRequest (POST /v2.0/ai/call-script). Required: ``leadId``, ``taskId``."""

    lead_id: int | None = field(default=None)
    task_id: int | None = field(default=None)


@model
class CallSummaryRequest(LoftyModel):
    """GenerateCallSummaryRequest (POST /v2.0/ai/call-summary/generate). Required: ``callRecordId``, ``leadId``."""

    call_record_id: int | None = field(default=None)
    lead_id: int | None = field(default=None)


@model
class LeadAnalysisRequest(LoftyModel):
    """CreateLeadAnalysisRequest (POST /v2.0/ai/lead-analysis). Required: ``leadIds``."""

    lead_ids: list[int] | None = field(default=None)


@model
class PrepareInsightRequest(LoftyModel):
    """GeneratePrepareInsightRequest (POST /v2.0/ai/prepare-insight). Required: ``appointmentId``, ``leadId``."""

    appointment_id: int | None = field(default=None)
    lead_id: int | None = field(default=None)


@model
class CalendarRequest(LoftyModel):
    """CalendarRequestV2 (POST /v2.0/calendar). Required: ``content``, ``leadId``, ``timeZoneCode``, ``type``."""

    address: str | None = field(default=None)
    assigned_role: str | None = field(default=None)
    content: str | None = field(default=None)
    end_at: str | None = field(default=None)
    end_at_ms: int | None = field(default=None)
    lead_id: int | None = field(default=None)
    start_at: str | None = field(default=None)
    start_at_ms: int | None = field(default=None)
    task_way: str | None = field(default=None)
    time_zone_code: str | None = field(default=None)
    type: str | None = field(default=None)


@model
class CalendarUpdateRequest(LoftyModel):
    """CalendarUpdateRequestV2 (PUT /v2.0/calendar/{calendarId})."""

    address: str | None = field(default=None)
    content: str | None = field(default=None)
    end_at: str | None = field(default=None)
    end_at_ms: int | None = field(default=None)
    lead_id: int | None = field(default=None)
    reminder_time: str | None = field(default=None)
    reminder_type: str | None = field(default=None)
    start_at: str | None = field(default=None)
    start_at_ms: int | None = field(default=None)
    time_zone_code: str | None = field(default=None)


@model
class ListingQueryRequest(LoftyModel):
    """ListingQueryRequest (POST /v2.0/listings/search)."""

    filter_conditions: dict[str, Any] | None = field(default=None)
    page_num: int | None = field(default=None)
    page_size: int | None = field(default=None)
    return_fields: list[str] | None = field(default=None)
    search_scope: str | None = field(default=None)
    sold_flag: bool | None = field(default=None)
    sort_fields: list[str] | None = field(default=None)


@model
class PlanTaskBatchRequest(LoftyModel):
    """BatchCreatePlanTaskRequestV2 (POST /v2.0/plan-tasks/create). Required: ``leadIds``."""

    lead_ids: list[int] | None = field(default=None)


@model
class SmsToAgentRequest(LoftyModel):
    """SendSmsToAgentRequest (POST /v2.0/sales-agent/message/sms/send-to-agent). Required: ``content``."""

    content: str | None = field(default=None)


@model
class EmailToAgentRequest(LoftyModel):
    """SendEmailToAgentRequest (POST /v2.0/sales-agent/message/email/send-to-agent). Required: ``content``, ``subject``."""

    content: str | None = field(default=None)
    subject: str | None = field(default=None)


@model
class TaskReminderPushRequest(LoftyModel):
    """SendTaskReminderPushRequest (POST /v2.0/sales-agent/notification/app-push/send-task-reminder). Required: ``taskId``, ``type``."""

    task_id: int | None = field(default=None)
    type: str | None = field(default=None)


@model
class SalesAgentSettingsRequest(LoftyModel):
    """SalesAgentSettingRequest (PUT /v2.0/sales-agent/settings)."""

    active_days: list[int] | None = field(default=None)
    agent_experience: str | None = field(default=None)
    agent_ids: list[int] | None = field(default=None)
    assistant_name: str | None = field(default=None)
    call_transfer_type: str | None = field(default=None)
    email_channel: bool | None = field(default=None)
    end_active_hour: int | None = field(default=None)
    fixed_number: str | None = field(default=None)
    follow_up_role: str | None = field(default=None)
    id: int | None = field(default=None)
    lead_pipelines: list[int] | None = field(default=None)
    lead_pond_ids: list[int] | None = field(default=None)
    lead_sources: list[int] | None = field(default=None)
    lead_types: list[int] | None = field(default=None)
    new_lead_enable: bool | None = field(default=None)
    office_ids: list[int] | None = field(default=None)
    rental_business: bool | None = field(default=None)
    start_active_hour: int | None = field(default=None)
    text_channel: bool | None = field(default=None)
    virtual_number: str | None = field(default=None)
    virtual_number_country: str | None = field(default=None)
    visitors_enable: bool | None = field(default=None)
    website_channel: bool | None = field(default=None)


@model
class TaskRequestV2(LoftyModel):
    """TaskRequestV2 (POST /v2.0/tasks). Required: ``type``."""

    address: str | None = field(default=None)
    assigned_role: str | None = field(default=None)
    content: str | None = field(default=None)
    end_at: str | None = field(default=None)
    lead_id: int | None = field(default=None)
    start_at: str | None = field(default=None)
    time_zone_code: str | None = field(default=None)
    type: str | None = field(default=None)


@model
class TaskUpdateRequestV2(LoftyModel):
    """UpdateTaskRequestV2 (PUT /v2.0/tasks/{taskId})."""

    address: str | None = field(default=None)
    content: str | None = field(default=None)
    end_at: str | None = field(default=None)
    start_at: str | None = field(default=None)
    time_zone_code: str | None = field(default=None)


@model
class WorkingLeadRequest(LoftyModel):
    """AddWorkingLeadRequestV2 (POST /v2.0/working-leads/add). Required: ``leadIds``."""

    create_plan_task: bool | None = field(default=None)
    lead_ids: list[int] | None = field(default=None)
