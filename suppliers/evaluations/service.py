"""Evaluation use cases. No commits here: the entry point owns the transaction.

Who may do what: anyone signed in reads templates; admins write them. An evaluation made for
a contract is seen only by those who may see that contract; one for the supplier alone is
organisation data, like the supplier. Editors and admins create evaluations and score them,
each evaluator under their own name (scoring again replaces one's own scores).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from core.models import (
    Contract,
    Evaluation,
    EvaluationCriterion,
    EvaluationScore,
    EvaluationTemplate,
    Role,
    User,
)
from core.outbox import request_index
from core.principals import may_see
from suppliers import service as supplier_service
from suppliers.evaluations import repository
from suppliers.evaluations.default_templates import default_templates
from suppliers.evaluations.schemas import EvaluationIn, ScoreIn, TemplateIn
from suppliers.reindex import reindex_contracts_of


class EvaluationNotFoundError(LookupError):
    pass


class EvaluationPermissionError(PermissionError):
    pass


class EvaluationInputError(ValueError):
    pass


def ensure_default_templates(session: Session) -> None:
    """An installation without templates gets the Norwegian and English defaults."""
    if repository.template_count(session) == 0:
        session.add_all(default_templates())
        session.flush()


def list_templates(session: Session, *, include_retired: bool = False
                   ) -> Sequence[EvaluationTemplate]:
    ensure_default_templates(session)
    return repository.templates(session, include_retired=include_retired)


def get_template(session: Session, template_id: int) -> EvaluationTemplate:
    template = repository.template(session, template_id)
    if template is None:
        raise EvaluationNotFoundError(f"evaluation template {template_id} not found")
    return template


def create_template(session: Session, user: User, data: TemplateIn,
                    replaces: EvaluationTemplate | None = None) -> EvaluationTemplate:
    _require_admin(user)
    template = EvaluationTemplate(
        name=data.name.strip(), language=data.language, description=data.description,
        scale_min=data.scale_min, scale_max=data.scale_max, active=True,
        replaces_id=replaces.id if replaces else None,
    )
    template.criteria = [
        EvaluationCriterion(position=i, name=c.name.strip(), description=c.description,
                            weight=c.weight) for i, c in enumerate(data.criteria)
    ]
    session.add(template)
    session.flush()
    return template


def update_template(session: Session, user: User, template_id: int, data: TemplateIn
                    ) -> EvaluationTemplate:
    """Change a template. One that evaluations use is retired and a new version made, so
    the scores already given keep the criteria and weights they were given under."""
    _require_admin(user)
    template = get_template(session, template_id)
    if not template.active:
        raise EvaluationInputError("this template version is retired; edit the current one")
    if repository.template_in_use(session, template.id):
        template.active = False
        return create_template(session, user, data, replaces=template)
    template.name, template.language = data.name.strip(), data.language
    template.description = data.description
    template.scale_min, template.scale_max = data.scale_min, data.scale_max
    template.criteria = [
        EvaluationCriterion(position=i, name=c.name.strip(), description=c.description,
                            weight=c.weight) for i, c in enumerate(data.criteria)
    ]
    session.flush()
    return template


def retire_template(session: Session, user: User, template_id: int) -> None:
    _require_admin(user)
    get_template(session, template_id).active = False


def visible_evaluations(session: Session, user: User, supplier_id: int
                        ) -> list[Evaluation]:
    supplier_service.get_supplier(session, supplier_id)
    return [e for e in repository.evaluations_of_supplier(session, supplier_id)
            if _may_see_evaluation(session, user, e)]


def get_evaluation(session: Session, user: User, supplier_id: int, evaluation_id: int
                   ) -> Evaluation:
    evaluation = repository.evaluation(session, evaluation_id)
    if (evaluation is None or evaluation.supplier_id != supplier_id
            or not _may_see_evaluation(session, user, evaluation)):
        raise EvaluationNotFoundError(f"evaluation {evaluation_id} not found")
    return evaluation


def create_evaluation(session: Session, user: User, supplier_id: int, data: EvaluationIn,
                      today: dt.date) -> Evaluation:
    _require_editor(user)
    supplier = supplier_service.get_supplier(session, supplier_id)
    template = get_template(session, data.template_id)
    if not template.active:
        raise EvaluationInputError("this template version is retired; use the current one")
    if data.contract_id is not None:
        contract = session.get(Contract, data.contract_id)
        if contract is None or not may_see(user, contract):
            raise EvaluationNotFoundError(f"contract {data.contract_id} not found")
        if contract.supplier_id != supplier.id:
            raise EvaluationInputError("the contract is not with this supplier")
    evaluation = Evaluation(
        supplier_id=supplier.id, contract_id=data.contract_id, template_id=template.id,
        period_start=data.period_start, period_end=data.period_end,
        evaluated_on=data.evaluated_on or today, summary=data.summary, created_by_id=user.id,
    )
    evaluation.template = template
    session.add(evaluation)
    session.flush()
    return evaluation


def submit_scores(session: Session, user: User, evaluation: Evaluation,
                  scores: Sequence[ScoreIn]) -> None:
    """The user's scores on the evaluation, replacing any they gave before. Every score must
    be on the template's scale and name one of its criteria, each criterion at most once."""
    _require_editor(user)
    template = evaluation.template
    criteria = {c.id for c in template.criteria}
    seen: set[int] = set()
    for score in scores:
        if score.criterion_id not in criteria:
            raise EvaluationInputError(
                f"criterion {score.criterion_id} is not in the template {template.name!r}")
        if score.criterion_id in seen:
            raise EvaluationInputError(f"criterion {score.criterion_id} is scored twice")
        if not template.scale_min <= score.score <= template.scale_max:
            raise EvaluationInputError(
                f"scores are from {template.scale_min} to {template.scale_max}; "
                f"got {score.score}")
        seen.add(score.criterion_id)
    evaluation.scores = [s for s in evaluation.scores if s.evaluator_id != user.id]
    session.flush()  # the old scores go before the new ones meet the unique key
    evaluation.scores.extend(
        EvaluationScore(evaluator_id=user.id, evaluator=user, criterion_id=s.criterion_id,
                        score=s.score, comment=s.comment) for s in scores
    )
    session.flush()
    # Index documents carry the last score: one made for a contract counts for it alone.
    if evaluation.contract_id is not None:
        request_index(session, evaluation.contract_id)
    else:
        reindex_contracts_of(session, evaluation.supplier_id)


def _may_see_evaluation(session: Session, user: User, evaluation: Evaluation) -> bool:
    if evaluation.contract_id is None:
        return True
    contract = session.get(Contract, evaluation.contract_id)
    return contract is not None and may_see(user, contract)


def _require_admin(user: User) -> None:
    if user.role is not Role.ADMIN:
        raise EvaluationPermissionError("only administrators change evaluation templates")


def _require_editor(user: User) -> None:
    if user.role not in (Role.ADMIN, Role.EDITOR):
        raise EvaluationPermissionError("only editors and administrators evaluate suppliers")
