"""Calendar arithmetic for contract terms: adding durations, term ends, notice deadlines.

Pure functions on `datetime.date` and `Duration`; the deadline engine (`contracts.deadlines`)
builds on them. Months and years keep the day of month, clamped to the month's end.

A term of N months/years counted from a start date ends on its anniversary (start + N,
`add_duration`): "three years from 2018-07-19" ends 2021-07-19, as CUAD's annotators, English
law (the start day is excluded) and the Norwegian fristloven § 3 read it. `term_last_day` is
the older "day before the anniversary" reading, kept for chaining after a stated last day.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Iterator

from extraction.model import Duration

ONE_DAY = dt.timedelta(days=1)


def _month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _shift_months(d: dt.date, months: int) -> tuple[dt.date, bool]:
    """`d` moved by whole months, clamped to the month's last day; also whether it clamped."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError("date value out of range")
    last = _month_length(year, month0 + 1)
    return dt.date(year, month0 + 1, min(d.day, last)), d.day > last


def day_after(d: dt.date) -> dt.date | None:
    """The next day, or None after the calendar's last day (9999-12-31): a contract said to
    run "until 9999-12-31" is open-ended, and its renewal is never due."""
    return None if d == dt.date.max else d + ONE_DAY


def months_of(dur: Duration) -> int | None:
    if dur.unit == "month":
        return dur.count
    if dur.unit == "year":
        return dur.count * 12
    return None


def days_of(dur: Duration) -> int:
    return dur.count * 7 if dur.unit == "week" else dur.count


def add_duration(d: dt.date, dur: Duration, times: int = 1) -> dt.date:
    """`d` plus `times` x `dur`.

    Months and years keep the day of month, clamped to the month's end: 2023-01-31 + 1 month =
    2023-02-28, 2024-01-31 + 1 month = 2024-02-29, 2024-02-29 + 1 year = 2025-02-28. The whole
    shift is applied at once (2023-01-31 + 1 month x 2 = 2023-03-31, not 03-28).
    Raises OverflowError outside the date range.
    """
    months = months_of(dur)
    if months is not None:
        return _shift_months(d, months * times)[0]
    return d + dt.timedelta(days=days_of(dur) * times)


def subtract_duration(d: dt.date, dur: Duration, times: int = 1) -> dt.date:
    """`d` minus `times` x `dur`, with the same month-end clamping as `add_duration`."""
    return add_duration(d, dur, -times)


def term_last_day(start: dt.date, term: Duration, times: int = 1) -> dt.date:
    """The last day of a term of `times` x `term` whose first day is `start`.

    This is the reading used to chain renewals after a *stated* end date (each renewal starts
    the day after the previous term's last day). A term counted *from* a date ends on its
    anniversary instead (`add_duration`); see `iter_terms(anniversaries=True)`.

    Normally the day before the anniversary: a 3-year term from 2013-07-23 ends 2016-07-22.
    When the anniversary does not exist in the target month (start on the 29th-31st), the
    term runs to that month's end, because the next term could only begin on the 1st of the
    following month: a 1-month term from 2023-01-31 ends 2023-02-28, a 1-year term from
    2024-02-29 ends 2025-02-28 (not 02-27, which would cut the year short by a day).
    """
    months = months_of(term)
    if months is None:
        return start + dt.timedelta(days=days_of(term) * times) - ONE_DAY
    anniversary, clamped = _shift_months(start, months * times)
    return anniversary if clamped else anniversary - ONE_DAY


