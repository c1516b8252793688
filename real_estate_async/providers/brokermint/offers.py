"""Transaction offers and offer attachments (vendor's wider API)."""

from __future__ import annotations

from ...pagination import AsyncPager
from ._resource import BrokermintResource
from .models import Offer, OfferAttachment

__all__ = ["Offers"]


class Offers(BrokermintResource):
    def list(self, transaction_id: int, *, raw: bool = False) -> AsyncPager[Offer]:
        """``GET /transactions/{id}/offers``."""
        path = self._p("/transactions/{}/offers", transaction_id, names=("transaction_id",))
        return self._whole(path, Offer, raw=raw)

    async def get(self, transaction_id: int, offer_id: int, *, raw: bool = False) -> Offer:
        """``GET /transactions/{id}/offers/{offer_id}``."""
        path = self._p(
            "/transactions/{}/offers/{}",
            transaction_id,
            offer_id,
            names=("transaction_id", "offer_id"),
        )
        return self._one(await self._request("GET", path), Offer, raw)

    async def get_attachment(
        self, transaction_id: int, offer_id: int, attachment_id: int, *, raw: bool = False
    ) -> OfferAttachment:
        """``GET /transactions/{id}/offers/{offer_id}/attachments/{attachment_id}``."""
        path = self._p(
            "/transactions/{}/offers/{}/attachments/{}",
            transaction_id,
            offer_id,
            attachment_id,
            names=("transaction_id", "offer_id", "attachment_id"),
        )
        return self._one(await self._request("GET", path), OfferAttachment, raw)
