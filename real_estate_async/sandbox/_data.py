"""Deterministic generated records with an overlay of changes.

Record ``i`` of a collection is built on demand from ``(seed, vendor, resource, i)``: a
million-record collection costs nothing until a page asks for a slice of it. Create,
update and delete write to a small overlay (index -> record, ``None`` = deleted) on top of
the generated records; created records take the next free index, so ids stay ascending.

A :class:`View` is an ordered, filtered window of a collection (``[start, stop)`` of the
index space, plus overlay records elsewhere that match a predicate), with O(log n)
position <-> index lookups, so a deep page never walks the records before it.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import random
from collections.abc import Callable, Iterator
from typing import Any

__all__ = [
    "BASE_MS",
    "STEP_MS",
    "Collection",
    "Factory",
    "Record",
    "View",
    "first_name",
    "iso_ms",
    "last_name",
    "rng_for",
]

Record = dict[str, Any]
#: Builds record ``index`` with a random generator seeded for that very record.
Factory = Callable[[int, random.Random], Record]
Match = Callable[[Record], bool]

#: Generated record ``i`` was created at ``BASE_MS + i * STEP_MS`` (2020-01-01 UTC, 1 minute
#: apart), so "created since" filters are an index range, not a scan.
BASE_MS = 1_577_836_800_000
STEP_MS = 60_000
#: Generated records were last updated one day after creation (monotonic in the index too).
UPDATE_LAG_MS = 86_400_000

_FIRST = (
    "Alex", "Maria", "John", "Aino", "Liam", "Emma", "Noah", "Olivia", "Mikko", "Sofia",
    "Lucas", "Ava", "Ella", "Juho", "Mia", "Ethan", "Isla", "Leo", "Grace", "Eino",
)  # fmt: skip
_LAST = (
    "Smith", "Virtanen", "Garcia", "Korhonen", "Brown", "Nieminen", "Davis", "Lopez",
    "Wilson", "Makinen", "Clark", "Lewis", "Walker", "Hall", "Young", "King",
)  # fmt: skip


def rng_for(seed: int, vendor: str, resource: str, index: int) -> random.Random:
    """The generator of one record (string seeds hash with SHA-512: stable across runs)."""
    return random.Random(f"{seed}:{vendor}:{resource}:{index}")


def first_name(rng: random.Random) -> str:
    return rng.choice(_FIRST)


def last_name(rng: random.Random) -> str:
    return rng.choice(_LAST)


def iso_ms(ms: int) -> str:
    """Epoch milliseconds as ISO 8601 UTC (``2020-01-01T00:00:00Z``)."""
    moment = _dt.datetime.fromtimestamp(ms / 1000, tz=_dt.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def created_ms(index: int) -> int:
    return BASE_MS + index * STEP_MS


def updated_ms(index: int) -> int:
    return created_ms(index) + UPDATE_LAG_MS


def index_created_since(ms: int) -> int:
    """First generated index created at or after ``ms``."""
    if ms <= BASE_MS:
        return 0
    return -(-(ms - BASE_MS) // STEP_MS)


def index_updated_since(ms: int) -> int:
    """First generated index last updated at or after ``ms`` (before any change)."""
    return index_created_since(ms - UPDATE_LAG_MS)


class Collection:
    """One resource of one vendor: ``size`` generated records plus the overlay."""

    def __init__(
        self,
        vendor: str,
        resource: str,
        size: int,
        factory: Factory,
        *,
        seed: int,
        id_key: str = "id",
        id_of: Callable[[int], Any] | None = None,
        index_of: Callable[[Any], int | None] | None = None,
    ) -> None:
        if size < 0:
            raise ValueError(f"size must be >= 0, not {size}")
        self.vendor = vendor
        self.resource = resource
        self.size = size
        self.seed = seed
        self.id_key = id_key
        self._factory = factory
        self._id_of = id_of or (lambda index: index + 1)
        self._index_of = index_of or _int_index
        self.overlay: dict[int, Record | None] = {}
        self.trash: dict[int, Record] = {}  # last version of deleted records
        self._deleted: list[int] = []  # sorted
        self.next_index = size

    # ------------------------------------------------------------------ records

    @property
    def total_indexes(self) -> int:
        """Size of the index space (generated + created, deleted ones included)."""
        return self.next_index

    def __len__(self) -> int:
        return self.next_index - len(self._deleted)

    def id_of(self, index: int) -> Any:
        return self._id_of(index)

    def index_of(self, record_id: Any) -> int | None:
        """Index of ``record_id`` if it is in the index space (deleted or not)."""
        index = self._index_of(record_id)
        if index is None or not 0 <= index < self.next_index:
            return None
        if self._id_of(index) != _normal_id(record_id, self._id_of(index)):
            return None
        return index

    def generated(self, index: int) -> Record:
        rng = rng_for(self.seed, self.vendor, self.resource, index)
        record = self._factory(index, rng)
        record.setdefault(self.id_key, self._id_of(index))
        return record

    def record(self, index: int) -> Record | None:
        """Record ``index`` as it is now (``None`` when deleted or out of range)."""
        if index in self.overlay:
            found = self.overlay[index]
            return None if found is None else dict(found)
        if 0 <= index < self.size:
            return self.generated(index)
        return None

    def get(self, record_id: Any) -> Record | None:
        index = self.index_of(record_id)
        return None if index is None else self.record(index)

    def create(self, data: Record, build: Callable[[int, Record], Record] | None = None) -> Record:
        """Store a new record at the next index; ``build`` fills in server-side fields."""
        index = self.next_index
        self.next_index += 1
        record = dict(data)
        record[self.id_key] = self._id_of(index)
        if build is not None:
            record = build(index, record)
        self.overlay[index] = record
        return dict(record)

    def replace(self, index: int, record: Record) -> Record:
        self.overlay[index] = dict(record)
        return dict(record)

    def update(self, record_id: Any, changes: Record) -> Record | None:
        index = self.index_of(record_id)
        current = None if index is None else self.record(index)
        if index is None or current is None:
            return None
        current.update(changes)
        current[self.id_key] = self._id_of(index)
        return self.replace(index, current)

    def delete(self, record_id: Any) -> bool:
        index = self.index_of(record_id)
        if index is None or self.record(index) is None:
            return False
        current = self.record(index)
        if current is not None:
            self.trash[index] = current
        self.overlay[index] = None
        bisect.insort(self._deleted, index)
        return True

    # -------------------------------------------------------------------- views

    def view(self, start: int = 0, stop: int | None = None, match: Match | None = None) -> View:
        """Records with index in ``[start, stop)`` (all of them unless ``match`` rejects a
        changed one) plus changed/created records elsewhere that ``match`` accepts."""
        return View(self, start, self.next_index if stop is None else stop, match)


class View:
    """An ordered (ascending index) filtered window of a :class:`Collection`."""

    def __init__(self, coll: Collection, start: int, stop: int, match: Match | None) -> None:
        self.coll = coll
        self.start = max(0, min(start, coll.next_index))
        self.stop = max(self.start, min(stop, coll.next_index))
        before: list[int] = []
        after: list[int] = []
        excluded: list[int] = []
        for index, rec in coll.overlay.items():
            inside = self.start <= index < self.stop
            if rec is None:
                if inside:
                    excluded.append(index)
                continue
            ok = True if match is None else match(rec)
            if inside and not ok:
                excluded.append(index)
            elif not inside and ok and match is not None:
                (before if index < self.start else after).append(index)
        self._before = sorted(before)
        self._after = sorted(after)
        self._excluded = sorted(excluded)
        self._range_len = self.stop - self.start - len(self._excluded)

    def __len__(self) -> int:
        return len(self._before) + self._range_len + len(self._after)

    def index_at(self, pos: int) -> int:
        """Index of the record at position ``pos`` (0-based) of the view."""
        if pos < 0 or pos >= len(self):
            raise IndexError(pos)
        if pos < len(self._before):
            return self._before[pos]
        pos -= len(self._before)
        if pos < self._range_len:
            index = self.start + pos
            while True:  # smallest index with ``pos`` kept indexes before it
                moved = self.start + pos + bisect.bisect_right(self._excluded, index)
                if moved == index:
                    break
                index = moved
            return index
        return self._after[pos - self._range_len]

    def position_at_or_after(self, index: int) -> int:
        """Position of the first record whose index is >= ``index``."""
        found = bisect.bisect_left(self._before, index)
        if found < len(self._before):
            return found
        base = len(self._before)
        if index < self.stop:
            at = max(index, self.start)
            offset = (at - self.start) - bisect.bisect_left(self._excluded, at)
            if offset < self._range_len:
                return base + offset
        base += self._range_len
        return base + bisect.bisect_left(self._after, index)

    def indexes(self, offset: int, limit: int) -> Iterator[int]:
        """Indexes of positions ``offset .. offset + limit - 1`` (clipped to the view)."""
        end = min(len(self), offset + max(0, limit))
        pos = max(0, offset)
        while pos < end:
            yield self.index_at(pos)
            pos += 1

    def scan(self, offset: int, limit: int, match: Match) -> tuple[list[Record], int]:
        """Up to ``limit`` records from position ``offset`` on that ``match`` accepts, and
        the position after the last one looked at (for filters no index range expresses)."""
        out: list[Record] = []
        pos = max(0, offset)
        end = len(self)
        while pos < end and len(out) < limit:
            rec = self.coll.record(self.index_at(pos))
            pos += 1
            if rec is not None and match(rec):
                out.append(rec)
        return out, pos

    def slice(self, offset: int, limit: int) -> list[Record]:
        """The records at positions ``offset .. offset + limit - 1``."""
        out = []
        for index in self.indexes(offset, limit):
            rec = self.coll.record(index)
            if rec is not None:
                out.append(rec)
        return out


def _int_index(record_id: Any) -> int | None:
    try:
        value = int(str(record_id))
    except ValueError:
        return None
    return value - 1


def _normal_id(record_id: Any, like: Any) -> Any:
    """``record_id`` (from a URL: a string) as the type of the stored id ``like``."""
    if isinstance(like, int) and not isinstance(like, bool):
        try:
            return int(str(record_id))
        except ValueError:
            return None
    return str(record_id)
