"""The ``real-estate-async`` command: demo, export, get, sandbox serve.

Results (a summary line, a table, a record) go to stdout and progress to stderr (drawn
only on a terminal), in every command, so ``> file`` or a pipe gets the results alone.

Every failure ends as one line ``error: ...`` on stderr and one of these exit codes (see
docs/EXPORT.md): 0 success; 1 the vendor or the network failed; 2 bad usage or
configuration, or an export refused before touching anything (unknown provider/resource,
missing credentials, bad date, an output that exists, a checkpoint of another export, a
damaged output); 70 an unexpected internal error; 74 a local file error (disk full,
permissions); 75 another export holds the output's lock; 130 interrupted (Ctrl-C) and 143
terminated (SIGTERM): an export's checkpoint is kept, run again with ``--resume``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as _dt
import json
import os
import signal
import sys
import textwrap
import time
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from . import __version__, _cli_fleet, _cli_sync, _cli_webhooks
from ._errors import ConfigurationError, RealEstateError
from ._registry import PROVIDERS, ProviderEntry, ResourceEntry, resource_table
from ._scratch import scratch_dir
from ._session import SessionManager
from .export import (
    ExportLockedError,
    ExportRefusedError,
    ExportResult,
    checkpoint_path_for,
    export,
)

EXIT_OK, EXIT_API, EXIT_USAGE = 0, 1, 2
EXIT_SOFTWARE, EXIT_IO, EXIT_LOCKED = 70, 74, 75  # sysexits.h: software, I/O, try later
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM
MAX_CONCURRENCY = 32
DEBUG_ENV = "REAL_ESTATE_ASYNC_DEBUG"  # set to 1 to see the traceback of an internal error


class UsageError(Exception):
    """Bad command-line input: printed as one line, exit code 2."""


class Terminated(Exception):
    """SIGTERM arrived: the running command was cancelled like Ctrl-C."""


class _Parser(argparse.ArgumentParser):
    """argparse that reports a bad argument in one line, like every other error."""

    def error(self, message: str) -> typing.NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see {self.prog} --help)\n")


def _concurrency(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_CONCURRENCY:
        raise argparse.ArgumentTypeError(
            f"must be an integer from 1 to {MAX_CONCURRENCY}, not {text!r}"
        )
    return value


def _check_out(out: Path) -> None:
    if out.is_dir():
        raise UsageError(f"--out {out} is a directory; give the path of a file")
    _check_dir(out.parent, f"--out {out}: the directory")


def _check_dir(path: Path, what: str) -> None:
    """Output directories must exist, for every command: a mistyped path is refused
    instead of growing a stray directory tree."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{what} {path} is not a directory")
    if not path.is_dir():
        raise UsageError(f"{what} {path} does not exist; create it first")


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
    """rich progress bars when the ``cli`` extra is installed, plain lines otherwise;
    both on stderr (stdout carries results only), and only when stderr is a terminal (as
    git does): a log or a pipe gets the one-line error of a failure and nothing else."""

    def __init__(self) -> None:
        self.shown = sys.stderr.isatty()
        try:
            from rich.console import Console
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
            console=Console(stderr=True),
            transient=False,
            disable=not self.shown,
        )

    def __enter__(self) -> _Progress:
        self.started = False  # the display starts with the first bar: nothing for a refusal
        return self

    def __exit__(self, *exc: object) -> None:
        if self.rich is not None and self.started:
            self.rich.stop()

    def add(self, name: str) -> Any:
        if self.rich is None:
            return name
        if not self.started:
            self.rich.start()
            self.started = True
        return self.rich.add_task(name, total=None, rate=0.0)

    def update(self, task: Any, result: ExportResult) -> None:
        if self.rich is None:
            if self.shown and (result.done or result.pages % 50 == 0):
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
    overwrite: bool = False,
    allow_formulas: bool = False,
    sandbox: bool = False,
) -> ExportResult:
    tasks: list[Any] = []  # the bar appears with the first page, not for a refused run

    def update(result: ExportResult) -> None:
        if not tasks:
            tasks.append(progress.add(label))
        progress.update(tasks[0], result)

    provider, resource = label.split(" ", 1)
    return await export(
        lambda state: res.list(client, since, concurrency, state),
        out,
        format=fmt,  # type: ignore[arg-type]
        resume=resume,
        overwrite=overwrite,
        identity={
            "provider": provider,
            "resource": resource,
            "since": since.isoformat() if since is not None else None,
            "sandbox": sandbox or None,  # a sandbox export never resumes against an account
        },
        allow_formulas=allow_formulas,
        header=res.columns() if fmt == "csv" else None,
        progress=update,
    )


