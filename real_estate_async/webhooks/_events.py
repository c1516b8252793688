"""Typed Lofty webhook events, parsed leniently.

Lofty's OpenAPI document (tag "Webhooks") lists 12 event types by ``listId`` but leaves
the per-event payload to a page it does not contain. So an event is read as a small
envelope: its type (``listId``), what happened (``eventType``/``event``/``action``), the id
of the record it names, the lead it belongs to, and when. The record itself is fetched
from the API, which stays the source of truth; the webhook is only a trigger.

Parsing never raises: every field of an event is kept (``raw``), an unknown ``listId``
becomes a :class:`WebhookEvent` of type ``None``, and an item that is not an object is
kept as an event with ``raw={"value": item}`` so a batch is never lost to one bad item.
"""

from __future__ import annotations

import datetime as _dt
import enum
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

import attrs

__all__ = [
    "AgentEvent",
    "AppointmentEvent",
    "CallEvent",
    "EmailEvent",
    "EventType",
    "LeadActivityEvent",
    "LeadEvent",
    "ListingAlertEvent",
    "NoteEvent",
    "PipelineChangeEvent",
    "TaskEvent",
    "TextEvent",
    "TransactionEvent",
    "WebhookEvent",
    "event_types",
    "parse_batch",
    "parse_event",
]


class EventType(enum.IntEnum):
    """``listId`` of a subscription (Lofty OpenAPI document, tag "Webhooks")."""

    AGENT = 1
    LEAD = 2
    LEAD_ACTIVITY = 3
    LISTING_ALERT = 4
    TRANSACTION = 5
    CALL = 6
    EMAIL = 7
    TEXT = 8
    NOTE = 9
    TASK = 10
    APPOINTMENT = 11
    PIPELINE_CHANGE = 12

    @property
    def slug(self) -> str:
        """The name the CLI and :func:`event_types` accept (``lead``, ``pipeline_change``)."""
        return self.name.lower()


# Keys an envelope may carry, most specific first (the payload page is not published, so
# the common spellings are all read).
_TYPE_KEYS = ("listId", "listID", "list_id", "eventListId")
_ACTION_KEYS = ("eventType", "event", "action", "operation", "changeType", "type")
_TIME_KEYS = ("eventTime", "timestamp", "time", "updateTime", "lastUpdateTime", "createTime")
_EVENT_ID_KEYS = ("eventId", "eventUuid", "messageId", "uuid")
_LEAD_KEYS = ("leadId", "lead_id", "contactId")
#: A list of the records an envelope names: ``createdEmail``, ``deletedNote``...
_NESTED = re.compile(r"^(created|updated|deleted|finished)[A-Z]\w*$")


@attrs.frozen
class WebhookEvent:
    """One event of a callback batch. ``raw`` holds every field as received.

    ``record_id``: the id of the record the event names (a lead for lead events, a note for
    note events...), ``lead_id``: the lead it belongs to, ``action``: what happened
    (``created``, ``updated``, ``deleted``... as sent, lower-cased), ``time_ms``: when
    (epoch milliseconds) if the envelope says.
    """

    list_id: int | None
    record_id: str | None
    lead_id: str | None = None
    action: str | None = None
    time_ms: int | None = None
    event_id: str | None = None
    raw: Mapping[str, Any] = attrs.field(factory=dict, repr=False)
    #: position of the record in an envelope that names several (``createdEmail[]``...)
    part: int | None = None

    #: The resource the record is fetched from (``None``: the event is not routed).
    resource: ClassVar[str | None] = None
    #: Keys of the record id in the envelope, most specific first.
    id_keys: ClassVar[tuple[str, ...]] = ("id",)

    @property
    def type(self) -> EventType | None:
        try:
            return EventType(self.list_id) if self.list_id is not None else None
        except ValueError:
            return None

    @property
    def deleted(self) -> bool:
        """True when the envelope says the record was deleted."""
        return bool(self.action) and "delet" in str(self.action)

    @property
    def dedupe_key(self) -> str:
        """Same event delivered twice, same key: the event id when the envelope has one,
        else a hash of the whole envelope (canonical JSON)."""
        if self.event_id:
            part = "" if self.part is None else f":{self.part}"
            return f"id:{self.list_id}:{self.event_id}{part}"
        text = json.dumps(self.raw, sort_keys=True, separators=(",", ":"), default=str)
        return "sha:" + hashlib.sha256(text.encode()).hexdigest()[:32]


