"""The ``real-estate-async`` command: demo, export, get, sandbox serve.

Exit codes: 0 success; 1 the vendor or the network failed; 2 bad usage or configuration
(unknown provider/resource, missing credentials, bad date); 130 interrupted (an export's
checkpoint is kept: run again with ``--resume``).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as _dt
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from . import __version__, _cli_fleet, _cli_sync
from ._errors import ConfigurationError, RealEstateError
from ._registry import PROVIDERS, ProviderEntry, ResourceEntry
from ._session import SessionManager
from .export import ExportResult, export

EXIT_OK, EXIT_API, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit code 2."""


def parse_since(value: str | None) -> _dt.datetime | None:
    """``YYYY-MM-DD`` or ISO 8601; naive values are UTC."""
    if value is None:
        return None
    try:
        parsed = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"--since: not a date: {value!r} (use YYYY-MM-DD or ISO 8601)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=_dt.timezone.utc)


def lookup(provider: str, resource: str) -> tuple[ProviderEntry, ResourceEntry]:
    entry = PROVIDERS.get(provider.replace("-", "_").lower())
    if entry is None:
        raise UsageError(f"unknown provider {provider!r}; choose from {', '.join(PROVIDERS)}")
    res = entry.resources.get(resource.lower())
    if res is None:
        raise UsageError(
            f"unknown resource {resource!r} for {entry.name}; choose from {', '.join(entry.resources)}"
        )
    return entry, res


def require_credentials(entry: ProviderEntry) -> None:
    if not any(os.environ.get(v) for v in entry.env):
        raise UsageError(f"{entry.name}: missing credentials: set {' or '.join(entry.env)}")


