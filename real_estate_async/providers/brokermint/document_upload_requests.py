"""``/transactions/{id}/documents``: document upload requests (create, show status)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ._resource import BrokermintResource
from ._wire import wire_body
from .models import DocumentUploadRequest

__all__ = ["DocumentUploadRequests"]


class DocumentUploadRequests(BrokermintResource):
    @overload
    async def create(
        self,
        transaction_id: int,
        data: Mapping[str, Any] | DocumentUploadRequest,
        *,
        raw: Literal[False] = ...,
    ) -> DocumentUploadRequest: ...
    @overload
    async def create(
        self,
        transaction_id: int,
        data: Mapping[str, Any] | DocumentUploadRequest,
        *,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def create(
        self,
        transaction_id: int,
        data: Mapping[str, Any] | DocumentUploadRequest,
        *,
        raw: bool = False,
    ) -> DocumentUploadRequest | dict[str, Any]:
        """``POST /transactions/{id}/documents``: ask Brokermint to fetch a file.

        ``data``: ``name``, ``path`` (a public URL of the file), ``content_type``
        (vendor default ``text/plain``), optionally ``task_id`` (attach to a checklist
        task). Returns the request with its ``id``; poll :meth:`get` for the status.
        """
        body = wire_body(data)
        if not body.get("path"):
            raise ValueError("a document upload request needs 'path' (a public URL)")
        body.setdefault("transaction_id", transaction_id)
        path = self._path("/transactions/{}/documents", transaction_id, names=("transaction_id",))
        return self._one(
            DocumentUploadRequest, await self._request("POST", path, json=body), raw=raw
        )

    @overload
    async def get(
        self, transaction_id: int, request_id: int, *, raw: Literal[False] = ...
    ) -> DocumentUploadRequest: ...
    @overload
    async def get(
        self, transaction_id: int, request_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, transaction_id: int, request_id: int, *, raw: bool = False
    ) -> DocumentUploadRequest | dict[str, Any]:
        """``GET /transactions/{id}/documents/{request_id}``: ``upload_status`` is
        ``processing`` or ``complete``; :class:`NotFoundError` if there is no such request."""
        path = self._path(
            "/transactions/{}/documents/{}",
            transaction_id,
            request_id,
            names=("transaction_id", "request_id"),
        )
        return self._one(DocumentUploadRequest, await self._request("GET", path), raw=raw)
