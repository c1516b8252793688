"""Members (5.6), Notes (5.7), Tasks & Appointments (5.8)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, overload

from ..._params import require_non_empty
from ...models import Model
from ...pagination import AsyncPager, OffsetLimit, SinglePage
from ._common import LoftyResource, items_in, many, one, parser, seq
from .models import Appointment, Member, Note, Task

__all__ = ["Members", "Notes", "Tasks"]

Body = Mapping[str, Any] | Model


class Members(LoftyResource):
    """``client.members`` (5.6): the team's members and users."""

    @overload
    async def me(self, *, raw: Literal[False] = ...) -> Member: ...
    @overload
    async def me(self, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def me(self, *, raw: bool = False) -> Member | dict[str, Any]:
        """``GET /me``: the user the credential belongs to."""
        data = await self._request("GET", "/me")
        return one(Member, data, "user", "member", raw=raw)

    @overload
    def list(
        self,
        *,
        group_ids: int | Sequence[int] | None = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Member]: ...
    @overload
    def list(
        self,
        *,
        group_ids: int | Sequence[int] | None = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        group_ids: int | Sequence[int] | None = None,
        limit: int = 100,
        offset: int = 0,
        concurrency: int = 1,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Member] | AsyncPager[dict[str, Any]]:
        """``GET /members``: team members (of ``group_ids``), offset/limit pages until
        ``_metadata.total`` (MemberListResponse)."""
        return self._pager(
            "GET", "/members",
            OffsetLimit(items=items_in("members"), limit=limit, offset=offset,
                        total_path=("_metadata", "total")),
            params={"groupIds": seq(group_ids)}, parse=parser(Member, raw),
            resume_from=resume_from, concurrency=concurrency,
        )  # fmt: skip

    @overload
    async def get_by_account(self, account: str, *, raw: Literal[False] = ...) -> Member: ...
    @overload
    async def get_by_account(self, account: str, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get_by_account(self, account: str, *, raw: bool = False) -> Member | dict[str, Any]:
        """``GET /members/{account}``: a team member by account (email); the email is
        URL-encoded into the path."""
        data = await self._request("GET", self._path("/members/{}", account))
        return one(Member, data, "member", "user", raw=raw)

    @overload
    async def get_user(self, user_id: int, *, raw: Literal[False] = ...) -> Member: ...
    @overload
    async def get_user(self, user_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get_user(self, user_id: int, *, raw: bool = False) -> Member | dict[str, Any]:
        """``GET /users/{userId}``: a user by id (deprecated by Lofty)."""
        data = await self._request("GET", self._path("/users/{}", user_id))
        return one(Member, data, "user", "member", raw=raw)

    async def update_user(self, user_id: int, user: Body) -> Any:
        """``PUT /users/{userId}``: edit a user (UserRequest: ``firstName``, ``email``,
        ``timeZoneId``, ``agentInfo``, ...)."""
        return await self._request(
            "PUT", self._path("/users/{}", user_id), json=require_non_empty(user, name="user")
        )


class Notes(LoftyResource):
    """``client.notes`` (5.7): lead notes."""

    async def create(self, note: Body) -> Any:
        """``POST /notes``: add a note (NoteRequest: ``leadId``, ``content``, ``isPin``)."""
        return await self._request("POST", "/notes", json=require_non_empty(note, name="note"))

    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        include_system_note: bool | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Note]: ...
    @overload
    def list(
        self,
        *,
        lead_id: int | None = None,
        include_system_note: bool | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        lead_id: int | None = None,
        include_system_note: bool | None = None,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Note] | AsyncPager[dict[str, Any]]:
        """``GET /notes``: a lead's notes. The seed documents no paging for this endpoint
        (one response holds them all); a ``{"notes": [...]}`` envelope is accepted too."""
        return self._pager(
            "GET", "/notes", SinglePage(items=items_in("notes", "data")),
            params={"leadId": lead_id, "includeSystemNote": include_system_note},
            parse=parser(Note, raw, "note"), resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def get(self, note_id: int, *, raw: Literal[False] = ...) -> Note: ...
    @overload
    async def get(self, note_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, note_id: int, *, raw: bool = False) -> Note | dict[str, Any]:
        """``GET /notes/{noteId}``: one note."""
        data = await self._request("GET", self._path("/notes/{}", note_id))
        return one(Note, data, "note", raw=raw)

    async def update(self, note_id: int, note: Body) -> Any:
        """``PUT /notes/{noteId}``: edit a note."""
        return await self._request(
            "PUT", self._path("/notes/{}", note_id), json=require_non_empty(note, name="note")
        )

    async def delete(self, note_id: int) -> Any:
        """``DELETE /notes/{noteId}``."""
        return await self._request("DELETE", self._path("/notes/{}", note_id))


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
        return many(Appointment, data, "appts", "appointments", "data", unwrap_key="appt", raw=raw)

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
        """``GET /tasks``: a lead's tasks. The seed documents no paging for this endpoint;
        a bare array or a ``{"tasks": [...]}`` envelope is accepted."""
        return self._pager(
            "GET", "/tasks", SinglePage(items=items_in("tasks", "data")),
            params={"leadId": lead_id}, parse=parser(Task, raw, "task"),
            resume_from=resume_from,
        )  # fmt: skip

    @overload
    async def get(self, task_id: int, *, raw: Literal[False] = ...) -> Task: ...
    @overload
    async def get(self, task_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, task_id: int, *, raw: bool = False) -> Task | dict[str, Any]:
        """``GET /tasks/{taskId}``: one task."""
        data = await self._request("GET", self._path("/tasks/{}", task_id))
        return one(Task, data, "task", raw=raw)

    async def update(self, task_id: int, task: Body) -> Any:
        """``PUT /tasks/{taskId}``: update a task."""
        return await self._request(
            "PUT", self._path("/tasks/{}", task_id), json=require_non_empty(task, name="task")
        )

    async def delete(self, task_id: int) -> Any:
        """``DELETE /tasks/{taskId}``."""
        return await self._request("DELETE", self._path("/tasks/{}", task_id))
