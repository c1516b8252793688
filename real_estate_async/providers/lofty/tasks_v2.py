"""Lofty v2.0 tasks and appointments: ``client.tasks_v2`` (Lofty OpenAPI document, Tasks
V2)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ..._resource import Body, model_parser
from ...pagination import AsyncPager, LastItemId
from ._resource import LoftyResource, in_range
from ._shapes import list_at, many_at, object_at
from .published_models import TaskV2

__all__ = ["TasksV2"]

#: ``limit`` of ``GET /v2.0/tasks/my-tasks`` ("Page size, 1-100").
MY_TASKS_LIMIT = 100


class TasksV2(LoftyResource):
    """``client.tasks_v2``: v2.0 tasks and appointments (ISO 8601 times with a time zone)."""

    @overload
    async def list(self, lead_id: int, *, raw: Literal[False] = ...) -> list[TaskV2]: ...
    @overload
    async def list(self, lead_id: int, *, raw: Literal[True]) -> list[dict[str, Any]]: ...
    async def list(self, lead_id: int, *, raw: bool = False) -> list[TaskV2] | list[dict[str, Any]]:
        """``GET /v2.0/tasks``: a lead's tasks and appointments (``tasks``, one response)."""
        data = await self._request("GET", "/v2.0/tasks", params={"leadId": lead_id})
        return many_at(TaskV2, data, "tasks", raw=raw)

    @overload
    def my_tasks(
        self,
        *,
        user_id: int | None = None,
        time_zone_code: str | None = None,
        limit: int = MY_TASKS_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[TaskV2]: ...
    @overload
    def my_tasks(
        self,
        *,
        user_id: int | None = None,
        time_zone_code: str | None = None,
        limit: int = MY_TASKS_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def my_tasks(
        self,
        *,
        user_id: int | None = None,
        time_zone_code: str | None = None,
        limit: int = MY_TASKS_LIMIT,
        current_id: int | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[TaskV2] | AsyncPager[dict[str, Any]]:
        """``GET /v2.0/tasks/my-tasks``: tasks assigned to the caller (or ``user_id``),
        newest start first; ``currentId`` = id of the last task of the previous page,
        ``limit`` 1-100, until a short page."""
        strategy = LastItemId(
            items=list_at("tasks"), size=in_range(limit, 1, MY_TASKS_LIMIT, name="limit"),
            start_id=current_id,
        )  # fmt: skip
        return self._pager(
            "GET", "/v2.0/tasks/my-tasks", strategy,
            params={"userId": user_id, "timeZoneCode": time_zone_code},
            parse=model_parser(TaskV2, raw), resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def get(self, task_id: int, *, raw: Literal[False] = ...) -> TaskV2: ...
    @overload
    async def get(self, task_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, task_id: int, *, raw: bool = False) -> TaskV2 | dict[str, Any]:
        """``GET /v2.0/tasks/{taskId}``: one task (``{"task": {...}}`` unwrapped)."""
        data = await self._request("GET", self._path("/v2.0/tasks/{}", task_id))
        return object_at(TaskV2, data, "task", raw=raw)

    async def create(self, task: Body) -> Any:
        """``POST /v2.0/tasks``: add a task or appointment (TaskRequestV2: ``leadId``,
        ``type``, ``content``, ``startAt``, ``timeZoneCode`` ...); answers ``{"taskId"}``."""
        return await self._request("POST", "/v2.0/tasks", json=require_non_empty(task, name="task"))

    async def update(self, task_id: int, task: Body) -> Any:
        """``PUT /v2.0/tasks/{taskId}``: update a task (UpdateTaskRequestV2)."""
        return await self._request(
            "PUT", self._path("/v2.0/tasks/{}", task_id), json=require_non_empty(task, name="task")
        )

    async def delete(self, task_id: int) -> Any:
        """``DELETE /v2.0/tasks/{taskId}``."""
        return await self._request("DELETE", self._path("/v2.0/tasks/{}", task_id))

    async def finish(self, task_id: int) -> Any:
        """``POST /v2.0/tasks/{taskId}/finish``: mark a task finished."""
        return await self._request("POST", self._path("/v2.0/tasks/{}/finish", task_id))

    async def unfinish(self, task_id: int) -> Any:
        """``POST /v2.0/tasks/{taskId}/unfinish``: mark a task not finished."""
        return await self._request("POST", self._path("/v2.0/tasks/{}/unfinish", task_id))
