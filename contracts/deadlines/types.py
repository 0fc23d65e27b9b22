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
