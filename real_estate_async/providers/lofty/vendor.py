"""Lofty vendor info and OAuth token info: ``client.vendor``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import items_in, model_parser
from ...pagination import AsyncPager, SinglePage
from ._resource import (
    LoftyResource,
)
from .models import (
    OauthTokenInfo,
    VendorInfo,
)

__all__ = ["Vendor"]


class Vendor(LoftyResource):
    """``client.vendor`` (5.11)."""

    @overload
    def list(
        self, *, resume_from: Mapping[str, Any] | None = None, raw: Literal[False] = ...
    ) -> AsyncPager[VendorInfo]: ...
    @overload
    def list(
        self, *, resume_from: Mapping[str, Any] | None = None, raw: Literal[True]
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, *, resume_from: Mapping[str, Any] | None = None, raw: bool = False
    ) -> AsyncPager[VendorInfo] | AsyncPager[dict[str, Any]]:
        """``GET /vendor/list``: vendor info (one response holds every item)."""
        return self._pager(
            "GET", "/vendor/list", SinglePage(items=items_in("vendors", "data")),
            parse=model_parser(VendorInfo, raw), resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def token_info_by_old_api_key(self, *, raw: Literal[False] = ...) -> OauthTokenInfo: ...
    @overload
    async def token_info_by_old_api_key(self, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def token_info_by_old_api_key(
        self, *, raw: bool = False
    ) -> OauthTokenInfo | dict[str, Any]:
        """``GET /vendor/oauth/token-info/byold``: OAuth token info for the (old) API key
        this client authenticates with.

        Documented only by the older Lofty API reference, not by Lofty's OpenAPI document.
        """
        data = await self._request("GET", "/vendor/oauth/token-info/byold")
        return self._one(OauthTokenInfo, data, "data", bare=True, raw=raw)
