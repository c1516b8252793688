"""A minimal vendor client over the core, for testing the core without any real vendor."""

from __future__ import annotations

from typing import Any

from real_estate_async import AuthenticationError, RetryPolicy
from real_estate_async._params import QueryPairs
from real_estate_async.providers.base import ProviderClient
from real_estate_async.ratelimit import HeaderWindow

FAST_RETRIES = RetryPolicy(backoff_base=0.001, backoff_cap=0.01)


class ToyClient(ProviderClient):
    vendor_name = "toy"
    env_prefix = "TOY"
    default_base_url = "http://127.0.0.1:9/v1"
    error_overrides = {(404, "INVALID_API_KEY"): AuthenticationError}

    def __init__(
        self, api_key: str = "toy-secret-key", *, in_query: bool = False, **kw: Any
    ) -> None:
        kw.setdefault("retry_policy", FAST_RETRIES)
        super().__init__(credential=api_key, **kw)
        self.in_query = in_query

    def _auth_headers(self) -> dict[str, str]:
        return {} if self.in_query else {"Authorization": f"token {self._credential}"}

    def _auth_query(self) -> QueryPairs:
        return [("api_key", self._credential)] if self.in_query else []


class HeaderToyClient(ToyClient):
    """Announces its limits the way Lofty does."""

    vendor_name = "toy-headers"
    rate_limit_headers = (
        HeaderWindow("X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Limit"),
    )
