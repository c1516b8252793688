"""OviproClient: the Ovipro Agency API over the shared core."""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import uuid
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from ..._client import ProviderClient, RateLimitSpec
from ..._errors import (
    APIStatusError,
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    ServerError,
    ValidationError,
)
from ..._retry import RetryPolicy
from ..._session import SessionManager
from .._error_body import code_and_message
from .paths import Endpoint, resolve_paths
from .resources import Agencies, AgencyOffices, Agents

__all__ = ["DEFAULT_BASE_URL", "OviproClient", "TokenProvider"]

#: Assumed production base URL (the Ovipro Agency API 1.0 document gives none); override
#: with ``base_url=`` or ``OVIPRO_BASE_URL``.
DEFAULT_BASE_URL = "https://api.ovipro.fi/agency/v1"

#: An async callable (or a callable returning an awaitable or a str) giving a fresh JWT.
TokenProvider = Callable[[], Awaitable[str] | str]

_KEEP_TOKENS = 8  # old tokens still scrubbed from messages after a refresh

# The token the current request was sent with (one value per task, so concurrent calls
# that all got a 401 for the same expired token trigger one refresh, not one each).
_sent_token: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "ovipro_sent_token", default=None
)


class _TokenState:
    """The current bearer token, shared by a client and its ``with_options`` copies."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        self.seen: list[str] = [token] if token else []
        self.lock: asyncio.Lock | None = None

    def set(self, token: str) -> None:
        self.token = token
        if token not in self.seen:
            self.seen = [*self.seen[-(_KEEP_TOKENS - 1) :], token]

    def get_lock(self) -> asyncio.Lock:
        if self.lock is None:
            self.lock = asyncio.Lock()
        return self.lock


class OviproClient(ProviderClient):
    """Async client for the Ovipro Agency API 1.0 (bearer JWT).

    Give ``access_token=`` (or ``OVIPRO_ACCESS_TOKEN``) for a fixed token, and/or
    ``token_provider=`` (an async callable returning a token): it is asked on first use and
    once more when a call gets a 401, and the call is then retried with the new token.

    Every HTTP attempt carries a fresh ``Request-ID`` UUID header (the Ovipro Agency API 1.0
    document: "a unique id which identifies the HTTP request", so a retry gets a new one);
    errors carry the ids of all attempts as ``error.request_ids`` and the last as
    ``error.request_id``. URL paths come from one table
    (:data:`~real_estate_async.providers.ovipro.paths.DEFAULT_PATHS`); pass ``paths={...}``
    to override entries.
    """

    vendor_name = "ovipro"
    credential_env = {"access_token": "OVIPRO_ACCESS_TOKEN"}
    default_base_url = DEFAULT_BASE_URL
    env_prefix = "OVIPRO"
    datetime_format = "iso"
    request_id_header = "Request-ID"
    default_rate_limit = None  # undocumented; pass rate_limit=(calls, seconds) to cap it
    #: The Ovipro Agency API 1.0 document's error table ("Error codes"), row by row (others
    #: fall back to the status default).
    error_overrides = {
        (400, "BAD_REQUEST_PARAMETERS"): ValidationError,
        (400, "BAD_REQUEST_BODY"): ValidationError,
        (400, "VALUE_REQUIRED"): ValidationError,
        (400, "INVALID_TYPE"): ValidationError,
        (400, "INVALID_STATUS"): ValidationError,
        (401, "UNAUTHORIZED"): AuthenticationError,
        (404, "INVALID_ID"): NotFoundError,
        (404, "INVALID_API_KEY"): AuthenticationError,
        (415, "UNSUPPORTED_MEDIA_TYPE"): ValidationError,
        (500, "TECHNICAL_ERROR"): ServerError,
    }

    def __init__(
        self,
        access_token: str | None = None,
        *,
        token_provider: TokenProvider | None = None,
        paths: Mapping[str, str] | None = None,
        base_url: str | None = None,
        session: SessionManager | None = None,
        max_retries: int = 3,
        timeout: float = 30.0,
        rate_limit: RateLimitSpec = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        access_token = self._from_env(access_token=access_token)["access_token"]
        if token_provider is not None and not callable(token_provider):
            raise ConfigurationError("token_provider must be an async callable returning a token")
        if access_token is not None and not isinstance(access_token, str):
            raise ConfigurationError(
                f"access_token must be a str, not {type(access_token).__name__}"
            )
        if not access_token and token_provider is None:
            raise ConfigurationError(
                "Ovipro needs a bearer token: pass access_token=..., token_provider=... "
                f"or set {self.credential_env['access_token']}"
            )
        # The core wants a credential up front (limiter key, repr). With only a provider the
        # token is unknown until first use, so a stable non-secret placeholder stands in;
        # it is never sent: _auth_headers always uses the current token.
        credential = access_token or _provider_placeholder(token_provider)
        super().__init__(
            credential=credential,
            base_url=base_url,
            session=session,
            max_retries=max_retries,
            timeout=timeout,
            rate_limit=rate_limit,
            retry_policy=retry_policy,
        )
        self._token_provider = token_provider
        self._tokens = _TokenState(access_token or None)
        self.paths: dict[str, Endpoint] = resolve_paths(paths)
        self._bind_resources()

    def _bind_resources(self) -> None:
        self.agencies = Agencies(self)
        self.agency_offices = AgencyOffices(self)
        self.agents = Agents(self)

    # ------------------------------------------------------------------- auth

    async def _prepare(self) -> None:
        """Make sure a token is at hand: ask the provider on first use."""
        if self._tokens.token is None:
            async with self._tokens.get_lock():
                if self._tokens.token is None:
                    self._tokens.set(await self._ask_provider())

    async def _ask_provider(self) -> str:
        provider = self._token_provider
        if provider is None:  # pragma: no cover - guarded by the constructor
            raise ConfigurationError("no token_provider configured")
        result = provider()
        token = await result if inspect.isawaitable(result) else result
        if not isinstance(token, str) or not token.strip():
            raise ConfigurationError(
                f"token_provider must return a non-empty str, got {type(token).__name__}"
            )
        return token.strip()

    def _auth_headers(self) -> dict[str, str]:
        token = self._tokens.token
        _sent_token.set(token)
        return {"Authorization": f"Bearer {token}"} if token else {}

    async def _refresh_auth(self) -> bool:
        """On a 401: ask the provider once for a new token (or reuse one that a concurrent
        call already fetched). Without a provider there is nothing to refresh."""
        if self._token_provider is None:
            return False
        sent = _sent_token.get()
        async with self._tokens.get_lock():
            if self._tokens.token != sent:
                return self._tokens.token is not None  # refreshed meanwhile: retry with it
            new = await self._ask_provider()
            self._tokens.set(new)
            return new != sent

    def _secrets(self) -> tuple[str | None, ...]:
        return tuple(self._tokens.seen)

    def _new_request_id(self) -> str | None:
        """The per-attempt hook of the core: one new UUID for every HTTP request."""
        return str(uuid.uuid4())

    def _parse_error(self, body: Any) -> tuple[str | int | None, str | None]:
        """``{"errorCode", "message", "errors": [...]}`` (Ovipro Agency API 1.0 document); the
        rows (``field``, ``message``) go into the message, the whole body stays on
        ``error.body``."""
        return code_and_message(body, ("errorCode", "code"), ("message", "error"))

    def _error_hint(self, error: APIStatusError) -> str | None:
        if error.code == "INVALID_API_KEY":
            return "Ovipro rejected the credential: check the access token"
        return None


def _provider_placeholder(provider: Any) -> str:
    """A stable, non-secret stand-in credential for one token provider (limiter key)."""
    owner = getattr(provider, "__self__", None)
    func = getattr(provider, "__func__", provider)
    return f"ovipro-token-provider:{id(owner) if owner is not None else 0:x}:{id(func):x}"
