"""Human review of extracted values: accept, correct or reject, and the review queue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import and_, case, exists, or_, select
from sqlalchemy.orm import Session

from contracts import fields, repository, validation
from contracts.service import (
    DATE_FIELDS,
    ContractInputError,
    ContractPermissionError,
    check_dates_in_order,
    record_change,
)
from core.i18n import N_, message_of
from core.models import Contract, ContractParty, FieldValue, ReviewState, User
from core.models.base import utcnow
from core.principals import may_edit, principals_of_user
from suppliers.supplier_side import NO_ORGANISATION, Organisation, follow_parties, parties_of

# Below this, an accepted-looking value still asks for a human look.
LOW_CONFIDENCE = 0.6


class FieldNotFoundError(LookupError):
    pass


def decide(
    session: Session,
    actor: User,
    contract: Contract,
    field: str,
    decision: ReviewState,
    today: dt.date,
    corrected_value: Any = None,
    organisation: Organisation = NO_ORGANISATION,
) -> FieldValue:
    if not may_edit(actor, contract):
        raise ContractPermissionError(N_("only editors and admins may review this contract"))
    if field not in fields.REVIEWABLE_FIELDS:
        raise FieldNotFoundError(f"unknown field {field!r}")
    row = repository.field_values_of(session, contract.id).get(field)
    if row is None:
        if decision is not ReviewState.CORRECTED:
            raise FieldNotFoundError(f"no extracted value for {field!r} to {decision.value}")
        # Setting a value nothing was extracted for is also a correction (of a miss).
        row = FieldValue(contract_id=contract.id, field=field, value=None, evidence=[])
        session.add(row)
    if decision is ReviewState.ACCEPTED:
        effective = row.value
        row.corrected_value = None
    elif decision is ReviewState.CORRECTED:
        try:
            effective = validation.check_typed(field,
                                               fields.normalise(field, corrected_value))
        except ValueError as error:  # FieldValueError included
            raise ContractInputError(message_of(error)) from error
        row.corrected_value = effective
    elif decision is ReviewState.REJECTED:
        effective = None
        row.corrected_value = None
    else:
        raise ContractInputError(N_("a decision is accept, correct or reject"))
    previous = fields.get_from_contract(contract, field)
    parties_before = parties_of(contract)
    if field != "title" or effective:
        fields.set_on_contract(contract, field, effective)
    if field == "parties" and decision is not ReviewState.ACCEPTED:
        follow_parties(session, contract, parties_before, organisation)
    if contract.perpetual and contract.end_date is not None:
        raise ContractInputError(N_("a perpetual contract cannot also have an end date"))
    if field in DATE_FIELDS and decision is ReviewState.CORRECTED:
        check_dates_in_order(contract)
    row.review_state = decision
    row.reviewed_by_id = actor.id
    row.reviewed_at = utcnow()
    session.flush()
    record_change(
        session, contract, actor, f"review.{decision.value}", today,
        {"field": field, "extracted": row.value, "previous": previous, "now": effective},
    )
    return row


def effective_value(row: FieldValue) -> Any:
    if row.review_state is ReviewState.REJECTED:
        return None
    if row.review_state is ReviewState.CORRECTED:
        return row.corrected_value
    return row.value


def review_queue(
    session: Session, user: User, today: dt.date, limit: int = 100
) -> Sequence[Contract]:
    """Contracts the user may see that have unreviewed values (low-confidence ones are
    flagged on the page) or no clear supplier, by the next date that needs acting on: the
    notice deadline if it is still ahead, else the end date if it is still ahead, soonest
    first. Then contracts with no date at all (nothing tells yet how urgent they are), and
    last those whose dates have all passed, most recently ended first."""
    needs_review = or_(
        exists().where(
            FieldValue.contract_id == Contract.id,
            FieldValue.review_state == ReviewState.SUGGESTED,
        ),
        # Supplier unclear (see suppliers.supplier_side): waiting for a person as well.
        and_(Contract.supplier_id.is_(None),
             exists().where(ContractParty.contract_id == Contract.id)),
    )
    next_date = case(
        (Contract.notice_deadline >= today, Contract.notice_deadline),
        (Contract.current_term_end >= today, Contract.current_term_end),
        else_=None,
    )
    return session.scalars(
        select(Contract)
        .where(needs_review, repository.visible_clause(principals_of_user(user)),
               Contract.archived_at.is_(None))
        .order_by(
            next_date.is_(None),
            next_date,
            Contract.current_term_end.is_not(None),
            Contract.current_term_end.desc(),
            Contract.id,
        )
        .limit(limit)
    ).all()
