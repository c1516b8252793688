"""Lofty's listings: a ``nextPageKey`` sent back until the response has none."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import attrs

from ._helpers import Cursor, _sent_back_keys
from ._token_cursor import _TokenCursor


@attrs.frozen
class NextPageKey(_TokenCursor):
    """Lofty listings: send back ``nextPageKey`` until the response has none. An empty
    page with a key is an error (retried once); a key or a page seen twice is a loop."""

    token_path: tuple[str, ...] = ("nextPageKey",)
    token_param: str = "nextPageKey"
    empty_with_token_ends: bool = False

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        return _sent_back_keys(cursor, items, "token")
