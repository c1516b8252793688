"""What every benchmark row shares: the result row, the goal points the plot draws, the
size scale of a run, the load average, and interleaved rounds.

A row may carry ``points``: one measured ratio each, with its goal and direction, drawn
by ``python -m benchmarks --plot PATH``. A ratio is taken per round (both sides of it
measured back to back in that round) and reported as min / median / max over rounds.
"""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

Result = dict[str, Any]
Runner = Callable[[], Awaitable[float]]

#: Multiplies the default size of every row that takes one (``--scale``); a smoke run
#: uses a small scale, the published figures 1.
SCALE = 1.0
#: Rounds of every goal row that takes rounds (``--rounds``); None: each row's default (3).
ROUNDS: int | None = None


def scaled(n: int, minimum: int = 1) -> int:
    return max(minimum, int(n * SCALE))


def n_rounds(default: int) -> int:
    return ROUNDS or default


def load() -> float:
    """The 1-minute load average (what else the machine was doing while a row ran)."""
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:  # not available on this platform
        return -1.0


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    return min(values), statistics.median(values), max(values)


def fmt(values: Sequence[float]) -> str:
    """``min / median / max`` of per-round ratios, as the published table shows them."""
    lo, mid, hi = spread(values)
    return f"{lo:.2f} / {mid:.2f} / {hi:.2f}x"


def point(label: str, ratios: Sequence[float], goal: float, op: str) -> dict[str, Any]:
    """One measured ratio against its goal; ``op`` is ``">="`` or ``"<="``."""
    lo, mid, hi = spread(ratios)
    ok = mid >= goal if op == ">=" else mid <= goal
    return {"label": label, "min": lo, "median": mid, "max": hi, "goal": goal, "op": op,
            "pass": ok}  # fmt: skip


def info(label: str, ratios: Sequence[float]) -> dict[str, Any]:
    """A ratio shown for information, with no goal."""
    lo, mid, hi = spread(ratios)
    return {"label": label, "min": lo, "median": mid, "max": hi, "goal": None, "op": None,
            "pass": True}  # fmt: skip


def row(
    target: str,
    measured: str,
    goal: str,
    ok: bool | None = None,
    *,
    points: Sequence[dict[str, Any]] = (),
    reference: str = "",
    **figures: Any,
) -> Result:
    """A result row; with ``points`` and no ``ok``, it passes when every point does."""
    if ok is None:
        ok = all(p["pass"] for p in points)
    out: Result = {"target": target, "measured": measured, "goal": goal, "pass": ok, **figures}
    if points:
        out["points"] = list(points)
    if reference:
        out["reference"] = reference
    return out


async def rounds_of(rounds: int, *runs: Runner) -> list[list[float]]:
    """Each run ``rounds`` times, interleaved so drift hits every side alike; every time.
    Each run starts from a collected heap: a full collection of the garbage that an
    earlier run left costs about 1 us a record, charged to whichever run it hit."""
    times: list[list[float]] = [[] for _ in runs]
    for _ in range(rounds):
        for i, run in enumerate(runs):
            gc.collect()
            times[i].append(await run())
    return times


def per_round(num: Sequence[float], den: Sequence[float]) -> list[float]:
    return [a / b for a, b in zip(num, den)]


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started
