"""The attrs base model and the one cattrs converter every vendor shares.

Python names are snake_case; the wire keeps the vendor's spelling (camelCase for Lofty and
Ovipro, snake_case for Brokermint). Fields the SDK does not know land in ``model.extra``,
and ``model.to_dict()`` gives back the vendor's own keys and values, so nothing a vendor
returns is ever lost.

- ``_convert``: the cattrs converter, wire names, reading one wire value;
- ``_info``: the record each model class keeps about itself (``__model_info__``);
- ``_lazy``: building a model by keeping its payload, a field converted on first read;
- ``_diff``: what ``to_dict`` sends back;
- ``_base``: ``Model``, ``field()``, ``@model`` and the structure hooks.
"""

from __future__ import annotations

from ._base import Model, field, model
from ._convert import _EPOCH_FAST_BOUND as _EPOCH_FAST_BOUND
from ._convert import _EPOCH_MS_INLINE as _EPOCH_MS_INLINE
from ._convert import _EPOCH_MS_TYPES as _EPOCH_MS_TYPES
from ._convert import converter, parse_datetime, to_camel, to_epoch_ms
from ._convert import to_snake as to_snake
from ._info import fields_of, wire_keys, wire_names
from ._lazy import FieldValueError

__all__ = [
    "FieldValueError",
    "Model",
    "converter",
    "field",
    "model",
    "parse_datetime",
    "to_camel",
    "to_epoch_ms",
    "wire_names",
]

# Not public: what the package's own modules and its tests use.
_fields_of = fields_of
_wire_keys = wire_keys
