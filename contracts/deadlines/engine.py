"""The deadline engine: when a contract ends, renews, and when notice must be given.

Pure date logic: `ContractTerms` in, `Deadlines` out. No I/O, no database, no clock (the caller
passes `today`). `compute_deadlines` runs the steps in order, each a function below:
start -> renewal plan -> initial term end -> options exercised -> (open-ended: review) ->
notice given -> current term -> next renewal -> notice deadline -> options -> status ->
early termination. Each step notes what it assumed in the explanation (`Trail`); the steps
for recorded events (`lifecycle`) apply only when a person recorded one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from contracts.deadlines.calendar import (
    Term,
    add_duration,
    day_after,
    first_review,
    iter_terms,
    notice_deadline_before,
)
from contracts.deadlines.lifecycle import (
    exercised_options,
    given_notice,
    given_notice_open_ended,
    terminated_early,
)
from contracts.deadlines.options import option_deadlines
from contracts.deadlines.reading import (
    InitialEnd,
    RenewalPlan,
    Start,
    Trail,
    status_on,
)
from contracts.deadlines.rules import notice_counted_from, usable
from contracts.deadlines.types import ContractTerms, Deadlines, DerivedEnd, Status
from contracts.deadlines.wording import initial_term_end
from core.i18n import N_, Np_, plural_message
from extraction.model import Duration, Extraction

DEFAULT_REVIEW_AFTER = Duration(count=12, unit="month")

_AFTER_LAST_RENEWAL = Np_(
    "After %(num)d renewal no further renewal is permitted: the contract ended %(ended)s",
    "After %(num)d renewals no further renewal is permitted: the contract ended %(ended)s",
)
# Whole sentences, not a purpose and a "(passed)" pasted in: word order differs in Norwegian.
_NOTICE_LINES = {  # (notice stops the renewal, deadline passed)
    (True, False): N_("Notice %(notice)s before %(counted_from)s to stop the renewal: "
                      "last day %(deadline)s"),
    (True, True): N_("Notice %(notice)s before %(counted_from)s to stop the renewal: "
                     "last day %(deadline)s (passed)"),
    (False, False): N_("Notice %(notice)s before %(counted_from)s to end the contract: "
                       "last day %(deadline)s"),
    (False, True): N_("Notice %(notice)s before %(counted_from)s to end the contract: "
                      "last day %(deadline)s (passed)"),
}


def terms_from_extraction(extraction: Extraction) -> ContractTerms:
    """The engine's inputs from an extraction's values (confidence and evidence stay there)."""

    def value(name: str) -> Any:
        found = extraction.finding(name)
        return None if found is None else found.value

    options = value("extension_options")
    end = extraction.end_date
    return ContractTerms(
        signed_date=value("signed_date"),
        effective_date=value("effective_date"),
        end_date=value("end_date"),
        end_date_derived=DerivedEnd.from_json(end.derived_from) if end is not None else None,
        perpetual=value("perpetual"),
        initial_term=value("initial_term"),
        auto_renewal=value("auto_renewal"),
        renewal_term=value("renewal_term"),
        renewal_count=value("renewal_count"),
        extension_options=tuple(options or ()),
        notice_period=value("notice_period"),
    )


def compute_deadlines(
    terms: ContractTerms,
    today: dt.date,
    review_after: Duration = DEFAULT_REVIEW_AFTER,
) -> Deadlines:
    """End, current term, renewal, notice, option and review dates of a contract on `today`.

    Assumptions, each stated in the explanation when it is used:
    - The initial term runs from the effective date (else the signed date); a stated end date
      wins over one derived from the term. A derived end is the anniversary (start + term, as
      `contracts.derived` dates it), and renewals after it end on their anniversaries
      (previous end + renewal term); renewals after a stated end run to the day before theirs.
    - When the end is derived, notice and option deadlines are counted from the day before
      each term end: the term may also be read as ending the day before its anniversary, and
      the earlier reading is the safe one. With a stated end, from the end itself.
    - An end date marked as computed (`end_date_derived`: what `contracts.derived` stores for
      an uploaded contract whose end is not stated) is read as derived, so that a contract
      typed by hand (start + term, no end) and the same contract uploaded agree. An end date
      without the mark is stated, even when it equals start + term: a person typed or
      confirmed it as the last day.
    - A contract renews automatically when `auto_renewal` is true, or when it is unknown but a
      renewal term was found (missing a renewal costs more than an extra reminder). A renewal
      term that is not stated is taken to be as long as the initial term, and vice versa.
    - Terms whose end has passed were renewed (nobody gave notice), up to `renewal_count`
      renewals; after the last permitted renewal the contract ends.
    - The notice deadline is the one that still matters: once today is past the deadline for
      the current term, notice can no longer stop the coming renewal, so the deadline shown is
      the next term's (rolled as far as needed when notice is longer than a term). It is then
      on or after `today` whenever a further term can still follow. For the last term (no
      renewal follows) it is the deadline to terminate at its end, and may have passed.
    - Notice deadlines follow `notice_deadline_before` (never later than any reading).
    - Extension options are listed in order, each assuming the earlier ones were exercised;
      `ends_on` and `status` assume no option is exercised until a person records it.
    - `status` looks at `ends_on` (when the contract ends if nobody acts): expired after it,
      expiring within 90 days of it, otherwise active (also before the start date, and for
      contracts that renew without limit); unknown when nothing dates the contract.
    """
    trail = Trail()
    start = start_of(terms)
    initial = usable(terms.initial_term)
    notice = terms.notice_period if terms.notice_period and terms.notice_period.count >= 0 else None
    plan = renewal_plan(terms, initial, trail)
    end0 = initial_end(terms, start, initial, plan, trail)
    if end0 is not None and terms.options_exercised > 0:
        end0, terms = exercised_options(terms, end0, trail)
    if end0 is None:
        result = open_ended(terms, start, notice, review_after, today, trail)
        if terms.notice_given_on is not None:
            result = given_notice_open_ended(result, terms.notice_given_on, notice, today, trail)
    else:
        trail.sources["end_date"] = end0.sources
        if terms.notice_given_on is not None:
            plan, notice = given_notice(terms.notice_given_on, end0, start, plan, notice, trail)
        result = running(terms, start, end0, plan, notice, today, trail)
        if terms.notice_given_on is not None and plan.max_renewals is not None:
            result = dataclasses.replace(result, ended_by="notice")
    if terms.terminated_on is not None:
        result = terminated_early(result, terms.terminated_on, today, trail)
    if end0 is not None and end0.how is not None:
        result = dataclasses.replace(result, end_date_derived=end0.how)
    return result


def start_of(terms: ContractTerms) -> Start:
    if terms.effective_date is not None:
        return Start(terms.effective_date, "effective_date")
    return Start(terms.signed_date, "signed_date" if terms.signed_date else "")


def renewal_plan(terms: ContractTerms, initial: Duration | None, trail: Trail) -> RenewalPlan:
    """Step 1: does it renew, for how long each time, and how many times."""
    stated = usable(terms.renewal_term)
    renews = bool(terms.auto_renewal) or (terms.auto_renewal is None and stated is not None)
    if renews and terms.auto_renewal is None:
        trail.note(
            N_("Automatic renewal not stated, but a renewal term was found: assumed to renew"),
            "renewal_term",
        )
    renewal, renewal_src = stated, ("renewal_term",)
    if renews and renewal is None and initial is not None:
        renewal, renewal_src = initial, ("initial_term",)
        trail.note(
            N_("Renewal period not stated: assumed equal to the initial term (%(term)s)"),
            "auto_renewal",
            "initial_term",
            term=initial,
        )
    max_renewals = terms.renewal_count if renews else 0
    if max_renewals is not None and max_renewals < 0:
        max_renewals = None
    return RenewalPlan(
        renews=renews,
        renewal=renewal,
        renewal_src=renewal_src,
        renew_src=("auto_renewal",) if terms.auto_renewal else ("renewal_term",),
        max_renewals=max_renewals,
    )


def initial_end(
    terms: ContractTerms,
    start: Start,
    initial: Duration | None,
    plan: RenewalPlan,
    trail: Trail,
) -> InitialEnd | None:
    """Step 2: the end of the initial term, stated or derived from start + term."""
    if terms.end_date is not None:
        return _stated_end(terms, terms.end_date, trail)
    if start.date is None or terms.perpetual:
        return None
    term0, term0_src = initial, "initial_term"
    if term0 is None and plan.renews and plan.renewal is not None:
        term0, term0_src = plan.renewal, plan.renewal_src[0]
        trail.note(
            N_("Initial term not stated: assumed equal to the renewal period (%(term)s)"),
            "renewal_term",
            term=term0,
        )
    if term0 is None:
        return None
    try:
        end = add_duration(start.date, term0)
    except OverflowError:
        return None
    sources = (start.source, term0_src)
    trail.note(initial_term_end(term0, start.date, end), *sources)
    return InitialEnd(end, sources, derived=True, how=DerivedEnd(start.source, start.date, term0))


def _stated_end(terms: ContractTerms, end: dt.date, trail: Trail) -> InitialEnd:
    """The end as stored: derived when it carries the mark of its derivation, else stated."""
    how = terms.end_date_derived
    if how is not None:
        # What `contracts.derived` stores for an uploaded contract whose end is not stated:
        # read it as the engine reads its own derivation, so the two always agree.
        trail.note(
            N_("Initial term ends %(end)s: %(term)s from %(start)s to the day, as an end "
               "derived from the start and term is dated"),
            "end_date",
            how.start_field,
            "initial_term",
            end=end, term=how.term, start=how.start,
        )
    else:
        trail.note(N_("Initial term ends %(end)s (stated)"), "end_date", end=end)
    if terms.perpetual:
        trail.note(
            N_("Marked perpetual but an end date is stated: the end date is used"),
            "perpetual",
            "end_date",
        )
    return InitialEnd(end, ("end_date",), how is not None, how)


def open_ended(
    terms: ContractTerms,
    start: Start,
    notice: Duration | None,
    review_after: Duration,
    today: dt.date,
    trail: Trail,
) -> Deadlines:
    """Nothing ends: propose when to look at the contract again (the review date)."""
    review: dt.date | None = None
    status: Status = "unknown"
    if terms.perpetual:
        trail.note(N_("Perpetual: no end date"), "perpetual")
        status = "active"
    if start.date is not None and usable(review_after) is not None:
        review = first_review(start.date, review_after, today)
        if review is not None:
            status = "active"
            trail.sources["review_date"] = (
                (start.source, "perpetual") if terms.perpetual else (start.source,)
            )
            trail.note(
                N_("No end date: review every %(period)s from %(start)s, next on %(review)s"),
                *trail.sources["review_date"],
                period=review_after, start=start.date, review=review,
            )
    if notice is not None and status != "unknown":
        trail.note(
            N_("Either party may need to give %(notice)s notice to end it"),
            "notice_period",
            notice=notice,
        )
    return Deadlines(
        today=today,
        status=status,
        start_date=start.date,
        review_date=review,
        sources=trail.sources,
        explanation=tuple(trail.steps),
    )


def running(
    terms: ContractTerms,
    start: Start,
    end0: InitialEnd,
    plan: RenewalPlan,
    notice: Duration | None,
    today: dt.date,
    trail: Trail,
) -> Deadlines:
    """Steps 3-6 for a contract with an end: current term, renewal, notice, options, status."""
    if plan.unknown_period:
        trail.note(N_("Renews automatically, but the renewal period is unknown"),
                   "auto_renewal")
    term_src = end0.sources + (
        (*plan.renew_src, *plan.renewal_src) if plan.roll is not None else ()
    )
    count_src = ("renewal_count",) if plan.roll is not None and plan.limit is not None else ()

    current = next(
        iter_terms(end0.date, start.date, plan.roll, plan.limit, today,
                   anniversaries=end0.derived),
        None,
    )
    last = last_term(end0, start, plan)
    ends_on: dt.date | None = None
    if not (plan.renews and (plan.limit is None or plan.unknown_period)):
        ends_on = last.end if last is not None else end0.date
    ends_src = term_src + count_src if plan.renews else end0.sources
    if ends_on is not None:
        trail.sources["ends_on"] = ends_src

    def options() -> tuple[Any, ...]:
        return option_deadlines(
            terms, end0.date, end0.sources, end0.derived, notice, today, trail.note
        )

    if current is None and not plan.unknown_period:
        ended = last.end if last else end0.date
        if plan.renews and plan.limit is not None and plan.limit > 0:
            trail.note(
                plural_message(_AFTER_LAST_RENEWAL, plan.limit, ended=ended),
                *term_src,
                "renewal_count",
            )
        else:
            trail.note(N_("Ended %(ended)s"), *ends_src, ended=ended)
        trail.sources["current_term_end"] = ends_src
        return Deadlines(
            today=today,
            status="expired",
            start_date=start.date,
            end_date=end0.date,
            current_term_end=ended,
            ends_on=ends_on,
            option_deadlines=options(),
            sources=trail.sources,
            explanation=tuple(trail.steps),
        )
    if current is None:  # renews, period unknown, initial term over: cannot tell where we are
        trail.note(
            N_("The initial term ended %(end)s; the current term cannot be computed: "
               "check the renewal clause"),
            *end0.sources,
            "auto_renewal",
            end=end0.date,
        )
        return Deadlines(
            today=today,
            status="unknown",
            start_date=start.date,
            end_date=end0.date,
            sources=trail.sources,
            explanation=tuple(trail.steps),
        )

    next_renewal = renewal_after(current, plan, term_src, end0, trail)
    notice_found = notice_deadline(end0, start, plan, notice, current, today, term_src, trail)
    trail.sources["status"] = trail.sources.get("ends_on", term_src)
    return Deadlines(
        today=today,
        status=status_on(ends_on, today),
        start_date=start.date,
        end_date=end0.date,
        current_term_end=current.end,
        next_renewal_date=next_renewal,
        ends_on=ends_on,
        notice_deadline=notice_found.deadline if notice_found else None,
        notice_term_end=notice_found.term_end if notice_found else None,
        notice_prevents_renewal=notice_found.prevents_renewal if notice_found else False,
        option_deadlines=options(),
        sources=trail.sources,
        explanation=tuple(trail.steps),
    )


def last_term(end0: InitialEnd, start: Start, plan: RenewalPlan) -> Term | None:
    """The last term the contract can run to, when its renewals are limited."""
    if plan.limit is None:
        return None
    last: Term | None = None
    for last in iter_terms(end0.date, start.date, plan.roll, plan.limit, end0.date,  # noqa: B007
                           anniversaries=end0.derived):
        pass
    return last


def renewal_after(
    current: Term,
    plan: RenewalPlan,
    term_src: tuple[str, ...],
    end0: InitialEnd,
    trail: Trail,
) -> dt.date | None:
    """Step 4: the first day of the renewal that follows the current term, if one does."""
    trail.sources["current_term_end"] = term_src if current.number else end0.sources
    if current.number and plan.roll is not None:
        trail.note(
            N_("Renews for %(period)s periods: current term (renewal %(number)s) ends "
               "%(end)s"),
            *term_src,
            period=plan.roll, number=current.number, end=current.end,
        )
    next_renewal = day_after(current.end) if plan.renews_after(current.number) else None
    if next_renewal is not None:
        trail.sources["next_renewal_date"] = term_src
        trail.note(N_("Unless notice is given, it renews on %(day)s"), *term_src,
                   day=next_renewal)
        return next_renewal
    if plan.renews and not plan.unknown_period:
        trail.note(
            N_("This is the last permitted renewal: the contract ends %(end)s"),
            *term_src,
            "renewal_count",
            end=current.end,
        )
    return None


@dataclasses.dataclass(frozen=True)
class NoticeDeadline:
    deadline: dt.date
    term_end: dt.date
    prevents_renewal: bool  # else: notice to terminate at the end of the term


def notice_deadline(
    end0: InitialEnd,
    start: Start,
    plan: RenewalPlan,
    notice: Duration | None,
    current: Term,
    today: dt.date,
    term_src: tuple[str, ...],
    trail: Trail,
) -> NoticeDeadline | None:
    """Step 5: the notice deadline that still matters (see `compute_deadlines`)."""
    if notice is None:
        return None
    found: NoticeDeadline | None = None
    for term in iter_terms(end0.date, start.date, plan.roll, plan.limit, current.end,
                           anniversaries=end0.derived):
        deadline = notice_deadline_before(notice_counted_from(term.end, end0.derived), notice)
        has_next = plan.renews_after(term.number)
        if deadline >= today or not has_next or plan.roll is None:
            found = NoticeDeadline(deadline, term.end, has_next)
            if term.start is not None and deadline < term.start:
                trail.note(N_("The notice period is longer than the term"), "notice_period",
                           *term_src)
            break
        trail.note(
            N_("Notice deadline %(deadline)s for the term ending %(end)s has passed: "
               "that renewal can no longer be stopped"),
            *term_src,
            "notice_period",
            deadline=deadline, end=term.end,
        )
    if found is None:
        return None
    sources = (*(term_src if found.term_end != end0.date else end0.sources), "notice_period")
    trail.sources["notice_deadline"] = sources
    counted_from = notice_counted_from(found.term_end, end0.derived)
    if end0.derived:
        trail.note(
            N_("Notice counted from %(counted_from)s, the day before the term end %(end)s, "
               "in case the term is read as ending the day before its anniversary"),
            *sources,
            counted_from=counted_from, end=found.term_end,
        )
    trail.note(
        _NOTICE_LINES[(found.prevents_renewal, found.deadline < today)],
        *sources,
        notice=notice, counted_from=counted_from, deadline=found.deadline,
    )
    return found
