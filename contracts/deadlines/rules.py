"""How the deadline engine reads a contract's terms, shared by term and option deadlines.

A duration must move time forward to count; an end date that is exactly start + term is an
anniversary (derived) end, and notice before such an end is counted from the day before it.
"""

from __future__ import annotations

import datetime as dt

from contracts.deadlines.calendar import ONE_DAY, add_duration
from extraction.model import Duration


def usable(dur: Duration | None) -> Duration | None:
    """A term must move time forward; a zero or negative one is treated as not stated."""
    return dur if dur is not None and dur.count > 0 else None


def is_anniversary(end: dt.date, start: dt.date, term: Duration | None) -> bool:
    """Whether `end` is exactly `start` + `term`, i.e. what an end derived from them would be."""
    if term is None:
        return False
    try:
        return add_duration(start, term) == end
    except OverflowError:
        return False


def notice_counted_from(term_end: dt.date, derived: bool) -> dt.date:
    """The day notice is counted back from: the day before a derived (anniversary) end."""
    return term_end - ONE_DAY if derived else term_end
