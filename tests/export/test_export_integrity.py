"""Export details that decide whether a file can be trusted: encoders, CSV cells, headers,
identity, locking, rates (library level, in-process; the console-script side is in
test_cli_export.py)."""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import itertools
import json
from collections.abc import Mapping
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from real_estate_async.cli import EXIT_OK, main
from real_estate_async.export import (
    CheckpointMismatchError,
    ExportLockedError,
    ExportResult,
    OutputExistsError,
    _encode,
    export,
    load_checkpoint,
    neutralise,
)
from real_estate_async.pagination import AsyncPager, SinglePage


def fixed(items: list[Any]) -> Any:
    """A pager factory over one page of ``items``."""

    def make(state: Mapping[str, Any] | None) -> AsyncPager[Any]:
        async def fetch(_: Mapping[str, Any]) -> Any:
            return items

        return AsyncPager(fetch, SinglePage(), resume_from=state)

    return make


RECORDS: list[dict[str, Any]] = [
    {"id": 1, "name": "Zoë", "tags": ["a", "b"], "nested": {"x": None, "y": [1.5, True]}},
    {"id": 2, "when": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)},
    {"id": 3, "text": "lone \ud800 surrogate", "emoji": "\U0001f600"},
    {"id": 4, "big": 2**70, "float": 0.1},
]


def test_orjson_and_stdlib_write_the_same_values() -> None:
    if _encode._orjson is None:
        pytest.skip("orjson is not installed")
    fast = _encode.jsonl_page(RECORDS)
    slow = b"".join(_encode._stdlib_line(r) for r in RECORDS)
    assert [json.loads(x) for x in fast.splitlines()] == [json.loads(x) for x in slow.splitlines()]
    assert json.loads(fast.splitlines()[1])["when"] == "2024-01-02T03:04:05+00:00"
    assert fast.splitlines()[0] == slow.splitlines()[0]  # ordinary records: the same bytes
    assert b"lone \\ud800 surrogate" in fast
    assert json.loads(fast.splitlines()[2])["text"] == "lone \ud800 surrogate"


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+cmd|x", "'+1+cmd|x"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1", "'\t=1"),
        ("-5", "-5"),  # a plain number is data
        ("+15551234567", "+15551234567"),
        ("a=b", "a=b"),
    ],
)
def test_csv_formula_cells_are_neutralised(cell: str, written: str) -> None:
    assert neutralise(cell) == written


async def test_csv_formulas_in_a_file_and_the_opt_out(tmp_path: Path) -> None:
    items = [{"id": 1, "name": '=HYPERLINK("http://x")', "n": -3}]
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    await export(fixed(items), safe, format="csv")
    await export(fixed(items), raw, format="csv", allow_formulas=True)
    with safe.open() as a, raw.open() as b:
        assert next(csv.DictReader(a))["name"] == '\'=HYPERLINK("http://x")'
        row = next(csv.DictReader(b))
    assert row["name"] == '=HYPERLINK("http://x")' and row["n"] == "-3"
    # The option is part of what the export is: resuming with another is refused.
    with pytest.raises(CheckpointMismatchError):
        await export(fixed(items), safe, format="csv", allow_formulas=True, resume=True)


async def test_csv_without_rows_still_has_its_header(tmp_path: Path) -> None:
    out = tmp_path / "none.csv"
    await export(fixed([]), out, format="csv", header=["id", "name"])
    assert out.read_bytes() == b"id,name,_extra\r\n"


def test_cli_csv_without_rows_has_the_model_header(tmp_path: Path) -> None:
    agents = tmp_path / "agents.csv"
    argv = ["export", "open_to_close", "agents", "--sandbox", "--records", "0"]
    assert main([*argv, "--format", "csv", "--out", str(agents)]) == EXIT_OK
    header = agents.read_text().splitlines()
    assert len(header) == 1 and header[0].startswith("id,") and header[0].endswith(",_extra")


