"""HTTP API for supplier financial risk and the admin's risk thresholds."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status

from core.http import CurrentUser, DbSession, clock_of
from core.ids import PathId
from core.models import Role
from suppliers import service as supplier_service
from suppliers.risk import view
from suppliers.risk.view import RegisterRiskOut, ThresholdsIn

router = APIRouter(tags=["supplier risk"])


@router.get("/suppliers/{supplier_id}/risk", response_model=list[RegisterRiskOut])
def supplier_risk(request: Request, supplier_id: PathId, _user: CurrentUser,
                  session: DbSession) -> list[RegisterRiskOut]:
    """What the registers say, per register: key figures by year, status flags, each
    indicator with its year and formula, and the risk level they add up to."""
    try:
        supplier_service.get_supplier(session, supplier_id)
    except supplier_service.SupplierNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
    return view.supplier_risk(session, supplier_id, clock_of(request)().date())


@router.get("/risk-thresholds", response_model=dict[str, float])
def get_thresholds(_user: CurrentUser, session: DbSession) -> dict[str, float]:
    return view.current_thresholds(session)


@router.put("/risk-thresholds", response_model=dict[str, float])
def put_thresholds(body: ThresholdsIn, user: CurrentUser, session: DbSession
                   ) -> dict[str, float]:
    if user.role is not Role.ADMIN:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only administrators set thresholds")
    try:
        values = view.set_thresholds(session, body.values)
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    session.commit()
    return values
