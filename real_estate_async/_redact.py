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
SECRET_HEADERS = frozenset(
    {"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"}
)


def redact_url(url: str, secret_params: Iterable[str] = SECRET_PARAMS) -> str:
    """Return ``url`` with the value of every secret query parameter, and any password in
    its user-info part (``https://user:pass@host``), replaced by ``***``."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL at all (a message with brackets, say): leave it
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user, colon, _password = userinfo.partition(":")
        netloc = f"{user}:{REDACTED}@{host}" if colon else netloc
    if not parts.query:
        if netloc == parts.netloc:
            return url
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    secret = {p.lower() for p in secret_params}
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = "&".join(
        f"{quote(k, safe='')}={REDACTED if k.lower() in secret else quote(v, safe='')}"
        for k, v in pairs
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def url_password(url: str) -> str | None:
    """The password in ``url``'s user-info part, if any (to scrub it from messages)."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return None
    return password or None


def redact_headers(
    headers: Mapping[str, str],
    secret_params: Iterable[str] = SECRET_PARAMS,
    secrets: Iterable[str | None] = (),
) -> dict[str, str]:
    """Copy of ``headers`` with credential-carrying values replaced by ``***``.

    Servers echo the request URL back (``Location``, ``X-Echo-Url``...), so every other
    value that looks like a URL has its secret query parameters redacted, and every literal
    secret is scrubbed.
    """
    params = tuple(secret_params)
    secrets = tuple(secrets)
    out: dict[str, str] = {}
    for key, value in headers.items():
        if key.lower() in SECRET_HEADERS:
            out[key] = REDACTED
            continue
        text = str(value)
        if "?" in text or "@" in text:
            text = redact_url(text, params)
        out[key] = scrub(text, secrets)
    return out


def scrub(text: str, secrets: Iterable[str | None]) -> str:
    """Replace every literal occurrence of a secret in ``text`` (for messages from libraries)."""
    for s in secrets:
        if s and len(s) >= 4:
            text = text.replace(s, REDACTED).replace(quote(s, safe=""), REDACTED)
    return text


def scrub_deep(value: Any, secrets: Iterable[str | None]) -> Any:
    """:func:`scrub` applied to every string inside a decoded JSON value (a copy).

    Iterative, so a hostile, deeply nested body cannot raise ``RecursionError``.
    """
    secrets = tuple(secrets)
    root: list[Any] = [value]
    stack: list[tuple[Any, Any]] = [(root, 0)]
    while stack:
        container, key = stack.pop()
        item = container[key]
        if isinstance(item, str):
            container[key] = scrub(item, secrets)
        elif isinstance(item, Mapping):
            mapping = dict(item)
            container[key] = mapping
            stack.extend((mapping, k) for k in mapping)
        elif isinstance(item, list):
            items = list(item)
            container[key] = items
            stack.extend((items, i) for i in range(len(items)))
    return root[0]


def secret_fingerprint(secret: str) -> str:
    """A short, stable, non-reversible id for a credential (limiter keys, reprs)."""
    return hashlib.sha256(secret.encode()).hexdigest()[:12]
