"""The stored page texts that extracted values point at, for showing evidence in context."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.models import Document, DocumentPage


def page_text(session: Session, contract_id: int, document_id: int, page: int) -> str | None:
    """The text of a 1-based page of one of the contract's documents; None when the
    document is not the contract's or has no such page. The caller has checked that the
    user may see the contract."""
    return session.scalar(
        select(DocumentPage.text)
        .join(Document, Document.id == DocumentPage.document_id)
        .where(
            Document.id == document_id,
            Document.contract_id == contract_id,
            DocumentPage.number == page,
        )
    )
