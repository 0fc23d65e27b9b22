"""When an event needs an alert: the pure date rule behind the scheduler.

Given an event date, the watch's lead times and today, exactly one of three answers:
nothing yet, an alert for one lead time, or "missed". Because every answer names its lead
time, it becomes part of the alert's unique key, and asking again on the same day, or on a
later day within the same lead window, gives the same key.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

MISSED_LEAD_DAYS = 0  # the lead-time slot of the key a missed event is recorded under


@dataclasses.dataclass(frozen=True)
class DueAlert:
    lead_days: int


@dataclasses.dataclass(frozen=True)
class Missed:
    pass


Decision = DueAlert | Missed | None


def decide(
    event_date: dt.date, lead_days: Iterable[int], today: dt.date, watching_since: dt.date
) -> Decision:
    """What is due for one event on `today`.

    - Lead times whose day has come (event date minus lead <= today) are due; of several due
      at once (a new watch, a changed date, a scheduler back after downtime) only the
      nearest to the event counts, so one alert goes out, not one per lead time.
    - An event already past was missed, but only if it was watched before it happened: a
      contract uploaded after its notice deadline is history, not an alert.
    """
    if event_date < today:
        return Missed() if watching_since <= event_date else None
    due = [lead for lead in lead_days if event_date - dt.timedelta(days=lead) <= today]
    return DueAlert(min(due)) if due else None
