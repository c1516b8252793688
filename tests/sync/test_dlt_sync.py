"""integrations.dlt against the sandbox: incremental runs fetch only what changed, tables
hold each record once with its latest values, DuckDB and a real PostgreSQL, secrets
stay out of dlt's files, logs and tables."""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dlt", reason="the 'dlt' extra is not installed")
duckdb = pytest.importorskip("duckdb", reason="the 'dlt' extra is not installed")

from _held import held_brokermint, transactions  # noqa: E402
from _postgres import SKIP_REASON, PostgresServer, postgres_server  # noqa: E402

from real_estate_async import BrokermintClient  # noqa: E402
from real_estate_async.integrations.dlt import (  # noqa: E402
    VENDORS,
    DestinationError,
    DestinationLockedError,
    SyncResult,
    sync,
)
from real_estate_async.sandbox import Sandbox, SandboxThread  # noqa: E402

RECORDS = 500
# sandbox collection behind each synced resource, and the field mutate() rewrites
SANDBOX = {
    ("brokermint", "transactions"): ("transactions", "address"),
    ("lofty", "leads"): ("leads", "lastName"),
    ("ovipro", "offices"): ("agencyOffices", "name"),
}


@pytest.fixture(scope="module")
def box() -> Iterator[SandboxThread]:
    with SandboxThread(Sandbox(records=RECORDS, demo=True)) as running:
        yield running


def col(name: str) -> str:
    """dlt's column name for a vendor field (snake_case: ``leadId`` -> ``lead_id``)."""
    from dlt.common.normalizers.naming.snake_case import NamingConvention

    return str(NamingConvention().normalize_identifier(name))


def rows(db: Path, table: str, columns: str = "*") -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        fetched: list[tuple[Any, ...]] = con.execute(f"SELECT {columns} FROM {table}").fetchall()
        return fetched


def run(box: SandboxThread, vendor: str, resources: list[str], db: Path, **kw: Any) -> SyncResult:
    return sync(
        vendor, resources, db=str(db), client_kwargs=box.sandbox.client_kwargs(vendor), **kw
    )


def requests(box: SandboxThread, vendor: str) -> int:
    return box.call(lambda: box.sandbox.stats[vendor].requests)


@pytest.mark.parametrize("vendor,resource", sorted(SANDBOX))
def test_second_run_fetches_only_changed_records(
    box: SandboxThread, tmp_path: Path, vendor: str, resource: str
) -> None:
    db = tmp_path / "re.duckdb"
    coll, field = SANDBOX[vendor, resource]
    key = col(VENDORS[vendor].resources[resource].primary_key)
    table = f"real_estate_{vendor}.{resource}"
    total = box.call(box.sandbox.count, vendor, coll)

    first = run(box, vendor, [resource], db)
    assert first.tables[0].loaded == first.tables[0].new == total
    assert rows(db, table, f"count(*), count(DISTINCT {key})") == [(total, total)]

    changed = box.mutate(vendor, coll, 7)
    before = requests(box, vendor)
    second = run(box, vendor, [resource], db)
    made = requests(box, vendor) - before
    t = second.tables[0]
    # one page of changes (the first run took many): only the changed records came back,
    # plus at most the boundary record dlt already had (the vendor filter is inclusive)
    assert made == t.requests == 1 <= first.tables[0].requests  # Ovipro: one answer each
    assert 7 <= t.fetched <= 8
    assert (t.loaded, t.updated, t.new, t.total) == (7, 7, 0, total)
    assert rows(db, table, f"count(*), count(DISTINCT {key})") == [(total, total)]
    stored = dict(rows(db, table, f"{key}, {col(field)}"))
    for record_id in changed:
        current = box.call(lambda i=record_id: box.sandbox.server(vendor).collections[coll].get(i))
        assert current is not None
        assert stored[record_id] == current[field]
        assert "(rev " in str(current[field])


