"""Models built from a payload convert a field on its first read.

What must hold whatever was read, set or left alone: every read gives the converted value
or raises FieldValueError, ``to_dict()`` equals what the eager rules gave, nothing is lost.
"""

from __future__ import annotations

import copy
import datetime as dt
import pickle
import subprocess
import sys
from typing import Any

import attrs
import pytest
from aiohttp import web
from conftest import ServerFactory

from real_estate_async.models import FieldValueError, Model, field, model
from real_estate_async.providers.brokermint import BrokermintClient
from real_estate_async.providers.brokermint.models import CustomAttribute, Transaction
from real_estate_async.providers.lofty.models import Lead, LeadTag

UTC = dt.timezone.utc


def _lead(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "leadId": 7,
        "firstName": "Ada",
        "lastName": "Lovelace",
        "emails": ["ada@example.test"],
        "phones": ["+15550000000"],
        "source": "Zillow",
        "stage": "New",
        "stageId": 11,
        "city": "Springfield",
        "state": "IL",
        "zipCode": "62701",
        "score": 40,
        "tags": [{"tagId": 7, "tagName": "buyer"}],
        "leadInquiry": {"priceMin": 1, "unknownInner": 2},
        "somethingNew": {"x": 1},
    }
    payload.update(changes)
    return payload


def _fields(cls: type[Model]) -> list[str]:
    return [f.name for f in attrs.fields(cls) if f.name != "extra"]


def test_every_field_read_in_any_order_gives_what_python_built_models_hold() -> None:
    payload = _lead()
    expected = Lead.from_dict(payload)
    names = _fields(Lead)
    for order in (names, names[::-1], names[10:] + names[:10]):
        lead = Lead.from_dict(_lead())
        assert [getattr(lead, n) for n in order] == [getattr(expected, n) for n in order]
        assert lead == expected and lead.to_dict() == payload
        assert lead._wire_dict() == payload


def test_a_bad_value_fails_its_own_read_only_even_after_many_fields_were_read() -> None:
    lead = Lead.from_dict(_lead(leadId="seven", stageId=True))
    for name in ("first_name", "last_name", "emails", "phones", "source", "stage", "city"):
        getattr(lead, name)  # past the point where plain fields are taken in one go
    assert lead.state == "IL" and lead.score == 40
    for name, wire in (("lead_id", "leadId"), ("stage_id", "stageId")):
        with pytest.raises(FieldValueError) as bad:
            getattr(lead, name)
        assert (bad.value.model, bad.value.field, bad.value.wire) == ("Lead", name, wire)
        assert f"Lead.{name}" in str(bad.value)
    assert lead.to_dict() == _lead(leadId="seven", stageId=True)  # nothing lost


def test_a_field_set_before_it_was_ever_read_is_written_back() -> None:
    tx = Transaction.from_dict({"id": 1, "city": "Old", "created_at": 1704067200000})
    tx.city = "New"
    tx.closing_date = dt.datetime(2024, 1, 2, tzinfo=UTC)  # absent from the payload
    assert tx.city == "New"
    wire = {"id": 1, "city": "New", "created_at": 1704067200000, "closing_date": 1704153600000}
    assert tx.to_dict() == wire and tx._wire_dict() == wire
    assert tx.created_at == dt.datetime(2024, 1, 1, tzinfo=UTC)
    assert tx.to_dict() == wire  # reading a converted field does not change its wire form


def test_a_factory_default_read_and_changed_is_written_back() -> None:
    @model
    class Box(Model):
        id: int | None = field(default=None)
        labels: list[str] = field(factory=list)
        tags: list[str] = field(factory=list)
        a1: str | None = field(default=None)

    box = Box.from_dict({"id": 1})
    assert box.labels == [] and box.tags == []
    assert box.labels is not Box.from_dict({"id": 1}).labels  # one list per model
    box.labels.append("x")
    assert box.to_dict() == {"id": 1, "labels": ["x"]}
    assert Box.from_dict({"id": 1}).to_dict() == {"id": 1}


