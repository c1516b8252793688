"""The export as an operator meets it: the console script against localhost servers.

Each test is one way a run can go wrong (a kill, a damaged file, two runs at once, an
existing file, SIGTERM, an HTML answer, a poison record, a full disk): the file is never
wrong while the exit code says success, and every failure is one line with its exit code.
"""

from __future__ import annotations

import asyncio
import csv
import fcntl
import json
import os
import resource
import shutil
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from real_estate_async.cli import (
    EXIT_API,
    EXIT_IO,
    EXIT_LOCKED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    main,
)
from real_estate_async.export import checkpoint_path_for, load_checkpoint, lock_path_for

Serve = Callable[[web.Application], Awaitable[str]]
SCRIPT = shutil.which("real-estate-async")
COMMAND = [SCRIPT] if SCRIPT else [sys.executable, "-m", "real_estate_async.cli"]


def transaction(i: int) -> dict[str, Any]:
    return {"id": i, "address": f"{i} Main St", "status": "listed", "price": 100_000 + i}


class Brokermint:
    """``GET /transactions``: ``count`` + ``starting_from_id`` over a bare array, the way
    Brokermint pages; ``gate`` can hold a request to stop the client mid-export."""

    def __init__(self, records: list[dict[str, Any]]) -> None:
        self.records = records
        self.requests = 0
        self.hold_after: int | None = None
        self.held = asyncio.Event()
        self._never = asyncio.Event()

    async def handler(self, request: web.Request) -> web.Response:
        self.requests += 1
        if self.hold_after is not None and self.requests > self.hold_after:
            self.held.set()
            await self._never.wait()
        count = int(request.query.get("count", 1000))
        start = int(request.query.get("starting_from_id", 0))
        page = [r for r in self.records if r["id"] >= start][:count]
        return web.json_response(page)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/transactions", self.handler)
        return app


async def cli(
    *args: str, base: str = "http://127.0.0.1:9", limit_bytes: int | None = None
) -> tuple[int, str]:
    """Run the console script; (exit code, stderr)."""
    env = {**os.environ, "BROKERMINT_API_KEY": "k-secret", "BROKERMINT_BASE_URL": base}

    def limit() -> None:  # the shell's ``ulimit -f``: writes past it fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        assert limit_bytes is not None
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    proc = await asyncio.create_subprocess_exec(
        *COMMAND,
        *args,
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
        preexec_fn=limit if limit_bytes is not None else None,
    )
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, err.decode()


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def export_args(out: Path, *extra: str, resource_: str = "transactions") -> list[str]:
    return ["export", "brokermint", resource_, "--out", str(out), *extra]


def ids(path: Path) -> list[int]:
    return [json.loads(line)["id"] for line in path.read_text().splitlines()]


@pytest.fixture
async def bm(serve: Serve) -> tuple[Brokermint, str]:
    server = Brokermint([transaction(i) for i in range(1, 2501)])
    return server, await serve(server.app())


async def test_sigterm_keeps_the_checkpoint_and_resume_is_exact(
    bm: tuple[Brokermint, str], tmp_path: Path
) -> None:
    server, base = bm
    out = tmp_path / "tx.jsonl"
    server.hold_after = 2  # two pages answered, the third hangs until SIGTERM
    proc = await asyncio.create_subprocess_exec(
        *COMMAND,
        *export_args(out),
        env={**os.environ, "BROKERMINT_API_KEY": "k", "BROKERMINT_BASE_URL": base},
        stderr=asyncio.subprocess.PIPE,
    )
    await asyncio.wait_for(server.held.wait(), 30)
    proc.send_signal(signal.SIGTERM)
    _, err = await asyncio.wait_for(proc.communicate(), 30)
    assert proc.returncode == EXIT_TERMINATED
    assert "terminated" in one_line(err.decode()) and "--resume" in err.decode()
    saved = load_checkpoint(out)
    assert saved is not None and saved["records"] == 2000 and not saved["done"]
    server.hold_after = None
    env = {"BROKERMINT_API_KEY": "k", "BROKERMINT_BASE_URL": base}
    code, summary, err2 = await script(*export_args(out, "--resume"), env=env)
    assert code == EXIT_OK, err2
    assert ids(out) == list(range(1, 2501))
    assert "500 this run" in summary  # the rate after a resume counts only this run


