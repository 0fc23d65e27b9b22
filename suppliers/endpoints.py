"""HTTP API for supplier master data. Suppliers are organisation data: anyone signed in
reads them, editors create, change and merge them; a supplier's contracts are listed only
as far as the reader may see them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, status
from sqlalchemy.orm import Session

from core.http import CurrentUser, DbSession, EditorUser, jobs_of
from core.ids import MAX_ID, PathId
from core.models import Supplier
from core.principals import principals_of_user
from suppliers import service
from suppliers.merge import SPEND_REMATCH_JOB
from suppliers.schemas import (
    MergeIn,
    MergeOut,
    SupplierDetailOut,
    SupplierIn,
    SupplierOut,
    SupplierPatch,
    contract_out,
    supplier_out,
)

router = APIRouter(prefix="/suppliers", tags=["suppliers"])


@router.get("", response_model=list[SupplierOut])
def list_suppliers(
    _user: CurrentUser, session: DbSession,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
) -> list[SupplierOut]:
    return [supplier_out(s) for s in service.list_suppliers(session, limit=limit, offset=offset)]


@router.post("", response_model=SupplierOut, status_code=status.HTTP_201_CREATED)
def create_supplier(body: SupplierIn, user: EditorUser, session: DbSession) -> SupplierOut:
    try:
        supplier = service.create_supplier(session, body, user)
    except service.SupplierConflictError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    session.commit()
    return supplier_out(supplier)


@router.get("/{supplier_id}", response_model=SupplierDetailOut)
def get_supplier(supplier_id: PathId, user: CurrentUser, session: DbSession) -> SupplierDetailOut:
    supplier = _found(session, supplier_id)
    contracts = service.visible_contracts(session, supplier.id, principals_of_user(user))
    return SupplierDetailOut(**supplier_out(supplier).model_dump(),
                             contracts=[contract_out(c) for c in contracts])


@router.patch("/{supplier_id}", response_model=SupplierOut)
def update_supplier(supplier_id: PathId, body: SupplierPatch, user: EditorUser,
                    session: DbSession) -> SupplierOut:
    supplier = _found(session, supplier_id)
    try:
        service.update_supplier(session, supplier, body, user)
    except service.SupplierConflictError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    except ValueError as error:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(error)) from error
    session.commit()
    return supplier_out(supplier)


@router.post("/{supplier_id}/merge", response_model=MergeOut)
def merge_supplier(supplier_id: PathId, body: MergeIn, user: EditorUser, session: DbSession,
                   request: Request) -> MergeOut:
    """Fold another supplier (a duplicate) into this one: its contracts, spend lines and
    names follow, the duplicate is gone, and the merge is in the audit log."""
    survivor = _found(session, supplier_id)
    duplicate = _found(session, body.duplicate_id)
    try:
        moved = service.merge(session, survivor, duplicate, user)
    except service.MergeRefusedError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    # Coverage may change: the survivor's lines can fall under the duplicate's contracts.
    jobs_of(request).send_after_commit(session, SPEND_REMATCH_JOB)
    session.commit()
    return MergeOut(supplier=supplier_out(survivor), moved_contracts=len(moved))


def _found(session: Session, supplier_id: int) -> Supplier:
    try:
        return service.get_supplier(session, supplier_id)
    except service.SupplierNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
