"""Open To Close models.

The vendor speaks snake_case, so wire names equal Python names. Only the fields the sync
SDK documents are typed; everything else the API returns is kept in ``model.extra`` and
comes back from ``model.to_dict()``. Shapes follow the ``open-to-close`` Python SDK's
live-tested examples ("Transaction Data Structure" of its property-contact workflow guide)
where they differ from the older reference: dates are epoch seconds on a property and a
serialised PHP ``DateTime`` (:class:`DateTimeValue`) on contacts and their links.
"""

from __future__ import annotations

import builtins
import datetime as _dt
from typing import Any, ClassVar

from ...models import Model, field, model
from ._dates import EpochSeconds, php_datetime

__all__ = [
    "Agent",
    "Contact",
    "DateTimeValue",
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
class DateTimeValue(Model):
    """A serialised PHP ``DateTime``: ``{"date": "2025-06-04 01:18:07.797121",
    "timezone_type": 3, "timezone": "GMT"}``. :attr:`datetime` is the aware value;
    ``to_dict()`` gives back the three keys as they came."""

    __wire_case__: ClassVar[str] = "snake"

    date: str | None = field(default=None)
    timezone_type: int | None = field(default=None)
    timezone: str | None = field(default=None)

    @builtins.property
    def datetime(self) -> _dt.datetime | None:
        """The moment as an aware ``datetime`` in the sent zone (``None`` without a date)."""
        if not self.date:
            return None
        return php_datetime(self.date, self.timezone_type, self.timezone)


@model
class Agent(OpenToCloseModel):
    """An agent (Open To Close Agents API documentation: name, email, phone, license_number,
    team_id, status ...)."""

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
    """A contact (client, lead, vendor); ``created`` is a :class:`DateTimeValue`."""

    first_name: str | None = field(default=None)
    last_name: str | None = field(default=None)
    name: str | None = field(default=None)
    email: str | None = field(default=None)
    phone: str | None = field(default=None)
    created: DateTimeValue | None = field(default=None)


@model
class Property(OpenToCloseModel):
    """A property (transaction file). Custom data lives in ``field_values``.

    ``created`` arrives as epoch seconds (``1749039487``) and reads as an aware UTC
    ``datetime``; ``to_dict()`` gives back the vendor's number.
    """

    title: str | None = field(default=None)
    address: str | None = field(default=None)
    city: str | None = field(default=None)
    state: str | None = field(default=None)
    zip_code: str | None = field(default=None)
    status: str | None = field(default=None)
    created: EpochSeconds | None = field(default=None, datetime_format="epoch_s")
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
    """A contact linked to a property.

    The API answers ``{id, created: {date, timezone_type, timezone}, priority,
    property: {id}, contact: {...}, contact_role: []}`` (the ``open-to-close`` SDK's
    "Association Data" example): ``contact`` is the linked :class:`Contact`, ``property``
    the :class:`Property` (only its ``id``), :attr:`roles` the role names. ``contact_id``,
    ``role``, ``primary``, ``start_date`` and ``notes`` are the older reference's shape and
    what a create request sends; :attr:`linked_contact_id` reads either form.
    """

    created: DateTimeValue | None = field(default=None)
    priority: str | None = field(default=None)
    property: Property | None = field(default=None)
    contact: Contact | None = field(default=None)
    contact_role: list[Any] | None = field(default=None)
    contact_id: int | None = field(default=None)
    role: str | None = field(default=None)
    primary: bool | None = field(default=None)
    start_date: str | None = field(default=None)
    notes: str | None = field(default=None)

    @builtins.property
    def roles(self) -> list[str]:
        """Role names: each ``contact_role`` entry (a name, or an object's ``name`` or
        ``title``), else the older reference's single ``role``."""
        names: list[str] = []
        for entry in self.contact_role or ():
            if isinstance(entry, str):
                names.append(entry)
            elif isinstance(entry, dict):
                name = entry.get("name") or entry.get("title") or entry.get("role")
                if isinstance(name, str):
                    names.append(name)
        if not names and self.role:
            names.append(self.role)
        return names

    @builtins.property
    def linked_contact_id(self) -> int | None:
        """The linked contact's id: ``contact.id``, else the older shape's ``contact_id``."""
        if self.contact is not None and self.contact.id is not None:
            return self.contact.id
        return self.contact_id

    @builtins.property
    def property_id(self) -> int | None:
        """The property's id (``property.id``)."""
        return self.property.id if self.property is not None else None


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
    """A property field definition (custom field schema).

    ``GET /propertyFields`` answers groups of sections of fields; ``property_fields.list()``
    yields the fields with the names of their group and section in ``group_title`` and
    ``section_title`` (added by the SDK, not sent by the vendor).
    """

    key: str | None = field(default=None)
    title: str | None = field(default=None)
    type: str | None = field(default=None)
    required: bool | None = field(default=None)
    options: Any = field(default=None)
    group_title: str | None = field(default=None)
    section_title: str | None = field(default=None)
