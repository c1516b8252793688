"""AsyncPager and one small strategy per vendor pagination style.

The pager is in ``_pager.py``, what the styles share in ``_helpers.py`` and ``_strategy.py``,
and each style in a module of its own; import them from here.

A strategy knows which arguments ask for a page (``page_args``), where the items are in a
response (``items``), which of them are new (``keep``), what comes next (``advance``,
``None`` when the vendor says there is nothing more) and how to resume after the k-th item
of a page (``resume_at``). The pager does the rest: item and page iteration, item-exact
resumable state, loop detection and (offset style with a known total) bounded concurrent
prefetch with items still yielded in order.

The guarantee (docs/PAGINATION.md): every record once, or a :class:`PaginationError`.
A server that repeats a page, sends an empty page before the end it announced, or sends
keyset ids out of order is reported, never silently turned into lost or repeated records.
"""

from ._count_from_id import CountFromId
from ._current_id import CurrentId
from ._has_more import HasMore
from ._helpers import Cursor, EmptyPageError, ItemsGetter, item_digest, items_at
from ._last_item_id import LastItemId
from ._next_cursor import NextCursor
from ._next_page_key import NextPageKey
from ._numbered_pages import NumberedPages
from ._offset_limit import OffsetLimit
from ._page_number import PageNumber
from ._pager import DONE, MAX_PAGES_PAST_TOTAL, AsyncPager, Fetch, Page
from ._scroll_id import ScrollId
from ._single_page import SinglePage
from ._strategy import PaginationStrategy

__all__ = [
    "DONE",
    "MAX_PAGES_PAST_TOTAL",
    "AsyncPager",
    "CountFromId",
    "CurrentId",
    "Cursor",
    "EmptyPageError",
    "Fetch",
    "HasMore",
    "ItemsGetter",
    "LastItemId",
    "NextCursor",
    "NextPageKey",
    "NumberedPages",
    "OffsetLimit",
    "Page",
    "PageNumber",
    "PaginationStrategy",
    "ScrollId",
    "SinglePage",
    "item_digest",
    "items_at",
]
