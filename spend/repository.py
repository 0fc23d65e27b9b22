"""Queries on spend imports, lines and remembered column mappings. No commits here."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import SpendColumnMapping, SpendImport, User


def column_mapping(session: Session, signature: str) -> SpendColumnMapping | None:
    return session.scalar(
        select(SpendColumnMapping).where(SpendColumnMapping.header_signature == signature))


def remember_mapping(session: Session, signature: str, headers: list[str],
                     mapping: dict[str, str], user: User | None) -> SpendColumnMapping:
    row = column_mapping(session, signature)
    if row is None:
        row = SpendColumnMapping(header_signature=signature, headers=headers, mapping={})
        session.add(row)
    row.headers = headers
    row.mapping = {field: header for field, header in mapping.items() if header}
    row.confirmed_by_id = user.id if user else None
    session.flush()
    return row


def column_mappings(session: Session) -> list[SpendColumnMapping]:
    return list(session.scalars(select(SpendColumnMapping).order_by(SpendColumnMapping.id)))


def spend_import(session: Session, import_id: int) -> SpendImport | None:
    return session.get(SpendImport, import_id)


def recent_imports(session: Session, limit: int = 50) -> list[SpendImport]:
    return list(session.scalars(
        select(SpendImport).order_by(SpendImport.id.desc()).limit(limit)))
