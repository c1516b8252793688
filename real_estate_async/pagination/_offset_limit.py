"""``offset`` + ``limit``, with or without a total the vendor announces."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import attrs

from ._helpers import (
    Cursor,
    EmptyPageError,
    ItemsGetter,
    _count,
    _dig,
    _limit,
    _past_offset,
    items_at,
)
from ._strategy import PaginationStrategy

log = logging.getLogger("real_estate_async")


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
        return None if self.total_path is None else _count(_dig(raw, self.total_path))

    def resume_at(self, cursor: Cursor, kept: Sequence[Any], count: int) -> Cursor:
        return _past_offset(cursor, count)

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
