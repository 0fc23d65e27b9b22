"""The deadline engine at the edges of the calendar: it answers, it never overflows."""

from __future__ import annotations

import datetime as dt

import pytest

from contracts.deadlines import compute_deadlines
from contracts.deadlines.calendar import day_after, notice_deadline_before
from contracts.deadlines.types import ContractTerms
from extraction.model import Duration

TODAY = dt.date(2026, 12, 2)
YEAR = Duration(count=1, unit="year")
THREE_MONTHS = Duration(count=3, unit="month")


def test_a_contract_renewing_until_the_end_of_the_calendar_is_open_ended() -> None:
    deadlines = compute_deadlines(ContractTerms(
        end_date=dt.date.max, auto_renewal=True, renewal_term=YEAR,
        notice_period=THREE_MONTHS, extension_options=(YEAR,)), TODAY)
    assert deadlines.status == "active"
    assert deadlines.current_term_end == dt.date.max
    assert deadlines.next_renewal_date is None
    assert deadlines.notice_deadline == dt.date(9999, 9, 30)


@pytest.mark.parametrize("notice", [THREE_MONTHS, Duration(count=100_000, unit="year"),
                                    Duration(count=900_000_000, unit="day")])
def test_notice_deadlines_never_overflow(notice: Duration) -> None:
    assert notice_deadline_before(dt.date.max, notice) <= dt.date.max
    assert notice_deadline_before(dt.date(1, 2, 1), notice) >= dt.date.min


def test_day_after_the_last_day_is_none() -> None:
    assert day_after(dt.date.max) is None
    assert day_after(dt.date(2024, 2, 28)) == dt.date(2024, 2, 29)
