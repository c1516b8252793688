"""Transaction offers and offer attachments (vendor's wider API)."""

from __future__ import annotations

from typing import Any, Literal, overload

from ...pagination import AsyncPager
from ._resource import BrokermintResource
from .models import Offer, OfferAttachment

__all__ = ["Offers"]


class Offers(BrokermintResource):
    @overload
    def list(self, transaction_id: int, *, raw: Literal[False] = ...) -> AsyncPager[Offer]: ...
    @overload
    def list(self, transaction_id: int, *, raw: Literal[True]) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, transaction_id: int, *, raw: bool = False
    ) -> AsyncPager[Offer] | AsyncPager[dict[str, Any]]:
        """``GET /transactions/{id}/offers``."""
        path = self._path("/transactions/{}/offers", transaction_id, names=("transaction_id",))
        return self._whole(path, Offer, raw=raw)

    @overload
    async def get(
        self, transaction_id: int, offer_id: int, *, raw: Literal[False] = ...
    ) -> Offer: ...
    @overload
    async def get(
        self, transaction_id: int, offer_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, transaction_id: int, offer_id: int, *, raw: bool = False
    ) -> Offer | dict[str, Any]:
        """``GET /transactions/{id}/offers/{offer_id}``."""
        path = self._path(
            "/transactions/{}/offers/{}",
            transaction_id,
            offer_id,
            names=("transaction_id", "offer_id"),
        )
        return self._one(Offer, await self._request("GET", path), raw=raw)

    @overload
    async def get_attachment(
        self, transaction_id: int, offer_id: int, attachment_id: int, *, raw: Literal[False] = ...
    ) -> OfferAttachment: ...
    @overload
    async def get_attachment(
        self, transaction_id: int, offer_id: int, attachment_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get_attachment(
        self, transaction_id: int, offer_id: int, attachment_id: int, *, raw: bool = False
    ) -> OfferAttachment | dict[str, Any]:
        """``GET /transactions/{id}/offers/{offer_id}/attachments/{attachment_id}``."""
        path = self._path(
            "/transactions/{}/offers/{}/attachments/{}",
            transaction_id,
            offer_id,
            attachment_id,
            names=("transaction_id", "offer_id", "attachment_id"),
        )
        return self._one(OfferAttachment, await self._request("GET", path), raw=raw)
