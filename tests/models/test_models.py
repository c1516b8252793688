"""The shared model base and converter, and input validation helpers."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

import attrs
import pytest

from real_estate_async._params import (
    body_of,
    encode_query,
    epoch_ms_datetime,
    path_segment,
    positive_int,
    require_non_empty,
)
from real_estate_async._retry import RetryPolicy, parse_reset, parse_retry_after
from real_estate_async.models import (
    FieldValueError,
    Model,
    field,
    model,
    parse_datetime,
    to_camel,
    to_snake,
)

UTC = dt.timezone.utc


@model
class Address(Model):
    street_address: str | None = None
    zip_code: str | None = None


@model
class Person(Model):
    id: int | None = None
    first_name: str | None = None
    created_at: dt.datetime | None = None
    price: float | None = None
    address: Address | None = None
    tags: list[str] = field(factory=list)
    email: str | None = field(default=None, wire="EMail")


@model
class SnakeRecord(Model):
    __wire_case__ = "snake"
    __datetime_format__ = "epoch_ms"

    closing_date: dt.datetime | None = None
    list_price: float | None = None


PAYLOAD: dict[str, Any] = {
    "id": "12",
    "firstName": "Ada",
    "createdAt": 1700000000000,
    "price": "",
    "address": {"streetAddress": "1 Main St", "county": "Kings"},
    "EMail": "ada@example.test",
    "vendorOnly": {"nested": [1, 2]},
}


def test_round_trip_is_lossless_and_keeps_unknown_fields() -> None:
    person = Person.from_dict(PAYLOAD)
    assert person.id == 12 and person.first_name == "Ada" and person.email == "ada@example.test"
    assert person.created_at == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert person.price is None  # '' means empty
    assert person.address is not None and person.address.extra == {"county": "Kings"}
    assert person.extra == {"vendorOnly": {"nested": [1, 2]}}
    assert person.to_dict() == PAYLOAD


def test_changed_fields_are_written_back_in_wire_form() -> None:
    person = Person.from_dict(PAYLOAD)
    person.first_name = "Grace"
    person.created_at = dt.datetime(2024, 1, 2, tzinfo=UTC)
    out = person.to_dict()
    assert out["firstName"] == "Grace"
    assert out["createdAt"] == "2024-01-02T00:00:00+00:00"
    assert out["vendorOnly"] == {"nested": [1, 2]} and out["id"] == "12"


@model
class Household(Model):
    id: int | None = None
    members: list[Person] = field(factory=list)
    head: Person | None = None
    notes: list[str] = field(factory=list)


HOUSEHOLD: dict[str, Any] = {
    "zeta": 1,
    "notes": ["n1"],
    "head": {"id": 1, "firstName": "Ada", "createdAt": "2024-01-02T03:04:05Z"},
    "members": [{"id": "2", "firstName": "Bob"}, {"id": 3, "tags": ["x"]}],
    "id": 7,
}


def test_to_dict_keeps_the_payload_key_order_and_values() -> None:
    house = Household.from_dict(HOUSEHOLD)
    out = house.to_dict()
    assert out == HOUSEHOLD and list(out) == list(HOUSEHOLD)
    assert out["head"]["createdAt"] == "2024-01-02T03:04:05Z"  # as it came, not re-formatted


def test_to_dict_sees_changes_made_in_place_and_later() -> None:
    house = Household.from_dict(HOUSEHOLD)
    assert house.head is not None
    house.head.first_name = "Grace"  # a nested model changed in place
    house.members[1].tags.append("y")  # a list inside a list of models
    house.members.append(Person(id=4))
    house.notes.append("n2")  # a list of scalars shared with the payload
    house.extra["added"] = True
    del house.extra["zeta"]
    out = house.to_dict()
    assert out["head"] == {"id": 1, "firstName": "Grace", "createdAt": "2024-01-02T03:04:05Z"}
    assert out["members"] == [
        {"id": "2", "firstName": "Bob"},
        {"id": 3, "tags": ["x", "y"]},
        {"id": 4},
    ]
    assert out["notes"] == ["n1", "n2"] and out["added"] is True and "zeta" not in out
    sparse = Person.from_dict({"id": 5})
    sparse.first_name = "Set later"  # a field the payload did not carry
    sparse.price = 0.0
    assert sparse.to_dict() == {"id": 5, "firstName": "Set later", "price": 0.0}


def test_new_model_omits_unset_fields() -> None:
    assert Person(first_name="Ada", tags=["a"]).to_dict() == {"firstName": "Ada", "tags": ["a"]}
    assert Person(first_name="Ada").to_dict() == {"firstName": "Ada"}


def test_snake_case_vendor_with_epoch_ms_dates() -> None:
    record = SnakeRecord.from_dict({"closing_date": 1704067200000, "list_price": "250000.5"})
    assert record.closing_date == dt.datetime(2024, 1, 1, tzinfo=UTC)
    assert record.list_price == 250000.5
    record.closing_date = dt.datetime(2024, 2, 1, tzinfo=UTC)
    assert record.to_dict()["closing_date"] == 1706745600000


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1700000000, dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        ("1700000000000", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        ("2024-05-06T07:08:09Z", dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)),
        ("2024-05-06T10:08:09+03:00", dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)),
        ("2024-05-06 07:08:09", dt.datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)),
        ("", None),
        (None, None),
    ],
)
def test_parse_datetime(value: Any, expected: dt.datetime | None) -> None:
    assert parse_datetime(value) == expected


def test_bad_payloads_raise() -> None:
    with pytest.raises(Exception, match="Person"):
        Person.from_dict("not a mapping")  # type: ignore[arg-type]
    # A bad value is found when its field is read: the model (and a listing) still builds.
    person = Person.from_dict({"id": "twelve", "firstName": "Ada"})
    assert person.first_name == "Ada"
    with pytest.raises(FieldValueError, match=r"Person\.id: the vendor's 'id' is 'twelve'") as bad:
        _ = person.id
    assert (bad.value.model, bad.value.field, bad.value.wire) == ("Person", "id", "id")
    with pytest.raises(FieldValueError):  # every read, not only the first
        _ = person.id
    assert person.to_dict() == {"id": "twelve", "firstName": "Ada"}  # nothing lost


def test_name_conversion() -> None:
    assert to_camel("first_name") == "firstName" and to_camel("from_") == "from"
    assert to_snake("firstName") == "first_name"


class Color(enum.Enum):
    RED = "red"


def test_encode_query() -> None:
    when = dt.datetime(2024, 1, 1, tzinfo=UTC)
    pairs = encode_query(
        {
            "tags": ["a", "b"],
            "on": True,
            "off": False,
            "none": None,
            "c": Color.RED,
            "t": when,
            "d": dt.date(2024, 1, 2),
        }
    )
    assert pairs == [
        ("tags", "a"),
        ("tags", "b"),
        ("on", "true"),
        ("off", "false"),
        ("c", "red"),
        ("t", "2024-01-01T00:00:00+00:00"),
        ("d", "2024-01-02"),
    ]
    assert encode_query({"t": when}, epoch_ms_datetime) == [("t", "1704067200000")]
    with pytest.raises(TypeError):
        encode_query({"x": object()})


@pytest.mark.parametrize(
    ("value", "error"),
    [(None, ValueError), ("", ValueError), ("..", ValueError), (".", ValueError),
     (True, TypeError), (1.5, TypeError), (["1"], TypeError)],
)  # fmt: skip
def test_path_segment_refuses(value: Any, error: type[Exception]) -> None:
    with pytest.raises(error):
        path_segment(value)


def test_input_validation() -> None:
    assert path_segment(5) == "5" and path_segment("a b/c") == "a%20b%2Fc"
    assert positive_int("7", "agent_id") == 7
    with pytest.raises(ValueError, match="agent_id"):
        positive_int(0, "agent_id")
    with pytest.raises(TypeError, match="agent_id"):
        positive_int("seven", "agent_id")
    assert body_of(Person(first_name="A")) == {"firstName": "A"}
    with pytest.raises(ValueError):
        require_non_empty({})
    with pytest.raises(TypeError):
        body_of([1])  # type: ignore[arg-type]


def test_retry_after_and_reset_parsing() -> None:
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("garbage") is None
    assert parse_reset("1700000060", now=1700000000.0) == 60.0
    assert parse_reset("1700000060000", unit="ms", now=1700000000.0) == 60.0
    assert parse_reset("30") == 30.0 and parse_reset("1500", unit="ms") == 1.5
    policy = RetryPolicy(backoff_base=1, backoff_cap=4)
    assert all(0 <= policy.backoff(a) <= min(4, 2**a) for a in range(6))
    assert not policy.method_allows_retry("POST") and policy.method_allows_retry("put")
    with pytest.raises(ValueError):
        RetryPolicy(max_retries=-1)


def _not_negative(_: Any, attribute: Any, value: Any) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{attribute.name} must be >= 0")


@model
class Guarded(Model):
    count: int | None = field(default=None)
    size: int | None = attrs.field(default=None, validator=_not_negative)

    def __attrs_post_init__(self) -> None:
        self.extra.setdefault("checked", True)


@model
class Plain(Model):
    count: int | None = None
    tags: list[str] = field(factory=list)


def test_models_with_init_logic_still_run_it_when_built_from_a_payload() -> None:
    # A plain model is built by filling its slots; one whose __init__ does more
    # (validators, __attrs_post_init__) always goes through __init__.
    assert Guarded.from_dict({"count": 1, "size": 2}).extra == {"checked": True}
    with pytest.raises(Exception) as failed:  # cattrs names the field in a group
        Guarded.from_dict({"count": 1, "size": -1})
    assert "size must be >= 0" in repr(getattr(failed.value, "exceptions", failed.value))
    plain = Plain.from_dict({"count": "3", "other": 1})
    again = Plain.from_dict({"count": 4})
    assert plain.count == 3 and plain.tags == [] and plain.extra == {"other": 1}
    assert again.tags == [] and again.tags is not plain.tags  # factories called per instance
    assert plain.to_dict() == {"count": "3", "other": 1}
