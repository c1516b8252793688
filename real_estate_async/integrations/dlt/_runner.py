"""``sync()``: run a vendor's dlt source into DuckDB (default) or PostgreSQL.

One pipeline per provider (``real_estate_<provider>``, also the dataset name). Its working
directory is temporary unless ``pipelines_dir`` is given: dlt keeps the incremental state
in the destination too (``_dlt_pipeline_state``) and restores it on the next run, and a
run that died before its load committed is simply fetched again; merging on the primary
key makes that harmless. One run per destination at a time (see ``_locks``).
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..._dsn import POSTGRES_HINT, is_postgres_dsn, normalize_dsn, redact_dsn
from ..._errors import ConfigurationError, RealEstateError
from ..._scratch import scratch_dir
from ._errors import DestinationError, DestinationLockedError
from ._locks import duckdb_lock, postgres_lock
from ._normalize import fast_rows
from ._source import Progress, SourceStats, vendor_source
from ._specs import VENDORS

__all__ = [
    "DEFAULT_DUCKDB",
    "DESTINATIONS",
    "DestinationError",
    "DestinationLockedError",
    "SyncResult",
    "TableResult",
    "check_destination",
    "redact_dsn",
    "sync",
]

DEFAULT_DUCKDB = "real_estate.duckdb"
DESTINATIONS = ("duckdb", "postgres")


@attrs.frozen
class TableResult:
    """One resource of a run: rows loaded (``new`` + ``updated``) and requests made."""

    name: str
    fetched: int
    loaded: int
    new: int
    updated: int
    requests: int
    total: int  # rows in the table after the run


@attrs.frozen
class SyncResult:
    provider: str
    destination: str
    location: str  # the DuckDB file, or the DSN with its password hidden
    dataset: str
    tables: tuple[TableResult, ...]
    elapsed: float

    @property
    def loaded(self) -> int:
        return sum(t.loaded for t in self.tables)

    @property
    def requests(self) -> int:
        return sum(t.requests for t in self.tables)


def _load_progress(on_jobs: Callable[[int, int], None]) -> Any:
    """A dlt progress collector that reports finished load jobs: ``on_jobs(done, total)``."""
    from dlt.common.runtime.collector_base import Collector

    class LoadJobs(Collector):
        def __init__(self) -> None:
            self.step = ""
            self.done = self.total = 0

        def update(
            self,
            name: str,
            inc: int = 1,
            total: int | None = None,
            inc_total: int | None = None,
            message: str | None = None,
            label: str | None = None,
        ) -> None:
            if name != "Jobs" or label or not self.step.lower().startswith("load"):
                return
            self.total = total if total is not None else self.total + (inc_total or 0)
            self.done += inc
            if inc:
                on_jobs(self.done, self.total)

        def _start(self, step: str) -> None:
            self.step, self.done, self.total = step, 0, 0

        def _stop(self) -> None:
            self.step = ""

    return LoadJobs()


def check_destination(kind: str, db: str | None) -> None:
    """Raise :class:`DestinationError` for a destination that cannot work, before any
    request to the vendor (whether the server answers is known only when connecting)."""
    _destination(kind, db, build=False)


def _destination(kind: str, db: str | None, *, build: bool = True) -> tuple[Any, str]:
    if build:
        import dlt
    if kind == "duckdb":
        path = Path(db or DEFAULT_DUCKDB)
        if "://" in str(db or ""):
            raise DestinationError(
                f"--db for duckdb is a file path, not a URL: {redact_dsn(db or '')}"
            )
        if not path.parent.is_dir():
            raise DestinationError(f"duckdb: directory {str(path.parent)!r} does not exist")
        if path.is_dir():
            raise DestinationError(f"duckdb: {str(path)!r} is a directory, not a database file")
        if not build:
            return None, str(path)
        return dlt.destinations.duckdb(credentials=str(path.resolve())), str(path)
    if kind == "postgres":
        if not db:
            raise DestinationError(
                "postgres needs --db postgresql://user:password@host:port/dbname"
            )
        if not is_postgres_dsn(db):
            # not echoed: a key=value DSN may hold a password anywhere
            raise DestinationError(
                "postgres: --db is not a postgresql:// DSN (postgresql://user:password@host:port/db)"
            )
        if importlib.util.find_spec("psycopg2") is None:
            raise DestinationError(f"postgres needs psycopg2: {POSTGRES_HINT}")
        if not build:
            return None, redact_dsn(db, db)
        return dlt.destinations.postgres(credentials=normalize_dsn(db)), redact_dsn(db, db)
    raise DestinationError(f"unknown destination {kind!r}; choose from {', '.join(DESTINATIONS)}")


def sync(
    provider: str,
    resources: Sequence[str] | None = None,
    *,
    destination: str = "duckdb",
    db: str | None = None,
    full_refresh: bool = False,
    client_kwargs: dict[str, Any] | None = None,
    pipelines_dir: str | os.PathLike[str] | None = None,
    progress: Progress | None = None,
    on_load: Callable[[], None] | None = None,
    on_load_jobs: Callable[[int, int], None] | None = None,
) -> SyncResult:
    """Load ``provider``'s ``resources`` (default: all) into ``destination``.

    ``db``: the DuckDB file (default ``real_estate.duckdb``) or a PostgreSQL DSN.
    ``full_refresh``: drop the resources' tables and incremental state first.
    ``client_kwargs``: credentials/base_url for the client (default: the environment).
    ``progress(resource, rows, requests, done)`` while fetching; ``on_load()`` when loading
    starts, ``on_load_jobs(done, total)`` as dlt's load jobs finish.
    Raises :class:`DestinationError` (a ``ConfigurationError``) for a bad destination,
    :class:`DestinationLockedError` (one) when another sync is loading the same DuckDB
    file or PostgreSQL dataset, ``OSError`` for a local file error (disk full), the SDK's
    own errors when the vendor fails.
    """
    # dlt's anonymous usage telemetry would phone home; the user can still turn it on
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    import dlt

    spec = VENDORS.get(provider.replace("-", "_").lower())
    if spec is None:
        raise ConfigurationError(f"unknown provider {provider!r}; choose from {', '.join(VENDORS)}")
    dest, location = _destination(destination, db)
    stats = SourceStats()
    source = vendor_source(
        spec.name, resources, client_kwargs=client_kwargs, stats=stats, progress=progress
    )
    names = list(source.resources.selected)
    dataset = f"real_estate_{spec.name}"
    if destination == "duckdb" and Path(location).stem == dataset:
        # DuckDB names the catalog after the file: the same name twice is ambiguous
        raise DestinationError(
            f"duckdb: the file {location!r} is named like the dataset {dataset!r}; "
            "DuckDB cannot tell them apart: choose another --db name"
        )
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        stack.enter_context(_explained(destination, db))
        # one run per destination: taken before anything is fetched or loaded
        if destination == "duckdb":
            stack.enter_context(duckdb_lock(Path(location)))
        else:
            stack.enter_context(postgres_lock(normalize_dsn(db or ""), dataset))
        if pipelines_dir is None:  # removed on every exit; a killed run's by the next run
            pipelines_dir = stack.enter_context(scratch_dir("real-estate-dlt-"))
        _uncompressed_files(dataset)
        extra: dict[str, Any] = {}
        if on_load_jobs is not None:
            extra["progress"] = _load_progress(on_load_jobs)
        pipeline = dlt.pipeline(
            pipeline_name=dataset,
            destination=dest,
            dataset_name=dataset,
            pipelines_dir=str(pipelines_dir),
            **extra,
        )
        # what run() does first: restore state (incremental cursors) from the destination
        pipeline.sync_destination()
        before = {} if full_refresh else _counts(pipeline, names)
        pipeline.extract(
            source,
            refresh="drop_resources" if full_refresh else None,
            # DuckDB reads JSONL natively: ~14x faster loads than dlt's default INSERTs
            loader_file_format="jsonl" if destination == "duckdb" else None,
        )
        with fast_rows():  # rows dlt would pass through unchanged skip its per-row typing
            pipeline.normalize()
        if on_load is not None:
            on_load()
        pipeline.load()
        trace = pipeline.last_trace
        info = trace.last_normalize_info if trace is not None else None
        counts = dict(info.row_counts) if info is not None else {}
        after = _counts(pipeline, names)
    tables = []
    for name in names:
        loaded = int(counts.get(name, 0))
        new = max(0, after.get(name, 0) - before.get(name, 0))
        tables.append(
            TableResult(
                name,
                stats.fetched.get(name, 0),
                loaded,
                min(new, loaded),
                max(0, loaded - new),
                stats.requests.get(name, 0),
                after.get(name, 0),
            )
        )
    return SyncResult(
        spec.name, destination, location, dataset, tuple(tables), time.monotonic() - started
    )


def _uncompressed_files(pipeline_name: str) -> None:
    """dlt's intermediate files (extracted rows, normalized load jobs) written plain.

    Both destinations read them on this machine (DuckDB's ``read_json``, PostgreSQL's
    INSERTs built here), so gzip only spends CPU: it was about a sixth of a sync's time.
    dlt's own setting, scoped to this pipeline's name (``<PIPELINE>__DATA_WRITER__...``,
    resolved before the unscoped key): a user's other pipelines keep their compression,
    and a value the user set for ours wins."""
    os.environ.setdefault(f"{pipeline_name.upper()}__DATA_WRITER__DISABLE_COMPRESSION", "true")


def _counts(pipeline: Any, tables: Sequence[str]) -> dict[str, int]:
    """Rows per table now (0 for a table that does not exist yet)."""
    from dlt.destinations.exceptions import DatabaseUndefinedRelation

    out: dict[str, int] = {}
    with pipeline.sql_client() as client:
        for table in tables:
            try:
                rows = client.execute_sql(
                    f"SELECT count(*) FROM {client.make_qualified_table_name(table)}"
                )
            except DatabaseUndefinedRelation:
                out[table] = 0
            else:
                out[table] = int(rows[0][0]) if rows else 0
    return out


@contextlib.contextmanager
def _explained(destination: str, db: str | None) -> Iterator[None]:
    """Every failure inside as one readable exception (see :func:`_explain`), the
    original kept as its cause for a debugging traceback."""
    try:
        yield
    except RealEstateError:
        raise
    except Exception as exc:
        explained = _explain(exc, destination, db)
        if explained is exc:
            raise
        if any(explained is link for link in _chain(exc)):
            raise explained from None  # the SDK's own error, or Ctrl-C, as it was raised
        raise explained from exc


def _chain(exc: BaseException) -> list[BaseException]:
    """``exc`` and what caused it, through dlt's wrappers (``.exception``)."""
    chain: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and all(cause is not seen for seen in chain):
        chain.append(cause)
        inner = getattr(cause, "exception", None)
        cause = (
            inner if isinstance(inner, BaseException) else (cause.__cause__ or cause.__context__)
        )
    return chain


