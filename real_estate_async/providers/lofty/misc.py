"""Old home of Accounts, Broker, LeadRouting, Listings, Opportunities, Organization, SystemLogs, TeamFeatures, Vendor, Webhooks: each now has a module of its own; re-exported
here so that existing imports keep working."""

from __future__ import annotations

from .accounts import Accounts
from .broker import Broker
from .lead_routing import LeadRouting
from .listings import Listings
from .opportunities import Opportunities
from .organization import Organization
from .system_logs import SystemLogs
from .team_features import TeamFeatures
from .vendor import Vendor
from .webhooks import Webhooks

__all__ = [
    "Accounts",
    "Broker",
    "LeadRouting",
    "Listings",
    "Opportunities",
    "Organization",
    "SystemLogs",
    "TeamFeatures",
    "Vendor",
    "Webhooks",
]