def notice_deadline_before(term_end: dt.date, notice: Duration) -> dt.date:
    """The last day on which notice can be given for a term whose last day is `term_end`.

    "N days prior to expiry" means `term_end - N days`: notice received on or before that day
    leaves N whole days (the day after the notice up to and including `term_end`) before the
    contract expires at the end of `term_end`. Weeks are 7 days.

    For months and years there are two readings that differ around month ends:
    (a) `term_end - N months` (2025-06-30 - 3 months = 2025-03-30), and
    (b) N whole calendar months before the expiry instant, i.e. the day before
        `(term_end + 1 day) - N months` (2025-07-01 - 3 months - 1 day = 2025-03-31).
    We return the earlier of the two. A deadline shown too early costs a reminder a day or two
    sooner; one shown too late can cost a whole renewal period, so the engine must never be
    later than any reading a counterparty could reasonably hold.

    A notice period reaching back before the calendar's first day gives that first day (the
    deadline has long passed), never an OverflowError.
    """
    try:
        return _notice_deadline(term_end, notice)
    except OverflowError:
        return dt.date.min


def _notice_deadline(term_end: dt.date, notice: Duration) -> dt.date:
    months = months_of(notice)
    if months is None:
        return term_end - dt.timedelta(days=days_of(notice))
    calendar_reading = _shift_months(term_end, -months)[0]
    if term_end == dt.date.max:
        # There is no day after it to count back from; for a month's last day both readings
        # give the last day of the month N months earlier.
        return calendar_reading
    whole_months_reading = _shift_months(term_end + ONE_DAY, -months)[0] - ONE_DAY
    return min(calendar_reading, whole_months_reading)


# --- terms and renewals -----------------------------------------------------------------

# A contract renewing every day for centuries is not real; stop rolling long before that.
MAX_TERMS = 100_000


@dataclasses.dataclass(frozen=True)
class Term:
    number: int  # 0 = the initial term, k = the k-th renewal
    start: dt.date | None
    end: dt.date


def iter_terms(
    end0: dt.date,
    start: dt.date | None,
    renewal: Duration | None,
    max_renewals: int | None,
    not_before: dt.date,
    *,
    anniversaries: bool = False,
) -> Iterator[Term]:
    """The initial term and its renewals, skipping terms that end before `not_before`.

    Each renewal starts the day after the previous term ends (chained, not anchored on the
    first start date). How a renewal's end is counted follows how `end0` was obtained:
    - `anniversaries=False` (a stated last day): the renewal runs from the day after to the
      day before its anniversary (`term_last_day`): monthly renewals after 2023-01-31 end
      02-28, 03-31, 04-30, ...
    - `anniversaries=True` (an end derived as start + term, on the anniversary): the renewal
      is counted from the previous end and ends on its anniversary (`add_duration`): yearly
      renewals after 2021-01-01 end 2022-01-01, 2023-01-01, ...; monthly ones after
      2023-02-28 end 03-28, 04-28, ... (a clamped day of month stays clamped, never later).
    Day and week renewals end on the same days either way.
    """
    term = Term(0, start, end0)
    if renewal is not None and renewal.unit in ("day", "week") and end0 < not_before:
        # Fixed-length renewals: jump straight to just before `not_before`.
        days = days_of(renewal)
        k = (not_before - end0).days // days
        if max_renewals is not None:
            k = min(k, max_renewals)
        if k > 0:
            end = end0 + dt.timedelta(days=days * k)
            term = Term(k, end - dt.timedelta(days=days) + ONE_DAY, end)
    for _ in range(MAX_TERMS):
        if term.end >= not_before:
            yield term
        if renewal is None or (max_renewals is not None and term.number >= max_renewals):
            return
        try:
            start_next = term.end + ONE_DAY
            end_next = (
                add_duration(term.end, renewal)
                if anniversaries
                else term_last_day(start_next, renewal)
            )
            term = Term(term.number + 1, start_next, end_next)
        except OverflowError:
            return


def first_review(start: dt.date, every: Duration, today: dt.date) -> dt.date | None:
    """The first of start + k x `every` (k >= 1) that is on or after `today`."""
    months = months_of(every)
    if months is None:
        k = max(1, (today - start).days // days_of(every))
    else:
        elapsed = (today.year - start.year) * 12 + today.month - start.month
        k = max(1, elapsed // months - 1)
    try:
        while (review := add_duration(start, every, k)) < today:
            k += 1
    except OverflowError:
        return None
    return review
