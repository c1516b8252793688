"""Ovipro adapter: ``OviproClient``, its models and the endpoint path table."""

from __future__ import annotations

from ._validate import UUID_PATTERN
from .client import DEFAULT_BASE_URL, OviproClient, TokenProvider
from .models import Agency, AgencyOffice, Agent, AgentSearchResult, OfficeContact, OviproModel
from .paths import DEFAULT_PATHS

__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_PATHS",
    "UUID_PATTERN",
    "Agency",
    "AgencyOffice",
    "Agent",
    "AgentSearchResult",
    "OfficeContact",
    "OviproClient",
    "OviproModel",
    "TokenProvider",
]
