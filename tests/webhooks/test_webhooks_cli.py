"""``real-estate-async webhooks``: subscribe and list against the sandbox, and a receiver
process (``webhooks serve`` with a real Redis) SIGKILLed after acknowledging a batch loses
nothing: its successor processes the stored batch."""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path
from typing import Any

import duckdb
import pytest
import redis
from _fleet import REDIS, cli, free_port, redis_server, wait_until

from real_estate_async.cli import main
from real_estate_async.sandbox import SandboxThread

PREFIX = "real_estate_async:webhooks"


def deliveries(lofty_box: SandboxThread) -> Any:
    return lofty_box.sandbox.server("lofty").webhooks  # type: ignore[attr-defined]


def test_subscribe_and_list(
    lofty_box: SandboxThread, lofty_env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    base = "https://crm.example.com"
    argv = ["webhooks", "subscribe", "--url", base, "--events", "lead,pipeline", "--limit", "500"]
    assert main(argv) == 0
    first = capsys.readouterr().out
    assert "0 kept, 2 created, 0 deleted" in first
    assert main(argv) == 0
    assert "2 kept, 0 created, 0 deleted" in capsys.readouterr().out
    assert main(["webhooks", "subscribe", "--url", base, "--events", "lead"]) == 0
    out = capsys.readouterr().out  # limit 500 -> 100 for lead: replaced; pipeline dropped
    assert "1 created, 2 deleted" in out
    assert main(["webhooks", "list"]) == 0
    listed = capsys.readouterr().out
    assert "listId=2 (lead)" in listed and "https://crm.example.com/webhooks/lofty/***" in listed
    subs = lofty_box.call(lambda: list(deliveries(lofty_box).subscriptions.values()))
    token = lofty_env["LOFTY_WEBHOOK_TOKEN"]
    assert [s["callbackUrl"] for s in subs] == [f"{base}/webhooks/lofty/{token}"]
    assert token not in first + out + listed
    assert main(["webhooks", "subscribe", "--url", base, "--events", "nope"]) == 2


def test_serve_needs_a_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LOFTY_WEBHOOK_TOKEN", "short")
    assert main(["webhooks", "serve", "--port", "0"]) == 2
    assert "LOFTY_WEBHOOK_TOKEN" in capsys.readouterr().err


def _serve(lofty_env: dict[str, str], port: int, redis_url: str, db: Path, window: str,
           log: Path) -> subprocess.Popen[bytes]:  # fmt: skip
    out = log.open("ab")
    proc = subprocess.Popen(
        cli("webhooks", "serve", "--port", str(port), "--redis", redis_url, "--db", str(db),
            "--window", window),
        env=lofty_env, stdout=out, stderr=subprocess.STDOUT,
    )  # fmt: skip
    out.close()
    wait_until(lambda: b"listening on" in log.read_bytes() or proc.poll() is not None, "serve")
    assert proc.poll() is None, log.read_text()
    return proc


@pytest.mark.skipif(REDIS is None, reason="redis-server binary not found on PATH")
def test_receiver_killed_after_ack_loses_nothing(
    lofty_box: SandboxThread, lofty_env: dict[str, str], tmp_path: Path
) -> None:
    port = free_port()
    db = tmp_path / "live.duckdb"
    log = tmp_path / "serve.log"
    with redis_server(tmp_path) as redis_url:
        r = redis.Redis.from_url(redis_url)
        # a long gathering window: the batch is taken (moved to "processing") and the
        # process is still waiting for more when it is killed
        first = _serve(lofty_env, port, redis_url, db, "600", log)
        try:
            assert main(["webhooks", "subscribe", "--url", f"http://127.0.0.1:{port}",
                         "--events", "lead", "--limit", "1000"]) == 0  # fmt: skip
            ids = lofty_box.mutate("lofty", "leads", 40)
            wait_until(
                lambda: lofty_box.call(lambda: deliveries(lofty_box).stats.batches) == 1, "delivery"
            )
            assert lofty_box.call(lambda: list(deliveries(lofty_box).stats.statuses)) == [200]
            wait_until(lambda: r.llen(f"{PREFIX}:processing") == 1, "the batch taken")
        finally:
            first.send_signal(signal.SIGKILL)
            first.wait()
        assert not db.exists() or _rows(db) == {}, "nothing was processed before the kill"
        second = _serve(lofty_env, port, redis_url, db, "0.05", log)
        try:
            wait_until(lambda: len(r.keys(f"{PREFIX}:done:*")) == 40, "processing on restart")
            wait_until(
                lambda: r.llen(f"{PREFIX}:processing") + r.llen(f"{PREFIX}:incoming") == 0,
                "the batch acknowledged",
            )
        finally:
            second.send_signal(signal.SIGTERM)
            assert second.wait(timeout=60) is not None
        r.close()
    rows = _rows(db)
    assert set(rows) == {str(i) for i in ids}
    assert all("(rev 2)" in json.loads(data)["lastName"] for data, _ in rows.values())
    assert all(deleted is None for _, deleted in rows.values())
    text = log.read_text()
    assert "recovered" in text and lofty_env["LOFTY_WEBHOOK_TOKEN"] not in text


def _rows(db: Path) -> dict[str, tuple[Any, Any]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {t[0] for t in con.execute("SHOW TABLES").fetchall()}
        if "lofty_leads" not in tables:
            return {}
        found = con.execute("SELECT id, data, _deleted_at FROM lofty_leads").fetchall()
    finally:
        con.close()
    assert len(found) == len({f[0] for f in found}), "one row per lead"
    return {f[0]: (f[1], f[2]) for f in found}


@pytest.mark.parametrize(
    "db,expected",
    [
        ("{tmp}/no/such/dir/x.duckdb", "error: duckdb: "),
        ("mysql://u:hunter2secret@127.0.0.1/db", "a DuckDB file or a postgresql:// DSN"),
    ],
)
def test_serve_with_an_unusable_db_is_one_line(
    db: str, expected: str, lofty_env: dict[str, str], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    assert main(["webhooks", "serve", "--port", "0", "--db", db.format(tmp=tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and expected in err[0], err
    assert "hunter2secret" not in err[0]
