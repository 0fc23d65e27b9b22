"""Queries for suppliers and their aliases. No commits here."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.models import Supplier, SupplierAlias


def supplier_by_org_number(session: Session, org_number: str) -> Supplier | None:
    return session.scalar(select(Supplier).where(Supplier.org_number == org_number))


def supplier_by_alias(session: Session, normalized: str) -> Supplier | None:
    return session.scalar(
        select(Supplier).join(SupplierAlias).where(SupplierAlias.normalized == normalized)
    )


def get_supplier(session: Session, supplier_id: int) -> Supplier | None:
    return session.scalar(
        select(Supplier).where(Supplier.id == supplier_id).options(selectinload(Supplier.aliases))
    )


def list_suppliers(session: Session, *, limit: int, offset: int) -> Sequence[Supplier]:
    return session.scalars(
        select(Supplier).options(selectinload(Supplier.aliases))
        .order_by(Supplier.name, Supplier.id).limit(limit).offset(offset)
    ).all()
