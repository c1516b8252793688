"""``offset`` + ``limit`` until the response's has-more flag is false."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ._helpers import Cursor, ItemsGetter, _limit, _more_follows, _past_offset, items_at
from ._strategy import PaginationStrategy


@attrs.frozen
class HasMore(PaginationStrategy):
    """offset/limit that stops when the response's ``hasMore`` flag is false (an empty
    page that still says ``hasMore`` is an error, retried once)."""

    items: ItemsGetter = attrs.field(default=items_at())
    limit: int = attrs.field(default=100, converter=_limit)
    has_more_path: tuple[str, ...] = ("hasMore",)
    offset_param: str = "offset"
    limit_param: str = "limit"

    def start(self) -> Cursor:
        return {"offset": 0}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return {self.offset_param: cursor["offset"], self.limit_param: self.limit}

    def resume_at(self, cursor: Cursor, kept: Sequence[Any], count: int) -> Cursor:
        return _past_offset(cursor, count)

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        empty = f"empty page at offset {cursor['offset']} that says hasMore"
        if not _more_follows(raw, self.has_more_path, items, empty):
            return None
        return {"offset": cursor["offset"] + len(items)}
