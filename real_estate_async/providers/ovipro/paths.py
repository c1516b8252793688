"""The one table of Ovipro endpoints.

The Ovipro Agency API 1.0 document names the operations and their parameters but gives no
URL paths, so the REST shape below is inferred from the operation names. Every entry is
``"METHOD /path"`` with ``{placeholders}`` for path ids. Override any of them with
``OviproClient(paths={...})``: a value may be a full ``"METHOD /path"`` or just a
``"/path"`` (the default method is kept). Placeholders must stay the same.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from ..._errors import ConfigurationError

__all__ = ["DEFAULT_PATHS", "Endpoint", "resolve_paths"]

#: operation -> "METHOD /path/{placeholder}" (relative to the base URL).
DEFAULT_PATHS: Mapping[str, str] = {
    "agencies.find": "GET /agencies",
    "agencies.get": "GET /agencies/{agency_id}",
    "agency_offices.find": "GET /agency-offices",
    "agency_offices.get": "GET /agency-offices/{agency_office_id}",
    "agency_offices.update": "PUT /agency-offices/{agency_office_id}",
    "agency_offices.update_coordinates": "PUT /agency-offices/{agency_office_id}/coordinates",
    "agency_offices.update_contacts": "PUT /agency-offices/{agency_office_id}/contacts",
    "agency_offices.public_agents": "GET /agency-offices/{agency_office_id}/public-agents",
    "agency_offices.add_public_agent": "POST /agency-offices/{agency_office_id}/public-agents",
    "agency_offices.delete_public_agent": (
        "DELETE /agency-offices/{agency_office_id}/public-agents/{agent_id}"
    ),
    "agents.find": "GET /agents",
    "agents.get": "GET /agents/{agent_id}",
}

_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"})
_ENTRY = re.compile(r"^\s*(?:([A-Za-z]+)\s+)?(/\S*)\s*$")

Endpoint = tuple[str, str]  # (method, path template)


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _parse(operation: str, entry: str, default_method: str) -> Endpoint:
    match = _ENTRY.match(entry) if isinstance(entry, str) else None
    if match is None:
        raise ConfigurationError(
            f"paths[{operation!r}] must be 'METHOD /path' or '/path', got {entry!r}"
        )
    method = (match.group(1) or default_method).upper()
    if method not in _METHODS:
        raise ConfigurationError(f"paths[{operation!r}]: unknown HTTP method {method!r}")
    return method, match.group(2)


def resolve_paths(overrides: Mapping[str, str] | None = None) -> dict[str, Endpoint]:
    """The defaults with ``overrides`` merged over them, checked at construction time."""
    table: dict[str, Endpoint] = {}
    for operation, entry in DEFAULT_PATHS.items():
        table[operation] = _parse(operation, entry, "GET")
    for operation, entry in (overrides or {}).items():
        if operation not in table:
            raise ConfigurationError(
                f"unknown Ovipro operation {operation!r} in paths; known: {sorted(table)}"
            )
        default_method, default_path = table[operation]
        method, path = _parse(operation, entry, default_method)
        if _placeholders(path) != _placeholders(default_path):
            raise ConfigurationError(
                f"paths[{operation!r}] must use the placeholders "
                f"{sorted(_placeholders(default_path))}, got {path!r}"
            )
        table[operation] = (method, path)
    return table
