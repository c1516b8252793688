"""Lofty's scroll: a ``scrollId`` sent back until a page has no items or no id."""

from __future__ import annotations

import attrs

from ._token_cursor import _TokenCursor


@attrs.frozen
class ScrollId(_TokenCursor):
    """Lofty scroll: ``scrollId`` from ``_metadata`` until no items or no scrollId.

    Scroll ids may legitimately stay the same between pages, so a loop is declared when a
    page's content comes back, before that page is yielded.
    """

    token_path: tuple[str, ...] = ("_metadata", "scrollId")
    token_param: str = "scrollId"
