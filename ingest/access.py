"""Who may see a document: whoever may see its contract; before it has one, its uploader
and admins."""

from __future__ import annotations

from sqlalchemy.orm import Session

from contracts.repository import get_contract
from core.models import Document, Role, User
from core.principals import may_see


class DocumentNotFoundError(LookupError):
    pass


def visible_document(session: Session, user: User, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None or not may_see_document(session, user, document):
        raise DocumentNotFoundError(f"document {document_id} not found")
    return document


def may_see_document(session: Session, user: User, document: Document) -> bool:
    if document.contract_id is not None:
        contract = get_contract(session, document.contract_id)
        return contract is not None and may_see(user, contract)
    return user.role is Role.ADMIN or document.uploaded_by_id == user.id
