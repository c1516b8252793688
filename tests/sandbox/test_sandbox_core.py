"""Sandbox building blocks: generated data with an overlay, views, windows, faults, and a
million-record sandbox that serves a deep page without building the records before it."""

from __future__ import annotations

import random
from typing import Any

import aiohttp
import pytest

from real_estate_async.sandbox import FaultConfig, RateLimit, Sandbox
from real_estate_async.sandbox._data import Collection, Record
from real_estate_async.sandbox._faults import FaultInjector, FixedWindow


def _factory(calls: list[int]) -> Any:
    def build(index: int, rng: random.Random) -> Record:
        calls.append(index)
        return {"value": rng.randrange(1_000_000)}

    return build


def test_records_are_deterministic_and_built_on_demand() -> None:
    calls: list[int] = []
    a = Collection("v", "things", 1_000_000, _factory(calls), seed=7)
    b = Collection("v", "things", 1_000_000, _factory([]), seed=7)
    c = Collection("v", "things", 1_000_000, _factory([]), seed=8)
    record = a.record(999_999)
    assert record == b.record(999_999)
    assert record is not None and record["id"] == 1_000_000
    assert [c.record(i) for i in range(5)] != [a.record(i) for i in range(5)]
    assert calls == [999_999, 0, 1, 2, 3, 4]  # only what was asked for
    assert a.record(1_000_000) is None


def test_view_positions_follow_deletes_creates_and_filters() -> None:
    coll = Collection("v", "things", 50, _factory([]), seed=1)
    for record_id in (1, 7, 8, 20, 50):
        assert coll.delete(record_id)
    assert not coll.delete(7)  # already gone
    created = coll.create({"name": "new"})
    assert created["id"] == 51
    coll.update(3, {"flag": True})

    view = coll.view()
    expected = [i for i in range(51) if i + 1 not in (1, 7, 8, 20, 50)]
    assert len(view) == len(expected) == len(coll)
    assert [view.index_at(p) for p in range(len(view))] == expected
    for index in range(52):
        want = next((p for p, i in enumerate(expected) if i >= index), len(expected))
        assert view.position_at_or_after(index) == want
    assert [r["id"] for r in view.slice(3, 4)] == [i + 1 for i in expected[3:7]]

    # a window [10, 20) plus changed records elsewhere that match
    flagged = coll.view(10, 20, lambda rec: bool(rec.get("flag")) or rec.get("name") == "new")
    ids = [r["id"] for r in flagged.slice(0, 100)]
    assert ids == [3, *[i for i in range(11, 21) if i != 20], 51]


def test_fixed_window_counts_per_key_and_resets() -> None:
    now = [1000.0]
    window = FixedWindow(RateLimit(2, 60.0), clock=lambda: now[0])
    assert window.hit("a").allowed and window.hit("a").allowed
    third = window.hit("a")
    assert not third.allowed and third.remaining == 0 and third.reset_at == 1020.0
    assert window.hit("b").allowed  # another credential, another window
    now[0] = 1020.0
    assert window.hit("a").allowed


def test_fault_draws_are_seeded() -> None:
    config = FaultConfig(error_rate=0.3, reset_rate=0.1, burst_rate=0.05, burst_length=2)
    one, two = FaultInjector(config, "lofty", 3), FaultInjector(config, "lofty", 3)
    first = [one.draw("GET") for _ in range(300)]
    again = [two.draw("GET") for _ in range(300)]
    assert first == again
    kinds = [f[0] for f in first if f is not None]
    assert {"error", "reset", "burst"} <= set(kinds)
    bursts = "".join("b" if f is not None and f[0] == "burst" else "." for f in first)
    assert "bb" in bursts  # a burst is burst_length answers in a row
    off = FaultInjector(FaultConfig(error_rate=1.0, vendors=["brokermint"]), "lofty", 3)
    assert off.draw("GET") is None
    with pytest.raises(ValueError):
        FaultConfig(error_rate=1.5)


async def test_million_records_deep_page_without_building_everything() -> None:
    async with Sandbox(records=1_000_000, vendors=["brokermint", "lofty"]) as sb:
        bm = sb.server("brokermint").collections["transactions"]
        built: list[int] = []
        original = bm.generated

        def counting(index: int) -> Record:
            built.append(index)
            return original(index)

        bm.generated = counting  # type: ignore[method-assign]
        key = sb.credentials["brokermint"]["api_key"]
        lofty_headers = {"Authorization": f"token {sb.credentials['lofty']['api_key']}"}
        async with aiohttp.ClientSession() as http:
            params: dict[str, str | int] = {"api_key": key, "count": 3, "starting_from_id": 999_998}
            async with http.get(f"{sb.brokermint_url}/transactions", params=params) as resp:
                page = await resp.json()
            async with http.get(
                f"{sb.lofty_url}/leads",
                params={"offset": 999_990, "limit": 100},
                headers=lofty_headers,
            ) as resp:
                leads = await resp.json()
        assert [t["id"] for t in page] == [999_998, 999_999, 1_000_000]
        assert built == [999_997, 999_998, 999_999]
        assert leads["_metadata"]["total"] == 1_000_000
        assert len(leads["leads"]) == 10
        assert leads["_metadata"]["scrollId"] is None
        assert not sb.server("lofty").collections["leads"].overlay


async def test_sizes_latency_and_validation() -> None:
    async with Sandbox(
        100, sizes={"ovipro.agents": 25}, latency=0.001, vendors=["ovipro", "open_to_close"]
    ) as sb:
        assert sb.count("ovipro", "agents") == 25
        assert sb.count("ovipro", "agencyOffices") == 3
        assert sb.count("open_to_close", "agents") == 100
        assert sb.first_id("open_to_close", "agents") == 1
        token = sb.credentials["open_to_close"]["api_key"]
        async with (
            aiohttp.ClientSession() as http,
            http.get(f"{sb.open_to_close_url}/tags", params={"api_token": token}) as resp,
        ):
            assert resp.status == 200
        assert sb.stats["open_to_close"].as_dict()["requests"] == 1
    with pytest.raises(ValueError):
        Sandbox(-1)
    with pytest.raises(ValueError):
        Sandbox(10, vendors=["zillow"])
    with pytest.raises(RuntimeError):
        _ = Sandbox(10).lofty_url  # not started
