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

    id: int | None = field()


@model
class Agent(OpenToCloseModel):
    """An agent (seed 000: name, email, phone, license_number, team_id, status ...)."""

    name: str | None = field()
    email: str | None = field()
    phone: str | None = field()
    license_number: str | None = field()
    team_id: int | None = field()
    status: str | None = field()
    hire_date: str | None = field()
    commission_rate: float | None = field()
    specialties: list[Any] | None = field()
    bio: str | None = field()


@model
class Contact(OpenToCloseModel):
    """A contact (client, lead, vendor)."""

    first_name: str | None = field()
    last_name: str | None = field()
    name: str | None = field()
    email: str | None = field()
    phone: str | None = field()


@model
class Property(OpenToCloseModel):
    """A property (transaction file). Custom data lives in ``field_values``."""

    title: str | None = field()
    address: str | None = field()
    city: str | None = field()
    state: str | None = field()
    zip_code: str | None = field()
    status: str | None = field()
    created: str | None = field()
    timezone: str | None = field()
    field_values: list[Any] | None = field()


@model
class Team(OpenToCloseModel):
    name: str | None = field()
    description: str | None = field()


@model
class Tag(OpenToCloseModel):
    name: str | None = field()
    color: str | None = field()


@model
class User(OpenToCloseModel):
    name: str | None = field()
    first_name: str | None = field()
    last_name: str | None = field()
    email: str | None = field()
    role: str | None = field()


@model
class PropertyContact(OpenToCloseModel):
    """A contact linked to a property (seed 001: contact_id, role, primary, start_date, notes)."""

    contact_id: int | None = field()
    role: str | None = field()
    primary: bool | None = field()
    start_date: str | None = field()
    notes: str | None = field()


@model
class PropertyDocument(OpenToCloseModel):
    name: str | None = field()
    type: str | None = field()
    url: str | None = field()
    description: str | None = field()
    file_size: int | None = field()


@model
class PropertyEmail(OpenToCloseModel):
    subject: str | None = field()
    body: str | None = field()
    sender: str | None = field()
    recipient: str | None = field()


@model
class PropertyNote(OpenToCloseModel):
    title: str | None = field()
    content: str | None = field()


@model
class PropertyTask(OpenToCloseModel):
    title: str | None = field()
    description: str | None = field()
    due_date: str | None = field()
    status: str | None = field()
    assigned_to: int | None = field()


@model
class PropertyField(OpenToCloseModel):
    """A property field definition (custom field schema)."""

    key: str | None = field()
    title: str | None = field()
    type: str | None = field()
    required: bool | None = field()
    options: Any = field()
