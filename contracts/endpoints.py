"""HTTP API for contracts: /api/v1/contracts and the review of extracted values."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import BaseModel

from contracts import presenter, review, service
from contracts.schemas import ContractCreate, ContractFields, ContractOut, FieldValueOut
from contracts.stored_deadlines import contract_status
from core.http import CurrentUser, DbSession, EditorUser, settings_of
from core.ids import PathId
from core.models import ReviewState
from core.text import StorableText
from suppliers.supplier_side import Organisation, supplier_unclear

router = APIRouter(prefix="/contracts", tags=["contracts"])


class ReviewDecision(StorableText):
    decision: Literal["accept", "correct", "reject"]
    value: Any = None


class ReviewQueueItem(BaseModel):
    contract_id: int
    title: str
    status: str
    notice_deadline: dt.date | None
    end_date: dt.date | None
    unreviewed_fields: int
    supplier_unclear: bool


_DECISIONS = {
    "accept": ReviewState.ACCEPTED,
    "correct": ReviewState.CORRECTED,
    "reject": ReviewState.REJECTED,
}


def _today() -> dt.date:
    return dt.date.today()


def _organisation(request: Request) -> Organisation:
    return Organisation.from_settings(settings_of(request))


OurOrganisation = Annotated[Organisation, Depends(_organisation)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ContractOut)
def create_contract(
    body: ContractCreate, user: EditorUser, session: DbSession, organisation: OurOrganisation
) -> ContractOut:
    with service_errors():
        contract = service.create_contract(session, user, body, _today(),
                                           organisation=organisation)
    session.commit()
    return presenter.contract_out(session, contract)


class ContractSummary(BaseModel):
    id: int
    title: str
    status: str
    supplier: str | None
    end_date: dt.date | None  # the current term's end, after renewals
    next_renewal_date: dt.date | None
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
    archived: Annotated[bool, Query(description="include archived contracts")] = False,
) -> ContractPage:
    """The contracts the user may see, newest first (use /search to filter and rank)."""
    total, contracts = service.visible_contracts(session, user, page, page_size, archived)
    return ContractPage(
        total=total, page=page, page_size=page_size,
        contracts=[
            ContractSummary(
                id=c.id, title=c.title, status=contract_status(c),
                supplier=c.supplier.name if c.supplier else None,
                end_date=c.current_term_end, next_renewal_date=c.next_renewal_date,
                notice_deadline=c.notice_deadline,
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
            contract_id=contract.id, title=contract.title, status=contract_status(contract),
            notice_deadline=contract.notice_deadline, end_date=contract.current_term_end,
            unreviewed_fields=sum(1 for r in rows if r.review_state is ReviewState.SUGGESTED),
            supplier_unclear=supplier_unclear(contract),
        ))
    return items


@router.get("/{contract_id}", response_model=ContractOut)
def get_contract(contract_id: PathId, user: CurrentUser, session: DbSession) -> ContractOut:
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
    return presenter.contract_out(session, contract)


@router.patch("/{contract_id}", response_model=ContractOut)
def update_contract(
    contract_id: PathId, body: ContractFields, user: CurrentUser, session: DbSession,
    organisation: OurOrganisation,
) -> ContractOut:
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
        service.update_contract(session, user, contract, body, _today(),
                                organisation=organisation)
    session.commit()
    return presenter.contract_out(session, contract)


@router.post("/{contract_id}/fields/{field}/review", response_model=FieldValueOut)
def review_field(
    contract_id: PathId, field: str, body: ReviewDecision, user: CurrentUser, session: DbSession,
    organisation: OurOrganisation,
) -> FieldValueOut:
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
        row = review.decide(session, user, contract, field, _DECISIONS[body.decision],
                            _today(), body.value, organisation)
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
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
