"""``LoftyClient``: auth, limits and error mapping for the Lofty API v1.0 (seed 002)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any, ClassVar, overload

from ..._errors import APIStatusError, AuthenticationError, ConfigurationError, RateLimitError
from ..._params import QueryPairs
from ..._redact import SECRET_PARAMS
from ..._retry import parse_reset
from ..._session import SessionManager
from ...ratelimit import (
    AdaptiveRateLimiter,
    CompositeRateLimiter,
    HeaderWindow,
    LocalRateLimiter,
    RateLimiter,
    limiter_for,
)
from ..base import ProviderClient, RateLimitSpec
from .communication import AgentUsers, Calls, Communication, LogTypes
from .leads import Leads
from .misc import (
    Accounts,
    Broker,
    LeadRouting,
    Listings,
    Opportunities,
    Organization,
    SystemLogs,
    TeamFeatures,
    Vendor,
    Webhooks,
)
from .people import Members, Notes, Tasks

__all__ = ["API_KEY_AS_BEARER_CODE", "LoftyClient"]

#: Lofty's error code for "an API key was sent as an OAuth bearer token".
API_KEY_AS_BEARER_CODE = "200058"

#: Calls per window allowed without a vendor key (seed 002, section 2.1).
NO_VENDOR_KEY_LIMIT: tuple[int, float] = (10, 60.0)

_RESET_HEADER = "X-RateLimit-Reset"


class _VendorSlot:
    """``LoftyClient.vendor`` is ``"lofty"`` (the core's vendor name) on the class and the
    :class:`Vendor` resource (seed section 5.11) on an instance."""

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> str: ...

    @overload
    def __get__(self, obj: LoftyClient, owner: type[Any]) -> Vendor: ...

    def __get__(self, obj: LoftyClient | None, owner: type[Any]) -> str | Vendor:
        if obj is None:
            return "lofty"
        resource: Vendor = obj.__dict__["_vendor_resource"]
        return resource


class LoftyClient(ProviderClient):
    """Async client for the Lofty API v1.0.

    Authenticate with an API key (sent as ``Authorization: token <key>``) or an OAuth
    access token (``Authorization: Bearer <token>``). A ``vendor_key`` is sent as the
    ``vendorKey`` query parameter on every call; without one Lofty allows 10 calls per
    minute per credential, which is the default local limit here (shared by every client on
    that credential in the event loop). With a vendor key the client follows Lofty's
    ``X-RateLimit-*`` headers, plus ``rate_limit`` when you give one.

    Credentials fall back to ``LOFTY_API_KEY``, ``LOFTY_ACCESS_TOKEN`` and
    ``LOFTY_VENDOR_KEY``; the base URL to ``LOFTY_BASE_URL``.
    """

    vendor = _VendorSlot()  # type: ignore[assignment]
    vendor_name: ClassVar[str] = "lofty"
    default_base_url = "https://api.lofty.com/v1.0"
    env_prefix = "LOFTY"
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
        **options: Any,
    ) -> None:
        if api_key is not None and access_token is not None:
            raise ConfigurationError("pass either api_key= or access_token=, not both")
        if api_key is None and access_token is None:
            api_key = self._env_credential(None, "LOFTY_API_KEY")
            if api_key is None:
                access_token = self._env_credential(None, "LOFTY_ACCESS_TOKEN")
        if not api_key and not access_token:
            raise ConfigurationError(
                "Lofty needs a credential: pass api_key= or access_token=, or set "
                "LOFTY_API_KEY or LOFTY_ACCESS_TOKEN"
            )
        self.auth_scheme = "token" if api_key else "Bearer"
        self.vendor_key = self._env_credential(vendor_key, "LOFTY_VENDOR_KEY")
        super().__init__(
            credential=str(api_key or access_token),
            base_url=base_url,
            session=session,
            max_retries=max_retries,
            timeout=timeout,
            rate_limit=rate_limit,
            **options,
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
        self.__dict__["_vendor_resource"] = Vendor(self)
        self.webhooks = Webhooks(self)
        self.organization = Organization(self)
        self.broker = Broker(self)
        self.listings = Listings(self)
        self.log_types = LogTypes(self)
        self.opportunities = Opportunities(self)
        self.system_logs = SystemLogs(self)

    # ------------------------------------------------------------------ vendor hooks

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

    def _error_hint(self, error: APIStatusError) -> str | None:
        if str(error.code) == API_KEY_AS_BEARER_CODE:
            return (
                "Lofty received an API key as an OAuth bearer token: pass it as "
                "LoftyClient(api_key=...) (sent as 'Authorization: token <key>'), "
                "not access_token="
            )
        return None

    def _build_limiter(self) -> RateLimiter | None:
        spec = self._rate_limit
        if isinstance(spec, RateLimiter):
            return spec
        parts: list[RateLimiter] = []
        rate = spec or self._default_limit()
        if rate is not None:
            parts.append(LocalRateLimiter(int(rate[0]), float(rate[1])))
        parts.append(FirstResponseGate(AdaptiveRateLimiter(self.rate_limit_headers)))
        return parts[0] if len(parts) == 1 else CompositeRateLimiter(parts)

    def _status_error(
        self, status: int, body: Any, headers: Mapping[str, str], *args: Any
    ) -> APIStatusError:
        error = super()._status_error(status, body, headers, *args)
        # Lofty's 429 carries X-RateLimit-Reset (UTC epoch seconds), not Retry-After.
        if isinstance(error, RateLimitError) and error.retry_after is None:
            error.retry_after = parse_reset(headers.get(_RESET_HEADER), unit="s")
        return error

    @property
    def limiter(self) -> RateLimiter:
        """This credential's limiter in the running loop (shared by every client using it)."""
        if isinstance(self._rate_limit, RateLimiter):
            return self._rate_limit
        # ``self.vendor`` is the Vendor resource on a LoftyClient, so key on the class name.
        key = (self.vendor_name, self._rate_limit_key(), self._rate_limit or self._default_limit())
        return limiter_for(key, self._build_limiter_always)

    def _build_limiter_always(self) -> RateLimiter:
        limiter = self._build_limiter()
        assert limiter is not None
        return limiter


class FirstResponseGate:
    """Lets one call through until the first response has told the adaptive layer the
    vendor's window (``X-RateLimit-Limit/Remaining/Reset``); the others wait for it.

    Without this, a cold burst of N concurrent calls would all leave before any header
    was seen, and every one beyond the vendor's window would earn a 429. After the first
    response the gate stays open and the wrapped :class:`AdaptiveRateLimiter` counts.
    """

    def __init__(self, inner: AdaptiveRateLimiter) -> None:
        self.inner = inner
        self._primed = False
        self._probe: asyncio.Task[Any] | None = None
        self._opened: asyncio.Event | None = None

    async def acquire(self, *, max_wait: float | None = None) -> None:
        while not self._primed:
            probe = self._probe
            if probe is None or probe.done():
                self._probe = asyncio.current_task()
                if self._probe is not None:
                    self._probe.add_done_callback(self._probe_finished)
                break
            if self._opened is None:
                self._opened = asyncio.Event()
            await self._opened.wait()
        try:
            await self.inner.acquire(max_wait=max_wait)
        except BaseException:
            self._release(primed=self._primed)
            raise

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        await self.inner.feedback(status, headers)
        if not self._primed:
            self._release(primed=status != 0)

    def _probe_finished(self, task: asyncio.Task[Any]) -> None:
        if not self._primed and self._probe is task:
            self._release(primed=False)

    def _release(self, *, primed: bool) -> None:
        self._primed = self._primed or primed
        self._probe = None
        opened, self._opened = self._opened, None
        if opened is not None:
            opened.set()

    def __repr__(self) -> str:
        return f"FirstResponseGate({self.inner!r}, primed={self._primed})"
