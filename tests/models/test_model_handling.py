"""Models stay safe to look at, set and delete, whatever the vendor sent.

A value that cannot be converted fails its own read with FieldValueError and nothing else:
printing, logging or comparing the model never raises, a misspelt field is refused instead
of being silently dropped, ``del`` works as on any attrs instance, and ``to_dict()`` is
valid JSON that does not depend on which fields were read.
"""

from __future__ import annotations

import json
import logging
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from real_estate_async.models import FieldValueError, Model, field, model, wire_names
from real_estate_async.providers.brokermint.models import Transaction
from real_estate_async.providers.lofty.models import Lead, LeadTag


def _bad_transaction() -> dict[str, Any]:
    return {"id": 1, "city": "X", "created_at": True, "more": 2}


def test_repr_str_and_eq_show_a_field_that_cannot_convert_instead_of_raising(
    caplog: pytest.LogCaptureFixture,
) -> None:
    tx = Transaction.from_dict(_bad_transaction())
    shown = repr(tx)
    assert "created_at=<unconverted True>" in shown and "city='X'" in shown
    assert str(tx) == shown
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("got %s", tx)
    assert "created_at=<unconverted True>" in caplog.text
    assert tx == tx
    assert not tx != tx  # noqa: SIM202
    assert tx == Transaction.from_dict(_bad_transaction())
    assert tx != Transaction.from_dict({**_bad_transaction(), "created_at": False})
    # Looking at it changed nothing: the read still fails, the payload is still whole.
    with pytest.raises(FieldValueError, match=r"Transaction\.created_at"):
        _ = tx.created_at
    assert tx.to_dict() == _bad_transaction()
    # A nested model's bad value is shown in place too.
    lead = Lead.from_dict({"leadId": 7, "tags": [{"tagId": "seven"}]})
    assert "tag_id=<unconverted 'seven'>" in repr(lead)
    # evolve and asdict hand out converted values, so they name the field they cannot
    # convert; evolve works once that field is replaced.
    with pytest.raises(FieldValueError, match=r"Transaction\.created_at"):
        attrs.evolve(tx, city="Y")
    with pytest.raises(FieldValueError, match=r"Transaction\.created_at"):
        attrs.asdict(tx)
    fixed = attrs.evolve(tx, created_at=None)
    assert fixed.city == "X" and fixed.created_at is None and fixed.extra == {"more": 2}
    assert attrs.asdict(fixed)["city"] == "X"


def test_a_misspelt_field_is_refused_naming_the_closest_field() -> None:
    for tx in (Transaction.from_dict({"id": 1, "status": "open"}), Transaction(id=1)):
        with pytest.raises(AttributeError, match=r"'stauts'.*did you mean 'status'"):
            tx.stauts = "closed"  # type: ignore[attr-defined]
        with pytest.raises(AttributeError, match=r"'zzzz'.*\.extra"):
            tx.zzzz = 1  # type: ignore[attr-defined]
        tx.status = "closed"
        tx._note = "private attributes stay allowed"  # type: ignore[attr-defined]
        assert tx.to_dict()["status"] == "closed"
        assert "stauts" not in vars(tx)

    @model
    class Checked(Model):
        count: int | None = field(default=None)
        name: str | None = attrs.field(default=None, validator=attrs.validators.max_len(3))

    checked = Checked(name="abc")
    with pytest.raises(ValueError, match="name"):
        checked.name = "toolong"  # attrs validators still run on set
    with pytest.raises(AttributeError, match="did you mean 'count'"):
        checked.cuont = 1  # type: ignore[attr-defined]

    @attrs.define(kw_only=True, slots=False)
    class Sub(Transaction):  # an attrs subclass keeps the check and stays mutable
        note: str | None = None

    sub = Sub(note="a")
    sub.note = "b"
    with pytest.raises(AttributeError, match="did you mean 'note'"):
        sub.nte = "c"  # type: ignore[attr-defined]


@attrs.define(kw_only=True, slots=False)
class _Plain:
    city: str | None = None


