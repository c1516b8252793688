"""BrokermintClient: the Brokermint API v1 over the shared request pipeline.

Auth is the ``api_key`` query parameter (redacted from every URL, log line, error and
repr). Limits: 100 requests per 10 s burst and 2000 per hour, followed from the
``X-Brokermint-*`` headers. ``X-Brokermint-Errors-Remaining`` is a failed-request budget
(100 per hour, then the account is locked out): when it is low the client stops retrying
and raises, so a bug in a caller cannot lock the account.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import aiohttp
from yarl import URL

from ..._errors import APIStatusError, ConfigurationError, RateLimitError
from ..._params import QueryPairs
from ..._redact import scrub
from ..._retry import RetryPolicy, parse_reset
from ..._session import SessionClosedError, SessionManager
from ...ratelimit import (
    AdaptiveRateLimiter,
    CompositeRateLimiter,
    HeaderWindow,
    LocalRateLimiter,
    RateLimiter,
)
from ..base import ProviderClient, RateLimitSpec, _decode, _decode_error_body
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
    default_base_url = "https://my.brokermint.com/api/v1"
    env_prefix = "BROKERMINT"
    datetime_format = "epoch_ms"
    rate_limit_headers = (BURST_WINDOW, HOUR_WINDOW)
    default_rate_limit = (100, 10.0)
    burst_window: ClassVar[HeaderWindow] = BURST_WINDOW
    hour_window: ClassVar[HeaderWindow] = HOUR_WINDOW

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
        api_key = self._env_credential(api_key, "BROKERMINT_API_KEY")
        if not api_key:
            raise ConfigurationError(
                "Brokermint needs an API key: pass api_key=... or set BROKERMINT_API_KEY"
            )
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

    def _status_error(
        self,
        status: int,
        body: Any,
        headers: Mapping[str, str],
        method: str,
        url: str,
        query: QueryPairs,
        request_id: str | None,
    ) -> APIStatusError:
        error = super()._status_error(status, body, headers, method, url, query, request_id)
        if isinstance(error, RateLimitError) and error.retry_after is None:
            error.retry_after = self._reset_wait(status, headers)
        # A vendor may echo the request (api_key included) in its error body.
        error.body = _scrub_deep(error.body, self._secrets())
        return error

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
        value = _header_int(headers, ERRORS_REMAINING_HEADER)
        if value is not None:
            self._budget["errors_remaining"] = value

    # ------------------------------------------------------------ rate limits

    def _reset_wait(self, status: int, headers: Mapping[str, str]) -> float | None:
        """Brokermint's 429 has no Retry-After: wait for the hourly reset only when the
        hour is the spent window, otherwise for the burst window (10 s by default).

        The core would take the hour reset whenever that header is present, which is on
        every response, and so give up on a burst 429 that clears in seconds.
        """
        if status != 429:
            return None
        hour_left = _header_int(headers, HOUR_REMAINING_HEADER)
        if hour_left is not None and hour_left <= 0:
            reset = parse_reset(headers.get(HOUR_RESET_HEADER), unit=self.hour_window.reset_unit)
            return reset if reset is not None else self.hour_window.window_seconds
        return self.burst_window.window_seconds

    def _build_limiter(self) -> RateLimiter | None:
        spec = self._rate_limit
        if isinstance(spec, RateLimiter):
            return spec
        parts: list[RateLimiter] = []
        rate = spec or self._default_limit()
        if rate is not None:
            parts.append(LocalRateLimiter(int(rate[0]), float(rate[1])))
        parts.append(
            _WindowGate(AdaptiveRateLimiter((self.burst_window,)), self.burst_window, burst=True)
        )
        parts.append(
            _WindowGate(AdaptiveRateLimiter((self.hour_window,)), self.hour_window, burst=False)
        )
        return CompositeRateLimiter(parts)

    @property
    def limiter(self) -> RateLimiter:
        """This credential's limiter, watched for the error-budget header."""
        return _BudgetWatch(super().limiter, self)

    # ------------------------------------------------------------- multipart

    async def _post_multipart(self, path: str, form: aiohttp.FormData) -> Any:
        """One multipart POST (not retried: POST is not idempotent) through auth, limiter,
        error mapping and redaction. The core pipeline only sends JSON bodies."""
        if self._closed or self._session_manager.closed:
            raise SessionClosedError(f"this {type(self).__name__} is closed; make a new one")
        url = self._url(path)
        query = self._auth_query()
        session = self._session_manager.session()
        limiter = self.limiter
        await limiter.acquire(max_wait=self.retry_policy.max_wait)
        self.stats["requests"] += 1
        started = time.monotonic()
        try:
            async with session.post(
                URL(url, encoded=True),
                params=query,
                data=form,
                headers={"Accept": "application/json"},
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                allow_redirects=False,
            ) as resp:
                raw = await resp.read()
                status, headers = resp.status, resp.headers
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            await limiter.feedback(0, {})
            self._log("POST", url, query, None, started, 0, exc)
            timed_out = isinstance(exc, asyncio.TimeoutError)
            raise self._connection_error(exc, "POST", url, query, timed_out) from None
        await limiter.feedback(status, headers)
        self._log("POST", url, query, status, started, 0, None)
        if status < 400:
            return _decode(raw, status)
        raise self._status_error(status, _decode_error_body(raw), headers, "POST", url, query, None)


class _WindowGate:
    """One Brokermint window's adaptive limiter, told about a 429 only when that window
    caused it: a burst 429 must not park every caller until the hourly reset."""

    def __init__(self, inner: AdaptiveRateLimiter, window: HeaderWindow, *, burst: bool) -> None:
        self.inner = inner
        self.window = window
        self.burst = burst

    async def acquire(self, *, max_wait: float | None = None) -> None:
        await self.inner.acquire(max_wait=max_wait)

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        if status == 429 and not self._caused_429(headers):
            status = 200
        await self.inner.feedback(status, headers)

    def _caused_429(self, headers: Mapping[str, str]) -> bool:
        hour_left = _header_int(headers, HOUR_REMAINING_HEADER)
        burst_left = _header_int(headers, BURST_REMAINING_HEADER)
        hour_spent = hour_left is not None and hour_left <= 0
        if self.burst:
            # Documented default: a 429 waits for the burst window unless the hour is the
            # one that is spent while the burst still has room.
            return not (hour_spent and burst_left is not None and burst_left > 0)
        return hour_spent

    def __repr__(self) -> str:
        return f"_WindowGate({self.window.name})"


class _BudgetWatch:
    """Passes through to the real limiter and records the error budget of every response."""

    def __init__(self, inner: RateLimiter, client: BrokermintClient) -> None:
        self.inner = inner
        self.client = client

    async def acquire(self, *, max_wait: float | None = None) -> None:
        await self.inner.acquire(max_wait=max_wait)

    async def feedback(self, status: int, headers: Mapping[str, str]) -> None:
        self.client._note_budget(headers)
        await self.inner.feedback(status, headers)


def _header_int(headers: Mapping[str, str], name: str) -> int | None:
    value = headers.get(name)
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


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


def _scrub_deep(value: Any, secrets: tuple[str | None, ...]) -> Any:
    if isinstance(value, str):
        return scrub(value, secrets)
    if isinstance(value, Mapping):
        return {k: _scrub_deep(v, secrets) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub_deep(v, secrets) for v in value]
    return value
