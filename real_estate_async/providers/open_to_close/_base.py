"""Shared machinery of the Open To Close resources: list decoding, paging, CRUD calls.

Every resource module is a thin, explicitly typed layer over :class:`CollectionResource`
(top-level ``/agents``-style collections) or :class:`PropertySubResource`
(``/properties/{property_id}/<sub>`` collections).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Generic, Literal, TypeVar, overload

import attrs

from ..._errors import PaginationError
from ..._params import positive_int, require_non_empty
from ...models import Model
from ...pagination import AsyncPager, Cursor, OffsetLimit, PaginationStrategy, SinglePage
from ..base import Resource, model_parser

__all__ = ["CollectionResource", "PropertySubResource", "list_items", "one_item"]

MT = TypeVar("MT", bound=Model)

#: Keys of a seed-style ``params`` dict that ask for one specific page.
_PAGE_KEYS = frozenset({"limit", "offset"})


def list_items(raw: Any) -> Sequence[Any]:
    """Items of an Open To Close list response: a bare array or ``{"data": [...]}``."""
    if raw is None:
        return []
    if isinstance(raw, list):
        return raw
    if isinstance(raw, Mapping):
        data = raw.get("data")
        if data is None:
            return []
        if isinstance(data, list):
            return data
        raise PaginationError(f"expected a list under 'data', got {type(data).__name__}")
    raise PaginationError(f"expected a JSON array or {{'data': [...]}}, got {type(raw).__name__}")


def one_item(raw: Any) -> Any:
    """A single object, unwrapped from ``{"data": {...}}`` when the vendor wraps it."""
    if isinstance(raw, Mapping) and "id" not in raw and isinstance(raw.get("data"), Mapping):
        return raw["data"]
    return raw


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


class _Common(Resource, Generic[MT]):
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

    async def _seed_list(self, path: str, params: Mapping[str, Any] | None) -> list[Any]:
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
        data: dict[str, Any] = one_item(await self._request("GET", path))  # decoded JSON
        return data if raw else self.model.from_dict(data)

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
        result: dict[str, Any] = one_item(await self._request(method, path, json=body))
        if raw or not isinstance(result, Mapping):
            return result
        return self.model.from_dict(result)

    async def _delete(self, path: str) -> dict[str, Any]:
        return _as_dict(await self._request("DELETE", path))


class CollectionResource(_Common[MT]):
    """A top-level collection such as ``/agents`` with ``/agents/{id}`` items."""

    collection: ClassVar[str] = ""
    id_name: ClassVar[str] = "id"

    def _item(self, item_id: Any) -> str:
        return f"{self.collection}/{positive_int(item_id, self.id_name)}"


class PropertySubResource(_Common[MT]):
    """A collection under one property: ``/properties/{property_id}/<sub>``."""

    sub: ClassVar[str] = ""
    id_name: ClassVar[str] = "id"

    def _collection(self, property_id: Any) -> str:
        return f"/properties/{positive_int(property_id, 'property_id')}/{self.sub}"

    def _item(self, property_id: Any, item_id: Any) -> str:
        collection = self._collection(property_id)
        return f"{collection}/{positive_int(item_id, self.id_name)}"