def test_del_works_as_on_an_attrs_instance() -> None:
    plain = _Plain(city="X")
    del plain.city
    with pytest.raises(AttributeError, match="city"):
        _ = plain.city

    payload = {"id": 1, "city": "X", "state": "IL", "unknown": 1}
    read = Transaction.from_dict(payload)
    assert read.city == "X"
    unread = Transaction.from_dict(payload)
    built = Transaction(id=1, city="X", state="IL")
    for tx in (read, unread, built):
        del tx.city
        with pytest.raises(AttributeError, match="city"):
            _ = tx.city
        assert not hasattr(tx, "city")
        with pytest.raises(AttributeError, match="city"):
            del tx.city  # twice
        assert "city" not in tx.to_dict() and tx.to_dict()["state"] == "IL"
        assert "city=<deleted>" in repr(tx) and tx == tx
        tx.city = "Y"
        assert tx.city == "Y" and tx.to_dict()["city"] == "Y"
    assert payload == {"id": 1, "city": "X", "state": "IL", "unknown": 1}  # untouched

    # A wide model read field by field takes its plain fields in one go past a point:
    # never a deleted one.
    lead = Lead.from_dict({"leadId": 7, "firstName": "Ada", "city": "S", "k": 1})
    del lead.first_name, lead.extra
    for name in [f.name for f in attrs.fields(Lead)][1:20]:
        if name != "first_name":
            getattr(lead, name)
    with pytest.raises(AttributeError):
        _ = lead.first_name
    with pytest.raises(AttributeError):
        _ = lead.extra
    assert lead.to_dict() == {"leadId": 7, "city": "S"}


@pytest.mark.parametrize(
    ("name", "wire", "value"),
    [
        ("city", "city", {"a": 1}),  # a str field sent an object
        ("city", "city", ["a"]),
        ("city", "city", True),
        ("price", "price", "NaN"),  # JSON has no NaN or infinity
        ("price", "price", "inf"),
        ("price", "price", "-Infinity"),
        ("price", "price", "1e999"),
        ("price", "price", True),
        ("price", "price", [1]),
        ("custom_attributes", "custom_attributes", {}),  # a list of models sent an object
        ("custom_attributes", "custom_attributes", "ab"),
    ],
)
def test_a_value_of_the_wrong_type_reads_as_field_value_error(
    name: str, wire: str, value: Any
) -> None:
    payload = {"id": 1, wire: value}
    tx = Transaction.from_dict(payload)
    with pytest.raises(FieldValueError) as bad:
        getattr(tx, name)
    assert (bad.value.field, bad.value.value) == (name, value)
    assert tx.to_dict() == payload
    json.dumps(tx.to_dict(), allow_nan=False)
    # What vendors do send stays readable.
    lead = Lead.from_dict({"zipCode": 62701, "emails": "a@x.test"})
    assert lead.zip_code == "62701" and lead.to_dict()["zipCode"] == 62701
    with pytest.raises(FieldValueError, match="not a list"):
        _ = lead.emails  # not the list of its characters
    assert Transaction.from_dict({"price": "12.5"}).price == 12.5


# Values vendors send, and values they should not: each field is fed every kind.
_JSON_VALUES = st.sampled_from(
    [None, "", "x", "NaN", "inf", "-inf", "1e999", "12", "12.50", "2024-01-02T03:04:05Z",
     "1704067200000", 0, 1, -3, 1704067200000, 1.5, 1e300, True, False, {}, {"a": 1}, [],
     ["a"], [1, 2], [{"tagId": 1, "tagName": "t"}], [{"tagId": "x"}]]
)  # fmt: skip


def _payloads(cls: type[Model]) -> st.SearchStrategy[dict[str, Any]]:
    keys = st.sampled_from([*wire_names(cls), "unknownKey"])
    return st.dictionaries(keys, _JSON_VALUES, max_size=12)


def _read(obj: Any, names: list[str]) -> None:
    for name in names:
        try:
            value = getattr(obj, name)
        except FieldValueError:
            continue
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, Model):  # nested models are read too
                _read(item, [f.name for f in attrs.fields(type(item))])


@pytest.mark.parametrize("cls", [Lead, Transaction, LeadTag])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_to_dict_is_valid_json_whatever_was_read(cls: type[Model], data: st.DataObject) -> None:
    payload = data.draw(_payloads(cls))
    names = [f.name for f in attrs.fields(cls)]
    order = data.draw(st.lists(st.sampled_from(names), max_size=len(names)))
    untouched = cls.from_dict(payload).to_dict()
    read = cls.from_dict(payload)
    _read(read, order)
    repr(read)
    assert read == read
    assert read.to_dict() == untouched == payload
    json.dumps(read.to_dict(), allow_nan=False)