def test_new_and_updated_counted_and_full_refresh_reloads(
    box: SandboxThread, tmp_path: Path
) -> None:
    db = tmp_path / "re.duckdb"
    run(box, "brokermint", ["transactions"], db)

    async def create() -> list[int]:
        async with BrokermintClient(**box.sandbox.client_kwargs("brokermint")) as bm:
            made = [await bm.transactions.create({"address": f"{i} New St"}) for i in range(2)]
            ids = [m["id"] if isinstance(m, dict) else m.id for m in made]
            assert None not in ids
            return [int(i) for i in ids if i is not None]

    new_ids = asyncio.run(create())
    box.mutate("brokermint", "transactions", 3)
    second = run(box, "brokermint", ["transactions"], db).tables[0]
    assert (second.new, second.updated, second.loaded) == (2, 3, 5)
    total = box.call(box.sandbox.count, "brokermint", "transactions")
    assert second.total == total
    assert {r[0] for r in rows(db, "real_estate_brokermint.transactions", "id")} >= set(new_ids)

    refreshed = run(box, "brokermint", ["transactions"], db, full_refresh=True).tables[0]
    assert refreshed.loaded == refreshed.new == refreshed.total == total
    assert rows(db, "real_estate_brokermint.transactions", "count(*), count(DISTINCT id)") == [
        (total, total)
    ]


def test_vendors_without_update_filter_merge_on_id(box: SandboxThread, tmp_path: Path) -> None:
    db = tmp_path / "re.duckdb"
    first = run(box, "open_to_close", ["agents"], db).tables[0]
    changed = box.mutate("open_to_close", "agents", 2)
    second = run(box, "open_to_close", ["agents"], db).tables[0]
    assert second.loaded == second.updated == first.total and second.new == 0
    stored = dict(rows(db, "real_estate_open_to_close.agents", "id, name"))
    assert all(stored[i].endswith("(rev 2)") for i in changed)
    assert len(stored) == first.total


def test_vendor_failure_is_the_sdk_error(box: SandboxThread, tmp_path: Path) -> None:
    from real_estate_async import AuthenticationError

    kwargs = {**box.sandbox.client_kwargs("brokermint"), "api_key": "wrong-key"}
    with pytest.raises(AuthenticationError):
        sync("brokermint", ["users"], db=str(tmp_path / "x.duckdb"), client_kwargs=kwargs)


def test_bad_destinations_are_one_line_errors(tmp_path: Path) -> None:
    cases = [
        ("mysql", None, "unknown destination"),
        ("duckdb", str(tmp_path / "missing" / "x.duckdb"), "does not exist"),
        ("duckdb", str(tmp_path), "is a directory"),
        ("duckdb", str(tmp_path / "real_estate_brokermint.duckdb"), "named like the dataset"),
        ("postgres", None, "needs --db"),
        ("postgres", "host=localhost password=hunter2", "not a postgresql:// DSN"),
        ("postgres", "postgresql://u:hunter2@127.0.0.1:1/db", "Connection refused"),
        # a raw "@" in the password: all of it hidden, none of it taken for the host
        ("postgres", "postgresql://u:hunter2@tail9secret@127.0.0.1:1/db", "Connection refused"),
    ]
    for destination, db, expected in cases:
        with pytest.raises(DestinationError) as info:
            sync("brokermint", destination=destination, db=db, client_kwargs={"api_key": "k"})
        message = str(info.value)
        assert expected in message and "\n" not in message, message
        assert "hunter2" not in message and "tail9secret" not in message


def test_without_psycopg2_the_hint_names_our_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg2", None)  # import psycopg2 -> ImportError
    with pytest.raises(DestinationError) as info:
        sync("brokermint", destination="postgres", db="postgresql://u:p@127.0.0.1:1/db")
    assert "pip install 'real_estate_async[dlt-postgres]'" in str(info.value)
    assert "dlt[postgres]" not in str(info.value)


def test_a_lone_surrogate_is_escaped_as_the_export_escapes_it(tmp_path: Path) -> None:
    from real_estate_async.export._encode import csv_page

    records = transactions(3)
    records[1]["address"] = "bad \ud800 text"  # a valid JSON escape that UTF-8 cannot hold
    db = tmp_path / "re.duckdb"
    with held_brokermint(records) as server:
        kwargs = {"api_key": "k", "base_url": server.url}
        first = sync("brokermint", ["transactions"], db=str(db), client_kwargs=kwargs)
        again = sync("brokermint", ["transactions"], db=str(db), client_kwargs=kwargs)
    assert first.tables[0].loaded == 3 and again.tables[0].loaded == 0
    # the cursor moved past every record, the odd one included
    assert server.queries[-1]["updated_since"] == str(records[-1]["updated_at"])
    stored = dict(rows(db, "real_estate_brokermint.transactions", "id, address"))
    exported = next(csv.reader(io.StringIO(csv_page([records[1]], ["address", "_extra"]).decode())))
    assert stored == {1: "1 Main St", 2: exported[0], 3: "3 Main St"}
    assert exported[0] == "bad \\ud800 text"