async def test_resuming_as_another_export_is_refused_and_touches_nothing(
    bm: tuple[Brokermint, str], tmp_path: Path
) -> None:
    server, base = bm
    out = tmp_path / "tx.jsonl"
    server.hold_after = 1
    proc = await asyncio.create_subprocess_exec(
        *COMMAND,
        *export_args(out),
        env={**os.environ, "BROKERMINT_API_KEY": "k", "BROKERMINT_BASE_URL": base},
        stderr=asyncio.subprocess.DEVNULL,
    )
    await asyncio.wait_for(server.held.wait(), 30)
    proc.send_signal(signal.SIGTERM)  # a stop at a known page (SIGKILL: test_export)
    await proc.wait()
    before = out.read_bytes(), checkpoint_path_for(out).read_bytes()
    assert load_checkpoint(out)["records"] == 1000  # type: ignore[index]
    for other in (
        export_args(out, "--resume", resource_="contacts"),
        export_args(out, "--resume", "--format", "csv"),
        export_args(out, "--resume", "--since", "2024-01-01"),
        ["export", "lofty", "leads", "--out", str(out), "--resume"],
    ):
        code, err = await cli(*other, base=base)
        assert code == EXIT_USAGE, (other, err)
        line = one_line(err)
        assert "holds an export of" in line or "LOFTY" in line, line
        assert (out.read_bytes(), checkpoint_path_for(out).read_bytes()) == before
    # Re-running without --resume says what to do instead of throwing the work away.
    code, err = await cli(*export_args(out), base=base)
    assert code == EXIT_USAGE and "--resume" in one_line(err) and "--overwrite" in err
    assert out.read_bytes() == before[0]


@pytest.mark.parametrize("damage", ["truncate", "drop_line", "overwrite_bytes"])
async def test_a_damaged_output_is_refused_on_resume(
    bm: tuple[Brokermint, str], tmp_path: Path, damage: str
) -> None:
    server, base = bm
    out = tmp_path / "tx.jsonl"
    server.hold_after = 2
    proc = await asyncio.create_subprocess_exec(
        *COMMAND,
        *export_args(out),
        env={**os.environ, "BROKERMINT_API_KEY": "k", "BROKERMINT_BASE_URL": base},
        stderr=asyncio.subprocess.DEVNULL,
    )
    await asyncio.wait_for(server.held.wait(), 30)
    proc.send_signal(signal.SIGTERM)  # a stop at a known page (SIGKILL: test_export)
    await proc.wait()
    data = out.read_bytes()
    assert load_checkpoint(out)["bytes"] == len(data)  # type: ignore[index]
    if damage == "truncate":
        damaged = data[: len(data) // 2]
    elif damage == "drop_line":
        lines = data.splitlines(keepends=True)
        damaged = b"".join(lines[:10] + lines[11:]) + lines[10]  # same length, one line moved
    else:
        damaged = data[:100] + b"\0" * 20 + data[120:]
    out.write_bytes(damaged)
    server.hold_after = None
    code, err = await cli(*export_args(out, "--resume"), base=base)
    assert code == EXIT_USAGE
    assert "--overwrite" in one_line(err)
    assert out.read_bytes() == damaged  # refused, untouched
    code, err = await cli(*export_args(out, "--overwrite"), base=base)
    assert code == EXIT_OK, err
    assert ids(out) == list(range(1, 2501))


async def test_a_second_run_on_the_same_output_is_refused(
    bm: tuple[Brokermint, str], tmp_path: Path
) -> None:
    _, base = bm
    out = tmp_path / "tx.jsonl"
    with open(lock_path_for(out), "w") as held:  # what the first run holds while it runs
        fcntl.flock(held, fcntl.LOCK_EX)
        code, err = await cli(*export_args(out), base=base)
    assert code == EXIT_LOCKED
    assert "another export" in one_line(err)
    assert not out.exists()
    code, err = await cli(*export_args(out), base=base)  # the lock released: it runs
    assert code == EXIT_OK, err


async def test_no_silent_clobbering(bm: tuple[Brokermint, str], tmp_path: Path) -> None:
    _, base = bm
    out = tmp_path / "notes.jsonl"
    out.write_text("my own notes\n")
    code, err = await cli(*export_args(out), base=base)
    assert code == EXIT_USAGE and "--overwrite" in one_line(err)
    code, err = await cli(*export_args(out, "--resume"), base=base)
    assert code == EXIT_USAGE and "no checkpoint" in one_line(err)
    assert out.read_text() == "my own notes\n"
    code, err = await cli(*export_args(out, "--overwrite"), base=base)
    assert code == EXIT_OK, err
    code, err = await cli(*export_args(out), base=base)  # a finished export: refused too
    assert code == EXIT_USAGE and "finished export" in one_line(err)
    code, err = await cli(*export_args(out, "--resume"), base=base)  # done: nothing to do
    assert code == EXIT_OK and ids(out) == list(range(1, 2501))


async def test_html_answer_is_an_error_not_data(serve: Serve, tmp_path: Path) -> None:
    async def login_page(request: web.Request) -> web.Response:
        return web.Response(
            text="<html><body>Please log in</body></html>", content_type="text/html"
        )

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", login_page)
    base = await serve(app)
    out = tmp_path / "tx.jsonl"
    code, err = await cli(*export_args(out), base=base)
    assert code == EXIT_API, err
    assert one_line(err).startswith("error: ")
    assert not out.exists()  # no record was taken from the page, and no empty file left
    code, err = await cli("get", "brokermint", "transactions", "7", base=base)
    assert code == EXIT_API, err
    assert one_line(err).startswith("error: ")
    assert "k-secret" not in err


async def test_a_poison_record_is_escaped_and_the_export_goes_on(
    serve: Serve, tmp_path: Path
) -> None:
    body = '[{"id": 1, "name": "ok"}, {"id": 2, "name": "bad \\ud800 text"}, {"id": 3}]'

    async def handler(request: web.Request) -> web.Response:
        start = int(request.query.get("starting_from_id", 0))
        return web.Response(text=body if start <= 1 else "[]", content_type="application/json")

    app = web.Application()
    app.router.add_get("/transactions", handler)
    base = await serve(app)
    out = tmp_path / "tx.jsonl"
    code, err = await cli(*export_args(out), base=base)
    assert code == EXIT_OK, err
    raw = out.read_bytes()
    assert b"bad \\ud800 text" in raw
    records = [json.loads(line) for line in raw.decode().splitlines()]
    assert [r["id"] for r in records] == [1, 2, 3] and records[1]["name"] == "bad \ud800 text"
    out_csv = tmp_path / "tx.csv"
    code, err = await cli(*export_args(out_csv, "--format", "csv"), base=base)
    assert code == EXIT_OK, err
    with out_csv.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["name"] for r in rows] == ["ok", "bad \\ud800 text", ""]


