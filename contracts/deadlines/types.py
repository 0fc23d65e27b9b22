"""What the deadline engine takes and gives: `ContractTerms` in, `Deadlines` out.

Plain frozen dataclasses, and the JSON form `Deadlines` is stored and served in. The engine
that turns one into the other is `contracts.deadlines`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any, Literal

from core.i18n import Message
from extraction.model import Duration

Status = Literal["active", "expiring", "expired", "unknown"]


START_FIELDS = ("effective_date", "signed_date")


@dataclasses.dataclass(frozen=True)
class DerivedEnd:
    """How an end date was computed rather than read: `start` (the value of `start_field`)
    plus `term`, to its anniversary. Kept with the parts' values at the time, so a page can
    say "computed: 2024-04-01 + 2 years" even after a part is corrected."""

    start_field: str  # "effective_date" or "signed_date"
    start: dt.date
    term: Duration

    def to_json(self) -> dict[str, Any]:
        """The shape of `Finding.derived_from` (extraction/model.py)."""
        return {self.start_field: self.start.isoformat(),
                "initial_term": self.term.model_dump(mode="json")}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> DerivedEnd | None:
        """None for None, or for a shape this does not know (nothing is guessed from it)."""
        if not data or "initial_term" not in data:
            return None
        start_field = next((name for name in START_FIELDS if data.get(name)), None)
        if start_field is None:
            return None
        try:
            return cls(start_field, dt.date.fromisoformat(str(data[start_field])),
                       Duration.model_validate(data["initial_term"]))
        except ValueError:  # pydantic's ValidationError included
            return None


@dataclasses.dataclass(frozen=True)
class ContractTerms:
    """The inputs of the engine: extracted values, or the values a person confirmed."""

    signed_date: dt.date | None = None
    effective_date: dt.date | None = None
    end_date: dt.date | None = None
    # Set when `end_date` was computed from a start and a term (contracts.derived) rather than
    # stated: it then falls on the anniversary, and notice is counted from the day before it.
    # None: the end is as stated, even when it happens to equal start + term.
    end_date_derived: DerivedEnd | None = None
    perpetual: bool | None = None
    initial_term: Duration | None = None
    auto_renewal: bool | None = None
    renewal_term: Duration | None = None
    renewal_count: int | None = None  # None: unlimited or not stated
    extension_options: tuple[Duration, ...] = ()
    notice_period: Duration | None = None  # the notice that stops renewal or ends the term
    # No `termination_notice` here on purpose: notice to terminate for convenience can be given
    # at any time, so no deadline rests on it (pages show it as information).
    # What people recorded in the contract's life (contracts.lifecycle), not read from text:
    notice_given_on: dt.date | None = None  # notice to terminate given (received) that day
    options_exercised: int = 0  # the first N extension options were exercised
    terminated_on: dt.date | None = None  # ended early, with effect from that day


@dataclasses.dataclass(frozen=True)
class Step:
    """One line of the explanation, with the input fields it rests on (to show evidence).
    The line is a message (core/i18n.py) that pages show in the reader's language."""

    message: Message
    sources: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return self.message.english()

    def to_json(self) -> dict[str, Any]:
        """The English text (what the API has always served), and the stable msgid and
        parameters a page translates it from."""
        return {"text": self.text, **self.message.to_json(), "sources": list(self.sources)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Step:
        if "message" not in data:  # stored before explanations were messages
            return cls(Message(str(data.get("text", ""))),
                       tuple(data.get("sources") or ()))
        return cls(Message.from_json(data), tuple(data.get("sources") or ()))


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
    # How `end_date` was computed, when it was (from the stored mark, or by the engine from
    # start + term); None when it is stated or was moved by an exercised option.
    end_date_derived: DerivedEnd | None = None
    current_term_end: dt.date | None = None
    next_renewal_date: dt.date | None = None  # first day of the next automatic renewal
    ends_on: dt.date | None = None  # when the contract ends if nobody acts (None: never)
    notice_deadline: dt.date | None = None  # last day notice may be received
    notice_term_end: dt.date | None = None  # the term end that notice applies to
    notice_prevents_renewal: bool = False  # else: notice to terminate at the end of the term
    option_deadlines: tuple[OptionDeadline, ...] = ()
    review_date: dt.date | None = None  # for open-ended contracts
    ended_by: str | None = None  # "notice" or "termination" when a recorded event ends it
    sources: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)
    explanation: tuple[Step, ...] = ()

    @property
    def notice_deadline_passed(self) -> bool:
        return self.notice_deadline is not None and self.notice_deadline < self.today

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types: ISO dates, durations as {"count", "unit"}, tuples as lists."""
        data: dict[str, Any] = _jsonable(dataclasses.asdict(self))
        data["end_date_derived"] = (self.end_date_derived.to_json()
                                    if self.end_date_derived is not None else None)
        data["explanation"] = [step.to_json() for step in self.explanation]
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
