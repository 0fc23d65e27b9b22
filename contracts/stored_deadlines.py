"""The deadline engine's result stored on each contract, and the daily pass that keeps it
true as the calendar moves on.

Search, lists, the review queue, watches and the iCal feed all read these stored values, so
they agree with the contract page to the day: nothing else computes a status or a date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from contracts.deadlines import ContractTerms, DerivedEnd, compute_deadlines
from contracts.recorded_events import lifecycle_inputs
from core.models import Contract
from core.outbox import request_index
from extraction.model import Duration

REFRESH_BATCH = 500


@dataclass(frozen=True)
class StaleBatch:
    changed: int
    last_id: int | None  # None when no contract was left to refresh


def terms_of(contract: Contract) -> ContractTerms:
    """The engine's inputs: the contract's working values and what people recorded."""
    def duration(value: dict[str, Any] | None) -> Duration | None:
        return Duration.model_validate(value) if value else None

    recorded = lifecycle_inputs(contract.events)
    return ContractTerms(
        signed_date=contract.signed_date,
        effective_date=contract.effective_date,
        end_date=contract.end_date,
        end_date_derived=DerivedEnd.from_json(contract.end_date_derived_from)
        if contract.end_date is not None else None,
        perpetual=contract.perpetual,
        initial_term=duration(contract.initial_term),
        auto_renewal=contract.auto_renewal,
        renewal_term=duration(contract.renewal_term),
        renewal_count=contract.renewal_count,
        extension_options=tuple(
            Duration.model_validate(option) for option in contract.extension_options or []
        ),
        notice_period=duration(contract.notice_period),
        notice_given_on=recorded.notice_given_on,
        options_exercised=recorded.options_exercised,
        terminated_on=recorded.terminated_on,
    )


def _shown(contract: Contract) -> tuple[Any, ...]:
    """What the index and the lists show of a contract's deadlines."""
    return (
        contract.status, contract.computed_end_date, contract.current_term_end,
        contract.next_renewal_date, contract.ends_on, contract.notice_deadline,
        contract.review_date,
    )


def refresh_deadlines(contract: Contract, today: dt.date) -> bool:
    """Store the engine's result for `today`; returns whether anything shown changed."""
    before = _shown(contract)
    deadlines = compute_deadlines(terms_of(contract), today)
    contract.computed_end_date = deadlines.end_date
    contract.current_term_end = deadlines.current_term_end
    contract.next_renewal_date = deadlines.next_renewal_date
    contract.ends_on = deadlines.ends_on
    contract.notice_deadline = deadlines.notice_deadline
    contract.review_date = deadlines.review_date
    contract.status = deadlines.status
    contract.deadlines_as_of = today
    contract.deadlines = deadlines.to_json()
    return _shown(contract) != before


def contract_status(contract: Contract) -> str:
    return contract.status or "unknown"


def refresh_stale_batch(session: Session, today: dt.date, after_id: int = 0) -> StaleBatch:
    """One batch of the daily pass: recompute up to REFRESH_BATCH contracts with an id above
    `after_id` that were last computed before `today`, and request re-indexing of those whose
    status or dates changed (a term rolled over, a notice deadline passed, a contract came
    within 90 days of its end).

    The caller commits each batch in its own transaction, so a pass over any number of
    contracts holds little memory and few locks, and a pass cut short resumes where it
    stopped: a contract is done once its `deadlines_as_of` is `today`.
    """
    batch = session.scalars(
        select(Contract)
        .options(selectinload(Contract.events))
        .where(
            Contract.id > after_id,
            or_(Contract.deadlines_as_of.is_(None), Contract.deadlines_as_of < today),
        )
        .order_by(Contract.id)
        .limit(REFRESH_BATCH)
    ).all()
    changed = 0
    for contract in batch:
        if refresh_deadlines(contract, today):
            request_index(session, contract.id)
            changed += 1
        else:
            # Only the day of the computation moved: not a change of the contract. Its
            # `updated_at` is what new-match watches look for; bumped every night, every
            # contract would be announced again.
            flag_modified(contract, "updated_at")
    return StaleBatch(changed=changed, last_id=batch[-1].id if batch else None)

