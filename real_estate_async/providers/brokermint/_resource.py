"""Shared plumbing of the Brokermint resources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from ..._params import positive_int
from ..._resource import Resource, model_parser
from ...pagination import AsyncPager, CountFromId, SinglePage
from ._wire import merge_for_update, wire_body
from .models import BrokermintModel

if TYPE_CHECKING:
    from .client import BrokermintClient

M = TypeVar("M", bound=BrokermintModel)

#: Brokermint's own default and page size for ``count``.
DEFAULT_COUNT = 1000


class BrokermintResource(Resource):
    """A Brokermint resource group; ids are validated positive integers."""

    _client: BrokermintClient

    def _id(self, value: Any, name: str) -> Any:
        return positive_int(value, name)

    def _keyset(
        self,
        path: str,
        cls: type[M],
        *,
        params: Mapping[str, Any],
        count: int,
        resume_from: Mapping[str, Any] | None,
        raw: bool,
    ) -> AsyncPager[Any]:
        """``count`` + ``starting_from_id`` over a bare JSON array (each id once, resumable)."""
        return self._pager(
            "GET",
            path,
            CountFromId(size=count),
            params=params,
            parse=model_parser(cls, raw),
            resume_from=resume_from,
        )

    def _whole(
        self,
        path: str,
        cls: type[M],
        *,
        params: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Any]:
        """A list the vendor returns in one response (bare JSON array)."""
        return self._pager("GET", path, SinglePage(), params=params, parse=model_parser(cls, raw))


class RecordResource(BrokermintResource, Generic[M]):
    """Records at ``<collection>/{id}`` whose PUT replaces what it is not sent.

    Brokermint's PUT clears some fields when they are omitted, requires others on every
    call, and replaces list fields whole. ``update(..., merge=True)`` reads the record
    first and keeps them (see :func:`merge_for_update`). Each resource sets the class
    attributes below and keeps its own typed ``get``/``update``/``delete``, whose argument
    names differ (``contact_id``), as one-line calls of the methods here.
    """

    model: type[M]
    #: ``"/contacts"``: the items are ``/contacts/{id}``.
    collection: ClassVar[str] = ""
    #: The item id's argument name, named in errors: ``"contact_id"``.
    id_name: ClassVar[str] = "id"
    #: Fields copied from the current record when the update omits them.
    merge_keep: ClassVar[tuple[str, ...]] = ()
    #: List fields merged entry by entry on the given key: ``{"custom_attributes": "name"}``.
    merge_lists: ClassVar[Mapping[str, str]] = {}

    def _item(self, item_id: Any) -> str:
        return self._path(self.collection + "/{}", item_id, names=(self.id_name,))

    async def _get_record(self, item_id: Any, raw: bool) -> M | dict[str, Any]:
        """``GET <collection>/{id}``."""
        return self._one(self.model, await self._request("GET", self._item(item_id)), raw=raw)

    async def _update_record(
        self, item_id: Any, data: Mapping[str, Any] | BrokermintModel, *, merge: bool, raw: bool
    ) -> M | dict[str, Any]:
        """``PUT <collection>/{id}`` with ``data``; with ``merge=True`` the record is read
        first and what the PUT would replace is kept."""
        path = self._item(item_id)
        body = wire_body(data)
        if merge:
            current = await self._request("GET", path)
            body = merge_for_update(
                current, body, keep=self.merge_keep, keyed_lists=self.merge_lists
            )
        return self._one(self.model, await self._request("PUT", path, json=body), raw=raw)

    async def _delete_record(self, item_id: Any) -> Any:
        """``DELETE <collection>/{id}``."""
        return await self._request("DELETE", self._item(item_id))
