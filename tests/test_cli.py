"""The real-estate-async command: in-process via main() and as a real console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from real_estate_async.cli import EXIT_OK, EXIT_USAGE, main, parse_since


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_demo_exports_four_vendors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--records", "250", "--out-dir", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    files = sorted(p.name for p in tmp_path.glob("*.jsonl"))
    assert files == [
        "brokermint_transactions.jsonl",
        "lofty_leads.jsonl",
        "open_to_close_agents.jsonl",
        "ovipro_offices.jsonl",
    ]
    for name in ("lofty_leads", "brokermint_transactions", "open_to_close_agents"):
        records = lines(tmp_path / f"{name}.jsonl")
        ids = [json.dumps(r, sort_keys=True) for r in records]
        assert len(records) == 250 and len(set(ids)) == 250, name
    assert lines(tmp_path / "ovipro_offices.jsonl")
    assert "records" in out and "429s" in out and "lofty leads" in out


def test_export_with_resume_against_the_sandbox(tmp_path: Path) -> None:
    out = tmp_path / "tx.csv"
    args = [
        "export",
        "brokermint",
        "transactions",
        "--sandbox",
        "--records",
        "120",
        "--out",
        str(out),
        "--format",
        "csv",
    ]
    assert main(args) == EXIT_OK
    first = out.read_text()
    assert len(first.splitlines()) == 121  # header + rows
    assert main([*args, "--resume"]) == EXIT_OK  # finished: nothing more, nothing repeated
    assert out.read_text() == first


def test_get_prints_one_record(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["get", "open_to_close", "agents", "3", "--sandbox"]) == EXIT_OK
    record = json.loads(capsys.readouterr().out)
    assert record["id"] == 3


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "zillow", "leads", "--out", "x"], "unknown provider"),
        (["export", "lofty", "houses", "--out", "x"], "unknown resource"),
        (
            ["export", "brokermint", "transactions", "--out", "x", "--since", "yesterday"],
            "not a date",
        ),
        (["export", "lofty", "notes", "--out", "x", "--since", "2024-01-01"], "not supported"),
        (["export", "brokermint", "transactions", "--out", "x"], "BROKERMINT_API_KEY"),
        (["get", "lofty", "leads", "abc", "--sandbox"], "integer"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("BROKERMINT_API_KEY", raising=False)
    assert main(argv) == EXIT_USAGE
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_parse_since() -> None:
    assert parse_since("2024-01-02") is not None
    assert parse_since("2024-01-02T03:04:05Z").tzinfo is not None  # type: ignore[union-attr]
    assert parse_since(None) is None


def test_console_script_runs_export_in_a_subprocess(tmp_path: Path) -> None:
    script = shutil.which("real-estate-async")
    command = [script] if script else [sys.executable, "-m", "real_estate_async.cli"]
    out = tmp_path / "leads.jsonl"
    done = subprocess.run(
        [*command, "export", "lofty", "leads", "--sandbox", "--records", "150", "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert done.returncode == 0, done.stderr
    assert len(lines(out)) == 150
    version = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and "real-estate-async" in version.stdout
