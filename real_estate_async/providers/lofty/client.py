"""``LoftyClient``: auth, limits and error mapping for the Lofty API v1.0."""

from __future__ import annotations

from typing import Any, ClassVar

from ..._client import ProviderClient, RateLimitSpec
from ..._errors import APIStatusError, AuthenticationError, ConfigurationError
from ..._params import QueryPairs
from ..._redact import SECRET_PARAMS
from ..._retry import RetryPolicy
from ..._session import SessionManager
from ...ratelimit import HeaderWindow
from .._error_body import code_and_message
from .accounts import Accounts
from .agent_users import AgentUsers
from .agents import Agents
from .ai import AI
from .broker import Broker
from .calendar import Calendar
from .calls import Calls
from .communication import Communication
from .communication_v2 import CommunicationV2
from .lead_routing import LeadRouting
from .leads import Leads
from .listings import Listings
from .log_types import LogTypes
from .members import Members
from .messages import Messages
from .notes import Notes
from .opportunities import Opportunities
from .organization import Organization
from .plan_tasks import PlanTasks
from .sales_agent import SalesAgentResource
from .system_logs import SystemLogs
from .tasks import Tasks
from .tasks_v2 import TasksV2
from .team_features import TeamFeatures
from .transactions_v2 import Transactions
from .vendor import Vendor
from .webhooks import Webhooks
from .working_leads import WorkingLeads

__all__ = ["API_KEY_AS_BEARER_CODE", "LoftyClient"]

#: Lofty's error code for "an API key was sent as an OAuth bearer token".
API_KEY_AS_BEARER_CODE = "200058"

#: Calls per window allowed without a vendor key (Lofty API v1.0 reference, section 2.1).
NO_VENDOR_KEY_LIMIT: tuple[int, float] = (10, 60.0)

_RESET_HEADER = "X-RateLimit-Reset"
#: Paths of the v2.0 operations start with this; the base URL ends with ``V1_SUFFIX``.
V2_PREFIX = "/v2.0/"
V1_SUFFIX = "/v1.0"


