"""The "evaluation" event: a contract that requires an evaluation of its supplier before its
next notice or option decision, and has none recent enough.

The date comes from `contracts.deadlines.evaluation_due`; this module only reads the
requirement and the supplier's latest evaluation (for this contract, or for the supplier
as a whole) and says whether the event stands.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from contracts.deadlines.evaluation_due import EvaluationDue, evaluation_due
from core.models import Contract, Evaluation, EvaluationRequirement
from watchers.events import ContractEvent, EventKind

EVALUATION: EventKind = "evaluation"


def pending_evaluation(session: Session, contract: Contract, today: dt.date
                       ) -> EvaluationDue | None:
    """The evaluation the contract still needs before its next decision, if any."""
    requirement = session.get(EvaluationRequirement, contract.id)
    if requirement is None or contract.supplier_id is None:
        return None
    stored: dict[str, Any] = contract.deadlines or {}
    options = [dt.date.fromisoformat(o["exercise_deadline"])
               for o in stored.get("option_deadlines") or [] if o.get("exercise_deadline")]
    due = evaluation_due(contract.notice_deadline, options, today, requirement.days_before)
    if due is None:
        return None
    latest = session.scalar(
        select(func.max(Evaluation.evaluated_on)).where(
            Evaluation.supplier_id == contract.supplier_id,
            Evaluation.evaluated_on <= due.decision_on,
            or_(Evaluation.contract_id.is_(None), Evaluation.contract_id == contract.id)))
    return None if due.satisfied_by(latest) else due


def evaluation_events(session: Session, contract: Contract, today: dt.date
                      ) -> list[ContractEvent]:
    due = pending_evaluation(session, contract, today)
    if due is None:
        return []
    return [ContractEvent(contract.id, EVALUATION, due.due_on,
                          {"decision": due.decision, "decision_on": due.decision_on})]
