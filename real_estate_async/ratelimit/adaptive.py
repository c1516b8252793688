"""Follow the vendor's own rate-limit headers and wait for the reset instead of earning a 429."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Mapping, Sequence

import attrs

from .._retry import parse_reset, parse_retry_after, server_time
from ._signal import Signal
from .base import QuotaExhaustedError


@attrs.frozen
class HeaderWindow:
    """How one vendor window is announced in response headers.

    ``reset_header`` may be absent (Brokermint's burst window); then ``window_seconds`` is
    how long to pause once the window is spent. ``limit`` is the window size when no
    ``limit_header`` says it. A reset or ``Retry-After`` further away than the window's
    :attr:`cap` is treated as nonsense and capped, so a vendor's bad header cannot park the
    client for hours: each window caps at its own length.
    """

    remaining_header: str
    reset_header: str | None = None
    limit_header: str | None = None
    reset_unit: str = "s"
    window_seconds: float = 60.0
    limit: int | None = None
    max_reset_seconds: float = 3600.0
    name: str = ""

    @property
    def cap(self) -> float:
        """The longest pause this window can ask for: its own length (plus 5 s of clock
        slack when a reset header announces it), never more than ``max_reset_seconds``."""
        length = self.window_seconds + (5.0 if self.reset_header else 0.0)
        return min(self.max_reset_seconds, length)


@attrs.define
class _WindowState:
    remaining: int | None = None
    limit: int | None = None
    reset_at: float = 0.0  # monotonic time


class AdaptiveRateLimiter:
    """Counts down the vendor's remaining quota and pauses every caller until the reset.

    Until the first response arrives only one call is let through, so a cold burst does
    not overrun a window nobody has seen yet. Every ``acquire`` spends one unit of the estimate (requests in flight have not reported
    yet); every response's headers correct the estimate. A 429 empties the window until
    ``Retry-After``, the reset header or ``window_seconds``, whichever is known first, so all
    tasks sharing this limiter slow down, not only the one that got the 429.

    The newest signal wins: a 429's ``Retry-After`` replaces a later reset announced by an
    earlier answer. Headers that make no sense are not obeyed: a negative remaining count
    reads as 0, a limit below 1 is ignored, and a window whose reset header is absent or
    unreadable has an unknown reset (one call at a time goes until an answer says more),
    never a pause of the window's whole length. ``clock`` (default ``time.monotonic``) is
    the clock resets are kept on.
    """

    def __init__(
        self,
        windows: Sequence[HeaderWindow],
        *,
        reserve: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not windows:
            raise ValueError("AdaptiveRateLimiter needs at least one HeaderWindow")
        self.windows = tuple(windows)
        self.reserve = reserve
        self.clock = clock
        self._states = [_WindowState(limit=w.limit) for w in self.windows]
        self._in_flight = 0
        self._primed = False  # no response seen yet: send one probe, hold the rest
        self._feedback = Signal()
        self._answers = 0  # feedback() calls so far (tells a timed-out wait from a wake-up)
        self.waits = 0  # how many times a caller paused for a reset (a 429 avoided)

    def _blocked_until(self, now: float) -> tuple[float, str, bool]:
        """(time to wait until, window name, whether a spent window's reset is unknown)."""
        until, name, unknown = 0.0, "", False
        for window, state in zip(self.windows, self._states):
            if state.reset_at and state.reset_at <= now:
                # The window rolled over: start again from its size; the next response's
                # headers will say when this new window ends.
                state.remaining = state.limit
                state.reset_at = 0.0
            spent = state.remaining is not None and state.remaining <= self.reserve
            if not spent:
                continue
            if not state.reset_at:
                unknown = True
            elif state.reset_at > until:
                until, name = state.reset_at, window.name or window.remaining_header
        return until, name, unknown

    async def acquire(self, *, max_wait: float | None = None) -> None:
        paused = False
        while True:
            now = self.clock()
            until, name, unknown = self._blocked_until(now)
            if until:
                wait = until - now
                if max_wait is not None and wait > max_wait:
                    raise QuotaExhaustedError(wait, scope=name)
            elif (unknown or not self._primed) and self._in_flight:
                # Spent with the reset not known yet, or nothing heard from the vendor at
                # all (a cold burst would all leave before any header): a response in
                # flight will say.
                wait = 0.0
            else:
                break
            if not paused:
                self.waits += 1
                paused = True
            if wait:
                await asyncio.sleep(wait)
            else:
                await self._wait_for_feedback()
        for state in self._states:
            if state.remaining is not None:
                state.remaining -= 1
        self._in_flight += 1

    async def _wait_for_feedback(self) -> None:
        answers = self._answers
        await self._feedback.wait(max(w.cap for w in self.windows))
        if self._answers == answers:
            # Nobody reported within a whole window: the window has surely rolled over.
            for state in self._states:
                state.remaining = state.limit

    def release(self) -> None:
        """Give back the unit of a call that was never sent (a cancel, a later limiter)."""
        self._in_flight = max(0, self._in_flight - 1)
        for state in self._states:
            if state.remaining is not None:
                state.remaining += 1
        self._feedback.fire()

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        self._in_flight = max(0, self._in_flight - 1)
        self._answers += 1
        if status:
            self._primed = True
        now = self.clock()
        spent: tuple[HeaderWindow, ...] = ()
        if status == 429:
            # Blame the window the headers say is spent; when they don't say, the one that
            # resets soonest (a bare 429 must not park every caller for an hour).
            spent = blamed_windows(self.windows, headers)
        for window, state in zip(self.windows, self._states):
            # A 429 empties only the window(s) that caused it (all, when headers don't say).
            window_status = 200 if status == 429 and window not in spent else status
            self._update(window, state, window_status, headers, now)
        self._feedback.fire()

    def _update(
        self,
        window: HeaderWindow,
        state: _WindowState,
        status: int,
        headers: Mapping[str, str],
        now: float,
    ) -> None:
        remaining_text = headers.get(window.remaining_header)
        if (
            window.limit_header
            and (limit := int_header(headers.get(window.limit_header))) is not None
            and limit >= 1  # a limit of 0 or less is garbage: it would refuse every call
        ):
            state.limit = limit
        if remaining_text is None and status != 429:
            return  # nothing said about this window (what follows would find the same)
        clock = server_time(headers)  # epoch resets are read against the vendor's clock
        reset_in = parse_reset(
            headers.get(window.reset_header) if window.reset_header else None,
            unit=window.reset_unit,
            now=clock,
        )
        remaining = count_header(remaining_text)
        if status == 429:
            asked = parse_retry_after(headers.get("Retry-After"), now=clock)
            wait = asked if asked is not None else reset_in
            state.remaining = 0
            if wait is None and window.reset_header is not None:
                # The window has a reset header but this answer's is absent or unreadable:
                # the reset is unknown. Keep a reset already known; else one call at a time
                # goes until an answer says more (the pipeline backs off meanwhile).
                if state.reset_at <= now:
                    state.reset_at = 0.0
                return
            if wait is None:
                wait = window.window_seconds
            # The newest signal wins: a 429 asking for 1 s replaces a later reset that an
            # earlier answer announced (that window was not the one the vendor enforces).
            state.reset_at = now + min(wait, window.cap)
            return
        if remaining is None:
            return
        if reset_in is None:
            if window.reset_header is None:
                # No reset header at all: the window is assumed to end window_seconds after
                # it was first seen spent.
                if remaining <= self.reserve and state.reset_at <= now:
                    state.reset_at = now + window.window_seconds
            elif state.reset_at <= now:
                # The reset is absent or unreadable and none is known: never a pause of the
                # whole window on a guess. With no other call out, the count is exact.
                state.reset_at = 0.0
                if not self._in_flight:
                    state.remaining = remaining
                    return
        else:
            new_reset = now + min(reset_in, window.cap)
            if new_reset > state.reset_at + 0.05:
                # A new window: requests still in flight will spend part of it.
                state.reset_at = new_reset
                state.remaining = remaining - self._in_flight
                return
            state.reset_at = max(state.reset_at, new_reset)
        if state.remaining is None:
            state.remaining = remaining - self._in_flight
        else:
            state.remaining = min(state.remaining, remaining)

    def __repr__(self) -> str:
        names = ", ".join(w.name or w.remaining_header for w in self.windows)
        return f"AdaptiveRateLimiter({names})"


def int_header(value: str | None) -> int | None:
    """A header's integer value (``"12"``, ``"12.0"``), ``None`` when absent or not a number."""
    if value is None:
        return None
    try:
        return int(float(value))
    except (ValueError, OverflowError):  # "abc", "inf", "nan"
        return None


def count_header(value: str | None) -> int | None:
    """A remaining-count header: its integer value, a negative one as 0 (nothing is left,
    but nothing more is owed either), ``None`` when absent or not a number."""
    number = int_header(value)
    return None if number is None else max(0, number)


def spent_windows(
    windows: Sequence[HeaderWindow], headers: Mapping[str, str]
) -> tuple[HeaderWindow, ...]:
    """The windows whose remaining-count header says they are used up."""
    out = []
    for window in windows:
        remaining = int_header(headers.get(window.remaining_header))
        if remaining is not None and remaining <= 0:
            out.append(window)
    return tuple(out)


def blamed_windows(
    windows: Sequence[HeaderWindow], headers: Mapping[str, str]
) -> tuple[HeaderWindow, ...]:
    """The window(s) a 429 is blamed on: those the headers say are spent, else the one
    that resets soonest (a bare 429 must not park every caller for an hour)."""
    spent = spent_windows(windows, headers)
    if spent or not windows:
        return spent
    return (min(windows, key=lambda w: window_wait(w, headers, w.cap)),)


def blamed_cap(windows: Sequence[HeaderWindow], headers: Mapping[str, str]) -> float:
    """The longest wait a 429 may ask for: the blamed windows' own lengths."""
    return max(w.cap for w in blamed_windows(windows, headers))


def reset_wait_after_429(
    windows: Sequence[HeaderWindow], headers: Mapping[str, str], cap: float
) -> float | None:
    """Seconds to wait after a 429 without Retry-After: until the spent window resets.

    The spent window is the one whose remaining count is 0; a window without a reset
    header pauses for its whole length. When no header says which window is spent, the
    shortest known wait is used (the retry will tell). A reset header that is absent or
    unreadable says nothing: ``None`` when no wait is known (the caller backs off).
    """
    if not windows:
        return None
    spent = spent_windows(windows, headers)
    known = [
        wait for wait in (known_wait(w, headers, cap) for w in spent or windows) if wait is not None
    ]
    if not known:
        return None
    return max(known) if spent else min(known)


def known_wait(window: HeaderWindow, headers: Mapping[str, str], cap: float) -> float | None:
    """:func:`window_wait`, but ``None`` when ``window`` has a reset header and this answer's
    is absent or unreadable (a guess of the whole window would be an hour for some)."""
    if window.reset_header is None:
        return min(window.window_seconds, window.cap, cap)
    reset = parse_reset(
        headers.get(window.reset_header), unit=window.reset_unit, now=server_time(headers)
    )
    return None if reset is None else min(reset, window.cap, cap)


def window_wait(window: HeaderWindow, headers: Mapping[str, str], cap: float) -> float:
    """Seconds until ``window`` resets, as a duration on the vendor's clock (its ``Date``
    header), capped at the window's own length and at ``cap``."""
    reset = parse_reset(
        headers.get(window.reset_header) if window.reset_header else None,
        unit=window.reset_unit,
        now=server_time(headers),
    )
    wait = window.window_seconds if reset is None else reset
    return min(wait, window.cap, cap)
