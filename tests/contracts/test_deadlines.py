from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contracts.deadlines import compute_deadlines, terms_from_extraction
from contracts.deadlines.calendar import (
    add_duration,
    notice_deadline_before,
    subtract_duration,
    term_last_day,
)
from contracts.deadlines.types import ContractTerms, Deadlines, DerivedEnd, OptionDeadline
from contracts.derived import with_derived_end_date
from extraction.model import Duration, DurationUnit, Evidence, Extraction, Finding

D = dt.date


def dur(count: int, unit: DurationUnit) -> Duration:
    return Duration(count=count, unit=unit)


YEAR = dur(1, "year")
NINETY_DAYS = dur(90, "day")


# --- calendar ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "duration", "times", "expected"),
    [
        (D(2023, 1, 31), dur(1, "month"), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), dur(1, "month"), 1, D(2024, 2, 29)),
        (D(2023, 1, 31), dur(1, "month"), 2, D(2023, 3, 31)),
        (D(2024, 2, 29), YEAR, 1, D(2025, 2, 28)),
        (D(2024, 2, 29), YEAR, 4, D(2028, 2, 29)),
        (D(2023, 12, 15), dur(3, "month"), 1, D(2024, 3, 15)),
        (D(2024, 1, 1), dur(2, "week"), 1, D(2024, 1, 15)),
        (D(2024, 2, 28), dur(1, "day"), 1, D(2024, 2, 29)),
        (D(2024, 1, 31), dur(1, "month"), -1, D(2023, 12, 31)),
    ],
)
def test_add_duration(start: D, duration: Duration, times: int, expected: D) -> None:
    assert add_duration(start, duration, times) == expected


def test_subtract_duration_clamps_month_end() -> None:
    assert subtract_duration(D(2024, 3, 31), dur(1, "month")) == D(2024, 2, 29)
    assert subtract_duration(D(2025, 3, 31), dur(1, "month")) == D(2025, 2, 28)
    assert subtract_duration(D(2025, 2, 28), dur(1, "year")) == D(2024, 2, 28)
    assert subtract_duration(D(2027, 7, 22), NINETY_DAYS) == D(2027, 4, 23)


def test_term_last_day() -> None:
    assert term_last_day(D(2013, 7, 23), dur(3, "year")) == D(2016, 7, 22)
    assert term_last_day(D(2023, 1, 31), dur(1, "month")) == D(2023, 2, 28)
    assert term_last_day(D(2024, 2, 29), YEAR) == D(2025, 2, 28)
    assert term_last_day(D(2024, 1, 1), dur(30, "day")) == D(2024, 1, 30)


@pytest.mark.parametrize(
    ("term_end", "notice", "expected"),
    [
        (D(2027, 7, 22), NINETY_DAYS, D(2027, 4, 23)),
        (D(2027, 7, 22), dur(2, "week"), D(2027, 7, 8)),
        (D(2027, 7, 22), dur(3, "month"), D(2027, 4, 22)),
        # Month ends: the earlier of "end - 3 months" (03-30) and "3 whole months" (03-31).
        (D(2025, 6, 30), dur(3, "month"), D(2025, 3, 30)),
        (D(2025, 3, 30), dur(1, "month"), D(2025, 2, 27)),
        (D(2025, 2, 28), dur(1, "month"), D(2025, 1, 28)),
        (D(2025, 12, 31), dur(6, "month"), D(2025, 6, 30)),
        (D(2025, 2, 28), YEAR, D(2024, 2, 28)),
        (D(2027, 7, 22), dur(0, "day"), D(2027, 7, 22)),
    ],
)
def test_notice_deadline_before(term_end: D, notice: Duration, expected: D) -> None:
    assert notice_deadline_before(term_end, notice) == expected


# --- the engine ----------------------------------------------------------------------------

RENEWING = ContractTerms(
    effective_date=D(2013, 7, 23),
    initial_term=dur(3, "year"),
    auto_renewal=True,
    renewal_term=YEAR,
    notice_period=NINETY_DAYS,
)


def texts(deadlines: Deadlines) -> list[str]:
    return [step.text for step in deadlines.explanation]


def without_sources(options: tuple[OptionDeadline, ...]) -> list[OptionDeadline]:
    return [dataclasses.replace(option, sources=()) for option in options]


