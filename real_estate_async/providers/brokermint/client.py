"""BrokermintClient: the Brokermint API v1 over the shared request pipeline.

Auth is the ``api_key`` query parameter (redacted from every URL, log line, error and
repr). Limits: 100 requests per 10 s burst and 2000 per hour, followed from the
``X-Brokermint-*`` headers. ``X-Brokermint-Errors-Remaining`` is a failed-request budget
(100 per hour, then the account is locked out): when it is low the client stops retrying
and raises, so a bug in a caller cannot lock the account.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..._client import ProviderClient, RateLimitSpec
from ..._errors import APIStatusError, ConfigurationError
from ..._params import QueryPairs
from ..._retry import RetryPolicy
from ..._session import SessionManager
from ...ratelimit import (
    HeaderWindow,
)
from ...ratelimit.adaptive import int_header
from .backups import Backups
from .checklists import Checklists, Tasks
from .commission_plans import CommissionPlans
from .commissions import Commissions
from .contacts import Contacts
from .document_upload_requests import DocumentUploadRequests
from .incoming_transactions import IncomingTransactions
from .notes import Notes
from .offers import Offers
from .participants import Participants
from .reports import Reports
from .transactions import Transactions
from .users import Users

__all__ = ["BURST_WINDOW", "ERRORS_REMAINING_HEADER", "HOUR_WINDOW", "BrokermintClient"]

ERRORS_REMAINING_HEADER = "X-Brokermint-Errors-Remaining"
BURST_REMAINING_HEADER = "X-Brokermint-Burst-Remaining"
HOUR_REMAINING_HEADER = "X-Brokermint-Hour-Remaining"
HOUR_RESET_HEADER = "X-Brokermint-Hour-Reset"

#: 100 requests per 10 s; no reset header, so a spent (or 429) burst waits 10 s.
BURST_WINDOW = HeaderWindow(
    BURST_REMAINING_HEADER, None, window_seconds=10.0, limit=100, name="brokermint burst"
)
#: 2000 requests per hour; the reset header is in milliseconds.
HOUR_WINDOW = HeaderWindow(
    HOUR_REMAINING_HEADER,
    HOUR_RESET_HEADER,
    reset_unit="ms",
    window_seconds=3600.0,
    limit=2000,
    name="brokermint hour",
)


class BrokermintClient(ProviderClient):
    """Async client for Brokermint API v1.

    ``api_key`` falls back to ``BROKERMINT_API_KEY`` and ``base_url`` to
    ``BROKERMINT_BASE_URL``. ``error_budget_floor``: when ``X-Brokermint-Errors-Remaining``
    is at or below it, failed requests are no longer retried (default 10).
    ``errors_remaining`` is the last value of that header seen by this client.
    """

    vendor_name = "brokermint"
    credential_env = {"api_key": "BROKERMINT_API_KEY"}
    default_base_url = "https://my.brokermint.com/api/v1"
    env_prefix = "BROKERMINT"
    datetime_format = "epoch_ms"
    rate_limit_headers = (BURST_WINDOW, HOUR_WINDOW)
    default_rate_limit = (100, 10.0)

    transactions: Transactions
    contacts: Contacts
    participants: Participants
    users: Users
    commissions: Commissions
    backups: Backups
    documents: DocumentUploadRequests
    document_upload_requests: DocumentUploadRequests
    incoming_transactions: IncomingTransactions
    reports: Reports
    checklists: Checklists
    tasks: Tasks
    notes: Notes
    offers: Offers
    commission_plans: CommissionPlans

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
        error_budget_floor: int = 10,
    ) -> None:
        api_key = self._from_env(api_key=api_key)["api_key"]
        if not api_key:
            env = self.credential_env["api_key"]
            raise ConfigurationError(f"Brokermint needs an API key: pass api_key=... or set {env}")
        if (
            isinstance(error_budget_floor, bool)
            or not isinstance(error_budget_floor, int)
            or error_budget_floor < 0
        ):
            raise ConfigurationError(
                f"error_budget_floor must be an int >= 0, not {error_budget_floor!r}"
            )
        super().__init__(
            credential=api_key,
            base_url=base_url,
            session=session,
            max_retries=max_retries,
            timeout=timeout,
            rate_limit=rate_limit,
            retry_policy=retry_policy,
        )
        self.error_budget_floor = error_budget_floor
        # Shared with with_options() copies (same dict object): one account, one budget.
        self._budget: dict[str, int | None] = {"errors_remaining": None}
        # Paths that answered where the vendor's references disagree (``commissions``):
        # shared with with_options() copies like the budget, one account.
        self._paths: dict[str, str] = {}
        self._bind_resources()

    def _bind_resources(self) -> None:
        self.transactions = Transactions(self)
        self.contacts = Contacts(self)
        self.participants = Participants(self)
        self.users = Users(self)
        self.commissions = Commissions(self)
        self.backups = Backups(self)
        self.documents = self.document_upload_requests = DocumentUploadRequests(self)
        self.incoming_transactions = IncomingTransactions(self)
        self.reports = Reports(self)
        self.checklists = Checklists(self)
        self.tasks = Tasks(self)
        self.notes = Notes(self)
        self.offers = Offers(self)
        self.commission_plans = CommissionPlans(self)

    # ------------------------------------------------------------------ hooks

    def _auth_query(self) -> QueryPairs:
        return [("api_key", self._credential)]

    def _parse_error(self, body: Any) -> tuple[str | int | None, str | None]:
        """``{"error": ..., "status": ...}``; ``status`` may be a number or a string."""
        if not isinstance(body, Mapping):
            return None, None
        status = body.get("status")
        code: str | int | None = None
        if isinstance(status, bool) or status is None or status == "":
            code = None
        elif isinstance(status, (int, float)):
            code = int(status)
        else:
            text = str(status).strip()
            code = int(text) if text.isdigit() else text
        message = _message_of(body.get("error"))
        if message is None:
            message = _message_of(body.get("errors")) or _message_of(body.get("message"))
        return code, message

    def _error_hint(self, error: APIStatusError) -> str | None:
        self._note_budget(error.headers)
        left = self.errors_remaining
        if left is not None and left <= self.error_budget_floor:
            return (
                f"Brokermint failed-request budget low: {left} left this hour; "
                "not retrying so the account is not locked out"
            )
        return None

    def _may_retry(self, status: int, headers: Mapping[str, str]) -> bool:
        self._note_budget(headers)
        left = self.errors_remaining
        return left is None or left > self.error_budget_floor

    # ---------------------------------------------------------- error budget

    @property
    def errors_remaining(self) -> int | None:
        """Last ``X-Brokermint-Errors-Remaining`` seen (``None`` before any)."""
        return self._budget["errors_remaining"]

    def _note_budget(self, headers: Mapping[str, str]) -> None:
        value = int_header(headers.get(ERRORS_REMAINING_HEADER))
        if value is not None:
            self._budget["errors_remaining"] = value

    # ------------------------------------------------------------ rate limits

    def _on_response(self, status: int, headers: Mapping[str, str]) -> None:
        self._note_budget(headers)


def _message_of(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        parts = [f"{k}: {_message_of(v) or ''}".rstrip(": ") for k, v in value.items()]
        return "; ".join(parts) or None
    if isinstance(value, Sequence):
        return "; ".join(m for m in (_message_of(v) for v in value) if m) or None
    return str(value)
