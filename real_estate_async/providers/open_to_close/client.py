"""OpenToCloseClient: the Open To Close API over the shared core."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..._client import ProviderClient, RateLimitSpec
from ..._errors import ConfigurationError
from ..._params import QueryPairs
from ..._retry import RetryPolicy
from ..._session import SessionManager
from .._error_body import field_errors
from .agents import Agents
from .contacts import Contacts
from .properties import Properties
from .property_contacts import PropertyContacts
from .property_documents import PropertyDocuments
from .property_emails import PropertyEmails
from .property_fields import PropertyFields
from .property_notes import PropertyNotes
from .property_tasks import PropertyTasks
from .tags import Tags
from .teams import Teams
from .users import Users

__all__ = ["OpenToCloseClient"]


class OpenToCloseClient(ProviderClient):
    """Async client for the Open To Close API (``https://api.opentoclose.com/v1``).

    The API key travels as the ``api_token`` query parameter; it is redacted from every
    URL, error, log line and repr. Without ``api_key`` the ``OPEN_TO_CLOSE_API_KEY``
    environment variable is used (``OPEN_TO_CLOSE_BASE_URL`` overrides the base URL).

    Resources keep the sync SDK's method names (``client.agents.list_agents()``,
    ``retrieve_agent(id)`` ...) next to the uniform verbs (``list`` -> ``AsyncPager``,
    ``get``, ``create``, ``update``, ``delete``).
    """

    vendor_name = "open_to_close"
    credential_env = {"api_key": "OPEN_TO_CLOSE_API_KEY"}
    default_base_url = "https://api.opentoclose.com/v1"
    env_prefix = "OPEN_TO_CLOSE"
    datetime_format = "iso"
    default_rate_limit = None  # undocumented; pass rate_limit=(calls, seconds) to cap it

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        session: SessionManager | None = None,
        max_retries: int = 3,
        timeout: float = 30.0,
        rate_limit: RateLimitSpec = None,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        api_key = self._from_env(api_key=api_key)["api_key"]
        if not api_key:
            env = self.credential_env["api_key"]
            raise ConfigurationError(
                f"Open To Close needs an API key: pass api_key=... or set {env}"
            )
        if not isinstance(api_key, str):
            raise ConfigurationError(f"api_key must be a str, not {type(api_key).__name__}")
        super().__init__(
            credential=api_key,
            base_url=base_url,
            session=session,
            max_retries=max_retries,
            timeout=timeout,
            rate_limit=rate_limit,
            retry_policy=retry_policy,
        )
        self._bind_resources()

    def _bind_resources(self) -> None:
        self.agents = Agents(self)
        self.contacts = Contacts(self)
        self.properties = Properties(self)
        self.teams = Teams(self)
        self.tags = Tags(self)
        self.users = Users(self)
        self.property_contacts = PropertyContacts(self)
        self.property_documents = PropertyDocuments(self)
        self.property_emails = PropertyEmails(self)
        self.property_notes = PropertyNotes(self)
        self.property_tasks = PropertyTasks(self)
        self.property_fields = PropertyFields(self)

    # ------------------------------------------------------------------ hooks

    def _auth_query(self) -> QueryPairs:
        return [("api_token", self._credential)]

    def _parse_error(self, body: Any) -> tuple[str | int | None, str | None]:
        """Open To Close error bodies vary: ``{"message"}``, ``{"error": "..."}``,
        ``{"error": {"message", "code"}}``, ``{"detail"}`` or ``{"errors": {field: [..]}}``;
        the vendor's own words are kept, field errors appended."""
        if not isinstance(body, Mapping):
            return None, None
        code: Any = body.get("code") or body.get("error_code") or body.get("errorCode")
        message: Any = body.get("message") or body.get("detail")
        error = body.get("error")
        if isinstance(error, Mapping):
            message = message or error.get("message")
            code = code or error.get("code")
        elif isinstance(error, str) and error:
            message = f"{error}: {message}" if message and message != error else error
        details = field_errors(body.get("errors"))
        if details:
            message = f"{message} ({details})" if message else details
        if isinstance(code, (str, int)) and not isinstance(code, bool):
            return code, None if message is None else str(message)
        return None, None if message is None else str(message)
