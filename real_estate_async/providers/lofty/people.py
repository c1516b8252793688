"""Old home of Members, Notes, Tasks: each now has a module of its own; re-exported
here so that existing imports keep working."""

from __future__ import annotations

from .members import Members
from .notes import Notes
from .tasks import Tasks

__all__ = ["Members", "Notes", "Tasks"]
