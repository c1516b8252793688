"""The optional ``speed`` extra, imported in one place: ``orjson`` when installed, else None.

Decoding pages, encoding export lines and keying pages all use it when present and fall
back to the standard library's ``json`` otherwise.
"""

from __future__ import annotations

try:
    import orjson
except ImportError:  # pragma: no cover - depends on the environment
    orjson = None  # type: ignore[assignment]

__all__ = ["orjson"]