async def run_export(args: argparse.Namespace) -> int:
    entry, res = lookup(args.provider, args.resource)
    since = parse_since(args.since)
    if since is not None and not res.since:
        raise UsageError(
            f"--since is not supported for {entry.name} {args.resource}: the vendor has no"
            " time filter for it"
        )
    _check_out(Path(args.out))
    args.resource = args.resource.lower()
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
            overwrite=args.overwrite,
            allow_formulas=args.csv_raw_formulas,
            sandbox=args.sandbox,
        )
    line = f"{result.records} records in {result.pages} pages -> {out}"
    if result.resumed:
        fresh = result.records - result.resumed_records
        line += f" (resumed: {fresh} this run"
        line += f", {result.rate:,.0f} rec/s)" if fresh else ")"
    elif result.elapsed > 0:
        line += f" ({result.rate:,.0f} rec/s)"
    print(line)  # the result: stdout, as every command's (progress went to stderr)
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
    if isinstance(record, (str, bytes)):  # an HTML login page, a wrong host: never data
        raise RealEstateError(
            f"{entry.name} answered with text, not a JSON record (check the base URL)"
        )
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

    if not args.out_dir:  # a temporary directory, removed at exit (stale ones next time)
        with scratch_dir("real-estate-async-demo-") as args.out_dir:
            code = await run_demo(args)
        print(f"removed {args.out_dir}: pass --out-dir DIR to keep the files", file=sys.stderr)
        return code
    _check_dir(Path(args.out_dir), "--out-dir")  # like export's --out: never created
    out_dir = Path(args.out_dir)
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
                        overwrite=True,  # the demo's own files, rewritten on every run
                        sandbox=True,
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
    console = Console()
    if not console.is_terminal:  # a file or a pipe has no width: do not wrap at rich's 80
        console = Console(width=120)
    console.print(table)


def run_sandbox(args: argparse.Namespace) -> int:
    from .sandbox import main as sandbox_main

    argv = ["serve", "--records", str(args.records)]
    return int(sandbox_main(argv) or 0)


