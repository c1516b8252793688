"""Lofty API v1.0: ``LoftyClient`` and its models."""

from __future__ import annotations

from ._resource import CommunicationType, RoutingType
from .client import LoftyClient
from .models import *  # noqa: F403
from .models import __all__ as _models_all
from .published_models import *  # noqa: F403
from .published_models import __all__ as _published_all

__all__ = ["CommunicationType", "LoftyClient", "RoutingType", *_models_all, *_published_all]
