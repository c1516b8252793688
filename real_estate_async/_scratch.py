"""Temporary working directories that do not outlive their process.

``scratch_dir(prefix)`` makes ``<tmp>/<prefix><pid>-<random>`` and removes it on every
exit the process lives through (success, an error, Ctrl-C, SIGTERM turned into an
exception). A process killed with SIGKILL cannot clean up after itself, so each call first
removes this user's directories of the same prefix whose process is gone: what they hold
(a sync's load packages of vendor records, a demo's files) is nothing anyone can resume,
and it should not lie around.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["clean_stale", "scratch_dir"]


@contextlib.contextmanager
def scratch_dir(prefix: str) -> Iterator[Path]:
    """A fresh directory named after this process, removed when the block ends."""
    clean_stale(prefix)
    path = Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def clean_stale(prefix: str, root: str | os.PathLike[str] | None = None) -> list[Path]:
    """Remove the ``<prefix><pid>-*`` directories in ``root`` (the temp dir) that belong
    to this user and whose process no longer runs; return what was removed."""
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) would end the process
        return []
    removed = []
    pattern = re.compile(re.escape(prefix) + r"(\d+)-[^/]+")
    base = Path(root if root is not None else tempfile.gettempdir())
    try:
        entries = list(base.iterdir())
    except OSError:
        return []
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None or int(found.group(1)) == os.getpid():
            continue
        try:
            info = entry.lstat()
        except OSError:
            continue
        # a symlink or someone else's directory is never ours to remove
        if not entry.is_dir() or entry.is_symlink() or info.st_uid != os.getuid():
            continue
        if not _alive(int(found.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process (or a bogus name)
        return True
    return True
