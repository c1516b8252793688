"""Brokermint's ``count`` + ``starting_from_id``."""

from __future__ import annotations

from typing import Any

import attrs

from ._helpers import Cursor, _query
from ._id_cursor import _IdCursor


@attrs.frozen
class CountFromId(_IdCursor):
    """Brokermint lists: ``count`` + ``starting_from_id``, asking from the id after the last."""

    id_param: str = "starting_from_id"
    size_param: str = "count"

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return _query((self.size_param, self.size), (self.id_param, cursor["from"]))

    def _next_from(self, last_id: Any) -> Any:
        return self._step_past(last_id)
