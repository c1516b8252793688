"""``real-estate-async webhooks``: serve a receiver that syncs into DuckDB or PostgreSQL,
subscribe, list (docs/WEBHOOKS.md).

The secret callback token comes from ``LOFTY_WEBHOOK_TOKEN`` (never a command-line
argument, which other users of the machine can read); the Lofty credentials from
``LOFTY_API_KEY``/``LOFTY_ACCESS_TOKEN`` (and ``LOFTY_BASE_URL``), as for every command.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from typing import TYPE_CHECKING, Any

from ._errors import ConfigurationError

if TYPE_CHECKING:
    from .webhooks import SQLSink

__all__ = ["TOKEN_ENV", "add_parser"]

TOKEN_ENV = "LOFTY_WEBHOOK_TOKEN"
REDIS_ENV = "REAL_ESTATE_WEBHOOK_REDIS"
FLEET_REDIS_ENV = "REAL_ESTATE_FLEET_REDIS"
DEFAULT_DB = "lofty_webhooks.duckdb"


def add_parser(sub: Any) -> None:
    """Add the ``webhooks`` subcommand (serve / subscribe / list) to the CLI's subparsers."""
    p = sub.add_parser("webhooks", help="Lofty webhooks: receive, subscribe, list")
    wsub = p.add_subparsers(dest="webhooks_command", required=True, metavar="command")

    serve = wsub.add_parser(
        "serve",
        help="receive callbacks on /webhooks/lofty/<token> and sync the records into a database",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8080, help="port (default 8080; 0: any)")
    serve.add_argument(
        "--db",
        default=DEFAULT_DB,
        help=f"DuckDB file (default {DEFAULT_DB}) or postgresql://user:pw@host:port/db",
    )
    where = serve.add_mutually_exclusive_group()
    where.add_argument(
        "--redis",
        metavar="URL",
        help=f"store batches in Redis (default ${REDIS_ENV}; else in the process)",
    )
    where.add_argument(
        "--fleet",
        action="store_true",
        help=f"store batches in the fleet's Redis (${FLEET_REDIS_ENV})",
    )
    serve.add_argument(
        "--window", type=float, default=0.2, help="seconds to gather events (default 0.2)"
    )
    serve.set_defaults(run=_run_serve)

    subscribe = wsub.add_parser(
        "subscribe", help="make this receiver's subscriptions match --events (idempotent)"
    )
    subscribe.add_argument(
        "--url",
        required=True,
        help="public base URL of the receiver (https://...); /webhooks/lofty/<token> is added",
    )
    subscribe.add_argument(
        "--events", required=True, help="lead,transaction,... or listId numbers, or all"
    )
    subscribe.add_argument("--limit", type=int, default=100, help="events per batch (1-5000)")
    subscribe.add_argument(
        "--permission-mode", type=int, choices=(0, 1), default=0,
        help="0 assignment-based (default), 1 ownership-based",
    )  # fmt: skip
    subscribe.add_argument("--dry-run", action="store_true", help="show what would change")
    subscribe.set_defaults(run=_run_subscribe)

    lst = wsub.add_parser("list", help="the account's webhook subscriptions (tokens hidden)")
    lst.set_defaults(run=_run_list)


def _token() -> str:
    token = os.environ.get(TOKEN_ENV, "")
    if len(token) < 16:
        raise ConfigurationError(f"set {TOKEN_ENV} to a random secret of at least 16 characters")
    return token


def _callback_url(base: str, token: str) -> tuple[str, str]:
    """(full callback URL, prefix that marks our subscriptions)."""
    from .webhooks import DEFAULT_PREFIX

    base = base.rstrip("/")
    prefix = base if base.endswith(DEFAULT_PREFIX) else base + DEFAULT_PREFIX
    return f"{prefix}/{token}", prefix + "/"


