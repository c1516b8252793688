"""``/incoming_transactions``: push transactions from another system for review."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...models import Model
from ._resource import BrokermintResource
from ._wire import wire_body

__all__ = ["IncomingTransactions"]


class IncomingTransactions(BrokermintResource):
    async def create(
        self, source_id: str, transactions: Sequence[Mapping[str, Any] | Model]
    ) -> Any:
        """``POST /incoming_transactions``: create or update incoming transactions.

        ``source_id`` names the sending system (``"salesforce.com"``), so equal external
        ids from different sources stay apart; each transaction carries its source ``id``.
        Dates may be datetimes (sent as ms timestamps); here ``custom_attributes`` is a
        ``{label: value}`` object. Updates to transactions already accepted or declined are
        ignored by Brokermint. Returns the decoded response.
        """
        if not isinstance(source_id, str) or not source_id.strip():
            raise ValueError("source_id must be a non-empty string")
        if isinstance(transactions, (str, bytes, Mapping)) or not transactions:
            raise ValueError("transactions must be a non-empty list of dicts or models")
        items = [wire_body(t, name="transactions[]") for t in transactions]
        body = {"source_id": source_id, "transactions": items}
        return await self._request("POST", "/incoming_transactions", json=body)
