"""Lofty lead ponds, team custom fields and tags: ``client.team_features``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body, model_parser
from ...pagination import AsyncPager, NumberedPages
from ._resource import (
    LoftyResource,
)
from ._shapes import list_at
from .models import (
    CustomAttribute,
    LeadPond,
    Tag,
)
from .published_models import LeadPipeline

__all__ = ["TeamFeatures"]


class TeamFeatures(LoftyResource):
    """``client.team_features`` (5.9): lead ponds, custom fields and tags."""

    @overload
    async def get_lead_pond(self, pond_id: int, *, raw: Literal[False] = ...) -> LeadPond: ...
    @overload
    async def get_lead_pond(self, pond_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get_lead_pond(self, pond_id: int, *, raw: bool = False) -> LeadPond | dict[str, Any]:
        """``GET /team-features/lead-pond/{id}``: one lead pond."""
        data = await self._request("GET", self._path("/team-features/lead-pond/{}", pond_id))
        return self._one(LeadPond, data, "leadPond", bare=True, raw=raw)

    @overload
    async def lead_ponds(self, *, raw: Literal[False] = ...) -> list[LeadPond]: ...
    @overload
    async def lead_ponds(self, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def lead_ponds(self, *, raw: bool = False) -> list[LeadPond] | list[dict[str, Any]]:
        """``GET /team-features/lead-ponds``: every lead pond."""
        data = await self._request("GET", "/team-features/lead-ponds")
        return self._many(LeadPond, data, "leadPonds", "data", raw=raw)

    async def add_custom_field(self, custom_field: Body) -> Any:
        """``POST /teamFeatures/custom-field``: add a team custom field (CustomAttribute:
        ``attributeName``, ``attributeType``, ``params``)."""
        return await self._request(
            "POST", "/teamFeatures/custom-field",
            json=require_non_empty(custom_field, name="custom_field"),
        )  # fmt: skip

    @overload
    async def custom_fields(self, *, raw: Literal[False] = ...) -> list[CustomAttribute]: ...
    @overload
    async def custom_fields(self, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def custom_fields(
        self, *, raw: bool = False
    ) -> list[CustomAttribute] | list[dict[str, Any]]:
        """``GET /teamFeatures/listCustomField``: the team's custom fields."""
        data = await self._request("GET", "/teamFeatures/listCustomField")
        return self._many(CustomAttribute, data, "customFields", "data", raw=raw)

    @overload
    async def tags(self, *, raw: Literal[False] = ...) -> list[Tag]: ...
    @overload
    async def tags(self, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def tags(self, *, raw: bool = False) -> list[Tag] | list[dict[str, Any]]:
        """``GET /teamFeatures/listTag``: the team's existing tags."""
        data = await self._request("GET", "/teamFeatures/listTag")
        return self._many(Tag, data, "tags", "data", raw=raw)

    @overload
    def lead_pipelines(
        self,
        *,
        name: str | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[LeadPipeline]: ...
    @overload
    def lead_pipelines(
        self,
        *,
        name: str | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def lead_pipelines(
        self,
        *,
        name: str | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[LeadPipeline] | AsyncPager[dict[str, Any]]:
        """``GET /v1.0/teamFeatures/lead-pipelines``: the team's lead pipelines (``name``
        filters by substring), ``currPage`` from 0 with ``pageSize``, until
        ``_metadata.total`` (Lofty OpenAPI document, PipelineListResponse)."""
        strategy = NumberedPages(
            items=list_at("pipelines"), page_size=page_size, first_page=0,
            page_param="currPage", size_param="pageSize", total_path=("_metadata", "total"),
        )  # fmt: skip
        return self._pager(
            "GET", "/teamFeatures/lead-pipelines", strategy, params={"name": name},
            parse=model_parser(LeadPipeline, raw), resume_from=resume_from,
        )  # fmt: skip
