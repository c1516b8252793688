"""The benchmark harness's own pieces, cheaply: the references decode what our models read,
the page server's template pages are the leads they claim to be, the plot draws every
ratio. No timing is asserted (timings are what ``python -m benchmarks`` reports)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from benchmarks._pageserver import TemplatePages
from benchmarks._servers import lead


def test_template_pages_hold_distinct_leads_with_the_total() -> None:
    body = json.loads(TemplatePages(250).page(200, 100))
    ids = [x["lead"]["leadId"] for x in body["leads"]]
    assert ids == list(range(200, 250))
    assert body["_metadata"]["total"] == 250
    first, want = body["leads"][0]["lead"], lead(200)
    assert (first["firstName"], first["emails"], first["streetAddress"]) == (
        want["firstName"],
        want["emails"],
        want["streetAddress"],
    )
    assert set(first) == set(want)


def test_msgspec_and_pydantic_references_end_with_our_values() -> None:
    pytest.importorskip("msgspec")
    pytest.importorskip("pydantic")
    from benchmarks._models import _Case, _pages
    from benchmarks._servers import transaction
    from real_estate_async.providers.brokermint.models import Transaction
    from real_estate_async.providers.lofty.models import Lead

    for case in (
        _Case(Lead, _pages(lead, 150, "lead"), "lead"),
        _Case(Transaction, _pages(transaction, 150, None), None),
    ):
        case.check()  # raises when a derived class decodes a field differently
        for run in (case.ours, case.msgspec, case.pydantic):
            assert run() >= 0.0


def test_plot_draws_every_ratio_with_a_goal_or_not(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    from benchmarks._common import info, point, row
    from benchmarks._plot import plot

    results = [
        row("a", "m", "g", points=[point("speed", [0.8, 0.9, 1.0], 0.95, ">=")], load=[1.0]),
        row("b", "m", "g", points=[point("time", [1.1], 1.05, "<="), info("x", [2.5])]),
        row("c", "no points", "g", True),
    ]
    assert not results[0]["pass"] and not results[1]["pass"] and results[2]["pass"]
    out = tmp_path / "ratios.png"
    assert plot(results, out) == 3
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_goals_names_select_those_goal_rows_only() -> None:
    # imported by name: mypy checks the package and the tests, not the whole harness
    harness = importlib.import_module("benchmarks.__main__")
    GOALS, _selected = harness.GOALS, harness._selected

    assert _selected(["goals", "webhooks"]) == ["webhooks"]
    assert _selected(["goals"]) == list(GOALS) and "webhooks" in GOALS
    assert _selected(["goals", "7"]) == ["export"]  # an earlier name of a goal row
    assert _selected(["1", "goals"]) == ["1", *GOALS]


async def test_webhooks_row_lands_every_record_small() -> None:
    """The webhooks row at a small scale: every change and burst record lands, and the
    bursts cost what coalescing promises (no timing asserted)."""
    pytest.importorskip("duckdb")
    from benchmarks import _common
    from benchmarks._webhooks import HOT_LEADS, webhooks_latency

    scale, _common.SCALE = _common.SCALE, 0.02
    try:
        result = await webhooks_latency()
    finally:
        _common.SCALE = scale
    assert result["changes"] == 10 and len(result["memory_latencies_s"]) == 10
    assert result["burst_landed"] == result["burst"] == 200
    assert result["burst_requests"] <= 3  # two scroll pages of 100
    assert result["hot_requests"] == 1 and HOT_LEADS <= 100
