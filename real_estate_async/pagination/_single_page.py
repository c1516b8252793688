"""One response holds the whole listing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ._helpers import Cursor, ItemsGetter, items_at
from ._strategy import PaginationStrategy


@attrs.frozen
class SinglePage(PaginationStrategy):
    """One response holds everything (Ovipro)."""

    items: ItemsGetter = attrs.field(default=items_at())

    def start(self) -> Cursor:
        return {"page": 0}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return {}

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        return None
