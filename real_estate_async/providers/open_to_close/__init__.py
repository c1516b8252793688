"""Open To Close adapter: ``OpenToCloseClient`` and its models."""

from __future__ import annotations

from .client import OpenToCloseClient
from .models import (
    Agent,
    Contact,
    DateTimeValue,
    OpenToCloseModel,
    Property,
    PropertyContact,
    PropertyDocument,
    PropertyEmail,
    PropertyField,
    PropertyNote,
    PropertyTask,
    Tag,
    Team,
    User,
)

__all__ = [
    "Agent",
    "Contact",
    "DateTimeValue",
    "OpenToCloseClient",
    "OpenToCloseModel",
    "Property",
    "PropertyContact",
    "PropertyDocument",
    "PropertyEmail",
    "PropertyField",
    "PropertyNote",
    "PropertyTask",
    "Tag",
    "Team",
    "User",
]
