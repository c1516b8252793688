"""Keep credentials out of URLs, headers and messages that reach errors, logs and reprs."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

REDACTED = "***"

# Query parameters and headers that carry a credential at some vendor.
SECRET_PARAMS = frozenset(
    {"api_key", "apikey", "api_token", "token", "access_token", "vendorkey", "key", "password"}
)
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key"})


def redact_url(url: str, secret_params: Iterable[str] = SECRET_PARAMS) -> str:
    """Return ``url`` with the value of every secret query parameter replaced by ``***``."""
    secret = {p.lower() for p in secret_params}
    parts = urlsplit(url)
    if not parts.query:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = "&".join(
        f"{quote(k, safe='')}={REDACTED if k.lower() in secret else quote(v, safe='')}"
        for k, v in pairs
    )
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def redact_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Copy of ``headers`` with credential-carrying values replaced by ``***``."""
    return {k: (REDACTED if k.lower() in SECRET_HEADERS else v) for k, v in headers.items()}


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every literal occurrence of a secret in ``text`` (for messages from libraries)."""
    for s in secrets:
        if s and len(s) >= 4:
            text = text.replace(s, REDACTED).replace(quote(s, safe=""), REDACTED)
    return text


def scrub_deep(value: Any, secrets: Iterable[str | None]) -> Any:
    """:func:`scrub` applied to every string inside a decoded JSON value."""
    secrets = tuple(secrets)
    if isinstance(value, str):
        return scrub(value, secrets)
    if isinstance(value, Mapping):
        return {k: scrub_deep(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub_deep(v, secrets) for v in value]
    return value


def fingerprint(secret: str) -> str:
    """A short, stable, non-reversible id for a credential (limiter keys, reprs)."""
    return hashlib.sha256(secret.encode()).hexdigest()[:12]