class _Progress:
    """rich progress bars when the ``cli`` extra is installed, plain lines otherwise."""

    def __init__(self) -> None:
        try:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
        except ImportError:  # pragma: no cover - depends on the extra
            self.rich: Any = None
            return
        self.rich = Progress(
            TextColumn("{task.description:<28}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]:>8.0f} rec/s"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            transient=False,
        )

    def __enter__(self) -> _Progress:
        if self.rich is not None:
            self.rich.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.rich is not None:
            self.rich.__exit__(*exc)

    def add(self, name: str) -> Any:
        if self.rich is None:
            return name
        return self.rich.add_task(name, total=None, rate=0.0)

    def update(self, task: Any, result: ExportResult) -> None:
        if self.rich is None:
            if result.done or result.pages % 50 == 0:
                print(f"{task}: {result.records} records, {result.pages} pages", file=sys.stderr)
            return
        self.rich.update(task, completed=result.records, total=result.total, rate=result.rate)


async def _export_one(
    client: Any,
    res: ResourceEntry,
    out: Path,
    *,
    fmt: str,
    since: _dt.datetime | None,
    resume: bool,
    concurrency: int,
    progress: _Progress,
    label: str,
) -> ExportResult:
    task = progress.add(label)
    return await export(
        lambda state: res.list(client, since, concurrency, state),
        out,
        format=fmt,  # type: ignore[arg-type]
        resume=resume,
        progress=lambda r: progress.update(task, r),
    )


async def run_export(args: argparse.Namespace) -> int:
    entry, res = lookup(args.provider, args.resource)
    since = parse_since(args.since)
    if since is not None and not res.since:
        raise UsageError(f"--since is not supported for {entry.name} {args.resource}")
    if args.concurrency < 1:
        raise UsageError("--concurrency must be >= 1")
    if args.sandbox:
        from .sandbox import Sandbox

        async with Sandbox(records=args.records) as sb, SessionManager() as sm:
            client = entry.make(**sb.client_kwargs(entry.name), session=sm)
            return await _do_export(client, res, args, since, f"{entry.name} {args.resource}")
    require_credentials(entry)
    async with entry.make() as client:
        return await _do_export(client, res, args, since, f"{entry.name} {args.resource}")


async def _do_export(
    client: Any,
    res: ResourceEntry,
    args: argparse.Namespace,
    since: _dt.datetime | None,
    label: str,
) -> int:
    out = Path(args.out)
    with _Progress() as progress:
        result = await _export_one(
            client,
            res,
            out,
            fmt=args.format,
            since=since,
            resume=args.resume,
            concurrency=args.concurrency,
            progress=progress,
            label=label,
        )
    print(f"{result.records} records in {result.pages} pages -> {out}", file=sys.stderr)
    return EXIT_OK


async def run_get(args: argparse.Namespace) -> int:
    entry, res = lookup(args.provider, args.resource)
    if res.get is None:
        raise UsageError(f"{entry.name} {args.resource} has no single-record lookup")
    try:
        if args.sandbox:
            from .sandbox import Sandbox

            async with (
                Sandbox(records=args.records) as sb,
                entry.make(**sb.client_kwargs(entry.name)) as client,
            ):
                record = await res.get(client, args.id)
        else:
            require_credentials(entry)
            async with entry.make() as client:
                record = await res.get(client, args.id)
    except (ValueError, TypeError) as exc:  # ids are validated before any request
        raise UsageError(str(exc)) from None
    print(json.dumps(record, indent=2, default=str, ensure_ascii=False))
    return EXIT_OK


DEMO_JOBS = (
    ("lofty", "leads"),
    ("brokermint", "transactions"),
    ("open_to_close", "agents"),
    ("ovipro", "offices"),
)


async def run_demo(args: argparse.Namespace) -> int:
    """Start the sandbox and export four resources from four vendors at once."""
    from .sandbox import RateLimit, RateLimits, Sandbox

    out_dir = Path(args.out_dir or tempfile.mkdtemp(prefix="real-estate-async-demo-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # Relaxed limits, except Lofty announces a tight window so the adaptive limiter can
    # show its work: it waits for the reset instead of collecting 429s.
    limits = attrs.evolve(RateLimits.relaxed(), lofty_vendor_key=RateLimit(8, 1.0))
    async with Sandbox(records=args.records, rate_limits=limits) as sb, SessionManager() as sm:
        clients = {
            name: PROVIDERS[name].make(**sb.client_kwargs(name), session=sm)
            for name, _ in DEMO_JOBS
        }
        with _Progress() as progress:
            results = await asyncio.gather(
                *(
                    _export_one(
                        clients[name],
                        PROVIDERS[name].resources[resource],
                        out_dir / f"{name}_{resource}.jsonl",
                        fmt="jsonl",
                        since=None,
                        resume=False,
                        concurrency=4,
                        progress=progress,
                        label=f"{name} {resource}",
                    )
                    for name, resource in DEMO_JOBS
                )
            )
        rows = []
        for (name, resource), result in zip(DEMO_JOBS, results):
            client = clients[name]
            limiter = client.limiter
            avoided = sum(
                getattr(part, "waits", 0) for part in getattr(limiter, "limiters", (limiter,))
            )
            rows.append(
                (
                    f"{name} {resource}",
                    result.records,
                    result.pages,
                    client.stats["requests"],
                    client.stats["rate_limited"],
                    avoided,
                    f"{result.elapsed:.2f}s",
                )
            )
    _print_table(
        ("export", "records", "pages", "requests", "429s received", "429s avoided", "elapsed"), rows
    )
    print(f"files in {out_dir}; total {time.monotonic() - started:.2f}s")
    _cli_sync.demo_load(out_dir)
    return EXIT_OK


def _print_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:  # pragma: no cover - depends on the extra
        print("\t".join(header))
        for row in rows:
            print("\t".join(str(c) for c in row))
        return
    table = Table(title="real_estate_async demo (embedded sandbox)")
    for name in header:
        table.add_column(name, justify="right" if name != "export" else "left")
    for row in rows:
        table.add_row(*(str(c) for c in row))
    Console().print(table)


def run_sandbox(args: argparse.Namespace) -> int:
    from .sandbox import main as sandbox_main

    argv = ["serve", "--records", str(args.records)]
    return int(sandbox_main(argv) or 0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="real-estate-async",
        description="Async SDK for Lofty, Brokermint, Open To Close and Ovipro.",
        epilog="Exit codes: 0 ok, 1 API/network error, 2 usage/configuration error, 130 interrupted.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="export from all four vendors of the embedded sandbox")
    demo.add_argument("--records", type=int, default=2000, help="records per resource")
    demo.add_argument("--out-dir", help="where to write the JSONL files (default: a temp dir)")
    demo.set_defaults(run=run_demo)

    exp = sub.add_parser("export", help="export one resource to JSONL or CSV")
    exp.add_argument("provider", help=f"one of {', '.join(PROVIDERS)}")
    exp.add_argument("resource")
    exp.add_argument("--out", required=True)
    exp.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    exp.add_argument("--since", help="only records changed since (YYYY-MM-DD or ISO 8601)")
    exp.add_argument("--resume", action="store_true", help="continue from the checkpoint")
    exp.add_argument("--concurrency", type=int, default=4)
    exp.add_argument("--sandbox", action="store_true", help="run against the embedded sandbox")
    exp.add_argument("--records", type=int, default=1000, help="sandbox size")
    exp.set_defaults(run=run_export)

    get = sub.add_parser("get", help="print one record as JSON")
    get.add_argument("provider")
    get.add_argument("resource")
    get.add_argument("id")
    get.add_argument("--sandbox", action="store_true")
    get.add_argument("--records", type=int, default=1000)
    get.set_defaults(run=run_get)

    _cli_sync.add_parser(sub)
    _cli_fleet.add_parser(sub)

    sandbox = sub.add_parser("sandbox", help="run the fake vendor servers")
    sandbox_sub = sandbox.add_subparsers(dest="sandbox_command", required=True)
    serve = sandbox_sub.add_parser("serve", help="serve all four fake vendors until Ctrl-C")
    serve.add_argument("--records", type=int, default=1000)
    serve.set_defaults(run=run_sandbox, sync=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if getattr(args, "sync", False):
            return int(args.run(args))
        return int(asyncio.run(args.run(args)))
    except UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ConfigurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except RealEstateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_API
    except KeyboardInterrupt:
        print("interrupted; the checkpoint is saved: run again with --resume", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
