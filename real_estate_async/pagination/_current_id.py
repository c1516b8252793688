"""Lofty's ``currentId``: the id of the last item seen, which the vendor sends again."""

from __future__ import annotations

from typing import Any

import attrs

from ._helpers import Cursor, _query
from ._id_cursor import _IdCursor


@attrs.frozen
class CurrentId(_IdCursor):
    """Lofty communication histories: ``currentId`` = id of the last item seen.

    Lofty starts from that id (inclusive), so it comes back first and is dropped; with
    ``size == 1`` (or a page of repeats) the cursor steps past it to ``id + 1``.
    """

    id_param: str = "currentId"
    size_param: str = "limit"

    def page_args(self, cursor: Cursor) -> dict[str, Any]:
        return _query((self.size_param, self.size), (self.id_param, cursor["from"]))

    def _next_from(self, last_id: Any) -> Any:
        # One item a page: an inclusive id would only ever bring that item back.
        return self._step_past(last_id) if self.size == 1 else last_id
