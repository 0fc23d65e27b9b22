"""The phrases the deadline engine explains itself with ("3 years", "the 3rd anniversary")."""

from __future__ import annotations

import datetime as dt

from extraction.model import Duration


def describe(dur: Duration) -> str:
    return f"{dur.count} {dur.unit}{'' if dur.count == 1 else 's'}"


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def describe_term_end(term: Duration, start: dt.date, end: dt.date) -> str:
    """'3 years from 2018-07-19 ends on the 3rd anniversary, 2021-07-19', and the like."""
    if term.unit == "year":
        return f"{describe(term)} from {start} ends on the {ordinal(term.count)} anniversary, {end}"
    if term.unit == "month":
        same_day = "the same day" if end.day == start.day else "the last day of the month"
        return f"{describe(term)} from {start} ends on {same_day} {describe(term)} later, {end}"
    return f"{describe(term)} from {start} ends {end}"
