"""When a contract's supplier must have been evaluated: a set number of days before the next
decision (the notice deadline or an option's exercise deadline, whichever comes first),
so that renewing, extending or ending the contract is decided on an evaluation."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable

DEFAULT_DAYS_BEFORE = 60
# An evaluation older than this before the decision no longer speaks for the supplier.
EVALUATION_VALID_DAYS = 365


@dataclasses.dataclass(frozen=True)
class EvaluationDue:
    decision: str  # notice | option
    decision_on: dt.date
    due_on: dt.date

    def satisfied_by(self, evaluated_on: dt.date | None) -> bool:
        """Whether an evaluation done on `evaluated_on` is recent enough for the decision."""
        return evaluated_on is not None and (
            self.decision_on - dt.timedelta(days=EVALUATION_VALID_DAYS)
            <= evaluated_on <= self.decision_on)


def evaluation_due(notice_deadline: dt.date | None, option_deadlines: Iterable[dt.date],
                   today: dt.date, days_before: int = DEFAULT_DAYS_BEFORE
                   ) -> EvaluationDue | None:
    """The next decision still ahead (today counts) and the day its evaluation is due."""
    decisions = [(day, "option") for day in option_deadlines if day >= today]
    if notice_deadline is not None and notice_deadline >= today:
        decisions.append((notice_deadline, "notice"))
    if not decisions:
        return None
    day, decision = min(decisions)
    return EvaluationDue(decision, day, day - dt.timedelta(days=days_before))
