"""Changing records between two runs, so incremental syncs can be tested.

Every vendor keeps an update-time field on the records its update-time filters read
(Brokermint ``updated_at`` in ms, Lofty ``lastUpdateTime``, Ovipro ``modificationTime``,
Open To Close ``updated``). :meth:`VendorServer.mutate` changes records and stamps that
field with the sandbox :class:`Clock`, so the vendor's own filter (``updated_since``,
``leadUpdateTime``, ``modifiedAfter``) finds exactly the changed records afterwards.
"""

from __future__ import annotations

import threading
import time

import attrs

from ._data import iso_ms

__all__ = ["Clock", "Stamp", "format_stamp"]


class Clock:
    """Update times for changed records: never behind the wall clock, never backwards.

    Times are whole seconds (Lofty and Ovipro send seconds), and :meth:`advance` moves at
    least one second past the previous stamp, so two rounds of changes never share an
    update time and a filter "updated since the last sync" can tell them apart.
    """

    def __init__(self) -> None:
        self._last_ms = 0
        self._lock = threading.Lock()

    def now_ms(self) -> int:
        """The current update time (whole seconds, >= every stamp handed out)."""
        with self._lock:
            self._last_ms = max(self._last_ms, int(time.time()) * 1000)
            return self._last_ms

    def advance(self, seconds: float = 1.0) -> int:
        """Move at least ``seconds`` past the previous stamp and return the new time."""
        with self._lock:
            step = max(1000, int(seconds * 1000) // 1000 * 1000)
            self._last_ms = max(self._last_ms + step, int(time.time()) * 1000)
            return self._last_ms


@attrs.frozen
class Stamp:
    """Where a collection keeps its update time and which field a mutation changes."""

    field: str  # update-time field ("": the record has none)
    kind: str  # "ms" (epoch milliseconds) or "iso" (ISO 8601 UTC, seconds)
    change: str  # field that :meth:`VendorServer.mutate` rewrites


def format_stamp(stamp: Stamp, ms: int) -> int | str:
    return ms if stamp.kind == "ms" else iso_ms(ms)
