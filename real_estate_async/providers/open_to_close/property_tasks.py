"""Tasks of a property."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, overload

from ..._resource import Body
from ._property_resource import PropertyResource
from .models import PropertyTask

__all__ = ["PropertyTasks"]


class PropertyTasks(PropertyResource[PropertyTask]):
    """``client.property_tasks``: ``/properties/{property_id}/tasks[/{task_id}]``.

    The uniform verbs (``list``, ``get``, ``create``, ``update``, ``delete``) take the
    property id first and return :class:`PropertyTask` models (``raw=True`` for dicts); the
    sync SDK's names (``list_property_tasks``, ``create_property_task``,
    ``retrieve_property_task``, ``update_property_task``, ``delete_property_task``)
    return plain dicts as it did. ``list`` and ``create`` are on the base class.
    """

    model = PropertyTask
    sub = "tasks"
    id_name = "task_id"

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
        return await self._get_item(property_id, task_id, raw)

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
        return await self._put_item(property_id, task_id, data, "data", raw)

    async def delete(self, property_id: int, task_id: int) -> dict[str, Any]:
        """``DELETE /properties/{property_id}/tasks/{task_id}``."""
        return await self._delete_item(property_id, task_id)

    # ---------------------------------------------------- the sync SDK's names

    async def list_property_tasks(
        self, property_id: int, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """``GET /properties/{property_id}/tasks`` as the sync SDK: a list of dicts.

        With ``limit``/``offset`` in ``params`` that one page; without them all pages.
        """
        return await self._list_dicts(property_id, params)

    async def create_property_task(self, property_id: int, task_data: Body) -> dict[str, Any]:
        """``POST /properties/{property_id}/tasks``: the created link/object as a dict."""
        return await self._create_dict(property_id, task_data, "task_data")

    async def retrieve_property_task(self, property_id: int, task_id: int) -> dict[str, Any]:
        """``GET /properties/{property_id}/tasks/{task_id}`` as a dict."""
        return await self._get_item(property_id, task_id, True)

    async def update_property_task(
        self, property_id: int, task_id: int, task_data: Body
    ) -> dict[str, Any]:
        """``PUT /properties/{property_id}/tasks/{task_id}``: the updated object as a dict."""
        return await self._put_item(property_id, task_id, task_data, "task_data", True)

    #: ``DELETE /properties/{property_id}/tasks/{task_id}``, as :meth:`delete`.
    delete_property_task = delete
