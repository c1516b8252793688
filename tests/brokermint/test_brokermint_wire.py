"""Timestamps both ways, ``owned_by``, list filters and ``update(..., merge=True)``."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest

from real_estate_async.providers.brokermint import (
    BrokermintClient,
    Contact,
    CustomAttribute,
    Transaction,
    User,
)
from real_estate_async.providers.brokermint._wire import (
    csv_param,
    merge_for_update,
    owned_by_param,
    since_param,
    wire_body,
)

BASE = "https://my.brokermint.com/api/v1"
KEY = "bm-secret-key-0042"
UTC = dt.timezone.utc
MS = 1428278400000  # 2015-04-06T00:00:00Z


# --------------------------------------------------------------------- timestamps in


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.datetime(2015, 4, 6, tzinfo=UTC), MS),
        (dt.datetime(2015, 4, 6), MS),  # naive = UTC
        (dt.datetime(2015, 4, 5, 17, tzinfo=dt.timezone(dt.timedelta(hours=-7))), MS),
        (dt.datetime(2015, 4, 6, 0, 0, 0, 1500, tzinfo=UTC), MS + 2),  # ms, rounded
        (MS, MS),  # already a 13-digit timestamp
    ],
)
def test_since_datetimes_become_13_digit_ms(value: Any, expected: int) -> None:
    out = since_param(value, "created_since")
    assert out == expected and len(str(out)) == 13


@pytest.mark.parametrize(
    "value", [dt.date(2015, 4, 6), "2015-04-06", " 2015-04-06 "], ids=["date", "str", "spaces"]
)
def test_since_dates_go_out_as_given(value: Any) -> None:
    """Brokermint API v1 reference: ``YYYY-MM-DD or 13-digit unix timestamp``; Brokermint
    reads a date in the account's time zone, so turning it into midnight UTC would shift
    the filter."""
    assert since_param(value, "created_since") == "2015-04-06"


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        ("06/04/2015", ValueError, "YYYY-MM-DD"),
        ("2015-4-6", ValueError, "YYYY-MM-DD"),
        ("2015-02-30", ValueError, "not a real calendar date"),
        ("yesterday", ValueError, "YYYY-MM-DD"),
        (1428278400, ValueError, "13-digit"),  # seconds, not ms
        (True, TypeError, "datetime"),
        (1.5, TypeError, "datetime"),
    ],
)
def test_bad_since_values_are_refused_clearly(
    value: Any, error: type[Exception], match: str
) -> None:
    with pytest.raises(error, match=match):
        since_param(value, "created_since")


async def test_bad_filter_is_refused_before_any_request(mock_http: Any) -> None:
    async with BrokermintClient(KEY) as bm:
        with pytest.raises(ValueError, match="updated_since"):
            bm.contacts.list(updated_since="15/04/2015")
    assert not mock_http.requests


async def test_datetime_through_raw_request_is_ms(mock_http: Any) -> None:
    mock_http.get(re.compile(re.escape(BASE) + r"/transactions\?.*"), payload=[])
    async with BrokermintClient(KEY) as bm:
        await bm.request(
            "GET", "/transactions", params={"updated_since": dt.datetime(2015, 4, 6, tzinfo=UTC)}
        )
    (((_, url), _),) = mock_http.requests.items()
    # The query as sent: in the URL, or added by aiohttp from params= (the mock merges both).
    assert ("updated_since", str(MS)) in url.query.items()


# -------------------------------------------------------------------- timestamps out


def test_model_dates_become_aware_utc_and_back() -> None:
    wire = {
        "id": 1,
        "acceptance_date": MS,
        "expiration_date": "",
        "listing_date": None,
        "closing_date": "1443571200000",
        "custom_attributes": [{"name": "file_date", "type": "date", "value": "x"}],
        "vendor_added": {"a": 1},
    }
    tx = Transaction.from_dict(wire)
    assert tx.acceptance_date == dt.datetime(2015, 4, 6, tzinfo=UTC)
    assert tx.acceptance_date.tzinfo is not None and tx.acceptance_date.utcoffset() == dt.timedelta(
        0
    )
    assert tx.expiration_date is None and tx.listing_date is None
    assert tx.closing_date == dt.datetime(2015, 9, 30, tzinfo=UTC)
    assert tx.extra == {"vendor_added": {"a": 1}}
    assert tx.to_dict() == wire  # untouched values come back exactly as sent
    tx.closing_date = dt.datetime(2015, 4, 6, tzinfo=UTC)
    assert tx.to_dict()["closing_date"] == MS
    fresh = Transaction(listing_date=dt.datetime(2015, 4, 6, tzinfo=UTC), address="1 Main")
    assert fresh.to_dict() == {"listing_date": MS, "address": "1 Main"}


def test_wire_body_converts_nested_dates_and_models() -> None:
    body = wire_body(
        {
            "closing_date": dt.datetime(2015, 4, 6, tzinfo=UTC),
            "dates": [dt.date(2015, 4, 6)],
            "nested": {"at": dt.datetime(2015, 4, 6)},
            "attr": CustomAttribute(name="x", value="1"),
        }
    )
    assert body == {
        "closing_date": MS,
        "dates": [MS],
        "nested": {"at": MS},
        "attr": {"name": "x", "value": "1"},
    }
    assert json.dumps(body)
    with pytest.raises(ValueError):
        wire_body({})


@pytest.mark.parametrize(
    ("ms", "expected"),
    [
        (10454400000, dt.datetime(1970, 5, 2, tzinfo=UTC)),  # 11 digits: was the year 2301
        (-86400000, dt.datetime(1969, 12, 31, tzinfo=UTC)),
        (99_999_999_999, dt.datetime(1973, 3, 3, 9, 46, 39, 999000, tzinfo=UTC)),
        ("1428278400000", dt.datetime(2015, 4, 6, tzinfo=UTC)),
        (MS + 123, dt.datetime(2015, 4, 6, 0, 0, 0, 123000, tzinfo=UTC)),
    ],
)
def test_brokermint_dates_are_read_as_milliseconds_never_guessed(
    ms: Any, expected: dt.datetime
) -> None:
    """Brokermint API v1 reference ("Date and time fields"): every date is a millisecond
    timestamp, whatever its size."""
    user = User.from_dict({"id": 1, "birthday": ms, "created_at": ms})
    assert user.birthday == expected and user.created_at == expected
    assert type(user.birthday) is dt.datetime
    assert user.to_dict()["birthday"] == ms  # written back as the vendor sent it
    assert Transaction.from_dict({"id": 1, "closing_date": ms}).closing_date == expected
    assert Contact.from_dict({"id": 1, "updated_at": ms}).updated_at == expected
    built = User(id=1, birthday=expected)
    assert User.from_dict(built.to_dict()).birthday == expected


def test_user_and_contact_models_keep_unknown_fields() -> None:
    user = User.from_dict({"id": 1, "birthday": 261538320000, "anniversary_date": None, "x": 1})
    assert user.birthday == dt.datetime.fromtimestamp(261538320, UTC)
    assert user.extra == {"x": 1}
    contact = Contact.from_dict({"id": 2, "created_at": MS, "private": True})
    assert contact.to_dict() == {"id": 2, "created_at": MS, "private": True}


# ------------------------------------------------------------------------ owned_by


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (("User", 230), "User-230"),
        (("contact", "1245"), "Contact-1245"),
        ("User-230", "User-230"),
        ("contact-1245", "Contact-1245"),
        ("Account-341", "Account-341"),  # Brokermint API v1 reference: any TYPE-ID
        (("Office", 12), "Office-12"),
        (None, None),
    ],
)
def test_owned_by_forms(value: Any, expected: str | None) -> None:
    assert owned_by_param(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "User230",
        "User-",
        "-5",
        ("Bad Type", 5),
        ("User", 0),
        ("User", "x"),
        ("User",),
        230,
        "User-2-3",
    ],
)
def test_owned_by_is_validated_before_sending(value: Any) -> None:
    with pytest.raises((ValueError, TypeError)):
        owned_by_param(value)


def test_csv_param() -> None:
    assert csv_param([23, 44, 67], "ids") == "23,44,67"
    assert csv_param("23,44", "ids") == "23,44"
    for bad in ([], [""], ["a,b"], "", True):
        with pytest.raises((ValueError, TypeError)):
            csv_param(bad, "ids")


# --------------------------------------------------------------------------- merge


def test_merge_for_update_keeps_what_put_would_replace() -> None:
    current = {
        "id": 1,
        "team": {"id": 4},
        "sponsor": None,
        "custom_attributes": [{"name": "a", "value": "1"}, {"name": "b", "value": "2"}],
    }
    body = merge_for_update(
        current,
        {"custom_attributes": [{"name": "b", "value": "3"}, {"name": "c", "value": "4"}]},
        keep=("team", "sponsor"),
        keyed_lists={"custom_attributes": "name"},
    )
    assert body == {
        "team": {"id": 4},
        "custom_attributes": [
            {"name": "a", "value": "1"},
            {"name": "b", "value": "3"},
            {"name": "c", "value": "4"},
        ],
    }


def _url(path: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(BASE + path) + r"(\?.*)?$")


async def test_transaction_update_merge_reads_merges_writes(mock_http: Any) -> None:
    current = {
        "id": 5,
        "status": "listing",
        "custom_attributes": [
            {"name": "description", "value": "old"},
            {"name": "property_type", "value": "Condo"},
        ],
    }
    mock_http.get(_url("/transactions/5"), payload=current)
    mock_http.put(_url("/transactions/5"), payload={**current, "status": "pending"})
    async with BrokermintClient(KEY) as bm:
        tx = await bm.transactions.update(
            5,
            {"status": "pending", "custom_attributes": [{"name": "description", "value": "new"}]},
            merge=True,
        )
    assert tx.status == "pending"
    methods = [k[0] for k in mock_http.requests]
    assert methods == ["GET", "PUT"]
    put = next(v for k, v in mock_http.requests.items() if k[0] == "PUT")
    assert json.loads(put[0].kwargs["data"]) == {
        "status": "pending",
        "custom_attributes": [
            {"name": "description", "value": "new"},
            {"name": "property_type", "value": "Condo"},
        ],
    }


async def test_transaction_update_without_merge_sends_only_the_data(mock_http: Any) -> None:
    mock_http.put(_url("/transactions/5"), payload={"id": 5})
    async with BrokermintClient(KEY) as bm:
        await bm.transactions.update(5, {"custom_attributes": []})
    ((key, calls),) = mock_http.requests.items()
    assert key[0] == "PUT" and json.loads(calls[0].kwargs["data"]) == {"custom_attributes": []}


async def test_user_update_merge_keeps_team_sponsor_office(mock_http: Any) -> None:
    current = {
        "id": 9,
        "email": "m@x.com",
        "first_name": "M",
        "last_name": "W",
        "team": {"id": 1, "name": "A"},
        "sponsor": {"id": 2},
        "office": "HQ",
        "phone": "1",
    }
    mock_http.get(_url("/users/9"), payload=current)
    mock_http.put(_url("/users/9"), payload={**current, "phone": "2"})
    async with BrokermintClient(KEY) as bm:
        user = await bm.users.update(9, User(phone="2"), merge=True)
    assert user.phone == "2"
    put = next(v for k, v in mock_http.requests.items() if k[0] == "PUT")
    assert json.loads(put[0].kwargs["data"]) == {
        "phone": "2",
        "team": {"id": 1, "name": "A"},
        "sponsor": {"id": 2},
        "office": "HQ",
        "email": "m@x.com",
        "first_name": "M",
        "last_name": "W",
    }


async def test_contact_update_merge_keeps_email_and_attributes(mock_http: Any) -> None:
    current = {"id": 3, "email": "a@b.c", "custom_attributes": [{"name": "x", "value": "1"}]}
    mock_http.get(_url("/contacts/3"), payload=current)
    mock_http.put(_url("/contacts/3"), payload=current)
    async with BrokermintClient(KEY) as bm:
        await bm.contacts.update(3, {"phone": "5"}, merge=True)
    put = next(v for k, v in mock_http.requests.items() if k[0] == "PUT")
    assert json.loads(put[0].kwargs["data"]) == {
        "phone": "5",
        "email": "a@b.c",
        "custom_attributes": [{"name": "x", "value": "1"}],
    }


def test_docstrings_warn_about_put_replacement() -> None:
    from real_estate_async.providers.brokermint.contacts import Contacts
    from real_estate_async.providers.brokermint.transactions import Transactions
    from real_estate_async.providers.brokermint.users import Users

    for method in (Transactions.update, Contacts.update, Users.update):
        doc = method.__doc__ or ""
        assert "replaces" in doc and "merge=True" in doc