EXIT_CODES = (
    "exit codes: 0 ok; 1 API/network error; 2 usage/configuration error or export refused;"
    " 70 internal error; 74 local file error (disk full...); 75 output locked by another"
    " export; 130 interrupted (Ctrl-C); 143 terminated (SIGTERM)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="real-estate-async",
        description="Async SDK for Lofty, Brokermint, Open To Close and Ovipro.",
        epilog=EXIT_CODES,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")

    demo = sub.add_parser(
        "demo",
        help="export from all four vendors of the embedded sandbox",
        description="Start the embedded sandbox and export one resource of each vendor at once.",
    )
    demo.add_argument(
        "--records", type=int, default=2000, help="records per resource (default 2000)"
    )
    demo.add_argument(
        "--out-dir",
        help="an existing directory for the JSONL files (default: a new temp dir)",
    )
    demo.set_defaults(run=run_demo)

    exp = sub.add_parser(
        "export",
        help="export one resource to JSONL or CSV, resumable",
        description=textwrap.fill(
            "Export every record of one resource to a JSONL or CSV file. A checkpoint beside"
            " the file (<out>.checkpoint.json) makes the export resumable with --resume after"
            " a crash, Ctrl-C or SIGTERM; a lock (<out>.lock) keeps a second run off the same"
            " file. Credentials come from the environment (see docs/EXPORT.md).",
            80,
        ),
        epilog="resources:\n" + resource_table() + "\n\n" + textwrap.fill(EXIT_CODES, 80),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    exp.add_argument("provider", help=f"one of {', '.join(PROVIDERS)}")
    exp.add_argument("resource", help="what to export: see the resources table below")
    exp.add_argument("--out", required=True, help="the output file (its directory must exist)")
    exp.add_argument(
        "--format", choices=("jsonl", "csv"), default="jsonl", help="output format (default jsonl)"
    )
    exp.add_argument(
        "--since",
        help="only records changed since this date (YYYY-MM-DD or ISO 8601; naive = UTC);"
        " for the resources marked 'since: yes'",
    )
    again = exp.add_mutually_exclusive_group()
    again.add_argument(
        "--resume",
        action="store_true",
        help="continue a partial export of the same resource, filters and format",
    )
    again.add_argument(
        "--overwrite",
        action="store_true",
        help="replace an existing output (and its checkpoint) instead of refusing",
    )
    exp.add_argument(
        "--concurrency",
        type=_concurrency,
        default=4,
        help=f"pages fetched at once (1-{MAX_CONCURRENCY}, default 4) by the listings that"
        " page by offset with a known total (lofty members); keyset, scroll and single-answer"
        " listings fetch one page after another",
    )
    exp.add_argument(
        "--csv-raw-formulas",
        action="store_true",
        help="write CSV cells starting with = + - @ as they are (by default they get a leading"
        " ' so a spreadsheet shows them as text instead of running them)",
    )
    exp.add_argument("--sandbox", action="store_true", help="run against the embedded sandbox")
    exp.add_argument(
        "--records", type=int, default=1000, help="sandbox records per resource (default 1000)"
    )
    exp.set_defaults(run=run_export)

    get = sub.add_parser(
        "get", help="print one record as JSON", description="Fetch one record by id, as JSON."
    )
    get.add_argument("provider", help=f"one of {', '.join(PROVIDERS)}")
    get.add_argument("resource", help="see `export --help` for the resources")
    get.add_argument(
        "id", help="the record's id (an integer; a UUID for Ovipro, an email for Lofty members)"
    )
    get.add_argument("--sandbox", action="store_true", help="run against the embedded sandbox")
    get.add_argument(
        "--records", type=int, default=1000, help="sandbox records per resource (default 1000)"
    )
    get.set_defaults(run=run_get)

    _cli_sync.add_parser(sub)
    _cli_fleet.add_parser(sub)
    _cli_webhooks.add_parser(sub)

    sandbox = sub.add_parser(
        "sandbox",
        help="run the fake vendor servers",
        description="Fake Lofty, Brokermint, Open To Close and Ovipro servers on localhost.",
    )
    sandbox_sub = sandbox.add_subparsers(dest="sandbox_command", required=True, metavar="command")
    serve = sandbox_sub.add_parser("serve", help="serve all four fake vendors until Ctrl-C")
    serve.add_argument(
        "--records", type=int, default=1000, help="records per resource (default 1000)"
    )
    serve.set_defaults(run=run_sandbox, sync=True)
    return parser


def _run_async(run: Any, args: argparse.Namespace) -> int:
    """``asyncio.run`` with SIGTERM cancelling the command the way Ctrl-C does."""

    async def runner() -> int:
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        terminated = False

        def on_term() -> None:
            nonlocal terminated
            terminated = True
            if task is not None:
                task.cancel()

        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(signal.SIGTERM, on_term)
        try:
            return int(await run(args))
        except asyncio.CancelledError:
            if terminated:
                raise Terminated from None
            raise
        finally:
            loop.remove_signal_handler(signal.SIGTERM)

    return asyncio.run(runner())


def _os_error(exc: OSError) -> str:
    where = exc.filename or ""
    what = exc.strerror or str(exc)
    return f"{where}: {what}" if where else what


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a bad argument already reported
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        if getattr(args, "sync", False):
            return int(args.run(args))
        return _run_async(args.run, args)
    except (UsageError, ConfigurationError, ExportRefusedError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ExportLockedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except RealEstateError as exc:
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_API
    except OSError as exc:
        print(f"error: {_os_error(exc)}{_kept(args)}", file=sys.stderr)
        return EXIT_IO
    except KeyboardInterrupt:
        print(f"interrupted{_kept(args)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Terminated:
        print(f"terminated{_kept(args)}", file=sys.stderr)
        return EXIT_TERMINATED
    except Exception as exc:
        if os.environ.get(DEBUG_ENV):
            raise
        print(
            f"error: internal error {type(exc).__name__}: {_one_line(exc)}"
            f" (set {DEBUG_ENV}=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_SOFTWARE


def _kept(args: argparse.Namespace) -> str:
    """The resume hint, when a stopped export left a checkpoint (one that had committed
    nothing leaves nothing, and a rerun simply starts over)."""
    if args.command != "export":
        return ""
    with contextlib.suppress(OSError, ValueError):
        if checkpoint_path_for(Path(args.out)).exists():
            return "; the checkpoint is saved: run again with --resume"
    return ""


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
