"""Queries for evaluation templates and evaluations. No commits here."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from core.models import Evaluation, EvaluationScore, EvaluationTemplate


def templates(session: Session, *, include_retired: bool = False) -> Sequence[EvaluationTemplate]:
    query = select(EvaluationTemplate).options(selectinload(EvaluationTemplate.criteria))
    if not include_retired:
        query = query.where(EvaluationTemplate.active.is_(True))
    return session.scalars(query.order_by(EvaluationTemplate.name, EvaluationTemplate.id)).all()


def template_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(EvaluationTemplate)) or 0


def template(session: Session, template_id: int) -> EvaluationTemplate | None:
    return session.get(EvaluationTemplate, template_id)


def template_in_use(session: Session, template_id: int) -> bool:
    return session.scalar(
        select(func.count()).select_from(Evaluation).where(Evaluation.template_id == template_id)
    ) != 0


def evaluations_of_supplier(session: Session, supplier_id: int) -> Sequence[Evaluation]:
    return session.scalars(
        select(Evaluation).where(Evaluation.supplier_id == supplier_id)
        .options(selectinload(Evaluation.scores).selectinload(EvaluationScore.evaluator),
                 selectinload(Evaluation.template).selectinload(EvaluationTemplate.criteria))
        .order_by(Evaluation.evaluated_on, Evaluation.id)
    ).all()


def evaluation(session: Session, evaluation_id: int) -> Evaluation | None:
    return session.get(Evaluation, evaluation_id)
