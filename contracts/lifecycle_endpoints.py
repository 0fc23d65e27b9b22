"""`/api/v1/contracts/{id}/events`, archive, restore and delete: a contract's life."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Response, status
from pydantic import Field

from contracts import lifecycle, presenter, service
from contracts.endpoints import service_errors
from contracts.schemas import ContractEventOut, ContractFields, ContractOut
from core.filestore import FileStore
from core.http import CurrentUser, DbSession, files_of
from core.ids import PathId
from core.models import LifecycleKind
from core.text import StorableText

router = APIRouter(prefix="/contracts", tags=["contracts"])


class ContractEventIn(StorableText):
    kind: LifecycleKind
    occurred_on: dt.date = Field(description="notice given on, option exercised on, "
                                             "termination effective on, renewed on")
    note: str = Field(default="", max_length=5000)
    document_id: int | None = Field(default=None, ge=1, le=2**31 - 1)
    new_terms: ContractFields | None = Field(
        default=None, description="for kind 'renewed': the terms that change")


def _today() -> dt.date:
    return dt.date.today()


@router.get("/{contract_id}/events", response_model=list[ContractEventOut])
def list_events(
    contract_id: PathId, user: CurrentUser, session: DbSession
) -> list[ContractEventOut]:
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
    return [presenter.event_out(e) for e in contract.events]


@router.post("/{contract_id}/events", response_model=ContractEventOut,
             status_code=status.HTTP_201_CREATED)
def record_event(
    contract_id: PathId, body: ContractEventIn, user: CurrentUser, session: DbSession
) -> ContractEventOut:
    """Record notice given, an option exercised, an early termination or a renewal on new
    terms. The contract's deadlines, search entry and alerts follow at once."""
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
        event = lifecycle.record_event(
            session, user, contract, kind=body.kind, occurred_on=body.occurred_on,
            today=_today(), note=body.note, document_id=body.document_id,
            new_terms=body.new_terms,
        )
    session.commit()
    return presenter.event_out(event)


@router.delete("/{contract_id}/events/{event_id}", response_model=ContractEventOut)
def withdraw_event(
    contract_id: PathId, event_id: PathId, user: CurrentUser, session: DbSession
) -> ContractEventOut:
    """Withdraw a recorded event (kept in the history and the audit log)."""
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
        event = lifecycle.withdraw_event(session, user, contract, event_id, _today())
    session.commit()
    return presenter.event_out(event)


@router.post("/{contract_id}/archive", response_model=ContractOut)
def archive(contract_id: PathId, user: CurrentUser, session: DbSession) -> ContractOut:
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
        lifecycle.archive(session, user, contract, _today())
    session.commit()
    return presenter.contract_out(session, contract)


@router.post("/{contract_id}/restore", response_model=ContractOut)
def restore(contract_id: PathId, user: CurrentUser, session: DbSession) -> ContractOut:
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
        lifecycle.restore(session, user, contract, _today())
    session.commit()
    return presenter.contract_out(session, contract)


@router.delete("/{contract_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(
    contract_id: PathId,
    user: CurrentUser,
    session: DbSession,
    files: Annotated[FileStore, Depends(files_of)],
) -> Response:
    """Delete a contract and its documents for good (administrators only; audited)."""
    with service_errors():
        contract = service.visible_contract(session, user, contract_id)
        hashes = lifecycle.delete_contract(session, user, contract)
    session.commit()
    for sha256 in hashes:
        files.remove(sha256)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
