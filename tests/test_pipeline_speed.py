"""The per-request fast paths give exactly what the slow rules give."""

from __future__ import annotations

import email.utils
import random
from typing import Any

import pytest

from real_estate_async import _retry
from real_estate_async._retry import server_time

DATE = "Wed, 02 Dec 2026 07:00:00 GMT"
EPOCH = 1796194800.0  # DATE as epoch seconds


def test_server_time_parses_each_date_value_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = email.utils.parsedate_to_datetime

    def counting(value: str) -> Any:
        calls.append(value)
        return real(value)

    monkeypatch.setattr(email.utils, "parsedate_to_datetime", counting)
    monkeypatch.setattr(_retry.time, "time", lambda: EPOCH + 100.0)
    for _ in range(5):
        assert server_time({"Date": DATE}) == EPOCH
    assert calls == [DATE]
    later = "Wed, 02 Dec 2026 07:00:01 GMT"
    assert server_time({"Date": later}) == EPOCH + 1.0
    assert calls == [DATE, later]


def test_server_time_compares_with_the_local_clock_on_every_call(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The parsed value is remembered, the skew is not: the local clock moves.
    monkeypatch.setattr(_retry.time, "time", lambda: EPOCH + 100.0)
    assert server_time({"Date": DATE}) == EPOCH  # 100 s apart: the vendor's clock
    monkeypatch.setattr(_retry.time, "time", lambda: EPOCH + 1.0)
    assert server_time({"Date": DATE}) is None  # within the tolerance: the local clock


@pytest.mark.parametrize("value", ["", "not a date", "Wed, 99 Foo 2026 25:61:00 GMT"])
def test_server_time_of_an_unreadable_date_is_none_every_time(value: str) -> None:
    assert server_time({"Date": value}) is None
    assert server_time({"Date": value}) is None
    assert server_time({}) is None


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
    from real_estate_async._errors import PaginationError
    from real_estate_async.pagination import CountFromId

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
