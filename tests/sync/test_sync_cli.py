"""``real-estate-async sync`` and the demo's DuckDB step: in-process through main(), and
console-script runs killed (SIGKILL, Ctrl-C, SIGTERM), run twice at once, or out of disk."""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from _held import held_brokermint, transactions

from real_estate_async import _cli_sync
from real_estate_async.cli import EXIT_IO, EXIT_LOCKED, EXIT_OK, EXIT_USAGE, main
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


CONSOLE = pytest.mark.skipif(
    shutil.which("real-estate-async") is None, reason="console script missing"
)


def work_dirs(root: Path) -> list[Path]:
    """The sync's temporary working directories (dlt's load packages of vendor records)."""
    return sorted(root.glob("real-estate-dlt-*"))


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    return int(done.stdout)


def test_demo_leaves_no_directory_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    stale = tmp_path / f"real-estate-async-demo-{dead_pid()}-x1"  # a killed demo's files
    stale.mkdir()
    (stale / "lofty_leads.jsonl").write_text("{}\n")
    assert main(["demo", "--records", "20"]) == EXIT_OK
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    captured = capsys.readouterr()
    assert "brokermint transactions by status" in captured.out
    assert "pass --out-dir DIR to keep the files" in captured.err


@CONSOLE
def test_a_second_sync_on_one_duckdb_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "data" / "re.duckdb"
    db.parent.mkdir()
    (tmp_path / "link").symlink_to(db.parent)  # the same file by another path
    with held_brokermint(transactions(5), hold=True) as server:
        env = {**os.environ, "BROKERMINT_API_KEY": "k", "BROKERMINT_BASE_URL": server.url}
        argv = ["sync", "brokermint", "transactions", "--db"]
        first = subprocess.Popen(
            ["real-estate-async", *argv, str(db)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        try:
            # an event, not a sleep: the first run asked for its first page, so it holds
            # its lock (taken before anything is fetched) until the page is let through
            while not server.entered.wait(0.05):
                assert first.poll() is None, first.communicate()
            monkeypatch.setenv("BROKERMINT_API_KEY", "k")
            monkeypatch.setenv("BROKERMINT_BASE_URL", server.url)
            assert main([*argv, str(tmp_path / "link" / "re.duckdb")]) == EXIT_LOCKED
        finally:
            server.release()
            out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    assert summary(out, "transactions")["new"] == 5
    line = capsys.readouterr().err.strip()
    assert "\n" not in line and line.startswith("error: duckdb: "), line
    assert "is being loaded by another sync" in line and f"{db.resolve()}.lock" in line
    assert count(db, "real_estate_brokermint.transactions") == (5, 5)


@CONSOLE
def test_a_duckdb_file_open_in_another_program_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "re.duckdb"
    with duckdb.connect(str(db)):  # holds DuckDB's own lock on the file
        done = subprocess.run(
            ["real-estate-async", "sync", "ovipro", "--sandbox", "--records", "20",
             "--db", str(db)],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert done.returncode == EXIT_LOCKED, done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith(f"error: duckdb: {db} is in use by another program (")
    assert "credentials" not in done.stderr and "internet" not in done.stderr


@CONSOLE
@pytest.mark.parametrize(
    "debug,records,where",
    [
        # 300 records: dlt's working files fit in the limit, the database file does not
        (False, 300, "duckdb: "),
        (True, 300, "duckdb: "),
        # 3000: the plain JSONL working files (in TMPDIR) hit it first; named as such
        (False, 3000, "{tmp}"),
    ],
)
def test_disk_full_is_one_line_without_dlts_log(
    tmp_path: Path, debug: bool, records: int, where: str
) -> None:
    def limit() -> None:  # the shell's ``ulimit -f``: writes past it fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))

    done = subprocess.run(
        ["real-estate-async", "sync", "brokermint", "--sandbox", "--records", str(records),
         "--db", str(tmp_path / "re.duckdb"), *(["-v"] if debug else [])],
        capture_output=True, text=True, timeout=300, preexec_fn=limit,
        env={**os.environ, "TMPDIR": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == EXIT_IO, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("error: " + where.format(tmp=tmp_path)), lines[-1]
    assert "File too large" in lines[-1]
    assert work_dirs(tmp_path) == []
    if debug:  # dlt's log and the full traceback, on request
        assert "Traceback" in done.stderr and "|dlt|" in done.stderr
        return
    progress = ("brokermint ", "loading")
    assert [x for x in lines[:-1] if not x.startswith(progress)] == [], done.stderr


@CONSOLE
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
    left = work_dirs(tmp_path)  # a killed run cannot clean up: its load package stays
    assert [p.name.split("-")[3] for p in left] == [str(proc.pid)]
    assert any(p.is_file() for p in left[0].rglob("*"))
    done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    for table in ("transactions", "contacts"):
        assert count(db, f"real_estate_brokermint.{table}") == (2000, 2000)
    assert work_dirs(tmp_path) == []  # the next run removed the dead run's directory


@CONSOLE
@pytest.mark.parametrize(
    "signum,code,word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
)
def test_ctrl_c_and_sigterm_are_one_line(
    tmp_path: Path, signum: signal.Signals, code: int, word: str
) -> None:
    argv = ["real-estate-async", "sync", "brokermint", "--sandbox", "--records", "20000",
            "--db", str(tmp_path / "re.duckdb")]  # fmt: skip
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc = subprocess.Popen(
        argv, stderr=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True
    )
    assert proc.stderr is not None
    for line in proc.stderr:  # interrupt while fetching
        if "rows fetched" in line:
            proc.send_signal(signum)
            break
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err
    assert err.strip().splitlines()[-1] == f"{word}; nothing half-loaded stays: run sync again"
    assert "Traceback" not in err and "asynchronous generator" not in err and out == ""
    assert work_dirs(tmp_path) == []
