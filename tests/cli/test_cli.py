"""The real-estate-async command: in-process via main() and as a real console script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from real_estate_async import ConfigurationError
from real_estate_async.cli import EXIT_OK, EXIT_USAGE, main, parse_since
from real_estate_async.providers.brokermint import BrokermintClient


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_demo_exports_four_vendors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--records", "250", "--out-dir", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "rec/s" not in out  # results only on stdout (progress: stderr, on a terminal)
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


def _script(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    script = shutil.which("real-estate-async")
    command = [script] if script else [sys.executable, "-m", "real_estate_async.cli"]
    return subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_output_directories_must_exist_for_demo_as_for_export(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "dir"
    done = _script("demo", "--records", "10", "--out-dir", str(missing))
    assert done.returncode == EXIT_USAGE, done.stderr
    assert "does not exist" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "no").exists()  # nothing created
    done = _script("export", "lofty", "leads", "--sandbox", "--out", str(missing / "x.jsonl"))
    assert done.returncode == EXIT_USAGE and "does not exist" in done.stderr
    a_file = tmp_path / "file"
    a_file.write_text("")
    done = _script("demo", "--records", "10", "--out-dir", str(a_file))
    assert done.returncode == EXIT_USAGE and "not a directory" in done.stderr


def test_a_base_url_without_scheme_is_a_configuration_error(tmp_path: Path) -> None:
    out = tmp_path / "tx.jsonl"
    env = {"BROKERMINT_API_KEY": "k-secret", "BROKERMINT_BASE_URL": "127.0.0.1:9/api"}
    for argv in (
        ["export", "brokermint", "transactions", "--out", str(out)],
        ["get", "brokermint", "transactions", "7"],
    ):
        done = _script(*argv, env=env)
        assert done.returncode == EXIT_USAGE, done.stderr
        line = done.stderr.strip()
        assert len(line.splitlines()) == 1 and "Traceback" not in line
        assert "BROKERMINT_BASE_URL" in line and "http" in line and "k-secret" not in line
    assert not out.exists() and not list(tmp_path.iterdir())  # refused before touching it
    # The SDK raises it from the client itself, without a password in the message.
    with pytest.raises(ConfigurationError, match="base_url") as caught:
        BrokermintClient("k", base_url="user:hunter2@example.com/api")
    assert "hunter2" not in str(caught.value)
    client = BrokermintClient("k", base_url="https://example.com/api/")
    assert client.base_url == "https://example.com/api"
    with pytest.raises(ConfigurationError):
        client.with_options(base_url="ftp://example.com")
