"""Lofty webhooks in any async web app: receive, store, and turn into incremental syncs.

```python
from real_estate_async import LoftyClient
from real_estate_async.webhooks import DuckDBSink, MemoryStore, Receiver, WebhookProcessor

store = MemoryStore()
receiver = Receiver("a-long-random-secret-token", store)      # POST /webhooks/lofty/<token>
app.add_subapp("/webhooks/lofty", receiver.aiohttp_app())      # or receiver.handle(...)
processor = WebhookProcessor(store, clients=LoftyClient(), sink=DuckDBSink("crm.duckdb"))
await processor.start()
```

Lofty's OpenAPI document (tag "Webhooks") lists the 12 event types (``listId``) and the
subscription operations, not the per-event payload: an event is read as an envelope
naming a record, and the record is fetched from the API. See docs/WEBHOOKS.md.
"""

from __future__ import annotations

from ._events import (
    AgentEvent,
    AppointmentEvent,
    CallEvent,
    EmailEvent,
    EventType,
    LeadActivityEvent,
    LeadEvent,
    ListingAlertEvent,
    NoteEvent,
    PipelineChangeEvent,
    TaskEvent,
    TextEvent,
    TransactionEvent,
    WebhookEvent,
    event_types,
    parse_batch,
    parse_event,
)
from ._fetch import ROUTES, FetchResult, Route, fetch_records
from ._processor import EventCallback, ProcessorStats, Sink, WebhookProcessor
from ._receiver import DEFAULT_MAX_BODY, DEFAULT_PREFIX, Receiver, RedactingAccessLogger
from ._sql import DUCKDB, POSTGRES, Dialect, DuckDBSink, PostgresSink, SQLSink, open_sink
from ._store import (
    BatchStore,
    Dedupe,
    MemoryDedupe,
    MemoryStore,
    RedisDedupe,
    RedisStore,
    StoredBatch,
)
from ._subscriptions import (
    SubscriptionPlan,
    Wanted,
    redact_callback,
    redacted,
    sync_subscriptions,
)

__all__ = [
    "DEFAULT_MAX_BODY",
    "DEFAULT_PREFIX",
    "DUCKDB",
    "POSTGRES",
    "ROUTES",
    "AgentEvent",
    "AppointmentEvent",
    "BatchStore",
    "CallEvent",
    "Dedupe",
    "Dialect",
    "DuckDBSink",
    "EmailEvent",
    "EventCallback",
    "EventType",
    "FetchResult",
    "LeadActivityEvent",
    "LeadEvent",
    "ListingAlertEvent",
    "MemoryDedupe",
    "MemoryStore",
    "NoteEvent",
    "PipelineChangeEvent",
    "PostgresSink",
    "ProcessorStats",
    "Receiver",
    "RedactingAccessLogger",
    "RedisDedupe",
    "RedisStore",
    "Route",
    "SQLSink",
    "Sink",
    "StoredBatch",
    "SubscriptionPlan",
    "TaskEvent",
    "TextEvent",
    "TransactionEvent",
    "Wanted",
    "WebhookEvent",
    "WebhookProcessor",
    "event_types",
    "fetch_records",
    "open_sink",
    "parse_batch",
    "parse_event",
    "redact_callback",
    "redacted",
    "sync_subscriptions",
]
