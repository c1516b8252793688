"""The names vendor adapters build on, where they have always been importable.

The core lives at the package's top level (``real_estate_async._client``,
``_pipeline``, ``_error_mapping``, ``_resource``); this module re-exports its public
names so ``from real_estate_async.providers.base import ProviderClient`` keeps working.
"""

from __future__ import annotations

from .._client import ProviderClient, RateLimitSpec
from .._resource import Body, Resource, items_in, model_parser, unwrap

__all__ = [
    "Body",
    "ProviderClient",
    "RateLimitSpec",
    "Resource",
    "items_in",
    "model_parser",
    "unwrap",
]
