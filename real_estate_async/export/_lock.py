"""One writer per output: an exclusive ``flock`` on ``<out>.lock`` held for the whole run.

The lock sits beside the resolved output (symlinks followed), so two runs that name one
file by different paths (a symlink, ``..``, a relative path) still meet at one lock.
"""

from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

from ._errors import ExportLockedError


def lock_path_for(path: Path) -> Path:
    """``<out>.lock`` beside the file ``path`` resolves to (symlinks followed)."""
    real = Path(path).resolve()
    return real.with_name(real.name + ".lock")


class OutputLock:
    """``with OutputLock(out):`` or raise :class:`ExportLockedError` at once (no waiting).

    The lock file stays behind on purpose: deleting it would let a third run lock a new
    inode while the second still holds the old one. The kernel drops the lock when the
    process dies, so a killed run never leaves the output locked.
    """

    def __init__(self, path: Path) -> None:
        self.path = lock_path_for(path)
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            _lock(fd)
        except (BlockingIOError, PermissionError):
            os.close(fd)
            raise ExportLockedError(
                f"{self.path.name[: -len('.lock')]} is being written by another export"
                f" (lock {self.path}); wait for it to finish"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


def _lock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    else:  # pragma: no cover - Windows: a byte-range lock on the lock file
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
