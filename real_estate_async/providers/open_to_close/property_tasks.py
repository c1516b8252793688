"""Tasks of a property."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..base import Body
from ._resource import PropertySubResource
from .models import PropertyTask

__all__ = ["PropertyTasks"]

_DictList = list[dict[str, Any]]


class PropertyTasks(PropertySubResource[PropertyTask]):
    """``client.property_tasks``: ``/properties/{property_id}/tasks[/{task_id}]``.

    The sync SDK's names (``list_property_tasks``, ``create_property_task``, ``retrieve_property_task``,
    ``update_property_task``, ``delete_property_task``) return plain dicts as it did; the uniform
    verbs (``list``, ``get``, ``create``, ``update``, ``delete``) take the property id first
    and return :class:`PropertyTask` models (``raw=True`` for dicts).
    """

    model = PropertyTask
    sub = "tasks"
    id_name = "task_id"

    # ------------------------------- uniform verbs (list and create: on the base class)

    @overload
    async def get(
        self, property_id: int, task_id: int, *, raw: Literal[False] = ...
    ) -> PropertyTask: ...
    @overload
    async def get(
        self, property_id: int, task_id: int, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def get(
        self, property_id: int, task_id: int, *, raw: bool = False
    ) -> PropertyTask | dict[str, Any]:
        """``GET /properties/{property_id}/tasks/{task_id}``."""
        return await self._get(self._item(property_id, task_id), raw)

    @overload
    async def update(
        self, property_id: int, task_id: int, data: Body, *, raw: Literal[False] = ...
    ) -> PropertyTask: ...
    @overload
    async def update(
        self, property_id: int, task_id: int, data: Body, *, raw: Literal[True]
    ) -> dict[str, Any]: ...
    async def update(
        self, property_id: int, task_id: int, data: Body, *, raw: bool = False
    ) -> PropertyTask | dict[str, Any]:
        """``PUT /properties/{property_id}/tasks/{task_id}``."""
        return await self._send_body("PUT", self._item(property_id, task_id), data, "data", raw)

    async def delete(self, property_id: int, task_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/tasks/{task_id}``."""
        return await self._delete(self._item(property_id, task_id))

    # ---------------------------------------------------- the sync SDK's names

    async def list_property_tasks(
        self, property_id: int, params: Mapping[str, Any] | None = None
    ) -> _DictList:
        """``GET /properties/{property_id}/tasks`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._seed_list(self._collection(property_id), params)

    async def create_property_task(self, property_id: int, task_data: Body) -> dict[str, Any]:
        """``POST /properties/{property_id}/tasks``: the created link/object as a dict."""
        return await self._send_body(
            "POST", self._collection(property_id), task_data, "task_data", True
        )

    async def retrieve_property_task(self, property_id: int, task_id: int) -> dict[str, Any]:
        """``GET /properties/{property_id}/tasks/{task_id}`` as a dict."""
        return await self._get(self._item(property_id, task_id), True)

    async def update_property_task(
        self, property_id: int, task_id: int, task_data: Body
    ) -> dict[str, Any]:
        """``PUT /properties/{property_id}/tasks/{task_id}``: the updated object as a dict."""
        return await self._send_body(
            "PUT", self._item(property_id, task_id), task_data, "task_data", True
        )

    async def delete_property_task(self, property_id: int, task_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/tasks/{task_id}``."""
        return await self._delete(self._item(property_id, task_id))
