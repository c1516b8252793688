"""AsyncPager and one small strategy per vendor pagination style.

A strategy knows three things: which arguments ask for a page (``page_args``), where the
items are in a response (``items``), and what comes next (``advance``), which returns
``None`` when the vendor says there is nothing more. The pager does the rest: item and
page iteration, resumable state, loop detection and (offset style with a known total)
bounded concurrent prefetch with items still yielded in order.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import attrs

from ._errors import PaginationError

__all__ = [
    "AsyncPager",
    "CountFromId",
    "CurrentId",
    "HasMore",
    "NextPageKey",
    "OffsetLimit",
    "Page",
    "PageNumber",
    "PaginationStrategy",
    "ScrollId",
    "SinglePage",
]

T = TypeVar("T")
Cursor = dict[str, Any]
ItemsGetter = Callable[[Any], Sequence[Any]]
Fetch = Callable[[Mapping[str, Any]], Awaitable[Any]]

DONE: Cursor = {"done": True}


def items_at(*path: str) -> ItemsGetter:
    """Items found under ``path`` in a JSON object (a bare array when ``path`` is empty).

    A missing key or ``null`` counts as an empty page; anything else that is not a list is
    a vendor change worth an error rather than silent data loss.
    """

    def get(raw: Any) -> Sequence[Any]:
        node = raw
        for key in path:
            if not isinstance(node, Mapping):
                raise PaginationError(f"expected an object with {key!r}, got {type(node).__name__}")
            node = node.get(key)
        if node is None:
            return []
        if not isinstance(node, list):
            raise PaginationError(
                f"expected a list at {'/'.join(path) or 'top'}, got {type(node).__name__}"
            )
        return node

    return get


def _dig(raw: Any, path: Sequence[str]) -> Any:
    node = raw
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


@attrs.frozen
class Page(Generic[T]):
    """One page: parsed ``items``, the ``raw`` response, and the ``state`` to resume after it."""

    items: list[T]
    raw: Any
    state: Cursor
    number: int


class PaginationStrategy:
    """Base of every pagination style. Subclasses are small and stateless."""

    items: ItemsGetter = staticmethod(items_at())

    def start(self) -> Cursor:
        raise NotImplementedError

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        raise NotImplementedError

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        raise NotImplementedError

    def keep(self, cursor: Cursor, items: Sequence[Any]) -> Sequence[Any]:
        """Items of this page to yield (strategies that overlap pages drop repeats here)."""
        return items

    def predict(self, cursor: Cursor, count: int) -> list[Cursor]:
        """Up to ``count`` cursors that will follow ``cursor`` (for concurrent prefetch)."""
        return []

    def loop_key(self, cursor: Cursor, items: Sequence[Any]) -> str:
        return json.dumps(cursor, sort_keys=True, default=str)


def _positive(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{name} must be a positive int, not {value!r}")
    return value


def _limit(value: int) -> int:
    return _positive(value, "limit")


def _page_size(value: int) -> int:
    return _positive(value, "page_size")


def _size(value: int) -> int:
    return _positive(value, "size")


def _item_id(item: Any) -> Any:
    return item["id"]


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


@attrs.frozen
class OffsetLimit(PaginationStrategy):
    """offset/limit, with an optional total at ``total_path`` (Lofty ``_metadata.total``).

    The offset advances by the number of items returned, so a server that caps ``limit``
    loses nothing. Without a total a short page ends the list.
    """

    items: ItemsGetter = attrs.field(default=items_at())
    limit: int = attrs.field(default=100, converter=_limit)
    offset: int = 0
    total_path: tuple[str, ...] | None = None
    offset_param: str = "offset"
    limit_param: str = "limit"

    def start(self) -> Cursor:
        if self.offset < 0:
            raise ValueError(f"offset must be >= 0, not {self.offset}")
        return {"offset": self.offset, "limit": self.limit}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return {self.offset_param: cursor["offset"], self.limit_param: cursor["limit"]}

    def total(self, raw: Any) -> int | None:
        if self.total_path is None:
            return None
        value = _dig(raw, self.total_path)
        return int(value) if isinstance(value, (int, float, str)) and str(value).isdigit() else None

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        if not items:
            return None
        offset = cursor["offset"] + len(items)
        total = self.total(raw)
        if total is not None:
            if offset >= total:
                return None
            nxt = {"offset": offset, "limit": cursor["limit"], "total": total}
            if len(items) < cursor["limit"]:
                nxt["capped"] = True  # the server returns fewer than asked: no prediction
            return nxt
        if len(items) < cursor["limit"]:
            return None
        return {"offset": offset, "limit": cursor["limit"]}

    def predict(self, cursor: Cursor, count: int) -> list[Cursor]:
        total = cursor.get("total")
        if total is None or cursor.get("capped"):
            return []
        out = []
        offset, limit = cursor["offset"], cursor["limit"]
        for _ in range(count):
            offset += limit
            if offset >= total:
                break
            out.append({"offset": offset, "limit": limit, "total": total})
        return out


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


@attrs.frozen
class HasMore(PaginationStrategy):
    """offset/limit that stops when the response's ``hasMore`` flag is false."""

    items: ItemsGetter = attrs.field(default=items_at())
    limit: int = attrs.field(default=100, converter=_limit)
    has_more_path: tuple[str, ...] = ("hasMore",)
    offset_param: str = "offset"
    limit_param: str = "limit"

    def start(self) -> Cursor:
        return {"offset": 0}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return {self.offset_param: cursor["offset"], self.limit_param: self.limit}

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        more = _dig(raw, self.has_more_path)
        if not items or (more is not True and str(more).lower() != "true"):
            return None
        return {"offset": cursor["offset"] + len(items)}


