"""The generated model fast path gives exactly what the slow rules give."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import pytest

from real_estate_async._timestamps import from_epoch_ms
from real_estate_async.models import _EPOCH_FAST_BOUND, FieldValueError
from real_estate_async.providers.brokermint.models import CustomAttribute, Transaction
from real_estate_async.providers.lofty.models import Lead, LeadTag

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _oracle(ms: int) -> dt.datetime:
    return EPOCH + dt.timedelta(milliseconds=ms)


def _sample() -> list[int]:
    rng = random.Random(12)
    edges = [0, 1, 999, 1000, -1, -999, -1000, -1001, 10454400000, 94694400000]
    edges += [_EPOCH_FAST_BOUND + d for d in range(-3, 3)]
    edges += [-62135596800000, 253402300799999]  # 0001-01-01 and 9999-12-31T23:59:59.999
    spread = [rng.randrange(-62135596800000, 253402300800000) for _ in range(20_000)]
    near = [rng.randrange(0, _EPOCH_FAST_BOUND) for _ in range(20_000)]
    pre_1973 = [rng.randrange(-(10**11), 10**11) for _ in range(5_000)]
    return edges + spread + near + pre_1973


def test_epoch_ms_is_exact_to_the_millisecond_over_the_whole_range() -> None:
    values = _sample()
    for ms in values:
        assert from_epoch_ms(ms) == _oracle(ms), ms
    # The generated per-class code inlines the int case: same values, each field.
    for ms in values[:5000]:
        tx = Transaction.from_dict({"id": 1, "created_at": ms, "closing_date": ms})
        assert tx.created_at == tx.closing_date == _oracle(ms), ms
        assert tx.created_at is not None and tx.created_at.tzinfo is dt.timezone.utc


@pytest.mark.parametrize(
    ("wire", "expected"),
    [
        ("1704067200123", dt.datetime(2024, 1, 1, 0, 0, 0, 123000, tzinfo=dt.timezone.utc)),
        (1704067200123.0, dt.datetime(2024, 1, 1, 0, 0, 0, 123000, tzinfo=dt.timezone.utc)),
        ("2024-01-01T00:00:00Z", dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)),
        (-86400000, dt.datetime(1969, 12, 31, tzinfo=dt.timezone.utc)),
        ("", None),
        (None, None),
    ],
)
def test_epoch_ms_fields_take_every_wire_form(wire: Any, expected: Any) -> None:
    tx = Transaction.from_dict({"id": 1, "updated_at": wire})
    assert tx.updated_at == expected
    assert tx.to_dict() == {"id": 1, "updated_at": wire}


def test_a_bool_or_an_overflow_is_refused_when_the_field_is_read() -> None:
    for wire, error in ((True, TypeError), (10**20, OverflowError)):
        tx = Transaction.from_dict({"id": 3, "updated_at": wire})
        assert tx.id == 3
        with pytest.raises(FieldValueError, match=r"Transaction\.updated_at") as caught:
            _ = tx.updated_at
        assert type(caught.value.__cause__) is error
        assert tx.to_dict() == {"id": 3, "updated_at": wire}


def test_converted_values_keep_their_wire_form_and_unknown_keys_go_to_extra() -> None:
    payload = {
        "id": 7,
        "price": 250000,
        "timezone": "",
        "created_at": 1704067200000,
        "custom_attributes": [{"name": "Source", "value": "Referral", "colour": "red"}],
        "brand_new_key": {"x": 1},
    }
    tx = Transaction.from_dict(payload)
    assert type(tx.price) is float and tx.price == 250000.0
    assert tx.timezone is None
    assert tx.extra == {"brand_new_key": {"x": 1}}
    assert tx.custom_attributes == [
        CustomAttribute(name="Source", value="Referral", extra={"colour": "red"})
    ]
    assert tx.to_dict() == payload
    assert Transaction.from_dict({"id": 7}).extra == {}


def test_absent_and_null_fields_are_the_default() -> None:
    assert Transaction.from_dict({"id": None, "city": None}) == Transaction()
    assert Transaction.from_dict({}) == Transaction()


def _lead_payload() -> dict[str, Any]:
    return {
        "leadId": 1,
        "firstName": "Ada",
        "emails": ["ada@example.test"],
        "tags": [{"tagId": 7, "tagName": "buyer"}],
        "leadInquiry": {"priceMin": 1, "unknownInner": 2},
        "somethingNew": {"x": 1},
    }


def _mutations() -> list[tuple[str, Callable[[Any], None]]]:
    def set_attr(name: str, value: Any) -> Callable[[Any], None]:
        return lambda m: setattr(m, name, value)

    return [
        ("field", set_attr("first_name", "Grace")),
        ("field to None", set_attr("first_name", None)),
        ("absent field set", set_attr("city", "Springfield")),
        ("equal but new list", set_attr("emails", ["ada@example.test"])),
        ("nested field", lambda m: setattr(m.tags[0], "tag_name", "seller")),
        ("nested extra", lambda m: m.lead_inquiry.extra.update(more=1)),
        ("nested list grows", lambda m: m.tags.append(LeadTag(tag_id=8))),
        (
            "equal nested list of new models",
            set_attr("tags", [LeadTag(tag_id=7, tag_name="buyer")]),
        ),
        ("extra changed", lambda m: m.extra.update(somethingNew=2)),
        ("extra removed", lambda m: m.extra.clear()),
        ("extra added", lambda m: m.extra.update(another=3)),
    ]


def test_export_serialises_the_payload_itself_only_while_the_model_still_holds_it() -> None:
    payload = _lead_payload()
    unchanged = Lead.from_dict(payload)
    assert unchanged._wire_dict() is payload
    in_place = Lead.from_dict(payload := _lead_payload())
    assert in_place.emails is not None
    in_place.emails.append("b@example.test")  # the payload's own list: still the same
    assert in_place._wire_dict() is payload
    assert in_place.to_dict() == payload
    for label, mutate in _mutations():
        payload = _lead_payload()
        changed = Lead.from_dict(payload)
        mutate(changed)
        wire = changed._wire_dict()
        assert wire is not payload, label
        assert wire == changed.to_dict(), label
        assert (wire == _lead_payload()) is label.startswith("equal"), label


def test_export_of_models_without_a_plain_payload_goes_through_to_dict() -> None:
    built = Transaction(id=1, price=2.0)
    assert built._wire_dict() == built.to_dict() == {"id": 1, "price": 2.0}
    proxy = MappingProxyType({"id": 1, "city": "X"})
    from_proxy = Transaction.from_dict(proxy)
    assert type(from_proxy._wire_dict()) is dict
    assert from_proxy._wire_dict() == {"id": 1, "city": "X"}
    tx = Transaction.from_dict({"id": 1, "created_at": 1704067200000})
    tx.created_at = dt.datetime(2024, 1, 2, tzinfo=dt.timezone.utc)  # a new datetime
    assert tx._wire_dict() == {"id": 1, "created_at": 1704153600000}


def test_the_bulk_fill_converts_as_each_field_would_and_leaves_bad_values_to_their_read() -> None:
    good = {
        "id": 1,
        "city": "X",
        "state": "IL",
        "zip": "62701",
        "status": "open",
        "price": 250000,
        "created_at": 1704067200000,
        "closing_date": -86400000,  # past the inline epoch case: the converter's
        "listing_date": "1704067200000",
        "custom_attributes": [{"name": "a"}],
        "listing_side_representer": {"id": 2, "type": "User"},
    }
    bad = dict(good, price=10**400, updated_at=True, custom_attributes=[{"name": "a"}, "b"])
    names = ("id", "city", "state", "zip", "status")  # past the point the bulk fill starts
    for payload in (good, bad):
        tx = Transaction.from_dict(payload)
        for name in names:
            getattr(tx, name)
        assert tx.created_at == _oracle(1704067200000)
        assert tx.closing_date == _oracle(-86400000)
        assert tx.listing_date == _oracle(1704067200000)
        assert tx.listing_side_representer is not None
        assert tx.listing_side_representer.type == "User"
        assert tx.to_dict() == payload
    tx = Transaction.from_dict(good)
    for name in names:
        getattr(tx, name)
    assert type(tx.price) is float and tx.price == 250000.0
    assert tx.custom_attributes == [CustomAttribute(name="a")]
    tx = Transaction.from_dict(bad)
    for name in names:
        getattr(tx, name)
    for name in ("price", "updated_at", "custom_attributes"):
        with pytest.raises(FieldValueError, match=rf"Transaction\.{name}"):
            getattr(tx, name)
    assert "price=<unconverted" in repr(tx)
    assert tx.to_dict() == bad
