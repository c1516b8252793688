"""Base of the Lofty resources and their shared checks: ranges, routing types, time formats."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ..._resource import Resource
from ...models import Model, to_epoch_ms

if TYPE_CHECKING:
    from .client import LoftyClient

M = TypeVar("M", bound=Model)

#: Lofty's "time zone set as UCT-7" for ``leadCreateTime`` / ``leadUpdateTime``.
LOFTY_QUERY_TZ = _dt.timezone(_dt.timedelta(hours=-7))

#: Maximum page size of the communication histories and ``GET /logType`` (Lofty API v1.0
#: reference, sections 5.3 and 5.16: "max value 1000").
HISTORY_MAX_LIMIT = 1000
#: Longest span ``GET /calls/history`` accepts between ``startTime`` and ``endTime``.
DAY_MS = 24 * 3600 * 1000
#: Documented range of ``limit`` on the lead searches (Lofty API v1.0
#: reference, section 5.5: "range: [1, 100]").
LEAD_LIMIT_RANGE = (1, 100)


class RoutingType(enum.IntEnum):
    """Routing type of the ``routing/...`` endpoints (Lofty API v1.0 reference, section 5.4)."""

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


def history_limit(limit: int) -> int:
    """``limit`` of a communication history or ``GET /logType`` page, checked."""
    return in_range(limit, 1, HISTORY_MAX_LIMIT, name="limit")


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


def seq(values: Any) -> list[Any] | None:
    """A repeated query parameter from one value or a sequence of them."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        return [values]
    return list(values)
