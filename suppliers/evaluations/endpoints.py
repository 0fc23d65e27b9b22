"""HTTP API for evaluation templates and a supplier's evaluations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import APIRouter, HTTPException, Request, status

from core.http import CurrentUser, DbSession, clock_of
from core.ids import PathId
from suppliers.evaluations import requirements, service
from suppliers.evaluations.schemas import (
    EvaluationIn,
    EvaluationOut,
    ScoresIn,
    TemplateIn,
    TemplateOut,
    evaluation_out,
    template_out,
)
from suppliers.service import SupplierNotFoundError

router = APIRouter(tags=["evaluations"])


@contextmanager
def _answers() -> Iterator[None]:
    """Service refusals as HTTP answers: unknown or unseen 404, not allowed 403, bad 422."""
    try:
        yield
    except (service.EvaluationNotFoundError, SupplierNotFoundError) as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    except service.EvaluationPermissionError as error:
        raise HTTPException(status.HTTP_403_FORBIDDEN, str(error)) from error
    except service.EvaluationInputError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error


@router.get("/evaluation-templates", response_model=list[TemplateOut])
def list_templates(_user: CurrentUser, session: DbSession, retired: bool = False
                   ) -> list[TemplateOut]:
    templates = [template_out(t) for t in
                 service.list_templates(session, include_retired=retired)]
    session.commit()  # the defaults, when this was the first look
    return templates


@router.post("/evaluation-templates", response_model=TemplateOut, status_code=201)
def create_template(body: TemplateIn, user: CurrentUser, session: DbSession) -> TemplateOut:
    with _answers():
        template = service.create_template(session, user, body)
    session.commit()
    return template_out(template)


@router.put("/evaluation-templates/{template_id}", response_model=TemplateOut)
def update_template(template_id: PathId, body: TemplateIn, user: CurrentUser,
                    session: DbSession) -> TemplateOut:
    with _answers():
        template = service.update_template(session, user, template_id, body)
    session.commit()
    return template_out(template)


@router.get("/suppliers/{supplier_id}/evaluations", response_model=list[EvaluationOut])
def list_evaluations(supplier_id: PathId, user: CurrentUser, session: DbSession
                     ) -> list[EvaluationOut]:
    with _answers():
        return [evaluation_out(e) for e in
                service.visible_evaluations(session, user, supplier_id)]


@router.post("/suppliers/{supplier_id}/evaluations", response_model=EvaluationOut,
             status_code=201)
def create_evaluation(request: Request, supplier_id: PathId, body: EvaluationIn,
                      user: CurrentUser, session: DbSession) -> EvaluationOut:
    with _answers():
        evaluation = service.create_evaluation(session, user, supplier_id, body,
                                               clock_of(request)().date())
    session.commit()
    return evaluation_out(evaluation)


@router.get("/suppliers/{supplier_id}/evaluations/{evaluation_id}",
            response_model=EvaluationOut)
def get_evaluation(supplier_id: PathId, evaluation_id: PathId, user: CurrentUser,
                   session: DbSession) -> EvaluationOut:
    with _answers():
        return evaluation_out(service.get_evaluation(session, user, supplier_id,
                                                     evaluation_id))


@router.put("/suppliers/{supplier_id}/evaluations/{evaluation_id}/scores",
            response_model=EvaluationOut)
def submit_scores(supplier_id: PathId, evaluation_id: PathId, body: ScoresIn,
                  user: CurrentUser, session: DbSession) -> EvaluationOut:
    """The caller's own scores on the evaluation (replacing those they gave before)."""
    with _answers():
        evaluation = service.get_evaluation(session, user, supplier_id, evaluation_id)
        service.submit_scores(session, user, evaluation, body.scores)
    session.commit()
    return evaluation_out(evaluation)


@router.get("/contracts/{contract_id}/evaluation-requirement",
            response_model=requirements.RequirementOut)
def get_requirement(contract_id: PathId, user: CurrentUser, session: DbSession
                    ) -> requirements.RequirementOut:
    with _answers():
        return requirements.requirement_of(session, user, contract_id)


@router.put("/contracts/{contract_id}/evaluation-requirement",
            response_model=requirements.RequirementOut)
def put_requirement(contract_id: PathId, body: requirements.RequirementIn,
                    user: CurrentUser, session: DbSession) -> requirements.RequirementOut:
    """Require an evaluation of the supplier `days_before` (default 60) days before the
    contract's next notice or option deadline; the owner's watch reminds them."""
    with _answers():
        shown = requirements.set_requirement(session, user, contract_id, body.days_before)
    session.commit()
    return shown


@router.delete("/contracts/{contract_id}/evaluation-requirement",
               response_model=requirements.RequirementOut)
def delete_requirement(contract_id: PathId, user: CurrentUser, session: DbSession
                       ) -> requirements.RequirementOut:
    with _answers():
        shown = requirements.set_requirement(session, user, contract_id, None)
    session.commit()
    return shown
