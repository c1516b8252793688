"""``--plot PATH``: every measured ratio against its goal, one line each, as a PNG.

A dot is the median over rounds, the bar min to max; the goal is a black tick, the side of
it that misses the goal is shaded. Green meets its goal, red misses it, grey is shown for
information (no goal).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def plot(results: list[dict[str, Any]], path: str | Path, title: str = "") -> int:
    """Draw the ``points`` of ``results`` into ``path``; returns how many were drawn."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    lines: list[tuple[str, dict[str, Any], float]] = []
    for r in results:
        key = str(r.get("key", ""))
        for p in r.get("points", []):
            lines.append((f"{key}: {p['label']}", p, float(r.get("load", [-1])[0])))
    if not lines:
        return 0
    top = max(2.0, *(max(p["max"], p["goal"] or 0) * 1.1 for _, p, _ in lines))
    fig, ax = plt.subplots(figsize=(12.5, 0.42 * len(lines) + 1.6), dpi=110)
    for y, (_, p, load) in enumerate(reversed(lines)):
        goal, op = p["goal"], p["op"]
        color = "0.55" if goal is None else ("tab:green" if p["pass"] else "tab:red")
        if goal is not None:
            lo, hi = (0.0, goal) if op == ">=" else (goal, top)
            ax.fill_between([lo, hi], y - 0.35, y + 0.35, color="tab:red", alpha=0.07, lw=0)
            ax.plot([goal, goal], [y - 0.38, y + 0.38], color="black", lw=2)
        ax.plot([p["min"], p["max"]], [y, y], color=color, lw=2, alpha=0.6)
        ax.plot([p["median"]], [y], "o", color=color, ms=7)
        text = f"{p['median']:.2f}x" + ("" if goal is None else f"  (goal {op} {goal:g}x)")
        if load >= 0:
            text += f"  load {load:.1f}"
        ax.text(1.01, y, text, va="center", ha="left", fontsize=8,
                transform=ax.get_yaxis_transform())  # fmt: skip
    ax.set_yticks(range(len(lines)))
    ax.set_yticklabels([label for label, _, _ in reversed(lines)], fontsize=8)
    ax.set_xlim(0, top)
    ax.set_ylim(-0.7, len(lines) - 0.3)
    ax.axvline(1.0, color="0.8", lw=1, zorder=0)
    ax.set_xlabel(
        "ratio to the reference (speed: higher is better; time: lower is better)\n"
        "dot: median over rounds, bar: min to max, black tick: goal, shaded: misses it,"
        " grey: for information; load: 1-minute load average when the row started",
        fontsize=8,
    )
    ax.grid(axis="x", color="0.92")
    ax.set_title(title or "Measured ratios against their goals", fontsize=10)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return len(lines)
