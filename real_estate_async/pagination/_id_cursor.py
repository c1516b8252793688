"""The base of keyset styles: pages asked from an id, ids ascending, each yielded once."""

from __future__ import annotations

import operator
from collections.abc import Callable, Hashable, Sequence
from itertools import islice
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

    def _ids(self, items: Sequence[Any]) -> list[Any]:
        """Every item's id, in order (one pass in C for the default ``item["id"]``)."""
        get = _GET_ID if self.id_of is _item_id else self.id_of
        try:
            return list(map(get, items))
        except (KeyError, TypeError, IndexError) as exc:
            raise PaginationError(f"a keyset page holds an item without an id: {exc!r}") from None

    @staticmethod
    def _last(cursor: Cursor) -> Any:
        if "last" in cursor:
            return cursor["last"]
        seen = cursor.get("seen")  # states saved before 0.x kept the previous page's ids
        return max(seen) if seen else None

    def keep(self, cursor: Cursor, items: Sequence[Any]) -> Sequence[Any]:
        return self._keep_ids(self._last(cursor), items, self._ids(items))

    def _keep_ids(self, floor: Any, items: Sequence[Any], ids: list[Any]) -> Sequence[Any]:
        """:meth:`keep` with the page's ids read (``ids``); ``items`` itself when every
        item is kept."""
        if ids and type(ids[0]) in _PLAIN_IDS:
            try:
                # The usual page: ids strictly ascending, all past the floor. Each is new
                # and the order holds, so the page is kept whole (what the loop below
                # would keep), compared in C. Ids that compare with an int or a str
                # are hashable, as the loop's set needs.
                if (floor is None or ids[0] > floor) and all(
                    map(operator.lt, ids, islice(ids, 1, None))
                ):
                    return items
            except TypeError:
                pass  # the loop below says which ids cannot be compared
        top = floor
        on_page: set[Any] = set()
        out = []
        try:
            for item, item_id in zip(items, ids):
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
        return self._after(self._last(cursor), self._ids(items), None)

    def _after(self, floor: Any, ids: list[Any], top: Any) -> Cursor:
        """The cursor after a full page with these ``ids`` (``top``: their highest, when
        already known)."""
        if top is None:
            try:
                top = max(ids)
            except TypeError:
                raise PaginationError("keyset ids that cannot be compared") from None
        if floor is not None and top <= floor:
            return {"from": self._step_past(floor), "last": floor}
        return {"from": self._next_from(top), "last": top}

    def _keep_and_advance(
        self, cursor: Cursor, raw: Any, items: Sequence[Any]
    ) -> tuple[Sequence[Any], Cursor | None]:
        cls = type(self)
        if cls.keep is not _IdCursor.keep or cls.advance is not _IdCursor.advance:
            return super()._keep_and_advance(cursor, raw, items)  # a subclass's own rules
        # The ids are read once for both; a page kept whole is strictly ascending, so its
        # highest id is its last.
        floor = self._last(cursor)
        ids = self._ids(items)
        kept = self._keep_ids(floor, items, ids)
        if len(items) < self.size:
            return kept, None
        return kept, self._after(floor, ids, ids[-1] if kept is items and ids else None)

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        if not items:
            return ()
        # One small int a page (a hash of cursor, first id, last id): memory stays flat.
        key = (repr(cursor.get("from")), repr(self._id(items[0])), repr(self._id(items[-1])))
        return (hash(key),)


#: The default id reader (``item["id"]``) as a C callable: same result, same exceptions.
_GET_ID = operator.itemgetter("id")
#: Id types whose values are all hashable and compare among themselves.
_PLAIN_IDS = (int, str)
