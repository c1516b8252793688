"""The id of the last item sent back as an anchor, when items are not sorted by id (Lofty's
published operations).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import attrs

from .._errors import PaginationError
from ._helpers import Cursor, ItemsGetter, _item_id, _page_size, _query, _sent_back_keys, items_at
from ._strategy import PaginationStrategy


def _anchor_id(item: Any) -> Any:
    try:
        return _item_id(item)
    except (KeyError, TypeError, IndexError):
        raise PaginationError("a page holds an item without an id to page on from") from None


@attrs.frozen
class LastItemId(PaginationStrategy):
    """``currentId`` = the id of the last item of the previous page, ``limit`` a page;
    a page shorter than ``limit`` ends the listing. The items are not sorted by id (Lofty
    sorts my-tasks by start time), so the id only anchors a position: an anchor sent twice
    raises instead of looping."""

    items: ItemsGetter = attrs.field(default=items_at())
    size: int = attrs.field(default=100, converter=_page_size)
    id_param: str = "currentId"
    size_param: str = "limit"
    start_id: Any = None

    def start(self) -> Cursor:
        return {"anchor": self.start_id}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return _query((self.size_param, self.size), (self.id_param, cursor["anchor"]))

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        if len(items) < self.size:
            return None
        return {"anchor": _anchor_id(items[-1])}

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        return _sent_back_keys(cursor, items, "anchor")
