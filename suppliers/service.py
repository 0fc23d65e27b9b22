"""Supplier use cases. No commits here: the entry point owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from core.models import Supplier
from suppliers import repository


class SupplierNotFoundError(LookupError):
    pass


def get_supplier(session: Session, supplier_id: int) -> Supplier:
    supplier = repository.get_supplier(session, supplier_id)
    if supplier is None:
        raise SupplierNotFoundError(f"supplier {supplier_id} not found")
    return supplier


def list_suppliers(session: Session, *, limit: int = 100, offset: int = 0) -> Sequence[Supplier]:
    return repository.list_suppliers(session, limit=limit, offset=offset)
