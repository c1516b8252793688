"""Text that UTF-8 cannot hold, escaped before dlt sees it.

A lone surrogate (``"\\ud800"``) is a valid JSON escape, so a vendor can send one, but no
UTF-8 file or database column can hold it: dlt fails the whole resource on such a record,
run after run, and the resource's cursor never moves. The export writes that character
as its escape ``\\ud800`` (Python's ``backslashreplace``); a sync applies the same rule, so
the column holds the text the export's CSV shows and the other records load.
"""

from __future__ import annotations

import json
from typing import Any

from ..._orjson import orjson

__all__ = ["escape_unencodable"]


def _encodes(value: Any) -> bool:
    try:
        if orjson is not None:
            orjson.dumps(value)
        else:  # pragma: no cover - depends on the environment
            json.dumps(value, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError):  # surrogates (and ints past 64 bits, left to dlt)
        return False
    return True


def escape_unencodable(page: list[Any]) -> list[Any]:
    """``page`` itself when all of it encodes (one C-speed check per page), else a copy
    whose unencodable text (values and keys) is escaped."""
    if _encodes(page):
        return page
    return [row if _encodes(row) else _escape(row) for row in page]


def _escape(value: Any) -> Any:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-8", "backslashreplace").decode("utf-8")
        return value
    if isinstance(value, dict):
        return {_escape(k): _escape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_escape(v) for v in value]
    return value