@attrs.frozen
class _TokenCursor(PaginationStrategy):
    """A vendor-issued token (scrollId, nextPageKey) is sent back to get the next page."""

    items: ItemsGetter = attrs.field(default=items_at())
    token_path: tuple[str, ...] = ()
    token_param: str = ""
    size: int | None = None
    size_param: str = "limit"

    def start(self) -> Cursor:
        return {"token": None}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        args: dict[str, Any] = {}
        if cursor["token"] is not None:
            args[self.token_param] = cursor["token"]
        if self.size is not None:
            args[self.size_param] = self.size
        return args

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        token = _dig(raw, self.token_path)
        if not items or token in (None, ""):
            return None
        return {"token": token}


@attrs.frozen
class ScrollId(_TokenCursor):
    """Lofty scroll: ``scrollId`` from ``_metadata`` until no items or no scrollId.

    Scroll ids may legitimately stay the same between pages, so a loop is declared only
    when the same id brings back the very same items.
    """

    token_path: tuple[str, ...] = ("_metadata", "scrollId")
    token_param: str = "scrollId"

    def loop_key(self, cursor: Cursor, items: Sequence[Any]) -> str:
        return json.dumps([cursor, items[:1], items[-1:]], sort_keys=True, default=str)


@attrs.frozen
class NextPageKey(_TokenCursor):
    """Lofty listings: send back ``nextPageKey`` until the response has none."""

    token_path: tuple[str, ...] = ("nextPageKey",)
    token_param: str = "nextPageKey"


@attrs.frozen
class _IdCursor(PaginationStrategy):
    """Keyset pagination on item ids; items of the previous page are never yielded again."""

    items: ItemsGetter = attrs.field(default=items_at())
    size: int = attrs.field(default=100, converter=_size)
    id_of: Callable[[Any], Any] = attrs.field(default=_item_id)
    start_id: Any = None

    def start(self) -> Cursor:
        return {"from": self.start_id, "seen": []}

    def keep(self, cursor: Cursor, items: Sequence[Any]) -> Sequence[Any]:
        seen = cursor.get("seen")
        if not seen:
            return items
        seen_set = set(seen)
        return [it for it in items if self.id_of(it) not in seen_set]

    def _next_from(self, last_id: Any) -> Any:
        return last_id

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        if len(items) < self.size:
            return None
        ids = [self.id_of(it) for it in items]
        return {"from": self._next_from(ids[-1]), "seen": ids}


@attrs.frozen
class CurrentId(_IdCursor):
    """Lofty communication histories: ``currentId`` = id of the last item seen."""

    id_param: str = "currentId"
    size_param: str = "limit"

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        args: dict[str, Any] = {self.size_param: self.size}
        if cursor["from"] is not None:
            args[self.id_param] = cursor["from"]
        return args


@attrs.frozen
class CountFromId(_IdCursor):
    """Brokermint lists: ``count`` + ``starting_from_id``, asking from the id after the last."""

    id_param: str = "starting_from_id"
    size_param: str = "count"

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        args: dict[str, Any] = {self.size_param: self.size}
        if cursor["from"] is not None:
            args[self.id_param] = cursor["from"]
        return args

    def _next_from(self, last_id: Any) -> Any:
        return last_id + 1 if isinstance(last_id, int) else last_id


