"""The export loop: pages in, bytes out, a checkpoint every so often off the event loop."""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import contextlib
import errno
import json
import os
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Literal

import attrs

from ..pagination import AsyncPager
from ._checkpoint import (
    CheckpointWriter,
    Snapshot,
    check_identity,
    checkpoint_path_for,
    read_checkpoint,
    verify_prefix,
)
from ._encode import EXTRA_COLUMN, csv_header, csv_page, jsonl_extend, to_record
from ._errors import ExportError, OutputDamagedError, OutputExistsError
from ._lock import OutputLock
from ._sink import Sink

Format = Literal["jsonl", "csv"]


def _quietly(future: asyncio.Future[Any] | concurrent.futures.Future[Any]) -> None:
    """Mark a hand-off's outcome as seen (the export already fails for another reason)."""
    if not future.cancelled():
        future.exception()


_MAX_QUEUED = 4  # hand-offs encoded, not yet written: 16 MiB at most when the disk lags
# One hand-off to the writer thread per 4 MiB: each wakes it and passes the GIL back and
# forth a few times: at 1 MiB that cost about a tenth of the export's rate (benchmark 7).
_FLUSH_BYTES = 1 << 22
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
PagerFactory = Callable[[Mapping[str, Any] | None], AsyncPager[Any]]
ProgressCallback = Callable[["ExportResult"], Awaitable[None] | None]


@attrs.define
class ExportResult:
    """Counters of one export (also passed to the progress callback after each page).

    ``records`` counts the whole file, ``resumed_records`` what an earlier run had already
    committed, ``committed`` what the last durable checkpoint covers.
    """

    path: Path
    records: int = 0
    pages: int = 0
    total: int | None = None
    resumed: bool = False
    done: bool = False
    resumed_records: int = 0
    committed: int = 0
    started: float = attrs.field(factory=time.monotonic)
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        """Records per second written by this run (a resume does not count the old ones)."""
        fresh = self.records - self.resumed_records
        return fresh / self.elapsed if self.elapsed > 0 else 0.0


