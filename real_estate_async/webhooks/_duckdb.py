"""Write fetched records to DuckDB: one row per record, merged by id, deletions marked.

Table ``lofty_<resource>`` (``lofty_leads``...): ``tenant``, ``id`` (the primary key
together), ``data`` (the record as the API returned it, JSON), ``_synced_at`` and
``_deleted_at`` (NULL while the record is current). A deleted record keeps its last data
and gets ``_deleted_at``; a record seen again clears it. Events of types that are not
fetched go to ``lofty_webhook_events`` as received.
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import json
import threading
from collections.abc import Mapping, Sequence
from typing import Any

from ._events import WebhookEvent

__all__ = ["DuckDBSink"]

_CHUNK = 500


class DuckDBSink:
    """Upserts into a DuckDB file (``duckdb`` must be installed). Writes run in a thread
    so the event loop keeps receiving."""

    def __init__(self, path: str, *, table_prefix: str = "lofty_") -> None:
        import duckdb  # optional dependency

        self.path = path
        self.table_prefix = table_prefix
        self._con: Any = duckdb.connect(path)
        self._lock = threading.Lock()
        self._tables: set[str] = set()

    def table(self, resource: str) -> str:
        if not resource.replace("_", "").isalnum():
            raise ValueError(f"not a resource name: {resource!r}")
        return f"{self.table_prefix}{resource}"

    def _ensure(self, table: str) -> None:
        if table in self._tables:
            return
        self._con.execute(
            f"CREATE TABLE IF NOT EXISTS {table} (tenant VARCHAR NOT NULL, id VARCHAR NOT NULL,"
            " data JSON, _synced_at TIMESTAMPTZ, _deleted_at TIMESTAMPTZ,"
            " PRIMARY KEY (tenant, id))"
        )
        self._tables.add(table)

    async def write(
        self,
        tenant: str,
        resource: str,
        records: Mapping[str, Mapping[str, Any]],
        deleted: set[str],
    ) -> None:
        """Upsert ``records`` and mark ``deleted`` (ids) of ``resource``."""
        await asyncio.to_thread(self._write, tenant, resource, dict(records), set(deleted))

    def _write(
        self,
        tenant: str,
        resource: str,
        records: dict[str, Mapping[str, Any]],
        deleted: set[str],
    ) -> None:
        table = self.table(resource)
        now = _dt.datetime.now(_dt.timezone.utc)
        current = [(k, v) for k, v in records.items() if k not in deleted]
        gone = [(k, records.get(k)) for k in sorted(deleted)]
        with self._lock:
            self._ensure(table)
            self._con.execute("BEGIN")
            try:
                for rows, mark in ((current, None), (gone, now)):
                    for start in range(0, len(rows), _CHUNK):
                        self._upsert(table, tenant, rows[start : start + _CHUNK], now, mark)
                self._con.execute("COMMIT")
            except BaseException:
                self._con.execute("ROLLBACK")
                raise

    def _upsert(
        self,
        table: str,
        tenant: str,
        rows: Sequence[tuple[str, Mapping[str, Any] | None]],
        now: _dt.datetime,
        deleted_at: _dt.datetime | None,
    ) -> None:
        if not rows:
            return
        values = ", ".join(["(?, ?, ?, ?, ?)"] * len(rows))
        params: list[Any] = []
        for key, record in rows:
            data = None if record is None else json.dumps(record, separators=(",", ":"))
            params += [tenant, key, data, now, deleted_at]
        # a deletion without data keeps the row's last known data
        self._con.execute(
            f"INSERT INTO {table} VALUES {values} ON CONFLICT (tenant, id) DO UPDATE SET "
            "data = COALESCE(excluded.data, data), _synced_at = excluded._synced_at, "
            "_deleted_at = excluded._deleted_at",
            params,
        )

    async def write_events(self, tenant: str, events: Sequence[WebhookEvent]) -> None:
        """Keep events that name no fetchable record (``lofty_webhook_events``)."""
        await asyncio.to_thread(self._write_events, tenant, list(events))

    def _write_events(self, tenant: str, events: list[WebhookEvent]) -> None:
        if not events:
            return
        table = f"{self.table_prefix}webhook_events"
        now = _dt.datetime.now(_dt.timezone.utc)
        with self._lock:
            if table not in self._tables:
                self._con.execute(
                    f"CREATE TABLE IF NOT EXISTS {table} (tenant VARCHAR, key VARCHAR,"
                    " list_id INTEGER, record_id VARCHAR, action VARCHAR, event JSON,"
                    " received_at TIMESTAMPTZ, PRIMARY KEY (tenant, key))"
                )
                self._tables.add(table)
            for start in range(0, len(events), _CHUNK):
                part = events[start : start + _CHUNK]
                params: list[Any] = []
                for ev in part:
                    raw = json.dumps(dict(ev.raw), separators=(",", ":"), default=str)
                    params += [tenant, ev.dedupe_key, ev.list_id, ev.record_id, ev.action, raw, now]
                values = ", ".join(["(?, ?, ?, ?, ?, ?, ?)"] * len(part))
                self._con.execute(
                    f"INSERT INTO {table} VALUES {values} ON CONFLICT DO NOTHING", params
                )

    def rows(self, resource: str, tenant: str | None = None) -> list[tuple[Any, ...]]:
        """``(tenant, id, data, _synced_at, _deleted_at)`` of every row (for checks)."""
        table = self.table(resource)
        with self._lock:
            self._ensure(table)
            sql = f"SELECT tenant, id, data, _synced_at, _deleted_at FROM {table}"
            if tenant is None:
                return list(self._con.execute(sql + " ORDER BY tenant, id").fetchall())
            return list(
                self._con.execute(sql + " WHERE tenant = ? ORDER BY id", [tenant]).fetchall()
            )

    def close(self) -> None:
        with self._lock:
            self._con.close()