def test_no_data_gives_nothing() -> None:
    result = compute_deadlines(ContractTerms(), D(2025, 1, 1))
    assert result.status == "unknown"
    assert result.end_date is None
    assert result.current_term_end is None
    assert result.notice_deadline is None
    assert result.review_date is None
    assert result.option_deadlines == ()
    assert result.explanation == ()


def test_fixed_term_with_stated_end_date() -> None:
    terms = ContractTerms(end_date=D(2026, 6, 30), notice_period=dur(3, "month"))
    result = compute_deadlines(terms, D(2025, 1, 1))
    assert result.status == "active"
    assert result.end_date == result.current_term_end == result.ends_on == D(2026, 6, 30)
    assert result.next_renewal_date is None
    assert result.notice_deadline == D(2026, 3, 30)
    assert not result.notice_prevents_renewal
    assert result.sources["notice_deadline"] == ("end_date", "notice_period")


def test_stated_end_date_wins_over_derived() -> None:
    terms = ContractTerms(effective_date=D(2020, 1, 1), initial_term=YEAR, end_date=D(2022, 5, 1))
    assert compute_deadlines(terms, D(2020, 6, 1)).end_date == D(2022, 5, 1)


def test_derived_end_and_status_transitions() -> None:
    # Two years from 2020-01-01 end on the 2nd anniversary, 2022-01-01.
    terms = ContractTerms(signed_date=D(2020, 1, 1), initial_term=dur(2, "year"))
    assert compute_deadlines(terms, D(2021, 1, 1)).status == "active"
    assert compute_deadlines(terms, D(2021, 10, 3)).status == "expiring"  # 90 days left
    assert compute_deadlines(terms, D(2021, 10, 2)).status == "active"  # 91 days left
    assert compute_deadlines(terms, D(2022, 1, 1)).status == "expiring"
    expired = compute_deadlines(terms, D(2022, 1, 2))
    assert expired.status == "expired"
    assert expired.current_term_end == D(2022, 1, 1)
    assert expired.sources["end_date"] == ("signed_date", "initial_term")


def test_renewal_before_the_notice_deadline() -> None:
    result = compute_deadlines(RENEWING, D(2026, 12, 1))
    assert result.end_date == D(2016, 7, 23)  # the 3rd anniversary
    assert result.current_term_end == D(2027, 7, 23)  # renewals stay on anniversaries
    assert result.next_renewal_date == D(2027, 7, 24)
    # Counted from the day before the derived end: 90 days before 2027-07-22.
    assert result.notice_deadline == D(2027, 4, 23)
    assert result.notice_term_end == D(2027, 7, 23)
    assert result.notice_prevents_renewal
    assert result.ends_on is None
    assert result.status == "active"
    assert texts(result) == [
        "Initial term 3 years from 2013-07-23 ends on the 3rd anniversary, 2016-07-23",
        "Renews for 1 year periods: current term (renewal 11) ends 2027-07-23",
        "Unless notice is given, it renews on 2027-07-24",
        "Notice counted from 2027-07-22, the day before the term end 2027-07-23, in case the "
        "term is read as ending the day before its anniversary",
        "Notice 90 days before 2027-07-22 to stop the renewal: last day 2027-04-23",
    ]
    assert "renewal_term" in result.sources["notice_deadline"]
    assert "notice_period" in result.sources["notice_deadline"]


def test_notice_deadline_day_itself_still_counts() -> None:
    result = compute_deadlines(RENEWING, D(2027, 4, 23))
    assert result.notice_deadline == D(2027, 4, 23)
    assert not result.notice_deadline_passed


def test_after_the_notice_deadline_the_next_terms_deadline_matters() -> None:
    result = compute_deadlines(RENEWING, D(2027, 4, 24))
    assert result.current_term_end == D(2027, 7, 23)
    assert result.notice_deadline == D(2028, 4, 23)
    assert result.notice_term_end == D(2028, 7, 23)
    assert any(
        "2027-04-23 for the term ending 2027-07-23 has passed: that renewal" in t
        for t in texts(result)
    )


