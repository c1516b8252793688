"""``fleet status``: jobs per tenant from the shared store."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._store import FleetStore

__all__ = ["TenantStatus", "fleet_status"]


@attrs.define
class TenantStatus:
    tenant: str
    running: int = 0
    waiting: int = 0
    done: int = 0
    slices: int = 0
    rows: int = 0
    failing: int = 0
    jobs: list[str] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)


async def fleet_status(store: FleetStore) -> dict[str, TenantStatus]:
    """Per tenant: jobs running (lease held), waiting (queued or between slices), done,
    failing (the last attempt raised; the queue retries it), and slices/rows so far."""
    out: dict[str, TenantStatus] = {}
    for job, checkpoint in sorted((await store.jobs()).items()):
        tenant = job.split(":", 1)[0]
        row = out.setdefault(tenant, TenantStatus(tenant))
        row.jobs.append(job)
        row.slices += checkpoint.slices
        row.rows += checkpoint.rows
        if checkpoint.error and not checkpoint.done:
            row.failing += 1
            row.errors.append(f"{job}: {checkpoint.error}")
        if checkpoint.done:
            row.done += 1
        elif await store.running(job):
            row.running += 1
        else:
            row.waiting += 1
    return out


def format_status(rows: Mapping[str, TenantStatus], queued: int | None = None) -> str:
    header = ("tenant", "running", "waiting", "done", "failing", "slices", "rows")
    body: list[tuple[Any, ...]] = [
        (r.tenant, r.running, r.waiting, r.done, r.failing, r.slices, r.rows) for r in rows.values()
    ]
    widths = [max(len(str(x[i])) for x in (header, *body)) for i in range(len(header))]
    lines = [
        "  ".join(
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(row, widths))
        )
        for row in (header, *body)
    ]
    lines += [f"  {e}" for r in rows.values() for e in r.errors]
    if queued is not None:
        lines.append(f"messages in the queue: {queued}")
    return "\n".join(lines)