def load_checkpoint(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The checkpoint saved beside an export's output file, if any."""
    return read_checkpoint(Path(path))


def _excerpt(body: str | bytes) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = " ".join(text.split())
    return repr(text[:60] + ("..." if len(text) > 60 else ""))


def _identity(identity: Mapping[str, Any] | None, format: str, allow_formulas: bool) -> Any:
    full = {**(identity or {}), "format": format}
    if format == "csv":
        full["allow_formulas"] = allow_formulas
    return json.loads(json.dumps(full, default=str))  # compare as the checkpoint stores it


def _refuse_or_plan(
    out: Path, saved: dict[str, Any] | None, identity: Any, resume: bool
) -> dict[str, Any] | None:
    """The checkpoint to resume from, ``None`` to start fresh; raise to refuse."""
    exists = out.exists()
    if saved is not None and not exists:
        raise OutputDamagedError(
            f"{checkpoint_path_for(out)} is a checkpoint without its output {out}:"
            " rerun with --overwrite to start over"
        )
    if resume:
        if saved is None:
            if exists and out.stat().st_size > 0:
                raise OutputExistsError(
                    f"{out} exists but has no checkpoint, so it is not a partial export:"
                    " rerun with --overwrite to replace it, or choose another --out"
                )
            return None
        check_identity(saved, identity, out)
        verify_prefix(out, saved)
        return saved
    if saved is not None and not saved["done"] and int(saved["bytes"]) == 0:
        # A partial export that committed no byte (killed before its first page) promises
        # nothing: start over instead of asking for --resume.
        return None
    if saved is not None:
        if saved["done"]:
            raise OutputExistsError(
                f"{out} holds a finished export ({saved['records']} records):"
                " rerun with --overwrite to replace it"
            )
        raise OutputExistsError(
            f"{out} holds a partial export ({saved['records']} records committed):"
            " run again with --resume, or --overwrite to start over"
        )
    if exists and out.stat().st_size > 0:
        raise OutputExistsError(f"{out} exists: rerun with --overwrite to replace it")
    return None


async def export(
    make_pager: PagerFactory,
    path: str | os.PathLike[str],
    *,
    format: Format = "jsonl",
    resume: bool = False,
    overwrite: bool = False,
    identity: Mapping[str, Any] | None = None,
    progress: ProgressCallback | None = None,
    record: Callable[[Any], dict[str, Any]] = to_record,
    allow_formulas: bool = False,
    header: Sequence[str] | None = None,
    checkpoint_interval: float = 1.0,
    on_checkpoint: Callable[[ExportResult], None] | None = None,
) -> ExportResult:
    """Export every item of ``make_pager(resume_from)`` to ``path``.

    ``make_pager`` is called once, with the saved pager state when resuming (else
    ``None``). An existing output is replaced only with ``overwrite=True``; ``resume=True``
    continues a partial export after checking that it is the same export (``identity``:
    provider, resource, filters...; plus ``format``) and that the file still holds exactly
    the committed bytes. One run per output: a second is refused while the first holds
    ``<out>.lock``. ``path`` is resolved first (symlinks followed): the lock and the
    checkpoint sit beside the file it names, however it is spelled.

    A fresh run that fails before committing a byte removes its output and checkpoint,
    so the rerun needs no ``resume``; a saved checkpoint that committed no byte is
    started over without ``resume`` too.

    A checkpoint is committed after the first page, then at most every
    ``checkpoint_interval`` seconds, in a worker thread; a kill loses at most the pages
    written since, and they are fetched again on resume. ``on_checkpoint`` is called (on
    the loop) each time one is durable. CSV columns are fixed by the first page with
    records (``header`` when there is none); later keys go to ``_extra`` as JSON, and cells
    starting with ``= + - @`` are neutralised unless ``allow_formulas``.

    Raises :class:`~real_estate_async.export.ExportRefusedError` subclasses before touching
    anything, :class:`~real_estate_async.export.ExportLockedError`, ``OSError`` (disk full),
    or whatever the pager raises; in every case the last checkpoint stays consistent.
    """
    if format not in ("jsonl", "csv"):
        raise ValueError(f"format must be 'jsonl' or 'csv', not {format!r}")
    if resume and overwrite:
        raise ValueError("resume and overwrite exclude each other")
    # Everything follows the file the path resolves to: two runs naming one file through
    # a symlink (or ``..``) meet at one lock and one checkpoint.
    out = Path(path).resolve()
    if out.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(out))
    ident = _identity(identity, format, allow_formulas)
    with OutputLock(out):
        if overwrite:
            saved = None
        else:
            saved = await asyncio.to_thread(
                lambda: _refuse_or_plan(out, read_checkpoint(out), ident, resume)
            )
        result = ExportResult(path=out, resumed=saved is not None)
        if saved is not None:
            result.records = result.resumed_records = result.committed = int(saved["records"])
            result.pages = int(saved["pages"])
            result.total = saved.get("total")
            if saved["done"]:
                result.done = True
                return result
        pager = make_pager(saved["state"] if saved is not None else None)
        if saved is None:
            # The old checkpoint goes first: a crash in between leaves no promise about
            # bytes that are gone. The old bytes are dropped by the writer thread once the
            # first checkpoint (0 bytes committed) is durable: truncating a large file
            # takes a while (a gigabyte: a few hundred ms), and it overlaps the first fetch.
            checkpoint_path_for(out).unlink(missing_ok=True)
            fd = os.open(out, os.O_RDWR | os.O_CREAT | _O_CLOEXEC, 0o644)
        else:
            fd = os.open(out, os.O_RDWR | _O_CLOEXEC)
        try:
            writer = CheckpointWriter(out, fd, ident)
        except BaseException:
            os.close(fd)
            raise
        try:
            return await _run(
                pager, fd, writer, result, saved, format=format, progress=progress,
                record=record, allow_formulas=allow_formulas, header=header,
                interval=checkpoint_interval, on_checkpoint=on_checkpoint,
            )  # fmt: skip
        except BaseException:
            if saved is None and _nothing_committed(writer):
                # A fresh run that failed before committing a byte (a wrong key, an
                # unreachable host): an empty partial export would only make the
                # corrected rerun ask for --resume. Removed while the lock is held.
                _discard(out)
            raise
        finally:
            writer.close()
            os.close(fd)


def _nothing_committed(writer: CheckpointWriter) -> bool:
    return writer.committed is None or writer.committed.bytes == 0


def _discard(out: Path) -> None:
    """Remove the checkpoint first (a crash in between leaves no promise), then the output."""
    cp = checkpoint_path_for(out)
    for path in (cp, cp.with_name(cp.name + ".tmp"), out):
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


