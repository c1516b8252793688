"""What ``fleet worker`` hands to taskiq's own worker: the broker of the app named in
``REAL_ESTATE_FLEET_APP`` (``module:fleet``), imported in each worker process."""

from __future__ import annotations

import os
from importlib import import_module

from ._taskiq import Fleet

__all__ = ["broker", "load_app"]

DEFAULT_APP = "real_estate_async.workers.default:fleet"


def load_app(spec: str | None = None) -> Fleet:
    """The :class:`Fleet` object at ``spec`` (``module:name``)."""
    spec = spec or os.environ.get("REAL_ESTATE_FLEET_APP") or DEFAULT_APP
    module, _, name = spec.partition(":")
    obj = getattr(import_module(module), name or "fleet")
    if not isinstance(obj, Fleet):
        raise TypeError(f"{spec} is not a real_estate_async.workers.Fleet")
    return obj


broker = load_app().broker