async def _run_subscribe(args: argparse.Namespace) -> int:
    from . import LoftyClient
    from .webhooks import Wanted, event_types, redacted

    try:
        kinds = event_types(args.events)
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None
    url, ours = _callback_url(args.url, _token())
    try:
        wanted = [Wanted(int(k), url, args.limit, args.permission_mode) for k in kinds]
    except ValueError as exc:
        raise ConfigurationError(str(exc)) from None
    async with LoftyClient() as client:
        plan = await client.webhooks.sync(wanted, ours=ours, dry_run=args.dry_run)
    verb = "would " if args.dry_run else ""
    for sub in plan.created:
        print(f"{verb}create listId={sub.get('listId')} {redacted(sub)['callbackUrl']}")
    for sub in plan.deleted:
        print(f"{verb}delete {sub.get('subscribeId')} listId={sub.get('listId')}")
    print(
        f"{len(plan.kept)} kept, {len(plan.created)} {verb}created, "
        f"{len(plan.deleted)} {verb}deleted, {plan.others} other subscription(s) left alone"
    )
    return 0


async def _run_list(args: argparse.Namespace) -> int:
    from . import LoftyClient
    from .webhooks import EventType, redacted

    async with LoftyClient() as client:
        subs = await client.webhooks.list(raw=True).collect()
    if not subs:
        print("no subscriptions")
        return 0
    for sub in subs:
        shown = redacted(sub)
        try:
            kind = EventType(int(shown.get("listId") or 0)).slug
        except ValueError:
            kind = "?"
        print(
            f"{shown.get('subscribeId')}  listId={shown.get('listId')} ({kind})  "
            f"limit={shown.get('limit')}  mode={shown.get('permissionMode')}  "
            f"{shown.get('callbackUrl')}"
        )
    return 0


async def _run_serve(args: argparse.Namespace) -> int:
    from .webhooks import open_sink

    token = _token()
    redis_url = os.environ.get(FLEET_REDIS_ENV) if args.fleet else (
        args.redis or os.environ.get(REDIS_ENV)
    )  # fmt: skip
    if args.fleet and not redis_url:
        raise ConfigurationError(f"--fleet needs {FLEET_REDIS_ENV}")
    # before listening: a database that cannot be reached is one line, not a server that
    # acknowledges batches it can never write (connecting may take seconds: not on the loop)
    sink = await asyncio.to_thread(open_sink, args.db)
    try:
        return await _serve(args, token, redis_url, sink)
    finally:
        sink.close()


async def _serve(args: argparse.Namespace, token: str, redis_url: str | None, sink: SQLSink) -> int:
    from aiohttp import web

    from . import LoftyClient
    from .webhooks import (
        BatchStore,
        Dedupe,
        MemoryDedupe,
        MemoryStore,
        Receiver,
        RedactingAccessLogger,
        RedisDedupe,
        RedisStore,
        WebhookProcessor,
    )

    store: BatchStore
    dedupe: Dedupe
    if redis_url:
        store, dedupe = RedisStore(redis_url), RedisDedupe(redis_url)
    else:
        store, dedupe = MemoryStore(), MemoryDedupe()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
    receiver = Receiver(token, store)
    app = web.Application()
    app.add_subapp(receiver.prefix, receiver.aiohttp_app())
    runner = web.AppRunner(app, access_log_class=RedactingAccessLogger, shutdown_timeout=1.0)
    try:
        async with LoftyClient() as client:
            processor = WebhookProcessor(
                store, clients=client, sink=sink, dedupe=dedupe, window=args.window
            )
            await runner.setup()
            try:
                site = web.TCPSite(runner, args.host, args.port)
                await site.start()
                port = _bound_port(runner, args.port)
                await processor.start()
                where = "redis" if redis_url else "memory"
                print(
                    f"webhooks: listening on http://{args.host}:{port}{receiver.prefix}/***"
                    f" (store: {where}, db: {sink.location})",
                    flush=True,
                )
                await asyncio.Event().wait()  # until Ctrl-C / SIGTERM cancels us
            finally:
                await processor.stop()
                await runner.cleanup()
                print("webhooks: stopped", file=sys.stderr, flush=True)
    finally:
        for closer in (getattr(store, "close", None), getattr(dedupe, "close", None)):
            if closer is not None:
                await closer()
    return 0


def _bound_port(runner: Any, default: int) -> int:
    for site in runner.sites:
        server = getattr(site, "_server", None)
        sockets = getattr(server, "sockets", None) or []
        for sock in sockets:
            return int(sock.getsockname()[1])
    return default
