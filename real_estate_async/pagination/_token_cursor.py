"""The base of the styles that send a vendor-issued token back for the next page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from ._helpers import Cursor, EmptyPageError, ItemsGetter, _dig, _query, items_at
from ._strategy import PaginationStrategy


@attrs.frozen
class _TokenCursor(PaginationStrategy):
    """A vendor-issued token (scrollId, nextPageKey) is sent back to get the next page."""

    items: ItemsGetter = attrs.field(default=items_at())
    token_path: tuple[str, ...] = ()
    token_param: str = ""
    size: int | None = None
    size_param: str = "limit"
    #: An empty page that still carries a token: the end (scroll) or an error (page keys).
    empty_with_token_ends: bool = True

    def start(self) -> Cursor:
        return {"token": None}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return _query((self.token_param, cursor["token"]), (self.size_param, self.size))

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        token = _dig(raw, self.token_path)
        if not items:
            if token not in (None, "") and not self.empty_with_token_ends:
                raise EmptyPageError(f"empty page that still carries {self.token_param} {token!r}")
            return None
        if token in (None, ""):
            return None
        return {"token": token}