# strerror texts of a full disk, as DuckDB and the C library word them
_DISK_FULL = (
    (errno.ENOSPC, "No space left on device"),
    (errno.EFBIG, "File too large"),
    (errno.EDQUOT, "Disk quota exceeded"),
)


def _explain(exc: BaseException, destination: str, db: str | None = None) -> BaseException:
    """One line for a dlt failure: ``KeyboardInterrupt`` if it was Ctrl-C or SIGTERM
    (dlt wraps them), the SDK's own error if the vendor failed, ``OSError`` for a local
    file error (disk full), :class:`DestinationLockedError` for a DuckDB file another
    program holds, otherwise a :class:`DestinationError` naming the cause (passwords
    hidden)."""
    chain = _chain(exc)
    for link in chain:
        if isinstance(link, KeyboardInterrupt):  # dlt's SignalReceivedException is one
            return link
    for link in chain:
        if isinstance(link, RealEstateError):
            return link
    for link in chain:
        if isinstance(link, OSError) and link.errno is not None:
            if link.filename is None and getattr(exc, "step", None) in ("extract", "normalize"):
                # a write to dlt's working files (no file name on a failed write): say
                # where, so a full temporary directory is not taken for the database
                work = getattr(getattr(exc, "pipeline", None), "working_dir", None)
                if work:
                    return OSError(link.errno, link.strerror or str(link), str(work))
            return link
    text = " ".join(" ".join(str(link).split()) for link in chain)
    held = re.search(
        r"Could not set lock on file .*?Conflicting lock is held in (\S+) \(PID (\d+)\)", text
    )
    if destination == "duckdb" and held:
        return DestinationLockedError(
            f"duckdb: {db or DEFAULT_DUCKDB} is in use by another program"
            f" ({Path(held.group(1)).name}, PID {held.group(2)}); close it and run again"
        )
    for code, words in _DISK_FULL:
        if words in text:
            return OSError(code, f"{destination}: {_root_message(chain[-1], db)}")
    if getattr(exc, "step", None) in ("extract", "normalize"):
        return exc  # not the destination's doing: a bug, shown as it is
    return DestinationError(f"{destination}: {_root_message(exc, db)}")


def _root_message(exc: BaseException, db: str | None) -> str:
    root = exc
    while True:
        inner = getattr(root, "exception", None) or root.__cause__
        if inner is None and type(root).__module__.startswith("dlt."):
            # dlt raises its connection errors inside the driver's except block: the
            # driver's own words, not dlt's guesses about credentials and the internet
            inner = root.__context__
        if not isinstance(inner, BaseException) or inner is root:
            break
        root = inner
    message = " ".join(str(root).split()) or type(root).__name__
    if len(message) > 300:
        message = message[:297] + "..."
    return redact_dsn(message, db)