async def test_identity_is_checked_and_nothing_is_clobbered(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    ident = {"provider": "toy", "resource": "items", "since": None}
    await export(fixed([{"id": 1}]), out, identity=ident)
    saved = load_checkpoint(out)
    assert saved is not None and saved["identity"] == {**ident, "format": "jsonl"}
    with pytest.raises(OutputExistsError, match="--overwrite"):
        await export(fixed([{"id": 2}]), out, identity=ident)
    with pytest.raises(CheckpointMismatchError, match="resource=items"):
        await export(fixed([]), out, identity={**ident, "resource": "other"}, resume=True)
    again = await export(fixed([{"id": 2}]), out, identity=ident, overwrite=True)
    assert again.records == 1 and out.read_text() == '{"id":2}\n'
    with pytest.raises(ValueError):
        await export(fixed([]), out, resume=True, overwrite=True)


async def test_overwrite_keeps_no_byte_of_a_longer_old_file(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    await export(fixed([{"id": i, "pad": "x" * 100} for i in range(500)]), out)
    result = await export(fixed([{"id": 2}]), out, overwrite=True)
    assert result.records == 1 and out.read_bytes() == b'{"id":2}\n'
    saved = load_checkpoint(out)
    assert saved is not None and saved["done"] and saved["bytes"] == len(b'{"id":2}\n')


@pytest.mark.parametrize("resume", [False, True])
async def test_killed_before_the_old_bytes_were_cut_reruns_exactly(
    tmp_path: Path, resume: bool
) -> None:
    """What a kill between the first checkpoint (no byte committed) and the cut leaves:
    the old content under a checkpoint of 0 bytes. A plain rerun starts over, a resume
    cuts the old bytes first; either way the file ends exactly as a fresh export."""
    out = tmp_path / "out.jsonl"
    await export(fixed([{"id": i, "pad": "x" * 100} for i in range(500)]), out)
    cp = out.with_name(out.name + ".checkpoint.json")
    saved = json.loads(cp.read_text())
    saved.update(bytes=0, crc32=0, records=0, pages=0, done=False, state=None)
    cp.write_text(json.dumps(saved))
    result = await export(fixed([{"id": 2}]), out, resume=resume)
    assert result.records == 1 and out.read_bytes() == b'{"id":2}\n'


async def test_old_bytes_that_cannot_be_cut_fail_the_export_and_leave_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old content is cut by the writer after the first checkpoint (0 bytes committed):
    if that fails, no page may land over it and the run leaves no partial export."""
    from real_estate_async.export import _sink

    out = tmp_path / "out.jsonl"
    out.write_bytes(b"old content\n" * 1000)

    def refuse(fd: int, size: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(_sink.os, "ftruncate", refuse)
    with pytest.raises(OSError, match="Input/output"):
        await export(fixed([{"id": i} for i in range(50)]), out, overwrite=True)
    assert not out.exists() and load_checkpoint(out) is None


async def test_writeback_is_asked_for_every_byte_and_refused_advice_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from real_estate_async.export import _run, _sink

    monkeypatch.setattr(_run, "_FLUSH_BYTES", 1)  # one hand-off per page
    asked: list[tuple[int, int]] = []

    def refuse(fd: int, offset: int, length: int, advice: int) -> None:
        asked.append((offset, length))
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(_sink, "_fadvise", refuse)
    pages = [[{"id": i} for i in range(p * 10, p * 10 + 10)] for p in range(3)]

    class Pager:  # three pages, so three hand-offs
        total = None
        state: dict[str, int] = {}

        async def pages(self) -> Any:
            for n, items in enumerate(pages):
                yield SimpleNamespace(raw={}, items=items, state={"page": n + 1})

    pager: Any = lambda state: Pager()  # noqa: E731 - duck-typed factory
    result = await export(pager, tmp_path / "out.jsonl")
    data = (tmp_path / "out.jsonl").read_bytes()
    assert result.records == 30 and data == b"".join(map(_encode.jsonl_page, pages))
    assert len(asked) == 3 and asked[0][0] == 0  # contiguous ranges covering the whole file
    assert all(a + n == b for (a, n), (b, _) in itertools.pairwise(asked))
    assert asked[-1][0] + asked[-1][1] == len(data)


async def test_two_exports_on_one_output_one_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    release = asyncio.Event()
    started = asyncio.Event()

    def slow(state: Mapping[str, Any] | None) -> AsyncPager[Any]:
        async def fetch(_: Mapping[str, Any]) -> Any:
            started.set()
            await release.wait()
            return [{"id": 1}]

        return AsyncPager(fetch, SinglePage(), resume_from=state)

    first = asyncio.ensure_future(export(slow, out))
    await started.wait()
    with pytest.raises(ExportLockedError, match="another export"):
        await export(fixed([{"id": 9}]), out, overwrite=True)
    release.set()
    assert (await first).records == 1
    assert out.read_text() == '{"id":1}\n'


def test_rate_counts_only_this_run() -> None:
    result = ExportResult(path=Path("x"), records=1500, resumed_records=1000, elapsed=2.0)
    assert result.rate == 250.0


def test_since_for_lofty_leads_uses_the_update_time_listing(tmp_path: Path) -> None:
    from real_estate_async.sandbox._data import updated_ms

    since = dt.datetime.fromtimestamp(updated_ms(100) / 1000, tz=dt.timezone.utc)
    out = tmp_path / "leads.jsonl"
    argv = ["export", "lofty", "leads", "--sandbox", "--records", "300", "--out", str(out)]
    assert main([*argv, "--since", since.isoformat()]) == EXIT_OK
    ids = [json.loads(line)["leadId"] for line in out.read_text().splitlines()]
    assert len(ids) == 200 and len(set(ids)) == 200


def test_docs_list_every_resource_the_cli_exports() -> None:
    from real_estate_async._registry import PROVIDERS

    doc = (Path(__file__).parents[2] / "docs" / "EXPORT.md").read_text()
    for entry in PROVIDERS.values():
        for name, res in entry.resources.items():
            since = "yes" if res.since else "no"
            assert f"| {entry.name} | {name} | {since} |" in doc, (entry.name, name)
