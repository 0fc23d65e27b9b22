"""The deadline engine: when a contract ends, renews, and when notice must be given.

Pure date logic: `ContractTerms` in, `Deadlines` out. No I/O, no database, no clock (the caller
passes `today`). The calendar arithmetic it rests on is in `contracts.calendar`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, Literal

from contracts.calendar import (
    ONE_DAY,
    Term,
    add_duration,
    first_review,
    iter_terms,
    notice_deadline_before,
    term_last_day,
)
from extraction.model import Duration, Extraction

Status = Literal["active", "expiring", "expired", "unknown"]

EXPIRING_WITHIN = dt.timedelta(days=90)
DEFAULT_REVIEW_AFTER = Duration(count=12, unit="month")


@dataclasses.dataclass(frozen=True)
class ContractTerms:
    """The inputs of the engine: extracted values, or the values a person confirmed."""

    signed_date: dt.date | None = None
    effective_date: dt.date | None = None
    end_date: dt.date | None = None
    perpetual: bool | None = None
    initial_term: Duration | None = None
    auto_renewal: bool | None = None
    renewal_term: Duration | None = None
    renewal_count: int | None = None  # None: unlimited or not stated
    extension_options: tuple[Duration, ...] = ()
    notice_period: Duration | None = None


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


@dataclasses.dataclass(frozen=True)
class Step:
    """One line of the explanation, with the input fields it rests on (to show evidence)."""

    text: str
    sources: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class OptionDeadline:
    """An extension option, assuming every earlier option was exercised."""

    number: int  # 1-based, in the order the contract lists them
    duration: Duration
    extends_term_ending: dt.date
    exercise_deadline: dt.date  # last day to exercise (term end minus notice, if any)
    new_end_date: dt.date  # the contract's end date once exercised
    passed: bool
    sources: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Deadlines:
    """What the engine concluded for one contract on one day. Dates are None when unknown.

    `sources` maps each output name to the input fields (ContractTerms names) it came from.
    """

    today: dt.date
    status: Status
    start_date: dt.date | None = None
    end_date: dt.date | None = None  # end of the initial term, stated or derived
    current_term_end: dt.date | None = None
    next_renewal_date: dt.date | None = None  # first day of the next automatic renewal
    ends_on: dt.date | None = None  # when the contract ends if nobody acts (None: never)
    notice_deadline: dt.date | None = None  # last day notice may be received
    notice_term_end: dt.date | None = None  # the term end that notice applies to
    notice_prevents_renewal: bool = False  # else: notice to terminate at the end of the term
    option_deadlines: tuple[OptionDeadline, ...] = ()
    review_date: dt.date | None = None  # for open-ended contracts
    sources: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    explanation: tuple[Step, ...] = ()

    @property
    def notice_deadline_passed(self) -> bool:
        return self.notice_deadline is not None and self.notice_deadline < self.today

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types: ISO dates, durations as {"count", "unit"}, tuples as lists."""
        data: dict[str, Any] = _jsonable(dataclasses.asdict(self))
        data["notice_deadline_passed"] = self.notice_deadline_passed
        return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Duration):
        return value.model_dump(mode="json")
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


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


def _usable(dur: Duration | None) -> Duration | None:
    """A term must move time forward; a zero or negative one is treated as not stated."""
    return dur if dur is not None and dur.count > 0 else None


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
    initial = _usable(terms.initial_term)
    renewal_stated = _usable(terms.renewal_term)
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
        derived = start is not None and _is_anniversary(end0, start, initial)
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
        if start is not None and _usable(review_after) is not None:
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
            option_deadlines=_options(terms, end0, end_src, derived, notice, today, note),
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
    next_renewal = current.end + ONE_DAY if renews_after_current else None
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
            deadline = notice_deadline_before(_counted_from(term.end, derived), notice)
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
            counted_from = _counted_from(notice_term_end, derived)
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
        option_deadlines=_options(terms, end0, end_src, derived, notice, today, note),
        sources=sources,
        explanation=tuple(steps),
    )


def _is_anniversary(end: dt.date, start: dt.date, term: Duration | None) -> bool:
    """Whether `end` is exactly `start` + `term`, i.e. what an end derived from them would be."""
    if term is None:
        return False
    try:
        return add_duration(start, term) == end
    except OverflowError:
        return False


def _counted_from(term_end: dt.date, derived: bool) -> dt.date:
    """The day notice is counted back from: the day before a derived (anniversary) end."""
    return term_end - ONE_DAY if derived else term_end


def _options(
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
        if _usable(option) is None:
            continue
        try:
            last_day = _counted_from(extends, derived)
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
                "Options: exercise deadlines counted from the day before each term end, in case "
                "the term is read as ending the day before its anniversary",
                *src,
            )
        found.append(
            OptionDeadline(number, option, extends, deadline, new_end, deadline < today, src)
        )
        note(
            f"Option {number} ({describe(option)}): exercise by {deadline} to extend the term "
            f"ending {extends} to {new_end}" + (" (passed)" if deadline < today else ""),
            *src,
        )
        extends = new_end
    return tuple(found)
