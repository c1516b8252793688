"""Lofty notes on leads: ``client.notes``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body, items_in, model_parser
from ...pagination import AsyncPager, SinglePage
from ._resource import LoftyResource
from .models import Note

__all__ = ["Notes"]


class Notes(LoftyResource):
    """``client.notes`` (5.7): lead notes."""

    async def create(self, note: Body) -> Any:
        """``POST /notes``: add a note (NoteRequest: ``leadId``, ``content``, ``isPin``)."""
        return await self._request("POST", "/notes", json=require_non_empty(note, name="note"))

    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        include_system_note: bool | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Note]: ...
    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        include_system_note: bool | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        lead_id: int | None = None,
        include_system_note: bool | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Note] | AsyncPager[dict[str, Any]]:
        """``GET /notes``: a lead's notes. The Lofty API v1.0 reference (section
        5.7) documents no paging for this endpoint (one response holds them all); a
        ``{"notes": [...]}`` envelope is accepted too."""
        return self._pager(
            "GET", "/notes", SinglePage(items=items_in("notes", "data")),
            params={"leadId": lead_id, "includeSystemNote": include_system_note},
            parse=model_parser(Note, raw, "note"), resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def get(self, note_id: int, *, raw: Literal[False] = ...) -> Note: ...
    @overload
    async def get(self, note_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, note_id: int, *, raw: bool = False) -> Note | dict[str, Any]:
        """``GET /notes/{noteId}``: one note."""
        data = await self._request("GET", self._path("/notes/{}", note_id))
        return self._one(Note, data, "note", raw=raw)

    async def update(self, note_id: int, note: Body) -> Any:
        """``PUT /notes/{noteId}``: edit a note."""
        return await self._request(
            "PUT", self._path("/notes/{}", note_id), json=require_non_empty(note, name="note")
        )

    async def delete(self, note_id: int) -> Any:
        """``DELETE /notes/{noteId}``."""
        return await self._request("DELETE", self._path("/notes/{}", note_id))
