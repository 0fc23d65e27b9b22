"""Supplier evaluations (scorecards) and the contracts that require one before a decision.

A template's criteria carry weights; an evaluation is one supplier (optionally for one
contract and period) scored on a template by one or more evaluators, each giving every
criterion a score and a comment. A template that evaluations use is never edited in place:
editing it makes a new version, so a past score keeps the weights it was given under.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.models.base import Base, Timestamped
from core.models.suppliers import Supplier
from core.models.users import User


class EvaluationTemplate(Timestamped, Base):
    __tablename__ = "evaluation_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(5), default="en")  # en | nb
    description: Mapped[str] = mapped_column(Text, default="")
    scale_min: Mapped[int] = mapped_column(default=1)
    scale_max: Mapped[int] = mapped_column(default=5)
    # Retired versions stay for the evaluations made on them; only active ones are offered.
    active: Mapped[bool] = mapped_column(default=True)
    replaces_id: Mapped[int | None] = mapped_column(
        ForeignKey("evaluation_templates.id", ondelete="SET NULL")
    )

    criteria: Mapped[list[EvaluationCriterion]] = relationship(
        back_populates="template", cascade="all, delete-orphan",
        order_by="EvaluationCriterion.position",
    )


class EvaluationCriterion(Base):
    __tablename__ = "evaluation_criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_templates.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(default=1.0)

    template: Mapped[EvaluationTemplate] = relationship(back_populates="criteria")


class Evaluation(Timestamped, Base):
    __tablename__ = "evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    supplier_id: Mapped[int] = mapped_column(
        ForeignKey("suppliers.id", ondelete="CASCADE"), index=True
    )
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="SET NULL"), index=True
    )
    template_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_templates.id", ondelete="RESTRICT"), index=True
    )
    period_start: Mapped[dt.date | None]
    period_end: Mapped[dt.date | None]
    # The day the evaluation speaks for (when it was done); orders scores over time.
    evaluated_on: Mapped[dt.date]
    summary: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL")
    )

    supplier: Mapped[Supplier] = relationship()
    template: Mapped[EvaluationTemplate] = relationship()
    scores: Mapped[list[EvaluationScore]] = relationship(
        back_populates="evaluation", cascade="all, delete-orphan"
    )


class EvaluationScore(Base):
    """One evaluator's score and comment on one criterion of one evaluation."""

    __tablename__ = "evaluation_scores"
    __table_args__ = (
        UniqueConstraint("evaluation_id", "evaluator_id", "criterion_id",
                         name="uq_evaluation_scores_evaluator_criterion"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("evaluations.id", ondelete="CASCADE"), index=True
    )
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("evaluation_criteria.id", ondelete="RESTRICT")
    )
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")

    evaluation: Mapped[Evaluation] = relationship(back_populates="scores")
    evaluator: Mapped[User] = relationship()


class EvaluationRequirement(Timestamped, Base):
    """A contract whose next notice or option decision must be taken on an evaluation of its
    supplier, done at least `days_before` days before that deadline."""

    __tablename__ = "evaluation_requirements"

    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), primary_key=True
    )
    days_before: Mapped[int] = mapped_column(default=60)
