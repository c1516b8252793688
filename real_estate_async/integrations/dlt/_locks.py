"""One sync per destination at a time.

Two runs loading one dataset at once would both read the same incremental state, both
count every row as new and race on dlt's staging tables. So a run holds, for its whole
length:

- DuckDB: an exclusive ``flock`` on ``<file>.lock`` beside the database file, named
  after the resolved path (a symlink or a relative path reaches the same lock);
- PostgreSQL: a session advisory lock keyed by the dataset, on a connection of its own.

Both are released by the kernel or the server when the process dies, so a killed run
never leaves a destination locked. A second run is refused at once, never made to wait.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from ._errors import DestinationLockedError

__all__ = ["duckdb_lock", "postgres_lock"]


@contextlib.contextmanager
def duckdb_lock(database: Path) -> Iterator[Path]:
    """Hold ``<resolved database>.lock`` or raise :class:`DestinationLockedError`."""
    resolved = database.resolve()
    path = resolved.with_name(resolved.name + ".lock")
    # the lock file stays: removing it would let a third run lock a new inode
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        try:
            _flock(fd)
        except (BlockingIOError, PermissionError):
            raise DestinationLockedError(
                f"duckdb: {database} is being loaded by another sync (lock {path});"
                " wait for it to finish"
            ) from None
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _flock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows: a byte-range lock on the lock file
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)


def advisory_key(dataset: str) -> int:
    """The advisory lock key of ``dataset``: a stable signed 64-bit number."""
    digest = hashlib.blake2b(f"real_estate_async sync {dataset}".encode(), digest_size=8)
    return int.from_bytes(digest.digest(), "big", signed=True)


@contextlib.contextmanager
def postgres_lock(dsn: str, dataset: str) -> Iterator[None]:
    """Hold a session advisory lock for ``dataset`` in ``dsn``'s database or raise
    :class:`DestinationLockedError`. Connection errors are psycopg2's own."""
    psycopg2: Any = importlib.import_module("psycopg2")  # the dlt-postgres extra
    connection = psycopg2.connect(dsn)
    try:
        connection.autocommit = True  # no transaction stays open beside the load
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", (advisory_key(dataset),))
            row = cursor.fetchone()
        if not (row and row[0]):
            raise DestinationLockedError(
                f"postgres: dataset {dataset} is being loaded by another sync into this"
                " database; wait for it to finish"
            )
        yield
    finally:
        connection.close()  # the server drops the session's advisory locks