def test_within_the_initial_term() -> None:
    result = compute_deadlines(RENEWING, D(2014, 1, 1))
    assert result.current_term_end == D(2016, 7, 23)
    assert result.next_renewal_date == D(2016, 7, 24)
    assert result.notice_deadline == D(2016, 4, 23)  # 90 days before 2016-07-22
    assert result.sources["current_term_end"] == ("effective_date", "initial_term")


def test_renewal_count_limits_renewals() -> None:
    terms = ContractTerms(
        effective_date=D(2020, 1, 1),
        initial_term=YEAR,
        auto_renewal=True,
        renewal_term=YEAR,
        renewal_count=2,
        notice_period=NINETY_DAYS,
    )
    # Terms end on anniversaries: 2021-01-01, then 2022-01-01 and 2023-01-01.
    initial = compute_deadlines(terms, D(2020, 6, 1))
    assert initial.current_term_end == D(2021, 1, 1)
    assert initial.notice_deadline == D(2020, 10, 2)  # 90 days before 2020-12-31

    first = compute_deadlines(terms, D(2021, 3, 1))  # in renewal 1, renewal 2 still to come
    assert first.current_term_end == D(2022, 1, 1)
    assert first.next_renewal_date == D(2022, 1, 2)
    assert first.ends_on == D(2023, 1, 1)
    assert first.notice_prevents_renewal

    last = compute_deadlines(terms, D(2022, 3, 1))  # in renewal 2, the last one
    assert last.current_term_end == D(2023, 1, 1)
    assert last.next_renewal_date is None
    assert last.ends_on == D(2023, 1, 1)
    assert last.notice_deadline == D(2022, 10, 2)  # 90 days before 2022-12-31
    assert not last.notice_prevents_renewal
    assert "This is the last permitted renewal: the contract ends 2023-01-01" in texts(last)

    # Past the notice deadline of renewal 1: no later term to roll to beyond renewal 2.
    rolled = compute_deadlines(terms, D(2021, 11, 1))
    assert rolled.notice_deadline == D(2022, 10, 2)
    assert not rolled.notice_prevents_renewal

    assert compute_deadlines(terms, D(2023, 1, 1)).status == "expiring"  # its last day
    ended = compute_deadlines(terms, D(2023, 1, 2))
    assert ended.status == "expired"
    assert ended.current_term_end == D(2023, 1, 1)
    assert ended.notice_deadline is None
    assert ended.next_renewal_date is None


def test_zero_renewals_means_it_just_ends() -> None:
    terms = ContractTerms(
        end_date=D(2024, 6, 30), auto_renewal=True, renewal_term=YEAR, renewal_count=0
    )
    result = compute_deadlines(terms, D(2024, 7, 1))
    assert result.status == "expired"


def test_monthly_renewals_from_a_month_end() -> None:
    terms = ContractTerms(
        effective_date=D(2023, 1, 31), initial_term=dur(1, "month"), auto_renewal=True
    )
    result = compute_deadlines(terms, D(2023, 3, 15))
    assert result.end_date == D(2023, 2, 28)  # no Feb 31: clamped to the month's end
    # Each renewal is a month from the previous end: from 02-28 to 03-28 (fristloven § 3),
    # never later than the month-end reading (03-31).
    assert result.current_term_end == D(2023, 3, 28)
    assert any("assumed equal to the initial term" in t for t in texts(result))
    assert any("ends on the last day of the month 1 month later, 2023-02-28" in t
               for t in texts(result))


def test_monthly_renewals_after_a_stated_month_end_chain_as_before() -> None:
    terms = ContractTerms(
        end_date=D(2023, 2, 28), auto_renewal=True, renewal_term=dur(1, "month"),
        notice_period=dur(10, "day"),
    )
    result = compute_deadlines(terms, D(2023, 3, 15))
    assert result.current_term_end == D(2023, 3, 31)
    assert result.notice_deadline == D(2023, 3, 21)  # from the stated-style end itself
    assert compute_deadlines(terms, D(2023, 4, 15)).current_term_end == D(2023, 4, 30)
    assert not any("day before" in t for t in texts(result))


