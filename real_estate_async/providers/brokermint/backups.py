"""Transaction backups: the account-wide list and the latest backup of one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, overload

from ...pagination import AsyncPager
from ._resource import DEFAULT_COUNT, BrokermintResource
from ._wire import SinceValue, csv_param, since_param
from .models import Backup, BackupLink

__all__ = ["Backups"]


class Backups(BrokermintResource):
    def _filters(
        self, completed_since: SinceValue | None, exclude_backup_ids: Iterable[int] | str | None
    ) -> dict[str, Any]:
        return {
            "completed_since": since_param(completed_since, "completed_since"),
            "exclude_backup_ids": csv_param(exclude_backup_ids, "exclude_backup_ids"),
        }

    @overload
    def list(
        self,
        *,
        completed_since: SinceValue | None = None,
        exclude_backup_ids: Iterable[int] | str | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Backup]: ...
    @overload
    def list(
        self,
        *,
        completed_since: SinceValue | None = None,
        exclude_backup_ids: Iterable[int] | str | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list(
        self,
        *,
        completed_since: SinceValue | None = None,
        exclude_backup_ids: Iterable[int] | str | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Backup] | AsyncPager[dict[str, Any]]:
        """``GET /backups``: completed backups, paged by ``count`` + ``starting_from_id``.

        ``exclude_backup_ids`` (ids already downloaded) is sent as ``23,44,67``. Each
        ``link`` expires 30 minutes after it was issued.
        """
        return self._keyset(
            "/backups",
            Backup,
            params=self._filters(completed_since, exclude_backup_ids),
            count=count,
            resume_from=resume_from,
            raw=raw,
        )

    @overload
    def list_for_transaction(
        self,
        transaction_id: int,
        *,
        completed_since: SinceValue | None = None,
        exclude_backup_ids: Iterable[int] | str | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[False] = ...,
    ) -> AsyncPager[Backup]: ...
    @overload
    def list_for_transaction(
        self,
        transaction_id: int,
        *,
        completed_since: SinceValue | None = None,
        exclude_backup_ids: Iterable[int] | str | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: Literal[True],
    ) -> AsyncPager[dict[str, Any]]: ...
    def list_for_transaction(
        self,
        transaction_id: int,
        *,
        completed_since: SinceValue | None = None,
        exclude_backup_ids: Iterable[int] | str | None = None,
        count: int = DEFAULT_COUNT,
        resume_from: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> AsyncPager[Backup] | AsyncPager[dict[str, Any]]:
        """``GET /transactions/{id}/backups`` (vendor's wider API), keyset pages."""
        path = self._path("/transactions/{}/backups", transaction_id, names=("transaction_id",))
        return self._keyset(
            path,
            Backup,
            params=self._filters(completed_since, exclude_backup_ids),
            count=count,
            resume_from=resume_from,
            raw=raw,
        )

    @overload
    async def get(self, transaction_id: int, *, raw: Literal[False] = ...) -> BackupLink: ...
    @overload
    async def get(self, transaction_id: int, *, raw: Literal[True]) -> dict[str, Any]: ...
    async def get(self, transaction_id: int, *, raw: bool = False) -> BackupLink | dict[str, Any]:
        """``GET /transactions/{id}/backup``: the latest backup's download link (valid 30
        minutes). :class:`NotFoundError` when the transaction has no backup file."""
        path = self._path("/transactions/{}/backup", transaction_id, names=("transaction_id",))
        return self._one(BackupLink, await self._request("GET", path), raw=raw)
