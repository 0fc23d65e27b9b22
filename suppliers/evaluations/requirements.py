"""A contract's requirement to evaluate its supplier before the next notice or option
decision: who may read and set it."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from core.models import Contract, EvaluationRequirement, User
from core.principals import may_edit, may_see
from core.text import StorableText
from suppliers.evaluations.service import EvaluationNotFoundError, EvaluationPermissionError

DEFAULT_DAYS_BEFORE = 60


class RequirementIn(StorableText):
    days_before: int = Field(default=DEFAULT_DAYS_BEFORE, ge=0, le=3650)


class RequirementOut(BaseModel):
    contract_id: int
    required: bool
    days_before: int | None


def _contract(session: Session, user: User, contract_id: int) -> Contract:
    contract = session.get(Contract, contract_id)
    if contract is None or not may_see(user, contract):
        raise EvaluationNotFoundError(f"contract {contract_id} not found")
    return contract


def requirement_of(session: Session, user: User, contract_id: int) -> RequirementOut:
    _contract(session, user, contract_id)
    row = session.get(EvaluationRequirement, contract_id)
    return RequirementOut(contract_id=contract_id, required=row is not None,
                          days_before=row.days_before if row else None)


def set_requirement(session: Session, user: User, contract_id: int, days_before: int | None
                    ) -> RequirementOut:
    """Require (days_before given) or stop requiring (None) an evaluation."""
    contract = _contract(session, user, contract_id)
    if not may_edit(user, contract):
        raise EvaluationPermissionError("you may view this contract but not change it")
    row = session.get(EvaluationRequirement, contract_id)
    if days_before is None:
        if row is not None:
            session.delete(row)
    elif row is None:
        session.add(EvaluationRequirement(contract_id=contract_id, days_before=days_before))
    else:
        row.days_before = days_before
    session.flush()
    return requirement_of(session, user, contract_id)
