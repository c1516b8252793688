"""The checkpoint beside an output: what the export is, and which bytes are committed.

``<out>.checkpoint.json`` holds the export's identity (provider, resource, filters, format,
options, schema version), the pager state after the last committed page, and the length
and CRC-32 of the output's committed prefix, kept incrementally as pages are written. It is
replaced atomically (temp file, fsync, rename, fsync of the directory), after the output
itself is fsynced, so whatever a crash leaves, the checkpoint never promises bytes the
disk does not hold.
"""

from __future__ import annotations

import json
import os
import threading
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ._errors import CheckpointMismatchError, OutputDamagedError

SCHEMA_VERSION = 2
_REQUIRED = {"schema": int, "identity": dict, "bytes": int, "crc32": int, "records": int,
             "pages": int, "done": bool}  # fmt: skip
_CHUNK = 1 << 20
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_O_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


def checkpoint_path_for(path: Path) -> Path:
    """``<out>.checkpoint.json`` beside the file ``path`` resolves to (symlinks followed),
    so a run through a symlink finds the checkpoint of a run through the real path."""
    real = Path(path).resolve()
    return real.with_name(real.name + ".checkpoint.json")


@attrs.frozen
class Snapshot:
    """What one checkpoint commits; taken on the event loop right after a page is written."""

    seq: int
    state: Mapping[str, Any] | None
    bytes: int
    crc32: int
    records: int
    pages: int
    columns: list[str] | None
    done: bool
    total: int | None

    def to_json(self, identity: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "identity": dict(identity),
            "state": self.state,
            "bytes": self.bytes,
            "crc32": self.crc32,
            "records": self.records,
            "pages": self.pages,
            "columns": self.columns,
            "done": self.done,
            "total": self.total,
        }


def _damaged(out: Path, why: str) -> OutputDamagedError:
    return OutputDamagedError(
        f"{why}; cannot resume {out}: rerun with --overwrite to start over"
        " (or restore the file from a backup)"
    )


def read_checkpoint(out: Path) -> dict[str, Any] | None:
    """The parsed checkpoint of ``out``, ``None`` if there is none.

    Raises :class:`OutputDamagedError` for a file that is not a checkpoint of this schema.
    """
    cp = checkpoint_path_for(out)
    try:
        text = cp.read_bytes()
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        raise _damaged(out, f"the checkpoint {cp} is corrupt (not JSON)") from None
    if not isinstance(data, dict):
        raise _damaged(out, f"the checkpoint {cp} is corrupt (not an object)")
    if data.get("schema") != SCHEMA_VERSION:
        raise _damaged(
            out, f"the checkpoint {cp} was written by another version (schema {data.get('schema')})"
        )
    for key, kind in _REQUIRED.items():
        if not isinstance(data.get(key), kind):
            raise _damaged(out, f"the checkpoint {cp} is corrupt ({key!r} missing or invalid)")
    return data


def _describe(identity: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in identity.items() if v is not None) or "nothing"


def check_identity(saved: Mapping[str, Any], identity: Mapping[str, Any], out: Path) -> None:
    """Refuse to resume an export as something else (another resource, format, filter)."""
    theirs = saved["identity"]
    if dict(theirs) != dict(identity):
        diff = {k for k in {*theirs, *identity} if theirs.get(k) != identity.get(k)}
        was = {k: theirs.get(k) for k in sorted(diff)}
        now = {k: identity.get(k) for k in sorted(diff)}
        raise CheckpointMismatchError(
            f"{out} holds an export of {_describe(was)}, not {_describe(now)}:"
            " resume it with the same arguments, or choose another --out"
        )


def crc_of_prefix(out: Path, length: int) -> int:
    crc = 0
    with open(out, "rb") as fh:
        remaining = length
        while remaining:
            chunk = fh.read(min(_CHUNK, remaining))
            if not chunk:
                break
            crc = zlib.crc32(chunk, crc)
            remaining -= len(chunk)
    return crc


def verify_prefix(out: Path, saved: Mapping[str, Any]) -> None:
    """The output must still start with exactly the bytes the checkpoint committed."""
    try:
        size = out.stat().st_size
    except FileNotFoundError:
        raise _damaged(out, "the output is missing but its checkpoint exists") from None
    committed = int(saved["bytes"])
    if size < committed:
        raise _damaged(out, f"the output is shorter ({size} bytes) than committed ({committed})")
    if saved["done"] and size != committed:
        raise _damaged(
            out, f"the finished output was changed ({size} bytes, {committed} committed)"
        )
    if crc_of_prefix(out, committed) != saved["crc32"]:
        raise _damaged(
            out, f"the output's first {committed} bytes were changed since the checkpoint"
        )


class CheckpointWriter:
    """Commits snapshots; safe to call from a worker thread and from the loop at the end.

    A snapshot older than the last one committed is skipped, so a late background save
    never rolls the checkpoint back.
    """

    def __init__(self, out: Path, out_fd: int, identity: Mapping[str, Any]) -> None:
        self.path = checkpoint_path_for(out)
        self._tmp = self.path.with_name(self.path.name + ".tmp")
        self._out_fd = out_fd
        self._identity = dict(identity)
        self._lock = threading.Lock()
        self._saved = -1
        self._closed = False
        try:
            self._dir_fd: int | None = os.open(out.parent, os.O_RDONLY | _O_DIRECTORY)
        except OSError:  # pragma: no cover - Windows cannot open a directory
            self._dir_fd = None
        self.committed: Snapshot | None = None

    def sync_dir(self) -> None:
        if self._dir_fd is not None:
            os.fsync(self._dir_fd)

    def save(self, snap: Snapshot) -> bool:
        """Make ``snap`` durable; ``False`` if a newer one already is (or we are closed)."""
        with self._lock:
            if self._closed or snap.seq <= self._saved:
                return False
            os.fsync(self._out_fd)  # the bytes first, then the promise about them
            data = json.dumps(snap.to_json(self._identity)).encode()
            fd = os.open(self._tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _O_CLOEXEC, 0o644)
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fsync(fd)
            finally:
                os.close(fd)
            os.replace(self._tmp, self.path)
            self.sync_dir()  # the rename itself survives a power cut
            self._saved = snap.seq
            self.committed = snap
            return True

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                if self._dir_fd is not None:
                    os.close(self._dir_fd)
