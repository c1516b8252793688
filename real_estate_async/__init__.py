"""real_estate_async: one asyncio SDK for Lofty, Brokermint, Open To Close and Ovipro."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from ._errors import (
    APIConnectionError,
    APIResponseError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    NotFoundError,
    OpenToCloseAPIError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    RealEstateError,
    ResponseShapeError,
    ServerError,
    ValidationError,
)
from ._response import APIResponse, with_response
from ._retry import RetryPolicy
from ._session import SessionClosedError, SessionManager
from .models import FieldValueError, Model
from .pagination import AsyncPager, Page

if TYPE_CHECKING:
    from .providers.brokermint import BrokermintClient
    from .providers.lofty import LoftyClient
    from .providers.open_to_close import OpenToCloseClient
    from .providers.ovipro import OviproClient

# Vendor clients load on first use, so importing the package stays cheap.
_CLIENTS = {
    "LoftyClient": "lofty",
    "BrokermintClient": "brokermint",
    "OpenToCloseClient": "open_to_close",
    "OviproClient": "ovipro",
}


def __getattr__(name: str) -> Any:
    module = _CLIENTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".providers.{module}", __name__), name)


__all__ = [
    "APIConnectionError",
    "APIResponse",
    "APIResponseError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPager",
    "AuthenticationError",
    "BrokermintClient",
    "ConfigurationError",
    "ConflictError",
    "FieldValueError",
    "LoftyClient",
    "Model",
    "NotFoundError",
    "OpenToCloseAPIError",
    "OpenToCloseClient",
    "OviproClient",
    "Page",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RealEstateError",
    "ResponseShapeError",
    "RetryPolicy",
    "ServerError",
    "SessionClosedError",
    "SessionManager",
    "ValidationError",
    "__version__",
    "with_response",
]
