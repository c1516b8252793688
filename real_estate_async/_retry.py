"""When to retry a request and how long to wait first."""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Mapping

import attrs

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def server_time(headers: Mapping[str, str]) -> float | None:
    """The vendor's clock (epoch seconds) from its ``Date`` header, if readable.

    Epoch reset headers and HTTP-date ``Retry-After`` values are turned into durations
    against this clock, so a host whose own clock is off does not pause for the skew.
    ``None`` (use the local clock) when the two agree within ``_SKEW_TOLERANCE`` seconds:
    ``Date`` has whole seconds only, the local clock is finer for short windows.
    """
    value = headers.get("Date")
    if not value:
        return None
    # Every response carries a Date, and it changes once a second: parse each value once
    # (email.utils costs more than the rest of the limiter's bookkeeping together).
    last = _last_date
    if last[0] == value:
        vendor = last[1]
    else:
        vendor = _parse_date(value)
        _remember_date(value, vendor)
    if vendor is None:
        return None
    return None if abs(vendor - time.time()) <= _SKEW_TOLERANCE else vendor


def _parse_date(value: str) -> float | None:
    """An HTTP date as epoch seconds; ``None`` when unreadable."""
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:  # pragma: no cover - older Pythons returned None
        return None
    try:
        return when.timestamp()
    except (OverflowError, ValueError, OSError):  # pragma: no cover - absurd dates
        return None


#: The last ``Date`` value read and its epoch (one tuple, replaced whole: thread-safe).
_last_date: tuple[str, float | None] = ("", None)


def _remember_date(value: str, vendor: float | None) -> None:
    global _last_date
    _last_date = (value, vendor)


_SKEW_TOLERANCE = 2.0  # Date's 1 s resolution plus latency


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value: delta-seconds or an HTTP date."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        seconds = float(value)
    except ValueError:
        pass
    else:
        return None if seconds != seconds else max(0.0, seconds)  # NaN says nothing
    try:
        when = email.utils.parsedate_to_datetime(value)
        stamp = when.timestamp()
    except (TypeError, ValueError, IndexError, OverflowError, OSError, AttributeError):
        return None
    current = time.time() if now is None else now
    return max(0.0, stamp - current)


def parse_reset(value: str | None, *, unit: str = "s", now: float | None = None) -> float | None:
    """Seconds until a rate-limit window resets, from a reset header.

    Vendors send either an epoch timestamp or a delta; ``unit`` ("s" or "ms") says which
    unit the number is in, and its size tells epoch from delta (an epoch is > 10^9 s).
    """
    if value is None:
        return None
    try:
        number = float(value.strip())
    except ValueError:
        return None
    if number != number:  # NaN
        return None
    seconds = number / 1000.0 if unit == "ms" else number
    if seconds > 1e9:  # an absolute UTC epoch
        current = time.time() if now is None else now
        return max(0.0, seconds - current)
    return max(0.0, seconds)


@attrs.frozen
class RetryPolicy:
    """Exponential backoff with full jitter.

    ``max_wait`` caps how long one wait asked for by the vendor (Retry-After, reset) may be;
    past it the error is raised with ``retry_after`` instead of sleeping silently.
    """

    max_retries: int = 3
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    max_wait: float = 120.0
    retry_non_idempotent: bool = False

    def __attrs_post_init__(self) -> None:
        if self.max_retries < 0:
            raise ValueError("max_retries must be >= 0")

    def method_allows_retry(self, method: str) -> bool:
        return self.retry_non_idempotent or method.upper() in IDEMPOTENT_METHODS

    @staticmethod
    def status_allows_retry(status: int) -> bool:
        """A 429 means the vendor did not process the request: safe to retry for any method."""
        return status == 429

    def backoff(self, attempt: int) -> float:
        """Full-jitter delay before retry number ``attempt`` (0-based)."""
        ceiling = min(self.backoff_cap, self.backoff_base * (2**attempt))
        return random.uniform(0.0, ceiling)

    def wait_for(self, attempt: int, headers: Mapping[str, str], reset_wait: float | None) -> float:
        """How long to wait before the next attempt: the vendor's word first, then backoff."""
        asked = parse_retry_after(headers.get("Retry-After"), now=server_time(headers))
        if asked is None:
            asked = reset_wait
        if asked is not None:
            return asked
        return self.backoff(attempt)
