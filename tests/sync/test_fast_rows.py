"""The normalizer's fast path writes what dlt's own per-row path writes: the same rows in
the same order, the same schema (column types, order, variants, null-only columns), on
rows chosen to leave the fast path in every way dlt's typing can differ."""

from __future__ import annotations

import contextlib
import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dlt", reason="the 'dlt' extra is not installed")
pytest.importorskip("duckdb", reason="the 'dlt' extra is not installed")

import dlt
from dlt.normalize.items_normalizers.jsonl import JsonLItemsNormalizer

from real_estate_async.integrations.dlt._normalize import _install, fast_rows


def _pages() -> list[list[dict[str, Any]]]:
    pages: list[list[dict[str, Any]]] = []
    for p in range(6):
        page = []
        for i in range(p * 50, p * 50 + 50):
            row: dict[str, Any] = {
                "id": i,
                "name": f"n{i}",
                "price": i * 10,
                "ratio": i / 7,
                "active": i % 2 == 0,
                "tags": ["a", {"b": i}],  # a list: a JSON column at nesting 0
                "owner": {"id": i, "type": "User"},  # a dict: a JSON column too
                "closedAt": None if i < 120 else i,  # None first, a camelCase name
                "note": None,  # only ever None: no column
            }
            if i >= 60:
                row["late"] = "added later"  # a new column mid-stream
            if i == 75:
                row["price"] = "n/a"  # a text variant of a bigint column
            if i == 80:
                row["price"] = 12.5  # a double variant
            if i == 81:
                row["price"] = 13.0  # a double dlt turns into a bigint (not passed through)
            if i == 90:
                row = {"name": row.pop("name"), **row}  # the same keys in another order
            if 100 <= i < 200:
                # detected as a timestamp column: dlt parses each string and normalizes
                # its time zone; one it cannot parse goes to a variant column
                row["seen"] = f"2024-01-02T03:04:{i % 60:02d}+0{i % 3}:00"
            if i == 130:
                row["seen"] = "not a time"
            if i == 150:
                row["ratio"] = 3  # an int in a double column: coerced
            if i == 200:
                row[" "] = "blank key"
            if i == 210:
                row["_dlt_id"] = "given-id"  # a row id given by the source is kept
            page.append(row)
        pages.append(page)
    return pages


def _normalize(tmp: Path, name: str, fast: bool) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    pages = _pages()

    def gen(cursor: Any = dlt.sources.incremental("id")) -> Iterator[list[dict[str, Any]]]:  # noqa: B008
        yield from pages

    resource = dlt.resource(gen, name="things", primary_key="id", write_disposition="merge")
    source = dlt.source(lambda: [resource], name="vendor", max_table_nesting=0)()
    pipeline = dlt.pipeline(
        pipeline_name=name,
        destination=dlt.destinations.duckdb(str(tmp / f"{name}.duckdb")),
        pipelines_dir=str(tmp / name),
    )
    pipeline.extract(source, loader_file_format="jsonl")
    with fast_rows() if fast else contextlib.nullcontext():
        pipeline.normalize()
    load_id = pipeline.list_normalized_load_packages()[0]
    files = sorted(f for f in (tmp / name).rglob("things.*") if "normalized" in f.parts)
    assert files
    written = []
    for file in files:
        data = file.read_bytes()
        for line in (gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data).splitlines():
            row = json.loads(line)
            assert row.pop("_dlt_load_id") == load_id
            row_id = row.pop("_dlt_id")
            assert row_id == "given-id" or len(row_id) == 14, row_id
            written.append(row)
    schema = pipeline.default_schema.to_dict()
    return written, dict(schema["tables"]["things"])


def test_fast_path_writes_what_dlt_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    typed = 0
    coerce = JsonLItemsNormalizer._coerce_row

    def counting(self: Any, *args: Any) -> Any:
        nonlocal typed
        typed += 1
        return coerce(self, *args)

    monkeypatch.setattr(JsonLItemsNormalizer, "_coerce_row", counting)
    _install()  # installed, but outside fast_rows(): dlt's own path for every row
    slow_rows, slow_table = _normalize(tmp_path, "slow", fast=False)
    assert typed >= 300  # every row (and the pipeline state)
    typed = 0
    fast_rows_, fast_table = _normalize(tmp_path, "fast", fast=True)
    assert fast_rows_ == slow_rows
    assert fast_table == slow_table
    assert list(fast_table["columns"]) == list(slow_table["columns"])
    # the variants and the converted values are dlt's
    assert [r["seen"] for r in fast_rows_ if r["id"] == 101] == ["2024-01-02T01:04:41+00:00"]
    assert {"price__v_text", "price__v_double", "seen", "seen__v_text", "closed_at"} <= set(
        fast_table["columns"]
    )
    assert fast_table["columns"]["seen"]["data_type"] == "timestamp"
    assert "note" not in fast_table["columns"]
    assert [r["price"] for r in fast_rows_ if r["id"] == 81] == [13]
    # most rows skipped dlt's per-row typing: the first of each shape after each schema
    # change and the odd rows went through it
    assert typed < 40, typed
