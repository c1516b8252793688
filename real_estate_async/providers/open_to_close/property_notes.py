"""Notes of a property."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._property_resource import PropertyResource
from .models import PropertyNote

__all__ = ["PropertyNotes"]


class PropertyNotes(PropertyResource[PropertyNote]):
    """``client.property_notes``: ``/properties/{property_id}/notes[/{note_id}]``.

    The uniform verbs (``list``, ``get``, ``create``, ``update``, ``delete``) take the
    property id first and return :class:`PropertyNote` models (``raw=True`` for dicts); the
    sync SDK's names (``list_property_notes``, ``create_property_note``,
    ``retrieve_property_note``, ``update_property_note``, ``delete_property_note``)
    return plain dicts as it did. ``list`` and ``create`` are on the base class.
    """

    model = PropertyNote
    sub = "notes"
    id_name = "note_id"

    @overload
    async def get(
        self, property_id: int, note_id: int, *, raw: Literal[False] = ...
    ) -> PropertyNote: ...
    @overload
    async def get(
        self, property_id: int, note_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, property_id: int, note_id: int, *, raw: bool = False
    ) -> PropertyNote | dict[str, Any]:
        """``GET /properties/{property_id}/notes/{note_id}``."""
        return await self._get_item(property_id, note_id, raw)

    @overload
    async def update(
        self, property_id: int, note_id: int, data: Body, *, raw: Literal[False] = ...
    ) -> PropertyNote: ...
    @overload
    async def update(
        self, property_id: int, note_id: int, data: Body, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, property_id: int, note_id: int, data: Body, *, raw: bool = False
    ) -> PropertyNote | dict[str, Any]:
        """``PUT /properties/{property_id}/notes/{note_id}``."""
        return await self._put_item(property_id, note_id, data, "data", raw)

    async def delete(self, property_id: int, note_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/notes/{note_id}``."""
        return await self._delete_item(property_id, note_id)

    # ---------------------------------------------------- the sync SDK's names

    async def list_property_notes(
        self, property_id: int, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """``GET /properties/{property_id}/notes`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_dicts(property_id, params)

    async def create_property_note(self, property_id: int, note_data: Body) -> dict[str, Any]:
        """``POST /properties/{property_id}/notes``: the created link/object as a dict."""
        return await self._create_dict(property_id, note_data, "note_data")

    async def retrieve_property_note(self, property_id: int, note_id: int) -> dict[str, Any]:
        """``GET /properties/{property_id}/notes/{note_id}`` as a dict."""
        return await self._get_item(property_id, note_id, True)

    async def update_property_note(
        self, property_id: int, note_id: int, note_data: Body
    ) -> dict[str, Any]:
        """``PUT /properties/{property_id}/notes/{note_id}``: the updated object as a dict."""
        return await self._put_item(property_id, note_id, note_data, "note_data", True)

    #: ``DELETE /properties/{property_id}/notes/{note_id}``, as :meth:`delete`.
    delete_property_note = delete
