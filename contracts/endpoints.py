"""HTTP API for contracts: /api/v1/contracts and the review of extracted values."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import BaseModel

from contracts import presenter, review, service
from contracts.schemas import ContractCreate, ContractFields, ContractOut, FieldValueOut
from core.http import CurrentUser, DbSession, EditorUser
from core.ids import PathId
from core.models import ReviewState
from core.text import StorableText

router = APIRouter(prefix="/contracts", tags=["contracts"])


class ReviewDecision(StorableText):
    decision: Literal["accept", "correct", "reject"]
    value: Any = None


class ReviewQueueItem(BaseModel):
    contract_id: int
    title: str
    notice_deadline: dt.date | None
    end_date: dt.date | None
    unreviewed_fields: int


_DECISIONS = {
    "accept": ReviewState.ACCEPTED,
    "correct": ReviewState.CORRECTED,
    "reject": ReviewState.REJECTED,
}


def _today() -> dt.date:
    return dt.date.today()


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ContractOut)
def create_contract(body: ContractCreate, user: EditorUser, session: DbSession) -> ContractOut:
    with service_errors():
        contract = service.create_contract(session, user, body, _today())
    session.commit()
    return presenter.contract_out(session, contract)


class ContractSummary(BaseModel):
    id: int
    title: str
    status: str
    supplier: str | None
    end_date: dt.date | None
    notice_deadline: dt.date | None


class ContractPage(BaseModel):
    total: int
    page: int
    page_size: int
    contracts: list[ContractSummary]


@router.get("", response_model=ContractPage)
def list_contracts(
    user: CurrentUser,
    session: DbSession,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    page_size: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ContractPage:
    """The contracts the user may see, newest first (use /search to filter and rank)."""
    total, contracts = service.visible_contracts(session, user, page, page_size)
    return ContractPage(
        total=total, page=page, page_size=page_size,
        contracts=[
            ContractSummary(
                id=c.id, title=c.title, status=service.contract_status(c),
                supplier=c.supplier.name if c.supplier else None,
                end_date=c.computed_end_date or c.end_date, notice_deadline=c.notice_deadline,
            )
            for c in contracts
        ],
    )


@router.get("/review-queue", response_model=list[ReviewQueueItem])
def review_queue(user: CurrentUser, session: DbSession) -> list[ReviewQueueItem]:
    from contracts import repository

    items = []
    for contract in review.review_queue(session, user, _today()):
        rows = repository.field_values_of(session, contract.id).values()
        items.append(ReviewQueueItem(
            contract_id=contract.id, title=contract.title,
            notice_deadline=contract.notice_deadline, end_date=contract.computed_end_date,
            unreviewed_fields=sum(1 for r in rows if r.review_state is ReviewState.SUGGESTED),
        ))
    return items


@router.get("/{contract_id}", response_model=ContractOut)
def get_contract(contract_id: PathId, user: CurrentUser, session: DbSession) -> ContractOut:
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
    return presenter.contract_out(session, contract)


@router.patch("/{contract_id}", response_model=ContractOut)
def update_contract(
    contract_id: PathId, body: ContractFields, user: CurrentUser, session: DbSession
) -> ContractOut:
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
        service.update_contract(session, user, contract, body, _today())
    session.commit()
    return presenter.contract_out(session, contract)


@router.post("/{contract_id}/fields/{field}/review", response_model=FieldValueOut)
def review_field(
    contract_id: PathId, field: str, body: ReviewDecision, user: CurrentUser, session: DbSession
) -> FieldValueOut:
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
        row = review.decide(session, user, contract, field, _DECISIONS[body.decision],
                            _today(), body.value)
    session.commit()
    return presenter.field_value_out(row)


class service_errors:  # noqa: N801 - used as a statement, reads like one
    """Map service exceptions to HTTP answers."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 _tb: object) -> None:
        if exc is None:
            return
        if isinstance(exc, service.ContractNotFoundError | review.FieldNotFoundError):
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from exc
        if isinstance(exc, service.ContractPermissionError):
            raise HTTPException(status.HTTP_403_FORBIDDEN, str(exc)) from exc
        if isinstance(exc, service.ContractInputError):
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
