"""Write fetched records to DuckDB or PostgreSQL: one row per record, merged by id,
deletions marked.

Table ``lofty_<resource>`` (``lofty_leads``...): ``tenant``, ``id`` (the primary key
together), ``data`` (the record as the API returned it: JSON in DuckDB, JSONB in
PostgreSQL), ``_synced_at`` and ``_deleted_at`` (NULL while the record is current). A
deleted record keeps its last data and gets ``_deleted_at``; a record seen again clears
it. Events of types that are not fetched go to ``lofty_webhook_events`` as received.

One sink, two dialects (:class:`Dialect`): they differ only in the driver, the parameter
placeholder and the JSON column type; the statements (``INSERT ... ON CONFLICT``, explicit
``BEGIN``/``COMMIT``) are the same text. Writes run in a thread so the event loop keeps
receiving; one connection, one write at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import importlib
import json
import re
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from .._dsn import POSTGRES_HINT, is_postgres_dsn, normalize_dsn, redact_dsn
from .._errors import ConfigurationError
from ._events import WebhookEvent

__all__ = ["DUCKDB", "POSTGRES", "Dialect", "DuckDBSink", "PostgresSink", "SQLSink", "open_sink"]

_CHUNK = 500
# an escaped NUL in JSON text, not preceded by an escaping backslash
_JSON_NUL = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")


@attrs.frozen
class Dialect:
    """What differs between the two databases."""

    name: str
    #: the DB-API parameter placeholder
    param: str
    #: the column type of ``data`` and ``event``
    json_type: str
    #: how ``rows()`` reads ``data`` back as JSON text
    json_text: str
    #: ``(target) -> (connection, cursor)``, connected and in autocommit mode
    connect: Callable[[str], tuple[Any, Any]] = attrs.field(repr=False)
    #: JSON text as the database accepts it
    clean_json: Callable[[str], str] = attrs.field(repr=False, default=lambda text: text)
    #: names of the driver's errors after which the connection is unusable
    reconnect_on: tuple[str, ...] = ()


def _duckdb_connect(path: str) -> tuple[Any, Any]:
    import duckdb  # optional dependency

    try:
        con = duckdb.connect(path)
    except duckdb.Error as exc:  # a missing directory, a file another process holds
        raise ConfigurationError(f"duckdb: {_one_line(exc)}") from None
    return con, con  # a DuckDB connection executes statements itself


def _postgres_connect(dsn: str) -> tuple[Any, Any]:
    try:
        psycopg2: Any = importlib.import_module("psycopg2")
    except ImportError:
        raise ConfigurationError(f"PostgreSQL needs psycopg2: {POSTGRES_HINT}") from None
    extra = {} if "connect_timeout" in dsn else {"connect_timeout": 10}
    try:
        con = psycopg2.connect(normalize_dsn(dsn), **extra)
    except psycopg2.Error as exc:  # refused, unknown host, bad password: one line
        raise ConfigurationError(f"postgres: {redact_dsn(_one_line(exc), dsn)}") from None
    # BEGIN/COMMIT are issued explicitly, as for DuckDB; nothing stays open between writes
    con.autocommit = True
    return con, con.cursor()


def _postgres_json(text: str) -> str:
    """JSONB refuses ``\\u0000``; such a character becomes U+FFFD (text elsewhere keeps)."""
    return _JSON_NUL.sub(r"\1\\ufffd", text) if "\\u0000" in text else text


DUCKDB = Dialect("duckdb", "?", "JSON", "data", _duckdb_connect)
POSTGRES = Dialect(
    "postgres",
    "%s",
    "JSONB",
    "data::text",
    _postgres_connect,
    _postgres_json,
    reconnect_on=("OperationalError", "InterfaceError"),
)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


class SQLSink:
    """Upserts into DuckDB or PostgreSQL (see the module). ``target``: the DuckDB file or
    the PostgreSQL DSN; its password never appears in a message or the repr. Use
    :func:`open_sink` to choose the dialect from ``target``."""

    def __init__(self, dialect: Dialect, target: str, *, table_prefix: str = "lofty_") -> None:
        if not table_prefix.replace("_", "").isalnum():
            raise ValueError(f"not a table prefix: {table_prefix!r}")
        self.dialect = dialect
        self.table_prefix = table_prefix
        #: where the rows go, printable (a DSN's password hidden)
        self.location = redact_dsn(target, target)
        self._target = target
        self._lock = threading.Lock()
        self._tables: set[str] = set()
        self._con: Any = None
        self._cur: Any = None
        self._connect()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.dialect.name}: {self.location})"

    def _connect(self) -> None:
        self._con, self._cur = self.dialect.connect(self._target)
        self._tables.clear()  # a new server may have lost them (checked again, cheaply)

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self._cur is None:  # the last connection broke: a new one for this write
            self._connect()
        try:
            self._cur.execute(sql, list(params) if params else None)
        except Exception as exc:
            if type(exc).__name__ in self.dialect.reconnect_on:
                self._drop()
            raise
        return self._cur

    def _drop(self) -> None:
        con, self._con, self._cur = self._con, None, None
        with contextlib.suppress(Exception):  # already broken: nothing to release
            con.close()

    def table(self, resource: str) -> str:
        if not resource.replace("_", "").isalnum():
            raise ValueError(f"not a resource name: {resource!r}")
        return f"{self.table_prefix}{resource}"

    def _ensure(self, table: str) -> None:
        if table in self._tables:
            return
        self._execute(
            f"CREATE TABLE IF NOT EXISTS {table} (tenant VARCHAR NOT NULL, id VARCHAR NOT NULL,"
            f" data {self.dialect.json_type}, _synced_at TIMESTAMPTZ, _deleted_at TIMESTAMPTZ,"
            " PRIMARY KEY (tenant, id))"
        )
        self._tables.add(table)

    def _json(self, value: Any) -> str:
        text = json.dumps(value, separators=(",", ":"), default=str)
        return self.dialect.clean_json(text)

    def _values(self, rows: int, columns: int) -> str:
        one = "(" + ", ".join([self.dialect.param] * columns) + ")"
        return ", ".join([one] * rows)

    def _transaction(self, work: Callable[[], None]) -> None:
        self._execute("BEGIN")
        try:
            work()
            self._execute("COMMIT")
        except BaseException:
            if self._cur is not None:  # a broken connection has rolled back already
                self._execute("ROLLBACK")
            raise

    async def write(
        self,
        tenant: str,
        resource: str,
        records: Mapping[str, Mapping[str, Any]],
        deleted: set[str],
    ) -> None:
        """Upsert ``records`` and mark ``deleted`` (ids) of ``resource``, in one
        transaction."""
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

        def work() -> None:
            for rows, mark in ((current, None), (gone, now)):
                for start in range(0, len(rows), _CHUNK):
                    self._upsert(table, tenant, rows[start : start + _CHUNK], now, mark)

        with self._lock:
            self._ensure(table)
            self._transaction(work)

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
        params: list[Any] = []
        for key, record in rows:
            params += [tenant, key, None if record is None else self._json(record), now, deleted_at]
        # a deletion without data keeps the row's last known data
        self._execute(
            f"INSERT INTO {table} VALUES {self._values(len(rows), 5)}"
            f" ON CONFLICT (tenant, id) DO UPDATE SET data = COALESCE(excluded.data, {table}.data),"
            " _synced_at = excluded._synced_at, _deleted_at = excluded._deleted_at",
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

        def work() -> None:
            for start in range(0, len(events), _CHUNK):
                part = events[start : start + _CHUNK]
                params: list[Any] = []
                for ev in part:
                    params += [tenant, ev.dedupe_key, ev.list_id, ev.record_id, ev.action,
                               self._json(dict(ev.raw)), now]  # fmt: skip
                self._execute(
                    f"INSERT INTO {table} VALUES {self._values(len(part), 7)}"
                    " ON CONFLICT DO NOTHING",
                    params,
                )

        with self._lock:
            if table not in self._tables:
                self._execute(
                    f"CREATE TABLE IF NOT EXISTS {table} (tenant VARCHAR, key VARCHAR,"
                    f" list_id INTEGER, record_id VARCHAR, action VARCHAR,"
                    f" event {self.dialect.json_type}, received_at TIMESTAMPTZ,"
                    " PRIMARY KEY (tenant, key))"
                )
                self._tables.add(table)
            self._transaction(work)

    def rows(self, resource: str, tenant: str | None = None) -> list[tuple[Any, ...]]:
        """``(tenant, id, data, _synced_at, _deleted_at)`` of every row, ``data`` as JSON
        text (for checks)."""
        table = self.table(resource)
        sql = f"SELECT tenant, id, {self.dialect.json_text}, _synced_at, _deleted_at FROM {table}"
        with self._lock:
            self._ensure(table)
            if tenant is None:
                return list(self._execute(sql + " ORDER BY tenant, id").fetchall())
            where = f" WHERE tenant = {self.dialect.param} ORDER BY id"
            return list(self._execute(sql + where, [tenant]).fetchall())

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._drop()


class DuckDBSink(SQLSink):
    """Upserts into a DuckDB file (``duckdb`` must be installed)."""

    def __init__(self, path: str, *, table_prefix: str = "lofty_") -> None:
        self.path = path
        super().__init__(DUCKDB, path, table_prefix=table_prefix)


class PostgresSink(SQLSink):
    """Upserts into PostgreSQL (``psycopg2`` must be installed): ``dsn`` is
    ``postgresql://user:password@host:port/db``; tables go to the connection's first
    schema on its ``search_path`` (``?options=-csearch_path%3Dcrm`` to choose one)."""

    def __init__(self, dsn: str, *, table_prefix: str = "lofty_") -> None:
        if not is_postgres_dsn(dsn):
            raise ConfigurationError("postgres: not a postgresql:// DSN")
        super().__init__(POSTGRES, dsn, table_prefix=table_prefix)


def open_sink(db: str, *, table_prefix: str = "lofty_") -> SQLSink:
    """A :class:`PostgresSink` for ``postgresql://``/``postgres://``, else a
    :class:`DuckDBSink` for the file ``db``; connected (a failure is one line, a
    :class:`~real_estate_async.ConfigurationError`, password hidden)."""
    if is_postgres_dsn(db):
        return PostgresSink(db, table_prefix=table_prefix)
    if "://" in db:  # not echoed whole: it may hold a password
        raise ConfigurationError(
            f"--db is a DuckDB file or a postgresql:// DSN, not {redact_dsn(db, db)}"
        )
    return DuckDBSink(db, table_prefix=table_prefix)
