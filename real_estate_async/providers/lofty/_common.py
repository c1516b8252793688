"""Helpers shared by the Lofty resources: envelopes, ranges, time formats."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ..._errors import PaginationError
from ...models import Model, to_epoch_ms
from ..base import ProviderClient, Resource, model_parser

if TYPE_CHECKING:
    from .client import LoftyClient

M = TypeVar("M", bound=Model)

#: Lofty's "time zone set as UCT-7" for ``leadCreateTime`` / ``leadUpdateTime``.
LOFTY_QUERY_TZ = _dt.timezone(_dt.timedelta(hours=-7))

#: Maximum page size of the communication histories and ``GET /logType`` (seed: "max value 1000").
HISTORY_MAX_LIMIT = 1000
#: Documented range of ``limit`` on the lead searches (seed: "range: [1, 100]").
LEAD_LIMIT_RANGE = (1, 100)


class RoutingType(enum.IntEnum):
    """Routing type of the ``routing/...`` endpoints (seed section 5.4)."""

    AGENT_LEAD = 1
    LENDER_LEAD = 2
    ASSISTANT_LEAD = 4


class CommunicationType(str, enum.Enum):
    """``CommunicationRequest.type``."""

    CALL = "CALL"
    EMAIL = "EMAIL"
    TEXT = "TEXT"


class LoftyResource(Resource):
    """Base of the Lofty resources."""

    _client: LoftyClient

    @staticmethod
    def _path(template: str, *ids: Any) -> str:
        """``template`` with validated, URL-encoded ids."""
        return ProviderClient._path(template, *ids)


def in_range(value: int, low: int, high: int, name: str) -> int:
    """``value`` if it is an int within ``[low, high]``, else a ValueError that says so."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int in [{low}, {high}], not {value!r}")
    if not low <= value <= high:
        raise ValueError(
            f"{name} must be in [{low}, {high}] (Lofty's documented range), got {value}"
        )
    return value


def routing_type(value: int | RoutingType) -> int:
    try:
        return int(RoutingType(value))
    except ValueError:
        raise ValueError(
            f"routing type must be 1 (AGENT_LEAD), 2 (LENDER_LEAD) or 4 (ASSISTANT_LEAD), "
            f"not {value!r}"
        ) from None


def epoch_ms(value: int | _dt.datetime | _dt.date | None) -> int | None:
    """Lofty's int64 timestamps (milliseconds) from a datetime/date or an int as given."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, (_dt.datetime, _dt.date)):
        return to_epoch_ms(value)
    raise TypeError(f"expected a datetime or an epoch-milliseconds int, not {value!r}")


def lofty_time(value: str | _dt.datetime | None) -> str | None:
    """``leadCreateTime``/``leadUpdateTime``: Lofty parses them in UTC-7, so a datetime is
    converted to UTC-7 wall-clock time ``YYYY-MM-DD HH:MM:SS`` (naive = UTC); a string is
    sent as given."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=_dt.timezone.utc)
        return aware.astimezone(LOFTY_QUERY_TZ).strftime("%Y-%m-%d %H:%M:%S")
    raise TypeError(f"expected a datetime or a string, not {value!r}")


def items_in(*keys: str) -> Callable[[Any], Sequence[Any]]:
    """Items of a list response: a bare array, or the first of ``keys`` in an object
    (``{"_metadata": ..., "leads": [...]}``). Missing/null is an empty page."""

    def get(raw: Any) -> Sequence[Any]:
        if raw is None:
            return []
        if isinstance(raw, list):
            return raw
        if isinstance(raw, Mapping):
            for key in keys:
                if key in raw:
                    node = raw[key]
                    if node is None:
                        return []
                    if isinstance(node, list):
                        return node
                    raise PaginationError(f"expected a list at {key!r}, got {type(node).__name__}")
            return []
        raise PaginationError(f"expected a list response, got {type(raw).__name__}")

    return get


def unwrap(data: Any, *keys: str) -> Any:
    """``{"lead": {...}}`` -> ``{...}`` for the first of ``keys`` found; else unchanged."""
    if isinstance(data, Mapping):
        for key in keys:
            if isinstance(data.get(key), Mapping):
                return data[key]
    return data


def one(cls: type[M], data: Any, *keys: str, raw: bool = False) -> M | dict[str, Any]:
    """One model from a response (unwrapping ``{key: {...}}``), or the dict when ``raw``."""
    inner: dict[str, Any] = unwrap(data, *keys)  # the decoded JSON object
    if raw or not isinstance(inner, Mapping):
        return inner
    return cls.from_dict(inner)


def many(
    cls: type[M], data: Any, *keys: str, unwrap_key: str | None = None, raw: bool = False
) -> list[Any]:
    """A list of models from a bare array or ``{key: [...]}``."""
    parse = parser(cls, raw, unwrap_key)
    return [parse(item) for item in items_in(*keys)(data)]


def parser(cls: type[M], raw: bool = False, unwrap_key: str | None = None) -> Callable[[Any], Any]:
    """Item parser for pagers: unwrap ``{"lead": {...}}`` if asked, then build ``cls``."""
    return model_parser(cls, raw, unwrap_key) or _same


def _same(item: Any) -> Any:
    return item


def seq(values: Any) -> list[Any] | None:
    """A repeated query parameter from one value or a sequence of them."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        return [values]
    return list(values)
