"""real_estate_async: one asyncio SDK for Lofty, Brokermint, Open To Close and Ovipro."""

from __future__ import annotations

__version__ = "0.1.0"

from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    NotFoundError,
    PaginationError,
    PermissionDeniedError,
    RateLimitError,
    RealEstateError,
    ServerError,
    ValidationError,
)
from ._retry import RetryPolicy
from ._session import SessionClosedError, SessionManager
from .models import Model
from .pagination import AsyncPager, Page

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPager",
    "AuthenticationError",
    "ConfigurationError",
    "ConflictError",
    "Model",
    "NotFoundError",
    "Page",
    "PaginationError",
    "PermissionDeniedError",
    "RateLimitError",
    "RealEstateError",
    "RetryPolicy",
    "ServerError",
    "SessionClosedError",
    "SessionManager",
    "ValidationError",
    "__version__",
]
