"""PostgreSQL DSNs: recognise them, hide their password, make them safe for libpq.

Shared by ``sync`` (dlt) and ``webhooks serve`` (no dlt), so neither needs the other's
dependencies to keep a password out of its messages.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

__all__ = ["POSTGRES_HINT", "is_postgres_dsn", "normalize_dsn", "redact_dsn"]

#: How to get the PostgreSQL driver (psycopg2).
POSTGRES_HINT = "pip install 'real_estate_async[dlt-postgres]'"

# the password runs to the last "@" of the URL: it may hold "@" itself (typed unencoded)
_PASSWORD_RE = re.compile(r"(://[^:/\s]*:)(\S*)@")
_KEYWORD_RE = re.compile(r"(password\s*=\s*)('[^']*'|\S+)", re.IGNORECASE)
_POSTGRES_RE = re.compile(r"^postgres(ql)?://")


def is_postgres_dsn(text: str) -> bool:
    """``postgresql://...`` or ``postgres://...``."""
    return bool(_POSTGRES_RE.match(text))


def redact_dsn(text: str, dsn: str | None = None) -> str:
    """``postgresql://user:secret@host`` -> ``postgresql://user:***@host``; with ``dsn``,
    its password is also hidden wherever else it appears in ``text``."""
    text = _KEYWORD_RE.sub(r"\1***", _PASSWORD_RE.sub(r"\1***@", text))
    password = _dsn_password(dsn) if dsn else None
    if password:
        for form in {password, unquote(password), _encode_userinfo(password)}:
            if len(form) >= 4:  # a shorter one would blank out ordinary words
                text = text.replace(form, "***")
    return text


def _split_dsn(dsn: str) -> tuple[str, str, str] | None:
    """``scheme://userinfo@rest`` -> its three parts, the user info running to the
    last ``@`` (None without user info)."""
    scheme, sep, rest = dsn.partition("://")
    at = rest.rfind("@")
    if not sep or at < 0:
        return None
    return scheme, rest[:at], rest[at + 1 :]


def _dsn_password(dsn: str) -> str | None:
    parts = _split_dsn(dsn)
    if parts is None:
        return None
    _, colon, password = parts[1].partition(":")
    return password if colon and password else None


# what ends the user info for dlt ("@") or libpq ("@", "/"); "?" and "#" for good measure
_USERINFO_RESERVED = {"@": "%40", "/": "%2F", "?": "%3F", "#": "%23"}


def _encode_userinfo(text: str) -> str:
    return "".join(_USERINFO_RESERVED.get(c, c) for c in text)


def normalize_dsn(dsn: str) -> str:
    """A DSN whose user or password holds a raw ``@`` (or ``/``, ``?``, ``#``) with it
    percent-encoded: dlt and libpq end the user info at the first ``@`` or ``/``, so the
    rest of the password would be taken for the host name (and shown in errors)."""
    parts = _split_dsn(dsn)
    if parts is None or not set(parts[1]) & set(_USERINFO_RESERVED):
        return dsn
    scheme, userinfo, rest = parts
    user, colon, password = userinfo.partition(":")
    return f"{scheme}://{_encode_userinfo(user)}{colon}{_encode_userinfo(password)}@{rest}"
