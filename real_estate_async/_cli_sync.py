"""``real-estate-async sync``: load a vendor's resources into DuckDB or PostgreSQL (dlt).

Also the last step of ``demo``: its JSONL files go into a DuckDB file and one small query
is printed. Both need the ``dlt`` extra; without it ``sync`` fails with one line (exit 2)
and ``demo`` prints a hint instead.

Every failure is one line on stderr: dlt's own log (a traceback per failed load job) is
silenced unless ``-v``/``--debug`` asks for it and for the full traceback. Exit 75 when
another sync holds the destination.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._errors import ConfigurationError, RealEstateError
from ._registry import PROVIDERS
from ._scratch import scratch_dir

__all__ = ["add_parser", "demo_load", "run_sync"]

EXTRA_HINT = "pip install 'real_estate_async[dlt]'"
EXIT_LOCKED, EXIT_INTERRUPTED, EXIT_TERMINATED = 75, 130, 143  # as in cli.py


def add_parser(sub: Any) -> None:
    """Add the ``sync`` subcommand to the CLI's subparsers."""
    p = sub.add_parser(
        "sync",
        help="load resources into DuckDB (default) or PostgreSQL through dlt, incrementally",
        description=(
            "Load PROVIDER's RESOURCEs (default: all) into one table each, dataset "
            "real_estate_<provider>, merged on primary keys; later runs fetch only what "
            "changed where the vendor can filter by update time."
        ),
    )
    p.add_argument("provider", help=f"one of {', '.join(PROVIDERS)}")
    p.add_argument("resources", nargs="*", metavar="RESOURCE", help="default: all of them")
    # validated by sync() so a bad value is one line (argparse would print the usage too)
    p.add_argument("--destination", default="duckdb", help="duckdb (default) or postgres")
    p.add_argument(
        "--db",
        help="DuckDB file (default ./real_estate.duckdb) or postgresql://user:pw@host:port/db",
    )
    p.add_argument(
        "--full-refresh",
        action="store_true",
        help="drop the tables and incremental state of these resources first",
    )
    p.add_argument("--sandbox", action="store_true", help="sync from the embedded sandbox")
    p.add_argument("--records", type=int, default=1000, help="sandbox size")
    p.add_argument(
        "-v",
        "--debug",
        action="store_true",
        help="show dlt's own log and the full traceback of a failure",
    )
    p.set_defaults(run=run_sync, sync=True)


def _require_dlt() -> None:
    try:
        import dlt  # noqa: F401
    except ImportError:
        raise ConfigurationError(f"sync needs the dlt extra: {EXTRA_HINT}") from None


class _Interrupted(RealEstateError):
    """Ctrl-C noticed in a progress callback (Python may swallow the KeyboardInterrupt
    itself when it lands in a finaliser); it travels through dlt like a vendor error."""


class _Interrupt(logging.Filter):
    """Ctrl-C and SIGTERM for ``sync``: one line and exit 130 or 143, whatever dlt was
    doing (the temporary directory is removed on the way out).

    After a signal or a failure dlt stops its event loop with our async generators still
    suspended, and asyncio reports each one ("error occurred during closing of
    asynchronous generator", "Task was destroyed but it is pending", "Unclosed client
    session", "Event loop is closed" from finalisers). Nothing is lost (the run is not
    committed), so those reports are dropped then.
    """

    NOISE = (
        "an error occurred during closing of asynchronous generator",
        "Task was destroyed",
        "Unclosed client session",
        "Unclosed connector",
    )

    def __init__(self) -> None:
        super().__init__()
        self.interrupted = False
        self.failed = False
        self.signum = signal.SIGINT
        self._previous_signals: dict[int, Any] = {}
        self._previous_hook = sys.unraisablehook

    def filter(self, record: logging.LogRecord) -> bool:
        ended = self.interrupted or self.failed
        return not (ended and str(record.msg).startswith(self.NOISE))

    def _unraisable(self, info: Any) -> None:
        if not (self.interrupted or self.failed):
            self._previous_hook(info)

    def _on_signal(self, signum: int, frame: Any) -> None:
        self.interrupted = True
        self.signum = signal.Signals(signum)
        raise KeyboardInterrupt

    def check(self) -> None:
        if self.interrupted:
            raise _Interrupted("interrupted")

    def __enter__(self) -> _Interrupt:
        logging.getLogger("asyncio").addFilter(self)
        sys.unraisablehook = self._unraisable
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous_signals[signum] = signal.signal(signum, self._on_signal)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, previous in self._previous_signals.items():
            signal.signal(signum, previous)
        if not (self.interrupted or self.failed):  # else stay: the last reports come at exit
            logging.getLogger("asyncio").removeFilter(self)
            sys.unraisablehook = self._previous_hook


class _Silence(logging.Filter):
    """Drops every record of dlt's logger (which does not propagate and writes to stderr
    itself): a failed load job logs a traceback per retry, hundreds of lines for one
    full disk, before the one-line error says it all."""

    def filter(self, record: logging.LogRecord) -> bool:
        return False


