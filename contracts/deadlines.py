"""The deadline engine: when a contract ends, renews, and when notice must be given.

Pure date logic: `ContractTerms` in, `Deadlines` out. No I/O, no database, no clock (the caller
passes `today`).
"""

from __future__ import annotations

import calendar
import datetime as dt

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


def _months_of(dur: Duration) -> int | None:
    if dur.unit == "month":
        return dur.count
    if dur.unit == "year":
        return dur.count * 12
    return None


def _days_of(dur: Duration) -> int:
    return dur.count * 7 if dur.unit == "week" else dur.count


def add_duration(d: dt.date, dur: Duration, times: int = 1) -> dt.date:
    """`d` plus `times` x `dur`.

    Months and years keep the day of month, clamped to the month's end: 2023-01-31 + 1 month =
    2023-02-28, 2024-01-31 + 1 month = 2024-02-29, 2024-02-29 + 1 year = 2025-02-28. The whole
    shift is applied at once (2023-01-31 + 1 month x 2 = 2023-03-31, not 03-28).
    Raises OverflowError outside the date range.
    """
    months = _months_of(dur)
    if months is not None:
        return _shift_months(d, months * times)[0]
    return d + dt.timedelta(days=_days_of(dur) * times)


def subtract_duration(d: dt.date, dur: Duration, times: int = 1) -> dt.date:
    """`d` minus `times` x `dur`, with the same month-end clamping as `add_duration`."""
    return add_duration(d, dur, -times)


def term_last_day(start: dt.date, term: Duration, times: int = 1) -> dt.date:
    """The last day of a term of `times` x `term` whose first day is `start`.

    Normally the day before the anniversary: a 3-year term from 2013-07-23 ends 2016-07-22.
    When the anniversary does not exist in the target month (start on the 29th-31st), the
    term runs to that month's end, because the next term could only begin on the 1st of the
    following month: a 1-month term from 2023-01-31 ends 2023-02-28, a 1-year term from
    2024-02-29 ends 2025-02-28 (not 02-27, which would cut the year short by a day).
    """
    months = _months_of(term)
    if months is None:
        return start + dt.timedelta(days=_days_of(term) * times) - ONE_DAY
    anniversary, clamped = _shift_months(start, months * times)
    return anniversary if clamped else anniversary - ONE_DAY