def test_yearly_renewals_stay_on_the_anniversary() -> None:
    terms = ContractTerms(
        effective_date=D(2020, 1, 1), initial_term=YEAR, auto_renewal=True, renewal_term=YEAR
    )
    ends = [compute_deadlines(terms, D(year, 6, 1)).current_term_end for year in range(2020, 2025)]
    assert ends == [D(2021, 1, 1), D(2022, 1, 1), D(2023, 1, 1), D(2024, 1, 1), D(2025, 1, 1)]
    on_the_day = compute_deadlines(terms, D(2022, 1, 1))
    assert on_the_day.current_term_end == D(2022, 1, 1)
    assert on_the_day.next_renewal_date == D(2022, 1, 2)


def test_stated_end_date_counts_notice_from_the_end_itself() -> None:
    terms = ContractTerms(
        effective_date=D(2013, 7, 23), end_date=D(2016, 7, 22), initial_term=dur(3, "year"),
        auto_renewal=True, renewal_term=YEAR, notice_period=NINETY_DAYS,
    )
    result = compute_deadlines(terms, D(2014, 1, 1))
    assert result.end_date == D(2016, 7, 22)
    assert result.notice_deadline == D(2016, 4, 23)
    later = compute_deadlines(terms, D(2016, 8, 1))
    assert later.current_term_end == D(2017, 7, 22)
    assert later.notice_deadline == D(2017, 4, 23)
    assert not any("day before" in t for t in texts(result) + texts(later))


def test_an_uploaded_contract_agrees_with_one_typed_by_hand() -> None:
    # "gjelder fra 1. april 2024 og løper i ett år ... fornyes automatisk for ett år av gangen
    # ... senest tre måneder før utløpet": uploaded, the end date is derived and stored.
    ev = [Evidence(page=1, start=0, end=5, quote="x")]
    typed = ContractTerms(
        effective_date=D(2024, 4, 1), initial_term=YEAR, auto_renewal=True, renewal_term=YEAR,
        notice_period=dur(3, "month"), extension_options=(YEAR,),
    )
    extraction = Extraction(
        effective_date=Finding(value=D(2024, 4, 1), confidence=0.9, evidence=ev),
        initial_term=Finding(value=YEAR, confidence=0.9, evidence=ev),
        auto_renewal=Finding(value=True, confidence=0.9),
        renewal_term=Finding(value=YEAR, confidence=0.9),
        notice_period=Finding(value=dur(3, "month"), confidence=0.9),
        extension_options=Finding(value=[YEAR], confidence=0.9),
    )
    uploaded = terms_from_extraction(with_derived_end_date(extraction))
    assert uploaded.end_date == D(2025, 4, 1)
    for today in (D(2024, 6, 1), D(2025, 1, 1), D(2025, 4, 1), D(2026, 2, 1)):
        by_hand, stored = compute_deadlines(typed, today), compute_deadlines(uploaded, today)
        for name in ("end_date", "current_term_end", "next_renewal_date", "ends_on",
                     "notice_deadline", "notice_term_end"):
            assert getattr(stored, name) == getattr(by_hand, name), (today, name)
        assert without_sources(stored.option_deadlines) == without_sources(
            by_hand.option_deadlines
        )
    result = compute_deadlines(uploaded, D(2024, 6, 1))
    assert result.notice_deadline == D(2024, 12, 31)  # 3 months before 2025-03-31
    assert texts(result)[0] == (
        "Initial term ends 2025-04-01: 1 year from 2024-04-01 to the day, as an end derived "
        "from the start and term is dated"
    )


def test_a_stated_end_on_the_day_before_the_anniversary_is_kept_as_stated() -> None:
    terms = ContractTerms(
        effective_date=D(2024, 4, 1), end_date=D(2025, 3, 31), initial_term=YEAR,
        notice_period=dur(3, "month"),
    )
    result = compute_deadlines(terms, D(2024, 6, 1))
    assert result.notice_deadline == D(2024, 12, 31)
    assert texts(result)[0] == "Initial term ends 2025-03-31 (stated)"


def test_one_month_from_january_31_in_a_leap_year() -> None:
    terms = ContractTerms(
        effective_date=D(2024, 1, 31), initial_term=dur(1, "month"), notice_period=dur(10, "day")
    )
    result = compute_deadlines(terms, D(2024, 2, 1))
    assert result.end_date == D(2024, 2, 29)
    assert result.notice_deadline == D(2024, 2, 18)  # 10 days before 02-28


