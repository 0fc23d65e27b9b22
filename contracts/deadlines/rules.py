"""How the deadline engine reads a contract's terms, shared by term and option deadlines.

A duration must move time forward to count; an end date computed from start + term (marked
so, see `ContractTerms.end_date_derived`) is an anniversary end, and notice before such an
end is counted from the day before it.
"""

from __future__ import annotations

import datetime as dt

from contracts.deadlines.calendar import ONE_DAY
from extraction.model import Duration


def usable(dur: Duration | None) -> Duration | None:
    """A term must move time forward; a zero or negative one is treated as not stated."""
    return dur if dur is not None and dur.count > 0 else None


def notice_counted_from(term_end: dt.date, derived: bool) -> dt.date:
    """The day notice is counted back from: the day before a derived (anniversary) end."""
    return term_end - ONE_DAY if derived else term_end
