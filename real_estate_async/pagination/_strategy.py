"""The base every pagination style builds on: what a strategy answers, and the positional
mid-page resume (``skip`` + ``check``) that most styles use as it is.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from .._errors import PaginationError
from ._helpers import Cursor, ItemsGetter, _content_key, item_digest, items_at


class PaginationStrategy:
    """Base of every pagination style. Subclasses are small and stateless.

    Positional styles resume mid-page by asking for the same page again and skipping the
    items already delivered (``skip``), checking that the last one skipped is the item
    that was delivered (``check``), so a page that changed meanwhile raises instead of
    silently losing or repeating records.
    """

    items: ItemsGetter = staticmethod(items_at())

    def start(self) -> Cursor:
        raise NotImplementedError

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        raise NotImplementedError

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        raise NotImplementedError

    def total(self, raw: Any) -> int | None:
        """The number of records the vendor announces for the whole listing, if any."""
        return None

    def keep(self, cursor: Cursor, items: Sequence[Any]) -> Sequence[Any]:
        """Items of this page to yield (drops what a mid-page resume already delivered)."""
        skip = cursor.get("skip") or 0
        if not skip:
            return items
        if len(items) < skip or item_digest(items[skip - 1]) != cursor.get("check"):
            raise PaginationError(
                "cannot resume mid-page: the vendor did not send the same page again "
                "(its data changed or its cursor is single-use); start a new listing"
            )
        return items[skip:]

    def _keep_and_advance(
        self, cursor: Cursor, raw: Any, items: Sequence[Any]
    ) -> tuple[Sequence[Any], Cursor | None]:
        """``keep`` then ``advance`` of one page (a style may share work between them)."""
        return self.keep(cursor, items), self.advance(cursor, raw, items)

    def resume_at(self, cursor: Cursor, kept: Sequence[Any], count: int) -> Cursor:
        """State after the first ``count`` of ``kept`` (the page at ``cursor``) were delivered."""
        return {
            **cursor,
            "skip": (cursor.get("skip") or 0) + count,
            "check": item_digest(kept[count - 1]),
        }

    def predict(self, cursor: Cursor, count: int) -> list[Cursor]:
        """Up to ``count`` cursors that will follow ``cursor`` (for concurrent prefetch)."""
        return []

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        """Keys that may appear once per iteration; a key seen again means a loop."""
        return (_content_key(items),)
