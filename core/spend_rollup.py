"""Reading spend through its monthly rollup: the months a date window covers whole come from
`spend_rollups`, the days of a month it covers only in part from the lines themselves, so a
window of any days gives the same sums as the lines alone. Here, below every capability,
because both the spend reports and the supplier list read it; spend.rollup keeps it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, Subquery, func, literal, select, union_all
from sqlalchemy.orm import Session

from core.models import SpendLine, SpendRollup

# The columns a source has, in the rollup's and the lines' shared names; `lines` is how many
# spend lines a row stands for.
GROUPED = ("month", "supplier_id", "supplier_name", "category_id", "category_text",
           "organisational_unit", "contract_id", "on_contract")


# Any constant: the key of the PostgreSQL advisory lock that writers of the rollup take.
_WRITERS_LOCK = 0x5E9D_0001


def lock_for_writing(session: Session) -> None:
    """One writer of the rollup at a time, until its transaction ends. Compacting reads a
    month's rows and writes their sum: two writers compacting the same month at once would
    each keep the rows the other took. SQLite has one writer anyway; PostgreSQL needs the
    lock (taking it again in the same transaction is free)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(_WRITERS_LOCK)))


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def whole_months(start: dt.date | None, end: dt.date | None
                 ) -> tuple[str | None, str | None] | None:
    """The first and last month lying wholly within [start, end] (None: unbounded on that
    side), or None when no month does."""
    first = None if start is None else (
        month_of(start) if start.day == 1 else month_of(_next_month(start)))
    last = None if end is None else (
        month_of(end) if _next_month(end).replace(day=1) - dt.timedelta(days=1) == end
        else month_of(end.replace(day=1) - dt.timedelta(days=1)))
    if first is not None and last is not None and first > last:
        return None
    return first, last


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def spend_source(start: dt.date | None = None, end: dt.date | None = None) -> Subquery:
    """Rows of the GROUPED columns with `amount` and `lines`, summing to the spend lines dated
    from `start` to `end` (both included; a bounded window leaves out undated lines).
    Callers filter and group on its columns."""
    rolled = select(*(getattr(SpendRollup, c) for c in GROUPED),
                    SpendRollup.amount.label("amount"), SpendRollup.lines.label("lines"))
    if start is None and end is None:
        return rolled.subquery()
    if any(day is not None and day.year in (dt.MINYEAR, dt.MAXYEAR) for day in (start, end)):
        # Month arithmetic would step outside the calendar; such a window is read from the
        # lines themselves (exact, and rare: nobody's spend is dated in year 1 or 9999).
        return _lines_dated(start, end).subquery()
    months = whole_months(start, end)
    if months is None:
        return _lines_dated(start, end).subquery()
    first, last = months
    parts = [rolled.where(*([SpendRollup.month >= first] if first else []),
                          *([SpendRollup.month <= last] if last else []))]
    # The cut months' days, each its own date range so the date index serves it.
    if start is not None and first is not None and month_of(start) != first:
        parts.append(_lines_dated(start, _first_day(first) - dt.timedelta(days=1)))
    if end is not None and last is not None and month_of(end) != last:
        parts.append(_lines_dated(_next_month(_first_day(last)), end))
    if len(parts) == 1:
        return parts[0].subquery()
    return union_all(*parts).subquery()


def _lines_dated(start: dt.date | None, end: dt.date | None) -> Select[Any]:
    query = select(*(getattr(SpendLine, c) for c in GROUPED),
                   SpendLine.amount.label("amount"), literal(1).label("lines"))
    if start is not None:
        query = query.where(SpendLine.date >= start)
    if end is not None:
        query = query.where(SpendLine.date <= end)
    return query


def _first_day(month: str) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), 1)
