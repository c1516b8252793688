"""Webhooks into a real PostgreSQL (started by the tests): the same table layout as DuckDB
(JSONB data), the end-to-end path from a sandbox lead change to its row, the CLI's
``webhooks serve --db postgresql://...``, and the DSN's password in no message."""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from _fleet import cli, free_port, wait_until
from _postgres import SKIP_REASON, PostgresServer, postgres_server
from aiohttp import web
from aiohttp.test_utils import TestServer

from real_estate_async import ConfigurationError, LoftyClient
from real_estate_async.cli import main
from real_estate_async.sandbox import RateLimits, Sandbox, SandboxThread
from real_estate_async.webhooks import (
    MemoryStore,
    PostgresSink,
    Receiver,
    Wanted,
    WebhookProcessor,
    open_sink,
    parse_batch,
)

psycopg2 = pytest.importorskip("psycopg2", reason="psycopg2 (the 'dlt-postgres' extra) is absent")

TOKEN = secrets.token_urlsafe(24)
# "@" and "/" end the user info for libpq: the DSN is used percent-encoded, and the
# password is hidden whichever way it is written
PASSWORD = "wh@pg/secret-4e1d"


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresServer]:
    if SKIP_REASON is not None:
        pytest.skip(SKIP_REASON)
    with postgres_server(PASSWORD) as server:
        yield server


@pytest.fixture
def schema(pg: PostgresServer) -> Iterator[str]:
    """A fresh schema per test, as the DSN's search_path (tables of one test stay apart)."""
    name = "t_" + secrets.token_hex(4)
    _query(pg.dsn, f"CREATE SCHEMA {name}")
    try:
        yield f"{pg.dsn}?options=-csearch_path%3D{name}"
    finally:
        _query(pg.dsn, f"DROP SCHEMA {name} CASCADE")


def _query(dsn: str, sql: str) -> list[tuple[Any, ...]]:
    from real_estate_async._dsn import normalize_dsn

    con = psycopg2.connect(normalize_dsn(dsn))
    con.autocommit = True
    try:
        with con.cursor() as cur:
            cur.execute(sql)
            return list(cur.fetchall()) if cur.description else []
    finally:
        con.close()


# ---------------------------------------------------------------------- the sink


async def test_same_layout_upsert_deletion_and_events(schema: str) -> None:
    sink = open_sink(schema)
    assert isinstance(sink, PostgresSink)
    try:
        await sink.write(
            "t", "leads", {"1": {"a": "x\u0000y", "c": "\\u0000"}, "2": {"b": 2}}, set()
        )
        await sink.write("t", "leads", {"2": {"b": 3}}, {"1"})  # 1 deleted, with new data
        await sink.write("t", "leads", {}, {"2"})  # 2 deleted, no data: keeps {"b": 3}
        await sink.write("u", "leads", {"2": {"b": 9}}, set())  # another tenant
        ev = parse_batch(
            [{"listId": 5, "transactionId": 7, "eventId": "x", "eventType": "updated"}]
        )
        await sink.write_events("t", ev)
        await sink.write_events("t", ev)  # the same event twice: kept once
        rows = sink.rows("leads")
        assert [(r[0], r[1]) for r in rows] == [("t", "1"), ("t", "2"), ("u", "2")]
        # JSONB refuses \u0000: it becomes U+FFFD instead of failing every round
        assert json.loads(rows[0][2]) == {"a": "x\ufffdy", "c": "\\u0000"}  # text kept
        assert json.loads(rows[1][2]) == {"b": 3} and rows[1][4] is not None
        assert rows[2][4] is None and [r[1] for r in sink.rows("leads", "u")] == ["2"]
        types = _query(
            schema,
            "SELECT table_name, column_name, data_type FROM information_schema.columns"
            " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
        )
        leads = [(c, t) for table, c, t in types if table == "lofty_leads"]
        assert leads == [
            ("tenant", "character varying"), ("id", "character varying"), ("data", "jsonb"),
            ("_synced_at", "timestamp with time zone"), ("_deleted_at", "timestamp with time zone"),
        ]  # fmt: skip
        kept = _query(schema, "SELECT tenant, list_id, record_id, action FROM lofty_webhook_events")
        assert kept == [("t", 5, "7", "updated")]
        assert PASSWORD not in repr(sink) and PASSWORD not in sink.location
        assert "loader:***@" in repr(sink)
    finally:
        sink.close()


async def test_a_dropped_connection_fails_one_write_and_the_next_reconnects(
    schema: str,
) -> None:
    sink = open_sink(schema)
    try:
        await sink.write("t", "leads", {"1": {"v": 1}}, set())
        # the server ends the sink's session (a restart, a failover, an idle timeout)
        _query(
            schema,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE pid <> pg_backend_pid() AND datname = current_database()",
        )
        with pytest.raises(psycopg2.OperationalError):
            await sink.write("t", "leads", {"1": {"v": 2}}, set())
        await sink.write("t", "leads", {"1": {"v": 3}}, set())  # a new connection
        assert json.loads(sink.rows("leads")[0][2]) == {"v": 3}
    finally:
        sink.close()