class AgentEvent(WebhookEvent):
    """``listId`` 1: an agent created or updated; fetched with ``GET /users/{userId}``."""

    resource = "agents"
    id_keys = ("agentId", "userId", "memberId", "id")


class LeadEvent(WebhookEvent):
    """``listId`` 2: a lead created, updated or deleted."""

    resource = "leads"
    id_keys = ("leadId", "id")


class LeadActivityEvent(WebhookEvent):
    """``listId`` 3: lead site activity (SiteBrowse, SiteFavorite, SiteSearch); the
    lead's site activities are fetched (``GET /leads/{leadId}/activities``)."""

    resource = "lead_activities"
    id_keys = ("activityId", "id")


class ListingAlertEvent(WebhookEvent):
    """``listId`` 4: a listing alert changed. Not fetched: Lofty's OpenAPI document has
    no operation that reads a listing alert, so the event is kept as received."""

    id_keys = ("alertId", "listingAlertId", "id")


class TransactionEvent(WebhookEvent):
    """``listId`` 5: a transaction created, updated or deleted (fetched under its lead)."""

    resource = "transactions"
    id_keys = ("transactionId", "id")


class CallEvent(WebhookEvent):
    """``listId`` 6: a call (manual and logged only). Its ``timelineId`` is the id to
    fetch (Lofty OpenAPI document, ``GET /v2.0/communication/call/{communicationId}``)."""

    resource = "calls"
    id_keys = ("timelineId", "communicationId", "callId", "id")


class EmailEvent(WebhookEvent):
    """``listId`` 7: an email (manual and logged only), fetched by ``timelineId``."""

    resource = "emails"
    id_keys = ("timelineId", "communicationId", "emailId", "id")


class TextEvent(WebhookEvent):
    """``listId`` 8: a text message (manual and logged only), fetched by ``timelineId``."""

    resource = "texts"
    id_keys = ("timelineId", "communicationId", "textId", "messageId", "id")


class NoteEvent(WebhookEvent):
    """``listId`` 9: a note created, updated or deleted."""

    resource = "notes"
    id_keys = ("noteId", "id")


class TaskEvent(WebhookEvent):
    """``listId`` 10: a task created, updated, finished or deleted."""

    resource = "tasks"
    id_keys = ("taskId", "id")


class AppointmentEvent(WebhookEvent):
    """``listId`` 11: an appointment created, updated, finished or deleted (fetched
    from its lead's appointments, ``GET /appts``)."""

    resource = "appointments"
    id_keys = ("appointmentId", "eventId", "id")


class PipelineChangeEvent(WebhookEvent):
    """``listId`` 12: a lead's pipeline stage changed; the lead is what is fetched."""

    resource = "leads"
    id_keys = ("leadId", "id")


EVENT_CLASSES: dict[int, type[WebhookEvent]] = {
    1: AgentEvent,
    2: LeadEvent,
    3: LeadActivityEvent,
    4: ListingAlertEvent,
    5: TransactionEvent,
    6: CallEvent,
    7: EmailEvent,
    8: TextEvent,
    9: NoteEvent,
    10: TaskEvent,
    11: AppointmentEvent,
    12: PipelineChangeEvent,
}


def parse_event(item: Any, *, list_id: int | None = None) -> WebhookEvent:
    """One envelope as its typed event (never raises). ``list_id``: the batch's type,
    used when the item does not name its own."""
    raw: dict[str, Any] = dict(item) if isinstance(item, Mapping) else {"value": item}
    own = _as_int(_first(raw, _TYPE_KEYS))
    kind = own if own is not None else list_id
    cls = EVENT_CLASSES.get(kind, WebhookEvent) if kind is not None else WebhookEvent
    id_keys = cls.id_keys
    if cls is AppointmentEvent:  # "eventId" there may be the calendar event's id
        id_keys = ("appointmentId", "id")
    record = _first(raw, id_keys)
    if record is None and cls.resource == "leads":
        record = _first(raw, _LEAD_KEYS)
    action = _first(raw, _ACTION_KEYS)
    return cls(
        list_id=kind,
        record_id=_as_id(record),
        lead_id=_as_id(_first(raw, _LEAD_KEYS)),
        action=str(action).lower() if isinstance(action, (str, int)) else None,
        time_ms=_as_ms(_first(raw, _TIME_KEYS)),
        event_id=_as_id(_first(raw, _EVENT_ID_KEYS)),
        raw=raw,
    )


