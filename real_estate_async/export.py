"""Stream any AsyncPager to JSONL or CSV with bounded memory, resumable after a crash.

After every page the output is flushed and fsynced, then a checkpoint holding the pager
state and the output's byte length is written atomically (temp file + rename). On resume
the output is cut back to that length, so a page half-written when the process died is
dropped and fetched again: the final file holds every record exactly once.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from .models import Model
from .pagination import AsyncPager

__all__ = ["ExportResult", "PagerFactory", "export", "load_checkpoint", "to_record"]

Format = Literal["jsonl", "csv"]
PagerFactory = Callable[[Mapping[str, Any] | None], AsyncPager[Any]]
ProgressCallback = Callable[["ExportResult"], Awaitable[None] | None]

_EXTRA_COLUMN = "_extra"


@attrs.define
class ExportResult:
    """Counters of one export (also passed to the progress callback after each page)."""

    path: Path
    records: int = 0
    pages: int = 0
    total: int | None = None
    resumed: bool = False
    done: bool = False
    started: float = attrs.field(factory=time.monotonic)
    elapsed: float = 0.0

    @property
    def rate(self) -> float:
        return self.records / self.elapsed if self.elapsed > 0 else 0.0


def to_record(item: Any) -> dict[str, Any]:
    """A JSON-ready dict for an item: models in the vendor's own keys, dicts as they are."""
    if isinstance(item, Model):
        return item.to_dict()
    if isinstance(item, Mapping):
        return dict(item)
    raise TypeError(f"cannot export {type(item).__name__}")


def checkpoint_path_for(path: Path) -> Path:
    return path.with_name(path.name + ".checkpoint.json")


def load_checkpoint(path: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The checkpoint saved beside an export's output file, if any."""
    cp = checkpoint_path_for(Path(path))
    if not cp.exists():
        return None
    data: dict[str, Any] = json.loads(cp.read_text())
    return data


def _write_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w") as fh:
        json.dump(data, fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _csv_rows(records: list[dict[str, Any]], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    known = set(columns)
    for record in records:
        row = [_csv_cell(record.get(c)) for c in columns[:-1]]
        extra = {k: v for k, v in record.items() if k not in known}
        row.append(json.dumps(extra, default=str) if extra else "")
        writer.writerow(row)
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, default=str)
    return value


async def export(
    make_pager: PagerFactory,
    path: str | os.PathLike[str],
    *,
    format: Format = "jsonl",
    resume: bool = False,
    progress: ProgressCallback | None = None,
    record: Callable[[Any], dict[str, Any]] = to_record,
) -> ExportResult:
    """Export every item of ``make_pager(resume_from)`` to ``path``.

    ``make_pager`` is called once, with the saved pager state when resuming (else
    ``None``). With ``resume=False`` an existing output and checkpoint are replaced.
    CSV columns are fixed by the first page; keys that appear later go to ``_extra`` as
    JSON, so nothing is lost.
    """
    if format not in ("jsonl", "csv"):
        raise ValueError(f"format must be 'jsonl' or 'csv', not {format!r}")
    out = Path(path)
    cp_path = checkpoint_path_for(out)
    checkpoint = load_checkpoint(out) if resume else None
    if checkpoint is not None and checkpoint.get("format") != format:
        raise ValueError(
            f"the checkpoint was written for {checkpoint.get('format')!r}, not {format!r}"
        )
    result = ExportResult(path=out, resumed=checkpoint is not None)
    columns: list[str] | None = None
    if checkpoint is not None:
        result.records = int(checkpoint["records"])
        result.pages = int(checkpoint["pages"])
        columns = checkpoint.get("columns")
        with open(out, "r+b") as fh:  # drop whatever was written after the checkpoint
            fh.truncate(int(checkpoint["bytes"]))
        if checkpoint.get("done"):
            result.done = True
            return result
    else:
        out.write_bytes(b"")
        cp_path.unlink(missing_ok=True)
    pager = make_pager(checkpoint["state"] if checkpoint else None)
    with open(out, "ab") as fh:
        async for page in pager.pages():
            records = [record(item) for item in page.items]
            if format == "jsonl":
                text = "".join(
                    json.dumps(r, default=str, ensure_ascii=False) + "\n" for r in records
                )
            else:
                if columns is None and records:
                    columns = [*dict.fromkeys(k for r in records for k in r), _EXTRA_COLUMN]
                    header = io.StringIO()
                    csv.writer(header).writerow(columns)
                    fh.write(header.getvalue().encode())
                text = _csv_rows(records, columns) if columns else ""
            fh.write(text.encode())
            fh.flush()
            os.fsync(fh.fileno())
            result.records += len(records)
            result.pages += 1
            result.total = pager.total
            result.done = pager.done
            result.elapsed = time.monotonic() - result.started
            _write_atomic(
                cp_path,
                {
                    "state": page.state,
                    "bytes": fh.tell(),
                    "records": result.records,
                    "pages": result.pages,
                    "format": format,
                    "columns": columns,
                    "done": pager.done,
                },
            )
            if progress is not None:
                maybe = progress(result)
                if maybe is not None:
                    await maybe
    result.done = True
    result.elapsed = time.monotonic() - result.started
    return result
