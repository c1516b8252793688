"""dlt's JSON normalizer with a per-page fast path for rows it would pass through unchanged.

dlt types every extracted row in Python (``JsonLItemsNormalizer._coerce_row``): it
flattens the row, adds ``_dlt_load_id`` and a random ``_dlt_id``, checks each value's type
against the table's column and infers the columns it does not know. A page of vendor
records mostly repeats one shape, and for a row whose keys are already normalized column
names and whose every value has exactly its column's type (dlt's own "happy path"), all
of that returns the row itself minus its ``None`` values plus the two ids. Here such rows
are recognised by their shape (key names and value types, which is all that path looks
at) and written a page at a time; every other row, and the first row of each shape after
any schema change, goes through dlt's code unchanged. Tables, column types, column order
and the rows written are the same as dlt's; only the per-row Python work is gone.

The fast path runs only while :func:`fast_rows` is active (our own pipelines) and for
schemas on dlt's relational normalizer with no include/exclude filters, random row ids
and no schema-contract filters; otherwise dlt's normalizer runs exactly as it is.
"""

from __future__ import annotations

import contextlib
import contextvars
import threading
from collections.abc import Iterator
from typing import Any, cast

from dlt.common.data_types.typing import TDataType
from dlt.common.normalizers.json.relational import DataItemNormalizer as RelationalNormalizer
from dlt.common.normalizers.utils import generate_dlt_ids
from dlt.common.schema import TSchemaUpdate
from dlt.common.time import normalize_timezone
from dlt.normalize import worker as _worker
from dlt.normalize.items_normalizers.jsonl import JsonLItemsNormalizer

__all__ = ["FastJsonLItemsNormalizer", "fast_rows"]

_ENABLED: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "real_estate_fast_rows", default=False
)
_INSTALL_LOCK = threading.Lock()
_NONE = type(None)
#: shape of a row: its keys in order and the type of each value
Shape = tuple[tuple[str, ...], tuple[type, ...]]
#: (column name, its data type, the value's dlt type if converted, time zone if a timestamp)
Conversion = tuple[str, TDataType, TDataType | None, bool | None]
#: (column names if not the keys, names whose None values are dropped, conversions)
Plain = tuple[tuple[str, ...] | None, tuple[str, ...], tuple[Conversion, ...]]


