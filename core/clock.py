"""The clock that sessions, tokens and login throttling read.

Passed in (on `app.state.clock`, or as an argument) rather than read from the system inside
the logic, so tests move time forward instead of sleeping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from core.models.base import utcnow

Clock = Callable[[], dt.datetime]
SYSTEM_CLOCK: Clock = utcnow


def as_utc(moment: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes for timezone-aware columns; they were stored as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
