"""``/transactions``: list (keyset pages), show, create, update, delete."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, overload

from ...pagination import AsyncPager
from ._resource import DEFAULT_COUNT, RecordResource
from ._wire import (
    SinceValue,
    csv_param,
    flag_param,
    owned_by_param,
    since_param,
    wire_body,
)
from .models import Transaction

__all__ = ["TRANSACTION_MERGE", "Transactions"]

#: PUT replaces these collections when they are omitted or sent partially:
#: ``update(..., merge=True)`` keeps them (custom attributes merged by ``name``,
#: commission items by ``id``).
TRANSACTION_MERGE = {"custom_attributes": "name", "commissions": "id"}


class Transactions(RecordResource[Transaction]):
    model = Transaction
    collection = "/transactions"
    id_name = "transaction_id"
    merge_lists = TRANSACTION_MERGE

    @overload
    def list(
        self,
        *,
        created_since: SinceValue | None = None,
        updated_since: SinceValue | None = None,
        closed_since: SinceValue | None = None,
        owned_by: tuple[str, int | str] | str | None = None,
        statuses: str | Iterable[str] | None = None,
        external_ids: str | Iterable[str] | None = None,
        full_info: bool = False,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Transaction]: ...
    @overload
    def list(
        self,
        *,
        created_since: SinceValue | None = None,
        updated_since: SinceValue | None = None,
        closed_since: SinceValue | None = None,
        owned_by: tuple[str, int | str] | str | None = None,
        statuses: str | Iterable[str] | None = None,
        external_ids: str | Iterable[str] | None = None,
        full_info: bool = False,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        created_since: SinceValue | None = None,
        updated_since: SinceValue | None = None,
        closed_since: SinceValue | None = None,
        owned_by: tuple[str, int | str] | str | None = None,
        statuses: str | Iterable[str] | None = None,
        external_ids: str | Iterable[str] | None = None,
        full_info: bool = False,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Transaction] | AsyncPager[dict[str, Any]]:
        """``GET /transactions``: every transaction, paged by ``count`` + ``starting_from_id``.

        ``*_since`` take a ``datetime`` (sent as a 13-digit ms timestamp), ``date`` or
        ``"YYYY-MM-DD"`` (sent as given); ``owned_by`` takes any ``TYPE-ID``: ``("User", 230)``,
        ``"User-230"``, ``"Account-341"``. ``statuses``
        and ``external_ids`` (vendor's wider API) are sent comma-separated. ``full_info=True``
        sends ``full_info=1``, as the Ruby ``brokermint`` gem's ``TransactionResource#all``
        does, for the full records instead of the short list form. Returns an
        :class:`AsyncPager` at once; ``resume_from=pager.state`` continues a listing.
        """
        params = {
            "created_since": since_param(created_since, "created_since"),
            "updated_since": since_param(updated_since, "updated_since"),
            "closed_since": since_param(closed_since, "closed_since"),
            "owned_by": owned_by_param(owned_by),
            "statuses": csv_param(statuses, "statuses"),
            "external_ids": csv_param(external_ids, "external_ids"),
            "full_info": flag_param(full_info) if full_info else None,
        }
        return self._keyset(
            "/transactions",
            Transaction,
            params=params,
            count=count,
            resume_from=resume_from,
            raw=raw,
        )

    @overload
    async def get(self, transaction_id: int, *, raw: Literal[False] = ...) -> Transaction: ...
    @overload
    async def get(self, transaction_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, transaction_id: int, *, raw: bool = False) -> Transaction | dict[str, Any]:
        """``GET /transactions/{id}``: one transaction."""
        return await self._get_record(transaction_id, raw)

    @overload
    async def create(
        self, data: Mapping[str, Any] | Transaction, *, raw: Literal[False] = ...
    ) -> Transaction: ...
    @overload
    async def create(
        self, data: Mapping[str, Any] | Transaction, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def create(
        self, data: Mapping[str, Any] | Transaction, *, raw: bool = False
    ) -> Transaction | dict[str, Any]:
        """``POST /transactions``: create a transaction (dates may be datetimes)."""
        body = wire_body(data)
        return self._one(
            Transaction, await self._request("POST", "/transactions", json=body), raw=raw
        )

    @overload
    async def update(
        self,
        transaction_id: int,
        data: Mapping[str, Any] | Transaction,
        *,
        merge: bool = False,
        raw: Literal[False] = ...,
    ) -> Transaction: ...
    @overload
    async def update(
        self,
        transaction_id: int,
        data: Mapping[str, Any] | Transaction,
        *,
        merge: bool = False,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def update(
        self,
        transaction_id: int,
        data: Mapping[str, Any] | Transaction,
        *,
        merge: bool = False,
        raw: bool = False,
    ) -> Transaction | dict[str, Any]:
        """``PUT /transactions/{id}``.

        Brokermint's PUT **replaces** collection fields: ``custom_attributes`` is one field
        replaced by the value sent (omitted entries are lost) and so are commission items.
        With ``merge=True`` the client first reads the transaction, keeps every custom
        attribute (by ``name``) and commission item (by ``id``) you did not mention, and
        writes the merged record (one extra GET). ``updated_at``/``created_at`` are
        read-only.
        """
        return await self._update_record(transaction_id, data, merge=merge, raw=raw)

    async def delete(self, transaction_id: int) -> Any:
        """``DELETE /transactions/{id}``."""
        return await self._delete_record(transaction_id)
