"""Lofty agent accounts: ``client.accounts``."""

from __future__ import annotations

from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body
from ._resource import (
    LoftyResource,
)
from .models import (
    Account,
)

__all__ = ["Accounts"]


class Accounts(LoftyResource):
    """``client.accounts`` (5.10): agent accounts."""

    @overload
    async def create(self, account: Body, *, raw: Literal[False] = ...) -> Account: ...
    @overload
    async def create(self, account: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def create(self, account: Body, *, raw: bool = False) -> Account | dict[str, Any]:
        """``POST /agent``: create an account (AccountRequest).

        Documented only by the older Lofty API reference, not by Lofty's OpenAPI document.
        """
        data = await self._request(
            "POST", "/agent", json=require_non_empty(account, name="account")
        )
        return self._one(Account, data, "account", bare=True, raw=raw)

    @overload
    async def update(self, account: Body, *, raw: Literal[False] = ...) -> Account: ...
    @overload
    async def update(self, account: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def update(self, account: Body, *, raw: bool = False) -> Account | dict[str, Any]:
        """``PUT /agent``: edit an account (AccountRequest with ``teamMemberUserId``).

        Documented only by the older Lofty API reference, not by Lofty's OpenAPI document.
        """
        data = await self._request("PUT", "/agent", json=require_non_empty(account, name="account"))
        return self._one(Account, data, "account", bare=True, raw=raw)
