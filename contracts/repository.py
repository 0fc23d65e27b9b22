"""Queries for contracts and the things they point at. No commits here."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from core.models import (
    Category,
    Contract,
    Document,
    FieldValue,
    User,
)
from core.principals import visible_clause as visible_clause


def get_contract(session: Session, contract_id: int) -> Contract | None:
    return session.scalar(
        select(Contract)
        .where(Contract.id == contract_id)
        .options(
            selectinload(Contract.parties),
            selectinload(Contract.access),
            selectinload(Contract.supplier),
            selectinload(Contract.category),
            selectinload(Contract.owner),
        )
    )


def documents_of(session: Session, contract_id: int) -> Sequence[Document]:
    return session.scalars(
        select(Document).where(Document.contract_id == contract_id).order_by(Document.id)
    ).all()


def field_values_of(session: Session, contract_id: int) -> dict[str, FieldValue]:
    rows = session.scalars(select(FieldValue).where(FieldValue.contract_id == contract_id))
    return {row.field: row for row in rows}


def category_child(session: Session, parent_id: int | None, name: str) -> Category | None:
    parent_clause = (
        Category.parent_id.is_(None) if parent_id is None else Category.parent_id == parent_id
    )
    return session.scalar(select(Category).where(parent_clause, Category.name == name))


def emails_of_principals(session: Session, principals: Sequence[str]) -> list[str]:
    ids = [int(p.split(":", 1)[1]) for p in principals if p.startswith("user:")]
    if not ids:
        return []
    return sorted(session.scalars(select(User.email).where(User.id.in_(ids))))


def users_by_email(session: Session, emails: Sequence[str]) -> Sequence[User]:
    return session.scalars(select(User).where(User.email.in_(emails))).all()
