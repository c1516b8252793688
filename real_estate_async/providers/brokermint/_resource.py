"""Shared plumbing of the Brokermint resources."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..._params import positive_int
from ...pagination import AsyncPager, CountFromId, SinglePage
from ..base import Resource, model_parser
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
