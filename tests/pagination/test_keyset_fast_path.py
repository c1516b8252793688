"""The keyset guard's whole-page fast path keeps exactly what the item-by-item rule keeps."""

from __future__ import annotations

import random
from typing import Any

from real_estate_async._errors import PaginationError
from real_estate_async.pagination import CountFromId


def _keep_oracle(floor: Any, items: list[dict[str, Any]], size: int) -> list[Any] | str:
    """The keyset guard item by item, as written before the whole-page fast path."""
    top, on_page, out = floor, set(), []
    try:
        for item in items:
            item_id = item["id"]
            if item_id in on_page or (floor is not None and item_id <= floor):
                continue
            on_page.add(item_id)
            if top is not None and item_id < top and len(items) >= size:
                return "not ascending"
            out.append(item)
            top = item_id if top is None or item_id > top else top
    except TypeError:
        return "cannot be compared"
    return out


def test_keyset_guard_keeps_exactly_what_the_item_by_item_rule_keeps() -> None:
    rng = random.Random(7)
    strategy = CountFromId(size=10)
    pages: list[tuple[Any, list[Any]]] = [
        (None, list(range(1, 11))),
        (5, list(range(6, 16))),
        (5, list(range(5, 15))),  # the inclusive boundary
        (None, ["a", "b", "c"]),
        ("b", ["b", "c", "d"]),
        (None, [1, "x", 2]),
        ("a", [1, 2, 3]),
        (None, [1.5, 2, 3]),
        (None, [True, 2, 3]),
    ]
    for _ in range(3000):
        n = rng.choice([0, 1, 3, 9, 10, 11])
        ids = sorted(rng.sample(range(100), n))
        if rng.random() < 0.3 and ids:
            i = rng.randrange(n)
            ids[i] = rng.choice(ids)  # a repeat or a step back
        if rng.random() < 0.2:
            rng.shuffle(ids)
        pages.append((rng.choice([None, 0, 20, 50, 99]), ids))
    for floor, ids in pages:
        items = [{"id": i, "n": k} for k, i in enumerate(ids)]
        expected = _keep_oracle(floor, items, 10)
        cursor = {"from": floor, "last": floor}
        try:
            got: Any = list(strategy.keep(cursor, items))
        except PaginationError as exc:
            got = "not ascending" if "not ascending" in str(exc) else "cannot be compared"
        assert got == expected, (floor, ids)
