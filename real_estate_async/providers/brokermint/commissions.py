"""Transaction commission items."""

from __future__ import annotations

from typing import Any, ClassVar, Literal, overload

from ...pagination import AsyncPager
from ._resource import BrokermintResource
from .models import CommissionItem

__all__ = ["Commissions"]


class Commissions(BrokermintResource):
    #: The seed documents the singular ``/transaction/{id}/commissions``; the vendor's
    #: sync client uses ``/transactions/{id}/commissions``. Override here if your account
    #: answers 404 on the seed path.
    path_template: ClassVar[str] = "/transaction/{}/commissions"

    @overload
    def list(
        self, transaction_id: int, *, raw: Literal[False] = ...
    ) -> AsyncPager[CommissionItem]: ...
    @overload
    def list(self, transaction_id: int, *, raw: Literal[True]) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, transaction_id: int, *, raw: bool = False
    ) -> AsyncPager[CommissionItem] | AsyncPager[dict[str, Any]]:
        """``GET /transaction/{id}/commissions``: the commission items (one response)."""
        path = self._path(self.path_template, transaction_id, names=("transaction_id",))
        return self._whole(path, CommissionItem, raw=raw)
