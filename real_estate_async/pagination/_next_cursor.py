"""An opaque ``nextCursor`` sent back as ``cursor`` (Lofty's published operations)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import attrs

from ._helpers import Cursor, ItemsGetter, _dig, _query, _sent_back_keys, items_at
from ._strategy import PaginationStrategy


@attrs.frozen
class NextCursor(PaginationStrategy):
    """An opaque cursor: ``nextCursor`` of a page is sent back as ``cursor`` until it is
    null or empty. A cursor sent twice in one listing means a loop and raises."""

    items: ItemsGetter = attrs.field(default=items_at())
    size: int | None = None
    size_param: str = "limit"
    token_path: tuple[str, ...] = ("nextCursor",)
    token_param: str = "cursor"

    def start(self) -> Cursor:
        return {"token": None}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return _query((self.size_param, self.size), (self.token_param, cursor["token"]))

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        # Lofty: "Keep paging while nextCursor is non-null and stop when it is null" (an
        # empty page may still carry a cursor; the one after it ends the listing).
        token = _dig(raw, self.token_path)
        if token in (None, ""):
            return None
        return {"token": token}

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        return _sent_back_keys(cursor, items, "token")
