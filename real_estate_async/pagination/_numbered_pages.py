"""A page number and a page size under any names, ending on the vendor's total, its
has-more flag or a short page (Lofty's published operations).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .._errors import PaginationError
from ._helpers import (
    Cursor,
    EmptyPageError,
    ItemsGetter,
    _count,
    _dig,
    _more_follows,
    _page_size,
    items_at,
)
from ._strategy import PaginationStrategy


@attrs.frozen
class NumberedPages(PaginationStrategy):
    """Page number + page size, from ``first_page``.

    The end is the vendor's signal: with ``has_more_path`` its flag; with ``total_path``
    the total it announces (a page shorter than asked before that total means the vendor
    caps the page size, so numbered pages would skip records: that raises); with neither,
    a page shorter than ``page_size``. An empty page before the announced end is an error
    (asked once more first).
    """

    items: ItemsGetter = attrs.field(default=items_at())
    page_size: int = attrs.field(default=100, converter=_page_size)
    first_page: int = 0
    page_param: str = "page"
    size_param: str = "pageSize"
    total_path: tuple[str, ...] | None = None
    has_more_path: tuple[str, ...] | None = None

    def start(self) -> Cursor:
        return {"page": self.first_page}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return {self.page_param: cursor["page"], self.size_param: self.page_size}

    def total(self, raw: Any) -> int | None:
        return None if self.total_path is None else _count(_dig(raw, self.total_path))

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        page = cursor["page"]
        following = {"page": page + 1}
        if self.has_more_path is not None:
            empty = f"empty page {page} that says there are more"
            return following if _more_follows(raw, self.has_more_path, items, empty) else None
        total = self.total(raw)
        if total is None:
            return following if len(items) >= self.page_size else None
        before = (page - self.first_page) * self.page_size
        if not items:
            if before < total:
                raise EmptyPageError(f"empty page {page} before the announced total {total}")
            return None
        through = before + len(items)
        if through >= total:
            return None
        if len(items) < self.page_size:
            raise PaginationError(
                f"page {page} holds {len(items)} items, {self.page_size} were asked and the "
                f"vendor announces {total}: it caps the page size, so numbered pages would "
                f"skip records; ask for page_size={len(items)}"
            )
        return following
