"""What ``fleet worker`` hands to taskiq's own worker: the broker of the app named in
``REAL_ESTATE_FLEET_APP`` (``module:fleet``), imported in each worker process."""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import Any

from ._taskiq import Fleet

__all__ = ["load_app"]  # and `broker`, made on first lookup

DEFAULT_APP = "real_estate_async.workers.default:fleet"


def load_app(spec: str | None = None) -> Fleet:
    """The :class:`Fleet` object at ``spec`` (``module:name``)."""
    spec = spec or os.environ.get("REAL_ESTATE_FLEET_APP") or DEFAULT_APP
    module, _, name = spec.partition(":")
    # like `uvicorn` and `taskiq worker`: your module in the current directory is found
    # (a console script's sys.path starts at its own folder, not there)
    here = os.getcwd()
    if here not in sys.path:
        sys.path.insert(0, here)
    obj = getattr(import_module(module), name or "fleet")
    if not isinstance(obj, Fleet):
        raise TypeError(f"{spec} is not a real_estate_async.workers.Fleet")
    return obj


def __getattr__(name: str) -> Any:
    # looked up by taskiq in each worker process; not built when only load_app() is used
    if name == "broker":
        return load_app().broker
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
