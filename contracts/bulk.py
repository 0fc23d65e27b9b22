"""Bulk actions on the contracts a table shows: assign owner, change visibility, set
category, archive, accept the suggested values read with high confidence.

Each contract goes through the same service function a single edit uses (permissions,
audit, deadlines, re-indexing). Contracts the actor may not change are skipped and counted,
never changed; a value that cannot be applied at all (an unknown owner) stops the whole
batch before anything changes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Literal, get_args

from sqlalchemy.orm import Session

from contracts import lifecycle, repository, review, service
from contracts.schemas import ContractFields
from core.i18n import N_, message
from core.models import Contract, ReviewState, User
from core.principals import may_edit, may_see

BulkAction = Literal["assign_owner", "visibility", "category", "archive", "accept_confident"]
BULK_ACTIONS: tuple[BulkAction, ...] = get_args(BulkAction)
# Suggested values at or above this confidence may be accepted without reading each one.
HIGH_CONFIDENCE = 0.85
MAX_BULK = 5_000


@dataclasses.dataclass
class BulkOutcome:
    changed: int = 0
    unchanged: int = 0
    not_allowed: int = 0


def apply_bulk(
    session: Session, actor: User, contract_ids: Sequence[int], action: BulkAction,
    value: str, today: dt.date,
) -> BulkOutcome:
    if len(contract_ids) > MAX_BULK:
        raise service.ContractInputError(message(N_("at most %(max)s contracts at a time"),
                                                 max=MAX_BULK))
    patch = _patch(session, action, value.strip())
    outcome = BulkOutcome()
    for contract_id in dict.fromkeys(contract_ids):
        contract = repository.get_contract(session, contract_id)
        if contract is None or not may_see(actor, contract) or not may_edit(actor, contract):
            outcome.not_allowed += 1
            continue
        try:
            applied = _apply(session, actor, contract, action, patch, today)
        except service.ContractInputError as problem:
            raise service.ContractInputError(message(
                N_("%(title)s: %(problem)s"), title=contract.title, problem=problem.message,
            )) from problem
        if applied:
            outcome.changed += 1
        else:
            outcome.unchanged += 1
    return outcome


def _patch(session: Session, action: BulkAction, value: str) -> ContractFields | None:
    if action == "assign_owner":
        if not repository.users_by_email(session, [value.lower()]):
            raise service.ContractInputError(message(
                N_("no user with the e-mail address %(email)s"), email=value))
        return ContractFields(owner_email=value.lower())
    if action == "visibility":
        if value not in ("organisation", "restricted"):
            raise service.ContractInputError(N_("visibility is 'organisation' or 'restricted'"))
        return ContractFields.model_validate({"visibility": value})
    if action == "category":
        if not value:
            raise service.ContractInputError(N_("give the category, e.g. 'IT / Software'"))
        return ContractFields(category_path=value)
    return None


def _apply(session: Session, actor: User, contract: Contract, action: BulkAction,
           patch: ContractFields | None, today: dt.date) -> bool:
    if action == "archive":
        if contract.archived_at is not None:
            return False
        lifecycle.archive(session, actor, contract, today)
        return True
    if action == "accept_confident":
        return _accept_confident(session, actor, contract, today)
    assert patch is not None
    before = (contract.owner_id, contract.visibility, contract.category_id)
    service.update_contract(session, actor, contract, patch, today)
    session.flush()
    return (contract.owner_id, contract.visibility, contract.category_id) != before


def _accept_confident(session: Session, actor: User, contract: Contract,
                      today: dt.date) -> bool:
    accepted = False
    for name, row in repository.field_values_of(session, contract.id).items():
        if (row.review_state is ReviewState.SUGGESTED and row.confidence is not None
                and row.confidence >= HIGH_CONFIDENCE):
            review.decide(session, actor, contract, name, ReviewState.ACCEPTED, today)
            accepted = True
    return accepted
