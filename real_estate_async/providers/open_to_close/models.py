"""Open To Close models.

The vendor speaks snake_case, so wire names equal Python names. Only the fields the sync
SDK documents are typed; everything else the API returns is kept in ``model.extra`` and
comes back from ``model.to_dict()``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ...models import Model, field, model

__all__ = [
    "Agent",
    "Contact",
    "OpenToCloseModel",
    "Property",
    "PropertyContact",
    "PropertyDocument",
    "PropertyEmail",
    "PropertyField",
    "PropertyNote",
    "PropertyTask",
    "Tag",
    "Team",
    "User",
]


@model
class OpenToCloseModel(Model):
    """Base of every Open To Close model (snake_case on the wire)."""

    __wire_case__: ClassVar[str] = "snake"

    id: int | None = field(default=None)


@model
class Agent(OpenToCloseModel):
    """An agent (seed 000: name, email, phone, license_number, team_id, status ...)."""

    name: str | None = field(default=None)
    email: str | None = field(default=None)
    phone: str | None = field(default=None)
    license_number: str | None = field(default=None)
    team_id: int | None = field(default=None)
    status: str | None = field(default=None)
    hire_date: str | None = field(default=None)
    commission_rate: float | None = field(default=None)
    specialties: list[Any] | None = field(default=None)
    bio: str | None = field(default=None)


@model
class Contact(OpenToCloseModel):
    """A contact (client, lead, vendor)."""

    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    name: str | None = field(default=None)
    email: str | None = field(default=None)
    phone: str | None = field(default=None)


@model
class Property(OpenToCloseModel):
    """A property (transaction file). Custom data lives in ``field_values``."""

    title: str | None = field(default=None)
    address: str | None = field(default=None)
    city: str | None = field(default=None)
    state: str | None = field(default=None)
    zip_code: str | None = field(default=None)
    status: str | None = field(default=None)
    created: str | None = field(default=None)
    timezone: str | None = field(default=None)
    field_values: list[Any] | None = field(default=None)


@model
class Team(OpenToCloseModel):
    name: str | None = field(default=None)
    description: str | None = field(default=None)


@model
class Tag(OpenToCloseModel):
    name: str | None = field(default=None)
    color: str | None = field(default=None)


@model
class User(OpenToCloseModel):
    name: str | None = field(default=None)
    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    email: str | None = field(default=None)
    role: str | None = field(default=None)


@model
class PropertyContact(OpenToCloseModel):
    """A contact linked to a property (seed 001: contact_id, role, primary, start_date, notes)."""

    contact_id: int | None = field(default=None)
    role: str | None = field(default=None)
    primary: bool | None = field(default=None)
    start_date: str | None = field(default=None)
    notes: str | None = field(default=None)


@model
class PropertyDocument(OpenToCloseModel):
    name: str | None = field(default=None)
    type: str | None = field(default=None)
    url: str | None = field(default=None)
    description: str | None = field(default=None)
    file_size: int | None = field(default=None)


@model
class PropertyEmail(OpenToCloseModel):
    subject: str | None = field(default=None)
    body: str | None = field(default=None)
    sender: str | None = field(default=None)
    recipient: str | None = field(default=None)


@model
class PropertyNote(OpenToCloseModel):
    title: str | None = field(default=None)
    content: str | None = field(default=None)


@model
class PropertyTask(OpenToCloseModel):
    title: str | None = field(default=None)
    description: str | None = field(default=None)
    due_date: str | None = field(default=None)
    status: str | None = field(default=None)
    assigned_to: int | None = field(default=None)


@model
class PropertyField(OpenToCloseModel):
    """A property field definition (custom field schema)."""

    key: str | None = field(default=None)
    title: str | None = field(default=None)
    type: str | None = field(default=None)
    required: bool | None = field(default=None)
    options: Any = field(default=None)
