"""The date rule behind every alert: which lead time is due, and when an event was missed."""

from __future__ import annotations

import datetime as dt

import pytest

from watchers.due import DueAlert, Missed, decide

EVENT = dt.date(2026, 3, 31)
SINCE = dt.date(2025, 1, 1)
LEADS = (90, 30, 7)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (EVENT - dt.timedelta(days=91), None),
        (EVENT - dt.timedelta(days=90), DueAlert(90)),
        (EVENT - dt.timedelta(days=31), DueAlert(90)),
        (EVENT - dt.timedelta(days=30), DueAlert(30)),
        (EVENT - dt.timedelta(days=7), DueAlert(7)),
        (EVENT, DueAlert(7)),  # the day itself still counts as ahead
        (EVENT + dt.timedelta(days=1), Missed()),
    ],
)
def test_the_nearest_due_lead_time_wins(today: dt.date, expected: object) -> None:
    assert decide(EVENT, LEADS, today, SINCE) == expected


def test_lead_times_in_any_order() -> None:
    assert decide(EVENT, (7, 90, 30), EVENT - dt.timedelta(days=10), SINCE) == DueAlert(30)


def test_an_event_past_before_anyone_watched_is_not_missed() -> None:
    assert decide(EVENT, LEADS, EVENT + dt.timedelta(days=5), EVENT + dt.timedelta(days=1)) is None


def test_an_event_past_while_watched_is_missed() -> None:
    assert decide(EVENT, LEADS, EVENT + dt.timedelta(days=5), EVENT) == Missed()
