"""Knobs of the sandbox: fault injection and rate limits.

Faults are drawn from a ``random.Random`` seeded per vendor, so a given sequence of
requests meets the same faults on every run. Rate limits are fixed windows (the way the
vendors count), keyed by credential.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable
from typing import Any

import attrs

__all__ = [
    "FaultConfig",
    "FaultInjector",
    "FixedWindow",
    "RateLimit",
    "RateLimits",
    "VendorStats",
    "WindowState",
]

FAULT_KINDS = ("error", "reset", "truncate", "burst")


def _probability(instance: object, attribute: attrs.Attribute[Any], value: float) -> None:
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{attribute.name} must be between 0 and 1, not {value!r}")


def _vendors(value: Iterable[str] | None) -> frozenset[str] | None:
    return None if value is None else frozenset(value)


def _methods(value: Iterable[str]) -> frozenset[str]:
    return frozenset(m.upper() for m in value)


@attrs.frozen
class FaultConfig:
    """What can go wrong, per request, with which probability.

    - ``error_rate``: answer with one of ``error_statuses`` (5xx) and the vendor's error body;
    - ``reset_rate``: abort the connection before answering (the client sees a reset);
    - ``truncate_rate``: send the headers and only part of the body, then abort;
    - ``burst_rate``: start a burst of ``burst_length`` consecutive 429 answers.

    ``vendors`` limits the faults to some vendors (``None`` = all); ``methods`` to some
    HTTP methods. ``seed`` defaults to the sandbox seed.
    """

    error_rate: float = attrs.field(default=0.0, validator=_probability)
    reset_rate: float = attrs.field(default=0.0, validator=_probability)
    truncate_rate: float = attrs.field(default=0.0, validator=_probability)
    burst_rate: float = attrs.field(default=0.0, validator=_probability)
    burst_length: int = 3
    error_statuses: tuple[int, ...] = (500, 502, 503)
    vendors: frozenset[str] | None = attrs.field(default=None, converter=_vendors)
    methods: frozenset[str] = attrs.field(
        default=frozenset({"GET", "POST", "PUT", "PATCH", "DELETE"}),
        converter=_methods,
    )
    seed: int | None = None

    @property
    def active(self) -> bool:
        return any((self.error_rate, self.reset_rate, self.truncate_rate, self.burst_rate))


@attrs.define
class VendorStats:
    """Counters of one fake vendor."""

    requests: int = 0
    rate_limited: int = 0  # 429 answers sent (limit reached or burst fault)
    faults: int = 0  # faults injected (5xx, reset, truncated, 429 burst)
    by_kind: dict[str, int] = attrs.field(factory=dict)

    def fault(self, kind: str) -> None:
        self.faults += 1
        self.by_kind[kind] = self.by_kind.get(kind, 0) + 1

    def as_dict(self) -> dict[str, object]:
        return {
            "requests": self.requests,
            "rate_limited": self.rate_limited,
            "faults": self.faults,
            "by_kind": dict(self.by_kind),
        }


class FaultInjector:
    """Draws the fault (if any) of each request of one vendor."""

    def __init__(self, config: FaultConfig, vendor: str, seed: int) -> None:
        self.config = config
        self.enabled = config.active and (config.vendors is None or vendor in config.vendors)
        base = config.seed if config.seed is not None else seed
        self._rng = random.Random(f"{base}:{vendor}:faults")
        self._burst_left = 0

    def draw(self, method: str) -> tuple[str, int] | None:
        """``(kind, status)`` of the fault to inject, or ``None``.

        kind is one of ``error`` (status 5xx), ``reset``, ``truncate``, ``burst`` (429).
        """
        if not self.enabled or method.upper() not in self.config.methods:
            return None
        cfg = self.config
        if self._burst_left > 0:
            self._burst_left -= 1
            return ("burst", 429)
        roll = self._rng.random()
        edge = cfg.burst_rate
        if roll < edge:
            self._burst_left = max(0, cfg.burst_length - 1)
            return ("burst", 429)
        edge += cfg.error_rate
        if roll < edge:
            return ("error", self._rng.choice(cfg.error_statuses))
        edge += cfg.reset_rate
        if roll < edge:
            return ("reset", 0)
        edge += cfg.truncate_rate
        if roll < edge:
            return ("truncate", 200)
        return None


@attrs.frozen
class RateLimit:
    """``limit`` requests per fixed window of ``period`` seconds."""

    limit: int
    period: float

    def __attrs_post_init__(self) -> None:
        if self.limit < 1 or self.period <= 0:
            raise ValueError(f"a rate limit needs limit >= 1 and period > 0, got {self}")


_RELAXED = RateLimit(1_000_000, 60.0)


@attrs.frozen
class RateLimits:
    """The limits each fake vendor enforces (defaults: what the vendors' documents say).

    - ``lofty``: without a ``vendorKey`` (Lofty API v1.0 reference, section 2.1: 10
      calls/minute);
    - ``lofty_vendor_key``: with a valid ``vendorKey`` (section 4 of that reference shows a
      limit of 20; the sandbox default is generous, set it to test header-following);
    - ``brokermint_burst`` / ``brokermint_hour``: 100 per 10 s and 2000 per hour;
    - ``brokermint_errors``: failed requests allowed per hour before the account is locked;
    - ``open_to_close`` / ``ovipro``: undocumented; ``None`` = no limit (429 with
      ``Retry-After`` when set).
    """

    lofty: RateLimit = RateLimit(10, 60.0)
    lofty_vendor_key: RateLimit = RateLimit(1000, 60.0)
    brokermint_burst: RateLimit = RateLimit(100, 10.0)
    brokermint_hour: RateLimit = RateLimit(2000, 3600.0)
    brokermint_errors: int = 100
    open_to_close: RateLimit | None = None
    ovipro: RateLimit | None = None

    @classmethod
    def relaxed(cls) -> RateLimits:
        """Limits high enough never to matter (demos, bulk tests); headers still sent."""
        return cls(
            lofty=_RELAXED,
            lofty_vendor_key=_RELAXED,
            brokermint_burst=_RELAXED,
            brokermint_hour=RateLimit(1_000_000, 3600.0),
            brokermint_errors=1_000_000,
        )


@attrs.define
class WindowState:
    """One key's position in a fixed window after a hit."""

    allowed: bool
    limit: int
    remaining: int
    reset_at: float  # epoch seconds when the window ends


class FixedWindow:
    """Fixed-window counter per key: windows start at multiples of ``period`` (epoch)."""

    def __init__(self, rate: RateLimit, clock: Callable[[], float] = time.time) -> None:
        self.rate = rate
        self._clock = clock
        self._windows: dict[str, tuple[float, int]] = {}

    def _current(self, key: str) -> tuple[float, int]:
        now = self._clock()
        start = now - (now % self.rate.period)
        window = self._windows.get(key)
        if window is None or window[0] != start:
            window = (start, 0)
            self._windows[key] = window
        return window

    def hit(self, key: str, cost: int = 1) -> WindowState:
        """Count one request; ``allowed`` is False past the limit (not counted then)."""
        start, used = self._current(key)
        allowed = used + cost <= self.rate.limit
        if allowed:
            used += cost
            self._windows[key] = (start, used)
        return WindowState(
            allowed, self.rate.limit, max(0, self.rate.limit - used), start + self.rate.period
        )

    def peek(self, key: str) -> WindowState:
        start, used = self._current(key)
        return WindowState(
            used < self.rate.limit,
            self.rate.limit,
            max(0, self.rate.limit - used),
            start + self.rate.period,
        )
