"""Transaction checklists and their tasks (vendor's wider API)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

import aiohttp

from ...pagination import AsyncPager
from ._resource import BrokermintResource
from ._wire import wire_body
from .models import Checklist, Task

__all__ = ["Checklists", "Tasks"]

_TC = ("transaction_id", "checklist_id")
_TCT = ("transaction_id", "checklist_id", "task_id")
_TASKS = "/transactions/{}/checklists/{}/tasks"


class Checklists(BrokermintResource):
    @overload
    def list(self, transaction_id: int, *, raw: Literal[False] = ...) -> AsyncPager[Checklist]: ...
    @overload
    def list(self, transaction_id: int, *, raw: Literal[True]) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, transaction_id: int, *, raw: bool = False
    ) -> AsyncPager[Checklist] | AsyncPager[dict[str, Any]]:
        """``GET /transactions/{id}/checklists``."""
        path = self._path("/transactions/{}/checklists", transaction_id, names=_TC[:1])
        return self._whole(path, Checklist, raw=raw)

    @overload
    async def get(
        self, transaction_id: int, checklist_id: int, *, raw: Literal[False] = ...
    ) -> Checklist: ...
    @overload
    async def get(
        self, transaction_id: int, checklist_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, transaction_id: int, checklist_id: int, *, raw: bool = False
    ) -> Checklist | dict[str, Any]:
        """``GET /transactions/{id}/checklists/{checklist_id}``."""
        path = self._path("/transactions/{}/checklists/{}", transaction_id, checklist_id, names=_TC)
        return self._one(Checklist, await self._request("GET", path), raw=raw)


class Tasks(BrokermintResource):
    """Tasks of a checklist: ``bm.tasks.list(transaction_id, checklist_id)``."""

    @overload
    def list(
        self, transaction_id: int, checklist_id: int, *, raw: Literal[False] = ...
    ) -> AsyncPager[Task]: ...
    @overload
    def list(
        self, transaction_id: int, checklist_id: int, *, raw: Literal[True]
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self, transaction_id: int, checklist_id: int, *, raw: bool = False
    ) -> AsyncPager[Task] | AsyncPager[dict[str, Any]]:
        """``GET /transactions/{id}/checklists/{checklist_id}/tasks``."""
        return self._whole(
            self._path(_TASKS, transaction_id, checklist_id, names=_TC), Task, raw=raw
        )

    @overload
    async def get(
        self, transaction_id: int, checklist_id: int, task_id: int, *, raw: Literal[False] = ...
    ) -> Task: ...
    @overload
    async def get(
        self, transaction_id: int, checklist_id: int, task_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, transaction_id: int, checklist_id: int, task_id: int, *, raw: bool = False
    ) -> Task | dict[str, Any]:
        """``GET .../checklists/{checklist_id}/tasks/{task_id}``."""
        path = self._path(_TASKS + "/{}", transaction_id, checklist_id, task_id, names=_TCT)
        return self._one(Task, await self._request("GET", path), raw=raw)

    @overload
    async def create(
        self,
        transaction_id: int,
        checklist_id: int,
        data: Mapping[str, Any] | Task,
        *,
        raw: Literal[False] = ...,
    ) -> Task: ...
    @overload
    async def create(
        self,
        transaction_id: int,
        checklist_id: int,
        data: Mapping[str, Any] | Task,
        *,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def create(
        self,
        transaction_id: int,
        checklist_id: int,
        data: Mapping[str, Any] | Task,
        *,
        raw: bool = False,
    ) -> Task | dict[str, Any]:
        """``POST .../checklists/{checklist_id}/tasks``: ``name`` required; ``description``,
        ``document_required``, ``done``, ``deadline`` (datetime -> ms) optional."""
        body = wire_body(data)
        if not body.get("name"):
            raise ValueError("a task needs a 'name'")
        path = self._path(_TASKS, transaction_id, checklist_id, names=_TC)
        return self._one(Task, await self._request("POST", path, json=body), raw=raw)

    @overload
    async def update(
        self,
        transaction_id: int,
        checklist_id: int,
        task_id: int,
        data: Mapping[str, Any] | Task,
        *,
        raw: Literal[False] = ...,
    ) -> Task: ...
    @overload
    async def update(
        self,
        transaction_id: int,
        checklist_id: int,
        task_id: int,
        data: Mapping[str, Any] | Task,
        *,
        raw: Literal[True],
    ) -> dict[str, Any]: ...
    async def update(
        self,
        transaction_id: int,
        checklist_id: int,
        task_id: int,
        data: Mapping[str, Any] | Task,
        *,
        raw: bool = False,
    ) -> Task | dict[str, Any]:
        """``PUT .../checklists/{checklist_id}/tasks/{task_id}``: a full task (``name``
        required by the vendor); fields omitted may be reset."""
        body = wire_body(data)
        if not body.get("name"):
            raise ValueError("a task update needs its 'name' (Brokermint requires it)")
        path = self._path(_TASKS + "/{}", transaction_id, checklist_id, task_id, names=_TCT)
        return self._one(Task, await self._request("PUT", path, json=body), raw=raw)

    async def submit_document(
        self,
        transaction_id: int,
        checklist_id: int,
        task_id: int,
        content: bytes,
        *,
        filename: str,
        content_type: str = "application/octet-stream",
        field_name: str = "file",
    ) -> Any:
        """``POST .../tasks/{task_id}/submit_document``: upload a file (multipart) for
        review. Not retried (a POST). For a file already at a public URL, use
        ``bm.documents.create(transaction_id, {"task_id": ..., "path": url, ...})``."""
        if not isinstance(content, (bytes, bytearray)) or not content:
            raise ValueError("content must be non-empty bytes")
        if not filename:
            raise ValueError("filename is required")
        path = self._path(
            _TASKS + "/{}/submit_document", transaction_id, checklist_id, task_id, names=_TCT
        )
        payload = bytes(content)

        def form() -> aiohttp.FormData:
            data = aiohttp.FormData()
            data.add_field(field_name, payload, filename=filename, content_type=content_type)
            return data

        return await self._client.request("POST", path, form=form)

    async def comment(self, transaction_id: int, checklist_id: int, task_id: int, text: str) -> Any:
        """``POST .../tasks/{task_id}/add_comment``: ``{"text": ...}``."""
        if not isinstance(text, str) or not text.strip():
            raise ValueError("text must be a non-empty string")
        path = self._path(
            _TASKS + "/{}/add_comment", transaction_id, checklist_id, task_id, names=_TCT
        )
        return await self._request("POST", path, json={"text": text})
