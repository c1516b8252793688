"""Shared plumbing of the Brokermint resources."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..._params import positive_int
from ...pagination import AsyncPager, CountFromId, SinglePage
from ..base import Resource, model_parser
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

    async def _put(
        self,
        path: str,
        cls: type[M],
        data: Mapping[str, Any] | BrokermintModel,
        *,
        merge: bool,
        keep: Iterable[str] = (),
        keyed_lists: Mapping[str, str] | None = None,
        raw: bool,
    ) -> M | dict[str, Any]:
        """``PUT path`` with ``data``; with ``merge=True`` the record is read first and what
        the PUT would replace is kept (see :func:`merge_for_update`)."""
        body = wire_body(data)
        if merge:
            current = await self._request("GET", path)
            body = merge_for_update(current, body, keep=keep, keyed_lists=keyed_lists)
        return self._one(cls, await self._request("PUT", path, json=body), raw=raw)

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