class AsyncPager(Generic[T]):
    """Iterate a vendor list without thinking about its pagination.

    ``async for item in pager`` yields every item; ``pager.pages()`` yields :class:`Page`
    objects; ``await pager.collect(max_items)`` gathers a list. ``pager.state`` is a
    JSON-serialisable cursor that points just after the last fully delivered page (or item
    that ended a page); pass it back as ``resume_from=`` to continue exactly there.
    Iterating again continues from the current state.
    """

    def __init__(
        self,
        fetch: Fetch,
        strategy: PaginationStrategy,
        *,
        parse: Callable[[Any], T] | None = None,
        resume_from: Mapping[str, Any] | None = None,
        concurrency: int = 1,
    ) -> None:
        self._fetch = fetch
        self._strategy = strategy
        self._parse = parse
        self._concurrency = _positive(concurrency, "concurrency")
        self._state: Cursor = dict(resume_from) if resume_from is not None else strategy.start()
        self.pages_fetched = 0
        self.items_yielded = 0
        self.total: int | None = self._state.get("total")

    @property
    def state(self) -> Cursor:
        return dict(self._state)

    @property
    def done(self) -> bool:
        return bool(self._state.get("done"))

    def _spawn(self, cursor: Cursor) -> asyncio.Task[Any]:
        return asyncio.ensure_future(self._fetch(self._strategy.page_args(cursor)))

    async def pages(self) -> AsyncGenerator[Page[T], None]:
        """Every remaining page, in order; ``state`` moves past a page as it is delivered."""
        async for page in self._pages():
            self._state = page.state
            yield page

    async def _pages(self) -> AsyncGenerator[Page[T], None]:
        strategy = self._strategy
        seen_keys: set[str] = set()
        ahead: collections.deque[tuple[Cursor, asyncio.Task[Any]]] = collections.deque()
        cursor: Cursor | None = None if self.done else self._state
        try:
            while cursor is not None:
                if ahead and ahead[0][0] == cursor:
                    task = ahead.popleft()[1]
                else:
                    await _cancel_all(ahead)
                    task = self._spawn(cursor)
                raw = await task
                self.pages_fetched += 1
                items = strategy.items(raw)
                key = strategy.loop_key(cursor, items)
                if key in seen_keys:
                    raise PaginationError(f"the vendor returned the same page twice ({key[:120]})")
                seen_keys.add(key)
                fresh = strategy.keep(cursor, items)
                nxt = strategy.advance(cursor, raw, items)
                if nxt is not None and nxt.get("total") is not None:
                    self.total = nxt["total"]
                if nxt is not None and self._concurrency > 1:
                    queued = {json.dumps(c, sort_keys=True) for c, _ in ahead}
                    for c in [nxt, *strategy.predict(nxt, self._concurrency - 1)]:
                        if len(ahead) >= self._concurrency:
                            break
                        if json.dumps(c, sort_keys=True) not in queued:
                            ahead.append((c, self._spawn(c)))
                parse = self._parse
                parsed: list[Any] = [parse(i) for i in fresh] if parse else list(fresh)

                state = nxt if nxt is not None else DONE
                yield Page(items=parsed, raw=raw, state=dict(state), number=self.pages_fetched)
                cursor = nxt
        finally:
            await _cancel_all(ahead)

    async def __aiter__(self) -> AsyncGenerator[T, None]:
        async with contextlib.aclosing(self._pages()) as pages:
            async for page in pages:
                items = page.items
                if not items:
                    self._state = page.state
                    continue
                last = items[-1]
                self.items_yielded += len(items)
                for item in items:
                    if item is last:
                        self._state = page.state  # the last item of a page closes it
                    yield item

    async def collect(self, max_items: int | None = None) -> list[T]:
        """All items (or the first ``max_items``) as a list."""
        if max_items is not None and (isinstance(max_items, bool) or max_items < 0):
            raise ValueError(f"max_items must be >= 0, not {max_items!r}")
        out: list[T] = []
        if max_items == 0:
            return out
        async with contextlib.aclosing(self.__aiter__()) as items:
            async for item in items:
                out.append(item)
                if max_items is not None and len(out) >= max_items:
                    break
        return out

    def __repr__(self) -> str:
        return f"<AsyncPager {type(self._strategy).__name__} state={self._state!r}>"


async def _cancel_all(ahead: collections.deque[tuple[Cursor, asyncio.Task[Any]]]) -> None:
    tasks = [t for _, t in ahead]
    ahead.clear()
    for t in tasks:
        t.cancel()
    if tasks:
        await asyncio.gather(*tasks, return_exceptions=True)