def parse_batch(data: Any) -> list[WebhookEvent]:
    """The events of one decoded callback body (never raises).

    Read as: a JSON array of envelopes; or an object holding them under ``events``,
    ``data``, ``list``, ``records`` or ``items`` (its own ``listId`` is the default type of
    its items); or one envelope object. Anything else is one untyped event.
    """
    if isinstance(data, list):
        return [event for item in data for event in _parse_envelope(item)]
    if isinstance(data, Mapping):
        outer = _as_int(_first(data, _TYPE_KEYS))
        for key in ("events", "data", "list", "records", "items"):
            items = data.get(key)
            if isinstance(items, list):
                return [e for item in items for e in _parse_envelope(item, list_id=outer)]
        return _parse_envelope(data)
    return [parse_event(data)]


def _parse_envelope(item: Any, *, list_id: int | None = None) -> list[WebhookEvent]:
    """One envelope's events: one, or one per record of a ``created<Type>[]`` list
    (``createdEmail``, ``createdText``, ``createdCall``: the form the Lofty OpenAPI
    document's "Webhook follow-up" notes name, each record with its ``timelineId``); the
    envelope's other fields apply to each record, the list's prefix is the action."""
    if isinstance(item, Mapping):
        for key, value in item.items():
            found = _NESTED.match(str(key))
            if found and isinstance(value, list) and value:
                outer = {k: v for k, v in item.items() if k != key}
                outer.setdefault("eventType", found.group(1))
                return [
                    attrs.evolve(
                        parse_event({**outer, **part} if isinstance(part, Mapping)
                                    else {**outer, "value": part}, list_id=list_id),
                        part=n,
                    )
                    for n, part in enumerate(value)
                ]  # fmt: skip
    return [parse_event(item, list_id=list_id)]


def _first(raw: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = raw.get(key)
        if value is not None and value != "":
            return value
    return None


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _as_id(value: Any) -> str | None:
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def _as_ms(value: Any) -> int | None:
    """Epoch seconds or milliseconds, or an ISO 8601 string, as epoch milliseconds."""
    number = value if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    if number is None and isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            try:
                moment = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                return None
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=_dt.timezone.utc)
            return int(moment.timestamp() * 1000)
    if number is None:
        return None
    return int(number if number > 10_000_000_000 else number * 1000)


_ALIASES = {
    "agent": EventType.AGENT,
    "agents": EventType.AGENT,
    "lead": EventType.LEAD,
    "leads": EventType.LEAD,
    "activity": EventType.LEAD_ACTIVITY,
    "lead_activity": EventType.LEAD_ACTIVITY,
    "alert": EventType.LISTING_ALERT,
    "listing_alert": EventType.LISTING_ALERT,
    "transaction": EventType.TRANSACTION,
    "transactions": EventType.TRANSACTION,
    "call": EventType.CALL,
    "calls": EventType.CALL,
    "email": EventType.EMAIL,
    "emails": EventType.EMAIL,
    "text": EventType.TEXT,
    "texts": EventType.TEXT,
    "note": EventType.NOTE,
    "notes": EventType.NOTE,
    "task": EventType.TASK,
    "tasks": EventType.TASK,
    "appointment": EventType.APPOINTMENT,
    "appointments": EventType.APPOINTMENT,
    "pipeline": EventType.PIPELINE_CHANGE,
    "pipeline_change": EventType.PIPELINE_CHANGE,
}


def event_types(spec: str | Iterable[str | int]) -> list[EventType]:
    """Event types from names or ``listId`` numbers: ``"lead,transaction,12"``, ``"all"``."""
    items = spec.split(",") if isinstance(spec, str) else list(spec)
    found: list[EventType] = []
    for item in items:
        text = str(item).strip().lower().replace("-", "_")
        if not text:
            continue
        if text == "all":
            return list(EventType)
        if text.isdigit():
            try:
                kind = EventType(int(text))
            except ValueError:
                raise ValueError(f"unknown webhook listId {text} (1 to 12)") from None
        elif text in _ALIASES:
            kind = _ALIASES[text]
        else:
            raise ValueError(f"unknown webhook event type {item!r}; known: {sorted(_ALIASES)}")
        if kind not in found:
            found.append(kind)
    if not found:
        raise ValueError("no webhook event type given")
    return found
