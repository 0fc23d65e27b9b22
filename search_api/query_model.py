"""The engine-neutral query model the search box's text is parsed into (see `query_language`).

A `ParsedQuery` is a conjunction of `AnyOf` groups minus excluded clauses; a `Group` nests a
whole `ParsedQuery` (parentheses), so any AND/OR/NOT tree fits. Each adapter translates the
model into its engine's queries with its own analyzers: words and phrases are kept as typed.

Dates in `DateRange` may be relative to the query's day (`expires:<90d`): `DateRange.days`
turns them into an inclusive range of days for a given today, the same on every engine.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

# Fields a word or phrase can be restricted to. title/party/body are the contract's text;
# supplier/category/law match words of those values (`supplier:acme`).
SearchField = Literal["title", "party", "body", "supplier", "category", "law"]
TEXT_SEARCH_FIELDS: frozenset[str] = frozenset({"title", "party", "body"})
DateField = Literal["expires", "notice"]
DateUnit = Literal["d", "w", "m", "y"]
Status = Literal["active", "expiring", "expired", "unknown"]
Risk = Literal["low", "medium", "high", "unknown"]
# value: the contract's value; spend: its spend in the last 12 months; score: its
# supplier's last evaluation score (see IndexedContract).
NumberField = Literal["value", "spend", "score"]


@dataclass(frozen=True, slots=True)
class Term:
    """One word as typed (may contain punctuation, which the engine splits into a phrase).

    `fuzzy` is the number of edits allowed (0: exact); only plain words are fuzzy."""

    text: str
    field: SearchField | None = None
    prefix: bool = False
    fuzzy: int = 0


@dataclass(frozen=True, slots=True)
class Phrase:
    """Words that must appear next to each other, in this order."""

    text: str
    field: SearchField | None = None


@dataclass(frozen=True, slots=True)
class StatusIs:
    """The deadline engine's stored status (`status:expiring`)."""

    status: Status


@dataclass(frozen=True, slots=True)
class RiskIs:
    """The supplier's stored financial risk level (`risk:high`)."""

    level: Risk


@dataclass(frozen=True, slots=True)
class When:
    """A day or span as typed: an ISO date, month or year, or an offset from today."""

    start: dt.date | None = None
    end: dt.date | None = None
    offset: tuple[int, DateUnit] | None = None

    def span(self, today: dt.date) -> tuple[dt.date, dt.date]:
        if self.offset is not None:
            day = shift(today, *self.offset)
            return day, day
        assert self.start is not None and self.end is not None
        return self.start, self.end


@dataclass(frozen=True, slots=True)
class DateRange:
    """`expires:<90d`, `notice:2025-06`, `expires:2025-01-01..2025-06-30`.

    `upcoming`: the range starts today (`<90d`: within the next 90 days, not already past).
    Contracts without the date (perpetual, open-ended, no notice deadline) never match."""

    field: DateField
    low: When | None
    low_inclusive: bool
    high: When | None
    high_inclusive: bool
    upcoming: bool = False

    def days(self, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
        """Inclusive first and last day; None for an open side."""
        first = last = None
        if self.low is not None:
            start, end = self.low.span(today)
            first = start if self.low_inclusive else _next_day(end, 1)
        if self.high is not None:
            start, end = self.high.span(today)
            last = end if self.high_inclusive else _next_day(start, -1)
        if self.upcoming and (first is None or first < today):
            first = today
        return first, last


@dataclass(frozen=True, slots=True)
class ValueRange:
    """`value:>1000000`, `value:100000..500000` (the contract value, any currency);
    `spend:>100000`, `score:<3` the same over the other figures. A contract without the
    figure never matches."""

    low: float | None
    low_inclusive: bool
    high: float | None
    high_inclusive: bool
    field: NumberField = "value"


@dataclass(frozen=True, slots=True)
class Group:
    """A parenthesised sub-query."""

    query: ParsedQuery


TextClause = Term | Phrase
Clause = Term | Phrase | StatusIs | RiskIs | DateRange | ValueRange | Group


@dataclass(frozen=True, slots=True)
class AnyOf:
    """At least one of the clauses must match (a single clause for a plain word)."""

    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """Conjunction of `required` groups, minus anything matching an `excluded` clause.

    Empty `required` with empty `excluded` matches every (visible) contract.
    """

    required: tuple[AnyOf, ...] = ()
    excluded: tuple[Clause, ...] = ()

    @property
    def matches_everything(self) -> bool:
        return not self.required and not self.excluded

    def positive_clauses(self) -> Iterator[TextClause]:
        """Words and phrases in the contract's text that can make it match: what
        highlighting marks (nothing under an exclusion, no filters). Fuzzy words are left
        out on every engine: tantivy cannot list the words a fuzzy term matched."""
        for group in self.required:
            for clause in group.clauses:
                if isinstance(clause, Group):
                    yield from clause.query.positive_clauses()
                elif (
                    isinstance(clause, Term | Phrase)
                    and (clause.field is None or clause.field in TEXT_SEARCH_FIELDS)
                    and not (isinstance(clause, Term) and clause.fuzzy)
                ):
                    yield clause


def shift(day: dt.date, count: int, unit: DateUnit) -> dt.date:
    """`day` moved by `count` units; months and years keep the day of the month where they
    can (31 January + 1 month is 28 or 29 February). Clamped to the calendar's ends."""
    try:
        if unit == "d":
            return day + dt.timedelta(days=count)
        if unit == "w":
            return day + dt.timedelta(weeks=count)
        months = count * (12 if unit == "y" else 1)
        index = day.year * 12 + day.month - 1 + months
        year, month = divmod(index, 12)
        month += 1
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, min(day.day, last))
    except (OverflowError, ValueError):
        return dt.date.max if count > 0 else dt.date.min


def _next_day(day: dt.date, step: int) -> dt.date:
    try:
        return day + dt.timedelta(days=step)
    except OverflowError:
        return day
