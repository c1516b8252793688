"""``real-estate-async fleet``: enqueue syncs, run a taskiq worker, show jobs per tenant
(extra ``workers``; docs/WORKERS.md)."""

from __future__ import annotations

import argparse
import asyncio
import os
from typing import Any

from ._errors import ConfigurationError

__all__ = ["add_parser"]

EXTRA_HINT = "pip install 'real_estate_async[workers]'"
APP_HELP = (
    "your Fleet object as module:name (default: $REAL_ESTATE_FLEET_APP, else a fleet "
    "configured by REAL_ESTATE_FLEET_* variables)"
)


def add_parser(sub: Any) -> None:
    """Add the ``fleet`` subcommand (enqueue / worker / status) to the CLI's subparsers."""
    p = sub.add_parser("fleet", help="syncs for many tenants on taskiq workers")
    fleet_sub = p.add_subparsers(dest="fleet_command", required=True)

    enq = fleet_sub.add_parser("enqueue", help="queue a sync of RESOURCEs for TENANTs")
    enq.add_argument("provider")
    enq.add_argument("resources", nargs="+", metavar="RESOURCE")
    enq.add_argument("--tenant", "-t", action="append", required=True, help="repeatable")
    enq.add_argument("--restart", action="store_true", help="start over a job under way")
    enq.add_argument(
        "--list-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra argument of the resource's list() call, e.g. count=100 (repeatable)",
    )
    enq.add_argument("--app", help=APP_HELP)
    enq.set_defaults(run=_run_enqueue, sync=True)

    work = fleet_sub.add_parser(
        "worker",
        help="run taskiq's own worker on the fleet's broker",
        description="taskiq worker on the fleet's broker; options after -- go to taskiq as they are",
    )
    work.add_argument("--app", help=APP_HELP)
    work.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    work.add_argument(
        "--max-async-tasks", type=int, default=20, help="jobs at once per process (default 20)"
    )
    work.add_argument("--log-level", default="WARNING", help="taskiq's log level")
    work.add_argument("taskiq_args", nargs=argparse.REMAINDER, help="-- then taskiq options")
    work.set_defaults(run=_run_worker, sync=True)

    st = fleet_sub.add_parser("status", help="jobs per tenant: running, waiting, done")
    st.add_argument("--app", help=APP_HELP)
    st.set_defaults(run=_run_status, sync=True)


def _load(spec: str | None) -> Any:
    try:
        from .workers._app import load_app
    except ImportError:
        raise ConfigurationError(f"fleet needs the workers extra: {EXTRA_HINT}") from None
    return load_app(spec)


def _list_kwargs(pairs: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ConfigurationError(f"--list-arg wants KEY=VALUE, not {pair!r}")
        out[key] = int(value) if value.lstrip("-").isdigit() else value
    return out


def _run_enqueue(args: argparse.Namespace) -> int:
    list_kwargs = _list_kwargs(args.list_arg)
    fleet = _load(args.app)

    async def go() -> int:
        async with fleet:
            for tenant in args.tenant:
                for resource in args.resources:
                    started = await fleet.enqueue(
                        tenant,
                        args.provider,
                        resource,
                        list_kwargs=list_kwargs,
                        restart=args.restart,
                    )
                    state = "queued" if started else "already under way"
                    print(f"{tenant} {args.provider} {resource}: {state}")
        return 0

    return asyncio.run(go())


def _run_worker(args: argparse.Namespace) -> int:
    """taskiq's own ``taskiq worker`` on ``real_estate_async.workers._app:broker``."""
    try:
        from taskiq.cli.worker.cmd import WorkerCMD
    except ImportError:
        raise ConfigurationError(f"fleet worker needs the workers extra: {EXTRA_HINT}") from None
    if args.app:
        os.environ["REAL_ESTATE_FLEET_APP"] = args.app  # read again in each worker process
    _load(args.app)  # a bad --app is one line here, not a traceback per worker process
    extra = list(args.taskiq_args)
    if extra[:1] == ["--"]:
        extra = extra[1:]
    argv = [
        "real_estate_async.workers._app:broker",
        "--workers", str(args.workers),
        "--max-async-tasks", str(args.max_async_tasks),
        "--log-level", args.log_level,
        *extra,
    ]  # fmt: skip
    status = WorkerCMD().exec(argv)
    return int(status or 0)


def _run_status(args: argparse.Namespace) -> int:
    fleet = _load(args.app)
    from .workers import fleet_status, format_status

    async def go() -> int:
        await fleet.runtime.open()
        try:
            store = fleet.runtime.store
            rows = await fleet_status(store)
            try:
                queued = int(await store.redis.xlen(fleet.broker.queue_name))
            except Exception:
                queued = None
        finally:
            await fleet.runtime.close()
        if not rows:
            print("no jobs")
            return 0
        print(format_status(rows, queued))
        return 0

    return asyncio.run(go())
