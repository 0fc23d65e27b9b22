"""The deadline engine with what people recorded: notice given, options exercised, early
termination. Each moves the dates the way a contract manager reads the contract."""

from __future__ import annotations

import datetime as dt

from contracts.deadlines import ContractTerms, compute_deadlines
from extraction.model import Duration

D = dt.date
YEAR = Duration(count=1, unit="year")
THREE_MONTHS = Duration(count=3, unit="month")

# A yearly auto-renewing contract: stated end 2025-12-31, three months' notice.
RENEWING = ContractTerms(
    effective_date=D(2023, 1, 1), end_date=D(2025, 12, 31), auto_renewal=True,
    renewal_term=YEAR, notice_period=THREE_MONTHS,
)


def test_notice_given_in_time_ends_the_current_term_and_stops_the_renewal() -> None:
    before = compute_deadlines(RENEWING, D(2025, 8, 1))
    assert (before.status, before.next_renewal_date) == ("active", D(2026, 1, 1))
    assert before.notice_deadline == D(2025, 9, 30)

    after = compute_deadlines(
        ContractTerms(**{**RENEWING.__dict__, "notice_given_on": D(2025, 9, 15)}), D(2025, 10, 5)
    )
    assert after.ends_on == D(2025, 12, 31)
    assert after.current_term_end == D(2025, 12, 31)
    assert after.next_renewal_date is None
    assert after.notice_deadline is None  # nothing left to watch
    assert after.status == "expiring"
    assert after.ended_by == "notice"
    assert any("Notice given on 2025-09-15" in step.text for step in after.explanation)


def test_notice_given_too_late_ends_the_next_term() -> None:
    late = ContractTerms(**{**RENEWING.__dict__, "notice_given_on": D(2025, 10, 15)})
    result = compute_deadlines(late, D(2025, 10, 16))
    assert result.ends_on == D(2026, 12, 31)
    assert result.next_renewal_date == D(2026, 1, 1)  # the renewal it was too late to stop
    assert result.status == "active"
    after_the_end = compute_deadlines(late, D(2027, 1, 5))
    assert after_the_end.status == "expired"


def test_notice_on_an_open_ended_contract_runs_the_notice_period() -> None:
    perpetual = ContractTerms(effective_date=D(2020, 1, 1), perpetual=True,
                              notice_period=THREE_MONTHS, notice_given_on=D(2025, 3, 10))
    result = compute_deadlines(perpetual, D(2025, 3, 20))
    assert result.ends_on == D(2025, 6, 10)
    assert result.review_date is None
    assert result.status == "expiring"
    assert compute_deadlines(perpetual, D(2025, 7, 1)).status == "expired"


def test_exercised_options_move_the_end_and_leave_the_rest_open() -> None:
    terms = ContractTerms(
        effective_date=D(2022, 1, 1), end_date=D(2023, 12, 31),
        extension_options=(YEAR, YEAR), notice_period=THREE_MONTHS,
    )
    none_exercised = compute_deadlines(terms, D(2023, 6, 1))
    assert none_exercised.ends_on == D(2023, 12, 31)
    assert len(none_exercised.option_deadlines) == 2

    one = compute_deadlines(ContractTerms(**{**terms.__dict__, "options_exercised": 1}),
                            D(2024, 2, 1))
    assert one.ends_on == D(2024, 12, 31)
    assert one.status == "active"
    (remaining,) = one.option_deadlines
    assert remaining.extends_term_ending == D(2024, 12, 31)
    assert remaining.new_end_date == D(2025, 12, 31)


def test_early_termination_ends_it_that_day() -> None:
    terms = ContractTerms(**{**RENEWING.__dict__, "terminated_on": D(2025, 5, 31)})
    ahead = compute_deadlines(terms, D(2025, 5, 1))
    assert (ahead.status, ahead.ends_on, ahead.current_term_end) == (
        "expiring", D(2025, 5, 31), D(2025, 5, 31))
    assert ahead.next_renewal_date is None and ahead.notice_deadline is None
    assert ahead.option_deadlines == ()
    assert ahead.ended_by == "termination"
    assert compute_deadlines(terms, D(2025, 6, 1)).status == "expired"


def test_a_termination_after_the_natural_end_changes_nothing() -> None:
    fixed = ContractTerms(effective_date=D(2024, 1, 1), end_date=D(2024, 12, 31),
                          terminated_on=D(2025, 3, 1))
    result = compute_deadlines(fixed, D(2024, 6, 1))
    assert result.ends_on == D(2024, 12, 31)
    assert result.ended_by is None
