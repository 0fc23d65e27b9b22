"""What the deadline engine's steps hand each other: the explanation trail, the start, the
renewal plan and the initial term's end, and the status rule they all end in."""

from __future__ import annotations

import dataclasses
import datetime as dt

from contracts.deadlines.types import DerivedEnd, Status, Step
from core.i18n import Message
from extraction.model import Duration

EXPIRING_WITHIN = dt.timedelta(days=90)


@dataclasses.dataclass
class Trail:
    """The explanation as it is written, and which inputs each output came from."""

    steps: list[Step] = dataclasses.field(default_factory=list)
    sources: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def note(self, said: str | Message, *src: str, **params: object) -> None:
        """A line of the explanation: an N_-marked msgid with its `params`, or a message
        built already (a plural one), and the input fields it rests on."""
        line = said if isinstance(said, Message) else Message(said, params)
        self.steps.append(Step(line, tuple(dict.fromkeys(s for s in src if s))))


@dataclasses.dataclass(frozen=True)
class Start:
    date: dt.date | None
    source: str  # "effective_date", "signed_date" or "" when nothing dates the start


@dataclasses.dataclass(frozen=True)
class RenewalPlan:
    """Whether and how the contract renews, before any term is counted."""

    renews: bool
    renewal: Duration | None  # the renewal period, stated or assumed
    renewal_src: tuple[str, ...]
    renew_src: tuple[str, ...]
    max_renewals: int | None  # None: without limit

    @property
    def unknown_period(self) -> bool:
        return self.renews and self.renewal is None

    @property
    def roll(self) -> Duration | None:
        """The period terms roll by; None when they do not (or cannot be counted)."""
        return None if self.unknown_period else self.renewal

    @property
    def limit(self) -> int | None:
        return 0 if self.roll is None else self.max_renewals

    def renews_after(self, term_number: int) -> bool:
        return self.renews and (
            self.unknown_period or self.limit is None or term_number < self.limit
        )


@dataclasses.dataclass(frozen=True)
class InitialEnd:
    date: dt.date
    sources: tuple[str, ...]
    derived: bool  # an anniversary reckoned from start + term, not a stated last day
    how: DerivedEnd | None = None  # the start and term it was reckoned from, when derived


def status_on(ends_on: dt.date | None, today: dt.date) -> Status:
    """Step 6: active, or expiring within 90 days of the day it ends if nobody acts."""
    if ends_on is not None and ends_on - today <= EXPIRING_WITHIN:
        return "expiring"
    return "active"
