"""Base of the Ovipro resources: each call is an operation of the client's path table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..._resource import Resource

if TYPE_CHECKING:
    from .client import OviproClient


class OviproResource(Resource):
    """An Ovipro resource group; ids are checked UUID strings before they reach a path."""

    _client: OviproClient

    async def _call(
        self,
        operation: str,
        ids: Mapping[str, str] | None = None,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
    ) -> Any:
        """Send ``operation`` (``"agents.get"``) to its path in ``client.paths``."""
        method, template = self._client.paths[operation]
        path = self._path(template, named=ids)
        return await self._request(method, path, params=params, json=json)
