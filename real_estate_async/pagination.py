"""AsyncPager and one small strategy per vendor pagination style.

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

from __future__ import annotations

import asyncio
import collections
import contextlib
import hashlib
import json
import logging
from collections.abc import AsyncGenerator, Awaitable, Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from ._errors import PaginationError, shape_error
from ._orjson import orjson

if TYPE_CHECKING:
    from ._response import APIResponse, _Recorder

__all__ = [
    "AsyncPager",
    "CountFromId",
    "CurrentId",
    "EmptyPageError",
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

#: Pages an iteration may fetch that start at or past the total the vendor announced.
MAX_PAGES_PAST_TOTAL = 1

log = logging.getLogger("real_estate_async")


def items_at(*path: str) -> ItemsGetter:
    """Items found under ``path`` in a JSON object (a bare array when ``path`` is empty).

    ``null`` at the end of the path (or an empty body for a bare array) is an empty page;
    a missing key or anything else that is not a list is an unrecognised shape
    (:class:`ResponseShapeError`, naming the keys the object held), never an empty page.
    """
    where = "/".join(path) or "top"

    def get(raw: Any) -> Sequence[Any]:
        node = raw
        for key in path:
            if not isinstance(node, Mapping) or key not in node:
                raise shape_error(f"an object with {key!r} (list at {where})", node, path)
            node = node[key]
        if node is None:
            return []
        if not isinstance(node, list):
            if not path:
                raise shape_error("a JSON array", node, path)
            raise PaginationError(f"expected a list at {where}, got {type(node).__name__}")
        return node

    return get


def _dig(raw: Any, path: Sequence[str]) -> Any:
    node = raw
    for key in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def _dump(item: Any) -> str:
    return json.dumps(item, sort_keys=True, separators=(",", ":"), default=str)


def item_digest(item: Any) -> str:
    """A short digest of one raw item that is stable across processes (saved in states)."""
    return hashlib.blake2b(_dump(item).encode(), digest_size=8).hexdigest()


def _content_key(items: Sequence[Any]) -> Hashable:
    """What identifies a page's content: its length and first, middle and last items.

    Three items, not the whole page, so it costs the same for any page size; two distinct
    pages of a listing that yields every record once never share their first item.
    """
    n = len(items)
    if not n:
        return None
    # Not a sorted JSON dump: the key lives for one iteration in one process, and the same
    # response decodes to the same repr (orjson's encoding, when installed, is ~10x faster).
    sample = (items[0], items[n // 2], items[-1])
    if orjson is not None:
        try:
            return ("page", n, hash(orjson.dumps(sample)))
        except TypeError:  # a value orjson does not encode: fall back to repr
            pass
    return ("page", n, hash(tuple(map(repr, sample))))


def _cursor_key(cursor: Mapping[str, Any]) -> str | bytes:
    """A cursor as a comparable key (cursors are small dicts of JSON values)."""
    if orjson is not None:
        try:
            return orjson.dumps(cursor, option=orjson.OPT_SORT_KEYS)
        except TypeError:  # the same cursor always fails alike, so keys stay comparable
            pass
    return json.dumps(cursor, sort_keys=True)


class EmptyPageError(PaginationError):
    """An empty page where the vendor said more would come (raised by a strategy's
    ``advance``); the pager asks for that page once more, then lets it propagate."""


@attrs.frozen
class Page(Generic[T]):
    """One page: parsed ``items``, the ``raw`` response, and the ``state`` to resume after it."""

    items: list[T]
    raw: Any
    state: Cursor
    number: int


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


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


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
    loses nothing. Without a total a short page ends the list. With one, an empty page
    before it is an error (retried once), and a total that changes between pages is
    logged: offset paging over changing data may then repeat or skip a record.
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

    def resume_at(self, cursor: Cursor, kept: Sequence[Any], count: int) -> Cursor:
        return {**cursor, "offset": cursor["offset"] + count}

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        total = self.total(raw)
        before = cursor.get("total")
        if not items:
            announced = total if total is not None else before
            if announced is not None and cursor["offset"] < announced:
                raise EmptyPageError(
                    f"empty page at offset {cursor['offset']} before the announced total "
                    f"{announced}"
                )
            return None
        offset = cursor["offset"] + len(items)
        if total is not None:
            if before is not None and before != total:
                log.warning(
                    "the listing's total changed from %s to %s at offset %s: offset paging "
                    "may repeat or skip records; prefer the vendor's scroll or keyset listing",
                    before, total, cursor["offset"],
                )  # fmt: skip
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
        if total is None or cursor.get("capped") or "skip" in cursor:
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
    """offset/limit that stops when the response's ``hasMore`` flag is false (an empty
    page that still says ``hasMore`` is an error, retried once)."""

    items: ItemsGetter = attrs.field(default=items_at())
    limit: int = attrs.field(default=100, converter=_limit)
    has_more_path: tuple[str, ...] = ("hasMore",)
    offset_param: str = "offset"
    limit_param: str = "limit"

    def start(self) -> Cursor:
        return {"offset": 0}

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return {self.offset_param: cursor["offset"], self.limit_param: self.limit}

    def resume_at(self, cursor: Cursor, kept: Sequence[Any], count: int) -> Cursor:
        return {**cursor, "offset": cursor["offset"] + count}

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        more = _truthy(_dig(raw, self.has_more_path))
        if not items:
            if more:
                raise EmptyPageError(f"empty page at offset {cursor['offset']} that says hasMore")
            return None
        if not more:
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
    #: An empty page that still carries a token: the end (scroll) or an error (page keys).
    empty_with_token_ends: bool = True

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
        if not items:
            if token not in (None, "") and not self.empty_with_token_ends:
                raise EmptyPageError(f"empty page that still carries {self.token_param} {token!r}")
            return None
        if token in (None, ""):
            return None
        return {"token": token}


@attrs.frozen
class ScrollId(_TokenCursor):
    """Lofty scroll: ``scrollId`` from ``_metadata`` until no items or no scrollId.

    Scroll ids may legitimately stay the same between pages, so a loop is declared when a
    page's content comes back, before that page is yielded.
    """

    token_path: tuple[str, ...] = ("_metadata", "scrollId")
    token_param: str = "scrollId"


@attrs.frozen
class NextPageKey(_TokenCursor):
    """Lofty listings: send back ``nextPageKey`` until the response has none. An empty
    page with a key is an error (retried once); a key or a page seen twice is a loop."""

    token_path: tuple[str, ...] = ("nextPageKey",)
    token_param: str = "nextPageKey"
    empty_with_token_ends: bool = False

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        token = cursor.get("token")
        if token is None or "skip" in cursor:
            return (_content_key(items),)
        return (_content_key(items), ("token", _dump(token)))


@attrs.frozen
class _IdCursor(PaginationStrategy):
    """Keyset pagination on ascending item ids: each id is yielded once.

    The cursor keeps the highest id delivered (``last``). An id at or below it (the
    inclusive boundary, a repeat within a page, a page re-sent later) is dropped; on a full
    page, an id between the page's starting ``last`` and one already seen on it means the
    vendor does not sort ascending, so paging on from the highest id would lose records:
    that raises.
    """

    items: ItemsGetter = attrs.field(default=items_at())
    size: int = attrs.field(default=100, converter=_size)
    id_of: Callable[[Any], Any] = attrs.field(default=_item_id)
    start_id: Any = None

    def start(self) -> Cursor:
        return {"from": self.start_id, "last": None}

    def _id(self, item: Any) -> Any:
        try:
            return self.id_of(item)
        except (KeyError, TypeError, IndexError) as exc:
            raise PaginationError(f"a keyset page holds an item without an id: {exc!r}") from None

    @staticmethod
    def _last(cursor: Cursor) -> Any:
        if "last" in cursor:
            return cursor["last"]
        seen = cursor.get("seen")  # states saved before 0.x kept the previous page's ids
        return max(seen) if seen else None

    def keep(self, cursor: Cursor, items: Sequence[Any]) -> Sequence[Any]:
        floor = self._last(cursor)
        top = floor
        on_page: set[Any] = set()
        out = []
        try:
            for item in items:
                item_id = self._id(item)
                if item_id in on_page or (floor is not None and item_id <= floor):
                    continue  # a repeat: never yielded twice
                on_page.add(item_id)
                if top is not None and item_id < top and len(items) >= self.size:
                    # Only a full page goes on from its highest id (a short one is the end).
                    raise PaginationError(
                        f"keyset ids are not ascending ({top!r} came before {item_id!r}): "
                        "paging on from the highest id would lose records"
                    )
                out.append(item)
                top = item_id if top is None or item_id > top else top
        except TypeError:
            raise PaginationError("keyset ids that cannot be compared") from None
        return out

    def _next_from(self, last_id: Any) -> Any:
        return last_id

    def _step_past(self, last_id: Any) -> Any:
        """Where to ask when a full page brought nothing new (an inclusive id)."""
        return last_id + 1 if type(last_id) is int else last_id

    def resume_at(self, cursor: Cursor, kept: Sequence[Any], count: int) -> Cursor:
        last = self._id(kept[count - 1])
        return {"from": self._next_from(last), "last": last}

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        if len(items) < self.size:
            return None
        floor = self._last(cursor)
        top = max(self._id(it) for it in items)
        if floor is not None and top <= floor:
            return {"from": self._step_past(floor), "last": floor}
        return {"from": self._next_from(top), "last": top}

    def loop_keys(self, cursor: Cursor, items: Sequence[Any]) -> tuple[Hashable, ...]:
        if not items:
            return ()
        # One small int a page (a hash of cursor, first id, last id): memory stays flat.
        key = (repr(cursor.get("from")), repr(self._id(items[0])), repr(self._id(items[-1])))
        return (hash(key),)


@attrs.frozen
class CurrentId(_IdCursor):
    """Lofty communication histories: ``currentId`` = id of the last item seen.

    Lofty starts from that id (inclusive), so it comes back first and is dropped; with
    ``size == 1`` (or a page of repeats) the cursor steps past it to ``id + 1``.
    """

    id_param: str = "currentId"
    size_param: str = "limit"

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        args: dict[str, Any] = {self.size_param: self.size}
        if cursor["from"] is not None:
            args[self.id_param] = cursor["from"]
        return args

    def _next_from(self, last_id: Any) -> Any:
        # One item a page: an inclusive id would only ever bring that item back.
        return self._step_past(last_id) if self.size == 1 else last_id


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
        return self._step_past(last_id)


class AsyncPager(Generic[T]):
    """Iterate a vendor list without thinking about its pagination.

    ``async for item in pager`` yields every item; ``pager.pages()`` yields :class:`Page`
    objects; ``await pager.collect(max_items)`` gathers a list. Every record comes once,
    or :class:`PaginationError` is raised (a repeated page, an empty page before the end
    the vendor announced, keyset ids out of order, more pages than the announced total).

    ``pager.state`` is a JSON-serialisable cursor just after the last item delivered
    (also in the middle of a page); pass it back as ``resume_from=`` to continue exactly
    there, with no item repeated and none skipped.

    A pager is one pass over the listing. Iterating it again after a ``break`` continues
    exactly where the previous pass stopped; iterating it again after it reached the end
    raises :class:`PaginationError` (it does not restart, which would deliver every record
    twice): build a new pager to list again. Starting a new pass abandons an unfinished one.
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
        self._yielded = 0  # items of pages delivered in full
        self.total: int | None = self._state.get("total")
        self._passes = 0  # iterations started; the newest one owns the pager
        # The page being delivered item by item: its cursor, kept raw items, count delivered.
        self._open: tuple[Cursor, Sequence[Any]] | None = None
        self._delivered = 0
        self._recorder: _Recorder | None = None  # set by the SDK's resources

    @property
    def state(self) -> Cursor:
        """Where a new pager (``resume_from=``) continues: just after the last item delivered."""
        if self._open is not None and self._delivered:
            cursor, kept = self._open
            return self._strategy.resume_at(cursor, kept, self._delivered)
        return dict(self._state)

    @property
    def last_response(self) -> APIResponse[Any] | None:
        """The :class:`APIResponse` of the last page fetched (``None`` before the first);
        its ``parse()`` is ``None``: the items are what the pager yields."""
        recorder = self._recorder
        return None if recorder is None else recorder.response(None)

    @property
    def done(self) -> bool:
        return bool(self._state.get("done"))

    @property
    def items_yielded(self) -> int:
        """Items delivered by item iteration (``async for`` / ``collect``) so far."""
        return self._yielded + (self._delivered if self._open is not None else 0)

    def _claim(self) -> tuple[int, Cursor]:
        """Start a pass: from the current state; refused once the listing was finished."""
        start = self.state
        if self._passes and start.get("done"):
            raise PaginationError(
                "this pager already delivered the whole listing; build a new pager to list again"
            )
        self._passes += 1
        self._yielded = self.items_yielded
        self._open, self._delivered = None, 0
        self._state = start
        return self._passes, start

    def _check_owner(self, pass_id: int) -> None:
        if pass_id != self._passes:
            raise PaginationError("a newer iteration of this pager took over; this one stopped")

    def _spawn(self, cursor: Cursor) -> asyncio.Task[Any]:
        return asyncio.ensure_future(self._fetch(self._strategy.page_args(cursor)))

    async def pages(self) -> AsyncGenerator[Page[T], None]:
        """Every remaining page, in order; ``state`` moves past a page as it is delivered."""
        pass_id, start = self._claim()
        async with contextlib.aclosing(self._walk(pass_id, start)) as walk:
            async for _cursor, raw, _kept, parsed, end in walk:
                self._state = end
                yield Page(items=parsed, raw=raw, state=dict(end), number=self.pages_fetched)
                self._check_owner(pass_id)

    async def _walk(
        self, pass_id: int, start: Cursor
    ) -> AsyncGenerator[tuple[Cursor, Any, Sequence[Any], list[Any], Cursor], None]:
        """(cursor, raw, kept raw items, parsed items, state after the page) of each page."""
        strategy = self._strategy
        seen: set[Hashable] = set()
        ahead: collections.deque[tuple[Cursor, asyncio.Task[Any]]] = collections.deque()
        cursor: Cursor | None = None if start.get("done") else start
        retried: Cursor | None = None
        received = past_total = 0
        try:
            while cursor is not None:
                if ahead and ahead[0][0] == cursor:
                    task = ahead.popleft()[1]
                else:
                    await _cancel_all(ahead)
                    task = self._spawn(cursor)
                raw = await task
                self._check_owner(pass_id)
                self.pages_fetched += 1
                items = strategy.items(raw)
                keys = [k for k in strategy.loop_keys(cursor, items) if k is not None]
                if any(k in seen for k in keys):
                    raise PaginationError(
                        f"the vendor sent the same page twice (page {self.pages_fetched} "
                        "repeats an earlier one): it ignores the paging arguments"
                    )
                kept = strategy.keep(cursor, items)
                try:
                    nxt = strategy.advance(cursor, raw, items)
                except EmptyPageError as exc:
                    if retried is cursor:
                        raise
                    log.warning("%s; asking for that page once more", exc)
                    retried = cursor
                    await _cancel_all(ahead)
                    continue
                seen.update(keys)
                total = strategy.total(raw)
                if total is not None:
                    self.total = total
                if self.total is not None and received >= self.total and items:
                    past_total += 1
                    if past_total > MAX_PAGES_PAST_TOTAL:
                        raise PaginationError(
                            f"{received + len(items)} items fetched, the vendor announced "
                            f"{self.total}: it keeps sending pages past its own total"
                        )
                received += len(items)
                if nxt is not None and self._concurrency > 1:
                    queued = {_cursor_key(c) for c, _ in ahead}
                    for c in [nxt, *strategy.predict(nxt, self._concurrency - 1)]:
                        if len(ahead) >= self._concurrency:
                            break
                        if _cursor_key(c) not in queued:
                            ahead.append((c, self._spawn(c)))
                parse = self._parse
                parsed: list[Any] = [parse(i) for i in kept] if parse else list(kept)
                yield cursor, raw, kept, parsed, dict(nxt if nxt is not None else DONE)
                cursor = nxt
        finally:
            await _cancel_all(ahead)

    async def __aiter__(self) -> AsyncGenerator[T, None]:
        pass_id, start = self._claim()
        async with contextlib.aclosing(self._walk(pass_id, start)) as walk:
            async for cursor, _raw, kept, parsed, end in walk:
                count = len(parsed)
                if not count:
                    self._state = end
                    continue
                self._open = (cursor, kept)
                last = count - 1
                for position, item in enumerate(parsed):
                    if self._passes != pass_id:
                        self._check_owner(pass_id)
                    self._delivered = position + 1
                    if position == last:  # the last position (not identity) closes the page
                        self._state, self._open, self._delivered = end, None, 0
                        self._yielded += count
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
        return f"<AsyncPager {type(self._strategy).__name__} state={self.state!r}>"


async def _cancel_all(ahead: collections.deque[tuple[Cursor, asyncio.Task[Any]]]) -> None:
    tasks = [t for _, t in ahead]
    ahead.clear()
    for t in tasks:
        t.cancel()
    if tasks:
        await asyncio.gather(*tasks, return_exceptions=True)
