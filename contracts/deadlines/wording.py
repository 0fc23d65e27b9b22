"""The phrases the deadline engine explains itself with ("3 years from 2018-07-19 ends on the
3rd anniversary"), as messages (core/i18n.py): an N_-marked English msgid and its dates and
durations as values, put into the reader's language where they are shown."""

from __future__ import annotations

import datetime as dt

from core.i18n import N_, Message, Ordinal, message
from extraction.model import Duration


def initial_term_end(term: Duration, start: dt.date, end: dt.date) -> Message:
    """'Initial term 3 years from 2018-07-19 ends on the 3rd anniversary, 2021-07-19', and
    the like."""
    if term.unit == "year":
        return message(
            N_("Initial term %(term)s from %(start)s ends on the %(nth)s anniversary, %(end)s"),
            term=term, start=start, nth=Ordinal(term.count), end=end)
    if term.unit == "month" and end.day == start.day:
        return message(
            N_("Initial term %(term)s from %(start)s ends on the same day %(term)s later, "
               "%(end)s"), term=term, start=start, end=end)
    if term.unit == "month":
        return message(
            N_("Initial term %(term)s from %(start)s ends on the last day of the month "
               "%(term)s later, %(end)s"), term=term, start=start, end=end)
    return message(N_("Initial term %(term)s from %(start)s ends %(end)s"),
                   term=term, start=start, end=end)
