"""A cancellation-safe "wait until something changed, or until a deadline" for limiters.

``asyncio.wait_for(event.wait(), t)`` in a loop can swallow a cancel on Python 3.10/3.11
(the inner wait finishes in the same loop iteration as the cancel and ``wait_for`` returns
normally). Here the waiter awaits one plain future woken by ``fire()`` or ``call_later``;
a cancel always reaches the caller, and nothing is held when it does.
"""

from __future__ import annotations

import asyncio
import contextlib

__all__ = ["Signal"]


def _wake(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


class Signal:
    """Wakes every current waiter at once (``fire``); each waiter may also give a timeout."""

    __slots__ = ("_waiters",)

    def __init__(self) -> None:
        self._waiters: list[asyncio.Future[None]] = []

    @property
    def waiting(self) -> int:
        return len(self._waiters)

    async def wait(self, timeout: float | None = None) -> None:
        """Return after the next ``fire()`` or after ``timeout`` seconds, whichever is first.

        A cancel raises ``CancelledError`` here, never swallowed; the caller holds nothing.
        """
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        handle = loop.call_later(max(0.0, timeout), _wake, waiter) if timeout is not None else None
        self._waiters.append(waiter)
        try:
            await waiter
        finally:
            if handle is not None:
                handle.cancel()
            with contextlib.suppress(ValueError):  # fire() already took it
                self._waiters.remove(waiter)

    def fire(self) -> None:
        """Wake every waiter (they re-check their condition)."""
        if not self._waiters:
            return
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            _wake(waiter)
