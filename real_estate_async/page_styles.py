"""Pagination styles of Lofty's newer (OpenAPI-published) operations, as strategies for
:class:`~real_estate_async.pagination.AsyncPager`.

- :class:`NumberedPages`: a page number and a page size under any names (``page`` /
  ``pageSize``, ``pageNum`` / ``pageSize``, ``currPage`` / ``pageSize``), ending on the
  vendor's total, its has-more flag, or (with neither) a short page;
- :class:`NextCursor`: an opaque ``nextCursor`` sent back as ``cursor`` until it is null;
- :class:`LastItemId`: the id of the last item sent back (``currentId``) when the items
  are not sorted by id, so the id only anchors a position.

Each keeps the pager's guarantees (docs/PAGINATION.md): item-exact resumable ``state``, a
repeated page or cursor raises :class:`PaginationError`, the caller's filters go with every
page (the pager repeats them).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import attrs

from ._errors import PaginationError
from .pagination import (
    Cursor,
    EmptyPageError,
    ItemsGetter,
    PaginationStrategy,
    _content_key,
    _dig,
    _dump,
    _positive,
    _truthy,
    items_at,
)

__all__ = ["LastItemId", "NextCursor", "NumberedPages"]


def _count(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _page_size(value: int) -> int:
    return _positive(value, "page_size")


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
            more = _truthy(_dig(raw, self.has_more_path))
            if not items:
                if more:
                    raise EmptyPageError(f"empty page {page} that says there are more")
                return None
            return following if more else None
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
        args: dict[str, Any] = {}
        if self.size is not None:
            args[self.size_param] = self.size
        if cursor["token"] is not None:
            args[self.token_param] = cursor["token"]
        return args

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        # Lofty: "Keep paging while nextCursor is non-null and stop when it is null" (an
        # empty page may still carry a cursor; the one after it ends the listing).
        token = _dig(raw, self.token_path)
        if token in (None, ""):
            return None
        return {"token": token}

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        token = cursor.get("token")
        if token is None or "skip" in cursor:
            return (_content_key(items),)
        return (_content_key(items), ("token", _dump(token)))


def _item_id(item: Any) -> Any:
    try:
        return item["id"]
    except (KeyError, TypeError, IndexError):
        raise PaginationError("a page holds an item without an id to page on from") from None


@attrs.frozen
class LastItemId(PaginationStrategy):
    """``currentId`` = the id of the last item of the previous page, ``limit`` a page;
    a page shorter than ``limit`` ends the listing. The items are not sorted by id (Lofty
    sorts my-tasks by start time), so the id only anchors a position: an anchor sent twice
    raises instead of looping."""

    items: ItemsGetter = attrs.field(default=items_at())
    size: int = attrs.field(default=100, converter=_page_size)
    id_param: str = "currentId"
    size_param: str = "limit"
    start_id: Any = None

    def start(self) -> Cursor:
        return {"anchor": self.start_id}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        args: dict[str, Any] = {self.size_param: self.size}
        if cursor["anchor"] is not None:
            args[self.id_param] = cursor["anchor"]
        return args

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        if len(items) < self.size:
            return None
        return {"anchor": _item_id(items[-1])}

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        anchor = cursor.get("anchor")
        if anchor is None or "skip" in cursor:
            return (_content_key(items),)
        return (_content_key(items), ("anchor", _dump(anchor)))
