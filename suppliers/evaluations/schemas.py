"""What the evaluation API takes and returns."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field, model_validator

from core.models import Evaluation, EvaluationTemplate
from core.text import StorableText
from suppliers.evaluations.scoring import combine


class CriterionIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    weight: float = Field(gt=0, le=1000)


class TemplateIn(StorableText):
    name: str = Field(min_length=1, max_length=200)
    language: str = Field(default="en", pattern="^(en|nb)$")
    description: str = Field(default="", max_length=5000)
    scale_min: int = Field(default=1, ge=0, le=100)
    scale_max: int = Field(default=5, ge=1, le=100)
    criteria: list[CriterionIn] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _scale_rises(self) -> TemplateIn:
        if self.scale_max <= self.scale_min:
            raise ValueError("scale_max must be above scale_min")
        return self


class CriterionOut(BaseModel):
    id: int
    name: str
    description: str
    weight: float


class TemplateOut(BaseModel):
    id: int
    name: str
    language: str
    description: str
    scale_min: int
    scale_max: int
    active: bool
    replaces_id: int | None
    criteria: list[CriterionOut]


def template_out(template: EvaluationTemplate) -> TemplateOut:
    return TemplateOut(
        id=template.id, name=template.name, language=template.language,
        description=template.description, scale_min=template.scale_min,
        scale_max=template.scale_max, active=template.active, replaces_id=template.replaces_id,
        criteria=[CriterionOut(id=c.id, name=c.name, description=c.description,
                               weight=c.weight) for c in template.criteria],
    )


class EvaluationIn(StorableText):
    template_id: int = Field(ge=1, le=2**31 - 1)
    contract_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    evaluated_on: dt.date | None = None  # default: today
    summary: str = Field(default="", max_length=10000)

    @model_validator(mode="after")
    def _period_in_order(self) -> EvaluationIn:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValueError("period_end is before period_start")
        return self


class ScoreIn(BaseModel):
    criterion_id: int = Field(ge=1, le=2**31 - 1)
    score: int = Field(ge=0, le=100)
    comment: str = Field(default="", max_length=5000)


class ScoresIn(StorableText):
    scores: list[ScoreIn] = Field(min_length=1, max_length=50)


class CriterionResultOut(BaseModel):
    criterion_id: int
    name: str
    weight: float
    mean: float | None
    scores: int


class EvaluatorScoreOut(BaseModel):
    evaluator: str
    criterion_id: int
    score: int
    comment: str


class EvaluationOut(BaseModel):
    id: int
    supplier_id: int
    contract_id: int | None
    template_id: int
    template_name: str
    period_start: dt.date | None
    period_end: dt.date | None
    evaluated_on: dt.date
    summary: str
    overall: float | None
    percent: float | None
    evaluators: int
    criteria: list[CriterionResultOut]
    scores: list[EvaluatorScoreOut]


def evaluation_out(evaluation: Evaluation) -> EvaluationOut:
    result = combine(evaluation)
    return EvaluationOut(
        id=evaluation.id, supplier_id=evaluation.supplier_id,
        contract_id=evaluation.contract_id, template_id=evaluation.template_id,
        template_name=evaluation.template.name, period_start=evaluation.period_start,
        period_end=evaluation.period_end, evaluated_on=evaluation.evaluated_on,
        summary=evaluation.summary, overall=result.overall, percent=result.percent,
        evaluators=result.evaluators,
        criteria=[CriterionResultOut(criterion_id=c.criterion_id, name=c.name, weight=c.weight,
                                     mean=c.mean, scores=c.scores) for c in result.criteria],
        scores=[EvaluatorScoreOut(evaluator=s.evaluator.email, criterion_id=s.criterion_id,
                                  score=s.score, comment=s.comment)
                for s in sorted(evaluation.scores, key=lambda s: (s.evaluator_id, s.criterion_id))],
    )
