"""``fleet status``: jobs per tenant from the shared store."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._store import FleetStore

__all__ = ["TenantStatus", "fleet_status", "format_status", "queue_depth"]


@attrs.define
class TenantStatus:
    tenant: str
    running: int = 0
    waiting: int = 0
    done: int = 0
    failed: int = 0
    slices: int = 0
    rows: int = 0
    failing: int = 0
    jobs: list[str] = attrs.field(factory=list)
    errors: list[str] = attrs.field(factory=list)


async def fleet_status(store: FleetStore) -> dict[str, TenantStatus]:
    """Per tenant: jobs running (lease held), waiting (queued or between slices), done,
    failed (gave up after its attempts; enqueue it again to start over), failing (the last
    attempt raised, it is tried again), and slices/rows so far."""
    out: dict[str, TenantStatus] = {}
    for job, checkpoint in sorted((await store.jobs()).items()):
        tenant = job.split(":", 1)[0]
        row = out.setdefault(tenant, TenantStatus(tenant))
        row.jobs.append(job)
        row.slices += checkpoint.slices
        row.rows += checkpoint.rows
        if checkpoint.error and not checkpoint.done:
            row.errors.append(f"{job}: {checkpoint.error}")
        if checkpoint.failed:
            row.failed += 1
        elif checkpoint.done:
            row.done += 1
        elif await store.running(job):
            row.running += 1
        else:
            row.waiting += 1
        if checkpoint.error and not checkpoint.finished:
            row.failing += 1  # running or waiting, and its last attempt failed
    return out


async def queue_depth(redis: Any, queue: str, group: str) -> tuple[int, int]:
    """Messages of the queue not yet read by a worker, and read but not acknowledged
    (being run, or left by a dead worker until another claims them). Not the stream's
    length: that also counts acknowledged entries the broker did not delete."""
    try:
        groups: Any = await redis.xinfo_groups(queue)
    except Exception as exc:  # no stream yet: nothing queued
        if "no such key" in str(exc).lower():
            return 0, 0
        raise
    for info in groups:
        name = info.get("name")
        if (name.decode() if isinstance(name, bytes) else name) != group:
            continue
        pending = int(info.get("pending") or 0)
        lag = info.get("lag")
        if lag is None:  # Redis cannot tell (entries deleted mid-way): count them
            last = info.get("last-delivered-id") or b"0-0"
            last = last.decode() if isinstance(last, bytes) else str(last)
            lag = len(await redis.xrange(queue, min=f"({last}", max="+"))
        return int(lag), pending
    return int(await redis.xlen(queue)), 0  # no consumer group yet: all of it waits


def format_status(rows: Mapping[str, TenantStatus], queued: tuple[int, int] | None = None) -> str:
    """The table of :func:`fleet_status`, the reasons of failing/failed jobs, and the
    queue's depth from :func:`queue_depth` when given."""
    header = ("tenant", "running", "waiting", "done", "failed", "failing", "slices", "rows")
    body: list[tuple[Any, ...]] = [
        (r.tenant, r.running, r.waiting, r.done, r.failed, r.failing, r.slices, r.rows)
        for r in rows.values()
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
        lines.append(f"queue: {queued[0]} message(s) waiting for a worker, {queued[1]} being run")
    return "\n".join(lines)
