"""The DuckDB load of the fleet (through dlt): several slices loaded at once leave each
record once, as the later copy, as loads of the slices one after the other would."""

from __future__ import annotations

import pytest

from real_estate_async.workers._dest import write_slice

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("dlt")


def test_a_record_listed_twice_in_one_load_keeps_its_later_copy(tmp_path) -> None:
    db = str(tmp_path / "t0.duckdb")
    # slice 0 lists every record; slice 1 lists the even ones again after they changed
    first = [{"id": i, "status": "old"} for i in range(10)]
    again = [{"id": i, "status": "new"} for i in range(0, 10, 2)]
    write_slice(
        "duckdb", db, provider="brokermint", tenant="t0", resource="transactions",
        index=0, rows=first + again,
    )  # fmt: skip
    with duckdb.connect(db, read_only=True) as con:
        rows = con.execute(
            "SELECT id, status FROM brokermint_t0.transactions ORDER BY id"
        ).fetchall()
    assert rows == [(i, "new" if i % 2 == 0 else "old") for i in range(10)]
