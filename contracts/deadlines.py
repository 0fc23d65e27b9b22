"""The deadline engine: when a contract ends, renews, and when notice must be given.

Pure date logic: `ContractTerms` in, `Deadlines` out. No I/O, no database, no clock (the caller
passes `today`). The calendar arithmetic it rests on is in `contracts.calendar`; the input and
output types are in `contracts.deadline_types`, extension options in `contracts.deadline_options`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from contracts.calendar import (
    Term,
    add_duration,
    day_after,
    first_review,
    iter_terms,
    notice_deadline_before,
)
from contracts.deadline_options import option_deadlines
from contracts.deadline_rules import is_anniversary, notice_counted_from, usable
from contracts.deadline_types import ContractTerms, Deadlines, Status, Step
from contracts.deadline_wording import describe, describe_term_end
from extraction.model import Duration, Extraction

EXPIRING_WITHIN = dt.timedelta(days=90)
DEFAULT_REVIEW_AFTER = Duration(count=12, unit="month")


def terms_from_extraction(extraction: Extraction) -> ContractTerms:
    """The engine's inputs from an extraction's values (confidence and evidence stay there)."""

    def value(name: str) -> Any:
        found = extraction.finding(name)
        return None if found is None else found.value

    options = value("extension_options")
    return ContractTerms(
        signed_date=value("signed_date"),
        effective_date=value("effective_date"),
        end_date=value("end_date"),
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
    - A stated end date that is exactly start + initial term is read as derived: that is the
      value `contracts.derived` stores for an uploaded contract whose end is not stated, and a
      contract typed by hand (start + term) and the same contract uploaded must agree.
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
    steps: list[Step] = []
    sources: dict[str, tuple[str, ...]] = {}

    def note(text: str, *src: str) -> None:
        steps.append(Step(text, tuple(dict.fromkeys(s for s in src if s))))

    start, start_src = (
        (terms.effective_date, "effective_date")
        if terms.effective_date is not None
        else (terms.signed_date, "signed_date")
    )
    if start is None:
        start_src = ""
    initial = usable(terms.initial_term)
    renewal_stated = usable(terms.renewal_term)
    notice = terms.notice_period if terms.notice_period and terms.notice_period.count >= 0 else None
    renews = bool(terms.auto_renewal) or (terms.auto_renewal is None and renewal_stated is not None)
    renew_src = ("auto_renewal",) if terms.auto_renewal else ("renewal_term",)
    if renews and terms.auto_renewal is None:
        note(
            "Automatic renewal not stated, but a renewal term was found: assumed to renew",
            "renewal_term",
        )

    renewal, renewal_src = renewal_stated, ("renewal_term",)
    if renews and renewal is None and initial is not None:
        renewal, renewal_src = initial, ("initial_term",)
        note(
            f"Renewal period not stated: assumed equal to the initial term ({describe(initial)})",
            "auto_renewal",
            "initial_term",
        )
    max_renewals = terms.renewal_count if renews else 0
    if max_renewals is not None and max_renewals < 0:
        max_renewals = None

    # End of the initial term.
    end0: dt.date | None = None
    end_src: tuple[str, ...] = ()
    derived = False  # end0 is an anniversary reckoned from start + term, not a stated last day
    if terms.end_date is not None:
        end0, end_src = terms.end_date, ("end_date",)
        derived = start is not None and is_anniversary(end0, start, initial)
        if derived and start is not None and initial is not None:
            # What `contracts.derived` stores for an uploaded contract whose end is not stated:
            # read it as the engine reads its own derivation, so the two always agree.
            note(
                f"Initial term ends {end0}: {describe(initial)} from {start} to the day, as an end "
                "derived from the start and term is dated",
                "end_date",
                start_src,
                "initial_term",
            )
        else:
            note(f"Initial term ends {end0} (stated)", "end_date")
        if terms.perpetual:
            note(
                "Marked perpetual but an end date is stated: the end date is used",
                "perpetual",
                "end_date",
            )
    elif start is not None and not terms.perpetual:
        term0, term0_src = initial, "initial_term"
        if term0 is None and renews and renewal is not None:
            term0, term0_src = renewal, renewal_src[0]
            note(
                f"Initial term not stated: assumed equal to the renewal period ({describe(term0)})",
                "renewal_term",
            )
        if term0 is not None:
            try:
                end0 = add_duration(start, term0)
            except OverflowError:
                end0 = None
            if end0 is not None:
                derived = True
                end_src = (start_src, term0_src)
                note(f"Initial term {describe_term_end(term0, start, end0)}", *end_src)
    if end0 is not None:
        sources["end_date"] = end_src

    # Open-ended: nothing ends, so propose when to look at it again.
    if end0 is None:
        review: dt.date | None = None
        status: Status = "unknown"
        if terms.perpetual:
            note("Perpetual: no end date", "perpetual")
            status = "active"
        if start is not None and usable(review_after) is not None:
            review = first_review(start, review_after, today)
            if review is not None:
                status = "active"
                sources["review_date"] = (
                    (start_src, "perpetual") if terms.perpetual else (start_src,)
                )
                note(
                    f"No end date: review every {describe(review_after)} from {start}, "
                    f"next on {review}",
                    *sources["review_date"],
                )
        if notice is not None and status != "unknown":
            note(
                f"Either party may need to give {describe(notice)} notice to end it",
                "notice_period",
            )
        return Deadlines(
            today=today,
            status=status,
            start_date=start,
            review_date=review,
            sources=sources,
            explanation=tuple(steps),
        )

    unknown_renewal = renews and renewal is None
    if unknown_renewal:
        note("Renews automatically, but the renewal period is unknown", "auto_renewal")
    roll = None if unknown_renewal else renewal
    limit = 0 if roll is None else max_renewals
    term_src = end_src + ((*renew_src, *renewal_src) if roll is not None else ())
    count_src = ("renewal_count",) if roll is not None and limit is not None else ()

    # The current term: the first one that has not ended; past the last one, the contract ended.
    current: Term | None = next(
        iter_terms(end0, start, roll, limit, today, anniversaries=derived), None
    )
    last: Term | None = None
    if limit is not None:
        for last in iter_terms(end0, start, roll, limit, end0, anniversaries=derived):  # noqa: B007 - we want the last
            pass
    ends_on: dt.date | None = None
    if not (renews and (limit is None or unknown_renewal)):
        ends_on = last.end if last is not None else end0
    ends_src = term_src + count_src if renews else end_src
    if ends_on is not None:
        sources["ends_on"] = ends_src

    if current is None and not unknown_renewal:
        ended = last.end if last else end0
        if renews and limit is not None and limit > 0:
            note(
                f"After {limit} renewal{'s' if limit != 1 else ''} no further renewal is "
                f"permitted: the contract ended {ended}",
                *term_src,
                "renewal_count",
            )
        else:
            note(f"Ended {ended}", *ends_src)
        sources["current_term_end"] = ends_src
        return Deadlines(
            today=today,
            status="expired",
            start_date=start,
            end_date=end0,
            current_term_end=ended,
            ends_on=ends_on,
            option_deadlines=option_deadlines(terms, end0, end_src, derived, notice, today, note),
            sources=sources,
            explanation=tuple(steps),
        )
    if current is None:  # renews, period unknown, initial term over: cannot tell where we are
        note(
            f"The initial term ended {end0}; the current term cannot be computed: "
            "check the renewal clause",
            *end_src,
            "auto_renewal",
        )
        return Deadlines(
            today=today,
            status="unknown",
            start_date=start,
            end_date=end0,
            sources=sources,
            explanation=tuple(steps),
        )

    sources["current_term_end"] = term_src if current.number else end_src
    if current.number and roll is not None:
        note(
            f"Renews for {describe(roll)} periods: current term "
            f"(renewal {current.number}) ends {current.end}",
            *term_src,
        )
    renews_after_current = renews and (unknown_renewal or limit is None or current.number < limit)
    next_renewal = day_after(current.end) if renews_after_current else None
    if next_renewal is not None:
        sources["next_renewal_date"] = term_src
        note(f"Unless notice is given, it renews on {next_renewal}", *term_src)
    elif renews and not unknown_renewal:
        note(
            f"This is the last permitted renewal: the contract ends {current.end}",
            *term_src,
            "renewal_count",
        )

    # The notice deadline that still matters.
    notice_deadline: dt.date | None = None
    notice_term_end: dt.date | None = None
    prevents_renewal = False
    if notice is not None:
        for term in iter_terms(end0, start, roll, limit, current.end, anniversaries=derived):
            deadline = notice_deadline_before(notice_counted_from(term.end, derived), notice)
            has_next = renews and (unknown_renewal or limit is None or term.number < limit)
            if deadline >= today or not has_next or roll is None:
                notice_deadline, notice_term_end, prevents_renewal = deadline, term.end, has_next
                if term.start is not None and deadline < term.start:
                    note("The notice period is longer than the term", "notice_period", *term_src)
                break
            note(
                f"Notice deadline {deadline} for the term ending {term.end} has passed: "
                "that renewal can no longer be stopped",
                *term_src,
                "notice_period",
            )
        if notice_deadline is not None and notice_term_end is not None:
            purpose = "to stop the renewal" if prevents_renewal else "to end the contract"
            sources["notice_deadline"] = (
                *(term_src if notice_term_end != end0 else end_src),
                "notice_period",
            )
            counted_from = notice_counted_from(notice_term_end, derived)
            if derived:
                note(
                    f"Notice counted from {counted_from}, the day before the term end "
                    f"{notice_term_end}, in case the term is read as ending the day before its "
                    "anniversary",
                    *sources["notice_deadline"],
                )
            note(
                f"Notice {describe(notice)} before {counted_from} {purpose}: "
                f"last day {notice_deadline}" + (" (passed)" if notice_deadline < today else ""),
                *sources["notice_deadline"],
            )

    if ends_on is None:
        status = "active"
    elif ends_on - today <= EXPIRING_WITHIN:
        status = "expiring"
    else:
        status = "active"
    sources["status"] = sources.get("ends_on", term_src)
    return Deadlines(
        today=today,
        status=status,
        start_date=start,
        end_date=end0,
        current_term_end=current.end,
        next_renewal_date=next_renewal,
        ends_on=ends_on,
        notice_deadline=notice_deadline,
        notice_term_end=notice_term_end,
        notice_prevents_renewal=prevents_renewal,
        option_deadlines=option_deadlines(terms, end0, end_src, derived, notice, today, note),
        sources=sources,
        explanation=tuple(steps),
    )
