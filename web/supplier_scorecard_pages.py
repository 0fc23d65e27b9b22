"""A supplier's scorecard page: its evaluations and financial risk. The two sections are
partials, so the supplier page includes them as they are."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from core.http import DbSession
from core.ids import PathId
from core.models import User
from suppliers import service as supplier_service
from suppliers.evaluations import service as evaluations
from suppliers.evaluations.schemas import EvaluationOut, evaluation_out
from suppliers.risk.view import supplier_risk
from web.common import PageUser, error_page, render, today

router = APIRouter()


def supplier_sections(session: Session, user: User, supplier_id: int) -> dict[str, Any]:
    """What `_supplier_evaluations.html` and `_supplier_risk.html` need."""
    return {"evaluations": visible_evaluations(session, user, supplier_id),
            "risk": supplier_risk(session, supplier_id, today())}


def visible_evaluations(session: Session, user: User, supplier_id: int | None
                        ) -> list[EvaluationOut]:
    if supplier_id is None:
        return []
    return [evaluation_out(e) for e in evaluations.visible_evaluations(session, user,
                                                                         supplier_id)]


@router.get("/suppliers/{supplier_id}/scorecard", response_class=HTMLResponse,
            include_in_schema=False)
def scorecard_page(request: Request, supplier_id: PathId, user: PageUser, session: DbSession
                   ) -> HTMLResponse:
    try:
        supplier = supplier_service.get_supplier(session, supplier_id)
    except supplier_service.SupplierNotFoundError:
        return error_page(request, 404, "There is no such supplier.", user)
    return render(request, "supplier_scorecard.html",
                  {"supplier": supplier, **supplier_sections(session, user, supplier_id)},
                  user=user)
