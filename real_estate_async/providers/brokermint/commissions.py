"""Transaction commission items."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Literal, overload

from ..._errors import NotFoundError
from ...pagination import AsyncPager
from ._resource import BrokermintResource
from .models import CommissionItem

__all__ = ["Commissions"]


class Commissions(BrokermintResource):
    #: Where both independent clients list commission items: the Ruby ``brokermint`` gem
    #: (``TransactionCommissionResource#all``, stubbed in its tests) and the PyPI
    #: ``brokermint`` client (``transaction_commissions``).
    path_template: ClassVar[str] = "/transactions/{}/commissions"
    #: The singular path the Brokermint API reference prints ("Transaction commissions").
    #: Tried once when ``path_template`` answers 404; the path that answered is then kept
    #: for the client (and its ``with_options()`` copies), so later calls go straight there.
    #: ``None`` turns the second try off.
    fallback_template: ClassVar[str | None] = "/transaction/{}/commissions"

    @overload
    def list(
        self, transaction_id: int, *, raw: Literal[False] = ...
    ) -> AsyncPager[CommissionItem]: ...
    @overload
    def list(self, transaction_id: int, *, raw: Literal[True]) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, transaction_id: int, *, raw: bool = False
    ) -> AsyncPager[CommissionItem] | AsyncPager[dict[str, Any]]:
        """``GET /transactions/{id}/commissions``: the commission items (one response).

        On a 404 there, and only until one of the two paths has answered for this client,
        ``GET /transaction/{id}/commissions`` is tried once; if that is a 404 too, the first
        :class:`NotFoundError` is raised (the transaction does not exist). Each 404 counts
        against Brokermint's hourly error budget.
        """
        names = ("transaction_id",)
        known = self._client._paths.get("commissions")
        first = known or self.path_template
        pager = self._whole(self._path(first, transaction_id, names=names), CommissionItem, raw=raw)
        if known is not None or self.fallback_template is None:
            return pager
        second = self.fallback_template
        second_path = self._path(second, transaction_id, names=names)
        first_fetch = pager._fetch
        client = self._client
        remembered = client._paths

        async def fetch(page_args: Mapping[str, Any]) -> Any:
            try:
                data = await first_fetch(page_args)
            except NotFoundError as missing:
                try:
                    data = await client._call(
                        "GET", second_path, params=page_args, recorder=pager._recorder
                    )
                except NotFoundError:
                    raise missing from None
                remembered["commissions"] = second
                return data
            remembered["commissions"] = first
            return data

        pager._fetch = fetch
        return pager
