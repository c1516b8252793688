"""Shared machinery of the Open To Close resources: paging and every CRUD call.

The uniform ``list`` and ``create`` are defined once here, typed by the resource's model.
Each resource module keeps only what differs: its paths, and the methods whose keyword
names differ per resource (``contacts.get(contact_id=5)``, the sync SDK's
``create_contact(contact_data)``), each an explicitly typed one-liner over the calls here.
The collections under a property (``/properties/{property_id}/notes``) are built the same
way on ``_property_resource.PropertyResource``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, Literal, TypeVar, overload

import attrs

from ..._params import positive_int, require_non_empty
from ..._resource import Body, Resource, items_in, model_parser
from ...models import Model
from ...pagination import AsyncPager, Cursor, OffsetLimit, PaginationStrategy, SinglePage

__all__ = ["CollectionResource", "OpenToCloseResource", "ReadOnlyCollection"]

MT = TypeVar("MT", bound=Model)

#: Keys of a sync-SDK-style ``params`` dict that ask for one specific page.
_PAGE_KEYS = frozenset({"limit", "offset"})


#: Items of a list response: a bare array or ``{"data": [...]}``.
list_items = items_in("data")


def _as_dict(raw: Any) -> dict[str, Any]:
    """A delete confirmation: the vendor's object, or ``{}`` for an empty body (as the sync SDK)."""
    if isinstance(raw, Mapping):
        return dict(raw)
    return {} if raw is None else {"result": raw}


@attrs.frozen
class OffsetNoTotal(OffsetLimit):
    """offset/limit without a total: stops on a short or empty page, and also when the
    server returns *more* than ``limit`` items (it ignored the paging arguments and sent
    everything, so asking again would only repeat items)."""

    def advance(self, cursor: Cursor, raw: Any, items: Sequence[Any]) -> Cursor | None:
        if len(items) > cursor["limit"]:
            return None
        return super().advance(cursor, raw, items)


def _check_params(params: Mapping[str, Any] | None) -> dict[str, Any]:
    if params is None:
        return {}
    if not isinstance(params, Mapping):
        raise TypeError(f"params must be a dict, not {type(params).__name__}")
    return dict(params)


class OpenToCloseResource(Resource, Generic[MT]):
    """An Open To Close resource typed by its model: paging and the calls every verb uses."""

    model: type[MT]  # set by each resource class
    #: ``"paged"`` (limit/offset) or ``"single"`` (one response holds everything).
    paging: ClassVar[str] = "paged"

    def _strategy(self, limit: int, offset: int) -> PaginationStrategy:
        if self.paging == "single":
            return SinglePage(items=list_items)
        return OffsetNoTotal(items=list_items, limit=limit, offset=offset)

    def _pager_for(
        self,
        path: str,
        *,
        limit: int,
        offset: int,
        resume_from: Mapping[str, Any] | None,
        raw: bool,
        filters: Mapping[str, Any],
    ) -> AsyncPager[Any]:
        return self._pager(
            "GET",
            path,
            self._strategy(limit, offset),
            params=filters,
            parse=model_parser(self.model, raw),
            resume_from=resume_from,
        )

    async def _list_as_dicts(self, path: str, params: Mapping[str, Any] | None) -> list[Any]:
        """The sync SDK's ``list_*``: a list of dicts.

        With ``limit``/``offset`` in ``params`` exactly that one page is fetched (what the
        sync SDK sent); without them every page is fetched, like the uniform ``list()``.
        """
        query = _check_params(params)
        if self.paging == "single" or _PAGE_KEYS & set(query):
            return list(list_items(await self._request("GET", path, params=query)))
        pager = self._pager_for(
            path, limit=100, offset=0, resume_from=None, raw=True, filters=query
        )
        return await pager.collect()

    @overload
    async def _get(self, path: str, raw: Literal[True]) -> dict[str, Any]: ...
    @overload
    async def _get(self, path: str, raw: bool) -> MT | dict[str, Any]: ...
    async def _get(self, path: str, raw: bool) -> MT | dict[str, Any]:
        return self._one(self.model, await self._request("GET", path), "data", bare=True, raw=raw)

    @overload
    async def _send_body(
        self, method: str, path: str, data: Any, name: str, raw: Literal[True]
    ) -> dict[str, Any]: ...
    @overload
    async def _send_body(
        self, method: str, path: str, data: Any, name: str, raw: bool
    ) -> MT | dict[str, Any]: ...
    async def _send_body(
        self, method: str, path: str, data: Any, name: str, raw: bool
    ) -> MT | dict[str, Any]:
        body = require_non_empty(data, name=name)
        result = await self._request(method, path, json=body)
        return self._one(self.model, result, "data", bare=True, raw=raw)

    async def _delete(self, path: str) -> dict[str, Any]:
        return _as_dict(await self._request("DELETE", path))

    def _id(self, value: Any, name: str) -> Any:
        return positive_int(value, name)


class ReadOnlyCollection(OpenToCloseResource[MT]):
    """A top-level collection such as ``/propertyFields`` with ``/{collection}/{id}`` items."""

    collection: ClassVar[str] = ""
    id_name: ClassVar[str] = "id"

    def _item(self, item_id: Any) -> str:
        return self._path(self.collection + "/{}", item_id, names=(self.id_name,))


class CollectionResource(ReadOnlyCollection[MT]):
    """A top-level collection such as ``/agents`` with ``/agents/{agent_id}`` items."""

    @overload
    def list(
        self,
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
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
        **filters: Any,
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        limit: int = 100,
        offset: int = 0,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
        **filters: Any,
    ) -> AsyncPager[MT] | AsyncPager[dict[str, Any]]:
        """``GET /<collection>`` (``GET /agents`` for ``client.agents``): every item
        matching ``filters``, paged by limit/offset."""
        return self._pager_for(
            self.collection,
            limit=limit,
            offset=offset,
            resume_from=resume_from,
            raw=raw,
            filters=filters,
        )

    @overload
    async def create(self, data: Body, *, raw: Literal[False] = ...) -> MT: ...
    @overload
    async def create(self, data: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def create(self, data: Body, *, raw: bool = False) -> MT | dict[str, Any]:
        """``POST /<collection>`` (``POST /agents``): ``data`` must be a non-empty dict or
        model; returns the created item."""
        return await self._send_body("POST", self.collection, data, "data", raw)
