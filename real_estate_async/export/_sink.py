"""The output's writer thread side: pages land on disk in order, checksummed as they go."""

from __future__ import annotations

import contextlib
import os
import zlib
from typing import Any

from ._checkpoint import CheckpointWriter, Snapshot


def _write_all(fd: int, data: bytes | bytearray) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


_fadvise = getattr(os, "posix_fadvise", None)
_DONTNEED = getattr(os, "POSIX_FADV_DONTNEED", 0)


def _start_writeback(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start writing a range out now (Linux: ``POSIX_FADV_DONTNEED``
    starts writeback of its dirty pages, asynchronously): the next checkpoint's fsync then
    waits for the last hand-off only, not for every byte since the previous one, and the
    last checkpoint is awaited before the export returns. Durability is still the fsync's."""
    if _fadvise is not None:
        with contextlib.suppress(OSError):  # advice only: refused, it changes nothing
            _fadvise(fd, offset, length, _DONTNEED)


class Sink:
    """The output's writer thread: pages are written, checksummed and checkpointed there
    in order (one thread, FIFO), so the event loop only fetches and encodes. ``os.write``
    and ``zlib.crc32`` release the GIL: writing overlaps the next page's encoding."""

    def __init__(self, fd: int, writer: CheckpointWriter, size: int, crc: int) -> None:
        self.fd, self.writer = fd, writer
        self.size, self.crc = size, crc
        self.failed = False
        self.latest: Snapshot | None = None

    def reset(self) -> None:
        """Cut the output to the committed bytes and write from there."""
        try:
            os.ftruncate(self.fd, self.size)
            os.lseek(self.fd, self.size, os.SEEK_SET)
        except BaseException:
            self.failed = True  # nothing may land over bytes that were not cut
            raise

    def write(self, data: bytes | bytearray, meta: dict[str, Any]) -> None:
        if self.failed:
            return  # after a failed write nothing more may land past it
        try:
            if data:
                _write_all(self.fd, data)
        except BaseException:
            self.failed = True
            raise
        if data:
            _start_writeback(self.fd, self.size, len(data))
            self.crc = zlib.crc32(data, self.crc)
            self.size += len(data)
        self.latest = Snapshot(bytes=self.size, crc32=self.crc, **meta)

    def checkpoint(self) -> Snapshot | None:
        snap = self.latest
        if snap is None or not self.writer.save(snap):
            return None
        return snap
