"""Lofty tasks and appointments: ``client.tasks``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body, items_in, model_parser
from ...pagination import AsyncPager, SinglePage
from ._resource import LoftyResource
from .models import Appointment, Task

__all__ = ["Tasks"]


class Tasks(LoftyResource):
    """``client.tasks`` (5.8): tasks and appointments."""

    @overload
    async def appointments(
        self, lead_id: int | None = None, *, raw: Literal[False] = ...
    ) -> list[Appointment]: ...
    @overload
    async def appointments(
        self, lead_id: int | None = None, *, raw: Literal[True]
    ) -> list[dict[str, Any]]: ...
    async def appointments(
        self, lead_id: int | None = None, *, raw: bool = False
    ) -> list[Appointment] | list[dict[str, Any]]:
        """``GET /appts``: the appointments of a lead."""
        data = await self._request("GET", "/appts", params={"leadId": lead_id})
        return self._many(
            Appointment, data, "appts", "appointments", "data", unwrap="appt", raw=raw
        )

    async def create(self, task: Body) -> Any:
        """``POST /tasks``: add a task (TaskRequest: ``leadId``, ``content``, ``deadline``
        in epoch ms, ``type``, ``assignedRole``)."""
        return await self._request("POST", "/tasks", json=require_non_empty(task, name="task"))

    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Task]: ...
    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        lead_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Task] | AsyncPager[dict[str, Any]]:
        """``GET /tasks``: a lead's tasks. The Lofty API v1.0 reference (section 5.8)
        documents no paging for this endpoint;
        the Lofty OpenAPI document wraps the list as ``{"taskList": [...]}``
        (TaskListResponse); a bare array or ``{"tasks": [...]}`` is accepted too."""
        return self._pager(
            "GET", "/tasks", SinglePage(items=items_in("taskList", "tasks", "data")),
            params={"leadId": lead_id}, parse=model_parser(Task, raw, "task"),
            resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def get(self, task_id: int, *, raw: Literal[False] = ...) -> Task: ...
    @overload
    async def get(self, task_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, task_id: int, *, raw: bool = False) -> Task | dict[str, Any]:
        """``GET /tasks/{taskId}``: one task."""
        data = await self._request("GET", self._path("/tasks/{}", task_id))
        return self._one(Task, data, "task", raw=raw)

    async def update(self, task_id: int, task: Body) -> Any:
        """``PUT /tasks/{taskId}``: update a task."""
        return await self._request(
            "PUT", self._path("/tasks/{}", task_id), json=require_non_empty(task, name="task")
        )

    async def delete(self, task_id: int) -> Any:
        """``DELETE /tasks/{taskId}``."""
        return await self._request("DELETE", self._path("/tasks/{}", task_id))
