"""What every pagination style shares: where the items are in a response, digests of items
and pages, the guards against loops and empty pages, and argument checks.

One mechanism a job, used by every strategy, so a fix reaches all of them at once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import Any

from .._errors import PaginationError, shape_error
from .._orjson import orjson

Cursor = dict[str, Any]
ItemsGetter = Callable[[Any], Sequence[Any]]


class EmptyPageError(PaginationError):
    """An empty page where the vendor said more would come (raised by a strategy's
    ``advance``); the pager asks for that page once more, then lets it propagate."""


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


def _sent_back_keys(cursor: Cursor, items: Sequence[Any], field: str) -> tuple[Hashable, ...]:
    """Loop keys of a style that sends a value back (a token, an anchor id) in ``field``.

    The page's content, plus the value it was asked with: the same value sent twice in one
    listing is a loop. A mid-page resume asks with a value already seen, so it adds none.
    """
    value = cursor.get(field)
    if value is None or "skip" in cursor:
        return (_content_key(items),)
    return (_content_key(items), (field, _dump(value)))


def _query(*pairs: tuple[str, Any]) -> dict[str, Any]:
    """Query arguments in the order given, leaving out those whose value is ``None`` (no
    cursor on the first page, no page size where the vendor's default is used)."""
    return {name: value for name, value in pairs if value is not None}


def _more_follows(raw: Any, path: Sequence[str], items: Sequence[Any], empty: str) -> bool:
    """Whether the vendor's has-more flag at ``path`` announces another page.

    An empty page whose flag still says so is an :class:`EmptyPageError` with the message
    ``empty`` (the pager asks for it once more); an empty page otherwise ends the listing.
    """
    more = _truthy(_dig(raw, path))
    if not items:
        if more:
            raise EmptyPageError(empty)
        return False
    return more


def _count(value: Any) -> int | None:
    """A count the vendor sent (a non-negative int or a string of digits), else ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


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


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


def _item_id(item: Any) -> Any:
    return item["id"]


def _past_offset(cursor: Cursor, count: int) -> Cursor:
    """An offset-style state after ``count`` more items of the page at ``cursor``."""
    return {**cursor, "offset": cursor["offset"] + count}
