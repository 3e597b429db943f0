"""Times as the database gives them back."""

from __future__ import annotations

import datetime


def aware(moment: datetime.datetime) -> datetime.datetime:
    """SQLite gives back the UTC time it stored without its zone."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=datetime.UTC)
