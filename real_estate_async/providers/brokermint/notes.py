"""Transaction notes (vendor's wider API)."""

from __future__ import annotations

from typing import Any, Literal, overload

from ._resource import BrokermintResource
from .models import Note

__all__ = ["Notes"]


class Notes(BrokermintResource):
    @overload
    async def create(
        self, transaction_id: int, text: str, *, raw: Literal[False] = ...
    ) -> Note: ...
    @overload
    async def create(
        self, transaction_id: int, text: str, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def create(
        self, transaction_id: int, text: str, *, raw: bool = False
    ) -> Note | dict[str, Any]:
        """``POST /transactions/{id}/notes``: add a note ``{"text": ...}``."""
        if not isinstance(text, str) or not text.strip():
            raise ValueError("text must be a non-empty string")
        path = self._path("/transactions/{}/notes", transaction_id, names=("transaction_id",))
        return self._one(Note, await self._request("POST", path, json={"text": text}), raw=raw)
