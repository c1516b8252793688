"""Where a slice of records goes: a dlt destination (DuckDB/PostgreSQL, merged on the
primary key) or, without the dlt extra, JSONL files (one per slice, replaced atomically).

Both are idempotent per slice: a slice loaded twice (its worker died before the checkpoint
moved on) leaves every record once.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._errors import ConfigurationError

__all__ = [
    "DESTINATIONS",
    "dataset_name",
    "has_dlt",
    "primary_key",
    "resolve_destination",
    "write_slice",
]

DESTINATIONS = ("auto", "duckdb", "postgres", "jsonl")


def has_dlt() -> bool:
    try:
        import dlt  # noqa: F401
    except ImportError:
        return False
    return True


def resolve_destination(destination: str) -> str:
    """``auto``: DuckDB through dlt when the extra is installed, else JSONL files."""
    if destination not in DESTINATIONS:
        raise ConfigurationError(
            f"unknown destination {destination!r}; choose from {', '.join(DESTINATIONS)}"
        )
    if destination == "auto":
        return "duckdb" if has_dlt() else "jsonl"
    if destination != "jsonl" and not has_dlt():
        raise ConfigurationError(
            f"destination {destination!r} needs the dlt extra: pip install 'real_estate_async[dlt]'"
        )
    return destination


def dataset_name(provider: str, tenant: str) -> str:
    """``<provider>_<tenant>`` made safe as a schema name."""
    return re.sub(r"[^a-z0-9_]", "_", f"{provider}_{tenant}".lower())


def primary_key(provider: str, resource: str) -> str:
    if has_dlt():
        from ..integrations.dlt import VENDORS

        spec = VENDORS.get(provider)
        if spec is not None and resource in spec.resources:
            return spec.resources[resource].primary_key
    return "id"


def write_slice(
    destination: str,
    db: str | None,
    *,
    provider: str,
    tenant: str,
    resource: str,
    index: int,
    rows: Sequence[dict[str, Any]],
) -> None:
    """Write slice number ``index`` (blocking: run it in a thread)."""
    if destination == "jsonl":
        _jsonl(Path(db or "fleet-out"), provider, tenant, resource, index, rows)
    else:
        _dlt(destination, db, provider, tenant, resource, rows)


def _jsonl(
    root: Path, provider: str, tenant: str, resource: str, index: int, rows: Sequence[Any]
) -> None:
    folder = root / dataset_name(provider, tenant) / resource
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{index:08d}.jsonl"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".slice-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, separators=(",", ":"), ensure_ascii=False) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def _dlt(
    destination: str,
    db: str | None,
    provider: str,
    tenant: str,
    resource: str,
    rows: Sequence[dict[str, Any]],
) -> None:
    os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
    import dlt

    from ..integrations.dlt._normalize import fast_rows
    from ..integrations.dlt._runner import _destination, _explain, _uncompressed_files

    dataset = dataset_name(provider, tenant)
    name = f"fleet_{dataset}"
    # dlt's intermediate files live in a temporary folder for one load: gzip on them is
    # pure cost (about a sixth of a small load); scoped to this pipeline's name
    _uncompressed_files(name)
    dest, _location = _destination(destination, db)
    key = primary_key(provider, resource)
    if all(key in row for row in rows):
        # several slices loaded at once: a record listed twice (it moved between pages)
        # is loaded once, as its later copy, as two loads in a row would leave it
        with contextlib.suppress(TypeError):  # an unhashable key: dlt decides
            rows = list({row[key]: row for row in rows}.values())
    resource_ = dlt.resource(
        list(rows),
        name=resource,
        primary_key=key,
        write_disposition="merge",
    )
    with tempfile.TemporaryDirectory(prefix="real-estate-fleet-") as tmp:
        # nothing kept locally: the checkpoint is in Redis, the rows in the destination
        pipeline = dlt.pipeline(
            pipeline_name=name,
            destination=dest,
            dataset_name=dataset,
            pipelines_dir=tmp,
        )
        # DuckDB reads JSONL natively; PostgreSQL gets dlt's default INSERTs
        extra: dict[str, Any] = {"loader_file_format": "jsonl"} if destination == "duckdb" else {}
        try:
            with fast_rows():  # rows dlt would pass through unchanged skip its per-row typing
                pipeline.run(
                    dlt.source(lambda: [resource_], name=provider, max_table_nesting=0)(), **extra
                )
        except Exception as exc:
            raise _explain(exc, destination) from None