def test_leap_day_start_one_year_term() -> None:
    terms = ContractTerms(
        effective_date=D(2024, 2, 29),
        initial_term=YEAR,
        auto_renewal=True,
        renewal_term=YEAR,
        notice_period=dur(1, "month"),
    )
    result = compute_deadlines(terms, D(2025, 6, 1))
    assert result.end_date == D(2025, 2, 28)  # no Feb 29 in 2025
    assert result.current_term_end == D(2026, 2, 28)
    assert result.notice_deadline == D(2026, 1, 27)  # a month before 2026-02-27
    # Chained from 02-28, the renewals stay on 02-28, also in the leap year 2028.
    assert compute_deadlines(terms, D(2027, 6, 1)).current_term_end == D(2028, 2, 28)


def test_notice_longer_than_the_term_rolls_to_a_future_deadline() -> None:
    terms = ContractTerms(
        effective_date=D(2024, 1, 1),
        initial_term=dur(1, "month"),
        auto_renewal=True,
        renewal_term=dur(1, "month"),
        notice_period=dur(3, "month"),
    )
    start = compute_deadlines(terms, D(2023, 12, 1))  # before it even starts
    assert start.current_term_end == D(2024, 2, 1)
    # Counted from the day before each end: 2024-02-01's deadline (2023-10-31) and 03-01's
    # (11-29) have passed: 04-01's (3 months before 03-31) is next.
    assert start.notice_deadline == D(2023, 12, 31)
    assert start.notice_term_end == D(2024, 4, 1)

    later = compute_deadlines(terms, D(2024, 5, 10))
    assert later.current_term_end == D(2024, 6, 1)
    assert later.notice_deadline is not None
    assert later.notice_deadline >= D(2024, 5, 10)
    assert later.notice_term_end == D(2024, 9, 1)
    assert later.notice_deadline == D(2024, 5, 31)


def test_notice_longer_than_a_fixed_term_is_flagged() -> None:
    terms = ContractTerms(
        effective_date=D(2024, 1, 1), initial_term=dur(2, "month"), notice_period=dur(3, "month")
    )
    result = compute_deadlines(terms, D(2024, 1, 10))
    assert result.notice_deadline == D(2023, 11, 29)
    assert result.notice_deadline_passed
    assert "The notice period is longer than the term" in texts(result)


def test_extension_options_one_plus_one() -> None:
    terms = ContractTerms(
        effective_date=D(2022, 1, 1),
        initial_term=dur(2, "year"),
        extension_options=(YEAR, YEAR),
        notice_period=dur(3, "month"),
    )
    result = compute_deadlines(terms, D(2023, 6, 1))
    assert result.end_date == D(2024, 1, 1)
    first, second = result.option_deadlines
    assert (first.number, first.extends_term_ending) == (1, D(2024, 1, 1))
    assert first.exercise_deadline == D(2023, 9, 30)  # 3 months before 2023-12-31
    assert first.new_end_date == D(2025, 1, 1)
    assert not first.passed
    assert second.extends_term_ending == D(2025, 1, 1)
    assert second.exercise_deadline == D(2024, 9, 30)
    assert second.new_end_date == D(2026, 1, 1)
    assert "extension_options" in first.sources
    assert any(t.startswith("Options: exercise deadlines counted from the day before")
               for t in texts(result))


def test_option_without_notice_after_a_derived_end_is_due_the_day_before() -> None:
    terms = ContractTerms(
        effective_date=D(2024, 1, 1), initial_term=YEAR, extension_options=(dur(6, "month"),)
    )
    (option,) = compute_deadlines(terms, D(2024, 6, 1)).option_deadlines
    assert option.extends_term_ending == D(2025, 1, 1)
    assert option.exercise_deadline == D(2024, 12, 31)
    assert option.new_end_date == D(2025, 7, 1)


def test_option_without_notice_can_be_exercised_until_the_term_ends() -> None:
    terms = ContractTerms(end_date=D(2024, 12, 31), extension_options=(dur(6, "month"),))
    (option,) = compute_deadlines(terms, D(2024, 1, 1)).option_deadlines
    assert option.exercise_deadline == D(2024, 12, 31)
    assert option.new_end_date == D(2025, 6, 30)


