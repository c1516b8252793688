"""One collection under a property: ``/properties/{property_id}/<sub>[/{item_id}]``.

The contacts, documents, emails, notes and tasks of a property behave alike. They differ in
the path segment (``sub``), the model, and the names the sync SDK gave their methods and
arguments (``retrieve_property_note(property_id, note_id)``,
``create_property_note(property_id, note_data)``). Every call is implemented here once; a
resource module sets ``model``, ``sub`` and ``id_name`` and declares its
public methods, with their own argument names and types, as one-line calls of the ones here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal, overload

from ..._resource import Body
from ...pagination import AsyncPager
from ._resource import MT, OpenToCloseResource

__all__ = ["PropertyResource"]

_DictList = list[dict[str, Any]]


class PropertyResource(OpenToCloseResource[MT]):
    """A collection under one property: ``/properties/{property_id}/<sub>``."""

    #: The path segment under ``/properties/{property_id}/``: ``"notes"``.
    sub: ClassVar[str] = ""
    #: The item id's argument name, named in errors: ``"note_id"``.
    id_name: ClassVar[str] = "id"

    def _collection(self, property_id: Any) -> str:
        return self._path("/properties/{}/" + self.sub, property_id, names=("property_id",))

    def _item(self, property_id: Any, item_id: Any) -> str:
        names = ("property_id", self.id_name)
        return self._path("/properties/{}/" + self.sub + "/{}", property_id, item_id, names=names)

    # ------------------------------------------------------ uniform verbs

    @overload
    def list(
        self,
        property_id: int,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
        **filters: Any,
    ) -> AsyncPager[MT]: ...
    @overload
    def list(
        self,
        property_id: int,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
        **filters: Any,
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        property_id: int,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
        **filters: Any,
    ) -> AsyncPager[MT] | AsyncPager[dict[str, Any]]:
        """``GET /properties/{property_id}/<sub>`` (``.../notes`` for
        ``client.property_notes``), paged by limit/offset."""
        return self._pager_for(
            self._collection(property_id),
            limit=limit,
            offset=offset,
            resume_from=resume_from,
            raw=raw,
            filters=filters,
        )

    @overload
    async def create(self, property_id: int, data: Body, *, raw: Literal[False] = ...) -> MT: ...
    @overload
    async def create(
        self, property_id: int, data: Body, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def create(
        self, property_id: int, data: Body, *, raw: bool = False
    ) -> MT | dict[str, Any]:
        """``POST /properties/{property_id}/<sub>``: ``data`` must be non-empty; returns
        the created item."""
        return await self._send_body("POST", self._collection(property_id), data, "data", raw)

    # ------------------------- what each resource's get/update/delete and sync SDK names call

    @overload
    async def _get_item(
        self, property_id: Any, item_id: Any, raw: Literal[True]
    ) -> dict[str, Any]: ...
    @overload
    async def _get_item(self, property_id: Any, item_id: Any, raw: bool) -> MT | dict[str, Any]: ...
    async def _get_item(self, property_id: Any, item_id: Any, raw: bool) -> MT | dict[str, Any]:
        return await self._get(self._item(property_id, item_id), raw)

    @overload
    async def _put_item(
        self, property_id: Any, item_id: Any, data: Any, name: str, raw: Literal[True]
    ) -> dict[str, Any]: ...
    @overload
    async def _put_item(
        self, property_id: Any, item_id: Any, data: Any, name: str, raw: bool
    ) -> MT | dict[str, Any]: ...
    async def _put_item(
        self, property_id: Any, item_id: Any, data: Any, name: str, raw: bool
    ) -> MT | dict[str, Any]:
        """``name``: the body's argument name, for the error when it is empty."""
        return await self._send_body("PUT", self._item(property_id, item_id), data, name, raw)

    async def _delete_item(self, property_id: Any, item_id: Any) -> dict[str, Any]:
        return await self._delete(self._item(property_id, item_id))

    async def _list_dicts(self, property_id: Any, params: Mapping[str, Any] | None) -> _DictList:
        return await self._list_as_dicts(self._collection(property_id), params)

    async def _create_dict(self, property_id: Any, data: Any, name: str) -> dict[str, Any]:
        return await self._send_body("POST", self._collection(property_id), data, name, True)
