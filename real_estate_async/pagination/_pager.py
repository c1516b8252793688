"""The pager: item and page iteration over any pagination style, item-exact resumable
state, loop detection and (offset style with a known total) bounded concurrent prefetch
with items still yielded in order.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import operator
from collections.abc import (
    AsyncGenerator,
    Awaitable,
    Callable,
    Hashable,
    Iterator,
    Mapping,
    Sequence,
)
from itertools import islice
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from .._errors import PaginationError
from ._helpers import Cursor, EmptyPageError, _cursor_key, _positive
from ._strategy import PaginationStrategy

if TYPE_CHECKING:
    from .._response import APIResponse, _Recorder

T = TypeVar("T")
Fetch = Callable[[Mapping[str, Any]], Awaitable[Any]]

DONE: Cursor = {"done": True}

#: Pages an iteration may fetch that start at or past the total the vendor announced.
MAX_PAGES_PAST_TOTAL = 1

log = logging.getLogger("real_estate_async")


@attrs.frozen
class Page(Generic[T]):
    """One page: parsed ``items``, the ``raw`` response, and the ``state`` to resume after it."""

    items: list[T]
    raw: Any
    state: Cursor
    number: int


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
        # The page being delivered item by item: its cursor, kept raw items, the iterator
        # over its parsed items and their count (delivered = count - what the iterator
        # still holds: nothing is written per item).
        self._open: tuple[Cursor, Sequence[Any], Iterator[Any], int] | None = None
        self._recorder: _Recorder | None = None  # set by the SDK's resources

    @property
    def state(self) -> Cursor:
        """Where a new pager (``resume_from=``) continues: just after the last item delivered."""
        delivered = self._delivered
        if delivered:
            cursor, kept, _, _ = self._open  # type: ignore[misc]
            return self._strategy.resume_at(cursor, kept, delivered)
        return dict(self._state)

    @property
    def _delivered(self) -> int:
        """Items of the open page delivered so far (0 when no page is open)."""
        if self._open is None:
            return 0
        _, _, rest, count = self._open
        return count - operator.length_hint(rest)

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
        return self._yielded + self._delivered

    def _claim(self) -> tuple[int, Cursor]:
        """Start a pass: from the current state; refused once the listing was finished."""
        start = self.state
        if self._passes and start.get("done"):
            raise PaginationError(
                "this pager already delivered the whole listing; build a new pager to list again"
            )
        self._passes += 1
        self._yielded = self.items_yielded
        self._open = None
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
        # keep + advance in one call where the style shares work between them.
        step = getattr(strategy, "_keep_and_advance", None)
        seen: set[Hashable] = set()
        ahead: collections.deque[tuple[Cursor, asyncio.Task[Any]]] = collections.deque()
        cursor: Cursor | None = None if start.get("done") else start
        retried: Cursor | None = None
        received = past_total = 0
        try:
            while cursor is not None:
                if ahead and ahead[0][0] == cursor:
                    raw = await ahead.popleft()[1]
                else:
                    if ahead:
                        await _cancel_all(ahead)
                    # Awaited in place, not as a task: nothing else is in flight, and a
                    # task would cost a loop turn per page.
                    raw = await self._fetch(strategy.page_args(cursor))
                self._check_owner(pass_id)
                self.pages_fetched += 1
                items = strategy.items(raw)
                keys = [k for k in strategy.loop_keys(cursor, items) if k is not None]
                if not seen.isdisjoint(keys):
                    raise PaginationError(
                        f"the vendor sent the same page twice (page {self.pages_fetched} "
                        "repeats an earlier one): it ignores the paging arguments"
                    )
                try:
                    if step is None:
                        kept = strategy.keep(cursor, items)
                        nxt = strategy.advance(cursor, raw, items)
                    else:
                        kept, nxt = step(cursor, raw, items)
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
                rest = iter(parsed)  # a list iterator: its length hint is exact
                self._open = (cursor, kept, rest, count)
                # Every item but the last: the iterator itself counts what was delivered.
                for item in islice(rest, count - 1):
                    if self._passes != pass_id:
                        self._check_owner(pass_id)
                    yield item
                # The last position (not identity) closes the page.
                item = next(rest)
                if self._passes != pass_id:
                    self._check_owner(pass_id)
                self._state, self._open = end, None
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