async def test_disk_full_is_one_line_and_resume_is_exact(
    bm: tuple[Brokermint, str], tmp_path: Path
) -> None:
    _, base = bm
    out = tmp_path / "tx.jsonl"
    code, err = await cli(*export_args(out), base=base, limit_bytes=150_000)
    assert code == EXIT_IO, err
    line = one_line(err)
    assert line.startswith("error: ") and "File too large" in line and "--resume" in line
    saved = load_checkpoint(out)
    assert saved is not None and 0 < saved["records"] < 2500
    code, err = await cli(*export_args(out, "--resume"), base=base)
    assert code == EXIT_OK, err
    assert ids(out) == list(range(1, 2501))


def test_bad_out_and_checkpoints_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In-process main(): the same code path as the script, without a process per case."""
    monkeypatch.setenv("BROKERMINT_API_KEY", "k")
    monkeypatch.setenv("BROKERMINT_BASE_URL", "http://127.0.0.1:9")  # refused before any call
    cases: list[tuple[list[str], str]] = [
        (export_args(tmp_path / "missing" / "tx.jsonl"), "does not exist"),
        (export_args(tmp_path), "is a directory"),
        (export_args(tmp_path / "x.jsonl", "--concurrency", "0"), "from 1 to"),
        (export_args(tmp_path / "x.jsonl", "--concurrency", "500"), "from 1 to"),
        (export_args(tmp_path / "x.jsonl", "--resume", "--overwrite"), "not allowed"),
        (["export", "brokermint"], "required"),
    ]
    orphan = tmp_path / "orphan.jsonl"
    checkpoint_path_for(orphan).write_text("{}")
    cases.append((export_args(orphan, "--resume"), "--overwrite"))
    corrupt = tmp_path / "corrupt.jsonl"
    corrupt.write_text('{"id": 1}\n')
    checkpoint_path_for(corrupt).write_text('{"schema": 2, "bytes": ')
    cases.append((export_args(corrupt, "--resume"), "corrupt"))
    for argv, message in cases:
        code = main(argv)
        err = capsys.readouterr().err
        assert code == EXIT_USAGE, (argv, err)
        assert message in one_line(err), (argv, err)
    assert corrupt.read_text() == '{"id": 1}\n'


async def test_html_answer_to_a_single_answer_listing_is_an_error(
    serve: Serve, tmp_path: Path
) -> None:
    """Ovipro offices come in one answer: the HTML must fail the pipeline, not the pager."""

    async def login_page(request: web.Request) -> web.Response:
        return web.Response(text="<html>Sign in</html>", content_type="text/html")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", login_page)
    base = await serve(app)
    out = tmp_path / "offices.jsonl"
    proc = await asyncio.create_subprocess_exec(
        *COMMAND,
        "export", "ovipro", "offices", "--out", str(out),
        env={**os.environ, "OVIPRO_ACCESS_TOKEN": "t", "OVIPRO_BASE_URL": base},
        stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    _, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode == EXIT_API, err
    assert one_line(err.decode()).startswith("error: ")


async def test_sigkill_mid_export_then_resume_is_exact(
    bm: tuple[Brokermint, str], tmp_path: Path
) -> None:
    server, base = bm
    out = tmp_path / "tx.jsonl"
    server.hold_after = 2
    proc = await asyncio.create_subprocess_exec(
        *COMMAND,
        *export_args(out),
        env={**os.environ, "BROKERMINT_API_KEY": "k", "BROKERMINT_BASE_URL": base},
        stderr=asyncio.subprocess.DEVNULL,
    )
    await asyncio.wait_for(server.held.wait(), 30)
    proc.kill()  # no chance to save anything: whatever the last checkpoint says holds
    await proc.wait()
    saved = load_checkpoint(out)
    assert saved is not None and not saved["done"]  # committed before the first request
    assert saved["records"] in (0, 1000, 2000)
    with out.open("ab") as fh:
        fh.write(b'{"id": 99999, "torn": tr')  # a page torn by the kill
    server.hold_after = None
    code, err = await cli(*export_args(out, "--resume"), base=base)
    assert code == EXIT_OK, err
    assert ids(out) == list(range(1, 2501))


async def script(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    """Run the console script with ``env`` added; (exit code, stdout, stderr)."""
    proc = await asyncio.create_subprocess_exec(
        *COMMAND,
        *args,
        env={**os.environ, **env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), 60)
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def test_a_symlinked_out_meets_the_same_lock_and_checkpoint(
    bm: tuple[Brokermint, str], tmp_path: Path
) -> None:
    server, base = bm
    real = tmp_path / "tx.jsonl"
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    server.hold_after = 1  # one page answered, the second held while the first run owns it
    proc = await asyncio.create_subprocess_exec(
        *COMMAND,
        *export_args(real),
        env={**os.environ, "BROKERMINT_API_KEY": "k", "BROKERMINT_BASE_URL": base},
        stderr=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
    )
    await asyncio.wait_for(server.held.wait(), 30)
    server.hold_after = None  # a second run would be answered in full
    code, err = await cli(*export_args(link, "--overwrite"), base=base)
    assert code == EXIT_LOCKED, err
    assert "another export" in one_line(err)
    proc.send_signal(signal.SIGTERM)
    assert await proc.wait() == EXIT_TERMINATED
    assert load_checkpoint(real)["records"] == 1000  # type: ignore[index]
    # The checkpoint is found through the link, and the resume is exact.
    assert load_checkpoint(link) == load_checkpoint(real)
    code, err = await cli(*export_args(link, "--resume"), base=base)
    assert code == EXIT_OK, err
    assert link.is_symlink() and ids(real) == list(range(1, 2501))
    assert not (tmp_path / "link.jsonl.lock").exists()
    assert not (tmp_path / "link.jsonl.checkpoint.json").exists()


async def test_results_on_stdout_progress_on_stderr(
    bm: tuple[Brokermint, str], tmp_path: Path
) -> None:
    _, base = bm
    env = {"BROKERMINT_API_KEY": "k", "BROKERMINT_BASE_URL": base}
    out = tmp_path / "tx.jsonl"
    code, stdout, stderr = await script(*export_args(out), env=env)
    assert code == EXIT_OK, stderr
    assert stdout.splitlines() == [stdout.strip()]  # the summary, alone
    assert stdout.startswith(f"2500 records in 3 pages -> {out}")
    assert stderr == ""  # no progress into a log or a pipe: only a failure's one line
    # On a terminal the progress shows, on stderr; stdout still holds the summary alone.
    main_fd, tty_fd = os.openpty()
    progress = bytearray()
    loop = asyncio.get_running_loop()
    drained = asyncio.Event()

    def drain() -> None:  # read as it comes: a full pty buffer would block the script
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # EIO: the script exited and closed its end
            chunk = b""
        progress.extend(chunk)
        if not chunk:
            loop.remove_reader(main_fd)
            drained.set()

    loop.add_reader(main_fd, drain)
    try:
        proc = await asyncio.create_subprocess_exec(
            *COMMAND, *export_args(out, "--overwrite"), env={**os.environ, **env},
            stdout=asyncio.subprocess.PIPE, stderr=tty_fd,
        )  # fmt: skip
        os.close(tty_fd)
        stdout_bytes, _ = await asyncio.wait_for(proc.communicate(), 60)
        await asyncio.wait_for(drained.wait(), 30)
    finally:
        loop.remove_reader(main_fd)
        os.close(main_fd)
    assert proc.returncode == EXIT_OK, progress
    assert stdout_bytes.decode().startswith(f"2500 records in 3 pages -> {out}")
    assert b"brokermint transactions" in progress and b"rec/s" in progress
    code, stdout, stderr = await script("get", "open_to_close", "agents", "3", "--sandbox", env={})
    assert code == EXIT_OK, stderr
    assert json.loads(stdout)["id"] == 3 and not stderr


async def test_a_run_that_committed_nothing_leaves_nothing(serve: Serve, tmp_path: Path) -> None:
    records = [transaction(i) for i in range(1, 1501)]
    held, never = asyncio.Event(), asyncio.Event()
    hold = False

    async def handler(request: web.Request) -> web.Response:
        if request.query.get("api_key") != "right":
            return web.json_response({"error": "Invalid API key"}, status=401)
        if hold:
            held.set()
            await never.wait()
        start = int(request.query.get("starting_from_id", 0))
        return web.json_response([r for r in records if r["id"] >= start][:1000])

    app = web.Application()
    app.router.add_get("/transactions", handler)
    base = await serve(app)
    out = tmp_path / "tx.jsonl"
    env = {"BROKERMINT_API_KEY": "wrong", "BROKERMINT_BASE_URL": base}
    code, _, err = await script(*export_args(out), env=env)
    assert code == EXIT_API, err
    assert "--resume" not in one_line(err)
    assert not out.exists() and not checkpoint_path_for(out).exists()
    env["BROKERMINT_API_KEY"] = "right"  # corrected: the rerun needs no --resume
    code, _, err = await script(*export_args(out), env=env)
    assert code == EXIT_OK, err
    assert ids(out) == list(range(1, 1501))
    # A run killed before its first page leaves a checkpoint that committed no byte: it
    # promises nothing, so a plain rerun starts over instead of asking for --resume.
    hold = True
    proc = await asyncio.create_subprocess_exec(
        *COMMAND, *export_args(out, "--overwrite"), env={**os.environ, **env},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    await asyncio.wait_for(held.wait(), 30)
    proc.kill()
    await proc.wait()
    assert load_checkpoint(out)["bytes"] == 0  # type: ignore[index]
    hold = False
    code, _, err = await script(*export_args(out), env=env)
    assert code == EXIT_OK, err
    assert ids(out) == list(range(1, 1501))


async def test_concurrency_reaches_an_offset_listing_with_a_total(
    serve: Serve, tmp_path: Path
) -> None:
    """``lofty members`` pages by offset with ``_metadata.total``: with ``--concurrency 3``
    the server sees three page requests in flight at once, and never more."""
    total, concurrency = 1000, 3
    in_flight = most = 0
    together = asyncio.Event()
    gave_up = False

    async def members(request: web.Request) -> web.Response:
        nonlocal in_flight, most, gave_up
        in_flight += 1
        most = max(most, in_flight)
        try:
            if in_flight >= concurrency:
                together.set()
            offset, limit = int(request.query["offset"]), int(request.query["limit"])
            if offset and not gave_up:
                # Pages after the first are held until `concurrency` requests are in flight
                # together, which only a client fetching ahead reaches; the timeout only
                # ends a failing run (once).
                try:
                    await asyncio.wait_for(together.wait(), 30)
                except asyncio.TimeoutError:
                    gave_up = True
            page = [{"id": i, "account": f"m{i}@example.com"} for i in range(total)]
            return web.json_response(
                {
                    "_metadata": {"offset": offset, "limit": limit, "total": total},
                    "members": page[offset : offset + limit],
                }
            )
        finally:
            in_flight -= 1

    app = web.Application()
    app.router.add_get("/members", members)
    base = await serve(app)
    out = tmp_path / "members.jsonl"
    env = {"LOFTY_API_KEY": "k", "LOFTY_VENDOR_KEY": "vk", "LOFTY_BASE_URL": base}
    args = ["export", "lofty", "members", "--out", str(out), "--concurrency", str(concurrency)]
    code, _, err = await script(*args, env=env)
    assert code == EXIT_OK, err
    assert ids(out) == list(range(total))  # in order, each once
    assert most == concurrency