# ------------------------------------------------------------------ PostgreSQL, secrets


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresServer]:
    if SKIP_REASON is not None:
        pytest.skip(SKIP_REASON)
    with postgres_server() as server:
        yield server


def _pg_text(pg: PostgresServer) -> str:
    """Every row of every table in the synced datasets (and dlt's own tables), as text."""
    import psycopg2

    with psycopg2.connect(pg.dsn) as con, con.cursor() as cur:
        cur.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema LIKE 'real_estate_%'"
        )
        parts = []
        for schema, table in cur.fetchall():
            cur.execute(
                f"SELECT coalesce(string_agg(t::text, '\n'), '') FROM \"{schema}\".\"{table}\" t"
            )
            parts.append(cur.fetchone()[0])
    return "\n".join(parts)


@pytest.fixture
def dlt_records(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """dlt's own log at DEBUG (its logger does not propagate, so caplog misses it)."""
    logger = logging.getLogger("dlt")
    records: list[str] = []
    capture = logging.Handler(logging.DEBUG)
    capture.emit = lambda record: records.append(capture.format(record))  # type: ignore[method-assign]
    monkeypatch.setenv("RUNTIME__LOG_LEVEL", "DEBUG")  # if dlt sets its logger up again
    monkeypatch.setattr(logger, "handlers", [capture])
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        yield records
    finally:
        logger.setLevel(level)


def _files_text(root: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in root.rglob("*") if p.is_file())


def test_postgres_for_real_incremental_and_no_secrets(
    box: SandboxThread,
    pg: PostgresServer,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    dlt_records: list[str],
) -> None:
    api_key = box.sandbox.client_kwargs("brokermint")["api_key"]
    work = tmp_path / "pipelines"
    caplog.set_level(logging.DEBUG)
    kwargs: dict[str, Any] = {
        "destination": "postgres",
        "db": pg.dsn,
        "client_kwargs": box.sandbox.client_kwargs("brokermint"),
        "pipelines_dir": work,
    }
    first = sync("brokermint", ["transactions", "users"], **kwargs)
    assert first.location == pg.dsn.replace(pg.password, "***")
    changed = box.mutate("brokermint", "transactions", 4)
    second = sync("brokermint", ["transactions", "users"], **kwargs)
    tx = {t.name: t for t in second.tables}["transactions"]
    assert (tx.loaded, tx.updated, tx.requests) == (4, 4, 1)

    import psycopg2

    with psycopg2.connect(pg.dsn) as con, con.cursor() as cur:
        cur.execute("SELECT count(*), count(DISTINCT id) FROM real_estate_brokermint.transactions")
        total = box.call(box.sandbox.count, "brokermint", "transactions")
        assert cur.fetchone() == (total, total)
        cur.execute(
            "SELECT address FROM real_estate_brokermint.transactions WHERE id = %s", (changed[0],)
        )
        current = box.call(
            lambda: box.sandbox.server("brokermint").collections["transactions"].get(changed[0])
        )
        assert current is not None
        assert cur.fetchone() == (current["address"],) and "(rev " in current["address"]

    # the pipeline dir (state, schemas, trace.pickle, load packages), dlt's logs and the
    # destination's tables (state and loads included) never hold the API key or password
    stored = _files_text(work)
    assert b"trace.pickle" not in stored  # sanity: we read contents, not names
    assert any(p.name == "trace.pickle" for p in work.rglob("*"))
    for secret in (api_key, pg.password):
        assert secret.encode() not in stored
        assert secret not in caplog.text
        assert secret not in "\n".join(dlt_records)
        assert secret not in _pg_text(pg)

    with pytest.raises(DestinationError) as info:
        sync("brokermint", ["users"], **{**kwargs, "db": pg.dsn.replace(pg.password, "wrong-pw")})
    assert "password authentication failed" in str(info.value)
    assert "wrong-pw" not in str(info.value) and "\n" not in str(info.value)
    assert len(dlt_records) > 10  # dlt did log, at DEBUG, and we read it


@pytest.fixture(scope="module")
def pg_other(pg: PostgresServer) -> PostgresServer:
    """A second database on the server, and a role whose password holds @, / and :."""
    import psycopg2

    con = psycopg2.connect(pg.dsn)
    con.autocommit = True
    with con.cursor() as cur:
        cur.execute("CREATE DATABASE other")
        cur.execute("CREATE ROLE odd LOGIN SUPERUSER PASSWORD 'se@cr/et@x:y'")
    con.close()
    return PostgresServer(pg.host, pg.port, "odd", "se@cr/et@x:y", "other")


@pytest.mark.skipif(shutil.which("real-estate-async") is None, reason="console script missing")
def test_one_sync_per_postgres_dataset(
    box: SandboxThread, pg_other: PostgresServer, tmp_path: Path
) -> None:
    pg = pg_other
    with held_brokermint(transactions(5), hold=True) as server:
        env = {**os.environ, "BROKERMINT_API_KEY": "k", "BROKERMINT_BASE_URL": server.url}
        argv = ["real-estate-async", "sync", "brokermint", "transactions",
                "--destination", "postgres", "--db", pg.dsn]  # fmt: skip
        first = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            # an event, not a sleep: the first run asked for its first page, so it holds
            # its lock (taken before anything is fetched) until the page is let through
            while not server.entered.wait(0.05):
                assert first.poll() is None, first.communicate()
            with pytest.raises(DestinationLockedError) as info:
                sync(
                    "brokermint", ["users"], destination="postgres", db=pg.dsn,
                    client_kwargs=box.sandbox.client_kwargs("brokermint"),
                )  # fmt: skip
            # another dataset of the same database is not held up
            other = sync(
                "ovipro", ["offices"], destination="postgres", db=pg.dsn,
                client_kwargs=box.sandbox.client_kwargs("ovipro"),
            )  # fmt: skip
        finally:
            server.release()
            out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    message = str(info.value)
    assert "real_estate_brokermint is being loaded by another sync" in message, message
    # the password (with its "@" and "/") worked, and shows nowhere
    assert other.tables[0].loaded > 0 and other.location == pg.dsn.replace(pg.password, "***")
    for secret in ("se@cr", "cr/et", "et@x:y"):
        assert secret not in message + other.location + out.decode() + err.decode()


def test_duckdb_files_hold_no_secrets(box: SandboxThread, tmp_path: Path) -> None:
    api_key = box.sandbox.client_kwargs("ovipro")["access_token"]
    work = tmp_path / "pipelines"
    db = tmp_path / "re.duckdb"
    run(box, "ovipro", ["offices"], db, pipelines_dir=work)
    assert api_key.encode() not in _files_text(work)
    assert api_key.encode() not in db.read_bytes()
    assert rows(db, "real_estate_ovipro._dlt_pipeline_state", "count(*)")[0][0] >= 1


def test_intermediate_files_are_plain_for_ours_only(box: SandboxThread, tmp_path: Path) -> None:
    import dlt

    work = tmp_path / "pipelines"
    run(box, "brokermint", ["transactions"], tmp_path / "re.duckdb", pipelines_dir=work)
    jobs = [p.name for p in work.rglob("transactions.*") if p.is_file()]
    # the loaded rows are plain JSONL (gzip only spends CPU on a file read on this machine)
    assert any(name.endswith(".jsonl") for name in jobs), jobs
    assert not any(name.endswith(".gz") for name in jobs), jobs
    # a user's own pipeline in the same process keeps dlt's default compression
    other = dlt.pipeline(
        pipeline_name="users_own",
        destination=dlt.destinations.duckdb(str(tmp_path / "own.duckdb")),
        pipelines_dir=str(tmp_path / "own"),
    )
    other.extract([{"id": 1}], table_name="things", loader_file_format="jsonl")
    other.normalize()
    own = [p.name for p in (tmp_path / "own").rglob("things.*") if p.is_file()]
    assert own and all(name.endswith(".gz") for name in own), own


def test_cursor_values_go_back_in_the_vendors_own_terms() -> None:
    import datetime as dt

    from real_estate_async.integrations.dlt._runner import redact_dsn

    lofty = VENDORS["lofty"].resources["leads"].since
    assert lofty is not None
    utc = dt.timezone.utc
    assert lofty("2020-01-02T03:04:05Z") == dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=utc)
    assert lofty(1577934245000) == dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=utc)
    # a wall-clock time without an offset is Lofty's own (UTC-7) format: sent back as is
    assert lofty("2020-01-02 03:04:05") == "2020-01-02 03:04:05"
    bm = VENDORS["brokermint"].resources["transactions"].since
    assert bm is not None and bm(1577934245123) == 1577934245123  # ms, unchanged
    assert redact_dsn("postgresql://u:p%40ss@h:5/db x") == "postgresql://u:***@h:5/db x"
    assert redact_dsn("host=h password='a b' user=u") == "host=h password=*** user=u"
