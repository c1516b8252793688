"""Bridges from the SDK to other tools. ``integrations.dlt``: sync into a database with dlt."""