def run_sync(args: argparse.Namespace) -> int:
    silence = _Silence()
    dlt_logger = logging.getLogger("dlt")
    if not args.debug:
        dlt_logger.addFilter(silence)
    try:
        with _Interrupt() as interrupt:
            try:
                code = _run_sync(args, interrupt)
            except (KeyboardInterrupt, _Interrupted) as exc:
                interrupt.interrupted = True
                if getattr(exc, "signal_code", None) == signal.SIGTERM:  # dlt's own handler
                    interrupt.signum = signal.SIGTERM
            except BaseException as exc:
                interrupt.failed = True
                if args.debug:
                    traceback.print_exception(exc, file=sys.stderr)
                raise
            if not interrupt.interrupted:
                return code
    finally:
        dlt_logger.removeFilter(silence)
    if interrupt.signum == signal.SIGTERM:
        print("terminated; nothing half-loaded stays: run sync again", file=sys.stderr)
        return EXIT_TERMINATED
    print("interrupted; nothing half-loaded stays: run sync again", file=sys.stderr)
    return EXIT_INTERRUPTED


def _run_sync(args: argparse.Namespace, interrupt: _Interrupt) -> int:
    _require_dlt()
    from .integrations.dlt import VENDORS, DestinationLockedError, SyncResult, sync
    from .integrations.dlt._runner import check_destination

    provider = args.provider.replace("-", "_").lower()
    spec = VENDORS.get(provider)
    if spec is None:
        raise ConfigurationError(
            f"unknown provider {args.provider!r}; choose from {', '.join(VENDORS)}"
        )
    for name in args.resources:
        if name not in spec.resources:
            raise ConfigurationError(
                f"unknown resource {name!r} for {provider}; choose from {', '.join(spec.resources)}"
            )
    check_destination(args.destination, args.db)
    if args.records < 0:
        raise ConfigurationError("--records must be >= 0")

    def progress(resource: str, rows: int, requests: int, done: bool) -> None:
        interrupt.check()
        state = "done" if done else "..."
        print(
            f"{provider} {resource}: {rows} rows fetched, {requests} requests {state}",
            file=sys.stderr,
            flush=True,
        )

    def loading() -> None:
        interrupt.check()
        print(f"loading into {args.destination} ...", file=sys.stderr, flush=True)

    def jobs(done: int, total: int) -> None:
        interrupt.check()
        print(f"loading: {done}/{total} jobs done", file=sys.stderr, flush=True)

    def run(client_kwargs: dict[str, Any] | None) -> SyncResult:
        return sync(
            provider,
            args.resources or None,
            destination=args.destination,
            db=args.db,
            full_refresh=args.full_refresh,
            client_kwargs=client_kwargs,
            progress=progress,
            on_load=loading,
            on_load_jobs=jobs,
        )

    try:
        if args.sandbox:
            from .sandbox import Sandbox, SandboxThread

            with SandboxThread(Sandbox(records=args.records, demo=True)) as box:
                result = run(box.sandbox.client_kwargs(provider))
        else:
            env = PROVIDERS[provider].env
            if not any(os.environ.get(v) for v in env):
                raise ConfigurationError(f"{provider}: missing credentials: set {' or '.join(env)}")
            result = run(None)
    except DestinationLockedError as exc:  # "try again later", as for a locked export
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    print_summary(result)
    return 0


def print_summary(result: Any) -> None:
    header = ("table", "rows loaded", "new", "updated", "rows in table", "requests")
    rows = [(t.name, t.loaded, t.new, t.updated, t.total, t.requests) for t in result.tables]
    rows.append(
        (
            "total",
            result.loaded,
            sum(t.new for t in result.tables),
            sum(t.updated for t in result.tables),
            sum(t.total for t in result.tables),
            result.requests,
        )
    )
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        cells = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(row, widths))
        ]
        print("  ".join(cells))
    print(
        f"{result.provider} -> {result.destination} {result.location}, dataset {result.dataset}, "
        f"{result.elapsed:.2f}s"
    )


def _jsonl(path: Path) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                batch.append(json.loads(line))
                if len(batch) >= 1000:
                    yield batch
                    batch = []
    if batch:
        yield batch


def demo_load(out_dir: Path) -> None:
    """The demo's last step: its JSONL files into ``out_dir/demo.duckdb``, one query."""
    try:
        import dlt
    except ImportError:
        print(f"(to load these files into DuckDB too: {EXTRA_HINT})")
        return
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    db = out_dir / "demo.duckdb"
    files = sorted(out_dir.glob("*.jsonl"))
    resources = [dlt.resource(_jsonl(f), name=f.stem, write_disposition="replace") for f in files]
    with scratch_dir("real-estate-dlt-") as tmp:
        pipeline = dlt.pipeline(
            pipeline_name="real_estate_demo",
            destination=dlt.destinations.duckdb(credentials=str(db)),
            dataset_name="real_estate_demo",
            pipelines_dir=str(tmp),
        )
        source = dlt.source(lambda: resources, name="demo", max_table_nesting=0)()
        pipeline.run(source, loader_file_format="jsonl")
        with pipeline.sql_client() as client:
            table = client.make_qualified_table_name("brokermint_transactions")
            found = (
                client.execute_sql(
                    f"SELECT status, count(*) AS n FROM {table} GROUP BY status ORDER BY n DESC, status"
                )
                or []
            )
    loaded = ", ".join(f.stem for f in files)
    print(f"loaded {loaded} into {db} (dlt, dataset real_estate_demo)")
    print("brokermint transactions by status: " + ", ".join(f"{s} {n}" for s, n in found))
