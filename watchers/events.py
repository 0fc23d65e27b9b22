"""A contract's upcoming events, read from what the deadline engine stored on it.

The engine (`contracts.deadlines`) is the one place that computes dates; this module only
turns its stored result (the `Contract` date columns and `Contract.deadlines`, the engine's
`Deadlines.to_json()`) into the events watchers alert on.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal

from core.models import Contract
from watchers import wording

EventKind = Literal["end", "notice", "renewal", "option", "review", "match", "evaluation",
                    "supplier_risk"]
# The events a contract watch follows; "match" (a new or changed contract that a saved search
# finds) is an event of a saved-search watch, not of the contract's dates.
EVENT_KINDS: tuple[EventKind, ...] = ("end", "notice", "renewal", "option", "review",
                                     "evaluation", "supplier_risk")
MATCH: EventKind = "match"
# The contract's supplier got riskier (see watchers.risk_events): news dated the day it was
# found, not a date ahead, so it is never "missed" for being in the past when it goes out.
SUPPLIER_RISK: EventKind = "supplier_risk"
NEWS_KINDS: tuple[EventKind, ...] = (SUPPLIER_RISK,)


@dataclasses.dataclass(frozen=True)
class ContractEvent:
    contract_id: int
    kind: EventKind
    on: dt.date
    # What the sentence needs besides the date: the renewal term, the option's number...
    facts: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False)

    def what_to_do(self, language: str = "en") -> str:
        return wording.what_to_do(self.kind, self.on, self.facts, language)

    def label(self, language: str = "en") -> str:
        return wording.event_label(self.kind, language)


def events_of_contract(contract: Contract) -> list[ContractEvent]:
    """Every dated event of the contract, nearest first; undated ones are left out."""
    stored: dict[str, Any] = contract.deadlines or {}
    renewal_term = contract.renewal_term
    events: list[ContractEvent] = []

    def add(kind: EventKind, on: dt.date | None, **facts: Any) -> None:
        if on is not None:
            events.append(ContractEvent(contract.id, kind, on, facts))

    # A contract that renews by itself does not end unless someone acts: the engine leaves
    # `ends_on` empty then, and the renewal and notice events carry the message.
    add("end", _date(stored.get("ends_on")))
    add(
        "notice",
        contract.notice_deadline,
        prevents_renewal=bool(stored.get("notice_prevents_renewal")),
        renewal_term=renewal_term,
        term_end=_date(stored.get("notice_term_end")) or contract.current_term_end,
    )
    add(
        "renewal",
        contract.next_renewal_date,
        renewal_term=renewal_term,
        notice_deadline=contract.notice_deadline,
    )
    for option in stored.get("option_deadlines") or []:
        add(
            "option",
            _date(option.get("exercise_deadline")),
            number=option.get("number"),
            new_end_date=_date(option.get("new_end_date")),
        )
    add("review", contract.review_date)
    return sorted(events, key=lambda event: (event.on, EVENT_KINDS.index(event.kind)))


def match_event(contract_id: int, on: dt.date, search_name: str) -> ContractEvent:
    return ContractEvent(contract_id, MATCH, on, {"search": search_name})


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        return dt.date.fromisoformat(value)
    return None