def test_unreachable_server_and_bad_dsns_are_one_line_without_the_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    port = free_port()  # nothing listens there: refused
    for dsn in (f"postgresql://u:{PASSWORD}@127.0.0.1:{port}/db",
                f"postgres://u:{PASSWORD}@127.0.0.1:{port}/db"):  # fmt: skip
        with pytest.raises(ConfigurationError) as info:
            open_sink(dsn)
        text = str(info.value)
        assert text.startswith("postgres: ") and "refused" in text and "\n" not in text
        assert "secret" not in text
    with pytest.raises(ConfigurationError) as info:
        open_sink(f"mysql://u:{PASSWORD}@127.0.0.1/db")
    assert "secret" not in str(info.value) and "postgresql://" in str(info.value)
    monkeypatch.setitem(sys.modules, "psycopg2", None)  # import psycopg2 -> ImportError
    with pytest.raises(ConfigurationError, match=r"real_estate_async\[dlt-postgres\]"):
        open_sink(f"postgresql://u:{PASSWORD}@127.0.0.1:{port}/db")


# ---------------------------------------------------------------------- end to end


@pytest.fixture
async def live(schema: str) -> AsyncIterator[tuple[Sandbox, str, WebhookProcessor, Any]]:
    async with Sandbox(records=300, vendors=["lofty"], rate_limits=RateLimits.relaxed()) as sb:
        store = MemoryStore()
        receiver = Receiver(TOKEN, store)
        app = web.Application()
        app.add_subapp(receiver.prefix, receiver.aiohttp_app())
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        sink = open_sink(schema)
        async with LoftyClient(**sb.client_kwargs("lofty")) as client:
            processor = WebhookProcessor(store, clients=client, sink=sink, window=0.05)
            await processor.start()
            try:
                url = str(server.make_url(f"{receiver.prefix}/{TOKEN}"))
                await client.webhooks.sync([Wanted(2, url, limit=50)])
                yield sb, url, processor, sink
            finally:
                await processor.stop()
                await server.close()
                sink.close()


async def _settle(sb: Sandbox, processor: WebhookProcessor) -> None:
    deliveries = sb.server("lofty").webhooks  # type: ignore[attr-defined]
    await deliveries.drained()
    while processor.stats.batches < deliveries.stats.batches:
        processor.processed.clear()
        await asyncio.wait_for(processor.processed.wait(), 30)


async def test_lead_changes_reach_postgres_one_row_each_deletions_marked(
    live: tuple[Sandbox, str, WebhookProcessor, Any], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    sb, _, processor, sink = live
    ids = sb.mutate("lofty", "leads", 120)  # 3 batches of at most 50
    await _settle(sb, processor)
    again = sb.mutate("lofty", "leads", 120)  # the same leads changed again
    assert again == ids
    await _settle(sb, processor)
    async with LoftyClient(**sb.client_kwargs("lofty")) as client:
        await client.leads.update(ids[0], {"lastName": "Renamed"})
        await client.leads.delete(ids[1])
    await _settle(sb, processor)
    rows = {r[1]: r for r in sink.rows("leads")}
    assert len(sink.rows("leads")) == len(rows) == 120, "one row per lead"
    assert set(rows) == {str(i) for i in ids}
    assert json.loads(rows[str(ids[0])][2])["lastName"] == "Renamed"
    assert all("(rev 3)" in json.loads(rows[str(i)][2])["lastName"] for i in ids[2:])
    gone = rows[str(ids[1])]
    assert gone[4] is not None, "the deleted lead is marked, not kept as current"
    assert "(rev 3)" in json.loads(gone[2])["lastName"]  # its last known data
    assert sum(r[4] is not None for r in rows.values()) == 1
    assert processor.stats.failures == 0
    assert PASSWORD not in caplog.text


# ---------------------------------------------------------------------- the CLI


def test_cli_serve_into_postgres(
    lofty_box: SandboxThread, lofty_env: dict[str, str], schema: str, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            cli("webhooks", "serve", "--port", str(port), "--db", schema, "--window", "0.05"),
            env=lofty_env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_until(lambda: b"listening on" in log.read_bytes() or proc.poll() is not None, "serve")
        assert proc.poll() is None, log.read_text()
        assert main(["webhooks", "subscribe", "--url", f"http://127.0.0.1:{port}",
                     "--events", "lead", "--limit", "1000"]) == 0  # fmt: skip
        ids = lofty_box.mutate("lofty", "leads", 30)
        lead = ids[0]

        def landed() -> bool:
            try:
                return len(_query(schema, "SELECT id FROM lofty_leads")) == 30
            except psycopg2.errors.UndefinedTable:
                return False

        wait_until(landed, "30 rows in PostgreSQL")
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
    assert code in (0, 143), log.read_text()
    rows = _query(schema, "SELECT id, data->>'lastName', _deleted_at FROM lofty_leads")
    assert {r[0] for r in rows} == {str(i) for i in ids} and str(lead) in {r[0] for r in rows}
    assert all("(rev 2)" in r[1] and r[2] is None for r in rows)
    text = log.read_text()
    assert "db: postgresql://loader:***@127.0.0.1" in text
    assert "secret" not in text and TOKEN not in text and "Traceback" not in text


def test_cli_serve_refused_connection_is_one_line(
    lofty_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    dsn = f"postgresql://loader:{PASSWORD}@127.0.0.1:{free_port()}/postgres"
    assert main(["webhooks", "serve", "--port", "0", "--db", dsn]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: postgres: ") and "refused" in err[0], err
    assert "secret" not in err[0]
    # the same as its own process: one line on stderr, exit 2, no traceback
    done = subprocess.run(
        cli("webhooks", "serve", "--port", "0", "--db", dsn),
        env=lofty_env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "secret" not in done.stderr and "Traceback" not in done.stderr
