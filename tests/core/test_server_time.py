"""The vendor clock read from Date: each value parsed once, the skew checked every time."""

from __future__ import annotations

import email.utils
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
