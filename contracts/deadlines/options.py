"""Extension option deadlines: by when each option must be exercised, and the end it gives.

Part of the deadline engine (`contracts.deadlines`), which calls it once the initial term's
end is known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from contracts.deadlines.calendar import (
    ONE_DAY,
    add_duration,
    notice_deadline_before,
    term_last_day,
)
from contracts.deadlines.rules import notice_counted_from, usable
from contracts.deadlines.types import ContractTerms, OptionDeadline
from core.i18n import N_
from extraction.model import Duration


def option_deadlines(
    terms: ContractTerms,
    end0: dt.date,
    end_src: tuple[str, ...],
    derived: bool,
    notice: Duration | None,
    today: dt.date,
    note: Callable[..., None],
) -> tuple[OptionDeadline, ...]:
    """Each extension option's exercise deadline and the end date it would give.

    After a derived end an option extends to its anniversary (previous end + option) and is
    exercised by the day before the term end, less any notice; after a stated end it runs to
    the day before its anniversary and is exercised by the term end, less any notice.
    """
    found: list[OptionDeadline] = []
    extends = end0
    src = (*end_src, "extension_options", *(("notice_period",) if notice else ()))
    explained = False
    for number, option in enumerate(terms.extension_options, start=1):
        if usable(option) is None:
            continue
        try:
            last_day = notice_counted_from(extends, derived)
            deadline = notice_deadline_before(last_day, notice) if notice else last_day
            new_end = (
                add_duration(extends, option)
                if derived
                else term_last_day(extends + ONE_DAY, option)
            )
        except OverflowError:
            break
        if derived and not explained:
            explained = True
            note(
                N_("Options: exercise deadlines counted from the day before each term end, in "
                   "case the term is read as ending the day before its anniversary"),
                *src,
            )
        found.append(
            OptionDeadline(number, option, extends, deadline, new_end, deadline < today, src)
        )
        note(
            N_("Option %(number)s (%(option)s): exercise by %(deadline)s to extend the term "
               "ending %(end)s to %(new_end)s (passed)") if deadline < today else
            N_("Option %(number)s (%(option)s): exercise by %(deadline)s to extend the term "
               "ending %(end)s to %(new_end)s"),
            *src,
            number=number, option=option, deadline=deadline, end=extends, new_end=new_end,
        )
        extends = new_end
    return tuple(found)
