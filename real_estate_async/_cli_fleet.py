"""``real-estate-async fleet``: enqueue syncs, run a taskiq worker, show jobs per tenant
(extra ``workers``; docs/WORKERS.md).

Redis unreachable is one line and exit 75 (try again later) in every subcommand."""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import sys
from collections.abc import Callable
from typing import Any

from ._errors import ConfigurationError

__all__ = ["add_parser"]

EXTRA_HINT = "pip install 'real_estate_async[workers]'"
APP_HELP = (
    "your Fleet object as module:name, imported from the current directory too (default: "
    "$REAL_ESTATE_FLEET_APP, else a fleet configured by the variables below)"
)
EXIT_REDIS = 75  # sysexits.h EX_TEMPFAIL: Redis is down, try again later
ENV_HELP = """\
environment (the fleet used without --app; see real_estate_async/workers/default.py):
  REAL_ESTATE_FLEET_APP          module:name of your Fleet, instead of --app
  REAL_ESTATE_FLEET_REDIS        the broker's Redis (default redis://localhost:6379/0)
  REAL_ESTATE_FLEET_SECRETS      JSON secrets file {tenant: {provider: {client kwargs}}};
                                 without it: TENANT_<TENANT>_<CLIENT VARIABLE> variables
  REAL_ESTATE_FLEET_DESTINATION  auto (default), duckdb, postgres or jsonl
  REAL_ESTATE_FLEET_DB           where, with {tenant} and {provider} (fleet-{tenant}.duckdb)
  REAL_ESTATE_FLEET_RATES        quotas per credential, e.g. brokermint=100/10,lofty=20/60
  REAL_ESTATE_FLEET_TENANT_CAP   jobs of one tenant at once (1)
  REAL_ESTATE_FLEET_SLICE        records per slice (1000)
  REAL_ESTATE_FLEET_JOB_SECONDS  seconds of slices per job before re-queueing (10)
  REAL_ESTATE_FLEET_ATTEMPTS     attempts at a slice before the job fails (3)
  REAL_ESTATE_FLEET_LEASE        seconds a dead worker's job stays locked (30)
  REAL_ESTATE_FLEET_IDLE         seconds before a silent worker's job goes to another (60)
  REAL_ESTATE_FLEET_POLL         seconds of one blocking read of the queue (2)
  REAL_ESTATE_FLEET_RETRY_DELAY  pause before a job is tried again (0.5)
"""


def _redis_errors(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Redis down or unreachable: one line, exit 75."""

    @functools.wraps(run)
    def wrapper(args: argparse.Namespace) -> int:
        try:
            from redis.exceptions import ConnectionError, TimeoutError
        except ImportError:
            return run(args)
        try:
            return run(args)
        except (ConnectionError, TimeoutError) as exc:
            from .workers._runtime import redis_error, redis_where

            where = redis_where(getattr(args, "redis_url", None) or "")
            print(
                f"error: Redis unreachable at {where} ({redis_error(exc)}); "
                "start it or point REAL_ESTATE_FLEET_REDIS (or your Fleet) at it",
                file=sys.stderr,
            )
            return EXIT_REDIS

    return wrapper


def add_parser(sub: Any) -> None:
    """Add the ``fleet`` subcommand (enqueue / worker / status) to the CLI's subparsers."""
    raw = argparse.RawDescriptionHelpFormatter
    p = sub.add_parser(
        "fleet",
        help="syncs for many tenants on taskiq workers",
        epilog=ENV_HELP,
        formatter_class=raw,
    )
    fleet_sub = p.add_subparsers(dest="fleet_command", required=True)

    enq = fleet_sub.add_parser(
        "enqueue",
        help="queue a sync of RESOURCEs for TENANTs",
        description="queue a sync of RESOURCEs for TENANTs; each tenant's credentials are "
        "checked with the fleet's resolver first; a job that is done or failed starts over",
        epilog=ENV_HELP,
        formatter_class=raw,
    )
    enq.add_argument("provider")
    enq.add_argument("resources", nargs="+", metavar="RESOURCE")
    enq.add_argument("--tenant", "-t", action="append", required=True, help="repeatable")
    enq.add_argument("--restart", action="store_true", help="start over a job under way")
    enq.add_argument(
        "--no-check",
        action="store_true",
        help="queue without asking the resolver for the tenant's credentials (where only "
        "the workers can read them)",
    )
    enq.add_argument(
        "--list-arg",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="extra argument of the resource's list() call, e.g. count=100 (repeatable)",
    )
    enq.add_argument("--app", help=APP_HELP)
    enq.set_defaults(run=_redis_errors(_run_enqueue), sync=True)

    work = fleet_sub.add_parser(
        "worker",
        help="run taskiq's own worker on the fleet's broker",
        description="taskiq worker on the fleet's broker; options after -- go to taskiq as "
        "they are. It logs one line at start, waits for Redis when it is down and reconnects.",
        epilog=ENV_HELP,
        formatter_class=raw,
    )
    work.add_argument("--app", help=APP_HELP)
    work.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    work.add_argument(
        "--max-async-tasks", type=int, default=20, help="jobs at once per process (default 20)"
    )
    work.add_argument("--log-level", default="WARNING", help="taskiq's log level")
    work.add_argument("taskiq_args", nargs=argparse.REMAINDER, help="-- then taskiq options")
    work.set_defaults(run=_run_worker, sync=True)

    st = fleet_sub.add_parser(
        "status",
        help="jobs per tenant: running, waiting, done, failed",
        description="jobs per tenant (running, waiting, done, failed with the reason) and "
        "the messages still to run",
        epilog=ENV_HELP,
        formatter_class=raw,
    )
    st.add_argument("--app", help=APP_HELP)
    st.set_defaults(run=_redis_errors(_run_status), sync=True)


def _load(spec: str | None, args: argparse.Namespace | None = None) -> Any:
    try:
        from .workers._app import load_app
    except ImportError:
        raise ConfigurationError(f"fleet needs the workers extra: {EXTRA_HINT}") from None
    fleet = load_app(spec)
    if args is not None:
        args.redis_url = fleet.config.redis_url  # named (without a password) if it is down
    return fleet


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
    fleet = _load(args.app, args)

    async def go() -> int:
        if not args.no_check:  # an unknown tenant is refused here, not queued to fail
            for tenant in args.tenant:
                await fleet.runtime.check_tenant(tenant, args.provider)
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
    # a bad --app is one line here, not a traceback per worker process
    fleet = _load(args.app, args)
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
    print(
        f"fleet worker: {fleet.describe()}; {args.workers} process(es) x "
        f"{args.max_async_tasks} job(s)",
        file=sys.stderr,
        flush=True,
    )
    status = WorkerCMD().exec(argv)
    return int(status or 0)


def _run_status(args: argparse.Namespace) -> int:
    fleet = _load(args.app, args)
    from .workers import fleet_status, format_status, queue_depth

    async def go() -> int:
        await fleet.runtime.open()
        try:
            store = fleet.runtime.store
            rows = await fleet_status(store)
            broker = fleet.broker
            queued = await queue_depth(store.redis, broker.queue_name, broker.consumer_group_name)
        finally:
            await fleet.runtime.close()
        if not rows:
            print("no jobs" if queued == (0, 0) else format_status(rows, queued))
            return 0
        print(format_status(rows, queued))
        return 0

    return asyncio.run(go())
