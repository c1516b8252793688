"""Why an export refused to start: each says what to do next, in one line."""

from __future__ import annotations

from .._errors import RealEstateError

__all__ = [
    "CheckpointMismatchError",
    "ExportError",
    "ExportLockedError",
    "ExportRefusedError",
    "OutputDamagedError",
    "OutputExistsError",
]


class ExportError(RealEstateError):
    """Base of the errors raised by :func:`real_estate_async.export.export` itself."""


class ExportRefusedError(ExportError):
    """The export did not start and touched nothing (the CLI exits with 2)."""


class CheckpointMismatchError(ExportRefusedError):
    """``resume`` with a different provider, resource, filters, format or options."""


class OutputDamagedError(ExportRefusedError):
    """The output no longer holds the bytes its checkpoint committed, or the checkpoint
    itself is unreadable or orphaned."""


class OutputExistsError(ExportRefusedError):
    """The output exists and neither ``resume`` nor ``overwrite`` was asked for."""


class ExportLockedError(ExportError):
    """Another run holds the output's lock (the CLI exits with 75, "try again later")."""
