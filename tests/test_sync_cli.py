"""``real-estate-async sync`` and the demo's DuckDB step: in-process through main(), and a
console-script run killed with SIGKILL then started again."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from real_estate_async import _cli_sync
from real_estate_async.cli import EXIT_OK, EXIT_USAGE, main
from real_estate_async.sandbox import Sandbox, SandboxThread

dlt = pytest.importorskip("dlt", reason="the 'dlt' extra is not installed")
duckdb = pytest.importorskip("duckdb", reason="the 'dlt' extra is not installed")


@pytest.fixture(scope="module")
def box() -> Iterator[SandboxThread]:
    with SandboxThread(Sandbox(records=400, demo=True)) as running:
        yield running


def count(db: Path, table: str) -> tuple[int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        found = con.execute(f"SELECT count(*), count(DISTINCT id) FROM {table}").fetchone()
    assert found is not None
    return int(found[0]), int(found[1])


def summary(out: str, table: str) -> dict[str, int]:
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("table "))
    names = [h.strip() for h in header.split("  ") if h.strip()][1:]
    row = next(line for line in lines if line.split()[0] == table)
    return dict(zip(names, (int(v) for v in row.split()[1:])))


def test_sync_with_environment_credentials_twice(
    box: SandboxThread,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BROKERMINT_API_KEY", box.sandbox.client_kwargs("brokermint")["api_key"])
    monkeypatch.setenv("BROKERMINT_BASE_URL", box.sandbox.url("brokermint"))
    db = tmp_path / "re.duckdb"
    argv = ["sync", "brokermint", "transactions", "--db", str(db)]
    assert main(argv) == EXIT_OK
    first = capsys.readouterr()
    assert summary(first.out, "transactions")["rows loaded"] == 400
    assert "brokermint transactions: 400 rows fetched" in first.err
    assert "dataset real_estate_brokermint" in first.out

    box.mutate("brokermint", "transactions", 3)
    before = box.call(lambda: box.sandbox.stats["brokermint"].requests)
    assert main(argv) == EXIT_OK
    second = summary(capsys.readouterr().out, "transactions")
    assert box.call(lambda: box.sandbox.stats["brokermint"].requests) - before == 1
    assert second == {
        "rows loaded": 3, "new": 0, "updated": 3, "rows in table": 400, "requests": 1,
    }  # fmt: skip
    assert count(db, "real_estate_brokermint.transactions") == (400, 400)


@pytest.mark.parametrize(
    "argv,expected",
    [
        (["sync", "brokermint", "--destination", "sqlite"], "unknown destination 'sqlite'"),
        (["sync", "nosuch"], "unknown provider 'nosuch'"),
        (["sync", "brokermint", "leads", "--sandbox"], "unknown resource 'leads' for brokermint"),
        (
            ["sync", "ovipro", "--sandbox", "--destination", "postgres", "--db",
             "postgresql://loader:hunter2@127.0.0.1:1/db"],
            "postgres: connection to server",
        ),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_and_exit_2(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == EXIT_USAGE
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and expected in err[0], err
    assert "hunter2" not in err[0]


def test_without_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "dlt", None)  # import dlt -> ImportError
    assert main(["sync", "brokermint", "--sandbox"]) == EXIT_USAGE
    assert "sync needs the dlt extra" in capsys.readouterr().err
    _cli_sync.demo_load(tmp_path)
    assert "real_estate_async[dlt]" in capsys.readouterr().out
    assert not (tmp_path / "demo.duckdb").exists()


def test_demo_ends_with_a_duckdb_query(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--records", "60", "--out-dir", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("brokermint transactions by status"))
    counted = sum(int(part.split()[-1]) for part in line.split(": ", 1)[1].split(", "))
    assert counted == 60
    with duckdb.connect(str(tmp_path / "demo.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM real_estate_demo.lofty_leads").fetchone() == (60,)


@pytest.mark.skipif(shutil.which("real-estate-async") is None, reason="console script missing")
def test_sigkill_during_load_then_rerun_leaves_no_duplicates(tmp_path: Path) -> None:
    db = tmp_path / "re.duckdb"
    argv = ["real-estate-async", "sync", "brokermint", "transactions", "contacts",
            "--sandbox", "--records", "2000", "--db", str(db)]  # fmt: skip
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # a killed run's work dir stays in here
    proc = subprocess.Popen(
        argv, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True
    )
    assert proc.stderr is not None
    seen = []
    for line in proc.stderr:  # an event, not a sleep: the first load job has finished
        seen.append(line)
        if "jobs done" in line:
            proc.send_signal(signal.SIGKILL)
            break
    proc.stderr.close()
    assert proc.wait() == -signal.SIGKILL, seen
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    for table in ("transactions", "contacts"):
        assert count(db, f"real_estate_brokermint.{table}") == (2000, 2000)


@pytest.mark.skipif(shutil.which("real-estate-async") is None, reason="console script missing")
def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path) -> None:
    argv = ["real-estate-async", "sync", "brokermint", "--sandbox", "--records", "20000",
            "--db", str(tmp_path / "re.duckdb")]  # fmt: skip
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        argv, stderr=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True
    )
    assert proc.stderr is not None
    for line in proc.stderr:  # interrupt while fetching
        if "rows fetched" in line:
            proc.send_signal(signal.SIGINT)
            break
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().splitlines()[-1] == "interrupted; nothing half-loaded stays: run sync again"
    assert "Traceback" not in err and "asynchronous generator" not in err and out == ""