def test_nested_models_changed_in_place_are_seen_at_any_depth() -> None:
    lead = Lead.from_dict(_lead())
    assert lead.tags is not None and lead.lead_inquiry is not None
    assert lead._wire_dict() == _lead()  # read, not changed: the payload's own form
    lead.tags[0].tag_name = "seller"
    lead.tags.append(LeadTag(tag_id=8))
    lead.lead_inquiry.extra["more"] = 1
    out = lead.to_dict()
    assert out["tags"] == [{"tagId": 7, "tagName": "seller"}, {"tagId": 8}]
    assert out["leadInquiry"] == {"priceMin": 1, "unknownInner": 2, "more": 1}
    assert lead._wire_dict() == out


def test_pickle_and_copy_keep_reads_and_changes_even_in_a_fresh_process() -> None:
    tx = Transaction.from_dict(
        {"id": 1, "city": "X", "updated_at": 1704067200000, "custom_attributes": [{"name": "a"}]}
    )
    assert tx.updated_at is not None
    tx.city = "Y"
    for clone in (pickle.loads(pickle.dumps(tx)), copy.copy(tx), copy.deepcopy(tx)):
        assert clone == tx and clone.to_dict() == tx.to_dict()
        assert clone.custom_attributes == [CustomAttribute(name="a")]
    # A process that never built a Transaction from a payload still reads every field.
    code = (
        "import pickle, sys; tx = pickle.loads(sys.stdin.buffer.read()); "
        "print(tx.to_dict()['city'], tx.city, tx.updated_at.year, tx.custom_attributes[0].name)"
    )
    fresh = Transaction.from_dict({"id": 2, "city": "W", "updated_at": 1704067200000,
                                   "custom_attributes": [{"name": "b"}]})  # fmt: skip
    fresh.city = "Z"  # to_dict, first thing there, must see this change
    done = subprocess.run(
        [sys.executable, "-c", code], input=pickle.dumps(fresh), capture_output=True, check=True
    )
    assert done.stdout.split() == [b"Z", b"Z", b"2024", b"b"]


def test_attribute_errors_stay_attribute_errors() -> None:
    tx = Transaction.from_dict({"id": 1})
    assert not hasattr(tx, "no_such_field")
    with pytest.raises(AttributeError, match="no_such_field"):
        _ = tx.no_such_field  # type: ignore[attr-defined]
    built = Transaction(id=1)
    del built.city
    with pytest.raises(AttributeError, match="city"):
        _ = built.city


def test_no_model_class_has_a_getattr_hook_and_deleted_fields_stay_deleted() -> None:
    # A __getattr__ anywhere in the MRO sends every attribute read through a slower slot.
    for cls in (Model, Lead, LeadTag, Transaction, CustomAttribute):
        assert not any("__getattr__" in k.__dict__ for k in cls.__mro__), cls
    Transaction.from_dict({"id": 1}).city  # noqa: B018  (the base class has its Fills)

    @model
    class Checked(Transaction):  # built through __init__ (a validator)
        note: str = attrs.field(default="", validator=attrs.validators.max_len(3))

    @attrs.define(kw_only=True)
    class Slotted(Transaction):  # built through __init__ (slots)
        checked: bool | None = None

    for obj in (Checked.from_dict({"id": 2, "city": "Q"}), Slotted.from_dict({"city": "Q"})):
        del obj.city  # never read back from the payload
        with pytest.raises(AttributeError, match="city"):
            _ = obj.city
        assert "city=<deleted>" in repr(obj) and obj == obj and "city" not in obj.to_dict()
    slotted = Slotted(checked=True)
    del slotted.checked  # a slot of its own
    assert "checked=<deleted>" in repr(slotted)
    with pytest.raises(AttributeError, match="checked"):
        _ = slotted.checked
    with pytest.raises(AttributeError, match="no_such"):
        _ = slotted.no_such  # type: ignore[attr-defined]


def test_a_subclass_with_slots_or_validators_is_built_through_init() -> None:
    @attrs.define(kw_only=True)
    class Audited(Transaction):
        checked: bool | None = None

    audited = Audited.from_dict({"id": "5", "city": "X", "checked": True, "other": 1})
    assert audited.id == 5 and audited.checked is True and audited.extra == {"other": 1}
    audited.city = "Y"
    assert audited.to_dict() == {"id": "5", "city": "Y", "checked": True, "other": 1}