def test_perpetual_review_date_rolls_past_today() -> None:
    terms = ContractTerms(signed_date=D(2019, 3, 5), perpetual=True, notice_period=dur(6, "month"))
    result = compute_deadlines(terms, D(2022, 6, 1))
    assert result.status == "active"
    assert result.end_date is None
    assert result.review_date == D(2023, 3, 5)
    assert result.notice_deadline is None
    assert compute_deadlines(terms, D(2023, 3, 5)).review_date == D(2023, 3, 5)
    assert compute_deadlines(terms, D(2019, 1, 1)).review_date == D(2020, 3, 5)
    assert compute_deadlines(terms, D(2022, 6, 1), dur(6, "month")).review_date == D(2022, 9, 5)


def test_perpetual_ignores_initial_term_but_not_a_stated_end() -> None:
    terms = ContractTerms(effective_date=D(2020, 1, 1), initial_term=YEAR, perpetual=True)
    assert compute_deadlines(terms, D(2024, 1, 2)).review_date == D(2025, 1, 1)
    stated = compute_deadlines(
        ContractTerms(effective_date=D(2020, 1, 1), end_date=D(2030, 1, 1), perpetual=True),
        D(2024, 1, 1),
    )
    assert stated.end_date == D(2030, 1, 1)
    assert stated.review_date is None


def test_unknown_auto_renewal_with_renewal_term_is_treated_as_renewing() -> None:
    terms = ContractTerms(end_date=D(2024, 6, 30), renewal_term=YEAR, notice_period=NINETY_DAYS)
    result = compute_deadlines(terms, D(2024, 8, 1))
    assert result.current_term_end == D(2025, 6, 30)
    assert result.notice_deadline == D(2025, 4, 1)


def test_renewing_with_unknown_period() -> None:
    terms = ContractTerms(end_date=D(2024, 6, 30), auto_renewal=True, notice_period=NINETY_DAYS)
    before = compute_deadlines(terms, D(2024, 1, 1))
    assert before.notice_deadline == D(2024, 4, 1)
    assert before.next_renewal_date == D(2024, 7, 1)
    assert before.ends_on is None
    after = compute_deadlines(terms, D(2024, 8, 1))
    assert after.status == "unknown"
    assert after.current_term_end is None


def test_day_renewals_far_in_the_future_are_fast_and_exact() -> None:
    terms = ContractTerms(
        end_date=D(2000, 1, 1),
        auto_renewal=True,
        renewal_term=dur(1, "day"),
        notice_period=dur(0, "day"),
    )
    result = compute_deadlines(terms, D(2400, 5, 5))
    assert result.current_term_end == D(2400, 5, 5)
    assert result.notice_deadline == D(2400, 5, 5)


def test_to_json_round_trips_through_json() -> None:
    terms = ContractTerms(
        effective_date=D(2022, 1, 1),
        initial_term=dur(2, "year"),
        extension_options=(YEAR,),
        notice_period=dur(3, "month"),
    )
    data = json.loads(json.dumps(compute_deadlines(terms, D(2023, 6, 1)).to_json()))
    assert data["end_date"] == "2024-01-01"
    assert data["notice_deadline"] == "2023-09-30"
    assert data["option_deadlines"][0]["duration"] == {"count": 1, "unit": "year"}
    assert data["sources"]["notice_deadline"] == ["effective_date", "initial_term", "notice_period"]
    assert data["explanation"][0]["sources"] == ["effective_date", "initial_term"]


def test_terms_from_extraction() -> None:
    ev = [Evidence(page=1, start=0, end=5, quote="x")]
    extraction = Extraction(
        effective_date=Finding(value=D(2020, 1, 1), confidence=0.9, evidence=ev),
        initial_term=Finding(value=YEAR, confidence=0.8),
        auto_renewal=Finding(value=True, confidence=0.8),
        renewal_count=Finding(value=3, confidence=0.5),
        extension_options=Finding(value=[YEAR, YEAR], confidence=0.7),
        notice_period=Finding(value=NINETY_DAYS, confidence=0.7),
    )
    assert terms_from_extraction(extraction) == ContractTerms(
        effective_date=D(2020, 1, 1),
        initial_term=YEAR,
        auto_renewal=True,
        renewal_count=3,
        extension_options=(YEAR, YEAR),
        notice_period=NINETY_DAYS,
    )
    assert terms_from_extraction(Extraction()) == ContractTerms()


