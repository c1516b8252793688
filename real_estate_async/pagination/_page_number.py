"""A page number (and a page size) until a short page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ._helpers import Cursor, ItemsGetter, _page_size, items_at
from ._strategy import PaginationStrategy


@attrs.frozen
class PageNumber(PaginationStrategy):
    """pageNumber/pageSize from ``first_page`` (Lofty system logs start at 0)."""

    items: ItemsGetter = attrs.field(default=items_at())
    page_size: int = attrs.field(default=100, converter=_page_size)
    first_page: int = 0
    page_param: str = "pageNumber"
    size_param: str | None = "pageSize"  # None: the vendor's page size is fixed

    def start(self) -> Cursor:
        return {"page": self.first_page}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        if self.size_param is None:
            return {self.page_param: cursor["page"]}
        return {self.page_param: cursor["page"], self.size_param: self.page_size}

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        if len(items) < self.page_size:
            return None
        return {"page": cursor["page"] + 1}
