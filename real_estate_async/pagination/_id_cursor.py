"""The base of keyset styles: pages asked from an id, ids ascending, each yielded once."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import Any

import attrs

from .._errors import PaginationError
from ._helpers import Cursor, ItemsGetter, _item_id, _size, items_at
from ._strategy import PaginationStrategy


@attrs.frozen
class _IdCursor(PaginationStrategy):
    """Keyset pagination on ascending item ids: each id is yielded once.

    The cursor keeps the highest id delivered (``last``). An id at or below it (the
    inclusive boundary, a repeat within a page, a page re-sent later) is dropped; on a full
    page, an id between the page's starting ``last`` and one already seen on it means the
    vendor does not sort ascending, so paging on from the highest id would lose records:
    that raises.
    """

    items: ItemsGetter = attrs.field(default=items_at())
    size: int = attrs.field(default=100, converter=_size)
    id_of: Callable[[Any], Any] = attrs.field(default=_item_id)
    start_id: Any = None

    def start(self) -> Cursor:
        return {"from": self.start_id, "last": None}

    def _id(self, item: Any) -> Any:
        try:
            return self.id_of(item)
        except (KeyError, TypeError, IndexError) as exc:
            raise PaginationError(f"a keyset page holds an item without an id: {exc!r}") from None

    @staticmethod
    def _last(cursor: Cursor) -> Any:
        if "last" in cursor:
            return cursor["last"]
        seen = cursor.get("seen")  # states saved before 0.x kept the previous page's ids
        return max(seen) if seen else None

    def keep(self, cursor: Cursor, items: Sequence[Any]) -> Sequence[Any]:
        floor = self._last(cursor)
        top = floor
        on_page: set[Any] = set()
        out = []
        try:
            for item in items:
                item_id = self._id(item)
                if item_id in on_page or (floor is not None and item_id <= floor):
                    continue  # a repeat: never yielded twice
                on_page.add(item_id)
                if top is not None and item_id < top and len(items) >= self.size:
                    # Only a full page goes on from its highest id (a short one is the end).
                    raise PaginationError(
                        f"keyset ids are not ascending ({top!r} came before {item_id!r}): "
                        "paging on from the highest id would lose records"
                    )
                out.append(item)
                top = item_id if top is None or item_id > top else top
        except TypeError:
            raise PaginationError("keyset ids that cannot be compared") from None
        return out

    def _next_from(self, last_id: Any) -> Any:
        return last_id

    def _step_past(self, last_id: Any) -> Any:
        """Where to ask when a full page brought nothing new (an inclusive id)."""
        return last_id + 1 if type(last_id) is int else last_id

    def resume_at(self, cursor: Cursor, kept: Sequence[Any], count: int) -> Cursor:
        last = self._id(kept[count - 1])
        return {"from": self._next_from(last), "last": last}

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        if len(items) < self.size:
            return None
        floor = self._last(cursor)
        top = max(self._id(it) for it in items)
        if floor is not None and top <= floor:
            return {"from": self._step_past(floor), "last": floor}
        return {"from": self._next_from(top), "last": top}

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        if not items:
            return ()
        # One small int a page (a hash of cursor, first id, last id): memory stays flat.
        key = (repr(cursor.get("from")), repr(self._id(items[0])), repr(self._id(items[-1])))
        return (hash(key),)
