"""The request pipeline's parts: per-call options, header checks, reading a capped body,
decoding JSON."""

from __future__ import annotations

import json as _json
import re
from collections.abc import Callable, Mapping
from typing import Any

import aiohttp
import attrs
from aiohttp import hdrs

from ._orjson import orjson


@attrs.frozen
class _Call:
    """Per-call options after defaults are applied."""

    timeout: float
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, Any]
    retry_non_idempotent: bool
    expects_json: bool  # False when the caller asked for another type (Accept: application/xml)


_NO_HEADERS: Mapping[str, str] = {}
# What aiohttp refuses in a header name or value (RFC 9110, section 5.5): controls but tab.
_FORBIDDEN_HEADER_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _check_headers(headers: Mapping[str, Any]) -> None:
    """Refuse what aiohttp would refuse while sending, with the same exception types:
    ``TypeError`` for a name or value that is not a string, ``ValueError`` for a control
    character (header injection). Values are never quoted (they may be credentials)."""
    search = _FORBIDDEN_HEADER_CHARS.search
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            what = "name" if not isinstance(name, str) else f"{name!r} value"
            bad = name if not isinstance(name, str) else value
            raise TypeError(f"header {what} must be a str, not {type(bad).__name__}")
        if search(value) is not None or search(name) is not None:
            raise ValueError(f"header {name!r}: control characters (CR, LF, NUL) are not allowed")


class _TooLarge(Exception):
    """The body passed the size cap (internal: becomes an APIResponseError)."""

    def __init__(self, head: bytes) -> None:
        super().__init__(len(head))
        self.head = head


_SESSION_CLOSED = RuntimeError("session closed")


async def _read_capped(resp: aiohttp.ClientResponse, cap: int) -> bytes:
    """The whole body, or ``_TooLarge`` past ``cap`` bytes (counted after decompression).

    The caller takes the fast path (``resp.read()``) when Content-Length says the body is
    plain and under the cap; here the size is unknown, compressed or too large.
    """
    length = resp.headers.get(hdrs.CONTENT_LENGTH)
    if length is not None and hdrs.CONTENT_ENCODING not in resp.headers:
        raise _TooLarge(b"")  # a plain body said to be too large: do not read it at all
    chunks: list[bytes] = []
    total = 0
    async for chunk in resp.content.iter_any():
        total += len(chunk)
        if total > cap:
            raise _TooLarge(chunks[0][:200] if chunks else chunk[:200])
        chunks.append(chunk)
    return b"".join(chunks)


def _expects_json(headers: Mapping[str, str]) -> bool:
    for key, value in headers.items():
        if key.lower() == "accept":
            return "json" in str(value).lower() or "*/*" in str(value)
    return True


def _decode_json(raw: bytes) -> Any:
    """The decoded JSON; ``ValueError`` when the body is not JSON (or absurdly nested)."""
    try:
        try:
            return _loads(raw)
        except ValueError:
            pass
        return _json.loads(raw)  # orjson refuses a few things json accepts (NaN, huge ints)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def _decode_body(raw: bytes) -> Any:
    """JSON when the body is JSON, ``None`` when empty, else the text (error bodies)."""
    if not raw.strip():
        return None
    try:
        return _decode_json(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


# The "speed" extra: orjson decodes large pages about twice as fast as json.
_loads: Callable[[bytes], Any] = orjson.loads if orjson is not None else _json.loads
