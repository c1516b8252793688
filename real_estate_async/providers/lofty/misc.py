"""LeadRouting (5.4), TeamFeatures (5.9), User Account (5.10), Vendor (5.11), Webhooks
(5.12), Agent Organization (5.13), Broker (5.14), Listing (5.15), Opportunity (5.17) and
System Logs (5.18)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ...models import Model
from ...pagination import AsyncPager, NextPageKey, PageNumber, SinglePage
from ._common import (
    LoftyResource,
    RoutingType,
    epoch_ms,
    items_in,
    many,
    one,
    parser,
    routing_type,
)
from .models import (
    Account,
    AssignMember,
    AssignRole,
    CustomAttribute,
    LeadPond,
    Listing,
    OauthTokenInfo,
    PermissionProfile,
    RoutingRule,
    SupplementRoutingRule,
    SystemLog,
    Tag,
    VendorInfo,
    Webhook,
)
from .models import (
    Organization as OrganizationInfo,
)

__all__ = [
    "Accounts",
    "Broker",
    "LeadRouting",
    "Listings",
    "Opportunities",
    "Organization",
    "SystemLogs",
    "TeamFeatures",
    "Vendor",
    "Webhooks",
]

Body = Mapping[str, Any] | Model


class LeadRouting(LoftyResource):
    """``client.lead_routing`` (5.4). ``type`` is the routing type: 1 AGENT_LEAD,
    2 LENDER_LEAD, 4 ASSISTANT_LEAD (``RoutingType``); ``role_id`` is required by Lofty
    when the type is 4."""

    @overload
    async def members(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[False] = ...
    ) -> list[AssignMember]: ...
    @overload
    async def members(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[True]
    ) -> list[dict[str, Any]]: ...
    async def members(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: bool = False
    ) -> list[AssignMember] | list[dict[str, Any]]:
        """``GET /routing/member/list/{type}``: members leads can be assigned to."""
        data = await self._request(
            "GET", self._path("/routing/member/list/{}", routing_type(type)),
            params={"roleId": role_id},
        )  # fmt: skip
        return many(AssignMember, data, "data", "members", raw=raw)

    @overload
    async def roles(self, *, raw: Literal[False] = ...) -> list[AssignRole]: ...
    @overload
    async def roles(self, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def roles(self, *, raw: bool = False) -> list[AssignRole] | list[dict[str, Any]]:
        """``GET /routing/role/list``: roles leads can be assigned to."""
        data = await self._request("GET", "/routing/role/list")
        return many(AssignRole, data, "data", "roles", raw=raw)

    @overload
    async def rules(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[False] = ...
    ) -> list[RoutingRule]: ...
    @overload
    async def rules(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[True]
    ) -> list[dict[str, Any]]: ...
    async def rules(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: bool = False
    ) -> list[RoutingRule] | list[dict[str, Any]]:
        """``GET /routing/rule/list/{type}``: the routing rules."""
        data = await self._request(
            "GET", self._path("/routing/rule/list/{}", routing_type(type)),
            params={"roleId": role_id},
        )  # fmt: skip
        return many(RoutingRule, data, "data", "rules", raw=raw)

    @overload
    async def default_rule(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[False] = ...
    ) -> SupplementRoutingRule: ...
    @overload
    async def default_rule(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def default_rule(
        self, type: RoutingType | int, *, role_id: int | None = None, raw: bool = False
    ) -> SupplementRoutingRule | dict[str, Any]:
        """``GET /routing/rule/supplement/{type}``: the default (supplement) rule."""
        data = await self._request(
            "GET", self._path("/routing/rule/supplement/{}", routing_type(type)),
            params={"roleId": role_id},
        )  # fmt: skip
        return one(SupplementRoutingRule, data, "data", raw=raw)

    async def update_default_rule(self, type: RoutingType | int, rule: Body) -> Any:
        """``PUT /routing/rule/supplement/{type}``: edit the default rule
        (SupplementRoutingRuleRequest)."""
        return await self._request(
            "PUT", self._path("/routing/rule/supplement/{}", routing_type(type)),
            json=require_non_empty(rule, name="rule"),
        )  # fmt: skip

    async def update_rule(self, type: RoutingType | int, rule: Body) -> Any:
        """``PUT /routing/rule/{type}``: edit a routing rule (RoutingRuleRequest:
        ``id``, ``activeHours``, ``routingStrategy``)."""
        return await self._request(
            "PUT", self._path("/routing/rule/{}", routing_type(type)),
            json=require_non_empty(rule, name="rule"),
        )  # fmt: skip


class TeamFeatures(LoftyResource):
    """``client.team_features`` (5.9): lead ponds, custom fields and tags."""

    @overload
    async def get_lead_pond(self, pond_id: int, *, raw: Literal[False] = ...) -> LeadPond: ...
    @overload
    async def get_lead_pond(self, pond_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get_lead_pond(self, pond_id: int, *, raw: bool = False) -> LeadPond | dict[str, Any]:
        """``GET /team-features/lead-pond/{id}``: one lead pond."""
        data = await self._request("GET", self._path("/team-features/lead-pond/{}", pond_id))
        return one(LeadPond, data, "leadPond", raw=raw)

    @overload
    async def lead_ponds(self, *, raw: Literal[False] = ...) -> list[LeadPond]: ...
    @overload
    async def lead_ponds(self, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def lead_ponds(self, *, raw: bool = False) -> list[LeadPond] | list[dict[str, Any]]:
        """``GET /team-features/lead-ponds``: every lead pond."""
        data = await self._request("GET", "/team-features/lead-ponds")
        return many(LeadPond, data, "leadPonds", "data", raw=raw)

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
    async def custom_fields(self, *, raw: bool = False) -> list[CustomAttribute] | list[dict[str, Any]]:
        """``GET /teamFeatures/listCustomField``: the team's custom fields."""
        data = await self._request("GET", "/teamFeatures/listCustomField")
        return many(CustomAttribute, data, "customFields", "data", raw=raw)

    @overload
    async def tags(self, *, raw: Literal[False] = ...) -> list[Tag]: ...
    @overload
    async def tags(self, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def tags(self, *, raw: bool = False) -> list[Tag] | list[dict[str, Any]]:
        """``GET /teamFeatures/listTag``: the team's existing tags."""
        data = await self._request("GET", "/teamFeatures/listTag")
        return many(Tag, data, "tags", "data", raw=raw)


class Accounts(LoftyResource):
    """``client.accounts`` (5.10): agent accounts."""

    @overload
    async def create(self, account: Body, *, raw: Literal[False] = ...) -> Account: ...
    @overload
    async def create(self, account: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def create(self, account: Body, *, raw: bool = False) -> Account | dict[str, Any]:
        """``POST /agent``: create an account (AccountRequest)."""
        data = await self._request(
            "POST", "/agent", json=require_non_empty(account, name="account")
        )
        return one(Account, data, "account", raw=raw)

    @overload
    async def update(self, account: Body, *, raw: Literal[False] = ...) -> Account: ...
    @overload
    async def update(self, account: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def update(self, account: Body, *, raw: bool = False) -> Account | dict[str, Any]:
        """``PUT /agent``: edit an account (AccountRequest with ``teamMemberUserId``)."""
        data = await self._request("PUT", "/agent", json=require_non_empty(account, name="account"))
        return one(Account, data, "account", raw=raw)


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
            parse=parser(VendorInfo, raw), resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def token_info_by_old_api_key(self, *, raw: Literal[False] = ...) -> OauthTokenInfo: ...
    @overload
    async def token_info_by_old_api_key(self, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def token_info_by_old_api_key(self, *, raw: bool = False) -> OauthTokenInfo | dict[str, Any]:
        """``GET /vendor/oauth/token-info/byold``: OAuth token info for the (old) API key
        this client authenticates with."""
        data = await self._request("GET", "/vendor/oauth/token-info/byold")
        return one(OauthTokenInfo, data, "data", raw=raw)

    def __str__(self) -> str:
        return "lofty"


class Webhooks(LoftyResource):
    """``client.webhooks`` (5.12). ``listId``: 1 agent list, 2 lead information,
    3 lead activity, 4 listing alert."""

    @overload
    async def create(self, webhook: Body, *, raw: Literal[False] = ...) -> Webhook: ...
    @overload
    async def create(self, webhook: Body, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def create(self, webhook: Body, *, raw: bool = False) -> Webhook | dict[str, Any]:
        """``POST /webhook``: subscribe (WebhookRequest: ``callbackUrl``, ``listId``,
        ``limit`` per 30 minutes, at most 5000)."""
        data = await self._request(
            "POST", "/webhook", json=require_non_empty(webhook, name="webhook")
        )
        return one(Webhook, data, "webhook", raw=raw)

    async def delete(self, subscribe_id: int) -> Any:
        """``DELETE /webhook/{subscribeId}``."""
        return await self._request("DELETE", self._path("/webhook/{}", subscribe_id))

    @overload
    def list(
        self, *, resume_from: Mapping[str, Any] | None = None, raw: Literal[False] = ...
    ) -> AsyncPager[Webhook]: ...
    @overload
    def list(
        self, *, resume_from: Mapping[str, Any] | None = None, raw: Literal[True]
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, *, resume_from: Mapping[str, Any] | None = None, raw: bool = False
    ) -> AsyncPager[Webhook] | AsyncPager[dict[str, Any]]:
        """``GET /webhooks``: every webhook of the current team (one response)."""
        return self._pager(
            "GET", "/webhooks", SinglePage(items=items_in("webhooks", "data")),
            parse=parser(Webhook, raw), resume_from=resume_from,
        )  # fmt: skip


class Organization(LoftyResource):
    """``client.organization`` (5.13): agent organization."""

    @overload
    async def get(self, *, raw: Literal[False] = ...) -> OrganizationInfo: ...
    @overload
    async def get(self, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, *, raw: bool = False) -> OrganizationInfo | dict[str, Any]:
        """``GET /org``: the user's organization (OrganizationInfo)."""
        data = await self._request("GET", "/org")
        return one(OrganizationInfo, data, "data", raw=raw)

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
    async def permission_profiles(self, *, raw: Literal[False] = ...) -> list[PermissionProfile]: ...
    @overload
    async def permission_profiles(self, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def permission_profiles(self, *, raw: bool = False) -> list[PermissionProfile] | list[dict[str, Any]]:
        """``GET /org/permission/profiles``: permission profiles."""
        data = await self._request("GET", "/org/permission/profiles")
        return many(PermissionProfile, data, "data", "profiles", raw=raw)


class Broker(LoftyResource):
    """``client.broker`` (5.14): teams under a broker account."""

    async def create_team(self, team: Body) -> Any:
        """``POST /broker/team``: create a team (BrokerTeam: ``teamName``, admin
        ``email``/``firstName``/``lastName``/``phone``, ``seatLimit``)."""
        return await self._request(
            "POST", "/broker/team", json=require_non_empty(team, name="team")
        )

    async def remove_team(self, team_id: int) -> Any:
        """``DELETE /broker/team/{id}``."""
        return await self._request("DELETE", self._path("/broker/team/{}", team_id))


class Listings(LoftyResource):
    """``client.listings`` (5.15)."""

    async def published(self, type: str | None = None) -> str:
        """``GET /getPublishedListings``: published listings as XML text (``type`` is
        LuxVT, AptCom or AllOnMarket)."""
        data = await self._request(
            "GET", "/getPublishedListings", params={"type": type},
            headers={"Accept": "application/xml"},
        )  # fmt: skip
        return data if isinstance(data, str) else str(data)

    @overload
    def list(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Listing]: ...
    @overload
    def list(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Listing] | AsyncPager[dict[str, Any]]:
        """``GET /listing``: listings (of ``user_id``), following ``nextPageKey`` until
        Lofty returns none."""
        return self._listings(
            locals(), NextPageKey(items=items_in("listings", "data"), size=limit), resume_from, raw
        )

    @overload
    def list_sold(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Listing]: ...
    @overload
    def list_sold(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list_sold(
        self,
        *,
        agent_listings: bool | None = None,
        building_address: str | None = None,
        building_name: str | None = None,
        listing_id: str | None = None,
        mls_listing_ids: str | None = None,
        office_listings: bool | None = None,
        show_condition: bool | None = None,
        sold_listing_id: str | None = None,
        street: str | None = None,
        user_id: int | None = None,
        limit: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Listing] | AsyncPager[dict[str, Any]]:
        """``GET /listing``, sold listings: items under ``soldListings``, following
        ``soldNextPageKey`` (sent back as the ``soldNextPageKey`` parameter)."""
        strategy = NextPageKey(
            items=items_in("soldListings"),
            token_path=("soldNextPageKey",),
            token_param="soldNextPageKey",
            size=limit,
        )
        return self._listings(locals(), strategy, resume_from, raw)

    def _listings(
        self,
        args: Mapping[str, Any],
        strategy: NextPageKey,
        resume_from: Mapping[str, Any] | None,
        raw: bool,
    ) -> AsyncPager[Listing]:
        params = {
            "agentListings": args["agent_listings"],
            "buildingAddress": args["building_address"],
            "buildingName": args["building_name"],
            "listingId": args["listing_id"],
            "mlsListingIds": args["mls_listing_ids"],
            "officeListings": args["office_listings"],
            "showCondition": args["show_condition"],
            "soldListingId": args["sold_listing_id"],
            "street": args["street"],
            "userId": args["user_id"],
        }
        return self._pager(
            "GET", "/listing", strategy, params=params, parse=parser(Listing, raw),
            resume_from=resume_from,
        )  # fmt: skip


class Opportunities(LoftyResource):
    """``client.opportunities`` (5.17)."""

    async def send_notification(self, notification: Body) -> Any:
        """``POST /agent/send-notification``: send an opportunity notification
        (OpportunityNotificationRequest: ``leadId``, ``message``, ``notificationType``,
        ``description`` and ``link`` together)."""
        return await self._request(
            "POST", "/agent/send-notification",
            json=require_non_empty(notification, name="notification"),
        )  # fmt: skip


class SystemLogs(LoftyResource):
    """``client.system_logs`` (5.18)."""

    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        start_time: int | _dt.datetime | None = None,
        end_time: int | _dt.datetime | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[SystemLog]: ...
    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        start_time: int | _dt.datetime | None = None,
        end_time: int | _dt.datetime | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        lead_id: int | None = None,
        start_time: int | _dt.datetime | None = None,
        end_time: int | _dt.datetime | None = None,
        page_size: int = 100,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[SystemLog] | AsyncPager[dict[str, Any]]:
        """``GET /systemLogs``: a lead's system logs between ``start_time`` and
        ``end_time`` (datetimes or epoch ms), ``pageNumber`` from 0 with ``pageSize``,
        until a short page."""
        return self._pager(
            "GET", "/systemLogs",
            PageNumber(items=items_in("data", "systemLogs"), page_size=page_size, first_page=0),
            params={"leadId": lead_id, "startTime": epoch_ms(start_time),
                    "endTime": epoch_ms(end_time)},
            parse=parser(SystemLog, raw), resume_from=resume_from,
        )  # fmt: skip
