"""Why a sync could not use its destination."""

from __future__ import annotations

from ..._errors import ConfigurationError

__all__ = ["DestinationError", "DestinationLockedError"]


class DestinationError(ConfigurationError):
    """The destination cannot be used (bad name, path or DSN; server unreachable)."""


class DestinationLockedError(DestinationError):
    """Another sync is loading the same destination (the CLI exits with 75, "try again
    later"); also a DuckDB file that another program holds open."""