class LoftyClient(ProviderClient):
    """Async client for the Lofty API: v1.0, and v2.0 for the newer operations (sent to
    the base URL with its ``/v1.0`` replaced by ``/v2.0``).

    Authenticate with an API key (sent as ``Authorization: token <key>``) or an OAuth
    access token (``Authorization: Bearer <token>``). A ``vendor_key`` is sent as the
    ``vendorKey`` query parameter on every call; without one Lofty allows 10 calls per
    minute per credential, which is the default local limit here (shared by every client on
    that credential in the event loop). With a vendor key the client follows Lofty's
    ``X-RateLimit-*`` headers, plus ``rate_limit`` when you give one.

    Credentials fall back to ``LOFTY_API_KEY``, ``LOFTY_ACCESS_TOKEN`` and
    ``LOFTY_VENDOR_KEY``; the base URL to ``LOFTY_BASE_URL``.
    """

    vendor_name = "lofty"
    default_base_url = "https://api.lofty.com/v1.0"
    env_prefix = "LOFTY"
    credential_env = {
        "api_key": "LOFTY_API_KEY",
        "access_token": "LOFTY_ACCESS_TOKEN",
    }
    option_env = {"vendor_key": "LOFTY_VENDOR_KEY"}
    secret_params = SECRET_PARAMS | {"vendorKey"}
    datetime_format = "epoch_ms"
    error_overrides = {(400, API_KEY_AS_BEARER_CODE): AuthenticationError}
    rate_limit_headers = (
        HeaderWindow(
            "X-RateLimit-Remaining",
            _RESET_HEADER,
            "X-RateLimit-Limit",
            reset_unit="s",
            window_seconds=60.0,
            max_reset_seconds=65.0,
            name="lofty",
        ),
    )
    default_rate_limit: ClassVar[tuple[int, float] | None] = NO_VENDOR_KEY_LIMIT

    def __init__(
        self,
        api_key: str | None = None,
        *,
        access_token: str | None = None,
        vendor_key: str | None = None,
        base_url: str | None = None,
        session: SessionManager | None = None,
        max_retries: int = 3,
        timeout: float = 30.0,
        rate_limit: RateLimitSpec = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        if api_key is not None and access_token is not None:
            raise ConfigurationError("pass either api_key= or access_token=, not both")
        found = self._from_env(api_key=api_key, access_token=access_token, vendor_key=vendor_key)
        api_key, access_token = found["api_key"], found["access_token"]
        if not api_key and not access_token:
            raise ConfigurationError(
                "Lofty needs a credential: pass api_key= or access_token=, or set "
                + " or ".join(self.credential_env.values())
            )
        self.auth_scheme = "token" if api_key else "Bearer"
        self.vendor_key: str | None = found["vendor_key"]
        super().__init__(
            credential=str(api_key or access_token),
            base_url=base_url,
            session=session,
            max_retries=max_retries,
            timeout=timeout,
            rate_limit=rate_limit,
            retry_policy=retry_policy,
        )
        self._bind_resources()

    def _bind_resources(self) -> None:
        self.agent_users = AgentUsers(self)
        self.calls = Calls(self)
        self.communication = Communication(self)
        self.lead_routing = LeadRouting(self)
        self.leads = Leads(self)
        self.members = Members(self)
        self.notes = Notes(self)
        self.tasks = Tasks(self)
        self.team_features = TeamFeatures(self)
        self.accounts = Accounts(self)
        self.vendor = Vendor(self)
        self.webhooks = Webhooks(self)
        self.organization = Organization(self)
        self.broker = Broker(self)
        self.listings = Listings(self)
        self.log_types = LogTypes(self)
        self.opportunities = Opportunities(self)
        self.system_logs = SystemLogs(self)
        # Operations only Lofty's OpenAPI document publishes (v1.0 and v2.0).
        self.agents = Agents(self)
        self.ai = AI(self)
        self.calendar = Calendar(self)
        self.communication_v2 = CommunicationV2(self)
        self.messages = Messages(self)
        self.plan_tasks = PlanTasks(self)
        self.sales_agent = SalesAgentResource(self)
        self.tasks_v2 = TasksV2(self)
        self.transactions = Transactions(self)
        self.working_leads = WorkingLeads(self)

    # ------------------------------------------------------------------ vendor hooks

    def _url(self, path: str) -> str:
        # The newer operations live under /v2.0 beside /v1.0 (Lofty OpenAPI document):
        # their paths carry the prefix and replace the base URL's own version segment.
        url = super()._url(path)  # also refuses an absolute URL as path
        if path.startswith(V2_PREFIX):
            base = self.base_url
            root = base[: -len(V1_SUFFIX)] if base.endswith(V1_SUFFIX) else base
            return root + path
        return url

    def _auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"{self.auth_scheme} {self._credential}"}

    def _auth_query(self) -> QueryPairs:
        return [("vendorKey", self.vendor_key)] if self.vendor_key else []

    def _secrets(self) -> tuple[str | None, ...]:
        return (self._credential, self.vendor_key)

    def _default_limit(self) -> tuple[int, float] | None:
        # Without a vendor key Lofty allows 10 calls a minute; with one, the adaptive layer
        # (X-RateLimit-* headers) governs unless the caller configured a rate.
        return None if self.vendor_key else NO_VENDOR_KEY_LIMIT

    def _parse_error(self, body: Any) -> tuple[str | int | None, str | None]:
        """Lofty answers ``{"code", "message"}`` or, as its ``Result`` model (Lofty API v1.0
        reference, section 6.66), ``{"errorCode", "errorMsg", "errorData"}``: the vendor's
        message either way."""
        return code_and_message(body, ("code", "errorCode"), ("message", "errorMsg", "error"))

    def _error_hint(self, error: APIStatusError) -> str | None:
        if str(error.code) == API_KEY_AS_BEARER_CODE:
            return (
                "Lofty received an API key as an OAuth bearer token: pass it as "
                "LoftyClient(api_key=...) (sent as 'Authorization: token <key>'), "
                "not access_token="
            )
        return None
