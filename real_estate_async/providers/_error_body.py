"""Reading vendors' error bodies: code, message and per-field rows, in the vendor's words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["code_and_message", "field_errors"]

_LIMIT = 500


def field_errors(errors: Any) -> str:
    """Field rows as one short line: ``{"email": ["is invalid"]}`` (Open To Close) or
    ``[{"field": "latitude", "message": "must be a number"}]`` (Ovipro) ->
    ``email: is invalid`` / ``latitude: must be a number``."""
    if isinstance(errors, Mapping):
        parts = []
        for key, value in errors.items():
            text = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
            parts.append(f"{key}: {text}")
        return ", ".join(parts)[:_LIMIT]
    if isinstance(errors, list):
        return ", ".join(_row(e) for e in errors)[:_LIMIT]
    return ""


def _row(row: Any) -> str:
    if not isinstance(row, Mapping):
        return str(row)
    where = row.get("field") or row.get("path") or row.get("name") or row.get("parameter")
    text = row.get("message") or row.get("errorMsg") or row.get("code") or row.get("errorCode")
    if text is None:
        return str(dict(row))
    return f"{where}: {text}" if where else str(text)


def code_and_message(
    body: Any, code_keys: tuple[str, ...], message_keys: tuple[str, ...]
) -> tuple[str | int | None, str | None]:
    """The first present code and message among ``code_keys``/``message_keys``, with the
    body's ``errors`` rows appended to the message."""
    if not isinstance(body, Mapping):
        return None, None
    code = next((body[k] for k in code_keys if body.get(k) not in (None, "")), None)
    if isinstance(code, bool) or not isinstance(code, (str, int)):
        code = None
    message: Any = next((body[k] for k in message_keys if body.get(k) not in (None, "")), None)
    text = None if message is None else str(message)
    details = field_errors(body.get("errors"))
    if details:
        text = f"{text} ({details})" if text else details
    return code, text