def _transactions(total: int, bad: int) -> list[dict[str, Any]]:
    rows = [{"id": i, "city": "X", "created_at": 1704067200000 + i} for i in range(1, total + 1)]
    rows[bad]["created_at"] = True  # not a timestamp: only this record's field is refused
    return rows


async def test_one_bad_record_does_not_stop_a_listing_into_models(serve: ServerFactory) -> None:
    rows = _transactions(60, bad=17)

    async def listing(request: web.Request) -> web.Response:  # GET /transactions, by id
        start, count = int(request.query.get("starting_from_id", 1)), int(request.query["count"])
        return web.json_response([r for r in rows if r["id"] >= start][:count])

    app = web.Application()
    app.router.add_get("/api/v1/transactions", listing)
    base = await serve(app)
    async with BrokermintClient(api_key="k", base_url=base + "/api/v1") as client:
        listed = [tx async for tx in client.transactions.list(count=25)]
    assert [tx.id for tx in listed] == list(range(1, 61))
    with pytest.raises(FieldValueError, match=r"Transaction\.created_at"):
        _ = listed[17].created_at
    assert all(isinstance(tx.created_at, dt.datetime) for i, tx in enumerate(listed) if i != 17)
    assert [tx.to_dict() for tx in listed] == rows


def test_the_build_path_follows_what_the_class_body_wrote() -> None:
    calls: list[dict[str, Any]] = []

    @model
    class Counted(Model):
        count: int | None = field(default=None)

        def __init__(self, **kwargs: Any) -> None:  # its own __init__: always run
            calls.append(kwargs)
            self.__attrs_init__(**kwargs)  # type: ignore[attr-defined]

    @model
    class Plain(Model):
        count: int | None = field(default=None)

    class Undecorated(Plain):  # a plain subclass: still attrs' __init__, still lazy
        pass

    class OwnInit(Plain):  # a plain subclass whose body wrote __init__: built through it
        def __init__(self, **kwargs: Any) -> None:
            calls.append(kwargs)
            super().__init__(**kwargs)

    assert Counted.from_dict({"count": "5"}).count == 5 and calls == [{"count": 5}]
    assert OwnInit.from_dict({"count": "6", "x": 1}).extra == {"x": 1}
    assert calls[1:] == [{"count": 6}]
    for cls in (Plain, Undecorated):
        built = cls.from_dict({"count": "seven"})  # kept as it came: nothing converted yet
        assert type(built) is cls and built.to_dict() == {"count": "seven"}
        with pytest.raises(FieldValueError, match=rf"{cls.__name__}\.count"):
            _ = built.count
    assert len(calls) == 2  # the lazy builds ran no __init__
    # Each class has its own record, never its base's.
    assert Undecorated.__model_info__ is not Plain.__model_info__
    assert Undecorated.__model_info__.cls is Undecorated


def test_only_the_repr_and_eq_attrs_wrote_are_made_safe() -> None:
    @attrs.define(kw_only=True, slots=False)
    class NeverParsed(Model):  # built in Python only: no payload ever structured it
        city: str | None = None

    built = NeverParsed(city="X")
    del built.city
    assert repr(built) == "NeverParsed(city=<deleted>)" and built == built

    @attrs.define(kw_only=True)
    class Slotted(Transaction):  # attrs rebuilds a slotted class as a new one
        checked: bool | None = None

    slotted = Slotted(id=1, checked=True)
    del slotted.city
    assert "city=<deleted>" in repr(slotted)

    @model
    class Shown(Model):
        when: dt.datetime | None = field(default=None)

        def __repr__(self) -> str:  # its own: runs as written, reads raise as ever
            return f"Shown({self.when!r})"

    assert repr(Shown(when=None)) == "Shown(None)"
    with pytest.raises(FieldValueError, match=r"Shown\.when"):
        repr(Shown.from_dict({"when": True}))
