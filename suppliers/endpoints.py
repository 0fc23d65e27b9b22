"""HTTP API for supplier master data. Suppliers are organisation data: anyone signed in
reads them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from core.http import CurrentUser, DbSession
from core.ids import PathId
from suppliers import service
from suppliers.schemas import SupplierOut, supplier_out

router = APIRouter(prefix="/suppliers", tags=["suppliers"])


@router.get("", response_model=list[SupplierOut])
def list_suppliers(
    _user: CurrentUser, session: DbSession,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
) -> list[SupplierOut]:
    return [supplier_out(s) for s in service.list_suppliers(session, limit=limit, offset=offset)]


@router.get("/{supplier_id}", response_model=SupplierOut)
def get_supplier(supplier_id: PathId, _user: CurrentUser, session: DbSession) -> SupplierOut:
    try:
        return supplier_out(service.get_supplier(session, supplier_id))
    except service.SupplierNotFoundError as error:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(error)) from error