class FastJsonLItemsNormalizer(JsonLItemsNormalizer):
    """:class:`JsonLItemsNormalizer` that writes rows of a known plain shape in bulk."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # shape -> (column names if not the keys themselves, keys whose None values are
        # dropped); only shapes whose rows dlt passes on unchanged but for those
        self._plain: dict[str, dict[Shape, Plain]] = {}

    def _normalize_chunk(
        self, root_table_name: str, items: list[Any], may_have_pua: bool, skip_write: bool
    ) -> TSchemaUpdate:
        norm = self.schema.data_item_normalizer
        if (
            not _ENABLED.get()
            or skip_write
            or may_have_pua  # typed values encoded in strings: dlt decodes them per row
            or type(norm) is not RelationalNormalizer
            or self.schema._compiled_excludes
        ):
            return super()._normalize_chunk(root_table_name, items, may_have_pua, skip_write)
        table = norm._shorten_fragments(norm._normalize_table_identifier(root_table_name))
        if norm._should_be_nested(table):
            return super()._normalize_chunk(root_table_name, items, may_have_pua, skip_write)
        plain = self._plain.setdefault(table, {})
        schema_update: TSchemaUpdate = {}
        pending: list[dict[str, Any]] = []
        ids: list[str] = []
        c_load_id, c_dlt_id, load_id = norm.c_dlt_load_id, norm.c_dlt_id, self.load_id

        def flush() -> None:
            if pending:
                self.item_storage.write_data_item(
                    load_id, self.schema.name, table, pending, self._column_schemas[table]
                )
                self._report_progress(table, len(pending))
                pending.clear()

        for item in items:
            if type(item) is dict:
                shape = (tuple(item), tuple(map(type, item.values())))
                known = plain.get(shape)
                row = None if known is None else self._fast_row(item, known)
                if row is not None:
                    row[c_load_id] = load_id
                    if not ids:
                        ids = generate_dlt_ids(len(items))
                    row[c_dlt_id] = ids.pop()
                    pending.append(row)
                    continue
            else:
                shape = None
            # dlt's own path, in order: what is pending is written first
            flush()
            filters = (len(self._filtered_tables), len(self._filtered_tables_columns))
            update = super()._normalize_chunk(root_table_name, [item], False, False)
            for name, partials in update.items():
                schema_update.setdefault(name, []).extend(partials)
            if update or filters != (
                len(self._filtered_tables),
                len(self._filtered_tables_columns),
            ):
                plain.clear()  # the schema changed: every shape is judged again
            if shape is not None:
                known = self._plain_shape(table, item, shape)
                if known is not None:
                    plain[shape] = known
        flush()
        return schema_update

    def _fast_row(self, item: dict[str, Any], known: Plain) -> dict[str, Any] | None:
        """``item`` as dlt writes it (without the two ids), or None when a value fails
        dlt's conversion (dlt's own path then makes its variant column)."""
        names, drop, convert = known
        row = item if names is None else dict(zip(names, item.values()))
        converted = []
        for key, data_type, py_type, timezone in convert:
            value = row[key]
            try:
                if py_type is not None:
                    value = self._coerce_type(data_type, py_type, value)
                if timezone is not None:
                    value = normalize_timezone(value, timezone)
            except (ValueError, SyntaxError):
                return None
            converted.append((key, value))
        for key in drop:  # nothing changed before every value converted
            del row[key]
        for key, value in converted:
            row[key] = value
        return row

    def _plain_shape(self, table: str, row: dict[str, Any], shape: Shape) -> Plain | None:
        """How dlt writes rows of ``shape`` if it passes their values on unchanged: the
        column names (None when they are the keys) and the names whose ``None`` values
        it drops; it adds the two ids. None for any other shape. Judged on ``row``, which
        has just been through dlt's path, against the schema as it is now."""
        norm = cast(RelationalNormalizer, self.schema.data_item_normalizer)
        if (
            self._filtered_tables
            or self._filtered_tables_columns.get(table)
            or norm._get_root_row_id_type(table) != "random"
        ):
            return None
        schema_table = self.schema._schema_tables.get(table)
        if not schema_table:
            return None
        columns = schema_table["columns"]
        for own in (norm.c_dlt_load_id, norm.c_dlt_id):
            if (columns.get(own) or {}).get("data_type") != "text":
                return None
        if table not in self._column_schemas:
            return None
        # nothing flattened or split into a nested table: the values in order, renamed
        level = norm._get_table_nesting_level(table, norm.max_nesting)
        flat, nested = norm._flatten(table, row, cast(int, level))  # as normalize_data_item
        keys, types = shape
        names = tuple(flat)
        if (
            nested
            or len(names) != len(keys)  # two keys normalized to one name
            or norm.c_dlt_id in flat  # a row id given by the source is kept
            or norm.c_dlt_load_id in flat
            or not all(a is b for a, b in zip(flat.values(), row.values()))
        ):
            return None
        drop: list[str] = []
        convert: list[Conversion] = []
        type_map = self._type_map
        for key, kind in zip(names, types):
            if kind is _NONE:
                # dlt drops the value: it only checks the column may be null (raising
                # otherwise, which this row did not) and notes a column seen only null
                try:
                    self._coerce_null_value(columns, table, key)
                except Exception:
                    return None
                drop.append(key)
                continue
            column = columns.get(key)
            data_type = column.get("data_type") if column else None
            if column is None or data_type is None:
                return None  # a new or incomplete column: dlt infers it
            py_type = type_map.get(kind)
            # as dlt's _coerce_row: the value as it is when its type is the column's,
            # else converted when dlt knows how (an ISO time string for a timestamp
            # column, parsed per value); a timestamp also gets its time zone normalized
            if py_type != data_type:
                if not py_type or not self._can_coerce_type(data_type, py_type):
                    return None
            elif data_type != "timestamp":
                continue
            timezone = None
            if data_type == "timestamp":
                override = self._timezone_override
                timezone = override if override is not None else column.get("timezone", True)
            convert.append((key, data_type, py_type if py_type != data_type else None, timezone))
        return (None if names == keys else names), tuple(drop), tuple(convert)


def _install() -> None:
    """Make dlt's normalize worker build our normalizer for JSON items (idempotent; it
    behaves exactly as dlt's own outside :func:`fast_rows`)."""
    with _INSTALL_LOCK:
        if getattr(_worker, "JsonLItemsNormalizer", None) is not FastJsonLItemsNormalizer:
            # the worker looks the class up by this module-level name for each table
            setattr(_worker, "JsonLItemsNormalizer", FastJsonLItemsNormalizer)  # noqa: B010


@contextlib.contextmanager
def fast_rows() -> Iterator[None]:
    """The fast path on for dlt normalize steps run in this context (this thread)."""
    _install()
    token = _ENABLED.set(True)
    try:
        yield
    finally:
        _ENABLED.reset(token)
