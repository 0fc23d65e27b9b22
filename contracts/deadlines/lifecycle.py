"""Steps for what people recorded in a contract's life: options exercised, notice given,
early termination. Each changes what the engine concludes from the contract's terms."""

from __future__ import annotations

import dataclasses
import datetime as dt

from contracts.deadlines.calendar import (
    ONE_DAY,
    Term,
    add_duration,
    iter_terms,
    notice_deadline_before,
    term_last_day,
)
from contracts.deadlines.reading import InitialEnd, RenewalPlan, Start, Trail, status_on
from contracts.deadlines.rules import notice_counted_from, usable
from contracts.deadlines.types import ContractTerms, Deadlines
from core.i18n import N_, Np_, plural_message
from extraction.model import Duration

_OPTIONS_EXERCISED = Np_(
    "%(num)d extension option exercised (recorded): the term now ends %(end)s",
    "%(num)d extension options exercised (recorded): the term now ends %(end)s",
)


def exercised_options(
    terms: ContractTerms, end0: InitialEnd, trail: Trail
) -> tuple[InitialEnd, ContractTerms]:
    """A recorded exercise of the first N options moves the end; the rest stay open."""
    exercised = [o for o in terms.extension_options if usable(o) is not None]
    count = min(terms.options_exercised, len(exercised))
    if count == 0:
        return end0, terms
    end = end0.date
    try:
        for option in exercised[:count]:
            end = add_duration(end, option) if end0.derived else term_last_day(end + ONE_DAY,
                                                                               option)
    except OverflowError:
        return end0, terms
    sources = (*end0.sources, "options_exercised")
    trail.note(plural_message(_OPTIONS_EXERCISED, count, end=end), *sources)
    remaining = dataclasses.replace(terms, extension_options=tuple(exercised[count:]))
    return InitialEnd(end, sources, end0.derived), remaining


def given_notice(
    given_on: dt.date,
    end0: InitialEnd,
    start: Start,
    plan: RenewalPlan,
    notice: Duration | None,
    trail: Trail,
) -> tuple[RenewalPlan, Duration | None]:
    """Notice given on `given_on` ends the contract at the first term end it still reaches:
    no renewal follows, and no notice deadline is left to watch."""
    reached: Term | None = None
    for term in iter_terms(end0.date, start.date, plan.roll, plan.limit, given_on,
                           anniversaries=end0.derived):
        deadline = (
            notice_deadline_before(notice_counted_from(term.end, end0.derived), notice)
            if notice is not None else term.end
        )
        if deadline >= given_on or not plan.renews_after(term.number) or plan.roll is None:
            reached = term
            break
    if reached is None:
        trail.note(N_("Notice given on %(day)s, after the contract ended"), "notice_given_on",
                   day=given_on)
        return plan, notice
    late = reached.number > 0 and plan.roll is not None
    trail.note(
        N_("Notice given on %(day)s (too late for an earlier term): the contract ends %(end)s, "
           "no renewal follows") if late else
        N_("Notice given on %(day)s: the contract ends %(end)s, no renewal follows"),
        "notice_given_on", *end0.sources, *(("notice_period",) if notice else ()),
        day=given_on, end=reached.end,
    )
    # Renewals before the term it reaches still happen; none after it.
    ending = dataclasses.replace(
        plan, renews=plan.renews and not plan.unknown_period, max_renewals=reached.number
    )
    return ending, None


def given_notice_open_ended(
    result: Deadlines,
    given_on: dt.date,
    notice: Duration | None,
    today: dt.date,
    trail: Trail,
) -> Deadlines:
    """An open-ended contract ends when the notice period after the notice runs out."""
    try:
        ends = add_duration(given_on, notice) if notice is not None else given_on
    except OverflowError:
        return result
    trail.note(N_("Notice given on %(day)s: the contract ends %(end)s"), "notice_given_on",
               *(("notice_period",) if notice else ()), day=given_on, end=ends)
    return dataclasses.replace(
        result,
        status="expired" if ends < today else status_on(ends, today),
        current_term_end=ends,
        ends_on=ends,
        review_date=None,
        ended_by="notice",
        explanation=tuple(trail.steps),
    )


def terminated_early(
    result: Deadlines, terminated_on: dt.date, today: dt.date, trail: Trail
) -> Deadlines:
    """A recorded early termination ends the contract that day, whatever its terms say."""
    if result.ends_on is not None and result.ends_on <= terminated_on:
        trail.note(
            N_("Termination recorded with effect from %(day)s, after the contract's end "
               "%(end)s: the end stands"),
            "terminated_on",
            day=terminated_on, end=result.ends_on,
        )
        return dataclasses.replace(result, explanation=tuple(trail.steps))
    trail.note(N_("Terminated early with effect from %(day)s"), "terminated_on",
               day=terminated_on)
    current_end = result.current_term_end
    return dataclasses.replace(
        result,
        status="expired" if terminated_on < today else status_on(terminated_on, today),
        current_term_end=(
            terminated_on if current_end is None else min(current_end, terminated_on)
        ),
        ends_on=terminated_on,
        next_renewal_date=None,
        notice_deadline=None,
        notice_term_end=None,
        notice_prevents_renewal=False,
        option_deadlines=(),
        review_date=None,
        ended_by="termination",
        sources={**result.sources, "ends_on": ("terminated_on",)},
        explanation=tuple(trail.steps),
    )
