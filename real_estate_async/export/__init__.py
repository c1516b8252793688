"""Stream any AsyncPager to JSONL or CSV with bounded memory, resumable after a crash.

Pages are written as they come; a checkpoint beside the output records what the export
is (provider, resource, filters, format) and which bytes are committed (length and
CRC-32), committed off the event loop after the first page and then every second. On
resume the file is checked against the checkpoint, cut back to the committed length (a
page half-written when the process died is dropped and fetched again), and continued:
the final file holds every record exactly once. See docs/EXPORT.md.
"""

from ._checkpoint import SCHEMA_VERSION, checkpoint_path_for
from ._encode import neutralise, to_record
from ._errors import (
    CheckpointMismatchError,
    ExportError,
    ExportLockedError,
    ExportRefusedError,
    OutputDamagedError,
    OutputExistsError,
)
from ._lock import lock_path_for
from ._run import ExportResult, Format, PagerFactory, export, load_checkpoint

__all__ = [
    "SCHEMA_VERSION",
    "CheckpointMismatchError",
    "ExportError",
    "ExportLockedError",
    "ExportRefusedError",
    "ExportResult",
    "Format",
    "OutputDamagedError",
    "OutputExistsError",
    "PagerFactory",
    "checkpoint_path_for",
    "export",
    "load_checkpoint",
    "lock_path_for",
    "neutralise",
    "to_record",
]
