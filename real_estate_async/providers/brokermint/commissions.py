"""Transaction commission items."""

from __future__ import annotations

from typing import ClassVar

from ...pagination import AsyncPager
from ._resource import BrokermintResource
from .models import CommissionItem

__all__ = ["Commissions"]


class Commissions(BrokermintResource):
    #: The seed documents the singular ``/transaction/{id}/commissions``; the vendor's
    #: sync client uses ``/transactions/{id}/commissions``. Override here if your account
    #: answers 404 on the seed path.
    path_template: ClassVar[str] = "/transaction/{}/commissions"

    def list(self, transaction_id: int, *, raw: bool = False) -> AsyncPager[CommissionItem]:
        """``GET /transaction/{id}/commissions``: the commission items (one response)."""
        path = self._p(self.path_template, transaction_id, names=("transaction_id",))
        return self._whole(path, CommissionItem, raw=raw)
