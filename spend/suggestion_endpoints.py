"""HTTP API for the review queue of doubtful spend-to-supplier matches: a spelling that
resembles a supplier waits here, unmatched, until a person confirms it (the spelling
becomes the supplier's alias and its lines are matched) or rejects it (it stays unmatched
and is not suggested again)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, status
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import audit
from core.http import CurrentUser, DbSession, EditorUser
from core.ids import PathId
from core.models import SpendLine, SupplierSuggestion
from spend import matching
from suppliers import service as suppliers

router = APIRouter(prefix="/spend/supplier-suggestions", tags=["spend"])


class SuggestionOut(BaseModel):
    id: int
    spelling: str
    supplier_id: int
    supplier: str
    score: float
    ambiguous: bool
    lines: int


class ConfirmedOut(BaseModel):
    spelling: str
    supplier_id: int
    lines_matched: int


@router.get("", response_model=list[SuggestionOut])
def list_suggestions(_user: CurrentUser, session: DbSession) -> list[SuggestionOut]:
    rows = session.scalars(select(SupplierSuggestion).where(SupplierSuggestion.rejected.is_(False))
                           .order_by(SupplierSuggestion.score.desc(), SupplierSuggestion.id))
    return [SuggestionOut(id=s.id, spelling=s.spelling, supplier_id=s.supplier_id,
                          supplier=s.supplier.name, score=s.score, ambiguous=s.ambiguous,
                          lines=_lines(session, s.spelling)) for s in rows]


@router.post("/{suggestion_id}/confirm", response_model=ConfirmedOut)
def confirm(suggestion_id: PathId, user: EditorUser, session: DbSession) -> ConfirmedOut:
    suggestion = _found(session, suggestion_id)
    supplier = suppliers.get_supplier(session, suggestion.supplier_id)
    try:
        suppliers.add_alias(session, supplier, suggestion.spelling)
    except suppliers.SupplierConflictError as error:
        raise HTTPException(status.HTTP_409_CONFLICT, str(error)) from error
    spelling = suggestion.spelling
    session.delete(suggestion)
    session.flush()
    matching.rematch_spelling(session, spelling)
    audit.record(session, actor_id=user.id, action="supplier.alias_confirmed",
                 entity_type="supplier", entity_id=supplier.id, detail={"alias": spelling})
    matched = int(session.scalar(select(func.count()).where(
        SpendLine.supplier_name == spelling, SpendLine.supplier_id == supplier.id)) or 0)
    session.commit()
    return ConfirmedOut(spelling=spelling, supplier_id=supplier.id, lines_matched=matched)


@router.post("/{suggestion_id}/reject", status_code=status.HTTP_204_NO_CONTENT)
def reject(suggestion_id: PathId, user: EditorUser, session: DbSession) -> None:
    suggestion = _found(session, suggestion_id)
    suggestion.rejected = True
    audit.record(session, actor_id=user.id, action="supplier.suggestion_rejected",
                 entity_type="supplier", entity_id=suggestion.supplier_id,
                 detail={"spelling": suggestion.spelling})
    session.commit()


def _found(session: Session, suggestion_id: int) -> SupplierSuggestion:
    suggestion = session.get(SupplierSuggestion, suggestion_id)
    if suggestion is None or suggestion.rejected:
        raise HTTPException(status.HTTP_404_NOT_FOUND,
                            f"supplier suggestion {suggestion_id} not found")
    return suggestion


def _lines(session: Session, spelling: str) -> int:
    return int(session.scalar(select(func.count()).where(
        SpendLine.supplier_name == spelling)) or 0)
