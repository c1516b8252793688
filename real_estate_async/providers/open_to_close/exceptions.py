"""The sync ``open_to_close`` SDK's exception names (``open_to_close.exceptions``, as the
Open To Close Agents and Property Contacts API documentation name them), so ported code
changes only its import line: every status error of this SDK is an
:class:`OpenToCloseAPIError` (an alias of ``APIStatusError``)."""

from __future__ import annotations

from ..._errors import (
    AuthenticationError,
    NotFoundError,
    OpenToCloseAPIError,
    RateLimitError,
    ServerError,
    ValidationError,
)

__all__ = [
    "AuthenticationError",
    "NotFoundError",
    "OpenToCloseAPIError",
    "RateLimitError",
    "ServerError",
    "ValidationError",
]