async def _run(
    pager: AsyncPager[Any],
    fd: int,
    writer: CheckpointWriter,
    result: ExportResult,
    saved: Mapping[str, Any] | None,
    *,
    format: Format,
    progress: ProgressCallback | None,
    record: Callable[[Any], dict[str, Any]],
    allow_formulas: bool,
    header: Sequence[str] | None,
    interval: float,
    on_checkpoint: Callable[[ExportResult], None] | None,
) -> ExportResult:
    loop = asyncio.get_running_loop()
    size = int(saved["bytes"]) if saved is not None else 0
    crc = int(saved["crc32"]) if saved is not None else 0
    columns: list[str] | None = saved.get("columns") if saved is not None else None
    sink = Sink(fd, writer, size, crc)
    executor = ThreadPoolExecutor(1, thread_name_prefix="export-writer")
    # Plain futures, polled once a page: a write that completes wakes nobody (waking the
    # loop for each would cost a thread hand-off of the GIL); awaited only when waiting.
    writes: collections.deque[concurrent.futures.Future[None]] = collections.deque()
    inflight: asyncio.Future[Snapshot | None] | None = None
    last = float("-inf")
    seq = 0

    def meta(state: Mapping[str, Any] | None, done: bool = False) -> dict[str, Any]:
        nonlocal seq
        seq += 1
        return {
            "seq": seq, "state": state, "records": result.records, "pages": result.pages,
            "columns": columns, "done": done, "total": result.total,
        }  # fmt: skip

    def committed(snap: Snapshot | None) -> None:
        if snap is None:
            return
        result.committed = snap.records
        if on_checkpoint is not None:
            on_checkpoint(result)

    def on_saved(future: asyncio.Future[Snapshot | None]) -> None:
        if not future.cancelled() and future.exception() is None:
            committed(future.result())

    buffer = bytearray()  # pages encoded since the last hand-off to the writer thread
    buffered: dict[str, Any] | None = None

    def write(data: bytes, state: Mapping[str, Any] | None, done: bool = False) -> None:
        nonlocal buffered
        buffer.extend(data)
        buffered = meta(state, done)

    def flush() -> None:
        # One hand-off per ~4 MB rather than per page: each costs a thread wake-up. The
        # buffer itself goes to the writer thread (no copy); encoding goes on in a new one.
        # Detached before it is submitted, so an interrupt here can never write it twice.
        nonlocal buffer, buffered
        if buffered is not None:
            data, state = buffer, buffered
            buffer, buffered = bytearray(), None
            writes.append(executor.submit(sink.write, data, state))

    async def commit() -> None:
        committed(await loop.run_in_executor(executor, sink.checkpoint))

    try:
        if saved is None:
            write(b"", pager.state)
            flush()
            await commit()  # from now on the output is a partial export of ours
        # Everything past the committed bytes goes (an old file's content, a page
        # half-written when the last run died) before any page lands: the writer's first job.
        writes.append(executor.submit(sink.reset))
        async for page in pager.pages():
            if isinstance(page.raw, (str, bytes)):  # an HTML login page, a wrong host
                raise ExportError(
                    f"page {result.pages + 1} is text, not JSON (check the base URL):"
                    f" {_excerpt(page.raw)}"
                )
            items = page.items
            if format == "jsonl":  # one pass: records are encoded straight into the buffer
                mark = len(buffer)
                try:
                    jsonl_extend(buffer, items, None if record is to_record else record)
                except BaseException:
                    del buffer[mark:]  # never a part of a page under an earlier page's state
                    raise
                data, count = b"", len(items)
            elif records := [record(i) for i in items]:
                count = len(records)
                head = b""
                if columns is None:
                    columns = [*dict.fromkeys(k for r in records for k in r), EXTRA_COLUMN]
                    head = csv_header(columns)
                data = head + csv_page(records, columns, allow_formulas=allow_formulas)
            else:
                data, count = b"", 0
            result.records += count
            result.pages += 1
            result.total = pager.total
            result.elapsed = time.monotonic() - result.started
            write(data, page.state)
            now = time.monotonic()
            due = inflight is None and now - last >= interval
            if due or len(buffer) >= _FLUSH_BYTES:
                flush()
            while writes and writes[0].done():
                writes.popleft().result()  # a failed write (disk full) fails the export here
            if len(writes) > _MAX_QUEUED:  # the disk is slower than the vendor: wait
                # Shielded: a cancel here must not cancel the queued write itself (the
                # thread would skip it and later batches would land around a gap).
                await asyncio.shield(asyncio.wrap_future(writes.popleft()))
            if inflight is not None and inflight.done():
                inflight.result()  # so does a failed checkpoint
                inflight = None
            if due:
                last = now
                inflight = loop.run_in_executor(executor, sink.checkpoint)
                inflight.add_done_callback(on_saved)
            if progress is not None:
                maybe = progress(result)
                if maybe is not None:
                    await maybe
        if format == "csv" and columns is None and header is not None:
            columns = [*header, EXTRA_COLUMN]
            write(csv_header(columns), pager.state)
        write(b"", pager.state, done=True)
        flush()
        while writes:
            await asyncio.shield(asyncio.wrap_future(writes.popleft()))  # as above
        if inflight is not None:
            pending, inflight = inflight, None
            await pending
        await commit()
        result.done = True
    except BaseException:
        # Cancelled (Ctrl-C, SIGTERM), the vendor failed, the disk is full: let the queued
        # pages land, then commit every page written in full, so a resume loses nothing it
        # does not fetch again.
        # Not cancelled: a queued write that never ran would leave a gap under the later
        # ones. They run to the end here; their errors are this except's to report.
        for future in (*writes, inflight):
            if future is not None:
                future.add_done_callback(_quietly)
        executor.shutdown(wait=True)
        with contextlib.suppress(OSError):  # else the previous checkpoint still holds
            if buffered is not None:
                sink.write(buffer, buffered)
            committed(sink.checkpoint())
        raise
    finally:
        executor.shutdown(wait=True)
        result.elapsed = time.monotonic() - result.started
    return result