# --- properties ----------------------------------------------------------------------------

dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))
units = st.sampled_from(["day", "week", "month", "year"])
durations = st.builds(Duration, count=st.integers(1, 36), unit=units)


@st.composite
def contract_terms(draw: st.DrawFn) -> ContractTerms:
    return ContractTerms(
        effective_date=draw(st.none() | dates),
        end_date=draw(st.none() | dates),
        perpetual=draw(st.none() | st.booleans()),
        initial_term=draw(st.none() | durations),
        auto_renewal=draw(st.none() | st.booleans()),
        renewal_term=draw(st.none() | durations),
        renewal_count=draw(st.none() | st.integers(0, 5)),
        extension_options=tuple(draw(st.lists(durations, max_size=2))),
        notice_period=draw(st.none() | st.builds(Duration, count=st.integers(0, 24), unit=units)),
    )


@settings(max_examples=400, deadline=None)
@given(contract_terms(), dates)
def test_notice_deadline_properties(terms: ContractTerms, today: D) -> None:
    result = compute_deadlines(terms, today)
    json.dumps(result.to_json())
    if result.notice_deadline is not None:
        assert result.notice_term_end is not None
        # Never after the term end it applies to (which, once rolled, is a later term's).
        assert result.notice_deadline <= result.notice_term_end
        if result.current_term_end is not None:
            assert result.notice_term_end >= result.current_term_end
        if terms.end_date is None:
            # A derived end: notice is counted from the day before it.
            assert result.notice_deadline < result.notice_term_end
        renewal_period_known = terms.renewal_term or terms.initial_term or terms.end_date is None
        if result.notice_prevents_renewal and renewal_period_known:
            # A further term can still follow: the deadline shown is one that can be met.
            assert result.notice_deadline >= today
    if result.current_term_end is not None and result.status != "expired":
        assert result.current_term_end >= today
    if result.next_renewal_date is not None:
        assert result.current_term_end is not None
        assert result.next_renewal_date == result.current_term_end + dt.timedelta(days=1)
    if result.review_date is not None:
        assert result.review_date >= today


@settings(max_examples=300, deadline=None)
@given(contract_terms(), dates)
def test_a_stored_derived_end_gives_the_same_dates(terms: ContractTerms, today: D) -> None:
    """Typed by hand (start + term) or uploaded (end derived, stored with its mark): the same
    dates."""
    start = terms.effective_date
    if start is None or terms.initial_term is None or terms.perpetual:
        return
    try:
        end = add_duration(start, terms.initial_term)
    except OverflowError:
        return
    by_hand = compute_deadlines(dataclasses.replace(terms, end_date=None), today)
    stored = compute_deadlines(dataclasses.replace(
        terms, end_date=end,
        end_date_derived=DerivedEnd("effective_date", start, terms.initial_term)), today)
    assert stored.end_date_derived == by_hand.end_date_derived
    for name in ("status", "end_date", "current_term_end", "next_renewal_date", "ends_on",
                 "notice_deadline", "notice_term_end", "notice_prevents_renewal",
                 "option_deadlines"):
        by_hand_value, stored_value = getattr(by_hand, name), getattr(stored, name)
        if name == "option_deadlines":  # the same but for their sources
            by_hand_value, stored_value = without_sources(by_hand_value), without_sources(
                stored_value
            )
        assert stored_value == by_hand_value, name


@given(dates, durations)
def test_notice_deadline_is_never_after_the_term_end(term_end: D, notice: Duration) -> None:
    deadline = notice_deadline_before(term_end, notice)
    assert deadline <= term_end
    # Never later than the plain calendar reading.
    assert deadline <= subtract_duration(term_end, notice)


@given(dates, durations)
def test_term_last_day_is_the_day_before_the_next_term(start: D, term: Duration) -> None:
    end = term_last_day(start, term)
    anniversary = add_duration(start, term)
    assert start <= end
    if start.day <= 28 or term.unit in ("day", "week"):
        assert end == anniversary - dt.timedelta(days=1)
    else:  # the anniversary may not exist: the term then runs to that month's end
        assert end in (anniversary - dt.timedelta(days=1), anniversary)
        assert (end + dt.timedelta(days=1)).day in (1, start.day)
