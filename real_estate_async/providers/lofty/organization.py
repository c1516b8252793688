"""Lofty the agent organization: company, offices, permission profiles: ``client.organization``."""

from __future__ import annotations

from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body
from ._resource import (
    LoftyResource,
)
from .models import (
    Organization as OrganizationInfo,
)
from .models import (
    PermissionProfile,
)

__all__ = ["Organization"]


class Organization(LoftyResource):
    """``client.organization`` (5.13): agent organization."""

    @overload
    async def get(self, *, raw: Literal[False] = ...) -> OrganizationInfo: ...
    @overload
    async def get(self, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, *, raw: bool = False) -> OrganizationInfo | dict[str, Any]:
        """``GET /org``: the user's organization (OrganizationInfo)."""
        data = await self._request("GET", "/org")
        return self._one(OrganizationInfo, data, "data", bare=True, raw=raw)

    async def update_company(self, company: Body) -> Any:
        """``POST /org/company``: edit the agent company (CompanyOpenVo)."""
        return await self._request(
            "POST", "/org/company", json=require_non_empty(company, name="company")
        )

    async def update_office(self, office: Body) -> Any:
        """``POST /org/office``: update an agent office (OfficeOpenVo with ``id``)."""
        return await self._request(
            "POST", "/org/office", json=require_non_empty(office, name="office")
        )

    async def add_office(self, office: Body) -> Any:
        """``PUT /org/office``: add an agent office (OfficeOpenVo). Lofty uses PUT to add
        and POST to update here."""
        return await self._request(
            "PUT", "/org/office", json=require_non_empty(office, name="office")
        )

    @overload
    async def permission_profiles(
        self, *, raw: Literal[False] = ...
    ) -> list[PermissionProfile]: ...
    @overload
    async def permission_profiles(self, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def permission_profiles(
        self, *, raw: bool = False
    ) -> list[PermissionProfile] | list[dict[str, Any]]:
        """``GET /org/permission/profiles``: permission profiles."""
        data = await self._request("GET", "/org/permission/profiles")
        return self._many(PermissionProfile, data, "data", "profiles", raw=raw)
