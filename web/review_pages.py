"""The review queue: contracts with unreviewed extracted values, most urgent first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from contracts import repository, review
from core.http import DbSession
from core.models import Contract, ReviewState
from suppliers.supplier_side import supplier_unclear
from web.common import PageUser, render

router = APIRouter()


@dataclass(frozen=True)
class QueueItem:
    contract: Contract
    unreviewed: int
    low_confidence: int
    supplier_unclear: bool


@router.get("/review", response_class=HTMLResponse, include_in_schema=False)
def review_queue_page(request: Request, user: PageUser, session: DbSession) -> HTMLResponse:
    items = []
    for contract in review.review_queue(session, user, dt.date.today()):
        waiting = [
            row for row in repository.field_values_of(session, contract.id).values()
            if row.review_state is ReviewState.SUGGESTED
        ]
        items.append(QueueItem(
            contract=contract,
            unreviewed=len(waiting),
            low_confidence=sum(
                1 for row in waiting
                if row.confidence is not None and row.confidence < review.LOW_CONFIDENCE
            ),
            supplier_unclear=supplier_unclear(contract),
        ))
    return render(request, "review.html", {"items": items}, user=user)
